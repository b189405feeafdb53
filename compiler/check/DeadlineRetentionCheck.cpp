// Class 6: deadlines and retention.
//
// - One right has one deadline and one notice one lead time across the policy; two different
//   ones (compared in hours, so "4 weeks" and "28 days" agree) contradict each other.
// - For a pair (category, source) the most specific retention rules apply: the covering rules
//   that no other covering rule lies strictly inside. Two rules that are both most specific
//   at some common pair give it two periods; if they differ, that is a contradiction. So a
//   pair of rules that differ clashes at the common pairs that no third rule lying strictly
//   inside either of them covers (the reference evaluator decides `Conflicting` exactly
//   there). `as needed for` rules only extend a period and never conflict.
// Deadlines beyond a regulation profile are in RegulationProfileCheck.cpp.
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"
#include "model/Periods.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <optional>

namespace policyc::check {

namespace {
/// The statement of `statements` whose info is `info`.
template <typename Statement>
const Statement *statementOf(const std::vector<Statement> &statements,
                             const model::StatementInfo *info) {
  for (const Statement &statement : statements)
    if (&statement.info == info)
      return &statement;
  return nullptr;
}

// The deadline of a right is the one model/Periods.h resolves (the first statement that gives
// one); every statement that gives it another contradicts that one.
void checkRightDeadlines(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  std::map<model::Right, model::DeadlineDecision> decided;
  for (const model::RightStatement &statement : model.rights) {
    if (!statement.deadline)
      continue;
    for (model::Right right : statement.rights) {
      auto it = decided.find(right);
      if (it == decided.end())
        it = decided.emplace(right, model::rightDeadline(model, right)).first;
      const model::DeadlineDecision &decision = it->second;
      if (decision.statement == &statement.info ||
          decision.duration->hours() == statement.deadline->hours())
        continue;
      const model::RightStatement *first = statementOf(model.rights, decision.statement);
      std::string name = model::spelling(right).str();
      context.findings
          .report(statement.info.id, statement.deadlineRange, diag::err_conflicting_right_deadlines,
                  name, statement.deadline->str(), decision.duration->str())
          .other(decision.statement->id)
          .note(first->deadlineRange, diag::note_other_deadline_here, "deadline")
          .note(statement.deadlineRange, diag::note_fix,
                "give '" + name + "' one deadline: make both " + decision.duration->str() +
                    ", or both " + statement.deadline->str());
    }
  }
}

void checkNoticeLeads(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  std::map<model::NoticeKind, model::DeadlineDecision> decided;
  for (const model::Notice &notice : model.notices) {
    if (!notice.lead)
      continue;
    auto it = decided.find(notice.notice);
    if (it == decided.end())
      it = decided.emplace(notice.notice, model::noticeLead(model, notice.notice)).first;
    const model::DeadlineDecision &decision = it->second;
    if (decision.statement == &notice.info || decision.duration->hours() == notice.lead->hours())
      continue;
    const model::Notice *first = statementOf(model.notices, decision.statement);
    std::string name = model::spelling(notice.notice).str();
    context.findings
        .report(notice.info.id, notice.leadRange, diag::err_conflicting_notice_leads, name,
                notice.lead->str(), decision.duration->str())
        .other(decision.statement->id)
        .note(first->leadRange, diag::note_other_deadline_here, "lead time")
        .note(notice.leadRange, diag::note_fix,
              "give '" + name + "' one lead time: make both " + decision.duration->str() +
                  ", or both " + notice.lead->str());
  }
}

/// The retention model/Periods.h resolves for the pair of `point` conflicts.
bool conflictingAt(const CheckContext &context, const Point &point) {
  Box pair{{model::NodeSet::range(point[CategoryAxis], point[CategoryAxis]),
            model::NodeSet::range(point[SourceAxis], point[SourceAxis]), unusedAxis(),
            unusedAxis()}};
  std::vector<const model::Retention *> covering;
  for (uint32_t entry : context.periods.overlapping(pair))
    covering.push_back(&context.model.retentions[context.periods.tag(entry)]);
  llvm::stable_sort(covering, [](const model::Retention *a, const model::Retention *b) {
    return a->info.id < b->info.id;
  });
  return model::resolveRetention(covering).kind == model::PeriodKind::Conflicting;
}

void checkRetention(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  const OverlapIndex &periods = context.periods;
  for (uint32_t entry = 0; entry < periods.size(); ++entry) {
    const model::Retention &retention = model.retentions[periods.tag(entry)];
    const Box &box = periods.box(entry);
    std::vector<uint32_t> overlapping = periods.overlapping(box);
    size_t reported = 0;
    std::optional<Findings::Builder> last;
    for (uint32_t other : overlapping) {
      // Each pair once, at the later statement.
      if (other >= entry)
        break;
      const model::Retention &earlier = model.retentions[periods.tag(other)];
      const Box &otherBox = periods.box(other);
      if (model::samePeriod(retention, earlier) || model::strictlyInside(retention, earlier) ||
          model::strictlyInside(earlier, retention))
        continue;
      Box common = box.intersect(otherBox);
      // Where a rule inside either one covers the pair, that one is not most specific there.
      std::vector<const Box *> deciders;
      for (uint32_t third : overlapping) {
        const model::Retention &inner = model.retentions[periods.tag(third)];
        if (model::strictlyInside(inner, retention) || model::strictlyInside(inner, earlier))
          deciders.push_back(&periods.box(third));
      }
      std::optional<Point> witness = findUncovered(common, deciders, context.dataAxes, 2);
      if (!witness || !conflictingAt(context, *witness))
        continue;
      std::string period = describePeriod(model, retention);
      std::string otherPeriod = describePeriod(model, earlier);
      if (reported == kMaxClashesPerStatement) {
        last->note(retention.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
        break;
      }
      ++reported;
      last.emplace(
          context.findings
              .report(retention.info.id, retention.info.range, diag::err_conflicting_retention,
                      describeData(model, *witness) + " would be kept both " + period + " and " +
                          otherPeriod)
              .witness(*witness)
              .other(earlier.info.id)
              .note(earlier.info.range, diag::note_other_retention_here, otherPeriod)
              .note(retention.info.range, diag::note_fix,
                    "give " + describeData(model, *witness) +
                        " one period: make one rule more specific than the other (a sub-category "
                        "or a 'from'), or give both the same period"));
    }
  }
}
} // namespace

void checkDeadlinesAndRetention(CheckContext &context) {
  checkRightDeadlines(context);
  checkNoticeLeads(context);
  checkRetention(context);
}

} // namespace policyc::check
