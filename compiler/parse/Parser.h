// The parse stage: policy text in, AST out, syntax errors reported.
#ifndef POLICYC_PARSE_PARSER_H
#define POLICYC_PARSE_PARSER_H

#include "ast/AST.h"
#include "basic/Limits.h"
#include "parse/ItemReuse.h"

#include <cstdint>
#include <memory>

namespace llvm {
class SourceMgr;
}

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::parse {

struct ParseStats {
  uint64_t items = 0;
  uint64_t tokens = 0;
  uint64_t itemsKept = 0; ///< items that are not empty and lexed without error
  /// The items or tokens went past ParseLimits (counted over every file parsed with these
  /// stats); the rest of the policy is not parsed.
  bool overLimit = false;
  uint64_t llFallbacks = 0; ///< items the fast SLL pass could not decide
};

/// Bounds that keep hostile input from exhausting the stack or memory; tests lower them.
struct ParseLimits {
  unsigned maxNestingDepth = limits::kMaxNestingDepth;
  unsigned maxTokensPerStatement = limits::kMaxTokensPerStatement;
  /// Bounds on all items and tokens counted in ParseStats (so over every file of a policy).
  uint64_t maxItems = limits::kMaxStatements;
  uint64_t maxTokens = limits::kMaxTokens;
};

/// Parses buffer `bufferId` of `sources`. Syntax errors go to `diags`; the unit holds every
/// item that parsed, and items whose only fault was a missing ';' or '}' at their end (the
/// error is reported, the item kept so that its names stay declared). Other items with
/// errors are left out. `incremental` lets the parse take over unchanged items from the
/// previous parse of the same file (parse/ItemReuse.h).
std::unique_ptr<ast::TranslationUnit>
parseBuffer(llvm::SourceMgr &sources, unsigned bufferId, DiagnosticEngine &diags,
            ParseStats *stats = nullptr, ParseLimits limits = {}, Incremental incremental = {});

} // namespace policyc::parse

#endif
