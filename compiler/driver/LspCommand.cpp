// policyc lsp: the language server, on standard input and output (docs/lsp.md).
#include "driver/Commands.h"

#include "format/Formatter.h"
#include "lsp/Server.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <unistd.h>

namespace cl = llvm::cl;

namespace policyc::driver {

cl::SubCommand &lspCommand() {
  static cl::SubCommand command(
      "lsp", "Run the language server on standard input and output (for editors; docs/lsp.md)");
  return command;
}

namespace {
cl::list<std::string>
    LspWarningOptions("W", cl::Prefix, cl::value_desc("flag"),
                      cl::desc("As for check: -W<flag>, -Wno-<flag>, -Werror, -Werror=<flag>"),
                      cl::sub(lspCommand()));

cl::list<check::Profile> LspProfiles(
    "profile", cl::CommaSeparated, cl::value_desc("law"),
    cl::desc("Also check what a regulation requires (as for check)"),
    cl::values(clEnumValN(check::Profile::Gdpr, "gdpr", "EU General Data Protection Regulation"),
               clEnumValN(check::Profile::Ccpa, "ccpa", "California Consumer Privacy Act")),
    cl::sub(lspCommand()));

cl::opt<bool> Log("log", cl::desc("Log each message and analysis on standard error"),
                  cl::sub(lspCommand()));
} // namespace

int runLsp() {
  lsp::ServerOptions options;
  options.version = POLICYC_VERSION;
  for (const std::string &arg : LspWarningOptions) {
    WarningOptionResult result = applyWarningOption(options.analysis.diagnostics, arg);
    if (result.status != WarningOptionResult::Applied) {
      llvm::WithColor::error(llvm::errs(), "policyc")
          << "'-W" << arg << "': "
          << (result.status == WarningOptionResult::UnknownFlag ? "unknown warning option"
                                                                : "this group cannot be disabled")
          << (result.suggestion.empty() ? "" : didYouMean("-W" + result.suggestion)) << "\n";
      return ExitUsage;
    }
  }
  for (check::Profile profile : LspProfiles)
    if (std::find(options.analysis.check.profiles.begin(), options.analysis.check.profiles.end(),
                  profile) == options.analysis.check.profiles.end())
      options.analysis.check.profiles.push_back(profile);
  if (Log)
    options.log = &llvm::errs();
  // The one formatter, `policyc fmt`'s: the server offers formatting through it.
  options.format = [](llvm::StringRef text) { return format::formatSource(text); };
  // Standard output carries the protocol: nothing else may write to it.
  llvm::raw_fd_ostream out(STDOUT_FILENO, /*shouldClose=*/false, /*unbuffered=*/false);
  lsp::FileDescriptorSource in(STDIN_FILENO);
  return lsp::runServer(in, out, std::move(options));
}

} // namespace policyc::driver
