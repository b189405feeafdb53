#include "gen/text/WebLinks.h"

#include "llvm/ADT/StringExtras.h"

namespace policyc::gen::text {

namespace {
/// Characters a link may hold: safe in a CommonMark autolink, and in an HTML attribute once
/// `&` is escaped. Quotes, brackets, parentheses and `<` `>` are left out on purpose: an
/// address holding one stays text rather than become a link that means something else.
bool linkCharacter(char c) {
  return llvm::isAlnum(c) || llvm::StringRef("-._~/?#=%+:@!$&*,;").contains(c);
}

bool sentencePunctuation(char c) {
  return llvm::StringRef(".,;:!?").contains(c);
}

/// Where the word at `begin` ends: at a space, or at the end of the text.
size_t wordEnd(llvm::StringRef text, size_t begin) {
  size_t end = text.find(' ', begin);
  return end == llvm::StringRef::npos ? text.size() : end;
}

bool allLinkCharacters(llvm::StringRef word) {
  return llvm::all_of(word, linkCharacter);
}

/// `word` is a web address: http:// or https://, a host, only link characters.
bool isWebAddress(llvm::StringRef word) {
  llvm::StringRef rest = word;
  if (!rest.consume_front_insensitive("https://") && !rest.consume_front_insensitive("http://"))
    return false;
  return !rest.empty() && llvm::isAlnum(rest.front()) && allLinkCharacters(word);
}

/// `word` is an e-mail address: a local part of letters, digits and `._+-`, `@`, and a
/// domain of at least two dot-separated labels of letters, digits and `-`, the last one of
/// at least two letters.
bool isEmailAddress(llvm::StringRef word) {
  auto [local, domain] = word.split('@');
  if (local.empty() || domain.empty() || domain.contains('@'))
    return false;
  if (!llvm::all_of(local,
                    [](char c) { return llvm::isAlnum(c) || llvm::StringRef("._+-").contains(c); }))
    return false;
  llvm::SmallVector<llvm::StringRef, 4> labels;
  domain.split(labels, '.');
  if (labels.size() < 2)
    return false;
  for (llvm::StringRef label : labels)
    if (label.empty() || !llvm::all_of(label, [](char c) { return llvm::isAlnum(c) || c == '-'; }))
      return false;
  llvm::StringRef top = labels.back();
  return top.size() >= 2 && llvm::all_of(top, llvm::isAlpha);
}
} // namespace

std::vector<TextPiece> findWebLinks(llvm::StringRef text) {
  std::vector<TextPiece> pieces;
  auto appendText = [&](llvm::StringRef plain) {
    if (plain.empty())
      return;
    if (pieces.empty() || pieces.back().isLink())
      pieces.push_back(TextPiece{std::string(), std::string()});
    pieces.back().text += plain.str();
  };
  size_t plainStart = 0;
  for (size_t begin = 0; begin < text.size();) {
    if (text[begin] == ' ') {
      ++begin;
      continue;
    }
    size_t end = wordEnd(text, begin);
    // An address may follow an opening parenthesis or quotation mark: "(https://...)".
    size_t start = begin;
    while (start < end && llvm::StringRef("(\"'").contains(text[start]))
      ++start;
    llvm::StringRef word = text.slice(start, end);
    // A closing parenthesis or quotation mark after it is not part of it either.
    while (!word.empty() &&
           (sentencePunctuation(word.back()) || llvm::StringRef(")\"'").contains(word.back())))
      word = word.drop_back();
    std::string href;
    if (isWebAddress(word))
      href = word.str();
    else if (isEmailAddress(word))
      href = "mailto:" + word.str();
    if (!href.empty()) {
      appendText(text.slice(plainStart, start));
      pieces.push_back(TextPiece{word.str(), std::move(href)});
      plainStart = start + word.size();
    }
    begin = end;
  }
  appendText(text.substr(plainStart));
  return pieces;
}

} // namespace policyc::gen::text
