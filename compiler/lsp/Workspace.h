// The documents the editor holds open: their text and version, kept in step with the
// editor's changes (whole or incremental).
#ifndef POLICYC_LSP_WORKSPACE_H
#define POLICYC_LSP_WORKSPACE_H

#include "lsp/Positions.h"

#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policyc::lsp {

struct Document {
  std::string uri;
  /// The file's path, which imports resolve against; the URI itself for a document that is
  /// no file (an unsaved buffer), whose imports then resolve against the working directory.
  std::string path;
  std::string canonical; ///< Compilation::canonicalPath(path): how imports find it
  int64_t version = 0;
  std::string text;

  /// Lines of the current text, built on first use after a change.
  const LineTable &lines() const;

private:
  friend class Workspace;
  mutable std::unique_ptr<LineTable> lineTable;
};

/// One entry of didChange's contentChanges: a range and its new text, or the whole text.
struct TextChange {
  std::optional<Range> range;
  std::string text;
};

class Workspace {
public:
  /// Opens (or reopens) a document.
  Document &open(llvm::StringRef uri, std::string text, int64_t version);
  /// False when the document was not open.
  bool close(llvm::StringRef uri);

  Document *find(llvm::StringRef uri);
  const Document *find(llvm::StringRef uri) const;
  const Document *findByCanonical(llvm::StringRef canonical) const;

  /// Applies changes in order and sets the version.
  void change(Document &document, llvm::ArrayRef<TextChange> changes, int64_t version,
              PositionEncoding encoding);

  /// The open documents, in the order they were opened.
  std::vector<const Document *> documents() const;

private:
  llvm::StringMap<std::unique_ptr<Document>> byUri;
  llvm::StringMap<std::string> uriByCanonical;
  std::vector<std::string> openOrder;
};

} // namespace policyc::lsp

#endif
