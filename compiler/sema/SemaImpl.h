// The state of one semantic analysis, shared by the files of this stage. Private to sema.
#ifndef POLICYC_SEMA_SEMAIMPL_H
#define POLICYC_SEMA_SEMAIMPL_H

#include "ast/AST.h"
#include "basic/DiagnosticEngine.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>

namespace policyc::sema {

class SemaImpl {
public:
  explicit SemaImpl(DiagnosticEngine &diags)
      : diags(diags), model(std::make_unique<model::PolicyModel>()) {}

  std::unique_ptr<model::PolicyModel> run(llvm::ArrayRef<const ast::TranslationUnit *> units);

private:
  void reserveStatements(llvm::ArrayRef<const ast::TranslationUnit *> units);

  // Declarations.cpp
  void declarePolicyHeader(const ast::PolicyHeader &header);
  void buildVocabularies(llvm::ArrayRef<const ast::TranslationUnit *> units);
  void buildVocabulary(model::VocabularyKind kind,
                       llvm::ArrayRef<const ast::VocabularyNode *> roots);
  void addNode(model::Vocabulary &vocabulary, const ast::VocabularyNode &node, model::NodeId parent,
               uint16_t depth);
  void applyAttributes(model::VocabularyKind kind, model::VocabularyNode &node,
                       const std::vector<ast::Attribute> &attributes);
  void declareConsent(const ast::ConsentDecl &decl);
  void declareEvent(const ast::EventDecl &decl);
  bool checkNotBuiltin(const ast::Identifier &name, model::VocabularyKind kind);

  // NameResolution.cpp
  std::optional<model::Selector> resolve(model::VocabularyKind kind, const ast::Path &path);
  std::optional<model::SelectorList> resolveList(model::VocabularyKind kind,
                                                 const ast::PathList &list);
  model::SelectorList everything(model::VocabularyKind kind) const;
  model::SelectorList only(model::VocabularyKind kind, model::NodeId node) const;
  std::optional<model::ConsentId> resolveConsent(const ast::Identifier &name);
  std::optional<model::EventId> resolveEvent(const ast::Identifier &name);
  void reportUndeclared(llvm::StringRef what, const ast::Identifier &name,
                        const std::vector<std::string> &candidates,
                        std::optional<model::VocabularyKind> expectedVocabulary);
  bool reportWrongKind(llvm::StringRef expected, const ast::Identifier &name,
                       std::optional<model::VocabularyKind> expectedVocabulary);
  std::vector<std::string> topLevelNames(model::VocabularyKind kind) const;

  // Statements.cpp
  void buildStatement(const ast::Item &item);
  void buildRule(const ast::RuleStmt &rule, model::StatementInfo info);
  void buildRetention(const ast::RetainStmt &retain, model::StatementInfo info);
  void buildRight(const ast::RightStmt &right, model::StatementInfo info);
  void buildNotice(const ast::NotifyStmt &notify, model::StatementInfo info);
  void buildProtection(const ast::ProtectStmt &protect, model::StatementInfo info);
  void buildNote(const ast::NoteStmt &note, model::StatementInfo info);
  void buildExpectation(const ast::ExpectStmt &expect);

  // Values.cpp
  std::optional<model::Duration> duration(const ast::Duration &duration);
  std::optional<model::Date> date(const ast::DateLiteral &literal);
  std::optional<model::Channel> channel(const ast::Channel &channel);
  std::optional<std::vector<model::Channel>> channels(const std::vector<ast::Channel> &list);
  template <typename Enum>
  std::optional<Enum> registryWord(const ast::Identifier &word, diag::Kind kind);

  DiagnosticEngine &diags;
  std::unique_ptr<model::PolicyModel> model;
  const ast::PolicyHeader *firstHeader = nullptr;
  /// Successful resolutions by spelling, per vocabulary: most statements repeat a few names.
  std::array<llvm::StringMap<model::Selector>, model::kNumVocabularies> resolved;
};

} // namespace policyc::sema

#endif
