// Suppression comments. `// policyc-ignore[permit-prohibited]: reason` silences the findings
// of that flag (several: `[a, b]`) at the statement or declaration the comment belongs to:
// written on the lines just above it (no empty line between), or at the end of one of its
// lines. A vocabulary member, a field of the policy header and a `withdraw` line are
// declarations of their own; a comment above a whole vocabulary covers its members too.
// The comment belongs where the formatter keeps it, so `policyc fmt` never moves a
// suppression off its statement. docs/configuration.md has the rules, and
// docs/design-decisions.md why they are comments.
#ifndef POLICYC_FRONTEND_SUPPRESSIONS_H
#define POLICYC_FRONTEND_SUPPRESSIONS_H

#include "ast/AST.h"
#include "basic/Diagnostic.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace policyc {

class DiagnosticEngine;

class Suppressions : public DiagnosticSuppressor {
public:
  /// Reads the directives in the comments of `unit`, a parsed file of `sources`.
  void addFile(const llvm::SourceMgr &sources, const ast::TranslationUnit &unit);
  /// Whether any file has a directive; their statements are then found in the syntax trees.
  bool hasDirectives() const { return !directives.empty(); }

  std::optional<Suppression> suppress(const Diagnostic &diagnostic) override;

  /// Reports directives with mistakes (errors; such a directive silences nothing) and, when
  /// `findingsComplete` (the checker ran over the whole policy), each flag of a directive that
  /// silenced nothing (-Wunused-suppression) unless that flag is disabled. Once.
  void reportProblems(DiagnosticEngine &diags, bool findingsComplete);

private:
  struct Flag {
    std::string name;
    bool used = false;
  };
  struct Problem {
    diag::Kind kind;
    std::string first;
    std::string second;
  };
  struct Directive {
    llvm::SMRange range; ///< the comment
    std::vector<Flag> flags;
    std::string justification;
    std::optional<Problem> problem;
    const char *unit = nullptr; ///< where the statement or declaration it belongs to starts
  };
  /// A statement or declaration a directive can belong to.
  struct Unit {
    const char *begin;
    const char *end;
  };
  struct File {
    const ast::TranslationUnit *unit;
    const char *bufferStart;
    const char *bufferEnd;
  };

  /// The statements and declarations that contain `at`, outermost first.
  static llvm::SmallVector<Unit, 4> unitsAt(const ast::TranslationUnit &unit, const char *at);
  static Directive parseDirective(llvm::StringRef body, llvm::SMRange range);

  std::vector<File> files;
  std::vector<Directive> directives;
  llvm::DenseMap<const char *, llvm::SmallVector<size_t, 1>> directivesOfUnit;
  bool reported = false;
};

} // namespace policyc

#endif
