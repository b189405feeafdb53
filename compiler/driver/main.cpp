// policyc: the policy-as-code compiler. Dispatches to the subcommands.
#include "driver/Commands.h"

#include "basic/Diagnostic.h"
#include "basic/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <exception>
#include <string>
#include <vector>

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
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
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
      // The policy author's tools around the compiler.
      {driver::fmtCommand(), driver::runFmt},
      {driver::initCommand(), driver::runInit},
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
          << (suggestion.empty()
                  ? "; the commands are check, gen, query, fmt and init (policyc --help)"
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
                                   "  policyc fmt FILE...             format policies\n"
                                   "  policyc init [DIR]              start a project\n",
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
