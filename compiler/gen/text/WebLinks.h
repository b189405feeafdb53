// Finding the web addresses and e-mail addresses in text from a policy, so that the renderers
// can make them links (`https://...`, `mailto:...`). Only http and https URLs and plain
// e-mail addresses are found: a `javascript:` or `data:` URL, or an address holding a
// character that would need escaping inside a link, stays text.
#ifndef POLICYC_GEN_TEXT_WEBLINKS_H
#define POLICYC_GEN_TEXT_WEBLINKS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace policyc::gen::text {

/// A run of text: plain, or an address with the link it becomes.
struct TextPiece {
  std::string text;
  /// Empty for plain text; otherwise the link: the URL itself, or `mailto:` and the address.
  /// It holds only letters, digits and `-._~/?#=%+:@!$&*,;`, so it needs no escaping in a
  /// CommonMark autolink (`<...>`) and only `&` does in an HTML attribute.
  std::string href;

  bool isLink() const { return !href.empty(); }
};

/// `text` (already clean, cleanText) cut into plain runs and addresses, in order; the pieces
/// joined give `text` back. Punctuation that ends a sentence (`.`, `,`, `;`, `:`, `!`, `?`)
/// after an address is not part of it.
std::vector<TextPiece> findWebLinks(llvm::StringRef text);

} // namespace policyc::gen::text

#endif
