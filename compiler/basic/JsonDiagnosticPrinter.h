// --diagnostics-format=json: one JSON document with every diagnostic, printed at the end.
#ifndef POLICYC_BASIC_JSONDIAGNOSTICPRINTER_H
#define POLICYC_BASIC_JSONDIAGNOSTICPRINTER_H

#include "basic/Diagnostic.h"

#include "llvm/Support/JSON.h"

namespace llvm {
class raw_ostream;
}

namespace policyc {

/// The JSON form of a location: {"file", "line", "column", "endLine", "endColumn"}, or null.
llvm::json::Value locationToJson(const llvm::SourceMgr &sources, llvm::SMRange range);

class JsonDiagnosticPrinter : public DiagnosticConsumer {
public:
  explicit JsonDiagnosticPrinter(llvm::raw_ostream &out) : out(out) {}

  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override;
  void finish(const llvm::SourceMgr &sources) override;

private:
  llvm::raw_ostream &out;
  llvm::json::Array diagnostics;
  unsigned errors = 0;
  unsigned warnings = 0;
};

} // namespace policyc

#endif
