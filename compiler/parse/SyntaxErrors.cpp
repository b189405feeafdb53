#include "parse/SyntaxErrors.h"

#include "basic/DiagnosticEngine.h"
#include "parse/TokenKinds.h"

#include <algorithm>

namespace policyc::parse {

namespace {
bool expects(const antlr4::misc::IntervalSet &expected, size_t type) {
  return expected.contains(type);
}

/// What the item being parsed is called in messages, from its first tokens.
std::string describeItem(const ChunkTokenStream &tokens) {
  size_t firstType = tokens.token(0).getType();
  if (firstType == TokenKind::NEVER && tokens.tokenCount() > 1) {
    // "the 'never use' statement": the verb says which prohibition it is.
    size_t verb = tokens.token(1).getType();
    if (verb == TokenKind::COLLECT || verb == TokenKind::USE || verb == TokenKind::DISCLOSE ||
        verb == TokenKind::LINK)
      return "'never " + tokens.token(1).text().str() + "' statement";
  }
  switch (firstType) {
  case TokenKind::POLICY:
    return "policy header";
  case TokenKind::IMPORT:
    return "import";
  case TokenKind::CATEGORY:
  case TokenKind::PURPOSE:
  case TokenKind::RECIPIENT:
  case TokenKind::SOURCE:
  case TokenKind::CONSENT:
  case TokenKind::EVENT:
    return describeTokenType(firstType) + " declaration";
  default:
    if (isStatementKeyword(firstType))
      return describeTokenType(firstType) + " statement";
    return "statement";
  }
}

std::string describeToken(const ChunkToken &token) {
  size_t type = token.getType();
  llvm::StringRef text = token.text();
  auto shorten = [](llvm::StringRef s) {
    return s.size() > 40 ? (s.take_front(37) + "...").str() : s.str();
  };
  switch (type) {
  case antlr4::Token::EOF:
    return "end of file";
  case TokenKind::IDENT:
    return "name '" + shorten(text) + "'";
  case TokenKind::STRING:
    return "string " + shorten(text);
  case TokenKind::NUMBER:
    return "number " + shorten(text);
  case TokenKind::DATE:
    return "date " + text.str();
  default:
    return "'" + shorten(text) + "'";
  }
}

/// "a name, ',' or ';'": value tokens first, then keywords, then punctuation.
std::string describeExpected(const antlr4::misc::IntervalSet &expected) {
  std::vector<size_t> types;
  for (ssize_t type : expected.toList())
    types.push_back(static_cast<size_t>(type));
  bool nameExpected = std::find(types.begin(), types.end(), TokenKind::IDENT) != types.end();
  auto rank = [](size_t type) {
    switch (type) {
    case TokenKind::IDENT:
      return 0;
    case TokenKind::STRING:
      return 1;
    case TokenKind::NUMBER:
      return 2;
    case TokenKind::DATE:
      return 3;
    default:
      return isKeyword(type) ? 4 : 5;
    }
  };
  std::vector<size_t> shown;
  for (size_t type : types) {
    if (type == antlr4::Token::EOF || type == antlr4::Token::EPSILON)
      continue;
    if (nameExpected && isContextualKeyword(type))
      continue; // already "a name"
    shown.push_back(type);
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [&](size_t a, size_t b) { return rank(a) < rank(b); });
  if (shown.empty())
    return "the end of the statement";
  std::string result;
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i != 0)
      result += i + 1 == shown.size() ? " or " : ", ";
    result += describeTokenType(shown[i]);
  }
  return result;
}
} // namespace

void reportSyntaxError(DiagnosticEngine &diags, const ChunkTokenStream &tokens,
                       const SyntaxErrorRecord &error, const char *bufferStart) {
  auto loc = [&](uint32_t offset) { return llvm::SMLoc::getFromPointer(bufferStart + offset); };
  auto rangeOf = [&](const ChunkToken &token) {
    return llvm::SMRange(loc(token.beginOffset()), loc(token.endOffset()));
  };
  size_t index = std::min(error.offendingIndex, tokens.tokenCount() - 1);
  const ChunkToken &offending = tokens.token(index);
  std::string item = describeItem(tokens);
  const antlr4::misc::IntervalSet &expected = error.expected;

  if (offending.getType() == antlr4::Token::EOF && index > 0) {
    // The item ran out: point just past its last token, where the fix goes.
    const ChunkToken &last = tokens.token(index - 1);
    llvm::SMLoc after = loc(last.endOffset());
    if (expects(expected, TokenKind::SEMI)) {
      diags.report(after, diag::err_expected_semi, item).fixIt(llvm::SMRange(after, after), ";");
      return;
    }
    if (expects(expected, TokenKind::RBRACE)) {
      // The innermost '{' left open.
      std::vector<size_t> open;
      for (size_t i = 0; i < index; ++i) {
        if (tokens.token(i).getType() == TokenKind::LBRACE)
          open.push_back(i);
        else if (tokens.token(i).getType() == TokenKind::RBRACE && !open.empty())
          open.pop_back();
      }
      auto builder = diags.report(after, diag::err_expected_rbrace, item);
      builder.fixIt(llvm::SMRange(after, after), "}");
      if (!open.empty())
        builder.note(rangeOf(tokens.token(open.back())), diag::note_matching_lbrace);
      return;
    }
    diags.report(after, diag::err_unexpected_end, item, describeExpected(expected));
    return;
  }
  if (index == 0) {
    diags.report(rangeOf(offending), diag::err_expected_item, describeToken(offending));
    return;
  }
  if (isKeyword(offending.getType()) && !isContextualKeyword(offending.getType()) &&
      expects(expected, TokenKind::IDENT)) {
    diags.report(rangeOf(offending), diag::err_reserved_word, offending.text());
    return;
  }
  diags.report(rangeOf(offending), diag::err_expected, describeExpected(expected),
               describeToken(offending));
}

} // namespace policyc::parse
