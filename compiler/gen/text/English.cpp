#include "gen/text/English.h"

#include "llvm/Support/ErrorHandling.h"

#include <fmt/format.h>

namespace policyc::gen::text {

std::string joinList(llvm::ArrayRef<std::string> items, llvm::StringRef conjunction) {
  if (items.empty())
    return std::string();
  if (items.size() == 1)
    return items.front();
  bool itemHasComma = false;
  for (const std::string &item : items)
    itemHasComma |= item.find(',') != std::string::npos;
  std::string separator = itemHasComma ? "; " : ", ";
  // With semicolons the last separator keeps its semicolon too, or the last two items would
  // read as one.
  std::string last = itemHasComma && items.size() > 2 ? fmt::format("; {} ", conjunction.str())
                                                      : fmt::format(" {} ", conjunction.str());
  std::string result = items.front();
  for (size_t i = 1; i + 1 < items.size(); ++i)
    result += separator + items[i];
  result += last + items.back();
  return result;
}

std::string numberWord(uint64_t number) {
  static constexpr const char *kWords[] = {"zero", "one", "two",   "three", "four",
                                           "five", "six", "seven", "eight", "nine"};
  if (number < 10)
    return kWords[number];
  return std::to_string(number);
}

llvm::StringRef plural(uint64_t count, llvm::StringRef singular, llvm::StringRef pluralForm) {
  return count == 1 ? singular : pluralForm;
}

std::string durationText(const model::Duration &duration) {
  return numberWord(duration.amount) + " " +
         model::unitName(duration.unit, duration.amount != 1).str();
}

std::string dateText(const model::Date &date) {
  static constexpr const char *kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  assert(date.month >= 1 && date.month <= 12 && "dates are validated by sema");
  return fmt::format("{} {} {}", date.day, kMonths[date.month - 1], date.year);
}

std::string capitalizeFirst(llvm::StringRef text) {
  std::string result = text.str();
  if (!result.empty() && result[0] >= 'a' && result[0] <= 'z')
    result[0] = static_cast<char>(result[0] - 'a' + 'A');
  return result;
}

std::string identifierWords(llvm::StringRef identifier) {
  std::string result = identifier.str();
  for (char &c : result)
    if (c == '_' || c == '-')
      c = ' ';
  return result;
}

std::string headingSlug(llvm::StringRef heading) {
  std::string slug;
  for (char c : heading) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z')
      slug += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
      slug += c;
    else if (c == ' ')
      slug += '-';
    else if (byte >= 0x80)
      slug += c; // letters beyond ASCII are kept, as GitHub does
  }
  return slug;
}

std::string withYour(llvm::StringRef nounPhrase) {
  // Articles, possessives, quantifiers, and the wh-words that open a clause ("which e-mails
  // you opened"): none of them takes "your" in front.
  static constexpr llvm::StringLiteral kDeterminers[] = {
      "a",     "all",     "an",    "any",   "both",  "certain", "each", "either",
      "every", "her",     "his",   "how",   "its",   "many",    "more", "most",
      "my",    "neither", "no",    "other", "our",   "several", "some", "such",
      "that",  "the",     "their", "these", "this",  "those",   "what", "when",
      "where", "whether", "which", "who",   "whose", "your"};
  llvm::StringRef first = nounPhrase.take_until([](char c) { return c == ' '; });
  for (llvm::StringRef determiner : kDeterminers)
    if (first.equals_insensitive(determiner))
      return nounPhrase.str();
  return "your " + nounPhrase.str();
}

std::string endSentence(llvm::StringRef sentence) {
  std::string result = sentence.rtrim().str();
  if (result.empty())
    return result;
  char last = result.back();
  if (last == '.' || last == '!' || last == '?')
    return result;
  return result + ".";
}

} // namespace policyc::gen::text
