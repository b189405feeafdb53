#include "model/Periods.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policyc::model {

Box retentionBox(const Retention &retention) {
  return Box{{retention.categories.nodes, retention.sources.nodes, unusedAxis(), unusedAxis()}};
}

bool samePeriod(const Retention &a, const Retention &b) {
  if (a.kind != b.kind || a.event != b.event)
    return false;
  if (a.length.has_value() != b.length.has_value())
    return false;
  return !a.length || a.length->hours() == b.length->hours();
}

bool strictlyInside(const Retention &inner, const Retention &outer) {
  bool inside = outer.categories.nodes.containsAll(inner.categories.nodes) &&
                outer.sources.nodes.containsAll(inner.sources.nodes);
  bool equal = inner.categories.nodes == outer.categories.nodes &&
               inner.sources.nodes == outer.sources.nodes;
  return inside && !equal;
}

namespace {
PeriodKind kindOf(RetentionKind kind) {
  switch (kind) {
  case RetentionKind::For:
    return PeriodKind::For;
  case RetentionKind::Within:
    return PeriodKind::Within;
  case RetentionKind::Until:
    return PeriodKind::Until;
  case RetentionKind::While:
    return PeriodKind::While;
  case RetentionKind::AsNeeded:
    break;
  }
  llvm_unreachable("as-needed rules give no period");
}
} // namespace

RetentionDecision resolveRetention(llvm::ArrayRef<const Retention *> covering) {
  std::vector<const Retention *> specific;
  for (const Retention *candidate : covering) {
    if (!isPeriod(*candidate))
      continue;
    bool containsOther = llvm::any_of(covering, [&](const Retention *other) {
      return isPeriod(*other) && strictlyInside(*other, *candidate);
    });
    if (!containsOther)
      specific.push_back(candidate);
  }
  if (specific.empty())
    return {};
  const Retention *first = specific.front();
  bool agree =
      llvm::all_of(specific, [&](const Retention *other) { return samePeriod(*first, *other); });
  return {agree ? kindOf(first->kind) : PeriodKind::Conflicting, first};
}

namespace {
/// The earliest statement that names the entry with a duration, else the earliest naming it.
template <typename Statements, typename Names, typename Length>
DeadlineDecision firstDeadline(const Statements &statements, Names names, Length length) {
  DeadlineDecision named;
  DeadlineDecision timed;
  for (const auto &statement : statements) {
    if (!names(statement))
      continue;
    uint32_t id = statement.info.id;
    if (!named.statement || id < named.statement->id)
      named.statement = &statement.info;
    if (length(statement) && (!timed.statement || id < timed.statement->id)) {
      timed.statement = &statement.info;
      timed.duration = length(statement);
    }
  }
  return timed.statement ? timed : named;
}
} // namespace

DeadlineDecision rightDeadline(const PolicyModel &model, Right right) {
  return firstDeadline(
      model.rights,
      [&](const RightStatement &statement) { return llvm::is_contained(statement.rights, right); },
      [](const RightStatement &statement) { return statement.deadline; });
}

DeadlineDecision noticeLead(const PolicyModel &model, NoticeKind notice) {
  return firstDeadline(
      model.notices, [&](const Notice &statement) { return statement.notice == notice; },
      [](const Notice &statement) { return statement.lead; });
}

std::vector<const Retention *> retentionsInLoadOrder(const PolicyModel &model) {
  std::vector<const Retention *> result;
  for (const Retention &retention : model.retentions)
    result.push_back(&retention);
  llvm::stable_sort(result,
                    [](const Retention *a, const Retention *b) { return a->info.id < b->info.id; });
  return result;
}

} // namespace policyc::model
