#include "gen/cpp/CppNames.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <iterator>

namespace policyc::gen::cpp {

namespace {
// C++20 keywords and alternative tokens ([lex.key], [lex.digraph]).
constexpr llvm::StringLiteral kKeywords[] = {
    "alignas",       "alignof",     "and",
    "and_eq",        "asm",         "auto",
    "bitand",        "bitor",       "bool",
    "break",         "case",        "catch",
    "char",          "char8_t",     "char16_t",
    "char32_t",      "class",       "compl",
    "concept",       "const",       "consteval",
    "constexpr",     "constinit",   "const_cast",
    "continue",      "co_await",    "co_return",
    "co_yield",      "decltype",    "default",
    "delete",        "do",          "double",
    "dynamic_cast",  "else",        "enum",
    "explicit",      "export",      "extern",
    "false",         "float",       "for",
    "friend",        "goto",        "if",
    "inline",        "int",         "long",
    "mutable",       "namespace",   "new",
    "noexcept",      "not",         "not_eq",
    "nullptr",       "operator",    "or",
    "or_eq",         "private",     "protected",
    "public",        "register",    "reinterpret_cast",
    "requires",      "return",      "short",
    "signed",        "sizeof",      "static",
    "static_assert", "static_cast", "struct",
    "switch",        "template",    "this",
    "thread_local",  "throw",       "true",
    "try",           "typedef",     "typeid",
    "typename",      "union",       "unsigned",
    "using",         "virtual",     "void",
    "volatile",      "wchar_t",     "while",
    "xor",           "xor_eq",
};

// Macros of the standard library headers and of the compilers (StandardMacros.def): a macro
// expands inside an enum body or a namespace name, so such a name must be changed even
// though it is no keyword. Sorted, for a binary search.
constexpr llvm::StringLiteral kMacros[] = {
#include "gen/cpp/StandardMacros.def"
};

// Names the standard headers declare at global scope (StandardGlobals.def). Sorted.
constexpr llvm::StringLiteral kGlobals[] = {
#include "gen/cpp/StandardGlobals.def"
};

bool sortedContains(llvm::ArrayRef<llvm::StringLiteral> words, llvm::StringRef name) {
  auto at = std::lower_bound(words.begin(), words.end(), name,
                             [](llvm::StringRef word, llvm::StringRef key) { return word < key; });
  return at != words.end() && *at == name;
}

bool isIdentifierStart(char c) {
  return llvm::isAlpha(c);
}
bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool isIdentifierChar(char c) {
  return llvm::isAlnum(c) || c == '_';
}
} // namespace

bool isReservedIdentifier(llvm::StringRef name) {
  auto matches = [&](llvm::StringLiteral word) { return word == name; };
  if (std::any_of(std::begin(kKeywords), std::end(kKeywords), matches))
    return true;
  if (sortedContains(kMacros, name))
    return true;
  // Errno constants (EACCES, ENOENT, ...) and signal names are macros in <cerrno>/<csignal>.
  // The shortest are EIO and EDOM: a two-letter name such as EU is no macro.
  bool upper =
      name.size() > 2 && llvm::all_of(name, [](char c) { return isUpper(c) || llvm::isDigit(c); });
  return upper && (name.startswith("E") || name.startswith("SIG"));
}

std::string mangleIdentifier(llvm::StringRef spelling) {
  std::string result;
  for (char c : spelling) {
    char out = isIdentifierChar(c) ? c : '_';
    if (out == '_' && !result.empty() && result.back() == '_')
      continue;
    result.push_back(out);
  }
  if (result.empty() || !isIdentifierStart(result.front()))
    result.insert(result.begin(), 'n');
  if (isReservedIdentifier(result))
    result.push_back('_');
  return result;
}

std::string NameScope::unique(llvm::StringRef spelling) {
  std::string base = mangleIdentifier(spelling);
  // A trailing '_' before the counter would form a double underscore.
  llvm::StringRef stem = llvm::StringRef(base).rtrim('_');
  std::string candidate = base;
  for (unsigned counter = 2; used.contains(candidate); ++counter)
    candidate = (stem + "_" + llvm::Twine(counter)).str();
  used.insert(candidate);
  return candidate;
}

bool isStandardGlobal(llvm::StringRef name) {
  return sortedContains(kGlobals, name);
}

bool isReservedNamespace(llvm::StringRef name) {
  if (name == "posix" || name == "policyc" || isStandardGlobal(name))
    return true;
  return name.startswith("std") && llvm::all_of(name.drop_front(3), llvm::isDigit);
}

std::optional<std::string> checkNamespace(llvm::StringRef name) {
  if (name.empty())
    return std::string("it is empty");
  llvm::SmallVector<llvm::StringRef, 4> parts;
  name.split(parts, "::", /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  if (isStandardGlobal(parts.front()))
    return "'" + parts.front().str() +
           "' is declared at global scope by the standard library headers";
  if (isReservedNamespace(parts.front()))
    return "'" + parts.front().str() +
           "' is reserved for the standard library or the policyc runtime";
  for (llvm::StringRef part : parts) {
    if (part.empty())
      return std::string("it has an empty component");
    if (!isIdentifierStart(part.front()) && part.front() != '_')
      return "'" + part.str() + "' does not start with a letter";
    if (!llvm::all_of(part, isIdentifierChar))
      return "'" + part.str() + "' contains a character other than letters, digits and '_'";
    if (part.contains("__") || (part.size() > 1 && part[0] == '_' && isUpper(part[1])) ||
        (part.size() == 1 && part[0] == '_'))
      return "'" + part.str() + "' is reserved for the implementation";
    if (isReservedIdentifier(part))
      return "'" + part.str() + "' is a C++ keyword or a standard macro";
  }
  return std::nullopt;
}

namespace {
/// The length of the valid UTF-8 sequence at the start of `text` and its code point, or 0
/// when the first byte does not start one (overlong forms and surrogates are invalid).
std::pair<size_t, uint32_t> decodeUtf8(llvm::StringRef text) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || lead > 0xf4 || text.size() < length)
    return {0, 0};
  uint32_t point = lead & (0x7f >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80)
      return {0, 0};
    point = point << 6 | (byte(i) & 0x3f);
  }
  static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kSmallest[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
    return {0, 0};
  return {length, point};
}
} // namespace

bool isInvisibleCodePoint(uint32_t point) {
  // C1 controls, line and paragraph separators, and the format characters (Unicode general
  // category Cf) among them every bidirectional control that -Wbidi-chars reports.
  static constexpr std::pair<uint32_t, uint32_t> kRanges[] = {
      {0x80, 0x9f},       {0xad, 0xad},       {0x600, 0x605},     {0x61c, 0x61c},
      {0x6dd, 0x6dd},     {0x70f, 0x70f},     {0x890, 0x891},     {0x8e2, 0x8e2},
      {0x180e, 0x180e},   {0x200b, 0x200f},   {0x2028, 0x202e},   {0x2060, 0x2064},
      {0x2066, 0x206f},   {0xfeff, 0xfeff},   {0xfff9, 0xfffb},   {0x110bd, 0x110bd},
      {0x110cd, 0x110cd}, {0x13430, 0x1343f}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a},
      {0xe0001, 0xe0001}, {0xe0020, 0xe007f},
  };
  return llvm::any_of(kRanges, [&](const std::pair<uint32_t, uint32_t> &range) {
    return range.first <= point && point <= range.second;
  });
}

std::string stringLiteral(llvm::StringRef text) {
  std::string result = "\"";
  bool lastWasHexEscape = false;
  auto hexEscape = [&](unsigned char c) {
    result += "\\x";
    result.push_back(llvm::hexdigit(c >> 4, /*LowerCase=*/true));
    result.push_back(llvm::hexdigit(c & 0xf, /*LowerCase=*/true));
    lastWasHexEscape = true;
  };
  for (size_t at = 0; at < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      // Valid UTF-8 stays readable; invalid bytes and invisible characters (which make
      // compilers warn: -Wbidi-chars, invalid encoding) become byte escapes of the same value.
      auto [length, point] = decodeUtf8(text.substr(at));
      if (length != 0 && !isInvisibleCodePoint(point)) {
        result.append(text.data() + at, length);
        lastWasHexEscape = false;
      } else {
        for (size_t i = 0; i < std::max<size_t>(length, 1); ++i)
          hexEscape(static_cast<unsigned char>(text[at + i]));
      }
      at += std::max<size_t>(length, 1);
      continue;
    }
    ++at;
    // A hex escape swallows every following hex digit, so a digit right after one is escaped.
    bool needsEscape = c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '?' ||
                       (lastWasHexEscape && llvm::isHexDigit(c));
    lastWasHexEscape = false;
    if (!needsEscape) {
      result.push_back(static_cast<char>(c));
      continue;
    }
    switch (c) {
    case '"':
      result += "\\\"";
      continue;
    case '\\':
      result += "\\\\";
      continue;
    case '?': // no trigraphs
      result += "\\?";
      continue;
    case '\n':
      result += "\\n";
      continue;
    case '\t':
      result += "\\t";
      continue;
    default:
      break;
    }
    hexEscape(c);
  }
  result.push_back('"');
  return result;
}

std::string commentText(llvm::StringRef text) {
  std::string result;
  for (size_t at = 0; at < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      result.push_back(c < 0x20 || c == 0x7f ? ' ' : c == '\\' ? '/' : static_cast<char>(c));
      ++at;
      continue;
    }
    auto [length, point] = decodeUtf8(text.substr(at));
    if (length != 0 && !isInvisibleCodePoint(point))
      result.append(text.data() + at, length);
    else if (length != 0)
      result += "<U+" + std::string(point < 0x1000 ? 4 - llvm::utohexstr(point).size() : 0, '0') +
                llvm::utohexstr(point) + ">";
    else
      result += '?';
    at += std::max<size_t>(length, 1);
  }
  return result;
}

std::string includeGuard(llvm::StringRef cppNamespace) {
  // '_' only ever starts an escape, so different namespaces give different guards; letters
  // keep their case (`Shop` and `shop` differ) and no double underscore arises.
  std::string guard = "POLICYC_GENERATED_";
  for (size_t at = 0; at < cppNamespace.size(); ++at) {
    char c = cppNamespace[at];
    if (c == ':' && at + 1 < cppNamespace.size() && cppNamespace[at + 1] == ':') {
      guard += "_0";
      ++at;
    } else if (c == '_') {
      guard += "_1";
    } else if (llvm::isAlnum(c)) {
      guard.push_back(c);
    } else {
      guard += "_2" + llvm::utohexstr(static_cast<unsigned char>(c)) + "_";
    }
  }
  return guard + "_HPP";
}

} // namespace policyc::gen::cpp
