#include "sema/Sema.h"

#include "sema/SemaImpl.h"

#include "llvm/Support/SourceMgr.h"

namespace policyc::sema {

std::unique_ptr<model::PolicyModel>
SemaImpl::run(llvm::ArrayRef<const ast::TranslationUnit *> units) {
  // Files by the names their buffers go by: display names (frontend/Compilation.h), as every
  // location shows them. A raw path may hold bytes that are not UTF-8, which no output may
  // carry.
  for (const ast::TranslationUnit *unit : units)
    model->files.push_back(
        diags.getSourceMgr().getMemoryBuffer(unit->bufferId)->getBufferIdentifier().str());

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

  reserveStatements(units);
  for (const ast::TranslationUnit *unit : units) {
    for (const auto &item : unit->items) {
      if (!item->isStatement())
        continue;
      buildStatement(*item);
      if (diags.stopped())
        return std::move(model);
    }
  }
  // Decision tests name the policy's vocabulary; they are not statements and take no id.
  for (const ast::TranslationUnit *unit : units)
    for (const auto &item : unit->items)
      if (const auto *expect = llvm::dyn_cast<ast::ExpectStmt>(item.get()))
        buildExpectation(*expect);
  return std::move(model);
}

void SemaImpl::reserveStatements(llvm::ArrayRef<const ast::TranslationUnit *> units) {
  // Statements are large; growing their vectors one by one moved each many times (a tenth of
  // the time of sema on big policies).
  size_t rules = 0, retentions = 0, rights = 0, notices = 0, protections = 0, notes = 0;
  for (const ast::TranslationUnit *unit : units) {
    for (const auto &item : unit->items) {
      switch (item->getKind()) {
      case ast::Item::Kind::Rule:
        ++rules;
        break;
      case ast::Item::Kind::Retain:
        ++retentions;
        break;
      case ast::Item::Kind::Right:
        ++rights;
        break;
      case ast::Item::Kind::Notify:
        ++notices;
        break;
      case ast::Item::Kind::Protect:
        ++protections;
        break;
      case ast::Item::Kind::Note:
        ++notes;
        break;
      default:
        break;
      }
    }
  }
  model->rules.reserve(rules);
  model->retentions.reserve(retentions);
  model->rights.reserve(rights);
  model->notices.reserve(notices);
  model->protections.reserve(protections);
  model->notes.reserve(notes);
}

std::unique_ptr<model::PolicyModel> analyze(llvm::ArrayRef<const ast::TranslationUnit *> units,
                                            DiagnosticEngine &diags) {
  return SemaImpl(diags).run(units);
}

} // namespace policyc::sema
