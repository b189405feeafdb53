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

#include <map>
#include <optional>

namespace policyc::check {

namespace {
struct FirstDeadline {
  const model::Duration *duration;
  llvm::SMRange range;
  uint32_t statement;
};

void checkRightDeadlines(CheckContext &context) {
  std::map<model::Right, FirstDeadline> first;
  for (const model::RightStatement &statement : context.model.rights) {
    if (!statement.deadline)
      continue;
    for (size_t i = 0; i < statement.rights.size(); ++i) {
      model::Right right = statement.rights[i];
      auto [it, inserted] = first.try_emplace(
          right, FirstDeadline{&*statement.deadline, statement.deadlineRange, statement.info.id});
      if (inserted || it->second.duration->hours() == statement.deadline->hours())
        continue;
      std::string name = model::spelling(right).str();
      context.findings
          .report(statement.info.id, statement.deadlineRange, diag::err_conflicting_right_deadlines,
                  name, statement.deadline->str(), it->second.duration->str())
          .other(it->second.statement)
          .note(it->second.range, diag::note_other_deadline_here, "deadline")
          .note(statement.deadlineRange, diag::note_fix,
                "give '" + name + "' one deadline: make both " + it->second.duration->str() +
                    ", or both " + statement.deadline->str());
    }
  }
}

void checkNoticeLeads(CheckContext &context) {
  std::map<model::NoticeKind, FirstDeadline> first;
  for (const model::Notice &notice : context.model.notices) {
    if (!notice.lead)
      continue;
    auto [it, inserted] = first.try_emplace(
        notice.notice, FirstDeadline{&*notice.lead, notice.leadRange, notice.info.id});
    if (inserted || it->second.duration->hours() == notice.lead->hours())
      continue;
    std::string name = model::spelling(notice.notice).str();
    context.findings
        .report(notice.info.id, notice.leadRange, diag::err_conflicting_notice_leads, name,
                notice.lead->str(), it->second.duration->str())
        .other(it->second.statement)
        .note(it->second.range, diag::note_other_deadline_here, "lead time")
        .note(notice.leadRange, diag::note_fix,
              "give '" + name + "' one lead time: make both " + it->second.duration->str() +
                  ", or both " + notice.lead->str());
  }
}

bool samePeriod(const model::Retention &a, const model::Retention &b) {
  if (a.kind != b.kind || a.event != b.event)
    return false;
  if (a.kind != model::RetentionKind::For)
    return true;
  return a.length && b.length && a.length->hours() == b.length->hours();
}

bool strictlyInside(const Box &inner, const Box &outer) {
  return outer.contains(inner) && !inner.contains(outer);
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
      if (samePeriod(retention, earlier) || strictlyInside(box, otherBox) ||
          strictlyInside(otherBox, box))
        continue;
      Box common = box.intersect(otherBox);
      // Where a rule inside either one covers the pair, that one is not most specific there.
      std::vector<const Box *> deciders;
      for (uint32_t third : overlapping)
        if (strictlyInside(periods.box(third), box) || strictlyInside(periods.box(third), otherBox))
          deciders.push_back(&periods.box(third));
      std::optional<Point> witness = findUncovered(common, deciders, context.dataAxes, 2);
      if (!witness)
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
