// Completion: names that fit where the cursor is. After the verb of a rule (or `retain`,
// `protect`) categories; after `from` sources; after `for` purposes; after `to` recipients;
// after `when consent` consents; after `until`, `while`, `after` events; inside a dotted path
// the members of the node before the dot; registry words after `right`, `via`, `notify`,
// `note`, `transfers under`, `contact`, `basis` and among a declaration's attributes; keywords
// elsewhere.
//
// The context comes from the document's current text; the names from the latest analysis,
// which may be one edit behind: completion never waits for an analysis.
#ifndef POLICYC_LSP_COMPLETION_H
#define POLICYC_LSP_COMPLETION_H

#include "lsp/Positions.h"

#include "llvm/Support/JSON.h"

namespace policyc::lsp {

class Analysis;
struct Document;

/// A CompletionList for the cursor at byte `offset` of `document`. `analysis` (of the
/// document, possibly older than its text) may be null: only keywords and built-in words
/// are offered then.
llvm::json::Object complete(const Analysis *analysis, const Document &document, size_t offset,
                            PositionEncoding encoding);

} // namespace policyc::lsp

#endif
