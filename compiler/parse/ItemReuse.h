// Incremental parsing, for the language server: a parse records, for each top-level item,
// the text it was parsed from, the AST item and the diagnostics parsing it reported; the next
// parse of the same file (after an edit) takes over every item whose text is unchanged, with
// its locations moved to the new buffer and its diagnostics reported again, and parses only
// the items the edit touched.
//
// Why this is exact: the parser sees one item at a time (StatementSplitter), and what it
// builds and reports for an item depends only on the item's tokens, that is on its text from
// its first token to its end. The statement splitter itself still runs over the whole file
// (it is a lexer pass, a small part of the parse), so item boundaries and lexical errors are
// always those of the current text.
#ifndef POLICYC_PARSE_ITEMREUSE_H
#define POLICYC_PARSE_ITEMREUSE_H

#include "ast/AST.h"
#include "basic/Diagnostic.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::parse {

struct Chunk;

/// What one parse of a file left for the next parse of the same file. It refers to that
/// parse's buffer and unit, which must stay alive until the next parse is done.
class ParseRecord {
public:
  /// Items recorded (parsed or taken over).
  size_t size() const { return entries.size(); }
  /// Of those, how many the parse that made this record took over from the one before.
  size_t reused() const { return reusedCount; }

private:
  friend class ItemReuse;
  static constexpr uint32_t kNoItem = UINT32_MAX;
  struct Entry {
    llvm::StringRef text;    ///< from the item's first token to its end, in its buffer
    uint32_t item = kNoItem; ///< index into the unit's items, if the item built one
    std::vector<Diagnostic> diagnostics;
  };
  std::vector<Entry> entries;
  size_t reusedCount = 0;
};

/// What parseBuffer may use to parse incrementally; every member may be null.
struct Incremental {
  ParseRecord *record = nullptr;                ///< filled by this parse, for the next one
  ast::TranslationUnit *previousUnit = nullptr; ///< items are moved out of it
  const ParseRecord *previous = nullptr;        ///< how previousUnit was parsed
};

/// The parser's side of incremental parsing (used by parseBuffer).
class ItemReuse {
public:
  ItemReuse(Incremental incremental, llvm::StringRef text, DiagnosticEngine &diags);
  ~ItemReuse();
  ItemReuse(const ItemReuse &) = delete;
  ItemReuse &operator=(const ItemReuse &) = delete;

  /// When the previous parse had an item with the text of `chunk`, appends its AST item (if
  /// it built one) to `unit`, reports its diagnostics again and returns true.
  bool takeOver(const Chunk &chunk, ast::TranslationUnit &unit);
  /// Brackets the parse of a chunk that was not taken over: its diagnostics are recorded,
  /// and `item` is the index of the item it added to the unit, if any.
  void beginItem(const Chunk &chunk);
  void endItem(std::optional<size_t> item);

private:
  class Recorder;

  bool enabled() const { return incremental.record != nullptr; }
  llvm::StringRef chunkText(const Chunk &chunk) const;

  Incremental incremental;
  llvm::StringRef text;
  DiagnosticEngine &diags;
  std::unique_ptr<Recorder> recorder;
  /// Previous entries by text; identical items are taken over in order.
  llvm::DenseMap<llvm::StringRef, llvm::SmallVector<uint32_t, 1>> previousByText;
  llvm::DenseMap<llvm::StringRef, unsigned> takenByText;
  llvm::StringRef currentText;
};

} // namespace policyc::parse

#endif
