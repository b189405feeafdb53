#include "sema/Sema.h"

#include "basic/Limits.h"
#include "sema/SemaImpl.h"

namespace policyc::sema {

std::unique_ptr<model::PolicyModel>
SemaImpl::run(llvm::ArrayRef<const ast::TranslationUnit *> units) {
  for (const ast::TranslationUnit *unit : units)
    model->files.push_back(unit->path);

  // Declarations first, in an order where each step only needs the ones before it: the
  // header (`us` takes the controller's name), vocabularies, then consents and events.
  for (const ast::TranslationUnit *unit : units)
    for (const auto &item : unit->items)
      if (const auto *header = llvm::dyn_cast<ast::PolicyHeader>(item.get()))
        declarePolicyHeader(*header);
  buildVocabularies(units);
  for (const ast::TranslationUnit *unit : units) {
    for (const auto &item : unit->items) {
      if (const auto *consent = llvm::dyn_cast<ast::ConsentDecl>(item.get()))
        declareConsent(*consent);
      else if (const auto *event = llvm::dyn_cast<ast::EventDecl>(item.get()))
        declareEvent(*event);
    }
  }

  for (const ast::TranslationUnit *unit : units) {
    for (const auto &item : unit->items) {
      if (!item->isStatement())
        continue;
      if (model->statementCount >= limits::kMaxStatements) {
        if (!statementLimitReported)
          diags.report(item->range.Start, diag::err_too_many_statements, limits::kMaxStatements);
        statementLimitReported = true;
        return std::move(model);
      }
      buildStatement(*item);
      if (diags.stopped())
        return std::move(model);
    }
  }
  return std::move(model);
}

std::unique_ptr<model::PolicyModel> analyze(llvm::ArrayRef<const ast::TranslationUnit *> units,
                                            DiagnosticEngine &diags) {
  return SemaImpl(diags).run(units);
}

} // namespace policyc::sema
