// The hand-written lexer on the cases where longest match, keywords and error tokens decide.
// (LexerDifferentialTest compares it with the generated lexer on whole files and soups.)
#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace policyc::parse;

namespace {
struct Spelled {
  size_t type;
  std::string text;
  bool operator==(const Spelled &other) const { return type == other.type && text == other.text; }
};

std::ostream &operator<<(std::ostream &out, const Spelled &token) {
  return out << describeTokenType(token.type) << " '" << token.text << "'";
}

std::vector<Spelled> lex(llvm::StringRef text, bool keepComments = false) {
  std::vector<Spelled> tokens;
  Lexer lexer(text, keepComments);
  for (LexToken token = lexer.next(); token.type != antlr4::Token::EOF; token = lexer.next())
    tokens.push_back({token.type, text.substr(token.begin, token.end - token.begin).str()});
  return tokens;
}

using K = TokenKind;
} // namespace

TEST_CASE("keywords, contextual keywords and names", "[lexer]") {
  CHECK(lex("collect contact policyx policy-x Policy use_ transit") ==
        std::vector<Spelled>{{K::COLLECT, "collect"},
                             {K::CONTACT, "contact"},
                             {K::IDENT, "policyx"},
                             {K::IDENT, "policy-x"},
                             {K::IDENT, "Policy"},
                             {K::IDENT, "use_"},
                             {K::TRANSIT, "transit"}});
  CHECK(isStatementKeyword(K::NOTE));
  CHECK_FALSE(isStatementKeyword(K::FROM));
  CHECK(isContextualKeyword(K::CONTACT));
  CHECK_FALSE(isContextualKeyword(K::FOR));
  CHECK(keywordOrIdentifier("certification") == K::CERTIFICATION);
  CHECK(keywordOrIdentifier("certifications") == K::IDENT);
  CHECK(keywordOrIdentifier("a") == K::IDENT);
}

TEST_CASE("hyphens belong to a name only between name characters", "[lexer]") {
  CHECK(lex("safe-harbor a-1 x- -y") == std::vector<Spelled>{{K::IDENT, "safe-harbor"},
                                                             {K::IDENT, "a-1"},
                                                             {K::IDENT, "x"},
                                                             {K::ERROR_CHAR, "-"},
                                                             {K::ERROR_CHAR, "-"},
                                                             {K::IDENT, "y"}});
}

TEST_CASE("numbers, dates and names that start with digits", "[lexer]") {
  CHECK(lex("30 2016-07-28 2fa 3d-secure 12016-07-28 2016-7-28") ==
        std::vector<Spelled>{{K::NUMBER, "30"},
                             {K::DATE, "2016-07-28"},
                             {K::IDENT, "2fa"},
                             {K::IDENT, "3d-secure"},
                             {K::NUMBER, "12016"},
                             {K::ERROR_CHAR, "-"},
                             {K::NUMBER, "07"},
                             {K::ERROR_CHAR, "-"},
                             {K::NUMBER, "28"},
                             {K::NUMBER, "2016"},
                             {K::ERROR_CHAR, "-"},
                             {K::NUMBER, "7"},
                             {K::ERROR_CHAR, "-"},
                             {K::NUMBER, "28"}});
}

TEST_CASE("strings, escapes and unterminated strings", "[lexer]") {
  CHECK(lex(R"("a \" b" "" "\\")") == std::vector<Spelled>{{K::STRING, R"("a \" b")"},
                                                           {K::STRING, R"("")"},
                                                           {K::STRING, R"("\\")"}});
  // An unterminated string ends at the line end; a backslash before it belongs to it.
  CHECK(lex("\"open\nnote") ==
        std::vector<Spelled>{{K::UNTERMINATED_STRING, "\"open"}, {K::NOTE, "note"}});
  CHECK(lex("\"open\\\r\nnote") ==
        std::vector<Spelled>{{K::UNTERMINATED_STRING, "\"open\\"}, {K::NOTE, "note"}});
  CHECK(lex("\"open\\") == std::vector<Spelled>{{K::UNTERMINATED_STRING, "\"open\\"}});
}

TEST_CASE("comments are skipped or kept", "[lexer]") {
  CHECK(lex("a // line\n/* block */ b") == std::vector<Spelled>{{K::IDENT, "a"}, {K::IDENT, "b"}});
  CHECK(lex("a // line\n/* block */ b /* open", /*keepComments=*/true) ==
        std::vector<Spelled>{{K::IDENT, "a"},
                             {K::LINE_COMMENT, "// line"},
                             {K::BLOCK_COMMENT, "/* block */"},
                             {K::IDENT, "b"},
                             {K::UNTERMINATED_COMMENT, "/* open"}});
  // An unterminated comment is reported even when comments are skipped.
  CHECK(lex("a /* open") ==
        std::vector<Spelled>{{K::IDENT, "a"}, {K::UNTERMINATED_COMMENT, "/* open"}});
  CHECK(lex("/*/ still open") == std::vector<Spelled>{{K::UNTERMINATED_COMMENT, "/*/ still open"}});
}

TEST_CASE("punctuation and the wildcard", "[lexer]") {
  CHECK(lex("a.b.* , * ; { } .. .**") == std::vector<Spelled>{{K::IDENT, "a"},
                                                              {K::DOT, "."},
                                                              {K::IDENT, "b"},
                                                              {K::DOT_STAR, ".*"},
                                                              {K::COMMA, ","},
                                                              {K::STAR, "*"},
                                                              {K::SEMI, ";"},
                                                              {K::LBRACE, "{"},
                                                              {K::RBRACE, "}"},
                                                              {K::DOT, "."},
                                                              {K::DOT, "."},
                                                              {K::DOT_STAR, ".*"},
                                                              {K::STAR, "*"}});
}

TEST_CASE("whitespace includes byte order marks anywhere", "[lexer]") {
  CHECK(lex("\xEF\xBB\xBF"
            "a\t\f\v\r\n\xEF\xBB\xBF"
            "b") == std::vector<Spelled>{{K::IDENT, "a"}, {K::IDENT, "b"}});
}

TEST_CASE("error tokens are one code point, or one bad byte", "[lexer]") {
  CHECK(lex("@\xE2\x80\x93\xFF\xC3") == std::vector<Spelled>{{K::ERROR_CHAR, "@"},
                                                             {K::ERROR_CHAR, "\xE2\x80\x93"},
                                                             {K::ERROR_CHAR, "\xFF"},
                                                             {K::ERROR_CHAR, "\xC3"}});
  std::string nul("a\0b", 3);
  CHECK(lex(nul) == std::vector<Spelled>{
                        {K::IDENT, "a"}, {K::ERROR_CHAR, std::string(1, '\0')}, {K::IDENT, "b"}});
}

TEST_CASE("offsets are bytes", "[lexer]") {
  Lexer lexer("caf\xC3\xA9 x");
  LexToken first = lexer.next();
  CHECK(first.type == K::IDENT);
  CHECK(first.end == 3);
  LexToken accent = lexer.next();
  CHECK(accent.type == K::ERROR_CHAR);
  CHECK((accent.begin == 3 && accent.end == 5));
  LexToken x = lexer.next();
  CHECK((x.begin == 6 && x.end == 7));
  CHECK(lexer.next().type == antlr4::Token::EOF);
  CHECK(lexer.next().type == antlr4::Token::EOF); // EOF repeats
}

TEST_CASE("UTF-8 sequences: well-formed ones only", "[lexer]") {
  auto length = [](llvm::StringRef bytes) {
    return utf8SequenceLength(bytes.data(), bytes.size());
  };
  CHECK(length("a") == 1);
  CHECK(length("\xC3\xA9") == 2);
  CHECK(length("\xE2\x80\x93") == 3);
  CHECK(length("\xF0\x9F\x98\x80") == 4);
  CHECK(length("\xC0\xAF") == 0);                     // overlong
  CHECK(length("\xE0\x80\xAF") == 0);                 // overlong
  CHECK(length("\xED\xA0\x80") == 0);                 // surrogate
  CHECK(length("\xF4\x90\x80\x80") == 0);             // beyond U+10FFFF
  CHECK(length("\x80") == 0);                         // lone continuation byte
  CHECK(length(llvm::StringRef("\xE2\x80", 2)) == 0); // truncated
}
