// Diagnostics: the table of kinds, one diagnostic with its notes, and the consumer interface.
#ifndef POLICYC_BASIC_DIAGNOSTIC_H
#define POLICYC_BASIC_DIAGNOSTIC_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace policyc {

namespace diag {
enum Kind : uint16_t {
#define DIAG(ID, CLASS, FLAG, MESSAGE) ID,
#include "basic/DiagnosticKinds.def"
#undef DIAG
  NumKinds
};
} // namespace diag

/// How a kind is defined in the table (see DiagnosticKinds.def).
enum class DiagnosticClass : uint8_t { Error, DefaultError, Warning, Note, Fatal };

/// How one emitted diagnostic ends up after -W options are applied.
enum class Severity : uint8_t { Ignored, Note, Warning, Error, Fatal };

struct DiagnosticInfo {
  diag::Kind kind;
  llvm::StringLiteral id;
  DiagnosticClass diagClass;
  llvm::StringLiteral flag; ///< without the leading -W; empty for notes
  llvm::StringLiteral message;
};

const DiagnosticInfo &getDiagnosticInfo(diag::Kind kind);
llvm::ArrayRef<DiagnosticInfo> allDiagnostics();
/// "error", "default-error", "warning", "note" or "fatal", as docs/checks.md and
/// --list-diagnostics write it.
llvm::StringRef diagnosticClassName(DiagnosticClass diagClass);
llvm::StringRef severityName(Severity severity);

struct DiagnosticNote {
  llvm::SMRange range;
  diag::Kind kind;
  std::string message;
};

/// A replacement of `range` by `replacement`; an empty range at a location inserts.
struct FixIt {
  llvm::SMRange range;
  std::string replacement;
};

/// Why a finding is silenced: a `policyc-ignore[flag]: reason` comment in the policy
/// (docs/configuration.md). A suppressed diagnostic reaches the machine formats marked as
/// such, and counts neither as an error nor as a warning.
struct Suppression {
  std::string justification;
  llvm::SMRange range; ///< the comment
};

struct Diagnostic {
  diag::Kind kind;
  Severity severity;
  llvm::SMRange range; ///< invalid for diagnostics about the command line
  std::string message;
  std::vector<DiagnosticNote> notes;
  std::vector<FixIt> fixIts;
  std::optional<Suppression> suppression = std::nullopt;

  const DiagnosticInfo &info() const { return getDiagnosticInfo(kind); }
};

/// Decides whether a diagnostic is silenced in the source. Asked only for diagnostics that
/// the options leave enabled and that -Wno- could disable (warnings and default-errors).
class DiagnosticSuppressor {
public:
  virtual ~DiagnosticSuppressor();
  virtual std::optional<Suppression> suppress(const Diagnostic &diagnostic) = 0;
};

/// Receives every diagnostic that survives the -W options, in emission order; suppressed ones
/// too, with `suppression` set (the text printer leaves them out).
class DiagnosticConsumer {
public:
  virtual ~DiagnosticConsumer();
  virtual void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) = 0;
  /// Called once after the last diagnostic (machine formats print here).
  virtual void finish(const llvm::SourceMgr &) {}
};

} // namespace policyc

#endif
