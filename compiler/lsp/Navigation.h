// Go to definition, find references and rename: names in statements lead to their
// declarations across imports; a rename edits every file of every open policy that sees the
// name, and refuses built-ins, invalid names and names already taken.
#ifndef POLICYC_LSP_NAVIGATION_H
#define POLICYC_LSP_NAVIGATION_H

#include "lsp/Positions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace policyc::lsp {

class Analysis;
struct AnalyzedFile;

struct Location {
  std::string uri;
  Range range;

  llvm::json::Value toJson() const;
};

/// Where the name at `offset` is declared (empty for a built-in or no name).
std::vector<Location> definition(const Analysis &analysis, const AnalyzedFile &file, size_t offset,
                                 PositionEncoding encoding);

/// Every use of the name at `offset`, its declaration too when asked.
std::vector<Location> references(const Analysis &analysis, const AnalyzedFile &file, size_t offset,
                                 bool includeDeclaration, PositionEncoding encoding);

/// The name at `offset` if it can be renamed: its range and text. An error says why not.
llvm::Expected<std::pair<Range, std::string>> prepareRename(const Analysis &analysis,
                                                            const AnalyzedFile &file, size_t offset,
                                                            PositionEncoding encoding);

/// The WorkspaceEdit that renames the name at `offset` to `newName` in the files of
/// `analysis` and of every analysis in `others` that loads the file declaring it. An error
/// says why the rename is refused.
llvm::Expected<llvm::json::Object> rename(const Analysis &analysis, const AnalyzedFile &file,
                                          size_t offset, llvm::StringRef newName,
                                          llvm::ArrayRef<const Analysis *> others,
                                          PositionEncoding encoding);

} // namespace policyc::lsp

#endif
