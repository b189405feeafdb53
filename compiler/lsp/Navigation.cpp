#include "lsp/Navigation.h"

#include "lsp/Analysis.h"
#include "lsp/SymbolIndex.h"
#include "parse/TokenClasses.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>

namespace policyc::lsp {

namespace {
Location locationOf(const SymbolIndex::Reference &reference, PositionEncoding encoding) {
  return {reference.file->uri, reference.file->lines->range(reference.occurrence->begin,
                                                            reference.occurrence->end, encoding)};
}

llvm::Error refusal(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::StringRef nameOf(const model::PolicyModel &model, const Symbol &symbol) {
  switch (symbol.kind) {
  case Symbol::Kind::Node:
    return model.vocabulary(symbol.vocabulary)[symbol.id].name;
  case Symbol::Kind::Consent:
    return model.consents[symbol.id].name;
  case Symbol::Kind::Event:
    return model.events[symbol.id].name;
  case Symbol::Kind::Group:
    return symbol.vocabulary == model::VocabularyKind::Category ? "identifying" : "external";
  }
  return "";
}

/// The symbol at `offset` if it may be renamed.
llvm::Expected<const Occurrence *> renamable(const Analysis &analysis, const AnalyzedFile &file,
                                             size_t offset) {
  const Occurrence *occurrence =
      analysis.getModel() ? analysis.index().find(file, offset) : nullptr;
  if (!occurrence)
    return refusal("there is no declared name here to rename");
  const Symbol &symbol = occurrence->symbol;
  if (symbol.kind == Symbol::Kind::Group ||
      (symbol.kind == Symbol::Kind::Node &&
       analysis.getModel()->vocabulary(symbol.vocabulary)[symbol.id].builtin))
    return refusal("'" + nameOf(*analysis.getModel(), symbol) +
                   "' is built into the language and cannot be renamed");
  if (!analysis.index().declaration(symbol))
    return refusal("the declaration of '" + nameOf(*analysis.getModel(), symbol) +
                   "' was not found");
  return occurrence;
}

/// Why `newName` cannot be the new name of `symbol`, or success.
llvm::Error checkNewName(const model::PolicyModel &model, const Symbol &symbol,
                         llvm::StringRef newName) {
  std::vector<parse::ClassifiedToken> tokens = parse::classifyTokens(newName);
  bool oneName = tokens.size() == 1 && tokens[0].begin == 0 && tokens[0].end == newName.size() &&
                 (tokens[0].tokenClass == parse::TokenClass::Name ||
                  tokens[0].tokenClass == parse::TokenClass::ContextualKeyword);
  if (!oneName) {
    bool reserved =
        tokens.size() == 1 && (tokens[0].tokenClass == parse::TokenClass::StatementKeyword ||
                               tokens[0].tokenClass == parse::TokenClass::Connective);
    return refusal("'" + newName + "' is not a valid name" +
                   (reserved ? ": it is a reserved keyword" : ""));
  }
  auto taken = [&](const llvm::Twine &what) {
    return refusal("'" + newName + "' is already " + what);
  };
  switch (symbol.kind) {
  case Symbol::Kind::Node: {
    const model::Vocabulary &vocabulary = model.vocabulary(symbol.vocabulary);
    const model::VocabularyNode &node = vocabulary[symbol.id];
    bool builtinName =
        (symbol.vocabulary == model::VocabularyKind::Category && newName == "identifying") ||
        (symbol.vocabulary == model::VocabularyKind::Recipient &&
         (newName == "us" || newName == "external"));
    if (builtinName)
      return taken("a built-in " + model::vocabularyName(symbol.vocabulary) + " name");
    std::string path = node.parent == model::kNoNode
                           ? newName.str()
                           : vocabulary[node.parent].path + "." + newName.str();
    if (vocabulary.find(path))
      return taken("the name of " + model::vocabularyName(symbol.vocabulary) + " '" + path + "'");
    return llvm::Error::success();
  }
  case Symbol::Kind::Consent:
    if (model.consentsByName.count(newName))
      return taken("the name of a consent");
    return llvm::Error::success();
  case Symbol::Kind::Event:
    if (model.eventsByName.count(newName))
      return taken("the name of an event");
    return llvm::Error::success();
  case Symbol::Kind::Group:
    break;
  }
  return refusal("built-in groups cannot be renamed");
}
} // namespace

llvm::json::Value Location::toJson() const {
  return llvm::json::Object{{"uri", uri}, {"range", lsp::toJson(range)}};
}

std::vector<Location> definition(const Analysis &analysis, const AnalyzedFile &file, size_t offset,
                                 PositionEncoding encoding) {
  if (!analysis.getModel())
    return {};
  const Occurrence *occurrence = analysis.index().find(file, offset);
  if (!occurrence)
    return {};
  std::optional<SymbolIndex::Reference> declaration =
      analysis.index().declaration(occurrence->symbol);
  if (!declaration)
    return {};
  return {locationOf(*declaration, encoding)};
}

std::vector<Location> references(const Analysis &analysis, const AnalyzedFile &file, size_t offset,
                                 bool includeDeclaration, PositionEncoding encoding) {
  if (!analysis.getModel())
    return {};
  const Occurrence *occurrence = analysis.index().find(file, offset);
  if (!occurrence)
    return {};
  std::vector<Location> result;
  for (const SymbolIndex::Reference &reference : analysis.index().references(occurrence->symbol))
    if (includeDeclaration || !reference.occurrence->declaration)
      result.push_back(locationOf(reference, encoding));
  return result;
}

llvm::Expected<std::pair<Range, std::string>> prepareRename(const Analysis &analysis,
                                                            const AnalyzedFile &file, size_t offset,
                                                            PositionEncoding encoding) {
  llvm::Expected<const Occurrence *> occurrence = renamable(analysis, file, offset);
  if (!occurrence)
    return occurrence.takeError();
  return std::make_pair(file.lines->range((*occurrence)->begin, (*occurrence)->end, encoding),
                        nameOf(*analysis.getModel(), (*occurrence)->symbol).str());
}

llvm::Expected<llvm::json::Object> rename(const Analysis &analysis, const AnalyzedFile &file,
                                          size_t offset, llvm::StringRef newName,
                                          llvm::ArrayRef<const Analysis *> others,
                                          PositionEncoding encoding) {
  llvm::Expected<const Occurrence *> occurrence = renamable(analysis, file, offset);
  if (!occurrence)
    return occurrence.takeError();
  const Symbol symbol = (*occurrence)->symbol;
  if (llvm::Error error = checkNewName(*analysis.getModel(), symbol, newName))
    return error;
  SymbolIndex::Reference declaration = *analysis.index().declaration(symbol);
  const std::string &declaringFile = declaration.file->canonical;
  uint32_t declaredAt = declaration.occurrence->begin;

  // Edits by URI; ranges are unique, so a file seen by several analyses is edited once.
  std::map<std::string, std::set<std::pair<uint64_t, uint64_t>>> seen;
  std::map<std::string, llvm::json::Array> edits;
  auto collect = [&](const Analysis &source, const Symbol &target) {
    for (const SymbolIndex::Reference &reference : source.index().references(target)) {
      Range range = reference.file->lines->range(reference.occurrence->begin,
                                                 reference.occurrence->end, encoding);
      auto key =
          std::make_pair((static_cast<uint64_t>(range.start.line) << 32) | range.start.character,
                         (static_cast<uint64_t>(range.end.line) << 32) | range.end.character);
      if (!seen[reference.file->uri].insert(key).second)
        continue;
      edits[reference.file->uri].push_back(
          llvm::json::Object{{"range", lsp::toJson(range)}, {"newText", newName.str()}});
    }
  };
  collect(analysis, symbol);
  for (const Analysis *other : others) {
    if (other == &analysis || !other->getModel())
      continue;
    // The same declaration, found where the other analysis has the declaring file.
    for (const auto &otherFile : other->getFiles()) {
      if (otherFile->canonical != declaringFile)
        continue;
      const Occurrence *found = other->index().find(*otherFile, declaredAt);
      if (found && found->declaration && found->begin == declaredAt &&
          found->symbol.kind == symbol.kind &&
          nameOf(*other->getModel(), found->symbol) == nameOf(*analysis.getModel(), symbol))
        collect(*other, found->symbol);
    }
  }
  llvm::json::Object changes;
  for (auto &[uri, list] : edits)
    changes[uri] = std::move(list);
  return llvm::json::Object{{"changes", std::move(changes)}};
}

} // namespace policyc::lsp
