#include "parse/TokenKinds.h"

#include "llvm/ADT/StringMap.h"

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

const llvm::StringMap<size_t> &keywordTable() {
  static const llvm::StringMap<size_t> table = [] {
    llvm::StringMap<size_t> result;
    for (const KeywordEntry &entry : kKeywords)
      result[entry.text] = entry.type;
    return result;
  }();
  return table;
}
} // namespace

size_t keywordOrIdentifier(llvm::StringRef text) {
  // Every keyword is 2..13 lowercase letters; skip the hash for anything else.
  if (text.size() < 2 || text.size() > 13 || text[0] < 'a' || text[0] > 'w')
    return TokenKind::IDENT;
  const auto &table = keywordTable();
  auto found = table.find(text);
  if (found == table.end())
    return TokenKind::IDENT;
  return found->getValue();
}

bool isStatementKeyword(size_t type) {
  return type >= TokenKind::POLICY && type <= TokenKind::NOTE;
}

bool isKeyword(size_t type) { return type >= TokenKind::POLICY && type <= TokenKind::NEEDED; }

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
  case antlr4::Token::EOF:
    return "end of file";
  default:
    return "a token";
  }
}

} // namespace policyc::parse
