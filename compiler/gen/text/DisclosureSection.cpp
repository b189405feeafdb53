// Who receives personal information: `disclose` permits with their kinds, purposes, consent
// conditions and limits, and `never disclose`; plus transfers abroad and their frameworks.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

std::vector<Block> buildDisclosure(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  std::vector<Block> blocks;
  model::Box outside = context.everything(model::Relation::Tuple);
  outside.sets[model::RecipientAxis] = model.externalRecipients();
  // Disclosure is denied unless a statement permits it; when no permit leaves anything
  // outside the controller, nothing goes there.
  if (context.regions.anyAllowed(model::Relation::Tuple, outside) == false) {
    std::vector<Trace> traces;
    if (model.policy.present)
      traces.push_back(context.phrases.trace(model.policy.range));
    Sentence sentence;
    sentence.text = endSentence("We do not disclose personal information to anyone outside " +
                                context.phrases.organization());
    std::vector<uint32_t> statements;
    for (const model::Rule &rule : model.rules)
      if (rule.kind == model::RuleKind::Disclose)
        statements.push_back(rule.info.id);
    sentence.claims.push_back(
        deniedClaim(model::Relation::Tuple, outside, std::move(statements), sentence.text));
    blocks.push_back(Block::paragraph(std::move(sentence), std::move(traces)));
  }
  // Statements about the same recipients are said under one lead-in naming them, in the
  // order the recipients first appear; a recipient named by one statement gets a sentence.
  std::vector<std::vector<const model::Rule *>> groups;
  for (const model::Rule &rule : model.rules) {
    if (rule.kind != model::RuleKind::Disclose)
      continue;
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto &group) {
      const model::SelectorList &other = group.front()->recipients;
      return other.written == rule.recipients.written && other.nodes == rule.recipients.nodes;
    });
    if (same == groups.end())
      groups.push_back({&rule});
    else
      same->push_back(&rule);
  }
  for (const std::vector<const model::Rule *> &group : groups) {
    if (group.size() == 1) {
      const model::Rule &rule = *group.front();
      blocks.push_back(
          Block::paragraph(context.sentences.sentence(rule), context.sentences.traces(rule)));
      continue;
    }
    Block list;
    list.kind = Block::Kind::List;
    list.text = plainText(
        capitalizeFirst("to " + context.phrases.recipients(group.front()->recipients)) + ":");
    SentenceOptions options;
    options.recipients = false;
    for (const model::Rule *rule : group) {
      Sentence sentence = context.sentences.sentence(*rule, options);
      ListItem item{plainText(sentence.text), context.sentences.traces(*rule),
                    std::move(sentence.claims)};
      addTraces(list.traces, item.traces);
      list.items.push_back(std::move(item));
    }
    blocks.push_back(std::move(list));
  }
  return blocks;
}

std::vector<Block> buildTransfers(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const model::Vocabulary &recipients = model.recipients();
  model::NodeSet abroad = recipients.withFlag(model::NodeFlag::Abroad);
  std::vector<std::string> names;
  std::vector<model::NodeId> named;
  std::vector<model::Box> boxes;
  std::vector<std::vector<uint32_t>> statements;
  std::vector<Trace> traces;
  for (const model::Rule &rule : model.rules) {
    if (!rule.isPermit() || rule.kind != model::RuleKind::Disclose ||
        !rule.recipients.nodes.intersects(abroad))
      continue;
    // Name the recipients abroad themselves: the highest node abroad in each selector; each
    // one that the policy lets something reach.
    // A named set: a range-for over a member of a temporary would read it after its end.
    const model::NodeSet namedAbroad = rule.recipients.nodes.intersect(abroad);
    for (const model::Interval &interval : namedAbroad.getIntervals())
      for (model::NodeId id = interval.first; id <= interval.last; id = recipients[id].last + 1) {
        auto known = std::find(named.begin(), named.end(), id);
        if (known != named.end()) {
          statements[known - named.begin()].push_back(rule.info.id);
          addTrace(traces, context.phrases.trace(rule.info));
          continue;
        }
        model::Box toRecipient = context.everything(model::Relation::Tuple);
        toRecipient.sets[model::RecipientAxis] = recipients.subtree(id).intersect(abroad);
        if (context.regions.anyAllowed(model::Relation::Tuple, toRecipient) != true)
          continue;
        addTrace(traces, context.phrases.trace(rule.info));
        named.push_back(id);
        names.push_back(context.phrases.nodeName(model::VocabularyKind::Recipient, id));
        boxes.push_back(std::move(toRecipient));
        statements.push_back({rule.info.id});
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
  Sentence sentence;
  sentence.text = text;
  for (size_t i = 0; i < named.size(); ++i)
    sentence.claims.push_back(someAllowedClaim(model::Relation::Tuple, boxes[i],
                                               context.everyConsent, statements[i], text));
  blocks.push_back(Block::paragraph(std::move(sentence), std::move(traces)));
  return blocks;
}

} // namespace policyc::gen::text
