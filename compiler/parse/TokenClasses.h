// The tokens of a policy for tools outside the parser (the language server's completion and
// hover, the editor grammars' tests), classified without ANTLR's token types, which stay
// private to this stage.
#ifndef POLICYC_PARSE_TOKENCLASSES_H
#define POLICYC_PARSE_TOKENCLASSES_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace policyc::parse {

enum class TokenClass : uint8_t {
  StatementKeyword,  ///< reserved, starts an item: `collect`, `category`, ...
  Connective,        ///< reserved: `from`, `for`, `to`, ...
  ContextualKeyword, ///< a keyword in one place, a name elsewhere: `contact`, `under`, ...
  Name,
  String,
  Number,
  Date,
  LeftBrace,
  RightBrace,
  Semicolon,
  Comma,
  Dot,
  Star,
  DotStar,
  Comment,
  Error, ///< an invalid character, unterminated string or comment
};

struct ClassifiedToken {
  TokenClass tokenClass;
  uint32_t begin; ///< byte offset
  uint32_t end;   ///< one past the last byte
};

/// Every token of `text` (whose size must fit in 32 bits), comments included when asked.
std::vector<ClassifiedToken> classifyTokens(llvm::StringRef text, bool keepComments = false);

struct KeywordSpelling {
  std::string spelling;
  TokenClass tokenClass; ///< StatementKeyword, Connective or ContextualKeyword
};

/// Every keyword of the language, in the order of grammar/Policy.g4.
std::vector<KeywordSpelling> keywordSpellings();

} // namespace policyc::parse

#endif
