#include "eval/Evaluator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policyc::eval {

using model::Relation;

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

Evaluator::Evaluator(const model::PolicyModel &model)
    : model(model), effects(model.effects()), retentions(model::retentionsInLoadOrder(model)) {}

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

namespace {
bool grantedAll(const model::Effect &effect, const ConsentSet &granted) {
  return llvm::all_of(effect.consents, [&](model::ConsentId consent) {
    return consent < granted.size() && granted.test(consent);
  });
}
} // namespace

// docs/semantics.md, "The decision procedure".
Decision Evaluator::decide(Relation relation, const model::Point &point,
                           const ConsentSet &granted) const {
  for (const model::Effect *effect : effects.forbidding(relation))
    if (effect->questions.contains(point))
      return {false, Reason::Prohibited, effect->rule, effect};
  const model::Effect *firstCovering = nullptr;
  for (const model::Effect *effect : effects.permitting(relation)) {
    if (!effect->questions.contains(point))
      continue;
    if (grantedAll(*effect, granted))
      return {true, Reason::Permitted, effect->rule, effect};
    if (!firstCovering)
      firstCovering = effect;
  }
  if (firstCovering)
    return {false, Reason::ConsentMissing, firstCovering->rule, firstCovering};
  return {false, Reason::NoStatement, nullptr, nullptr};
}

Decision Evaluator::decide(const Tuple &tuple, const ConsentSet &granted) const {
  return decide(
      Relation::Tuple,
      model::Effects::tuplePoint(tuple.category, tuple.source, tuple.purpose, tuple.recipient),
      granted);
}

Decision Evaluator::mayCollect(NodeId category, NodeId source, const ConsentSet &granted) const {
  return decide(Relation::Collect, model::Effects::collectPoint(category, source), granted);
}

Decision Evaluator::mayLink(NodeId first, NodeId second, NodeId source,
                            const ConsentSet &granted) const {
  return decide(Relation::Link, model::Effects::linkPoint(first, second, source), granted);
}

std::vector<model::ConsentId> Evaluator::consentsAt(const Tuple &tuple) const {
  model::Point point =
      model::Effects::tuplePoint(tuple.category, tuple.source, tuple.purpose, tuple.recipient);
  std::vector<model::ConsentId> result;
  for (const model::Effect *effect : effects.permitting(Relation::Tuple))
    if (effect->questions.contains(point))
      for (model::ConsentId consent : effect->consents)
        if (!llvm::is_contained(result, consent))
          result.push_back(consent);
  llvm::sort(result);
  return result;
}

namespace {
bool covers(const model::Retention &retention, NodeId category, NodeId source) {
  return retention.categories.nodes.contains(category) && retention.sources.nodes.contains(source);
}
} // namespace

model::RetentionDecision Evaluator::retention(NodeId category, NodeId source) const {
  std::vector<const model::Retention *> covering;
  for (const model::Retention *retention : retentions)
    if (model::isPeriod(*retention) && covers(*retention, category, source))
      covering.push_back(retention);
  return model::resolveRetention(covering);
}

bool Evaluator::keptAsNeededFor(NodeId category, NodeId source, NodeId purpose) const {
  return llvm::any_of(retentions, [&](const model::Retention *retention) {
    return !model::isPeriod(*retention) && covers(*retention, category, source) &&
           retention->purposes.nodes.contains(purpose);
  });
}

} // namespace policyc::eval
