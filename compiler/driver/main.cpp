// policyc: the policy-as-code compiler. Dispatches to the subcommands.
#include "driver/Commands.h"

#include "basic/Diagnostic.h"
#include "basic/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
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
/// The memory policyc may use, as address space (which is what a failed allocation is
/// measured against): the limits of basic/Limits.h are set so that the largest policy they
/// admit stays far below it (docs/robustness.md, "Memory"); past it, the run ends with an
/// error rather than being killed by the system or aborting. Never raised above what the
/// environment allows (`ulimit -v`); not applied under AddressSanitizer, whose shadow memory
/// needs terabytes of address space.
constexpr uint64_t kMemoryBudget = 8ull << 30;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

cl::opt<uint64_t> MemoryBudget("memory-budget", cl::Hidden, cl::init(kMemoryBudget),
                               cl::value_desc("bytes"),
                               cl::desc("Address space policyc may use (tests lower it)"),
                               cl::sub(*cl::AllSubCommands));

void applyMemoryBudget() {
  if (kSanitized)
    return;
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) != 0)
    return;
  rlim_t budget = static_cast<rlim_t>(MemoryBudget.getValue());
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur <= budget)
    return;
  limit.rlim_cur = budget;
  ::setrlimit(RLIMIT_AS, &limit);
}

/// An allocation failed: past the memory budget, or the machine has no more. Reported
/// without allocating, temporary outputs removed, exit 2: an error, never an abort.
[[noreturn]] void outOfMemory() {
  static const char message[] =
      "policyc: error: out of memory: the policy needs more memory than policyc may use "
      "(docs/robustness.md, \"Memory\")\n";
  (void)!::write(STDERR_FILENO, message, sizeof message - 1);
  llvm::sys::RunInterruptHandlers();
  std::_Exit(driver::ExitUsage);
}

void outOfMemoryInLLVM(void *, const char *, bool) {
  outOfMemory();
}
} // namespace

int main(int argc, char **argv) {
  occupyClosedStandardDescriptors();
  // A closed pipe is an I/O error (exit 2), reported like any failed write, rather than
  // LLVM's exit 74 on SIGPIPE; a file size limit (RLIMIT_FSIZE) likewise, not SIGXFSZ.
  llvm::InitLLVM initLLVM(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  // After InitLLVM, whose handlers abort on a failed allocation.
  std::set_new_handler(outOfMemory);
  llvm::remove_bad_alloc_error_handler();
  llvm::install_bad_alloc_error_handler(outOfMemoryInLLVM);
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
      {driver::testCommand(), driver::runTest},
      // The policy author's tools around the compiler.
      {driver::fmtCommand(), driver::runFmt},
      {driver::diffCommand(), driver::runDiff},
      {driver::initCommand(), driver::runInit},
      {driver::lspCommand(), driver::runLsp},
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
          << (suggestion.empty() ? "; the commands are check, gen, query, test, fmt, diff, init "
                                   "and lsp (policyc --help)"
                                 : didYouMean(suggestion))
          << "\n";
      return driver::ExitUsage;
    }
  }
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "policyc: a compiler for privacy policies\n\n"
                                   "  policyc check FILE...           check policies\n"
                                   "  policyc gen KIND FILE -o OUT    generate code or text\n"
                                   "  policyc query FILE OPTIONS...   ask for one decision\n"
                                   "  policyc test FILE...            run decision tests\n"
                                   "  policyc fmt FILE...             format policies\n"
                                   "  policyc init [DIR]              start a project\n"
                                   "  policyc diff OLD NEW            compare two versions\n"
                                   "  policyc lsp                     run the language server\n",
                                   &llvm::errs()))
    return driver::ExitUsage;
  applyMemoryBudget();
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
