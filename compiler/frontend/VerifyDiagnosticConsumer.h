// The -verify mode, after clang's: a test .policy file states the diagnostics it must
// produce in comments next to the code that causes them,
//
//   collect contact from webiste;   // expected-error {{unknown source 'webiste'}}
//   // expected-note@-3 {{previous definition is here}}
//   // expected-error@+1 {{expected ';' after the 'use' statement}}
//   // expected-warning@other.policy:4 {{...}}
//   // expected-no-diagnostics
//
// Each directive must match exactly one diagnostic (kind, file, line, and the text as a
// substring of the message) and each diagnostic exactly one directive.
#ifndef POLICYC_FRONTEND_VERIFYDIAGNOSTICCONSUMER_H
#define POLICYC_FRONTEND_VERIFYDIAGNOSTICCONSUMER_H

#include "basic/Diagnostic.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace policyc {

class VerifyDiagnosticConsumer : public DiagnosticConsumer {
public:
  explicit VerifyDiagnosticConsumer(llvm::raw_ostream &out) : out(out) {}

  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override;
  /// Reads the directives of every buffer and compares; prints the differences.
  void finish(const llvm::SourceMgr &sources) override;

  /// True when finish() found every expectation met and nothing unexpected.
  bool passed() const { return success; }
  /// Ids of every diagnostic seen (notes included), for coverage accounting.
  const std::vector<std::string> &seenIds() const { return ids; }

private:
  struct Seen {
    std::string kind; ///< error, warning or note
    std::string file;
    unsigned line = 0; ///< 0: no location
    std::string message;
  };
  void record(llvm::StringRef kind, llvm::SMRange range, llvm::StringRef message,
              const llvm::SourceMgr &sources);

  llvm::raw_ostream &out;
  std::vector<Seen> seen;
  std::vector<std::string> ids;
  bool success = false;
};

} // namespace policyc

#endif
