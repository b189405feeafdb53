// --diagnostics-format=sarif: one SARIF 2.1.0 log on standard output, as GitHub code scanning
// accepts it: every diagnostic kind as a rule (id, name, descriptions, help, default level),
// every diagnostic as a result at its location, its notes as related locations and its
// fix-its as fixes. Diagnostics without a location (the command line) become tool execution
// notifications. Columns are UTF-16 code units, SARIF's default.
#ifndef POLICYC_BASIC_SARIFDIAGNOSTICPRINTER_H
#define POLICYC_BASIC_SARIFDIAGNOSTICPRINTER_H

#include "basic/Diagnostic.h"

#include "llvm/Support/JSON.h"

#include <string>

namespace llvm {
class raw_ostream;
}

namespace policyc {

class SarifDiagnosticPrinter : public DiagnosticConsumer {
public:
  SarifDiagnosticPrinter(llvm::raw_ostream &out, std::string toolVersion)
      : out(out), toolVersion(std::move(toolVersion)) {}

  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override;
  void finish(const llvm::SourceMgr &sources) override;

  /// The SARIF artifact URI of a file name as diagnostics print it: relative paths stay
  /// relative (to %SRCROOT%), absolute ones become file:// URIs; both percent-encoded.
  static std::string fileUri(llvm::StringRef path);

private:
  llvm::raw_ostream &out;
  std::string toolVersion;
  llvm::json::Array results;
  llvm::json::Array notifications;
};

} // namespace policyc

#endif
