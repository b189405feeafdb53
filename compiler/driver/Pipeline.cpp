#include "driver/Pipeline.h"

#include "basic/DiagnosticEngine.h"
#include "check/Checker.h"
#include "driver/Commands.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <ctime>

namespace policyc::driver {

namespace {
llvm::cl::opt<bool> TimeReport("ftime-report",
                               llvm::cl::desc("Print the time spent loading and parsing, in "
                                              "semantic analysis and in the checker"),
                               llvm::cl::sub(checkCommand()), llvm::cl::sub(genCommand()));

/// Wall-clock and processor time, in seconds: on a shared machine the two differ.
struct Stamp {
  double wall;
  double cpu;

  static Stamp now() {
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    return {wall, static_cast<double>(std::clock()) / CLOCKS_PER_SEC};
  }
};
} // namespace

CompiledPolicy compilePolicy(llvm::StringRef path, llvm::SourceMgr &sources,
                             DiagnosticEngine &diags, const ProjectConfig *config) {
  CompiledPolicy result;
  unsigned errorsBefore = diags.errorCount();
  Stamp start = Stamp::now();
  result.compilation = std::make_unique<Compilation>(sources, diags);
  if (!result.compilation->loadRoot(path)) {
    result.ioError = true;
    return result;
  }
  Stamp parsed = Stamp::now();
  result.model = result.compilation->analyze();
  // Nothing after sema reads the syntax trees.
  result.compilation->releaseSyntaxTrees();
  Stamp analyzed = Stamp::now();
  // The checker reasons about a sound model only: after an error, names may be missing.
  bool checked = result.model && diags.errorCount() == errorsBefore && !diags.stopped();
  if (checked)
    check::runChecks(*result.model, diags, checkOptions(config));
  // Only after every finding is it known which suppressions silenced nothing.
  result.compilation->reportSuppressionProblems(checked && !diags.stopped());
  Stamp checkedAt = Stamp::now();
  if (TimeReport)
    llvm::errs() << llvm::format("policyc: time: %s: load and parse %.3f s (cpu %.3f s), sema "
                                 "%.3f s (cpu %.3f s), check %.3f s (cpu %.3f s)\n",
                                 path.str().c_str(), parsed.wall - start.wall,
                                 parsed.cpu - start.cpu, analyzed.wall - parsed.wall,
                                 analyzed.cpu - parsed.cpu, checkedAt.wall - analyzed.wall,
                                 checkedAt.cpu - analyzed.cpu);
  return result;
}

} // namespace policyc::driver
