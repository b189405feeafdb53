// policyc gen KIND FILE [-o OUT]: run one backend on a checked policy. Nothing is written
// when the policy has errors; outputs are written atomically and left alone when unchanged.
#include "driver/Commands.h"
#include "driver/Pipeline.h"
#include "driver/ProjectOptions.h"

#include "basic/OutputFile.h"
#include "gen/Generator.h"
#include "gen/cpp/CppNames.h"

#include "llvm/Support/FileSystem.h"
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
    {"text", "the privacy policy people read, Markdown or HTML (--format)", gen::generateText},
    {"cpp", "a C++17 header that enforces the policy (docs/cpp-api.md)", gen::generateCpp},
    {"cedar", "the policy as a Cedar policy set (docs/cpp-api.md)", gen::generateCedar},
    {"cedar-entities", "the vocabularies as Cedar entities (JSON)", gen::generateCedarEntities},
};

cl::opt<std::string> Kind(cl::Positional, cl::Required, cl::value_desc("kind"),
                          cl::desc("<what to generate: json, text, cpp, cedar, cedar-entities>"),
                          cl::sub(genCommand()));
cl::opt<std::string> File(cl::Positional, cl::Required, cl::value_desc("file"),
                          cl::desc("<policy file>"), cl::sub(genCommand()));
cl::opt<std::string> TextFormat("format", cl::init("md"), cl::value_desc("md|html"),
                                cl::desc("Format of 'gen text': md (Markdown, the default) or "
                                         "html (one standalone HTML5 file)"),
                                cl::sub(genCommand()));
cl::opt<std::string> Namespace("namespace", cl::value_desc("ns"),
                               cl::desc("C++ namespace of 'gen cpp' (e.g. acme::privacy); the "
                                        "default is the policy file's name"),
                               cl::sub(genCommand()));
cl::opt<std::string> DepFile("depfile", cl::value_desc("path"),
                             cl::desc("Also write a Makefile-style dependency file naming the "
                                      "policy and every file it imports (for build systems)"),
                             cl::sub(genCommand()));
cl::opt<std::string> Output("o", cl::init("-"), cl::value_desc("path"),
                            cl::desc("Output file ('-', the default, is standard output)"),
                            cl::sub(genCommand()));

/// `output: input...` in Makefile syntax with absolute paths, as Ninja and Make read it.
std::string dependencyFile(llvm::StringRef output, llvm::ArrayRef<std::string> inputs) {
  auto escaped = [](llvm::StringRef path) {
    llvm::SmallString<256> absolute(path);
    llvm::sys::fs::make_absolute(absolute);
    std::string result;
    for (char c : absolute) {
      if (c == ' ' || c == '#' || c == '\\')
        result.push_back('\\');
      else if (c == '$')
        result.push_back('$');
      result.push_back(c);
    }
    return result;
  };
  std::string text = escaped(output) + ":";
  for (const std::string &input : inputs)
    if (input != "-")
      text += " \\\n  " + escaped(input);
  return text + "\n";
}
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
  if (TextFormat != "md" && TextFormat != "html") {
    llvm::errs() << "policyc gen: error: unknown text format '" << TextFormat
                 << "'; known: md html\n";
    return ExitUsage;
  }

  if (!Namespace.empty()) {
    if (std::optional<std::string> problem = gen::cpp::checkNamespace(Namespace)) {
      llvm::errs() << "policyc gen: error: invalid --namespace '" << Namespace << "': " << *problem
                   << "\n";
      return ExitUsage;
    }
  }

  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, /*verify=*/false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  bool configFailed = false;
  const ProjectConfig *config = projectConfigFor(File, sources, diags, configFailed);
  if (configFailed)
    return setup.finish(/*ioError=*/true);
  setup.useConfig(config);

  gen::GeneratorOptions options;
  options.sourcePath = File;
  options.textFormat = TextFormat;
  options.cppNamespace = Namespace;
  // The command line wins over the project configuration.
  if (config && config->textFormat && TextFormat.getNumOccurrences() == 0)
    options.textFormat = config->textFormat->value;
  if (config && config->cppNamespace && Namespace.getNumOccurrences() == 0) {
    options.cppNamespace = config->cppNamespace->value;
    if (std::optional<std::string> problem = gen::cpp::checkNamespace(options.cppNamespace)) {
      diags.report(config->cppNamespace->range, diag::err_config_value, "namespace", *problem);
      return setup.finish(/*ioError=*/true);
    }
  }

  CompiledPolicy policy = compilePolicy(File, sources, diags, config);
  if (policy.ioError || !policy.model || diags.hasErrors())
    return setup.finish(policy.ioError);

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
  if (!DepFile.empty()) {
    // A changed configuration (profiles, -W flags, namespace) must regenerate the output.
    std::vector<std::string> inputs = policy.model->files;
    if (config)
      inputs.push_back(config->path);
    written = writeOutputFile(DepFile, dependencyFile(Output, inputs));
    if (written.outcome == WriteOutcome::Failed) {
      diags.report(llvm::SMRange(), diag::err_cannot_write_output, written.error);
      return setup.finish(/*ioError=*/true);
    }
  }
  return setup.finish(false);
}

} // namespace policyc::driver
