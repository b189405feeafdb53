// Properties every generated output must have, whatever policy it came from. Each check
// returns what is wrong, or nothing; they are cheap enough to run on every fuzz input.
#ifndef POLICYC_FUZZ_OUTPUTINVARIANTS_H
#define POLICYC_FUZZ_OUTPUTINVARIANTS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace policyc::fuzz {

/// The lexer admits only valid UTF-8, so every output must be valid UTF-8 too (a cut in the
/// middle of a sequence would show here).
std::optional<std::string> checkUtf8(llvm::StringRef text);

/// A generated C++ header at the level of tokens: every comment, string and character
/// literal closed on its line, no backslash splicing a `//` comment into the next line, only
/// escapes C++ knows, no trigraph, and balanced (), [] and {} outside literals. Text from a
/// policy that breaks out of a literal or comment breaks one of these.
std::optional<std::string> checkCppTokens(llvm::StringRef header);

/// A generated HTML document: every `&` starts a character reference, and no tag is one
/// that runs code or loads content (script, iframe, img, ...), has an event handler
/// attribute or a `javascript:` URL. Policy text is escaped, so only the renderer's own
/// markup may appear.
std::optional<std::string> checkHtml(llvm::StringRef html);

/// Generated Markdown: every `<!-- ... -->` comment (they name the statements behind the
/// text) closes on the line it opens. A comment split by a blank line ends early in
/// CommonMark, and what followed in it (a file name, say) becomes live Markdown.
std::optional<std::string> checkMarkdownComments(llvm::StringRef markdown);

/// Text printed for people (diagnostics): valid UTF-8 without control characters other than
/// line breaks, so that nothing in it can drive a terminal.
std::optional<std::string> checkPrintable(llvm::StringRef text);

/// Parses as JSON.
std::optional<std::string> checkJson(llvm::StringRef json);

} // namespace policyc::fuzz

#endif
