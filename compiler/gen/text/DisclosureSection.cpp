// Who receives personal information: `disclose` permits with their kinds, purposes, consent
// conditions and limits, and `never disclose`; plus transfers abroad and their frameworks.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

std::vector<Block> buildDisclosure(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  std::vector<Block> blocks;
  model::NodeSet external = model.externalRecipients();
  bool disclosesOutside = false;
  for (const model::Rule &rule : model.rules)
    if (rule.isPermit() && rule.kind == model::RuleKind::Disclose &&
        rule.recipients.nodes.intersects(external))
      disclosesOutside = true;
  if (!disclosesOutside) {
    // Disclosure is denied unless a statement permits it, so this holds by construction.
    std::vector<Trace> traces;
    if (model.policy.present)
      traces.push_back(context.phrases.trace(model.policy.range));
    blocks.push_back(Block::paragraph(
        plainText(endSentence("We do not disclose personal information to anyone outside " +
                              context.phrases.organization())),
        std::move(traces)));
  }
  for (const model::Rule &rule : model.rules) {
    if (rule.kind != model::RuleKind::Disclose)
      continue;
    blocks.push_back(Block::paragraph(plainText(context.sentences.sentence(rule)),
                                      context.sentences.traces(rule)));
  }
  return blocks;
}

std::vector<Block> buildTransfers(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const model::Vocabulary &recipients = model.recipients();
  model::NodeSet abroad = recipients.withFlag(model::NodeFlag::Abroad);
  std::vector<std::string> names;
  std::vector<model::NodeId> named;
  std::vector<Trace> traces;
  for (const model::Rule &rule : model.rules) {
    if (!rule.isPermit() || rule.kind != model::RuleKind::Disclose ||
        !rule.recipients.nodes.intersects(abroad))
      continue;
    addTrace(traces, context.phrases.trace(rule.info));
    // Name the recipients abroad themselves: the highest node abroad in each selector.
    // A named set: a range-for over a member of a temporary would read it after its end.
    const model::NodeSet namedAbroad = rule.recipients.nodes.intersect(abroad);
    for (const model::Interval &interval : namedAbroad.getIntervals())
      for (model::NodeId id = interval.first; id <= interval.last; id = recipients[id].last + 1)
        if (std::find(named.begin(), named.end(), id) == named.end()) {
          named.push_back(id);
          names.push_back(context.phrases.nodeName(model::VocabularyKind::Recipient, id));
        }
  }
  std::vector<Block> blocks;
  if (names.empty())
    return blocks;
  std::string text = endSentence(
      names.size() == 1
          ? "The following recipient is located in another country: " + names.front()
          : "The following recipients are located in other countries: " + joinList(names));
  std::vector<std::string> frameworks;
  for (const model::FrameworkRef &framework : model.policy.frameworks) {
    frameworks.push_back(model::display(framework.framework).str());
    addTrace(traces, context.phrases.trace(framework.range));
  }
  if (!frameworks.empty())
    text +=
        " " + endSentence("We transfer personal information to them under " + joinList(frameworks));
  blocks.push_back(Block::paragraph(plainText(text), std::move(traces)));
  return blocks;
}

} // namespace policyc::gen::text
