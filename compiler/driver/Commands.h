// The subcommands of `policyc` and the options they share. Subcommands are created on first
// use (function-local statics) so that options in any file can attach to them regardless of
// static initialisation order.
#ifndef POLICYC_DRIVER_COMMANDS_H
#define POLICYC_DRIVER_COMMANDS_H

#include "basic/DiagnosticEngine.h"
#include "check/Checker.h"
#include "frontend/ProjectConfig.h"

#include "llvm/Support/CommandLine.h"

#include <memory>

namespace policyc::driver {

/// Exit codes (docs/cli.md): 0 clean (warnings allowed), 1 findings at error level (or
/// warnings under -Werror), 2 usage, configuration or I/O error.
enum ExitCode : int { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

llvm::cl::SubCommand &checkCommand();
llvm::cl::SubCommand &genCommand();
llvm::cl::SubCommand &queryCommand();
llvm::cl::SubCommand &lspCommand();
llvm::cl::SubCommand &fmtCommand();
llvm::cl::SubCommand &initCommand();
llvm::cl::SubCommand &testCommand();
llvm::cl::SubCommand &diffCommand();
llvm::cl::OptionCategory &diagnosticCategory();

/// What --profile asked the checker for (empty for commands without the option); without
/// --profile, what the project configuration asks for.
check::CheckOptions checkOptions(const ProjectConfig *config = nullptr);

/// Diagnostics as the shared options ask for them: consumer, engine and exit status.
class DiagnosticSetup {
public:
  /// Builds the consumer and options from the command line; false after printing a usage
  /// error (exit 2). `verify` installs the -verify consumer.
  bool initialize(llvm::SourceMgr &sources, bool verify);
  DiagnosticEngine &engine() { return *diagnosticEngine; }
  /// The -W options of `config` (none for nullptr), then those of the command line, for the
  /// diagnostics of the policy compiled next.
  void useConfig(const ProjectConfig *config);
  /// Finishes output and returns the exit code the diagnostics call for.
  int finish(bool ioError);

private:
  static void printSummary(unsigned warnings, unsigned errors);

  std::unique_ptr<DiagnosticConsumer> consumer;
  std::unique_ptr<DiagnosticEngine> diagnosticEngine;
  bool verifyMode = false;
  bool textMode = false; ///< the human-readable printer: ends with a count, as clang does
};

int runCheck();
int runGen();
int runQuery();
int runLsp();
int runFmt();
int runInit();
int runTest();
int runDiff();

} // namespace policyc::driver

#endif
