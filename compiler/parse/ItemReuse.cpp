#include "parse/ItemReuse.h"

#include "ast/Relocation.h"
#include "basic/DiagnosticEngine.h"
#include "parse/StatementSplitter.h"

namespace policyc::parse {

/// Passes every diagnostic on to the engine's consumer, and keeps a copy of those reported
/// while an item is parsed.
class ItemReuse::Recorder : public DiagnosticConsumer {
public:
  explicit Recorder(DiagnosticConsumer &next) : next(next) {}

  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override {
    // The engine's own notes about its limits belong to no item.
    if (recording && diagnostic.kind != diag::note_too_many_warnings &&
        diagnostic.kind != diag::fatal_too_many_errors)
      recorded.push_back(diagnostic);
    next.handleDiagnostic(diagnostic, sources);
  }
  void finish(const llvm::SourceMgr &sources) override { next.finish(sources); }

  DiagnosticConsumer &next;
  bool recording = false;
  std::vector<Diagnostic> recorded;
};

namespace {
bool within(llvm::SMLoc loc, llvm::StringRef text) {
  if (!loc.isValid())
    return true;
  const char *pointer = loc.getPointer();
  return pointer >= text.begin() && pointer <= text.end();
}

bool within(llvm::SMRange range, llvm::StringRef text) {
  return within(range.Start, text) && within(range.End, text);
}

/// True when every location of `diagnostic` lies in the item's text, so that the diagnostic
/// can be moved with the item.
bool within(const Diagnostic &diagnostic, llvm::StringRef text) {
  if (!within(diagnostic.range, text))
    return false;
  for (const DiagnosticNote &note : diagnostic.notes)
    if (!within(note.range, text))
      return false;
  for (const FixIt &fix : diagnostic.fixIts)
    if (!within(fix.range, text))
      return false;
  return true;
}

Diagnostic relocated(Diagnostic diagnostic, const char *from, const char *to) {
  diagnostic.range = ast::relocate(diagnostic.range, from, to);
  for (DiagnosticNote &note : diagnostic.notes)
    note.range = ast::relocate(note.range, from, to);
  for (FixIt &fix : diagnostic.fixIts)
    fix.range = ast::relocate(fix.range, from, to);
  return diagnostic;
}
} // namespace

ItemReuse::ItemReuse(Incremental incremental, llvm::StringRef text, DiagnosticEngine &diags)
    : incremental(incremental), text(text), diags(diags) {
  if (!enabled())
    return;
  incremental.record->entries.clear();
  incremental.record->reusedCount = 0;
  recorder = std::make_unique<Recorder>(diags.getConsumer());
  diags.setConsumer(*recorder);
  if (incremental.previous && incremental.previousUnit) {
    const auto &entries = incremental.previous->entries;
    previousByText.reserve(entries.size());
    for (uint32_t i = 0; i < entries.size(); ++i)
      previousByText[entries[i].text].push_back(i);
  }
}

ItemReuse::~ItemReuse() {
  if (recorder)
    diags.setConsumer(recorder->next);
}

llvm::StringRef ItemReuse::chunkText(const Chunk &chunk) const {
  uint32_t begin = chunk.tokens.front().begin;
  return text.slice(begin, std::max(begin, chunk.endOffset));
}

bool ItemReuse::takeOver(const Chunk &chunk, ast::TranslationUnit &unit) {
  if (!enabled() || previousByText.empty())
    return false;
  llvm::StringRef current = chunkText(chunk);
  auto found = previousByText.find(current);
  if (found == previousByText.end())
    return false;
  unsigned &taken = takenByText[current];
  if (taken == found->second.size())
    return false;
  const ParseRecord::Entry &old = incremental.previous->entries[found->second[taken++]];
  ParseRecord::Entry entry;
  entry.text = current;
  const char *from = old.text.data();
  const char *to = current.data();
  if (old.item != ParseRecord::kNoItem) {
    std::unique_ptr<ast::Item> &item = incremental.previousUnit->items[old.item];
    if (!item)
      return false; // the previous unit does not hold it any more: parse again
    ast::relocate(*item, from, to);
    entry.item = static_cast<uint32_t>(unit.items.size());
    unit.items.push_back(std::move(item));
  }
  for (const Diagnostic &diagnostic : old.diagnostics) {
    Diagnostic moved = relocated(diagnostic, from, to);
    entry.diagnostics.push_back(moved);
    // Emitted as it was first reported; the engine applies the current options and counts.
    DiagnosticBuilder replay(diags, std::move(moved));
  }
  incremental.record->entries.push_back(std::move(entry));
  ++incremental.record->reusedCount;
  return true;
}

void ItemReuse::beginItem(const Chunk &chunk) {
  if (!enabled())
    return;
  currentText = chunkText(chunk);
  recorder->recording = true;
  recorder->recorded.clear();
}

void ItemReuse::endItem(std::optional<size_t> item) {
  if (!enabled())
    return;
  recorder->recording = false;
  // Past the warning limit some diagnostics were not shown, so not recorded either: such an
  // item is parsed again next time rather than taken over without them.
  const DiagnosticOptions &options = diags.getOptions();
  if (options.warningLimit != 0 && diags.warningCount() >= options.warningLimit)
    return;
  if (diags.stopped())
    return;
  for (const Diagnostic &diagnostic : recorder->recorded)
    if (!within(diagnostic, currentText))
      return;
  ParseRecord::Entry entry;
  entry.text = currentText;
  if (item)
    entry.item = static_cast<uint32_t>(*item);
  entry.diagnostics = std::move(recorder->recorded);
  recorder->recorded.clear();
  incremental.record->entries.push_back(std::move(entry));
}

} // namespace policyc::parse
