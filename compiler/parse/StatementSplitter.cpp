#include "parse/StatementSplitter.h"

#include "basic/DiagnosticEngine.h"
#include "basic/Limits.h"
#include "parse/TokenKinds.h"

#include <fmt/format.h>

namespace policyc::parse {

namespace {
/// Tokens after which a statement or a tree member may have ended, so that a statement
/// keyword following them starts a new item.
bool mayEndItem(size_t type) {
  switch (type) {
  case TokenKind::IDENT:
  case TokenKind::STRING:
  case TokenKind::DATE:
  case TokenKind::STAR:
  case TokenKind::ONLY:
  case TokenKind::REQUIRED:
  case TokenKind::OPTIONAL:
  case TokenKind::SEMI:
  case TokenKind::LBRACE:
  case TokenKind::RBRACE:
    return true;
  default:
    return isContextualKeyword(type);
  }
}

/// A statement keyword followed by one of these is a misused name, not a new statement.
bool cannotStartItemBefore(size_t type) {
  return type == TokenKind::SEMI || type == TokenKind::COMMA || type == TokenKind::DOT ||
         type == TokenKind::RBRACE;
}

bool isLexicalError(size_t type) {
  return type == TokenKind::UNTERMINATED_STRING || type == TokenKind::UNTERMINATED_COMMENT ||
         type == TokenKind::ERROR_CHAR;
}
} // namespace

StatementSplitter::StatementSplitter(llvm::StringRef text, DiagnosticEngine &diags)
    : text(text), diags(diags), lexer(text) {}

llvm::SMRange StatementSplitter::rangeOf(uint32_t begin, uint32_t end) const {
  return llvm::SMRange(llvm::SMLoc::getFromPointer(text.data() + begin),
                       llvm::SMLoc::getFromPointer(text.data() + end));
}

LexToken StatementSplitter::take() {
  LexToken token = peek();
  buffered[0] = buffered[1];
  --bufferedCount;
  return token;
}

const LexToken &StatementSplitter::peek(unsigned n) {
  while (bufferedCount <= n)
    buffered[bufferedCount++] = lexer.next();
  return buffered[n];
}

void StatementSplitter::reportErrorToken(const LexToken &token, Chunk &chunk) {
  chunk.hasError = true;
  switch (token.type) {
  case TokenKind::UNTERMINATED_STRING:
    diags.report(rangeOf(token.begin, token.begin + 1), diag::err_unterminated_string)
        .fixIt(rangeOf(token.end, token.end), "\"");
    return;
  case TokenKind::UNTERMINATED_COMMENT:
    diags.report(rangeOf(token.begin, token.begin + 2), diag::err_unterminated_comment);
    return;
  default:
    break;
  }
  // A run of invalid characters is one mistake: report it once.
  uint32_t end = token.end;
  while (peek().type == TokenKind::ERROR_CHAR && peek().begin == end)
    end = take().end;
  llvm::StringRef bad = text.substr(token.begin, token.end - token.begin);
  unsigned char lead = static_cast<unsigned char>(bad[0]);
  if (lead >= 0x80 && utf8SequenceLength(bad.data(), bad.size()) == 0) {
    diags.report(rangeOf(token.begin, end), diag::err_invalid_utf8, lead);
    return;
  }
  std::string shown;
  if (lead >= 0x21 && lead < 0x7F)
    shown = fmt::format("'{}'", static_cast<char>(lead));
  else if (lead < 0x80)
    shown = fmt::format("U+{:04X}", lead);
  else
    shown = fmt::format("'{}'", std::string_view(bad.data(), bad.size()));
  diags.report(rangeOf(token.begin, end), diag::err_invalid_character, shown);
}

void StatementSplitter::skipToItemEnd(unsigned depth) {
  // Skip an item that cannot be parsed: to the ';' or '}' that ends it at depth 0.
  while (true) {
    const LexToken &token = peek();
    if (token.type == antlr4::Token::EOF)
      return;
    take();
    if (token.type == TokenKind::LBRACE) {
      ++depth;
    } else if (token.type == TokenKind::RBRACE) {
      if (depth <= 1)
        return;
      --depth;
    } else if (token.type == TokenKind::SEMI && depth == 0) {
      return;
    }
  }
}

bool StatementSplitter::next(Chunk &chunk) {
  chunk.tokens.clear();
  chunk.hasError = false;
  unsigned depth = 0;
  while (true) {
    const LexToken &upcoming = peek();
    if (upcoming.type == antlr4::Token::EOF) {
      chunk.endOffset = upcoming.begin;
      return !chunk.tokens.empty() || chunk.hasError;
    }
    if (isStatementKeyword(upcoming.type) &&
        (chunk.tokens.empty() ? chunk.hasError : mayEndItem(chunk.tokens.back().type)) &&
        !cannotStartItemBefore(peek(1).type)) {
      // The current item lacks its ';' or '}': end it here; the keyword starts the next one.
      chunk.endOffset = upcoming.begin;
      return true;
    }
    LexToken token = take();
    if (isLexicalError(token.type)) {
      reportErrorToken(token, chunk);
      continue;
    }
    if (chunk.tokens.size() >= limits::kMaxTokensPerStatement) {
      diags.report(rangeOf(chunk.tokens.front().begin, chunk.tokens.front().end),
                   diag::err_statement_too_long, limits::kMaxTokensPerStatement);
      skipToItemEnd(depth);
      chunk.tokens.clear();
      chunk.hasError = true;
      chunk.endOffset = static_cast<uint32_t>(text.size());
      return true;
    }
    chunk.tokens.push_back(token);
    if (token.type == TokenKind::LBRACE) {
      if (++depth > limits::kMaxNestingDepth) {
        diags.report(rangeOf(token.begin, token.end), diag::err_nesting_too_deep,
                     limits::kMaxNestingDepth);
        skipToItemEnd(depth);
        chunk.tokens.clear();
        chunk.hasError = true;
        chunk.endOffset = static_cast<uint32_t>(text.size());
        return true;
      }
      continue;
    }
    if (token.type == TokenKind::RBRACE) {
      if (depth <= 1) {
        chunk.endOffset = token.end;
        return true;
      }
      --depth;
      continue;
    }
    if (token.type == TokenKind::SEMI && depth == 0) {
      chunk.endOffset = token.end;
      return true;
    }
  }
}

} // namespace policyc::parse
