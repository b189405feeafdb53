#include "lsp/EffectText.h"

#include "model/Effects.h"

namespace policyc::lsp {

namespace {
/// At most this many names are listed; the rest are counted.
constexpr size_t kMaxNamesListed = 8;

std::string kindWord(model::VocabularyKind kind) {
  switch (kind) {
  case model::VocabularyKind::Category:
    return "category";
  case model::VocabularyKind::Purpose:
    return "purpose";
  case model::VocabularyKind::Recipient:
    return "recipient";
  case model::VocabularyKind::Source:
    return "source";
  }
  return "node";
}

std::string consentsOf(const model::PolicyModel &model, const model::Effect &effect) {
  if (effect.consents.empty())
    return "";
  std::string text = effect.consents.size() == 1 ? " while consent " : " while consents ";
  for (size_t i = 0; i < effect.consents.size(); ++i) {
    if (i != 0)
      text += i + 1 == effect.consents.size() ? " and " : ", ";
    text += "`" + model.consents[effect.consents[i]].name + "`";
  }
  return text + (effect.consents.size() == 1 ? " is granted" : " are granted");
}

std::string originNote(model::EffectOrigin origin) {
  switch (origin) {
  case model::EffectOrigin::Statement:
    return "";
  case model::EffectOrigin::CollectedUse:
    return " (collecting for a purpose permits our own use for it)";
  case model::EffectOrigin::PurposeLimit:
    return " (`only`: every other purpose is forbidden for this data)";
  case model::EffectOrigin::NeverCollected:
    return " (data that may not be collected may not be used or disclosed either)";
  case model::EffectOrigin::MirroredLink:
    return " (a link joins the two both ways)";
  }
  return "";
}

std::string describeEffect(const model::PolicyModel &model, const model::Effect &effect) {
  const model::Box &box = effect.members;
  auto nodes = [&](const model::Vocabulary &vocabulary, model::Axis axis) {
    if (vocabulary.size() == 0)
      return "any " + kindWord(vocabulary.kind);
    return describeNodes(vocabulary, box.sets[axis]);
  };
  std::string verb = effect.forbids ? "forbids " : "permits ";
  std::string categories = nodes(model.categories(), model::CategoryAxis);
  std::string sources = nodes(model.sources(), model::SourceAxis);
  std::string text;
  switch (effect.relation) {
  case model::Relation::Collect:
    text = verb + "collecting " + categories + " from " + sources;
    break;
  case model::Relation::Link:
    text = verb + "linking " + categories + " with " +
           nodes(model.categories(), model::LinkedAxis) + ", from " + sources;
    break;
  case model::Relation::Tuple: {
    const model::NodeSet &recipients = box.sets[model::RecipientAxis];
    std::string purposes = nodes(model.purposes(), model::PurposeAxis);
    bool onlyUs = recipients == model::NodeSet::range(model.usRecipient, model.usRecipient);
    if (onlyUs)
      text = verb + "our own use of " + categories + " from " + sources + " for " + purposes;
    else if (recipients == model.recipients().all())
      text = verb + "anyone (us included) to use or receive " + categories + " from " + sources +
             " for " + purposes;
    else
      text = verb + "disclosing " + categories + " from " + sources + " to " +
             describeNodes(model.recipients(), recipients) + " for " + purposes;
    break;
  }
  }
  return text + consentsOf(model, effect) + originNote(effect.origin);
}
} // namespace

std::string describeNodes(const model::Vocabulary &vocabulary, const model::NodeSet &set) {
  if (set.empty())
    return "no " + kindWord(vocabulary.kind);
  if (set == vocabulary.all())
    return "every " + kindWord(vocabulary.kind);
  // In DFS pre-order a subtree is [n, last(n)]: walk each interval subtree by subtree.
  std::vector<std::string> names;
  size_t total = 0;
  for (const model::Interval &interval : set.getIntervals()) {
    for (model::NodeId id = interval.first; id <= interval.last && id < vocabulary.size();) {
      const model::VocabularyNode &node = vocabulary[id];
      bool whole = node.last <= interval.last;
      ++total;
      if (names.size() < kMaxNamesListed)
        names.push_back("`" + node.path + "`" + (whole || node.isLeaf(id) ? "" : " itself"));
      id = whole ? node.last + 1 : id + 1;
    }
  }
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i != 0)
      text += i + 1 == names.size() && total == names.size() ? " and " : ", ";
    text += names[i];
  }
  if (total > names.size())
    text += " and " + std::to_string(total - names.size()) + " more";
  return text;
}

std::vector<std::string> describeRuleEffects(const model::PolicyModel &model, size_t ruleIndex) {
  std::vector<std::string> lines;
  for (const model::Effect &effect : model.effects().ofRule(ruleIndex))
    lines.push_back(describeEffect(model, effect));
  return lines;
}

} // namespace policyc::lsp
