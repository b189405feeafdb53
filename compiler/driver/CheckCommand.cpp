// policyc check FILE...: every file is a policy on its own (with what it imports).
#include "driver/Commands.h"

#include "driver/Pipeline.h"
#include "driver/ProjectOptions.h"

#include "llvm/Support/SourceMgr.h"

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
cl::list<std::string> Files(cl::Positional, cl::OneOrMore, cl::value_desc("file"),
                            cl::desc("<policy files ('-' reads standard input)>"),
                            cl::sub(checkCommand()));

cl::opt<bool> Verify("verify",
                     cl::desc("Check the diagnostics against the expected-error, "
                              "expected-warning and expected-note comments in the files"),
                     cl::sub(checkCommand()));

// Linters call this --exit-zero (flake8, pylint): report every finding but let the run
// succeed, for a first look at a policy known to have contradictions. An unreadable file or a
// bad option still exits 2.
cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit with 0 even when errors are reported (I/O and usage "
                                "errors still exit with 2)"),
                       cl::sub(checkCommand()));
} // namespace

int runCheck() {
  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, Verify))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  bool ioError = false;
  for (const std::string &file : Files) {
    if (diags.stopped())
      break;
    bool configFailed = false;
    const ProjectConfig *config = projectConfigFor(file, sources, diags, configFailed);
    if (configFailed) {
      ioError = true;
      continue;
    }
    setup.useConfig(config);
    CompiledPolicy policy = compilePolicy(file, sources, diags, config);
    ioError |= policy.ioError;
  }
  int status = setup.finish(ioError);
  return ExitZero && status == ExitFindings ? ExitClean : status;
}

} // namespace policyc::driver
