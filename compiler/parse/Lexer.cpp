#include "parse/Lexer.h"

#include "parse/TokenKinds.h"

#include <cassert>

namespace policyc::parse {

namespace {
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isIdentChar(char c) {
  return isIdentStart(c) || isDigit(c);
}
} // namespace

unsigned utf8SequenceLength(const char *p, size_t available) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(p[i]); };
  unsigned char lead = byte(0);
  if (lead < 0x80)
    return 1;
  unsigned length;
  unsigned minimum;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (available < length)
    return 0;
  unsigned codePoint = lead & (0x7F >> length);
  for (unsigned i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80)
      return 0;
    codePoint = (codePoint << 6) | (byte(i) & 0x3F);
  }
  if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
    return 0;
  return length;
}

Lexer::Lexer(llvm::StringRef text, bool keepComments)
    : bufferStart(text.data()), cur(text.data()), bufferEnd(text.data() + text.size()),
      keepComments(keepComments) {
  assert(text.size() < (1ull << 32) && "policy files are limited to 4 GiB");
}

LexToken Lexer::make(size_t type, const char *first) const {
  return {type, static_cast<uint32_t>(first - bufferStart),
          static_cast<uint32_t>(cur - bufferStart)};
}

const char *Lexer::skipIdentifierTail(const char *p) const {
  // IDENT_CHAR* ('-' IDENT_CHAR+)*: a hyphen belongs to the name only when a name character
  // follows it.
  while (true) {
    while (p < bufferEnd && isIdentChar(*p))
      ++p;
    if (p + 1 < bufferEnd && *p == '-' && isIdentChar(p[1])) {
      ++p;
      continue;
    }
    return p;
  }
}

LexToken Lexer::lexNumberOrDate(const char *first) {
  const char *p = first;
  while (p < bufferEnd && isDigit(*p))
    ++p;
  size_t digits = p - first;
  // DATE: DDDD-DD-DD (longest match wins over NUMBER).
  if (digits == 4 && bufferEnd - p >= 6 && p[0] == '-' && isDigit(p[1]) && isDigit(p[2]) &&
      p[3] == '-' && isDigit(p[4]) && isDigit(p[5])) {
    cur = p + 6;
    return make(TokenKind::DATE, first);
  }
  // IDENT may start with digits when a letter or '_' follows them.
  if (p < bufferEnd && isIdentStart(*p)) {
    cur = skipIdentifierTail(p);
    return make(TokenKind::IDENT, first);
  }
  cur = p;
  return make(TokenKind::NUMBER, first);
}

LexToken Lexer::lexIdentifier(const char *first) {
  cur = skipIdentifierTail(first + 1);
  return make(keywordOrIdentifier(llvm::StringRef(first, cur - first)), first);
}

LexToken Lexer::lexString(const char *first) {
  // STRING_CHAR: ~["\\\r\n] | '\\' ~[\r\n]
  const char *p = first + 1;
  while (p < bufferEnd) {
    char c = *p;
    if (c == '"') {
      cur = p + 1;
      return make(TokenKind::STRING, first);
    }
    if (c == '\r' || c == '\n')
      break;
    if (c == '\\') {
      if (p + 1 >= bufferEnd || p[1] == '\r' || p[1] == '\n') {
        ++p; // a backslash before the line end belongs to the unterminated string
        break;
      }
      p += 2;
      continue;
    }
    ++p;
  }
  cur = p;
  return make(TokenKind::UNTERMINATED_STRING, first);
}

LexToken Lexer::next() {
  while (cur < bufferEnd) {
    const char *first = cur;
    char c = *cur;
    switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\f':
    case '\v':
      ++cur;
      continue;
    case '\xEF':
      // U+FEFF (byte order mark) is whitespace anywhere.
      if (bufferEnd - cur >= 3 && cur[1] == '\xBB' && cur[2] == '\xBF') {
        cur += 3;
        continue;
      }
      break;
    case '/':
      if (cur + 1 < bufferEnd && cur[1] == '/') {
        cur += 2;
        while (cur < bufferEnd && *cur != '\n' && *cur != '\r')
          ++cur;
        if (keepComments)
          return make(TokenKind::LINE_COMMENT, first);
        continue;
      }
      if (cur + 1 < bufferEnd && cur[1] == '*') {
        llvm::StringRef rest(cur + 2, bufferEnd - cur - 2);
        size_t close = rest.find("*/");
        if (close == llvm::StringRef::npos) {
          cur = bufferEnd;
          return make(TokenKind::UNTERMINATED_COMMENT, first);
        }
        cur += 2 + close + 2;
        if (keepComments)
          return make(TokenKind::BLOCK_COMMENT, first);
        continue;
      }
      break;
    case '{':
      ++cur;
      return make(TokenKind::LBRACE, first);
    case '}':
      ++cur;
      return make(TokenKind::RBRACE, first);
    case ';':
      ++cur;
      return make(TokenKind::SEMI, first);
    case ',':
      ++cur;
      return make(TokenKind::COMMA, first);
    case '.':
      // DOT_STAR: `.*` is one token (longest match).
      if (cur + 1 < bufferEnd && cur[1] == '*') {
        cur += 2;
        return make(TokenKind::DOT_STAR, first);
      }
      ++cur;
      return make(TokenKind::DOT, first);
    case '*':
      ++cur;
      return make(TokenKind::STAR, first);
    case '"':
      return lexString(first);
    default:
      if (isDigit(c))
        return lexNumberOrDate(first);
      if (isIdentStart(c))
        return lexIdentifier(first);
      break;
    }
    // ERROR_CHAR: one code point, or one byte of ill-formed UTF-8.
    unsigned length = utf8SequenceLength(cur, bufferEnd - cur);
    cur += length == 0 ? 1 : length;
    return make(TokenKind::ERROR_CHAR, first);
  }
  uint32_t endOffset = static_cast<uint32_t>(bufferEnd - bufferStart);
  return {antlr4::Token::EOF, endOffset, endOffset};
}

} // namespace policyc::parse
