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
  // Load order is statement id order, whatever order the model keeps its rules in (sema keeps
  // them in that order already: the check spares sorting 100,000 indexes).
  auto byId = [&](size_t a, size_t b) { return model.rules[a].info.id < model.rules[b].info.id; };
  if (!llvm::is_sorted(order, byId))
    llvm::stable_sort(order, byId);
  byRule.assign(model.rules.size(), {0, 0});
  size_t capacity = 0;
  for (const Rule &rule : model.rules)
    capacity += maxEffects(rule);
  effects.reserve(capacity);
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
  return axisRef(kind, set);
}

const NodeSet &Effects::axisRef(VocabularyKind kind, const NodeSet &set) const {
  if (model.vocabulary(kind).size() == 0)
    return unused;
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
                  const NodeSet &first, const NodeSet &second, const NodeSet &third,
                  const NodeSet &fourth) {
  std::array<const NodeSet *, kNumAxes> sets{&first, &second, &third, &fourth};
  if (llvm::any_of(sets, [](const NodeSet *set) { return set->empty(); }))
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
    const NodeSet &set = *sets[axis];
    effect.members.sets[axis] = set;
    const Vocabulary *vocabulary = vocabularies[axis];
    NodeSet &questions = effect.questions.sets[axis];
    if (!vocabulary || vocabulary->size() == 0)
      questions = set;
    else if (forbid)
      vocabulary->upwardClosure(set, questions);
    else
      vocabulary->downwardInterior(set, questions);
  }
}

size_t Effects::maxEffects(const Rule &rule) {
  if (rule.kind == RuleKind::Link)
    return 2; // the pair and its mirror
  if (rule.prohibition)
    return rule.kind == RuleKind::Collect ? 2 : 1; // never collect: and never used
  // The statement, our use of what is collected, the limit of `only`.
  return 1 + (rule.kind == RuleKind::Collect ? 1 : 0) + (rule.only ? 1 : 0);
}

// docs/semantics.md, the table of statements and the `only` modifier.
void Effects::derive(const Rule &rule) {
  const NodeSet &categories = rule.categories.nodes;
  const NodeSet &sources = axisRef(VocabularyKind::Source, rule.sources.nodes);
  auto purposeSet = [&](const NodeSet &set) -> const NodeSet & {
    return axisRef(VocabularyKind::Purpose, set);
  };
  const NodeSet everyone = model.recipients().all();
  const NodeSet us = NodeSet::range(model.usRecipient, model.usRecipient);
  auto tuple = [&](bool forbid, EffectOrigin origin, const NodeSet &purposes,
                   const NodeSet &recipients) {
    add(rule, Relation::Tuple, forbid, origin, categories, sources, purposes, recipients);
  };

  if (rule.kind == RuleKind::Link) {
    const NodeSet &linked = rule.linked.nodes;
    add(rule, Relation::Link, rule.prohibition, EffectOrigin::Statement, categories, sources,
        linked, unused);
    // `link A with B` also joins B with A; one effect when the two are the same.
    if (categories != linked)
      add(rule, Relation::Link, rule.prohibition, EffectOrigin::MirroredLink, linked, sources,
          categories, unused);
    return;
  }

  if (rule.prohibition) {
    switch (rule.kind) {
    case RuleKind::Collect:
      add(rule, Relation::Collect, true, EffectOrigin::Statement, categories, sources, unused,
          unused);
      // Data that may not be collected may not be used or disclosed by anyone either.
      tuple(true, EffectOrigin::NeverCollected, purposeSet(model.purposes().all()), everyone);
      return;
    case RuleKind::Use:
      // By anyone: `us` and every other recipient.
      tuple(true, EffectOrigin::Statement, purposeSet(rule.purposes.nodes), everyone);
      return;
    case RuleKind::Disclose:
      tuple(true, EffectOrigin::Statement, purposeSet(rule.purposes.nodes), rule.recipients.nodes);
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
      tuple(true, EffectOrigin::PurposeLimit,
            rule.purposes.nodes.complement(model.purposes().size()), bound);
  };
  switch (rule.kind) {
  case RuleKind::Collect:
    add(rule, Relation::Collect, false, EffectOrigin::Statement, categories, sources, unused,
        unused);
    // Collecting for P permits our own use for P. Without `for` the purpose is unspecified,
    // and nothing but the collection is permitted (GDPR Art. 5(1)(b), purpose limitation).
    if (rule.purposes.written)
      tuple(false, EffectOrigin::CollectedUse, purposeSet(rule.purposes.nodes), us);
    limit(everyone);
    return;
  case RuleKind::Use:
    tuple(false, EffectOrigin::Statement, purposeSet(rule.purposes.nodes), us);
    limit(everyone);
    return;
  case RuleKind::Disclose:
    tuple(false, EffectOrigin::Statement, purposeSet(rule.purposes.nodes), rule.recipients.nodes);
    limit(rule.recipients.nodes);
    return;
  case RuleKind::Link:
    break;
  }
  llvm_unreachable("link rules are handled above");
}

} // namespace policyc::model
