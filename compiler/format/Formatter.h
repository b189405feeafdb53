// The formatter (`policyc fmt`): one canonical layout for policy files, with every comment
// kept (docs/fmt.md states the rules). It parses with the compiler's own parser, one item at
// a time, lays the items out from their AST and the token stream, and checks its own output:
// the formatted text must hold exactly the tokens and comments of the input. Independent of
// the driver, so that other tools (the language server) can call it.
#ifndef POLICYC_FORMAT_FORMATTER_H
#define POLICYC_FORMAT_FORMATTER_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class SourceMgr;
}

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::format {

/// The canonical layout has no options; the column limit is one only so that tests can
/// reach the wrapping rules with short lines.
struct FormatOptions {
  unsigned columnLimit = 100;
};

enum class FormatStatus {
  Formatted,   ///< `text` is the formatted file (possibly identical to the input)
  SyntaxError, ///< the file does not parse; the errors went to the diagnostic engine
  /// The formatted text would not hold the same tokens and comments: a bug of the formatter.
  /// `problem` says what differs; nothing may be written.
  InternalError,
};

struct FormatResult {
  FormatStatus status = FormatStatus::Formatted;
  std::string text;
  std::string problem;
};

/// Formats buffer `bufferId` of `sources`. Syntax errors are reported to `diags` (warnings
/// of the parser too; the caller's options decide whether they are shown).
FormatResult formatBuffer(llvm::SourceMgr &sources, unsigned bufferId, DiagnosticEngine &diags,
                          const FormatOptions &options = {});

/// The formatted `text`, or nothing when it has syntax errors (or, never expected, when the
/// formatter could not keep its tokens and comments).
std::optional<std::string> formatSource(llvm::StringRef text, const FormatOptions &options = {});

} // namespace policyc::format

#endif
