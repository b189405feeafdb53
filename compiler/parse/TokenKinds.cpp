#include "parse/TokenKinds.h"

#include "llvm/ADT/SmallVector.h"

#include <array>

namespace policyc::parse {

namespace {
struct KeywordEntry {
  llvm::StringLiteral text;
  size_t type;
};

constexpr KeywordEntry kKeywords[] = {
    {"policy", TokenKind::POLICY},
    {"import", TokenKind::IMPORT},
    {"category", TokenKind::CATEGORY},
    {"purpose", TokenKind::PURPOSE},
    {"recipient", TokenKind::RECIPIENT},
    {"source", TokenKind::SOURCE},
    {"consent", TokenKind::CONSENT},
    {"event", TokenKind::EVENT},
    {"collect", TokenKind::COLLECT},
    {"use", TokenKind::USE},
    {"disclose", TokenKind::DISCLOSE},
    {"link", TokenKind::LINK},
    {"never", TokenKind::NEVER},
    {"retain", TokenKind::RETAIN},
    {"right", TokenKind::RIGHT},
    {"notify", TokenKind::NOTIFY},
    {"protect", TokenKind::PROTECT},
    {"note", TokenKind::NOTE},
    {"expect", TokenKind::EXPECT},
    {"from", TokenKind::FROM},
    {"for", TokenKind::FOR},
    {"to", TokenKind::TO},
    {"only", TokenKind::ONLY},
    {"when", TokenKind::WHEN},
    {"required", TokenKind::REQUIRED},
    {"optional", TokenKind::OPTIONAL},
    {"with", TokenKind::WITH},
    {"until", TokenKind::UNTIL},
    {"while", TokenKind::WHILE},
    {"as", TokenKind::AS},
    {"after", TokenKind::AFTER},
    {"within", TokenKind::WITHIN},
    {"at", TokenKind::AT},
    {"before", TokenKind::BEFORE},
    {"via", TokenKind::VIA},
    {"in", TokenKind::IN},
    {"basis", TokenKind::BASIS},
    {"contact", TokenKind::CONTACT},
    {"controller", TokenKind::CONTROLLER},
    {"effective", TokenKind::EFFECTIVE},
    {"transfers", TokenKind::TRANSFERS},
    {"under", TokenKind::UNDER},
    {"certification", TokenKind::CERTIFICATION},
    {"withdraw", TokenKind::WITHDRAW},
    {"transit", TokenKind::TRANSIT},
    {"rest", TokenKind::REST},
    {"least", TokenKind::LEAST},
    {"needed", TokenKind::NEEDED},
};

} // namespace

size_t keywordOrIdentifier(llvm::StringRef text) {
  // Every keyword is 2..13 lowercase letters. Names are most of a policy's tokens, so the
  // lookup avoids hashing: keywords are bucketed by length and first letter, and a name is
  // compared with the few keywords of its bucket only.
  static const auto buckets = [] {
    std::array<std::array<llvm::SmallVector<const KeywordEntry *, 2>, 26>, 14> result;
    for (const KeywordEntry &entry : kKeywords)
      result[entry.text.size()][entry.text[0] - 'a'].push_back(&entry);
    return result;
  }();
  if (text.size() < 2 || text.size() > 13 || text[0] < 'a' || text[0] > 'z')
    return TokenKind::IDENT;
  for (const KeywordEntry *entry : buckets[text.size()][text[0] - 'a'])
    if (entry->text == text)
      return entry->type;
  return TokenKind::IDENT;
}

bool isStatementKeyword(size_t type) {
  return type >= TokenKind::POLICY && type <= TokenKind::EXPECT;
}

bool isKeyword(size_t type) {
  return type >= TokenKind::POLICY && type <= TokenKind::NEEDED;
}

bool isContextualKeyword(size_t type) {
  return type >= TokenKind::CONTACT && type <= TokenKind::NEEDED;
}

std::string describeTokenType(size_t type) {
  for (const KeywordEntry &entry : kKeywords)
    if (entry.type == type)
      return "'" + entry.text.str() + "'";
  switch (type) {
  case TokenKind::IDENT:
    return "a name";
  case TokenKind::STRING:
    return "a string";
  case TokenKind::NUMBER:
    return "a number";
  case TokenKind::DATE:
    return "a date (YYYY-MM-DD)";
  case TokenKind::LBRACE:
    return "'{'";
  case TokenKind::RBRACE:
    return "'}'";
  case TokenKind::SEMI:
    return "';'";
  case TokenKind::COMMA:
    return "','";
  case TokenKind::DOT:
    return "'.'";
  case TokenKind::STAR:
    return "'*'";
  case TokenKind::DOT_STAR:
    return "'.*'";
  case antlr4::Token::EOF:
    return "end of file";
  default:
    return "a token";
  }
}

} // namespace policyc::parse
