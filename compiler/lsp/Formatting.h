// textDocument/formatting: the formatter's output for a document, sent as the smallest edit
// that turns the editor's text into it, so that the cursor, marks and folds outside the
// changed span stay where they are. The formatter itself is not part of the server (it is
// handed in through ServerOptions::format); this only turns its output into edits.
#ifndef POLICYC_LSP_FORMATTING_H
#define POLICYC_LSP_FORMATTING_H

#include "lsp/Positions.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

namespace policyc::lsp {

/// The TextEdit[] that turns `text` (laid out by `lines`) into `formatted`: none when they are
/// equal, otherwise one edit replacing the span between their common prefix and suffix. The
/// span never splits a UTF-8 sequence or a "\r\n", so its ends are positions in any encoding.
llvm::json::Array formattingEdits(const LineTable &lines, llvm::StringRef formatted,
                                  PositionEncoding encoding);

} // namespace policyc::lsp

#endif
