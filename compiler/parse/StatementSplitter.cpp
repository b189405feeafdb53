#include "parse/StatementSplitter.h"

#include "basic/DiagnosticEngine.h"
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
  case TokenKind::DOT_STAR:
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
         type == TokenKind::DOT_STAR || type == TokenKind::RBRACE;
}

/// The code point of a well-formed UTF-8 sequence.
uint32_t decodeUtf8(llvm::StringRef sequence) {
  auto lead = static_cast<unsigned char>(sequence[0]);
  uint32_t codePoint = lead & (0x7F >> sequence.size());
  for (char c : sequence.drop_front())
    codePoint = (codePoint << 6) | (static_cast<unsigned char>(c) & 0x3F);
  return codePoint;
}

bool isLexicalError(size_t type) {
  return type == TokenKind::UNTERMINATED_STRING || type == TokenKind::UNTERMINATED_COMMENT ||
         type == TokenKind::ERROR_CHAR;
}
} // namespace

StatementSplitter::StatementSplitter(llvm::StringRef text, DiagnosticEngine &diags,
                                     ParseLimits limits)
    : text(text), diags(diags), limits(limits), lexer(text) {}

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
  case TokenKind::UNTERMINATED_STRING: {
    // A lone backslash at the end would escape the added quote: the fix then doubles it.
    llvm::StringRef spelled = text.substr(token.begin, token.end - token.begin);
    size_t backslashes = spelled.size() - spelled.rtrim('\\').size();
    diags.report(rangeOf(token.begin, token.begin + 1), diag::err_unterminated_string)
        .fixIt(rangeOf(token.end, token.end), backslashes % 2 == 1 ? "\\\"" : "\"");
    return;
  }
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
    // The code point too: many look like ASCII or like nothing at all (U+00A0, U+200B).
    shown =
        fmt::format("'{}' (U+{:04X})", std::string_view(bad.data(), bad.size()), decodeUtf8(bad));
  diags.report(rangeOf(token.begin, end), diag::err_invalid_character, shown);
}

void StatementSplitter::skipToItemEnd(unsigned depth) {
  // Skip an item that cannot be parsed: to the ';' or '}' that ends it at depth 0.
  while (true) {
    if (peek().type == antlr4::Token::EOF)
      return;
    // By value: take() shifts the lookahead buffer a reference would point into.
    LexToken token = take();
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

// `expect allow use ...` and `... without consent k`: inside a decision test a verb follows
// the verdict (a name) and `consent` follows `without` (a name), where elsewhere they would
// start a statement.
bool StatementSplitter::continuesExpectation(const Chunk &chunk, const LexToken &upcoming) const {
  if (chunk.tokens.size() < 2 || chunk.tokens.front().type != TokenKind::EXPECT)
    return false;
  switch (upcoming.type) {
  case TokenKind::COLLECT:
  case TokenKind::USE:
  case TokenKind::DISCLOSE:
  case TokenKind::LINK:
    return chunk.tokens.size() == 2;
  case TokenKind::CONSENT:
    // Any name: the AST builder says so when it is not `without`.
    return chunk.tokens.back().type == TokenKind::IDENT;
  default:
    return false;
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
        !cannotStartItemBefore(peek(1).type) && !continuesExpectation(chunk, upcoming)) {
      // The current item lacks its ';' or '}': end it here; the keyword starts the next one.
      chunk.endOffset = upcoming.begin;
      return true;
    }
    LexToken token = take();
    if (isLexicalError(token.type)) {
      reportErrorToken(token, chunk);
      continue;
    }
    if (chunk.tokens.size() >= limits.maxTokensPerStatement) {
      diags.report(rangeOf(chunk.tokens.front().begin, chunk.tokens.front().end),
                   diag::err_statement_too_long, limits.maxTokensPerStatement);
      skipToItemEnd(depth);
      chunk.tokens.clear();
      chunk.hasError = true;
      chunk.endOffset = static_cast<uint32_t>(text.size());
      return true;
    }
    chunk.tokens.push_back(token);
    if (token.type == TokenKind::LBRACE) {
      if (++depth > limits.maxNestingDepth) {
        diags.report(rangeOf(token.begin, token.end), diag::err_nesting_too_deep,
                     limits.maxNestingDepth);
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
