#include "parse/TokenClasses.h"

#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

namespace policyc::parse {

namespace {
TokenClass classify(size_t type) {
  if (isStatementKeyword(type))
    return TokenClass::StatementKeyword;
  if (isContextualKeyword(type))
    return TokenClass::ContextualKeyword;
  if (isKeyword(type))
    return TokenClass::Connective;
  switch (type) {
  case TokenKind::IDENT:
    return TokenClass::Name;
  case TokenKind::STRING:
    return TokenClass::String;
  case TokenKind::NUMBER:
    return TokenClass::Number;
  case TokenKind::DATE:
    return TokenClass::Date;
  case TokenKind::LBRACE:
    return TokenClass::LeftBrace;
  case TokenKind::RBRACE:
    return TokenClass::RightBrace;
  case TokenKind::SEMI:
    return TokenClass::Semicolon;
  case TokenKind::COMMA:
    return TokenClass::Comma;
  case TokenKind::DOT:
    return TokenClass::Dot;
  case TokenKind::STAR:
    return TokenClass::Star;
  case TokenKind::DOT_STAR:
    return TokenClass::DotStar;
  case TokenKind::LINE_COMMENT:
  case TokenKind::BLOCK_COMMENT:
    return TokenClass::Comment;
  default:
    return TokenClass::Error;
  }
}
} // namespace

std::vector<ClassifiedToken> classifyTokens(llvm::StringRef text, bool keepComments) {
  std::vector<ClassifiedToken> tokens;
  Lexer lexer(text, keepComments);
  while (true) {
    LexToken token = lexer.next();
    if (token.type == antlr4::Token::EOF)
      return tokens;
    tokens.push_back({classify(token.type), token.begin, token.end});
  }
}

std::vector<KeywordSpelling> keywordSpellings() {
  std::vector<KeywordSpelling> keywords;
  for (size_t type = TokenKind::POLICY; isKeyword(type); ++type) {
    // "'from'": the quoted spelling of the messages.
    std::string quoted = describeTokenType(type);
    keywords.push_back({quoted.substr(1, quoted.size() - 2), classify(type)});
  }
  return keywords;
}

} // namespace policyc::parse
