#include "gen/text/RuleSentences.h"

#include "gen/text/Claims.h"
#include "gen/text/English.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// "A B C" with empty parts left out.
std::string words(std::initializer_list<std::string> parts) {
  std::string result;
  for (const std::string &part : parts) {
    if (part.empty())
      continue;
    if (!result.empty())
      result += ' ';
    result += part;
  }
  return result;
}

void addUnique(std::vector<std::string> &items, std::string item) {
  if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end())
    items.push_back(std::move(item));
}

std::vector<model::ConsentId> sortedConsents(const model::Rule &rule) {
  std::vector<model::ConsentId> consents = rule.consents;
  std::sort(consents.begin(), consents.end());
  consents.erase(std::unique(consents.begin(), consents.end()), consents.end());
  return consents;
}

/// No `for` on disclose is every purpose (docs/semantics.md); a permit says so.
std::string anyPurpose(const model::Rule &rule) {
  return rule.kind == model::RuleKind::Disclose && !rule.purposes.written ? " for any purpose" : "";
}

/// A collect statement whose collection stays allowed while our use of it for its purposes
/// is forbidden entirely: the sentence then says the two apart.
bool collectsWithoutUse(const PermitView &view) {
  const model::Rule &rule = *view.rule;
  return rule.kind == model::RuleKind::Collect && view.parts.size() == 2 && !view.parts[0].none() &&
         view.parts[1].none();
}
} // namespace

std::string RuleSentences::action(const model::Rule &rule, const SentenceOptions &options) const {
  return action(rule, options, true);
}

std::string RuleSentences::action(const model::Rule &rule, const SentenceOptions &options,
                                  bool withPurposes) const {
  std::string what = phrases.categories(rule.categories, options.members);
  std::string through = options.sources ? phrases.throughSources(rule.sources) : std::string();
  std::string collected = options.sources ? collectedThrough(rule) : std::string();
  std::string purposes =
      rule.purposes.written && withPurposes ? phrases.forPurposes(rule.purposes) : std::string();
  switch (rule.kind) {
  case model::RuleKind::Collect:
    return words({"collect", what, through, purposes});
  case model::RuleKind::Use:
    return words({"use", what, collected, purposes});
  case model::RuleKind::Disclose:
    return words({"disclose", what, collected,
                  options.recipients
                      ? "to " + phrases.recipients(rule.recipients, options.recipientKinds)
                      : std::string(),
                  purposes});
  case model::RuleKind::Link:
    return words({"link", what, "with", phrases.categories(rule.linked), collected});
  }
  llvm_unreachable("unknown rule kind");
}

std::string RuleSentences::collectedThrough(const model::Rule &rule) const {
  std::string listed = phrases.throughSources(rule.sources);
  if (listed.empty())
    return listed;
  // Where the data the rule names may be collected at all: the leaf collection points.
  const model::Vocabulary &sources = model.sources();
  model::Box box;
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
    box.sets[axis] = model::unusedAxis();
  box.sets[model::CategoryAxis] = rule.categories.nodes;
  model::NodeSet collectable, excepted;
  for (model::NodeId id = 0; id < sources.size(); ++id) {
    if (!sources[id].isLeaf(id))
      continue;
    box.sets[model::SourceAxis] = model::NodeSet::range(id, id);
    std::optional<bool> any = regions.anyAllowed(model::Relation::Collect, box);
    if (!any)
      return "collected " + listed;
    if (!*any)
      continue;
    collectable.add(box.sets[model::SourceAxis]);
    if (!rule.sources.nodes.contains(id))
      excepted.add(box.sets[model::SourceAxis]);
  }
  // Data collected nowhere is named by where the statement says it comes from.
  if (collectable.empty())
    return "collected " + listed;
  // Everywhere the data is collected: the clause adds nothing the reader needs.
  if (excepted.empty())
    return std::string();
  // Name each excepted part by its highest node that holds no other collection point.
  std::vector<std::string> names;
  for (model::NodeId id = 0; id < sources.size();) {
    model::NodeSet subtree = sources.subtree(id);
    if (!excepted.intersects(subtree) || !excepted.containsAll(subtree.intersect(collectable))) {
      ++id;
      continue;
    }
    names.push_back(phrases.nodeName(model::VocabularyKind::Source, id));
    id = sources[id].last + 1;
  }
  std::string complement = "anywhere except through " + joinList(names);
  auto wordCount = [](const std::string &text) {
    return std::count(text.begin(), text.end(), ' ');
  };
  return "collected " + (wordCount(complement) < wordCount(listed) ? complement : listed);
}

const PermitView &RuleSentences::view(const model::Rule &rule) const {
  size_t index = static_cast<size_t>(&rule - model.rules.data());
  if (views.empty())
    views.resize(model.rules.size());
  if (!views[index])
    views[index] = std::make_unique<PermitView>(computeView(rule));
  return *views[index];
}

PermitView RuleSentences::computeView(const model::Rule &rule) const {
  PermitView result;
  result.rule = &rule;
  size_t index = static_cast<size_t>(&rule - model.rules.data());
  for (const model::Effect &effect : regions.getEffects().ofRule(index)) {
    if (effect.forbids) {
      if (effect.origin == model::EffectOrigin::PurposeLimit)
        result.limit = &effect;
      continue;
    }
    PermitPart part;
    part.effect = &effect;
    part.forbids = regions.forbidsOf(effect);
    part.allowed = regions.minus({effect.questions}, part.forbids);
    if (effect.questions.empty())
      part.allowed = Region();
    result.parts.push_back(std::move(part));
  }
  return result;
}

bool RuleSentences::neededEverywhere(const std::vector<const PermitPart *> &parts,
                                     llvm::ArrayRef<model::ConsentId> consents) const {
  if (consents.empty())
    return false;
  for (const PermitPart *part : parts) {
    // Without the exact part, its whole box: a consent needed there is needed in any part.
    Region region = part->allowed ? *part->allowed : Region{part->effect->questions};
    if (!regions.neededEverywhere(*part->effect, region, consents))
      return false;
  }
  return true;
}

std::string RuleSentences::exception(const model::Effect &part, const model::Effect &forbid) const {
  const model::Rule &rule = *forbid.rule;
  const model::Box &permitted = part.members;
  const model::Box &forbidden = forbid.members;
  auto narrower = [&](model::Axis axis) {
    return !forbidden.sets[axis].containsAll(permitted.sets[axis]);
  };
  std::vector<std::string> parts;
  bool sourcesNarrower = narrower(model::SourceAxis);
  std::string through = phrases.throughSources(rule.sources);
  // Name the data only where the exception is about part of it; "information" carries a
  // source; a purpose or recipient alone needs no noun ("except for marketing").
  if (part.relation == model::Relation::Link) {
    if (narrower(model::CategoryAxis) || narrower(model::LinkedAxis))
      parts.push_back(phrases.categories(rule.categories) + " with " +
                      phrases.categories(rule.linked));
    else if (sourcesNarrower)
      parts.push_back("information");
  } else if (narrower(model::CategoryAxis)) {
    parts.push_back(phrases.categories(rule.categories));
  } else if (sourcesNarrower) {
    parts.push_back("information");
  }
  if (sourcesNarrower && !through.empty())
    parts.push_back("collected " + through);
  if (part.relation == model::Relation::Tuple) {
    if (narrower(model::PurposeAxis))
      parts.push_back(forbid.origin == model::EffectOrigin::PurposeLimit
                          ? "for any purpose other than " + phrases.purposes(rule.purposes)
                          : phrases.forPurposes(rule.purposes));
    if (narrower(model::RecipientAxis))
      parts.push_back("to " + phrases.recipients(rule.recipients, false));
  }
  std::string result;
  for (const std::string &each : parts)
    result += (result.empty() ? "" : " ") + each;
  return result;
}

std::string RuleSentences::exceptions(const std::vector<const PermitPart *> &parts) const {
  std::vector<std::string> items;
  for (const PermitPart *part : parts)
    for (const model::Effect *forbid : part->forbids)
      addUnique(items, exception(*part->effect, *forbid));
  if (items.empty())
    return std::string();
  return ", except " + joinList(items);
}

std::string RuleSentences::reason(const model::Effect &forbid) const {
  const model::Rule &rule = *forbid.rule;
  if (forbid.origin == model::EffectOrigin::PurposeLimit) {
    std::string what = phrases.categories(rule.categories);
    if (rule.sources.written)
      what += " collected " + phrases.throughSources(rule.sources);
    if (rule.kind == model::RuleKind::Disclose)
      return phrases.recipients(rule.recipients, false) + " may use " + what + " only " +
             phrases.forPurposes(rule.purposes);
    return what + " may be used only " + phrases.forPurposes(rule.purposes);
  }
  std::string reason = "we never " + action(rule, {});
  if (rule.kind == model::RuleKind::Use && !rule.purposes.written)
    reason += " for any purpose";
  return reason;
}

Sentence RuleSentences::allowed(const model::Rule &rule, const std::string &action,
                                const std::vector<const PermitPart *> &parts) const {
  std::vector<model::ConsentId> consents = sortedConsents(rule);
  bool needed = neededEverywhere(parts, consents);
  std::string text = "We " + action;
  std::string condition = phrases.consentCondition(consents, needed);
  if (!condition.empty())
    text += " " + condition;
  text = endSentence(text + exceptions(parts));
  Sentence result;
  for (const PermitPart *part : parts)
    result.claims.push_back(permitClaim(*part->effect, part->effect->questions, part->forbids,
                                        needed ? consents : std::vector<model::ConsentId>(),
                                        Claim::Quantifier::Every, text));
  result.text = text;
  // "if you have opted in" is true; say that it is not the whole story.
  if (!consents.empty() && !needed)
    result.text += " This policy may allow part of this without that consent as well.";
  return result;
}

Sentence RuleSentences::denied(const model::Rule &rule, const std::string &action,
                               const std::vector<const PermitPart *> &parts) const {
  std::vector<std::string> reasons;
  std::vector<uint32_t> statements{rule.info.id};
  for (const PermitPart *part : parts)
    for (const model::Effect *forbid : part->forbids) {
      addUnique(reasons, reason(*forbid));
      statements.push_back(forbid->statement());
    }
  // A permit no question fits (a group with no members) is denied by default.
  std::string text = endSentence("We do not " + action +
                                 (reasons.empty() ? ": nothing in this policy fits that description"
                                                  : ", because " + joinList(reasons)));
  Sentence result;
  result.text = text;
  for (const PermitPart *part : parts)
    result.claims.push_back(
        deniedClaim(part->effect->relation, part->effect->questions, statements, text));
  return result;
}

Sentence RuleSentences::limit(const PermitView &view) const {
  Sentence result;
  if (!view.limit)
    return result;
  result.text = view.rule->kind == model::RuleKind::Disclose
                    ? "They may not use this information for any other purpose."
                    : "Neither we nor anyone we share this information with may use it for any "
                      "other purpose.";
  result.claims.push_back(
      deniedClaim(view.limit->relation, view.limit->questions, {view.rule->info.id}, result.text));
  return result;
}

Sentence RuleSentences::permit(const model::Rule &rule, const SentenceOptions &options) const {
  const PermitView &permitView = view(rule);
  std::string full = action(rule, options) + anyPurpose(rule);
  Sentence result;
  if (permitView.parts.empty()) {
    // Every clause names a group without members: the statement permits nothing.
    result.text =
        endSentence("We do not " + full + ": nothing in this policy fits that description");
    model::Relation relation = rule.kind == model::RuleKind::Collect ? model::Relation::Collect
                               : rule.kind == model::RuleKind::Link  ? model::Relation::Link
                                                                     : model::Relation::Tuple;
    result.claims.push_back(deniedClaim(relation, model::Box(), {rule.info.id}, result.text));
    return result;
  }
  if (collectsWithoutUse(permitView)) {
    result = allowed(rule, action(rule, options, false), {&permitView.parts[0]});
    append(result,
           denied(rule, "use it " + phrases.forPurposes(rule.purposes), {&permitView.parts[1]}));
  } else {
    std::vector<const PermitPart *> allowedParts, deniedParts;
    for (const PermitPart &part : permitView.parts)
      (part.none() ? deniedParts : allowedParts).push_back(&part);
    if (!allowedParts.empty())
      result = allowed(rule, full, allowedParts);
    if (!deniedParts.empty())
      append(result, denied(rule, full, deniedParts));
    if (rule.kind == model::RuleKind::Collect && !rule.purposes.written && !allowedParts.empty())
      result.text += " This policy states no purpose for it.";
  }
  append(result, limit(permitView));
  return result;
}

Sentence RuleSentences::prohibition(const model::Rule &rule, const SentenceOptions &options) const {
  Sentence result;
  switch (rule.kind) {
  case model::RuleKind::Collect:
  case model::RuleKind::Disclose:
  case model::RuleKind::Link:
    result.text = endSentence("We never " + action(rule, options));
    break;
  case model::RuleKind::Use:
    // `never use` binds every recipient, not only us.
    result.text = "We never " + action(rule, options) +
                  (rule.purposes.written ? "" : " for any purpose") +
                  ", and neither does anyone we share it with.";
    break;
  }
  size_t index = static_cast<size_t>(&rule - model.rules.data());
  for (const model::Effect &effect : regions.getEffects().ofRule(index))
    // What the sentence says itself; that data never collected is not used either is a
    // consequence the sentence leaves to the exceptions of the permits it carves into.
    if (effect.origin != model::EffectOrigin::NeverCollected)
      result.claims.push_back(
          deniedClaim(effect.relation, effect.questions, {rule.info.id}, result.text));
  // A group without members (`identifying` when every category is anonymous) has no effect:
  // the sentence is about nothing, and claims just that.
  if (result.claims.empty())
    result.claims.push_back(
        deniedClaim(model::Relation::Tuple, model::Box(), {rule.info.id}, result.text));
  return result;
}

Sentence RuleSentences::sentence(const model::Rule &rule, const SentenceOptions &options) const {
  return rule.prohibition ? prohibition(rule, options) : permit(rule, options);
}

std::optional<ConsentAction> RuleSentences::consentAction(const model::Rule &rule,
                                                          model::ConsentId consent) const {
  const PermitView &permitView = view(rule);
  std::vector<const PermitPart *> parts;
  bool collectOnly = collectsWithoutUse(permitView);
  for (const PermitPart &part : permitView.parts)
    if (!part.none())
      parts.push_back(&part);
  if (parts.empty())
    return std::nullopt;
  ConsentAction result;
  result.text = action(rule, {}, !collectOnly) + anyPurpose(rule);
  // The other consents the statement needs must be given too.
  std::vector<model::ConsentId> consents = sortedConsents(rule);
  std::vector<model::ConsentId> others;
  for (model::ConsentId other : consents)
    if (other != consent)
      others.push_back(other);
  if (!others.empty())
    result.text += " (" + phrases.consentCondition(others) + ")";
  result.text += exceptions(parts);
  result.needed = neededEverywhere(parts, {consent});
  for (const PermitPart *part : parts)
    result.claims.push_back(permitClaim(*part->effect, part->effect->questions, part->forbids,
                                        result.needed ? std::vector<model::ConsentId>{consent}
                                                      : std::vector<model::ConsentId>(),
                                        Claim::Quantifier::Every, result.text));
  result.traces = traces(rule);
  return result;
}

std::vector<Trace> RuleSentences::traces(const model::Rule &rule) const {
  std::vector<Trace> result{phrases.trace(rule.info)};
  if (rule.prohibition)
    return result;
  const PermitView &permitView = view(rule);
  for (const PermitPart &part : permitView.parts)
    for (const model::Effect *forbid : part.forbids)
      addTrace(result, phrases.trace(forbid->rule->info));
  return result;
}

} // namespace policyc::gen::text
