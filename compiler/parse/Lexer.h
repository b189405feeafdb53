// The hand-written lexer. It emits exactly the token types of grammar/Policy.g4 (the
// generated ANTLR lexer is about ten times slower); LexerDifferentialTest keeps them equal.
// Offsets are bytes into the buffer, which is also what SMLoc needs.
#ifndef POLICYC_PARSE_LEXER_H
#define POLICYC_PARSE_LEXER_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>

namespace policyc::parse {

struct LexToken {
  size_t type;    ///< a PolicyLexer token type, or antlr4::Token::EOF
  uint32_t begin; ///< byte offset of the first byte
  uint32_t end;   ///< byte offset one past the last byte
};

class Lexer {
public:
  /// `text` must stay alive while lexing; its size must fit in 32 bits.
  explicit Lexer(llvm::StringRef text, bool keepComments = false);

  /// The next token; EOF (repeatedly) at the end. WS is skipped; comments are skipped unless
  /// keepComments was set.
  LexToken next();

private:
  LexToken lexNumberOrDate(const char *first);
  LexToken lexIdentifier(const char *first);
  LexToken lexString(const char *first);
  LexToken make(size_t type, const char *first) const;
  const char *skipIdentifierTail(const char *p) const;

  const char *bufferStart;
  const char *cur;
  const char *bufferEnd;
  bool keepComments;
};

/// Length of the UTF-8 sequence starting at `p` (at most `available` bytes), or 0 when it is
/// not well-formed UTF-8.
unsigned utf8SequenceLength(const char *p, size_t available);

} // namespace policyc::parse

#endif
