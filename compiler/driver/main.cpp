// policyc: the policy-as-code compiler. Dispatches to the subcommands.
#include "driver/Commands.h"

#include "basic/Diagnostic.h"
#include "basic/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#ifndef POLICYC_VERSION
#define POLICYC_VERSION "unknown"
#endif

namespace cl = llvm::cl;
using namespace policyc;

namespace {
cl::opt<bool> ListDiagnostics("list-diagnostics",
                              cl::desc("Print the table of every diagnostic as JSON and exit"));

void printVersion(llvm::raw_ostream &out) {
  out << "policyc " << POLICYC_VERSION << "\n";
}

void listDiagnostics() {
  llvm::json::Array rows;
  for (const DiagnosticInfo &info : allDiagnostics()) {
    llvm::StringRef diagClass = diagnosticClassName(info.diagClass);
    rows.push_back(llvm::json::Object{
        {"id", info.id}, {"class", diagClass}, {"flag", info.flag}, {"message", info.message}});
  }
  llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(rows))) << "\n";
}

/// Standard input, output and error closed by whoever started policyc are taken by /dev/null
/// opened the wrong way round, so that every read or write on them fails (EBADF) as on a
/// closed descriptor, but no file that policyc opens can take their numbers: an output file
/// opened as descriptor 2 would otherwise receive the diagnostics.
void occupyClosedStandardDescriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1)
      continue;
    int opened = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (opened >= 0 && opened != fd) {
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
}

/// Run at exit, also when the command line library exits (--help, --version): output that
/// could not be written (a closed pipe, a full disk, a closed descriptor) is an I/O error,
/// exit 2, with a message where one can still be shown. Without this, LLVM's streams would
/// report the error as a crash when they are destroyed.
void checkStandardStreamsAtExit() {
  llvm::outs().flush();
  bool failed = false;
  for (llvm::raw_fd_ostream *stream : {&llvm::outs(), &llvm::errs()}) {
    if (!stream->has_error())
      continue;
    std::string message = "policyc: error: cannot write standard " +
                          std::string(stream == &llvm::outs() ? "output" : "error") + ": " +
                          stream->error().message() + "\n";
    stream->clear_error();
    failed = true;
    (void)!::write(STDERR_FILENO, message.data(), message.size());
  }
  if (failed)
    std::_Exit(driver::ExitUsage);
}
} // namespace

int main(int argc, char **argv) {
  occupyClosedStandardDescriptors();
  // A closed pipe is an I/O error (exit 2), reported like any failed write, rather than
  // LLVM's exit 74 on SIGPIPE; a file size limit (RLIMIT_FSIZE) likewise, not SIGXFSZ.
  llvm::InitLLVM initLLVM(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  // Registered after the streams exist, so it runs before they are destroyed.
  llvm::outs();
  llvm::errs();
  std::atexit(checkStandardStreamsAtExit);
  cl::SetVersionPrinter(printVersion);
  // Every subcommand with the function that runs it; created before parsing.
  struct Command {
    cl::SubCommand &subcommand;
    int (*run)();
  };
  const Command commands[] = {
      {driver::checkCommand(), driver::runCheck},
      {driver::genCommand(), driver::runGen},
      {driver::queryCommand(), driver::runQuery},
  };
  // A mistyped command would otherwise reach LLVM as two "unknown argument" lines.
  if (argc > 1 && argv[1][0] != '-' && argv[1][0] != '@') {
    llvm::StringRef word = argv[1];
    std::vector<std::string> names;
    for (const Command &command : commands)
      names.push_back(command.subcommand.getName().str());
    if (!llvm::is_contained(names, word)) {
      std::string suggestion = closestMatch(word, names);
      llvm::WithColor::error(llvm::errs(), "policyc")
          << "unknown command '" << word << "'"
          << (suggestion.empty() ? "; the commands are check, gen and query (policyc --help)"
                                 : didYouMean(suggestion))
          << "\n";
      return driver::ExitUsage;
    }
  }
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "policyc: a compiler for privacy policies\n\n"
                                   "  policyc check FILE...           check policies\n"
                                   "  policyc gen KIND FILE -o OUT    generate code or text\n"
                                   "  policyc query FILE OPTIONS...   ask for one decision\n",
                                   &llvm::errs()))
    return driver::ExitUsage;
  try {
    for (const Command &command : commands)
      if (command.subcommand)
        return command.run();
    if (ListDiagnostics) {
      listDiagnostics();
      return driver::ExitClean;
    }
  } catch (const std::exception &error) {
    llvm::WithColor::error(llvm::errs(), "policyc")
        << "internal error: " << error.what() << "; please report this\n";
    return driver::ExitUsage;
  }
  llvm::WithColor::error(llvm::errs(), "policyc")
      << "no command given; try 'policyc check FILE' or 'policyc --help'\n";
  return driver::ExitUsage;
}
