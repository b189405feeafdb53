// Every name written in the files of an analysis, resolved: vocabulary nodes (each segment of
// a dotted path names a node of its own), built-in groups, consents and events, with where
// each is declared and every place it is used. Definition, references, rename, hover and
// document symbols are answered from it.
#ifndef POLICYC_LSP_SYMBOLINDEX_H
#define POLICYC_LSP_SYMBOLINDEX_H

#include "ast/AST.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace policyc::lsp {

class Analysis;
struct AnalyzedFile;

/// What a name stands for.
struct Symbol {
  enum class Kind : uint8_t {
    Node,    ///< a vocabulary node; `id` is its NodeId
    Group,   ///< `identifying` or `external`; `id` is 0
    Consent, ///< `id` is its ConsentId
    Event,   ///< `id` is its EventId
  };
  Kind kind = Kind::Node;
  model::VocabularyKind vocabulary = model::VocabularyKind::Category; ///< Node and Group
  uint32_t id = 0;

  uint64_t key() const {
    return (static_cast<uint64_t>(kind) << 40) | (static_cast<uint64_t>(vocabulary) << 32) | id;
  }
  bool operator==(const Symbol &other) const { return key() == other.key(); }
};

/// One name as written.
struct Occurrence {
  uint32_t begin = 0; ///< byte offsets in its file
  uint32_t end = 0;
  Symbol symbol;
  bool declaration = false;
  const ast::Item *item = nullptr;           ///< the item it is written in
  const ast::VocabularyNode *node = nullptr; ///< the declaration, for a node's declaration
};

class SymbolIndex {
public:
  explicit SymbolIndex(const Analysis &analysis);

  struct Reference {
    const AnalyzedFile *file = nullptr;
    const Occurrence *occurrence = nullptr;
  };

  /// The name at `offset` of `file` (a cursor just past a name is on it).
  const Occurrence *find(const AnalyzedFile &file, size_t offset) const;
  /// Every occurrence of `symbol` in every file, declarations included, in load order.
  std::vector<Reference> references(const Symbol &symbol) const;
  /// Where `symbol` is declared; std::nullopt for built-ins.
  std::optional<Reference> declaration(const Symbol &symbol) const;
  /// The statements that name `symbol`, each once, in load order.
  std::vector<std::pair<const AnalyzedFile *, const ast::Item *>>
  mentioningStatements(const Symbol &symbol) const;

  /// The top-level item of `file` whose text holds `offset`, if any.
  const ast::Item *itemAt(const AnalyzedFile &file, size_t offset) const;
  /// The index in model.rules of the rule built from `item`, if sema built one.
  std::optional<size_t> ruleOf(const ast::Item &item) const;

private:
  struct FileOccurrences {
    const AnalyzedFile *file = nullptr;
    std::vector<Occurrence> occurrences; ///< by begin offset
  };
  class Builder;

  const FileOccurrences *occurrencesOf(const AnalyzedFile &file) const;

  const Analysis &analysis;
  std::vector<FileOccurrences> files;
  /// Symbol key -> (file index, occurrence index) pairs, in load order.
  llvm::DenseMap<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> bySymbol;
  llvm::DenseMap<const char *, size_t> ruleByStart;
};

} // namespace policyc::lsp

#endif
