// How we use information: the purposes with their legal basis, `use` statements with their
// consent conditions and limits, what is never done, and which data we link.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// A top-level purpose; its members are named by the sentences below. A member whose legal
/// basis differs from the purpose's is named with it.
std::string purposeItem(const SectionContext &context, model::NodeId id) {
  const model::Vocabulary &purposes = context.model.purposes();
  std::vector<std::string> members;
  for (model::NodeId child = id + 1; child <= purposes[id].last; ++child)
    if (purposes[child].basis && purposes[child].basis != purposes[id].basis &&
        purposes[child].basis != purposes[purposes[child].parent].basis)
      members.push_back(context.phrases.nodeName(model::VocabularyKind::Purpose, child) +
                        " on the legal basis of " + model::display(*purposes[child].basis).str());
  std::string text = capitalizeFirst(context.phrases.forPurpose(id));
  // An open purpose's members are examples, which the sentences below need not name.
  if (purposes[id].open)
    text += context.phrases.memberList(model::VocabularyKind::Purpose, id);
  if (!members.empty())
    text += " (" + joinList(members) + ")";
  return endSentence(text);
}

/// The lead-in of the purposes with one legal basis (or none).
std::string purposesLead(std::optional<model::LegalBasis> basis, bool first) {
  std::string lead = first ? "We use personal information for the following purposes"
                           : "We also use personal information for the following purposes";
  if (basis)
    lead += ", on the legal basis of " + model::display(*basis).str();
  return lead + ":";
}
} // namespace

std::vector<Block> buildUse(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  const model::Vocabulary &purposes = model.purposes();
  std::vector<Block> blocks;

  // Every top-level purpose a permit names something of, in the order of the purpose tree.
  std::vector<model::NodeId> named;
  for (const model::Rule &rule : model.rules) {
    if (rule.prohibition || rule.kind == model::RuleKind::Link)
      continue;
    for (const model::Selector &selector : rule.purposes.selectors) {
      if (selector.kind != model::Selector::Kind::Node)
        continue;
      model::NodeId top = selector.node;
      while (purposes[top].parent != model::kNoNode)
        top = purposes[top].parent;
      if (std::find(named.begin(), named.end(), top) == named.end())
        named.push_back(top);
    }
  }
  std::sort(named.begin(), named.end());
  // One list per legal basis, in the order the bases first appear; purposes without one last.
  std::vector<std::optional<model::LegalBasis>> bases;
  for (model::NodeId id : named)
    if (purposes[id].basis &&
        std::find(bases.begin(), bases.end(), purposes[id].basis) == bases.end())
      bases.push_back(purposes[id].basis);
  bases.push_back(std::nullopt);
  for (const std::optional<model::LegalBasis> &basis : bases) {
    Block list;
    list.kind = Block::Kind::List;
    list.text = plainText(purposesLead(basis, blocks.empty()));
    for (model::NodeId id : named) {
      if (purposes[id].basis != basis)
        continue;
      // A purpose is listed when some question about it is allowed: one that prohibitions
      // leave nothing of is not a purpose we use anything for.
      model::Box forPurpose = context.everything(model::Relation::Tuple);
      forPurpose.sets[model::PurposeAxis] = purposes.subtree(id);
      if (context.regions.anyAllowed(model::Relation::Tuple, forPurpose) != true)
        continue;
      std::string text = purposeItem(context, id);
      ListItem item{plainText(text), {}, {}};
      std::vector<uint32_t> statements;
      for (const model::Rule &rule : model.rules) {
        if (rule.prohibition || rule.kind == model::RuleKind::Link)
          continue;
        for (const model::Selector &selector : rule.purposes.selectors)
          if (selector.kind == model::Selector::Kind::Node &&
              purposes.subtree(id).contains(selector.node)) {
            addTrace(item.traces, phrases.trace(rule.info));
            addStatement(statements, rule.info.id);
          }
      }
      item.claims.push_back(someAllowedClaim(model::Relation::Tuple, forPurpose,
                                             context.everyConsent, std::move(statements),
                                             list.text.front().text + " " + text));
      addTraces(list.traces, item.traces);
      list.items.push_back(std::move(item));
    }
    if (!list.items.empty())
      blocks.push_back(std::move(list));
  }

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
