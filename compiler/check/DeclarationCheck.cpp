// Class 8: declarations. Undefined and duplicate names are errors of sema; this pass adds
// the data-minimisation findings:
//
// - a vocabulary node, consent or event that no statement uses. Naming a node uses its whole
//   subtree and its ancestors, so only the topmost unused node of a subtree is reported;
// - a use, disclosure or link that relies on a category (from its sources) that no `collect`
//   gathers: the policy speaks of data it does not say it has.
#include "check/CheckContext.h"
#include "check/Witness.h"

#include <vector>

namespace policyc::check {

using model::NodeId;
using model::VocabularyKind;

namespace {
/// Which nodes of each vocabulary some statement names, directly or through a subtree.
class Usage {
public:
  explicit Usage(const model::PolicyModel &model) : model(model) {
    for (unsigned i = 0; i < model::kNumVocabularies; ++i) {
      NodeId size = model.vocabularies[i].size();
      within[i].assign(size + 1, 0);
      named[i].assign(size + 1, 0);
    }
  }

  void add(VocabularyKind kind, const model::SelectorList &list) {
    for (const model::Selector &selector : list.selectors) {
      if (selector.kind != model::Selector::Kind::Node || selector.node == model::kNoNode)
        continue;
      auto i = static_cast<size_t>(kind);
      const model::VocabularyNode &node = model.vocabularies[i][selector.node];
      ++within[i][selector.node];
      --within[i][node.last + 1];
      ++named[i][selector.node];
    }
  }

  /// Turns the counts into prefix sums; call once after the last add().
  void finish() {
    for (unsigned i = 0; i < model::kNumVocabularies; ++i) {
      int64_t running = 0;
      for (int64_t &value : within[i]) {
        running += value;
        value = running;
      }
      running = 0;
      // named[i][n] becomes the number of named nodes before n.
      for (int64_t &value : named[i]) {
        int64_t own = value;
        value = running;
        running += own;
      }
    }
  }

  bool used(VocabularyKind kind, NodeId id) const {
    auto i = static_cast<size_t>(kind);
    if (within[i][id] > 0) // the node or an ancestor is named
      return true;
    NodeId last = model.vocabularies[i][id].last;
    return named[i][last + 1] - named[i][id] > 0; // a descendant is named
  }

private:
  const model::PolicyModel &model;
  std::vector<int64_t> within[model::kNumVocabularies];
  std::vector<int64_t> named[model::kNumVocabularies];
};

void checkUnused(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  Usage usage(model);
  std::vector<bool> consentUsed(model.consents.size(), false);
  std::vector<bool> eventUsed(model.events.size(), false);
  for (const model::Rule &rule : model.rules) {
    usage.add(VocabularyKind::Category, rule.categories);
    usage.add(VocabularyKind::Category, rule.linked);
    usage.add(VocabularyKind::Source, rule.sources);
    usage.add(VocabularyKind::Purpose, rule.purposes);
    usage.add(VocabularyKind::Recipient, rule.recipients);
    for (model::ConsentId consent : rule.consents)
      consentUsed[consent] = true;
  }
  for (const model::Retention &retention : model.retentions) {
    usage.add(VocabularyKind::Category, retention.categories);
    usage.add(VocabularyKind::Source, retention.sources);
    usage.add(VocabularyKind::Purpose, retention.purposes);
    if (retention.event != model::kNone && retention.event < eventUsed.size())
      eventUsed[retention.event] = true;
  }
  for (const model::Protection &protection : model.protections) {
    usage.add(VocabularyKind::Category, protection.categories);
    usage.add(VocabularyKind::Source, protection.sources);
  }
  usage.finish();

  for (unsigned i = 0; i < model::kNumVocabularies; ++i) {
    auto kind = static_cast<VocabularyKind>(i);
    const model::Vocabulary &vocabulary = model.vocabulary(kind);
    for (NodeId id = 0; id < vocabulary.size(); ++id) {
      const model::VocabularyNode &node = vocabulary[id];
      if (node.builtin || usage.used(kind, id))
        continue;
      // The topmost unused node stands for its subtree.
      if (node.parent != model::kNoNode && !usage.used(kind, node.parent))
        continue;
      context.findings
          .report(0, node.range, diag::warn_unused_declaration, vocabularyName(kind), node.path)
          .note(node.range, diag::note_fix,
                "remove the declaration, or name it in the statements that concern it");
    }
  }
  for (size_t id = 0; id < model.consents.size(); ++id)
    if (!consentUsed[id])
      context.findings
          .report(0, model.consents[id].range, diag::warn_unused_declaration, "consent",
                  model.consents[id].name)
          .note(model.consents[id].range, diag::note_fix,
                "remove the consent, or make the permits that rely on it say 'when consent " +
                    model.consents[id].name + "'");
  for (size_t id = 0; id < model.events.size(); ++id)
    if (!eventUsed[id])
      context.findings
          .report(0, model.events[id].range, diag::warn_unused_declaration, "event",
                  model.events[id].name)
          .note(model.events[id].range, diag::note_fix,
                "remove the event, or use it in a 'retain ... until/while/after'");
}

void checkNeverCollected(CheckContext &context, uint32_t index) {
  const model::Rule &rule = context.model.rules[index];
  auto check = [&](const model::SelectorList &list) {
    for (const model::Selector &selector : list.selectors) {
      model::SelectorList one;
      one.nodes = selector.nodes;
      Box relied = context.dataBox(one, rule.sources);
      if (relied.empty() || !context.collectPermits.overlapping(relied).empty())
        continue;
      std::string data = selector.spelling;
      if (rule.sources.written)
        data += " from " + clauseSpelling(rule.sources);
      context.findings
          .report(rule.info.id, selector.range, diag::warn_used_never_collected, ruleSpelling(rule),
                  data)
          .note(selector.range, diag::note_fix,
                "add a 'collect " + selector.spelling +
                    (rule.sources.written ? " from " + clauseSpelling(rule.sources) : "") +
                    " ...', or leave it out of this '" + ruleSpelling(rule) + "'");
    }
  };
  check(rule.categories);
  if (rule.linked.written)
    check(rule.linked);
}
/// A use, disclosure or link: a statement that permits something about data it does not
/// collect itself.
bool usesCollectedData(llvm::ArrayRef<model::Effect> effects) {
  bool permits = false;
  for (const model::Effect &effect : effects) {
    if (effect.relation == model::Relation::Collect)
      return false;
    permits |= effect.permits();
  }
  return permits;
}
} // namespace

void checkDeclarations(CheckContext &context) {
  checkUnused(context);
  const model::PolicyModel &model = context.model;
  for (uint32_t index = 0; index < model.rules.size(); ++index)
    if (usesCollectedData(context.effects.ofRule(index)) && !context.neverTakesEffect[index])
      checkNeverCollected(context, index);
}

} // namespace policyc::check
