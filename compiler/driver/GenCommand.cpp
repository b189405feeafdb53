// policyc gen KIND FILE [-o OUT]: run one backend on a checked policy. Nothing is written
// when the policy has errors; outputs are written atomically and left alone when unchanged.
#include "driver/Commands.h"
#include "driver/Pipeline.h"

#include "basic/OutputFile.h"
#include "gen/Generator.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
struct Backend {
  const char *name;
  const char *description;
  gen::GeneratorFunction generate;
};

/// Every backend of `policyc gen`.
constexpr Backend kBackends[] = {
    {"json", "the resolved model as JSON (docs/json-ir.md)", gen::generateJson},
};

cl::opt<std::string> Kind(cl::Positional, cl::Required, cl::value_desc("kind"),
                          cl::desc("<what to generate: json>"), cl::sub(genCommand()));
cl::opt<std::string> File(cl::Positional, cl::Required, cl::value_desc("file"),
                          cl::desc("<policy file>"), cl::sub(genCommand()));
cl::opt<std::string> Output("o", cl::init("-"), cl::value_desc("path"),
                            cl::desc("Output file ('-', the default, is standard output)"),
                            cl::sub(genCommand()));
} // namespace

int runGen() {
  const Backend *backend = nullptr;
  for (const Backend &candidate : kBackends)
    if (Kind == candidate.name)
      backend = &candidate;
  if (!backend) {
    llvm::errs() << "policyc gen: error: unknown output kind '" << Kind << "'; known:";
    for (const Backend &candidate : kBackends)
      llvm::errs() << " " << candidate.name;
    llvm::errs() << "\n";
    return ExitUsage;
  }

  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, /*verify=*/false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  CompiledPolicy policy = compilePolicy(File, sources, diags);
  if (policy.ioError || !policy.model || diags.hasErrors())
    return setup.finish(policy.ioError);

  gen::GeneratorOptions options;
  options.sourcePath = File;
  std::string text;
  llvm::raw_string_ostream out(text);
  gen::GeneratorContext context{*policy.model, sources, options, diags};
  bool generated = backend->generate(context, out);
  out.flush();
  if (!generated || diags.hasErrors()) {
    diags.report(llvm::SMRange(), diag::err_output_not_written);
    return setup.finish(false);
  }
  WriteResult written = writeOutputFile(Output, text);
  if (written.outcome == WriteOutcome::Failed) {
    diags.report(llvm::SMRange(), diag::err_cannot_write_output, written.error);
    return setup.finish(/*ioError=*/true);
  }
  return setup.finish(false);
}

} // namespace policyc::driver
