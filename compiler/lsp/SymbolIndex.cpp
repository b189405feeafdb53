#include "lsp/SymbolIndex.h"

#include "lsp/Analysis.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"

#include <algorithm>

namespace policyc::lsp {

namespace {
model::VocabularyKind toModel(ast::VocabularyKind kind) {
  switch (kind) {
  case ast::VocabularyKind::Category:
    return model::VocabularyKind::Category;
  case ast::VocabularyKind::Purpose:
    return model::VocabularyKind::Purpose;
  case ast::VocabularyKind::Recipient:
    return model::VocabularyKind::Recipient;
  case ast::VocabularyKind::Source:
    return model::VocabularyKind::Source;
  }
  llvm_unreachable("unknown vocabulary kind");
}
} // namespace

/// Walks the items of one file and records the names in them.
class SymbolIndex::Builder {
public:
  Builder(const model::PolicyModel &model, const AnalyzedFile &file, std::vector<Occurrence> &into)
      : model(model), file(file), into(into) {}

  void item(const ast::Item &item) {
    current = &item;
    switch (item.getKind()) {
    case ast::Item::Kind::Vocabulary: {
      const auto &decl = llvm::cast<ast::VocabularyDecl>(item);
      llvm::SmallString<64> path;
      declareNode(toModel(decl.vocabulary), decl.root, path, 0);
      return;
    }
    case ast::Item::Kind::Consent: {
      const auto &decl = llvm::cast<ast::ConsentDecl>(item);
      auto found = model.consentsByName.find(decl.name.text);
      if (found != model.consentsByName.end())
        add(decl.name.range, {Symbol::Kind::Consent, {}, found->second}, true);
      return;
    }
    case ast::Item::Kind::Event: {
      const auto &decl = llvm::cast<ast::EventDecl>(item);
      auto found = model.eventsByName.find(decl.name.text);
      if (found != model.eventsByName.end())
        add(decl.name.range, {Symbol::Kind::Event, {}, found->second}, true);
      return;
    }
    case ast::Item::Kind::Rule: {
      const auto &rule = llvm::cast<ast::RuleStmt>(item);
      paths(model::VocabularyKind::Category, rule.what);
      paths(model::VocabularyKind::Category, rule.linked);
      paths(model::VocabularyKind::Source, rule.sources);
      paths(model::VocabularyKind::Recipient, rule.recipients);
      paths(model::VocabularyKind::Purpose, rule.purposes);
      for (const ast::Identifier &consent : rule.consents)
        name(Symbol::Kind::Consent, consent);
      return;
    }
    case ast::Item::Kind::Expect: {
      // Decision tests name the policy's nodes and consents: a rename must reach them too.
      const auto &expect = llvm::cast<ast::ExpectStmt>(item);
      paths(model::VocabularyKind::Category, expect.what);
      paths(model::VocabularyKind::Category, expect.linked);
      paths(model::VocabularyKind::Source, expect.sources);
      paths(model::VocabularyKind::Recipient, expect.recipients);
      paths(model::VocabularyKind::Purpose, expect.purposes);
      for (const ast::Identifier &consent : expect.granted)
        name(Symbol::Kind::Consent, consent);
      for (const ast::Identifier &consent : expect.withdrawn)
        name(Symbol::Kind::Consent, consent);
      return;
    }
    case ast::Item::Kind::Retain: {
      const auto &retain = llvm::cast<ast::RetainStmt>(item);
      paths(model::VocabularyKind::Category, retain.what);
      paths(model::VocabularyKind::Source, retain.sources);
      paths(model::VocabularyKind::Purpose, retain.purposes);
      if (retain.event)
        name(Symbol::Kind::Event, *retain.event);
      return;
    }
    case ast::Item::Kind::Protect: {
      const auto &protect = llvm::cast<ast::ProtectStmt>(item);
      paths(model::VocabularyKind::Category, protect.what);
      paths(model::VocabularyKind::Source, protect.sources);
      return;
    }
    default:
      return;
    }
  }

private:
  void add(llvm::SMRange range, Symbol symbol, bool declaration,
           const ast::VocabularyNode *node = nullptr) {
    const char *text = file.text().data();
    Occurrence occurrence;
    occurrence.begin = static_cast<uint32_t>(range.Start.getPointer() - text);
    occurrence.end = static_cast<uint32_t>(range.End.getPointer() - text);
    occurrence.symbol = symbol;
    occurrence.declaration = declaration;
    occurrence.item = current;
    occurrence.node = node;
    into.push_back(occurrence);
  }

  void declareNode(model::VocabularyKind kind, const ast::VocabularyNode &node,
                   llvm::SmallString<64> &path, unsigned depth) {
    size_t length = path.size();
    if (depth != 0)
      path += '.';
    path += node.name.text;
    if (std::optional<model::NodeId> id = model.vocabulary(kind).find(path))
      add(node.name.range, {Symbol::Kind::Node, kind, *id}, true, &node);
    for (const ast::VocabularyNode &child : node.children)
      declareNode(kind, child, path, depth + 1);
    path.resize(length);
  }

  void paths(model::VocabularyKind kind, const std::optional<ast::PathList> &list) {
    if (list)
      paths(kind, *list);
  }

  void paths(model::VocabularyKind kind, const ast::PathList &list) {
    const model::Vocabulary &vocabulary = model.vocabulary(kind);
    for (const ast::Path &path : list.paths) {
      if (path.isStar())
        continue;
      const ast::Identifier &head = path.segments.front();
      bool group = (kind == model::VocabularyKind::Category && head.text == "identifying") ||
                   (kind == model::VocabularyKind::Recipient && head.text == "external");
      if (group) {
        add(head.range, {Symbol::Kind::Group, kind, 0}, false);
        continue;
      }
      llvm::SmallString<64> prefix;
      for (const ast::Identifier &segment : path.segments) {
        if (!prefix.empty())
          prefix += '.';
        prefix += segment.text;
        std::optional<model::NodeId> id = vocabulary.find(prefix);
        if (!id)
          break; // an unknown name: sema reported it
        add(segment.range, {Symbol::Kind::Node, kind, *id}, false);
      }
    }
  }

  void name(Symbol::Kind kind, const ast::Identifier &identifier) {
    const llvm::StringMap<uint32_t> &names =
        kind == Symbol::Kind::Consent ? model.consentsByName : model.eventsByName;
    auto found = names.find(identifier.text);
    if (found != names.end())
      add(identifier.range, {kind, {}, found->second}, false);
  }

  const model::PolicyModel &model;
  const AnalyzedFile &file;
  std::vector<Occurrence> &into;
  const ast::Item *current = nullptr;
};

SymbolIndex::SymbolIndex(const Analysis &analysis) : analysis(analysis) {
  const model::PolicyModel *model = analysis.getModel();
  if (!model)
    return;
  for (const auto &file : analysis.getFiles()) {
    FileOccurrences entry;
    entry.file = file.get();
    if (file->unit) {
      Builder builder(*model, *file, entry.occurrences);
      for (const auto &item : file->unit->items)
        builder.item(*item);
    }
    llvm::stable_sort(entry.occurrences,
                      [](const Occurrence &a, const Occurrence &b) { return a.begin < b.begin; });
    auto fileIndex = static_cast<uint32_t>(files.size());
    for (uint32_t i = 0; i < entry.occurrences.size(); ++i)
      bySymbol[entry.occurrences[i].symbol.key()].push_back({fileIndex, i});
    files.push_back(std::move(entry));
  }
  for (size_t i = 0; i < model->rules.size(); ++i)
    ruleByStart[model->rules[i].info.range.Start.getPointer()] = i;
}

const SymbolIndex::FileOccurrences *SymbolIndex::occurrencesOf(const AnalyzedFile &file) const {
  for (const FileOccurrences &entry : files)
    if (entry.file == &file)
      return &entry;
  return nullptr;
}

const Occurrence *SymbolIndex::find(const AnalyzedFile &file, size_t offset) const {
  const FileOccurrences *entry = occurrencesOf(file);
  if (!entry)
    return nullptr;
  const std::vector<Occurrence> &list = entry->occurrences;
  auto after = std::upper_bound(list.begin(), list.end(), offset,
                                [](size_t at, const Occurrence &o) { return at < o.begin; });
  if (after == list.begin())
    return nullptr;
  const Occurrence &candidate = *std::prev(after);
  return offset <= candidate.end ? &candidate : nullptr;
}

std::vector<SymbolIndex::Reference> SymbolIndex::references(const Symbol &symbol) const {
  std::vector<Reference> result;
  auto found = bySymbol.find(symbol.key());
  if (found == bySymbol.end())
    return result;
  for (auto [fileIndex, occurrence] : found->second)
    result.push_back({files[fileIndex].file, &files[fileIndex].occurrences[occurrence]});
  return result;
}

std::optional<SymbolIndex::Reference> SymbolIndex::declaration(const Symbol &symbol) const {
  const model::PolicyModel *model = analysis.getModel();
  if (!model)
    return std::nullopt;
  // The declaration sema kept (the first, when a name is declared twice).
  llvm::SMRange range;
  switch (symbol.kind) {
  case Symbol::Kind::Node: {
    const model::VocabularyNode &node = model->vocabulary(symbol.vocabulary)[symbol.id];
    if (node.builtin)
      return std::nullopt;
    range = node.range;
    break;
  }
  case Symbol::Kind::Consent:
    range = model->consents[symbol.id].range;
    break;
  case Symbol::Kind::Event:
    range = model->events[symbol.id].range;
    break;
  case Symbol::Kind::Group:
    return std::nullopt;
  }
  for (const Reference &reference : references(symbol))
    if (reference.occurrence->declaration &&
        reference.file->text().data() + reference.occurrence->begin == range.Start.getPointer())
      return reference;
  return std::nullopt;
}

std::vector<std::pair<const AnalyzedFile *, const ast::Item *>>
SymbolIndex::mentioningStatements(const Symbol &symbol) const {
  std::vector<std::pair<const AnalyzedFile *, const ast::Item *>> result;
  for (const Reference &reference : references(symbol)) {
    const ast::Item *item = reference.occurrence->item;
    if (reference.occurrence->declaration || !item->isStatement())
      continue;
    if (!result.empty() && result.back().second == item)
      continue;
    result.push_back({reference.file, item});
  }
  return result;
}

const ast::Item *SymbolIndex::itemAt(const AnalyzedFile &file, size_t offset) const {
  if (!file.unit)
    return nullptr;
  const char *at = file.text().data() + offset;
  const auto &items = file.unit->items;
  auto after = std::upper_bound(items.begin(), items.end(), at,
                                [](const char *p, const std::unique_ptr<ast::Item> &item) {
                                  return p < item->range.Start.getPointer();
                                });
  if (after == items.begin())
    return nullptr;
  const ast::Item &candidate = **std::prev(after);
  return at <= candidate.range.End.getPointer() ? &candidate : nullptr;
}

std::optional<size_t> SymbolIndex::ruleOf(const ast::Item &item) const {
  auto found = ruleByStart.find(item.range.Start.getPointer());
  if (found == ruleByStart.end())
    return std::nullopt;
  return found->second;
}

} // namespace policyc::lsp
