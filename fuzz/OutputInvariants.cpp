#include "OutputInvariants.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <vector>

namespace policyc::fuzz {

namespace {
/// "line N" of `offset` in `text`, for messages.
std::string lineOf(llvm::StringRef text, size_t offset) {
  return "line " + std::to_string(text.take_front(offset).count('\n') + 1);
}

bool isIdentifierChar(char c) {
  return llvm::isAlnum(c) || c == '_';
}

/// Skips a raw string literal whose `R"` is at `at`; npos when it is not closed.
size_t skipRawString(llvm::StringRef text, size_t at) {
  size_t open = text.find('(', at + 2);
  if (open == llvm::StringRef::npos || open - (at + 2) > 16)
    return llvm::StringRef::npos;
  std::string closer = ")" + text.slice(at + 2, open).str() + "\"";
  size_t close = text.find(closer, open + 1);
  return close == llvm::StringRef::npos ? close : close + closer.size();
}

/// Whether a raw string starts at `at` (`R"`, optionally after an encoding prefix).
bool startsRawString(llvm::StringRef text, size_t at) {
  if (!text.substr(at).startswith("R\""))
    return false;
  size_t begin = at;
  while (begin > 0 && isIdentifierChar(text[begin - 1]))
    --begin;
  llvm::StringRef prefix = text.slice(begin, at);
  return prefix.empty() || prefix == "u8" || prefix == "u" || prefix == "U" || prefix == "L";
}

/// Checks the string or character literal opened by the quote at `at`; sets `end` past it.
std::optional<std::string> checkLiteral(llvm::StringRef text, size_t at, size_t &end) {
  char quote = text[at];
  for (size_t i = at + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == quote) {
      end = i + 1;
      return std::nullopt;
    }
    if (c == '\n')
      return "literal not closed on its " + lineOf(text, at);
    if (c == '?' && text.substr(i).size() >= 3 && text[i + 1] == '?' &&
        llvm::StringRef("=/'()!<>-").contains(text[i + 2]))
      return "trigraph in a literal at " + lineOf(text, i);
    if (c != '\\')
      continue;
    if (i + 1 >= text.size())
      break;
    char escaped = text[i + 1];
    bool known = llvm::StringRef("'\"?\\abfnrtv01234567").contains(escaped) ||
                 ((escaped == 'x' || escaped == 'u' || escaped == 'U') && i + 2 < text.size() &&
                  llvm::isHexDigit(text[i + 2]));
    if (!known)
      return std::string("unknown escape '\\") + escaped + "' at " + lineOf(text, i);
    ++i;
  }
  return "literal not closed at the end, opened at " + lineOf(text, at);
}

/// The character reference at `at` (`&name;`, `&#123;`, `&#x1F;`), or false.
bool isCharacterReference(llvm::StringRef text, size_t at) {
  llvm::StringRef rest = text.substr(at + 1);
  size_t semicolon = rest.find(';');
  if (semicolon == llvm::StringRef::npos || semicolon == 0 || semicolon > 32)
    return false;
  llvm::StringRef name = rest.take_front(semicolon);
  if (name.consume_front("#x") || name.consume_front("#X"))
    return !name.empty() && llvm::all_of(name, llvm::isHexDigit);
  if (name.consume_front("#"))
    return !name.empty() && llvm::all_of(name, llvm::isDigit);
  return llvm::isAlpha(name.front()) && llvm::all_of(name, llvm::isAlnum);
}

/// Elements the HTML renderer emits (compiler/gen/text/HtmlRenderer.cpp). Any other tag in
/// a document came from policy text that was not escaped; when the renderer starts using a
/// new element, it belongs here.
constexpr llvm::StringLiteral kRendererTags[] = {
    "a",     "body",  "div",  "footer", "h1",    "h2",   "h3",      "head", "header", "html",
    "li",    "main",  "meta", "nav",    "ol",    "p",    "section", "span", "strong", "style",
    "table", "tbody", "td",   "th",     "thead", "time", "title",   "tr",   "ul",     "wbr",
};
} // namespace

std::optional<std::string> checkUtf8(llvm::StringRef text) {
  size_t offset = 0;
  if (llvm::json::isUTF8(text, &offset))
    return std::nullopt;
  return "invalid UTF-8 at byte " + std::to_string(offset) + " (" + lineOf(text, offset) + ")";
}

std::optional<std::string> checkCppTokens(llvm::StringRef header) {
  std::vector<std::pair<char, size_t>> open; // closers expected, with where they opened
  size_t i = 0;
  while (i < header.size()) {
    char c = header[i];
    llvm::StringRef rest = header.substr(i);
    if (rest.startswith("//")) {
      size_t end = std::min(header.find('\n', i), header.size());
      llvm::StringRef comment = header.slice(i, end).rtrim(" \t\r\f\v");
      if (comment.endswith("\\") || comment.endswith("?"
                                                     "?/"))
        return "a '//' comment ends in a line splice at " + lineOf(header, i);
      i = end;
      continue;
    }
    if (rest.startswith("/*")) {
      size_t end = header.find("*/", i + 2);
      if (end == llvm::StringRef::npos)
        return "a '/*' comment is not closed, opened at " + lineOf(header, i);
      i = end + 2;
      continue;
    }
    if (startsRawString(header, i)) {
      size_t end = skipRawString(header, i);
      if (end == llvm::StringRef::npos)
        return "a raw string is not closed, opened at " + lineOf(header, i);
      i = end;
      continue;
    }
    // A quote after a digit or letter is a digit separator (1'000), not a literal.
    if (c == '"' || (c == '\'' && (i == 0 || !isIdentifierChar(header[i - 1])))) {
      size_t end = i;
      if (auto problem = checkLiteral(header, i, end))
        return problem;
      i = end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      open.push_back({c == '(' ? ')' : c == '[' ? ']' : '}', i});
    } else if (c == ')' || c == ']' || c == '}') {
      if (open.empty() || open.back().first != c)
        return std::string("unbalanced '") + c + "' at " + lineOf(header, i);
      open.pop_back();
    }
    ++i;
  }
  if (!open.empty())
    return std::string("'") + open.back().first + "' missing for the bracket at " +
           lineOf(header, open.back().second);
  return std::nullopt;
}

std::optional<std::string> checkHtml(llvm::StringRef html) {
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '&') {
      if (!isCharacterReference(html, i))
        return "a bare '&' at " + lineOf(html, i);
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    llvm::StringRef rest = html.substr(i);
    if (rest.startswith("<!--")) {
      size_t end = html.find("-->", i + 4);
      if (end == llvm::StringRef::npos)
        return "an HTML comment is not closed, opened at " + lineOf(html, i);
      i = end + 3;
      continue;
    }
    if (rest.startswith_insensitive("<!doctype")) {
      i = std::min(html.find('>', i), html.size());
      continue;
    }
    size_t nameBegin = i + 1 + (rest.startswith("</") ? 1 : 0);
    size_t nameEnd = nameBegin;
    while (nameEnd < html.size() && llvm::isAlnum(html[nameEnd]))
      ++nameEnd;
    std::string name = html.slice(nameBegin, nameEnd).lower();
    if (name.empty())
      return "a bare '<' at " + lineOf(html, i);
    if (!llvm::is_contained(kRendererTags, name))
      return "an element the renderer does not emit, <" + name + ">, at " + lineOf(html, i);
    // The tag runs to the first '>' outside a quoted attribute value.
    size_t end = nameEnd;
    char quote = 0;
    for (; end < html.size(); ++end) {
      if (quote) {
        if (html[end] == quote)
          quote = 0;
      } else if (html[end] == '"' || html[end] == '\'') {
        quote = html[end];
      } else if (html[end] == '>') {
        break;
      }
    }
    if (end >= html.size())
      return "the tag <" + name + "> is not closed, opened at " + lineOf(html, i);
    std::string tag = html.slice(i, end).lower();
    if (tag.find("javascript:") != std::string::npos)
      return "a javascript: URL at " + lineOf(html, i);
    for (size_t at = tag.find(" on"); at != std::string::npos; at = tag.find(" on", at + 1)) {
      size_t word = at + 3;
      while (word < tag.size() && llvm::isAlpha(tag[word]))
        ++word;
      if (word > at + 3 && word < tag.size() && tag[word] == '=')
        return "an event handler attribute at " + lineOf(html, i);
    }
    i = end + 1;
    if (name == "style" && !rest.startswith("</")) {
      // Style sheets are not markup: '&' and '>' in them mean nothing here.
      size_t close = html.find("</style", i);
      if (close == llvm::StringRef::npos)
        return "a <style> element is not closed, opened at " + lineOf(html, i);
      i = close;
    }
  }
  return std::nullopt;
}

std::optional<std::string> checkMarkdownComments(llvm::StringRef markdown) {
  for (size_t open = markdown.find("<!--"); open != llvm::StringRef::npos;
       open = markdown.find("<!--", open + 4)) {
    size_t close = markdown.find("-->", open + 4);
    size_t lineEnd = markdown.find('\n', open);
    if (close == llvm::StringRef::npos || close > lineEnd)
      return "a comment does not close on its line, opened at " + lineOf(markdown, open);
  }
  return std::nullopt;
}

std::optional<std::string> checkPrintable(llvm::StringRef text) {
  if (auto problem = checkUtf8(text))
    return problem;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      return "the control character " + std::to_string(c) + " at " + lineOf(text, i);
  }
  return std::nullopt;
}

std::optional<std::string> checkJson(llvm::StringRef json) {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(json);
  if (parsed)
    return std::nullopt;
  return "not JSON: " + llvm::toString(parsed.takeError());
}

} // namespace policyc::fuzz
