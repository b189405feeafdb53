// How we use information: the purposes with their legal basis, `use` statements with their
// consent conditions and limits, what is never done, and which data we link.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
std::string purposeItem(const SectionContext &context, model::NodeId id) {
  const model::Vocabulary &purposes = context.model.purposes();
  std::string text = capitalizeFirst(context.phrases.forPurpose(id)) +
                     context.phrases.memberList(model::VocabularyKind::Purpose, id);
  if (const auto &basis = purposes[id].basis)
    text += ", on the legal basis of " + model::display(*basis).str();
  return endSentence(text);
}
} // namespace

std::vector<Block> buildUse(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  std::vector<Block> blocks;

  // Every purpose a permit names, in the order of the purpose tree.
  std::vector<model::NodeId> named;
  for (const model::Rule &rule : model.rules) {
    if (rule.prohibition || rule.kind == model::RuleKind::Link)
      continue;
    for (const model::Selector &selector : rule.purposes.selectors)
      if (selector.kind == model::Selector::Kind::Node &&
          std::find(named.begin(), named.end(), selector.node) == named.end())
        named.push_back(selector.node);
  }
  std::sort(named.begin(), named.end());
  Block list;
  list.kind = Block::Kind::List;
  list.text = plainText("We use personal information for the following purposes:");
  for (model::NodeId id : named) {
    // A purpose is listed when some question about it is allowed: one that prohibitions
    // leave nothing of is not a purpose we use anything for.
    model::Box forPurpose = context.everything(model::Relation::Tuple);
    forPurpose.sets[model::PurposeAxis] = model.purposes().subtree(id);
    if (context.regions.anyAllowed(model::Relation::Tuple, forPurpose) != true)
      continue;
    std::string text = purposeItem(context, id);
    ListItem item{plainText(text), {}, {}};
    std::vector<uint32_t> statements;
    for (const model::Rule &rule : model.rules) {
      if (rule.prohibition || rule.kind == model::RuleKind::Link)
        continue;
      for (const model::Selector &selector : rule.purposes.selectors)
        if (selector.kind == model::Selector::Kind::Node && selector.node == id) {
          addTrace(item.traces, phrases.trace(rule.info));
          statements.push_back(rule.info.id);
        }
    }
    item.claims.push_back(someAllowedClaim(model::Relation::Tuple, forPurpose, context.everyConsent,
                                           std::move(statements),
                                           list.text.front().text + " " + text));
    addTraces(list.traces, item.traces);
    list.items.push_back(std::move(item));
  }
  if (!list.items.empty())
    blocks.push_back(std::move(list));

  bool consentNeeded = false;
  std::vector<Trace> consentTraces;
  for (const model::Rule &rule : model.rules) {
    if (rule.isPermit() && !rule.consents.empty()) {
      consentNeeded = true;
      addTrace(consentTraces, phrases.trace(rule.info));
    }
    bool link = rule.kind == model::RuleKind::Link;
    bool use = rule.kind == model::RuleKind::Use;
    if (!(use || (link && !isTrackingRule(context, rule))))
      continue;
    blocks.push_back(
        Block::paragraph(context.sentences.sentence(rule), context.sentences.traces(rule)));
  }

  if (consentNeeded) {
    Inline text = plainText("Where we need your consent, see “");
    text.push_back(context.reference(model::NoteSection::choices));
    text.push_back(Span{Span::Kind::Text, "” for how to give or withdraw it.", {}});
    blocks.push_back(Block::paragraph(std::move(text), std::move(consentTraces)));
  }
  return blocks;
}

} // namespace policyc::gen::text
