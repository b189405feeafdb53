// Prints diagnostics the clang way: file:line:col: error: message [-Wflag], the source line,
// a caret and range, fix-its, and notes. Source lines are printed safely: control characters
// and invalid UTF-8 are spelled out, and very long lines are cut to a window at the caret.
#ifndef POLICYC_BASIC_TEXTDIAGNOSTICPRINTER_H
#define POLICYC_BASIC_TEXTDIAGNOSTICPRINTER_H

#include "basic/Diagnostic.h"

#include <string>

namespace llvm {
class raw_ostream;
}

namespace policyc {

class TextDiagnosticPrinter : public DiagnosticConsumer {
public:
  TextDiagnosticPrinter(llvm::raw_ostream &out, bool useColors, std::string programName = "policyc")
      : out(out), useColors(useColors), programName(std::move(programName)) {}

  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override;
  void finish(const llvm::SourceMgr &sources) override;

private:
  void print(llvm::SMRange range, Severity severity, llvm::StringRef message,
             llvm::ArrayRef<FixIt> fixIts, const llvm::SourceMgr &sources);
  void printLabel(Severity severity);

  llvm::raw_ostream &out;
  bool useColors;
  std::string programName;
};

} // namespace policyc

#endif
