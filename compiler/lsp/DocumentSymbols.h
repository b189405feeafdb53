// The outline of a document: the policy header, imports, each vocabulary as a tree of its
// nodes, consents, events, and every statement.
#ifndef POLICYC_LSP_DOCUMENTSYMBOLS_H
#define POLICYC_LSP_DOCUMENTSYMBOLS_H

#include "lsp/Positions.h"

#include "llvm/Support/JSON.h"

namespace policyc::lsp {

struct AnalyzedFile;

/// DocumentSymbol[] for `file`.
llvm::json::Array documentSymbols(const AnalyzedFile &file, PositionEncoding encoding);

} // namespace policyc::lsp

#endif
