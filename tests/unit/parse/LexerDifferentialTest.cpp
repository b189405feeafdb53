// The hand-written lexer (compiler/parse/Lexer.cpp) must emit exactly what the lexer ANTLR
// generates from grammar/Policy.g4 emits: the same token types with the same spans, on every
// policy file of the repository and on thousands of random token soups. ANTLR counts code
// points, the hand-written lexer bytes; spans are compared in bytes.
#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

#include "PolicyLexer.h"
#include "antlr4-runtime.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace policyc;

namespace {
struct Token {
  size_t type;
  uint32_t begin;
  uint32_t end;
  bool operator==(const Token &other) const {
    return type == other.type && begin == other.begin && end == other.end;
  }
};

std::string symbolicName(size_t type) {
  static antlr4::ANTLRInputStream empty("");
  static grammar::PolicyLexer names(&empty);
  return names.getVocabulary().getSymbolicName(type);
}

std::string describe(const Token &token, llvm::StringRef text) {
  std::ostringstream out;
  out << symbolicName(token.type) << " [" << token.begin << ", " << token.end << ") '"
      << text.substr(token.begin, token.end - token.begin).str() << "'";
  return out.str();
}

bool isValidUtf8(llvm::StringRef text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned length = parse::utf8SequenceLength(text.data() + i, text.size() - i);
    if (length == 0)
      return false;
    i += length;
  }
  return true;
}

/// The hand-written lexer's tokens, comments included (the generated lexer emits them on the
/// hidden channel).
std::vector<Token> handWritten(llvm::StringRef text) {
  std::vector<Token> tokens;
  parse::Lexer lexer(text, /*keepComments=*/true);
  for (parse::LexToken token = lexer.next(); token.type != antlr4::Token::EOF; token = lexer.next())
    tokens.push_back({token.type, token.begin, token.end});
  return tokens;
}

/// The generated lexer's tokens, with code-point indices mapped to byte offsets.
std::vector<Token> generated(llvm::StringRef text) {
  // ANTLRInputStream drops a leading byte order mark before counting code points.
  size_t start = text.startswith("\xEF\xBB\xBF") ? 3 : 0;
  std::vector<uint32_t> byteOfCodePoint;
  for (size_t i = start; i < text.size();) {
    byteOfCodePoint.push_back(static_cast<uint32_t>(i));
    i += parse::utf8SequenceLength(text.data() + i, text.size() - i);
  }
  byteOfCodePoint.push_back(static_cast<uint32_t>(text.size()));

  antlr4::ANTLRInputStream input(text.str());
  grammar::PolicyLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<Token> tokens;
  while (true) {
    std::unique_ptr<antlr4::Token> token = lexer.nextToken();
    if (token->getType() == antlr4::Token::EOF)
      break;
    size_t first = token->getStartIndex();
    size_t last = token->getStopIndex() + 1; // one past the last code point
    tokens.push_back({token->getType(), byteOfCodePoint.at(first), byteOfCodePoint.at(last)});
  }
  return tokens;
}

/// Compares the two lexers on `text`; on a difference, says where.
void compareLexers(llvm::StringRef text, const std::string &name) {
  std::vector<Token> expected = generated(text);
  std::vector<Token> actual = handWritten(text);
  size_t common = std::min(expected.size(), actual.size());
  size_t i = 0;
  while (i < common && expected[i] == actual[i])
    ++i;
  if (i == expected.size() && i == actual.size())
    return;
  INFO(name << ": first difference at token " << i);
  INFO("generated lexer:    " << (i < expected.size() ? describe(expected[i], text) : "end"));
  INFO("hand-written lexer: " << (i < actual.size() ? describe(actual[i], text) : "end"));
  FAIL("the lexers disagree");
}

std::vector<std::string> policyFiles() {
  std::vector<std::string> files;
  for (const char *folder : {"tests", "policies", "docs"}) {
    llvm::SmallString<256> root(POLICYC_SOURCE_DIR);
    llvm::sys::path::append(root, folder);
    std::error_code error;
    for (llvm::sys::fs::recursive_directory_iterator it(root, error), end; it != end && !error;
         it.increment(error))
      if (llvm::StringRef(it->path()).endswith(".policy"))
        files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Pieces that random soups are made of: every token kind, its near misses, and the
/// characters that border them.
const std::vector<std::string> &soupPieces() {
  static const std::vector<std::string> pieces = {
      // keywords, reserved and contextual, and near misses
      "policy",
      "import",
      "category",
      "purpose",
      "recipient",
      "source",
      "consent",
      "event",
      "collect",
      "use",
      "disclose",
      "link",
      "never",
      "retain",
      "right",
      "notify",
      "protect",
      "note",
      "from",
      "for",
      "to",
      "only",
      "when",
      "required",
      "optional",
      "with",
      "until",
      "while",
      "as",
      "after",
      "within",
      "at",
      "before",
      "via",
      "in",
      "basis",
      "contact",
      "controller",
      "effective",
      "transfers",
      "under",
      "certification",
      "withdraw",
      "transit",
      "rest",
      "least",
      "needed",
      "Policy",
      "uses",
      "fo",
      "notes",
      "zzz",
      "x",
      // names
      "contact_email",
      "_private",
      "a1",
      "safe-harbor",
      "x-",
      "-y",
      "a--b",
      "a-1",
      "co-op-2",
      "2fa",
      "3d-secure",
      "9_",
      "policy-x",
      // numbers and dates
      "0",
      "30",
      "007",
      "2016-07-28",
      "2016-7-28",
      "12016-07-28",
      "2016-07-2",
      "9999-99-99",
      "2016-07-28x",
      "2016-07-28-",
      "1-2",
      // strings and their errors
      "\"\"",
      "\"text\"",
      "\"esc \\\" \\\\ \\n \\t \\u{E9}\"",
      "\"\\q\"",
      "\"unterminated",
      "\"ends in backslash\\",
      "\"caf\xC3\xA9\"",
      "\"tab\there\"",
      // comments and their errors
      "// line comment",
      "//",
      "/* block */",
      "/**/",
      "/* multi\nline */",
      "/*/",
      "/* open",
      "/ *",
      "*/",
      // punctuation
      "{",
      "}",
      ";",
      ",",
      ".",
      "*",
      ".*",
      "..",
      ".**",
      "*.",
      // whitespace, including the byte order mark and old line ends
      " ",
      "\t",
      "\n",
      "\r\n",
      "\r",
      "\f",
      "\v",
      "\xEF\xBB\xBF",
      // characters outside the language, ASCII and not
      "@",
      "#",
      "$",
      "%",
      "&",
      "'",
      "(",
      ")",
      "+",
      "-",
      ":",
      "<",
      "=",
      ">",
      "?",
      "[",
      "\\",
      "]",
      "^",
      "`",
      "|",
      "~",
      std::string(1, '\0'),
      "\x01",
      "\x1B",
      "\x7F",
      "\xC2\xA0",
      "\xE2\x80\x93",
      "\xE2\x80\x9C",
      "\xE2\x80\x8B",
      "\xF0\x9F\x98\x80",
      "\xE4\xB8\xAD",
  };
  return pieces;
}

std::string randomSoup(std::mt19937 &random) {
  const auto &pieces = soupPieces();
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  std::uniform_int_distribution<int> separator(0, 3);
  std::string soup;
  int count = length(random);
  for (int i = 0; i < count; ++i) {
    soup += pieces[pick(random)];
    // Mostly adjacent, so that longest-match decisions between pieces are exercised.
    if (separator(random) == 0)
      soup += ' ';
  }
  return soup;
}
} // namespace

TEST_CASE("lexers agree on every policy file of the repository", "[lexer]") {
  std::vector<std::string> files = policyFiles();
  unsigned compared = 0;
  for (const std::string &file : files) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    REQUIRE(buffer);
    llvm::StringRef text = (*buffer)->getBuffer();
    // ANTLR's input stream only takes UTF-8; the invalid-UTF-8 tests are left to the soups'
    // valid neighbours and to the lexer's unit tests.
    if (!isValidUtf8(text))
      continue;
    compareLexers(text, file);
    ++compared;
  }
  CHECK(compared >= 30);
}

TEST_CASE("lexers agree on random token soups", "[lexer]") {
  std::mt19937 random(0x9011C7);
  for (int i = 0; i < 4000; ++i) {
    std::string soup = randomSoup(random);
    REQUIRE(isValidUtf8(soup));
    compareLexers(soup, "soup #" + std::to_string(i));
  }
}

TEST_CASE("lexers agree on every pair of pieces", "[lexer]") {
  // Every piece next to every other: the boundaries where longest match can go wrong.
  const auto &pieces = soupPieces();
  for (const std::string &left : pieces)
    for (const std::string &right : pieces)
      compareLexers(left + right, "'" + left + "' + '" + right + "'");
}
