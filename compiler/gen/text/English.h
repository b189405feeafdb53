// English wording rules of the generated policy text: lists, numbers, plurals, durations and
// dates. They know nothing about policies, so each rule is tested on its own.
#ifndef POLICYC_GEN_TEXT_ENGLISH_H
#define POLICYC_GEN_TEXT_ENGLISH_H

#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace policyc::gen::text {

/// "a", "a and b", "a, b and c" (no serial comma, as the seed writes). When an item holds a
/// comma itself the items are separated by semicolons ("a, b; c and d; and e") so that the
/// reader can tell where each one ends. `conjunction` is "and" or "or".
std::string joinList(llvm::ArrayRef<std::string> items, llvm::StringRef conjunction = "and");

/// "one" to "nine" spelled out, larger numbers as digits (the usual style of legal prose).
std::string numberWord(uint64_t number);

/// `singular` for a count of one, `plural` otherwise.
llvm::StringRef plural(uint64_t count, llvm::StringRef singular, llvm::StringRef plural);

/// "one month", "two weeks", "30 days", "24 hours".
std::string durationText(const model::Duration &duration);

/// "28 July 2016".
std::string dateText(const model::Date &date);

/// The first letter made upper case when it is an ASCII letter; other text is left as is.
std::string capitalizeFirst(llvm::StringRef text);

/// Words of an identifier: "postal_address" -> "postal address".
std::string identifierWords(llvm::StringRef identifier);

/// The anchor GitHub gives a Markdown heading, used for HTML ids too so that the contents
/// list works in both: lower case, punctuation dropped, spaces turned into hyphens.
std::string headingSlug(llvm::StringRef heading);

/// "your e-mail address" for "e-mail address"; a phrase that starts with a determiner
/// ("your name", "the text of your resume", "any ...") is left as it is.
std::string withYour(llvm::StringRef nounPhrase);

/// Appends a full stop unless the sentence already ends in ".", "!" or "?".
std::string endSentence(llvm::StringRef sentence);

} // namespace policyc::gen::text

#endif
