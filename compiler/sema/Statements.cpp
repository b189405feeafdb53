// Statements: resolve every clause and record the statement in the model with its id.
#include "sema/SemaImpl.h"

namespace policyc::sema {

using model::VocabularyKind;

namespace {
model::RuleKind toModel(ast::Verb verb) {
  switch (verb) {
  case ast::Verb::Collect:
    return model::RuleKind::Collect;
  case ast::Verb::Use:
    return model::RuleKind::Use;
  case ast::Verb::Disclose:
    return model::RuleKind::Disclose;
  case ast::Verb::Link:
    return model::RuleKind::Link;
  }
  llvm_unreachable("unknown verb");
}
} // namespace

void SemaImpl::buildStatement(const ast::Item &item) {
  model::StatementInfo info{++model->statementCount, item.range};
  switch (item.getKind()) {
  case ast::Item::Kind::Rule:
    buildRule(llvm::cast<ast::RuleStmt>(item), info);
    return;
  case ast::Item::Kind::Retain:
    buildRetention(llvm::cast<ast::RetainStmt>(item), info);
    return;
  case ast::Item::Kind::Right:
    buildRight(llvm::cast<ast::RightStmt>(item), info);
    return;
  case ast::Item::Kind::Notify:
    buildNotice(llvm::cast<ast::NotifyStmt>(item), info);
    return;
  case ast::Item::Kind::Protect:
    buildProtection(llvm::cast<ast::ProtectStmt>(item), info);
    return;
  case ast::Item::Kind::Note:
    buildNote(llvm::cast<ast::NoteStmt>(item), info);
    return;
  default:
    llvm_unreachable("not a statement");
  }
}

void SemaImpl::buildRule(const ast::RuleStmt &stmt, model::StatementInfo info) {
  model::Rule rule;
  rule.info = info;
  rule.kind = toModel(stmt.verb);
  rule.prohibition = stmt.never;
  rule.necessity = stmt.necessity == ast::Necessity::Required   ? model::Necessity::Required
                   : stmt.necessity == ast::Necessity::Optional ? model::Necessity::Optional
                                                                : model::Necessity::Unspecified;
  rule.only = stmt.only;
  rule.verbRange = stmt.verbRange;
  rule.necessityRange = stmt.necessityRange;
  rule.onlyRange = stmt.onlyRange;
  rule.conditionRange = stmt.conditionRange;

  // Resolve every clause before giving up, so that each wrong name gets its error.
  bool ok = true;
  auto clause = [&](VocabularyKind kind, const std::optional<ast::PathList> &list,
                    model::SelectorList &into) {
    if (!list) {
      into = everything(kind);
      return;
    }
    if (auto resolvedList = resolveList(kind, *list))
      into = std::move(*resolvedList);
    else
      ok = false;
  };
  clause(VocabularyKind::Category, stmt.what, rule.categories);
  clause(VocabularyKind::Source, stmt.sources, rule.sources);
  clause(VocabularyKind::Purpose, stmt.purposes, rule.purposes);
  switch (rule.kind) {
  case model::RuleKind::Disclose:
    clause(VocabularyKind::Recipient, stmt.recipients, rule.recipients);
    break;
  case model::RuleKind::Link:
    clause(VocabularyKind::Category, stmt.linked, rule.linked);
    break;
  case model::RuleKind::Collect:
  case model::RuleKind::Use:
    // Permits to collect or use are ours; `never use` and `never collect` bind everyone.
    rule.recipients = rule.prohibition ? everything(VocabularyKind::Recipient)
                                       : only(VocabularyKind::Recipient, model->usRecipient);
    break;
  }
  for (const ast::Identifier &name : stmt.consents) {
    if (auto consent = resolveConsent(name))
      rule.consents.push_back(*consent);
    else
      ok = false;
  }
  if (ok)
    model->rules.push_back(std::move(rule));
}

void SemaImpl::buildRetention(const ast::RetainStmt &stmt, model::StatementInfo info) {
  model::Retention retention;
  retention.info = info;
  retention.periodRange = stmt.periodRange;
  bool ok = true;
  if (auto list = resolveList(VocabularyKind::Category, stmt.what))
    retention.categories = std::move(*list);
  else
    ok = false;
  if (!stmt.sources)
    retention.sources = everything(VocabularyKind::Source);
  else if (auto list = resolveList(VocabularyKind::Source, *stmt.sources))
    retention.sources = std::move(*list);
  else
    ok = false;
  switch (stmt.retention) {
  case ast::RetentionKind::For:
    retention.kind = model::RetentionKind::For;
    break;
  case ast::RetentionKind::Within:
    retention.kind = model::RetentionKind::Within;
    break;
  case ast::RetentionKind::Until:
    retention.kind = model::RetentionKind::Until;
    break;
  case ast::RetentionKind::While:
    retention.kind = model::RetentionKind::While;
    break;
  case ast::RetentionKind::AsNeeded:
    retention.kind = model::RetentionKind::AsNeeded;
    break;
  }
  if (stmt.length) {
    retention.length = duration(*stmt.length);
    ok = ok && retention.length;
  }
  if (stmt.event) {
    if (auto event = resolveEvent(*stmt.event))
      retention.event = *event;
    else
      ok = false;
  }
  if (stmt.purposes) {
    if (auto list = resolveList(VocabularyKind::Purpose, *stmt.purposes))
      retention.purposes = std::move(*list);
    else
      ok = false;
  }
  if (ok)
    model->retentions.push_back(std::move(retention));
}

void SemaImpl::buildRight(const ast::RightStmt &stmt, model::StatementInfo info) {
  model::RightStatement right;
  right.info = info;
  bool ok = true;
  for (const ast::Identifier &name : stmt.rights) {
    if (auto kind = registryWord<model::Right>(name, diag::err_unknown_right)) {
      right.rights.push_back(*kind);
      right.rightRanges.push_back(name.range);
    } else {
      ok = false;
    }
  }
  if (auto list = channels(stmt.channels))
    right.channels = std::move(*list);
  else
    ok = false;
  if (stmt.deadline) {
    right.deadline = duration(*stmt.deadline);
    right.deadlineRange = stmt.deadline->range;
    ok = ok && right.deadline;
  }
  if (ok)
    model->rights.push_back(std::move(right));
}

void SemaImpl::buildNotice(const ast::NotifyStmt &stmt, model::StatementInfo info) {
  model::Notice notice;
  notice.info = info;
  notice.noticeRange = stmt.notice.range;
  bool ok = true;
  if (auto kind = registryWord<model::NoticeKind>(stmt.notice, diag::err_unknown_notice))
    notice.notice = *kind;
  else
    ok = false;
  if (stmt.lead) {
    notice.lead = duration(*stmt.lead);
    notice.leadRange = stmt.lead->range;
    ok = ok && notice.lead;
  }
  if (auto list = channels(stmt.channels))
    notice.channels = std::move(*list);
  else
    ok = false;
  if (ok)
    model->notices.push_back(std::move(notice));
}

void SemaImpl::buildProtection(const ast::ProtectStmt &stmt, model::StatementInfo info) {
  model::Protection protection;
  protection.info = info;
  protection.state = stmt.state == ast::ProtectionState::AtRest ? model::ProtectionState::AtRest
                                                                : model::ProtectionState::InTransit;
  bool ok = true;
  if (auto list = resolveList(VocabularyKind::Category, stmt.what))
    protection.categories = std::move(*list);
  else
    ok = false;
  if (!stmt.sources)
    protection.sources = everything(VocabularyKind::Source);
  else if (auto list = resolveList(VocabularyKind::Source, *stmt.sources))
    protection.sources = std::move(*list);
  else
    ok = false;
  for (const ast::Identifier &measure : stmt.measures)
    protection.measures.push_back(measure.text);
  if (stmt.description)
    protection.description = stmt.description->value;
  if (ok)
    model->protections.push_back(std::move(protection));
}

void SemaImpl::buildExpectation(const ast::ExpectStmt &stmt) {
  model::Expectation expectation;
  expectation.allow = stmt.allow;
  expectation.kind = toModel(stmt.verb);
  expectation.range = stmt.range;
  expectation.verdictRange = stmt.verdictRange;
  bool ok = true;
  auto clause = [&](VocabularyKind kind, const std::optional<ast::PathList> &list,
                    model::SelectorList &into) {
    if (!list) {
      into = everything(kind);
      return;
    }
    if (auto resolvedList = resolveList(kind, *list))
      into = std::move(*resolvedList);
    else
      ok = false;
  };
  clause(VocabularyKind::Category, stmt.what, expectation.categories);
  clause(VocabularyKind::Source, stmt.sources, expectation.sources);
  clause(VocabularyKind::Purpose, stmt.purposes, expectation.purposes);
  switch (expectation.kind) {
  case model::RuleKind::Disclose:
    clause(VocabularyKind::Recipient, stmt.recipients, expectation.recipients);
    break;
  case model::RuleKind::Link:
    clause(VocabularyKind::Category, stmt.linked, expectation.linked);
    break;
  case model::RuleKind::Collect:
  case model::RuleKind::Use:
    expectation.recipients = only(VocabularyKind::Recipient, model->usRecipient);
    break;
  }
  auto consents = [&](const std::vector<ast::Identifier> &names,
                      std::vector<model::ConsentId> &into) {
    for (const ast::Identifier &name : names) {
      if (auto consent = resolveConsent(name))
        into.push_back(*consent);
      else
        ok = false;
    }
  };
  consents(stmt.granted, expectation.granted);
  consents(stmt.withdrawn, expectation.withdrawn);
  if (ok)
    model->expectations.push_back(std::move(expectation));
}

void SemaImpl::buildNote(const ast::NoteStmt &stmt, model::StatementInfo info) {
  auto section = registryWord<model::NoteSection>(stmt.section, diag::err_unknown_section);
  if (!section)
    return;
  model->notes.push_back(model::Note{info, *section, stmt.text.value});
}

} // namespace policyc::sema
