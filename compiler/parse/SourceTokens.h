// Every token of a policy file, comments included, for tools that rewrite or inspect the text
// as written (the formatter, the suppression comments). The kinds are coarse and free of
// ANTLR: only compiler/parse sees the grammar's token types.
#ifndef POLICYC_PARSE_SOURCETOKENS_H
#define POLICYC_PARSE_SOURCETOKENS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace policyc::parse {

enum class SourceTokenKind : uint8_t {
  Word,   ///< a keyword, a name, a number or a date
  String, ///< one string literal, quotes included
  Comma,
  Semi,
  Dot,
  DotStar,
  Star,
  LBrace,
  RBrace,
  LineComment,  ///< `// ...` up to (not including) the line end
  BlockComment, ///< `/* ... */`
  Error,        ///< what the lexer could not read (an unterminated string or comment, ...)
};

struct SourceToken {
  SourceTokenKind kind;
  uint32_t begin; ///< byte offset of the first byte
  uint32_t end;   ///< byte offset one past the last byte

  bool isComment() const {
    return kind == SourceTokenKind::LineComment || kind == SourceTokenKind::BlockComment;
  }
};

/// The tokens of `text` in order; whitespace is left out.
std::vector<SourceToken> lexSourceTokens(llvm::StringRef text);

} // namespace policyc::parse

#endif
