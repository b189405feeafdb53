// Text from outside (file names, strings of a policy) as it may be shown anywhere: on a
// terminal, in a diagnostic, in a generated comment, string or Markdown file. A file may be
// named with line breaks, escape sequences or bytes that are not UTF-8; shown raw, such a
// name would drive the terminal or inject markup into a generated document.
#ifndef POLICYC_BASIC_DISPLAYTEXT_H
#define POLICYC_BASIC_DISPLAYTEXT_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <string>

namespace policyc {

/// Length of the well-formed UTF-8 sequence at `p` (no overlong forms, surrogates or code
/// points above U+10FFFF), or 0.
unsigned utf8SequenceLength(const char *p, size_t available);

/// `text` unchanged when it is valid UTF-8 without control or invisible characters;
/// otherwise each control character (C0, DEL, C1) and each invisible character that can hide
/// or reorder text (bidirectional controls, zero-width characters, line and paragraph
/// separators) is spelled <U+XXXX>, and each byte that is not UTF-8 <XX>. The result is one
/// printable line, and applying it again changes nothing.
std::string printableText(llvm::StringRef text);

/// True when printableText(text) == text.
bool isPrintableText(llvm::StringRef text);

} // namespace policyc

#endif
