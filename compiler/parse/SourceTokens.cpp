#include "parse/SourceTokens.h"

#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

namespace policyc::parse {

namespace {
SourceTokenKind kindOf(size_t type) {
  switch (type) {
  case TokenKind::STRING:
    return SourceTokenKind::String;
  case TokenKind::COMMA:
    return SourceTokenKind::Comma;
  case TokenKind::SEMI:
    return SourceTokenKind::Semi;
  case TokenKind::DOT:
    return SourceTokenKind::Dot;
  case TokenKind::DOT_STAR:
    return SourceTokenKind::DotStar;
  case TokenKind::STAR:
    return SourceTokenKind::Star;
  case TokenKind::LBRACE:
    return SourceTokenKind::LBrace;
  case TokenKind::RBRACE:
    return SourceTokenKind::RBrace;
  case TokenKind::LINE_COMMENT:
    return SourceTokenKind::LineComment;
  case TokenKind::BLOCK_COMMENT:
    return SourceTokenKind::BlockComment;
  case TokenKind::IDENT:
  case TokenKind::NUMBER:
  case TokenKind::DATE:
    return SourceTokenKind::Word;
  default:
    return isKeyword(type) ? SourceTokenKind::Word : SourceTokenKind::Error;
  }
}
} // namespace

std::vector<SourceToken> lexSourceTokens(llvm::StringRef text) {
  std::vector<SourceToken> tokens;
  Lexer lexer(text, /*keepComments=*/true);
  for (LexToken token = lexer.next(); token.type != antlr4::Token::EOF; token = lexer.next())
    tokens.push_back({kindOf(token.type), token.begin, token.end});
  return tokens;
}

} // namespace policyc::parse
