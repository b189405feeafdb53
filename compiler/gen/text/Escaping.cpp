#include "gen/text/Escaping.h"

#include "llvm/Support/ConvertUTF.h"

namespace policyc::gen::text {

namespace {
/// The length of the valid UTF-8 sequence at `i`, or 0.
unsigned validSequenceLength(llvm::StringRef text, size_t i) {
  const auto *bytes = reinterpret_cast<const llvm::UTF8 *>(text.data());
  unsigned length = llvm::getNumBytesForUTF8(bytes[i]);
  if (i + length > text.size())
    return 0;
  if (!llvm::isLegalUTF8Sequence(bytes + i, bytes + i + length))
    return 0;
  return length;
}
} // namespace

std::string cleanText(llvm::StringRef text) {
  std::string result;
  result.reserve(text.size());
  bool pendingSpace = false;
  auto append = [&](llvm::StringRef piece) {
    if (pendingSpace)
      result += ' ';
    pendingSpace = false;
    result += piece;
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f || byte == ' ') {
      pendingSpace = true;
      ++i;
      continue;
    }
    if (byte < 0x80) {
      append(text.substr(i, 1));
      ++i;
      continue;
    }
    unsigned length = validSequenceLength(text, i);
    if (length == 0) {
      append("\xEF\xBF\xBD"); // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    // C1 control characters (U+0080..U+009F) are not allowed in HTML text either.
    if (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      pendingSpace = true;
      i += 2;
      continue;
    }
    append(text.substr(i, length));
    i += length;
  }
  if (pendingSpace)
    result += ' ';
  return result;
}

std::string escapeHtml(llvm::StringRef text) {
  std::string result;
  result.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      result += "&amp;";
      break;
    case '<':
      result += "&lt;";
      break;
    case '>':
      result += "&gt;";
      break;
    case '"':
      result += "&quot;";
      break;
    case '\'':
      result += "&#39;";
      break;
    default:
      result += c;
    }
  }
  return result;
}

namespace {
bool isAlphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// True when the `&` at `i` starts a character reference ("&amp;", "&#38;", "&#x26;"), the
/// only case in which Markdown would not show it as written.
bool startsCharacterReference(llvm::StringRef text, size_t i) {
  size_t end = i + 1;
  bool numeric = end < text.size() && text[end] == '#';
  if (numeric) {
    ++end;
    if (end < text.size() && (text[end] == 'x' || text[end] == 'X'))
      ++end;
  }
  size_t first = end;
  while (end < text.size() && isAlphanumeric(text[end]))
    ++end;
  return end > first && end < text.size() && text[end] == ';';
}
} // namespace

std::string escapeMarkdown(llvm::StringRef text) {
  // Escapes are kept to where they are needed: GitHub turns URLs in text into links before it
  // reads escapes, so "settings\_manager.html" would keep its backslash there.
  std::string result;
  result.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char previous = i > 0 ? text[i - 1] : ' ';
    char next = i + 1 < text.size() ? text[i + 1] : ' ';
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '[':
    case ']':
    case '|':
    case '~':
      result += '\\';
      result += c;
      continue;
    case '_':
      // Inside a word an underscore never starts or ends emphasis.
      if (!(isAlphanumeric(previous) && isAlphanumeric(next)))
        result += '\\';
      result += c;
      continue;
    case '#':
      // Only a `#` that starts the text or follows a space can open or close a heading.
      if (previous == ' ')
        result += '\\';
      result += c;
      continue;
    // Angle brackets as character references, not backslash escapes: no "<script" is left
    // in the file for a renderer that passes HTML through before it reads escapes.
    case '<':
      result += "&lt;";
      continue;
    case '>':
      result += "&gt;";
      continue;
    case '&':
      result += startsCharacterReference(text, i) ? "&amp;" : "&";
      continue;
    default:
      break;
    }
    if (i == 0 && (c == '-' || c == '+' || c == '=')) {
      result += '\\';
      result += c;
      continue;
    }
    result += c;
  }
  // "1. text" or "1) text" at the start would become an ordered list.
  size_t digits = 0;
  while (digits < result.size() && result[digits] >= '0' && result[digits] <= '9')
    ++digits;
  if (digits > 0 && digits < result.size() && (result[digits] == '.' || result[digits] == ')'))
    result.insert(digits, "\\");
  return result;
}

std::string commentText(llvm::StringRef text) {
  std::string result;
  for (char c : text) {
    if (c == '-' && !result.empty() && result.back() == '-')
      result += ' ';
    if (c == '|' || c == '>' || c == '<')
      result += '_';
    else
      result += c;
  }
  return result;
}

} // namespace policyc::gen::text
