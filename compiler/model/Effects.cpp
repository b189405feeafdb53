#include "model/Effects.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policyc::model {

llvm::StringRef relationName(Relation relation) {
  switch (relation) {
  case Relation::Collect:
    return "collect";
  case Relation::Tuple:
    return "tuple";
  case Relation::Link:
    return "link";
  }
  llvm_unreachable("unknown relation");
}

llvm::StringRef originName(EffectOrigin origin) {
  switch (origin) {
  case EffectOrigin::Statement:
    return "statement";
  case EffectOrigin::CollectedUse:
    return "collected-use";
  case EffectOrigin::PurposeLimit:
    return "purpose-limit";
  case EffectOrigin::NeverCollected:
    return "never-collected";
  case EffectOrigin::MirroredLink:
    return "mirrored-link";
  }
  llvm_unreachable("unknown effect origin");
}

Effects::Effects(const PolicyModel &model) : model(model) {
  std::vector<size_t> order(model.rules.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  // Load order is statement id order, whatever order the model keeps its rules in.
  llvm::stable_sort(
      order, [&](size_t a, size_t b) { return model.rules[a].info.id < model.rules[b].info.id; });
  byRule.assign(model.rules.size(), {0, 0});
  // Most statements have one or two effects (a permit and its collected use or limit).
  effects.reserve(model.rules.size() * 2);
  for (size_t index : order) {
    uint32_t begin = static_cast<uint32_t>(effects.size());
    derive(model.rules[index]);
    byRule[index] = {begin, static_cast<uint32_t>(effects.size())};
  }
  // Pointers are taken once the vector no longer grows.
  for (const Effect &effect : effects) {
    auto relation = static_cast<unsigned>(effect.relation);
    (effect.forbids ? forbids : permits)[relation].push_back(&effect);
  }
}

llvm::ArrayRef<Effect> Effects::ofRule(size_t ruleIndex) const {
  auto [begin, end] = byRule[ruleIndex];
  return llvm::ArrayRef<Effect>(effects).slice(begin, end - begin);
}

NodeSet Effects::axisSet(VocabularyKind kind, const NodeSet &set) const {
  if (model.vocabulary(kind).size() == 0)
    return unusedAxis();
  return set;
}

std::array<const Vocabulary *, kNumAxes> Effects::axisVocabularies(Relation relation) const {
  switch (relation) {
  case Relation::Collect:
    return {&model.categories(), &model.sources(), nullptr, nullptr};
  case Relation::Tuple:
    return {&model.categories(), &model.sources(), &model.purposes(), &model.recipients()};
  case Relation::Link:
    return {&model.categories(), &model.sources(), &model.categories(), nullptr};
  }
  llvm_unreachable("unknown relation");
}

void Effects::add(const Rule &rule, Relation relation, bool forbid, EffectOrigin origin,
                  Box members) {
  if (members.empty())
    return; // `for P only` where P is every purpose forbids nothing
  Effect &effect = effects.emplace_back();
  effect.rule = &rule;
  effect.relation = relation;
  effect.forbids = forbid;
  effect.origin = origin;
  if (!forbid) {
    effect.consents.assign(rule.consents.begin(), rule.consents.end());
    llvm::sort(effect.consents);
    effect.consents.erase(std::unique(effect.consents.begin(), effect.consents.end()),
                          effect.consents.end());
  }
  // docs/semantics.md, "Questions about groups": a forbid reaches every group with a member
  // in its box, a permit only the groups that lie wholly inside it.
  std::array<const Vocabulary *, kNumAxes> vocabularies = axisVocabularies(relation);
  for (unsigned axis = 0; axis < kNumAxes; ++axis) {
    const Vocabulary *vocabulary = vocabularies[axis];
    const NodeSet &set = members.sets[axis];
    if (!vocabulary || vocabulary->size() == 0)
      effect.questions.sets[axis] = set;
    else
      effect.questions.sets[axis] =
          forbid ? vocabulary->upwardClosure(set) : vocabulary->downwardInterior(set);
  }
  effect.members = std::move(members);
}

// docs/semantics.md, the table of statements and the `only` modifier.
void Effects::derive(const Rule &rule) {
  const NodeSet &categories = rule.categories.nodes;
  NodeSet sources = axisSet(VocabularyKind::Source, rule.sources.nodes);
  auto purposeSet = [&](const NodeSet &set) { return axisSet(VocabularyKind::Purpose, set); };
  auto everyone = [&] { return model.recipients().all(); };
  auto us = [&] { return NodeSet::range(model.usRecipient, model.usRecipient); };
  auto tuple = [&](NodeSet p, NodeSet r) { return Box{{categories, sources, p, r}}; };
  auto data = [&] { return Box{{categories, sources, unusedAxis(), unusedAxis()}}; };

  if (rule.kind == RuleKind::Link) {
    Box pair{{categories, sources, rule.linked.nodes, unusedAxis()}};
    Box mirrored{{rule.linked.nodes, sources, categories, unusedAxis()}};
    bool symmetric = pair == mirrored;
    add(rule, Relation::Link, rule.prohibition, EffectOrigin::Statement, std::move(pair));
    if (!symmetric)
      add(rule, Relation::Link, rule.prohibition, EffectOrigin::MirroredLink, std::move(mirrored));
    return;
  }

  if (rule.prohibition) {
    switch (rule.kind) {
    case RuleKind::Collect:
      add(rule, Relation::Collect, true, EffectOrigin::Statement, data());
      // Data that may not be collected may not be used or disclosed by anyone either.
      add(rule, Relation::Tuple, true, EffectOrigin::NeverCollected,
          tuple(purposeSet(model.purposes().all()), everyone()));
      return;
    case RuleKind::Use:
      // By anyone: `us` and every other recipient.
      add(rule, Relation::Tuple, true, EffectOrigin::Statement,
          tuple(purposeSet(rule.purposes.nodes), everyone()));
      return;
    case RuleKind::Disclose:
      add(rule, Relation::Tuple, true, EffectOrigin::Statement,
          tuple(purposeSet(rule.purposes.nodes), rule.recipients.nodes));
      return;
    case RuleKind::Link:
      break;
    }
    llvm_unreachable("link rules are handled above");
  }

  // The limit of `for P only`: on collect and use it binds every recipient, on disclose the
  // statement's recipients.
  auto limit = [&](const NodeSet &bound) {
    if (rule.only)
      add(rule, Relation::Tuple, true, EffectOrigin::PurposeLimit,
          tuple(rule.purposes.nodes.complement(model.purposes().size()), bound));
  };
  switch (rule.kind) {
  case RuleKind::Collect:
    add(rule, Relation::Collect, false, EffectOrigin::Statement, data());
    // Collecting for P permits our own use for P. Without `for` the purpose is unspecified,
    // and nothing but the collection is permitted (GDPR Art. 5(1)(b), purpose limitation).
    if (rule.purposes.written)
      add(rule, Relation::Tuple, false, EffectOrigin::CollectedUse,
          tuple(purposeSet(rule.purposes.nodes), us()));
    limit(everyone());
    return;
  case RuleKind::Use:
    add(rule, Relation::Tuple, false, EffectOrigin::Statement,
        tuple(purposeSet(rule.purposes.nodes), us()));
    limit(everyone());
    return;
  case RuleKind::Disclose:
    add(rule, Relation::Tuple, false, EffectOrigin::Statement,
        tuple(purposeSet(rule.purposes.nodes), rule.recipients.nodes));
    limit(rule.recipients.nodes);
    return;
  case RuleKind::Link:
    break;
  }
  llvm_unreachable("link rules are handled above");
}

} // namespace policyc::model
