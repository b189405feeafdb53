// Hover: what the name or keyword under the cursor is. A vocabulary node shows its
// description, its attributes (inherited ones marked) and the statements that name it; a
// consent or event the same; a statement keyword what the statement means (its effects, from
// the model); a built-in word (a right, channel, notice, framework, ...) what it stands for.
#ifndef POLICYC_LSP_HOVER_H
#define POLICYC_LSP_HOVER_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>
#include <string>

namespace policyc::lsp {

class Analysis;
struct AnalyzedFile;

struct HoverText {
  std::string markdown;
  size_t begin = 0; ///< the word hovered, as byte offsets in its file
  size_t end = 0;
};

std::optional<HoverText> hover(const Analysis &analysis, const AnalyzedFile &file, size_t offset);

/// A statement's text on one line, whitespace collapsed and cut to `limit` bytes.
std::string statementSnippet(llvm::StringRef text, size_t limit = 80);

} // namespace policyc::lsp

#endif
