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

// Object-like macros of the C and C++ standard libraries and of GCC/Clang in GNU modes that
// a lower-case or short policy name could plausibly match. A macro expands inside an enum
// body, so such a name must be changed even though it is no keyword.
constexpr llvm::StringLiteral kMacros[] = {
    "NULL",           "EOF",          "BUFSIZ",   "FILENAME_MAX", "FOPEN_MAX",
    "L_tmpnam",       "TMP_MAX",      "SEEK_SET", "SEEK_CUR",     "SEEK_END",
    "EXIT_SUCCESS",   "EXIT_FAILURE", "RAND_MAX", "MB_CUR_MAX",   "CHAR_BIT",
    "CLOCKS_PER_SEC", "NDEBUG",       "EDOM",     "EILSEQ",       "ERANGE",
    "errno",          "stdin",        "stdout",   "stderr",       "assert",
    "offsetof",       "setjmp",       "va_arg",   "va_copy",      "va_end",
    "va_start",       "unix",         "linux",    "i386",         "major",
    "minor",          "makedev",      "signbit",  "fpclassify",   "isfinite",
    "isinf",          "isnan",        "isnormal", "INFINITY",     "NAN",
    "HUGE_VAL",       "MATH_ERRNO",   "bool",     "true",         "false",
    "complex",        "imaginary",    "I",        "alignas",      "alignof",
    "static_assert",  "thread_local", "noreturn", "DOMAIN",       "SING",
    "OVERFLOW",       "UNDERFLOW",    "TLOSS",    "PLOSS",
};

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
  if (std::any_of(std::begin(kMacros), std::end(kMacros), matches))
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

bool isReservedNamespace(llvm::StringRef name) {
  if (name == "posix" || name == "policyc")
    return true;
  return name.startswith("std") && llvm::all_of(name.drop_front(3), llvm::isDigit);
}

std::optional<std::string> checkNamespace(llvm::StringRef name) {
  if (name.empty())
    return std::string("it is empty");
  llvm::SmallVector<llvm::StringRef, 4> parts;
  name.split(parts, "::", /*MaxSplit=*/-1, /*KeepEmpty=*/true);
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

std::string stringLiteral(llvm::StringRef text) {
  std::string result = "\"";
  bool lastWasHexEscape = false;
  for (unsigned char c : text) {
    // A hex escape swallows every following hex digit, so a digit right after one is escaped.
    // UTF-8 bytes (0x80 and up) pass through: the lexer only admits valid UTF-8, and a
    // UTF-8 source file keeps them readable.
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
    result += "\\x";
    result.push_back(llvm::hexdigit(c >> 4, /*LowerCase=*/true));
    result.push_back(llvm::hexdigit(c & 0xf, /*LowerCase=*/true));
    lastWasHexEscape = true;
  }
  result.push_back('"');
  return result;
}

} // namespace policyc::gen::cpp
