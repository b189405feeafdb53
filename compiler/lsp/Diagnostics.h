// The diagnostics of an analysis as the protocol publishes them, and their fix-its as code
// actions. Text, severity, flag and notes are those `policyc check` prints: the message is
// the same, `code` is the `-W` flag of the text output (the id for diagnostics without one),
// notes become related information, fix-its quick fixes.
#ifndef POLICYC_LSP_DIAGNOSTICS_H
#define POLICYC_LSP_DIAGNOSTICS_H

#include "lsp/Positions.h"

#include "llvm/Support/JSON.h"

namespace policyc::lsp {

class Analysis;

/// The diagnostics for the analysis's root document. A diagnostic in an imported file is
/// shown at the import that brings the file in, with its own place as related information.
llvm::json::Array publishedDiagnostics(const Analysis &analysis, PositionEncoding encoding);

/// Quick fixes for the root's diagnostics whose range meets `range`.
llvm::json::Array codeActions(const Analysis &analysis, const Range &range,
                              PositionEncoding encoding);

} // namespace policyc::lsp

#endif
