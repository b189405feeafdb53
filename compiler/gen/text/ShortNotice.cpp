// The short notice (`--layer=short|both`): who we are, what we collect, why, who else
// receives it, how long we keep it, your choices and rights and how to reach us, in a few
// paragraphs that each point to the section of the full text saying it in detail. Built from
// the same effects as the full text: every list names only what some allowed question
// supports, and claims just that (docs/text-generation.md, "The short notice").
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include "model/Periods.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// The top-level nodes of a vocabulary, in tree order.
std::vector<model::NodeId> topLevel(const model::Vocabulary &vocabulary) {
  std::vector<model::NodeId> result;
  for (model::NodeId id = 0; id < vocabulary.size(); id = vocabulary[id].last + 1)
    result.push_back(id);
  return result;
}

/// " (see “Title”)." after `text`, the title linked when the document has the section.
Inline withReference(const SectionContext &context, std::string text, model::NoteSection section) {
  Inline result = plainText(std::move(text) + " (see “");
  result.push_back(context.reference(section));
  result.push_back(Span{Span::Kind::Text, "”).", {}});
  return result;
}

std::string joined(const Inline &text) {
  std::string result;
  for (const Span &span : text)
    result += span.text;
  return result;
}

/// The statements whose effects decide some question of `box`, with their traces.
std::vector<uint32_t> statementsAbout(const SectionContext &context, model::Relation relation,
                                      const model::Box &box, std::vector<Trace> &traces) {
  std::vector<uint32_t> statements;
  for (const model::Effect &effect : context.regions.getEffects().all())
    if (effect.relation == relation && !effect.forbids && effect.questions.intersects(box)) {
      addStatement(statements, effect.statement());
      addTrace(traces, context.phrases.trace(effect.rule->info));
    }
  return statements;
}

/// "LEAD A, B and C (see “section”)." naming each top-level node of `axis` that some allowed
/// question of `base` reaches; nothing when none does.
std::optional<Block> flowParagraph(const SectionContext &context, model::Relation relation,
                                   model::Box base, model::Axis axis, model::VocabularyKind kind,
                                   const model::NodeSet &within, const std::string &lead,
                                   model::NoteSection section) {
  const model::Vocabulary &vocabulary = context.model.vocabulary(kind);
  std::vector<std::string> names;
  std::vector<model::Box> boxes;
  std::vector<std::vector<uint32_t>> statements;
  std::vector<Trace> traces;
  for (model::NodeId top : topLevel(vocabulary)) {
    model::Box box = base;
    box.sets[axis] =
        context.regions.getEffects().axisSet(kind, vocabulary.subtree(top)).intersect(within);
    if (box.sets[axis].empty() || context.regions.anyAllowed(relation, box) != true)
      continue;
    names.push_back(context.phrases.shortName(kind, top));
    statements.push_back(statementsAbout(context, relation, box, traces));
    boxes.push_back(std::move(box));
  }
  if (names.empty())
    return std::nullopt;
  Inline text = withReference(context, lead + " " + joinList(names), section);
  std::string sentence = joined(text);
  Block block = Block::paragraph(std::move(text), std::move(traces));
  for (size_t i = 0; i < boxes.size(); ++i)
    block.claims.push_back(
        someAllowedClaim(relation, boxes[i], context.everyConsent, statements[i], sentence));
  return block;
}
} // namespace

std::vector<Block> buildShortNotice(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  std::vector<Block> blocks;
  std::vector<Trace> header;
  if (model.policy.present)
    header.push_back(phrases.trace(model.policy.range));
  blocks.push_back(Block::paragraph(
      plainText("This is a summary of how " + phrases.organization() +
                " handles personal information. Each paragraph points to the part of the full "
                "policy that gives the details, the conditions and the exceptions."),
      header));

  // What we collect, why, and who else receives it.
  model::Box collected = context.everything(model::Relation::Collect);
  if (auto block =
          flowParagraph(context, model::Relation::Collect, collected, model::CategoryAxis,
                        model::VocabularyKind::Category, collected.sets[model::CategoryAxis],
                        "We collect", model::NoteSection::collection))
    blocks.push_back(std::move(*block));
  model::Box ours = context.everything(model::Relation::Tuple);
  ours.sets[model::RecipientAxis] = model::NodeSet::range(model.usRecipient, model.usRecipient);
  if (auto block = flowParagraph(context, model::Relation::Tuple, ours, model::PurposeAxis,
                                 model::VocabularyKind::Purpose, ours.sets[model::PurposeAxis],
                                 "We use it for these purposes:", model::NoteSection::use))
    blocks.push_back(std::move(*block));
  model::Box outside = context.everything(model::Relation::Tuple);
  if (auto block = flowParagraph(context, model::Relation::Tuple, outside, model::RecipientAxis,
                                 model::VocabularyKind::Recipient, model.externalRecipients(),
                                 "Others who may receive it:", model::NoteSection::disclosure)) {
    blocks.push_back(std::move(*block));
  } else {
    outside.sets[model::RecipientAxis] = model.externalRecipients();
    if (context.regions.anyAllowed(model::Relation::Tuple, outside) == false) {
      Inline text = withReference(context,
                                  "We do not disclose personal information to anyone outside " +
                                      phrases.organization(),
                                  model::NoteSection::disclosure);
      std::string sentence = joined(text);
      Block block = Block::paragraph(std::move(text), header);
      block.claims.push_back(deniedClaim(model::Relation::Tuple, outside, {}, sentence));
      blocks.push_back(std::move(block));
    }
  }

  // How long: the periods the policy sets, each once.
  std::vector<std::string> periods;
  std::vector<Trace> retentionTraces;
  for (const model::Retention *retention : model::retentionsInLoadOrder(model)) {
    std::string period = retention->kind == model::RetentionKind::AsNeeded
                             ? std::string("for as long as needed for the purposes stated")
                             : retentionPeriod(context, *retention);
    if (std::find(periods.begin(), periods.end(), period) == periods.end())
      periods.push_back(period);
    addTrace(retentionTraces, phrases.trace(retention->info));
  }
  if (!periods.empty())
    blocks.push_back(
        Block::paragraph(withReference(context,
                                       "We keep personal information " + joinList(periods, "or") +
                                           (periods.size() > 1 ? ", depending on what it is and "
                                                                 "where it comes from"
                                                               : ""),
                                       model::NoteSection::retention),
                         std::move(retentionTraces)));

  // Your choices: the consents something depends on.
  std::vector<std::string> optIns, optOuts;
  std::vector<Trace> consentTraces;
  for (model::ConsentId id = 0; id < model.consents.size(); ++id) {
    bool used = false;
    for (const model::Rule &rule : model.rules)
      used |= rule.isPermit() &&
              std::find(rule.consents.begin(), rule.consents.end(), id) != rule.consents.end() &&
              context.sentences.consentAction(rule, id).has_value();
    if (!used)
      continue;
    std::string name = phrases.consentName(id);
    if (std::count(name.begin(), name.end(), ' ') >= 6)
      name = identifierWords(model.consents[id].name);
    (model.consents[id].optIn ? optIns : optOuts).push_back(name);
    consentTraces.push_back(phrases.trace(model.consents[id].range));
  }
  if (!optIns.empty() || !optOuts.empty()) {
    std::vector<std::string> choices;
    if (!optIns.empty())
      choices.push_back("We ask for your consent before some uses: " + joinList(optIns, "and") +
                        ".");
    if (!optOuts.empty())
      choices.push_back("You can opt out of " + joinList(optOuts, "and") + ".");
    std::string text;
    for (const std::string &choice : choices)
      text += (text.empty() ? "" : " ") + choice;
    text.pop_back(); // the reference ends the sentence
    blocks.push_back(
        Block::paragraph(withReference(context, text + ". You can change your mind at any time",
                                       model::NoteSection::choices),
                         std::move(consentTraces)));
  }

  // Your rights.
  std::vector<std::string> rights;
  std::vector<Trace> rightTraces;
  for (const model::RightStatement &statement : model.rights) {
    for (model::Right right : statement.rights) {
      std::string name = model::display(right).str();
      if (std::find(rights.begin(), rights.end(), name) == rights.end())
        rights.push_back(name);
    }
    rightTraces.push_back(phrases.trace(statement.info));
  }
  if (!rights.empty())
    blocks.push_back(Block::paragraph(
        withReference(context,
                      "You have the following " + plural(rights.size(), "right", "rights").str() +
                          ": " + joinList(rights),
                      model::NoteSection::rights),
        std::move(rightTraces)));

  // How to reach us.
  if (!model.policy.contacts.empty()) {
    std::vector<std::string> contacts;
    std::vector<Trace> contactTraces;
    for (const model::Contact &contact : model.policy.contacts) {
      contacts.push_back(model::display(contact.kind).str() + ": " + contact.value);
      contactTraces.push_back(phrases.trace(contact.range));
    }
    blocks.push_back(
        Block::paragraph(withReference(context, "To reach us: " + joinList(contacts, "or"),
                                       model::NoteSection::contact),
                         std::move(contactTraces)));
  }
  return blocks;
}

} // namespace policyc::gen::text
