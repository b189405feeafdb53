#include "lsp/DocumentSymbols.h"

#include "lsp/Analysis.h"
#include "lsp/Hover.h"

namespace policyc::lsp {

namespace {
/// LSP SymbolKind.
enum SymbolKind : int {
  KindFile = 1,
  KindModule = 2,
  KindClass = 5,
  KindFunction = 12,
  KindString = 15,
  KindKey = 20,
  KindEnumMember = 22,
  KindEvent = 24,
};

class Outline {
public:
  Outline(const AnalyzedFile &file, PositionEncoding encoding) : file(file), encoding(encoding) {}

  llvm::json::Array items() {
    llvm::json::Array result;
    for (const auto &item : file.unit->items)
      if (std::optional<llvm::json::Object> symbol = itemSymbol(*item))
        result.push_back(std::move(*symbol));
    return result;
  }

private:
  Range rangeOf(llvm::SMRange range) const {
    size_t begin = Analysis::offsetOf(file, range.Start);
    size_t end = range.End.isValid() ? Analysis::offsetOf(file, range.End) : begin;
    return file.lines->range(begin, end, encoding);
  }

  static std::string utf8(llvm::StringRef text) {
    return llvm::json::isUTF8(text) ? text.str() : llvm::json::fixUTF8(text);
  }

  llvm::json::Object symbol(llvm::StringRef name, llvm::StringRef detail, int kind,
                            llvm::SMRange whole, llvm::SMRange selection) const {
    llvm::json::Object result{
        {"name", name.empty() ? std::string("(unnamed)") : utf8(name)},
        {"kind", kind},
        {"range", toJson(rangeOf(whole))},
        {"selectionRange", toJson(rangeOf(selection))},
    };
    if (!detail.empty())
      result["detail"] = utf8(detail);
    return result;
  }

  llvm::json::Object node(const ast::VocabularyNode &node, llvm::StringRef vocabulary) const {
    std::string detail = vocabulary.str();
    if (node.description)
      detail += " - " + node.description->value;
    llvm::json::Object result =
        symbol(node.name.text, detail, node.children.empty() ? KindEnumMember : KindClass,
               node.range, node.name.range);
    if (!node.children.empty()) {
      llvm::json::Array children;
      for (const ast::VocabularyNode &child : node.children)
        children.push_back(this->node(child, vocabulary));
      result["children"] = std::move(children);
    }
    return result;
  }

  std::optional<llvm::json::Object> itemSymbol(const ast::Item &item) const {
    switch (item.getKind()) {
    case ast::Item::Kind::PolicyHeader: {
      const auto &header = llvm::cast<ast::PolicyHeader>(item);
      return symbol(header.title.value, "policy", KindModule, item.range, header.title.range);
    }
    case ast::Item::Kind::Import: {
      const auto &import = llvm::cast<ast::ImportDecl>(item);
      return symbol(import.target.value, "import", KindFile, item.range, import.target.range);
    }
    case ast::Item::Kind::Vocabulary: {
      const auto &decl = llvm::cast<ast::VocabularyDecl>(item);
      llvm::json::Object result = node(decl.root, ast::vocabularyKeyword(decl.vocabulary));
      result["range"] = toJson(rangeOf(item.range));
      return result;
    }
    case ast::Item::Kind::Consent: {
      const auto &decl = llvm::cast<ast::ConsentDecl>(item);
      return symbol(decl.name.text, "consent", KindKey, item.range, decl.name.range);
    }
    case ast::Item::Kind::Event: {
      const auto &decl = llvm::cast<ast::EventDecl>(item);
      return symbol(decl.name.text, "event", KindEvent, item.range, decl.name.range);
    }
    default: {
      size_t begin = Analysis::offsetOf(file, item.range.Start);
      size_t end = Analysis::offsetOf(file, item.range.End);
      std::string name = statementSnippet(file.text().slice(begin, end), 60);
      int kind = item.getKind() == ast::Item::Kind::Note ? KindString : KindFunction;
      llvm::SMRange selection = item.range;
      if (const auto *rule = llvm::dyn_cast<ast::RuleStmt>(&item))
        selection = rule->verbRange;
      return symbol(name, item.getKind() == ast::Item::Kind::Expect ? "test" : "statement", kind,
                    item.range, selection);
    }
    }
  }

  const AnalyzedFile &file;
  PositionEncoding encoding;
};
} // namespace

llvm::json::Array documentSymbols(const AnalyzedFile &file, PositionEncoding encoding) {
  if (!file.unit)
    return {};
  return Outline(file, encoding).items();
}

} // namespace policyc::lsp
