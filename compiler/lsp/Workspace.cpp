#include "lsp/Workspace.h"

#include "frontend/Compilation.h"
#include "lsp/Uri.h"

#include "llvm/ADT/STLExtras.h"

namespace policyc::lsp {

const LineTable &Document::lines() const {
  if (!lineTable)
    lineTable = std::make_unique<LineTable>(text);
  return *lineTable;
}

Document &Workspace::open(llvm::StringRef uri, std::string text, int64_t version) {
  std::unique_ptr<Document> &slot = byUri[uri];
  if (!slot) {
    slot = std::make_unique<Document>();
    openOrder.push_back(uri.str());
  }
  Document &document = *slot;
  document.uri = uri.str();
  document.path = pathFromUri(uri).value_or(uri.str());
  document.canonical = Compilation::canonicalPath(document.path);
  document.version = version;
  document.text = std::move(text);
  document.lineTable.reset();
  uriByCanonical[document.canonical] = document.uri;
  return document;
}

bool Workspace::close(llvm::StringRef uri) {
  auto found = byUri.find(uri);
  if (found == byUri.end())
    return false;
  auto canonical = uriByCanonical.find(found->second->canonical);
  if (canonical != uriByCanonical.end() && canonical->second == uri)
    uriByCanonical.erase(canonical);
  byUri.erase(found);
  llvm::erase_value(openOrder, uri.str());
  return true;
}

Document *Workspace::find(llvm::StringRef uri) {
  auto found = byUri.find(uri);
  return found == byUri.end() ? nullptr : found->second.get();
}

const Document *Workspace::find(llvm::StringRef uri) const {
  auto found = byUri.find(uri);
  return found == byUri.end() ? nullptr : found->second.get();
}

const Document *Workspace::findByCanonical(llvm::StringRef canonical) const {
  auto found = uriByCanonical.find(canonical);
  return found == uriByCanonical.end() ? nullptr : find(found->second);
}

void Workspace::change(Document &document, llvm::ArrayRef<TextChange> changes, int64_t version,
                       PositionEncoding encoding) {
  for (const TextChange &change : changes) {
    if (!change.range) {
      document.text = change.text;
    } else {
      const LineTable &lines = document.lines();
      size_t begin = lines.offset(change.range->start, encoding);
      size_t end = std::max(begin, lines.offset(change.range->end, encoding));
      document.text.replace(begin, end - begin, change.text);
    }
    document.lineTable.reset();
  }
  document.version = version;
}

std::vector<const Document *> Workspace::documents() const {
  std::vector<const Document *> result;
  for (const std::string &uri : openOrder)
    result.push_back(find(uri));
  return result;
}

} // namespace policyc::lsp
