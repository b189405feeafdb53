#include "parse/Comments.h"

#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

namespace policyc::parse {

std::vector<Comment> lexComments(llvm::StringRef text) {
  std::vector<Comment> comments;
  Lexer lexer(text, /*keepComments=*/true);
  for (LexToken token = lexer.next(); token.type != antlr4::Token::EOF; token = lexer.next()) {
    if (token.type == TokenKind::LINE_COMMENT || token.type == TokenKind::BLOCK_COMMENT ||
        token.type == TokenKind::UNTERMINATED_COMMENT)
      comments.push_back({token.begin, text.substr(token.begin, token.end - token.begin)});
  }
  return comments;
}

} // namespace policyc::parse
