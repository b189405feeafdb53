#include "lsp/Uri.h"

#include "llvm/ADT/StringExtras.h"

namespace policyc::lsp {

namespace {
bool isUnreserved(char c) {
  return llvm::isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/// Characters left as they are in a path: unreserved, sub-delimiters (but not the ones that
/// editors escape anyway), ':' , '@' and '/'.
bool keptInPath(char c) {
  return isUnreserved(c) || c == '/' || c == '@' || c == '!' || c == '$' || c == '&' || c == '\'' ||
         c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
}
} // namespace

std::optional<std::string> pathFromUri(llvm::StringRef uri) {
  llvm::StringRef rest = uri;
  if (!rest.consume_front_insensitive("file:"))
    return std::nullopt;
  if (rest.consume_front("//")) {
    // The authority: empty or localhost for a local file.
    size_t slash = rest.find('/');
    if (slash == llvm::StringRef::npos)
      return std::nullopt;
    llvm::StringRef authority = rest.take_front(slash);
    if (!authority.empty() && !authority.equals_insensitive("localhost"))
      return std::nullopt;
    rest = rest.drop_front(slash);
  }
  if (!rest.startswith("/"))
    return std::nullopt;
  // A query or fragment is no part of the path.
  rest = rest.take_until([](char c) { return c == '?' || c == '#'; });
  std::string path;
  path.reserve(rest.size());
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      path += rest[i];
      continue;
    }
    if (i + 2 >= rest.size() || !llvm::isHexDigit(rest[i + 1]) || !llvm::isHexDigit(rest[i + 2]))
      return std::nullopt;
    char decoded = static_cast<char>(llvm::hexFromNibbles(rest[i + 1], rest[i + 2]));
    if (decoded == '\0')
      return std::nullopt;
    path += decoded;
    i += 2;
  }
  return path;
}

std::string uriFromPath(llvm::StringRef path) {
  std::string uri = "file://";
  for (char c : path) {
    if (keptInPath(c)) {
      uri += c;
      continue;
    }
    uri += '%';
    uri += llvm::hexdigit(static_cast<unsigned char>(c) >> 4, /*LowerCase=*/false);
    uri += llvm::hexdigit(static_cast<unsigned char>(c) & 0xF, /*LowerCase=*/false);
  }
  return uri;
}

} // namespace policyc::lsp
