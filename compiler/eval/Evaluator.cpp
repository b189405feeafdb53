#include "eval/Evaluator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policyc::eval {

using model::RuleKind;

llvm::StringRef reasonName(Reason reason) {
  switch (reason) {
  case Reason::Permitted:
    return "permitted";
  case Reason::NoStatement:
    return "no statement";
  case Reason::Prohibited:
    return "prohibited";
  case Reason::ConsentMissing:
    return "consent missing";
  }
  llvm_unreachable("unknown reason");
}

Evaluator::Evaluator(const model::PolicyModel &model) : model(model) {
  for (const model::Rule &rule : model.rules)
    rules.push_back(&rule);
  for (const model::Retention &retention : model.retentions)
    retentions.push_back(&retention);
  // "First in load order" is the smallest statement id, whatever order the model keeps.
  llvm::stable_sort(
      rules, [](const model::Rule *a, const model::Rule *b) { return a->info.id < b->info.id; });
  llvm::stable_sort(retentions, [](const model::Retention *a, const model::Retention *b) {
    return a->info.id < b->info.id;
  });
}

ConsentSet Evaluator::defaultConsents() const {
  ConsentSet granted(model.consents.size());
  for (size_t i = 0; i < model.consents.size(); ++i)
    if (!model.consents[i].optIn)
      granted.set(i);
  return granted;
}

ConsentSet Evaluator::noConsents() const {
  return ConsentSet(model.consents.size());
}

ConsentSet Evaluator::allConsents() const {
  return ConsentSet(model.consents.size(), true);
}

bool Evaluator::grantedAll(const model::Rule &rule, const ConsentSet &granted) const {
  return llvm::all_of(rule.consents, [&](model::ConsentId consent) {
    return consent < granted.size() && granted.test(consent);
  });
}

// docs/semantics.md, the table of statements and the `only` modifier: what a statement
// forbids in the tuple relation.
bool Evaluator::prohibits(const model::Rule &rule, const Tuple &tuple) const {
  if (rule.kind == RuleKind::Link)
    return false;
  bool data =
      rule.categories.nodes.contains(tuple.category) && rule.sources.nodes.contains(tuple.source);
  if (!data)
    return false;
  if (rule.prohibition) {
    switch (rule.kind) {
    case RuleKind::Collect:
      // Data that may not be collected may not be used or disclosed either.
      return true;
    case RuleKind::Use:
      // By anyone: `us` and every other recipient.
      return rule.purposes.nodes.contains(tuple.purpose);
    case RuleKind::Disclose:
      return rule.purposes.nodes.contains(tuple.purpose) &&
             rule.recipients.nodes.contains(tuple.recipient);
    case RuleKind::Link:
      return false;
    }
    llvm_unreachable("unknown rule kind");
  }
  if (!rule.only || rule.purposes.nodes.contains(tuple.purpose))
    return false;
  // The limit of `for P only`: on collect and use it binds every recipient, on disclose the
  // statement's recipients.
  if (rule.kind == RuleKind::Disclose)
    return rule.recipients.nodes.contains(tuple.recipient);
  return true;
}

bool Evaluator::permits(const model::Rule &rule, const Tuple &tuple) const {
  if (rule.prohibition || rule.kind == RuleKind::Link)
    return false;
  if (!rule.categories.nodes.contains(tuple.category) ||
      !rule.sources.nodes.contains(tuple.source) || !rule.purposes.nodes.contains(tuple.purpose))
    return false;
  if (rule.kind == RuleKind::Disclose)
    return rule.recipients.nodes.contains(tuple.recipient);
  // collect and use permit our own processing only.
  return tuple.recipient == model.usRecipient;
}

template <typename Covers>
Decision Evaluator::firstPermit(Covers covers, const ConsentSet &granted) const {
  const model::Rule *firstCovering = nullptr;
  for (const model::Rule *rule : rules) {
    if (!covers(*rule))
      continue;
    if (grantedAll(*rule, granted))
      return {true, Reason::Permitted, rule};
    if (!firstCovering)
      firstCovering = rule;
  }
  if (firstCovering)
    return {false, Reason::ConsentMissing, firstCovering};
  return {false, Reason::NoStatement, nullptr};
}

Decision Evaluator::decide(const Tuple &tuple, const ConsentSet &granted) const {
  for (const model::Rule *rule : rules)
    if (prohibits(*rule, tuple))
      return {false, Reason::Prohibited, rule};
  return firstPermit([&](const model::Rule &rule) { return permits(rule, tuple); }, granted);
}

Decision Evaluator::mayCollect(NodeId category, NodeId source, const ConsentSet &granted) const {
  auto covers = [&](const model::Rule &rule) {
    return rule.kind == RuleKind::Collect && rule.categories.nodes.contains(category) &&
           rule.sources.nodes.contains(source);
  };
  for (const model::Rule *rule : rules)
    if (rule->prohibition && covers(*rule))
      return {false, Reason::Prohibited, rule};
  return firstPermit([&](const model::Rule &rule) { return !rule.prohibition && covers(rule); },
                     granted);
}

Decision Evaluator::mayLink(NodeId first, NodeId second, NodeId source,
                            const ConsentSet &granted) const {
  auto covers = [&](const model::Rule &rule) {
    if (rule.kind != RuleKind::Link || !rule.sources.nodes.contains(source))
      return false;
    const model::NodeSet &a = rule.categories.nodes;
    const model::NodeSet &b = rule.linked.nodes;
    return (a.contains(first) && b.contains(second)) || (a.contains(second) && b.contains(first));
  };
  for (const model::Rule *rule : rules)
    if (rule->prohibition && covers(*rule))
      return {false, Reason::Prohibited, rule};
  return firstPermit([&](const model::Rule &rule) { return !rule.prohibition && covers(rule); },
                     granted);
}

std::vector<model::ConsentId> Evaluator::consentsAt(const Tuple &tuple) const {
  std::vector<model::ConsentId> result;
  for (const model::Rule *rule : rules)
    if (permits(*rule, tuple))
      for (model::ConsentId consent : rule->consents)
        if (!llvm::is_contained(result, consent))
          result.push_back(consent);
  llvm::sort(result);
  return result;
}

namespace {
bool isPeriod(const model::Retention &retention) {
  return retention.kind != model::RetentionKind::AsNeeded;
}

bool covers(const model::Retention &retention, NodeId category, NodeId source) {
  return retention.categories.nodes.contains(category) && retention.sources.nodes.contains(source);
}

/// True when the box of `inner` is a strict subset of the box of `outer`.
bool strictlyInside(const model::Retention &inner, const model::Retention &outer) {
  bool inside = outer.categories.nodes.containsAll(inner.categories.nodes) &&
                outer.sources.nodes.containsAll(inner.sources.nodes);
  bool equal = inner.categories.nodes == outer.categories.nodes &&
               inner.sources.nodes == outer.sources.nodes;
  return inside && !equal;
}

bool samePeriod(const model::Retention &a, const model::Retention &b) {
  if (a.kind != b.kind || a.event != b.event)
    return false;
  if (a.length.has_value() != b.length.has_value())
    return false;
  return !a.length || a.length->hours() == b.length->hours();
}

RetentionKind toKind(model::RetentionKind kind) {
  switch (kind) {
  case model::RetentionKind::For:
    return RetentionKind::For;
  case model::RetentionKind::Until:
    return RetentionKind::Until;
  case model::RetentionKind::While:
    return RetentionKind::While;
  case model::RetentionKind::AsNeeded:
    break;
  }
  llvm_unreachable("as-needed rules give no period");
}
} // namespace

RetentionDecision Evaluator::retention(NodeId category, NodeId source) const {
  std::vector<const model::Retention *> candidates;
  for (const model::Retention *retention : retentions)
    if (isPeriod(*retention) && covers(*retention, category, source))
      candidates.push_back(retention);
  // The most specific rules: those whose box does not strictly contain another candidate's.
  std::vector<const model::Retention *> specific;
  for (const model::Retention *candidate : candidates) {
    bool containsOther = llvm::any_of(candidates, [&](const model::Retention *other) {
      return strictlyInside(*other, *candidate);
    });
    if (!containsOther)
      specific.push_back(candidate);
  }
  if (specific.empty())
    return {};
  const model::Retention *first = specific.front();
  bool agree = llvm::all_of(
      specific, [&](const model::Retention *other) { return samePeriod(*first, *other); });
  return {agree ? toKind(first->kind) : RetentionKind::Conflicting, first};
}

bool Evaluator::keptAsNeededFor(NodeId category, NodeId source, NodeId purpose) const {
  return llvm::any_of(retentions, [&](const model::Retention *retention) {
    return !isPeriod(*retention) && covers(*retention, category, source) &&
           retention->purposes.nodes.contains(purpose);
  });
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

DeadlineDecision Evaluator::rightDeadline(model::Right right) const {
  return firstDeadline(
      model.rights,
      [&](const model::RightStatement &statement) {
        return llvm::is_contained(statement.rights, right);
      },
      [](const model::RightStatement &statement) { return statement.deadline; });
}

DeadlineDecision Evaluator::noticeLead(model::NoticeKind notice) const {
  return firstDeadline(
      model.notices, [&](const model::Notice &statement) { return statement.notice == notice; },
      [](const model::Notice &statement) { return statement.lead; });
}

} // namespace policyc::eval
