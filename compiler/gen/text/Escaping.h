// Making text from a policy safe to place in Markdown and HTML, so that it always shows as the
// words that were written: a description holding `<script>` or `*` is text, never markup.
#ifndef POLICYC_GEN_TEXT_ESCAPING_H
#define POLICYC_GEN_TEXT_ESCAPING_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace policyc::gen::text {

/// Valid UTF-8 without control characters: invalid bytes become U+FFFD and control
/// characters (line breaks and tabs included) a space, and runs of spaces collapse to one.
/// Generated text is one line per block, so it reads the same in both formats.
std::string cleanText(llvm::StringRef text);

/// `&`, `<`, `>`, `"` and `'` as character references (text and attribute values alike).
std::string escapeHtml(llvm::StringRef text);

/// Backslash escapes wherever CommonMark or GitHub Markdown could read a character as markup:
/// `*`, `` ` ``, `[`, `]`, `~`, `|` (table cells), `_` at a word's edge, `#` at the start or
/// after a space (headings, also closing ones), and what would start a block at the beginning
/// of a line; `<`, `>` and a `&` that starts a character reference become character
/// references, so no tag survives in the file.
std::string escapeMarkdown(llvm::StringRef text);

/// Text that can stand inside `<!-- ... -->` in HTML and Markdown: no `--`, no `>` right
/// after the opening, and no `|` (which would split a Markdown table row).
std::string commentText(llvm::StringRef text);

} // namespace policyc::gen::text

#endif
