// Opting in and out: for every consent, what depends on it (opt-in or opt-out wording, the
// statements restated with short names: the sections say them in full) and how to withdraw
// it. "We do not do so until you opt in" is said only of what withdrawing the consent stops
// entirely; what another statement allows without it is listed apart.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// One paragraph for one action, or a list under `listLead`.
Block choiceBlock(const Trace &declared, std::vector<ConsentAction> actions,
                  const std::string &single, const std::string &singleEnd,
                  const std::string &listLead) {
  std::vector<Trace> traces{declared};
  for (const ConsentAction &action : actions)
    addTraces(traces, action.traces);
  if (actions.size() == 1) {
    ConsentAction &action = actions.front();
    Sentence sentence;
    sentence.text = single + action.text + singleEnd;
    for (Claim &claim : action.claims) {
      claim.sentence = sentence.text;
      sentence.claims.push_back(std::move(claim));
    }
    return Block::paragraph(std::move(sentence), std::move(traces));
  }
  Block list;
  list.kind = Block::Kind::List;
  list.text = plainText(listLead);
  for (ConsentAction &action : actions) {
    ListItem item{plainText(action.text), std::move(action.traces), {}};
    for (Claim &claim : action.claims) {
      claim.sentence = listLead + " " + action.text;
      item.claims.push_back(std::move(claim));
    }
    list.items.push_back(std::move(item));
  }
  list.traces = std::move(traces);
  return list;
}
} // namespace

std::vector<Block> buildChoices(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  std::vector<Block> blocks;
  // How to withdraw an opt-in consent is said once when several consents share it: the way
  // most of them share (the first such in load order), before the consents.
  std::string common;
  std::vector<Trace> commonTraces;
  {
    std::vector<std::string> ways;
    for (const model::Consent &consent : model.consents)
      ways.push_back(consent.optIn ? phrases.channels(consent.withdrawals, "or") : "");
    size_t best = 1;
    for (const std::string &way : ways) {
      size_t count = way.empty() ? 0 : std::count(ways.begin(), ways.end(), way);
      if (count > best) {
        best = count;
        common = way;
      }
    }
    for (size_t i = 0; i < ways.size(); ++i)
      if (!common.empty() && ways[i] == common)
        commonTraces.push_back(phrases.trace(model.consents[i].range));
  }
  size_t commonAt = blocks.size();
  for (model::ConsentId id = 0; id < model.consents.size(); ++id) {
    const model::Consent &consent = model.consents[id];
    std::vector<ConsentAction> needed, helped;
    for (const model::Rule &rule : model.rules) {
      if (rule.prohibition ||
          std::find(rule.consents.begin(), rule.consents.end(), id) == rule.consents.end())
        continue;
      std::optional<ConsentAction> action = context.summarySentences.consentAction(rule, id);
      if (!action)
        continue; // prohibitions leave nothing to consent to
      (action->needed ? needed : helped).push_back(std::move(*action));
    }
    // A consent nothing depends on asks the reader for nothing.
    if (needed.empty() && helped.empty())
      continue;
    blocks.push_back(Block::subheading(capitalizeFirst(phrases.consentName(id))));
    Trace declared = phrases.trace(consent.range);
    if (!needed.empty())
      blocks.push_back(
          consent.optIn
              ? choiceBlock(declared, std::move(needed),
                            "This is opt-in: we ask for your consent before we ",
                            ", and we do not do so until you opt in.",
                            "This is opt-in: we ask for your consent before we do any of the "
                            "following, and we do none of it until you opt in:")
              : choiceBlock(declared, std::move(needed), "This is opt-out: unless you opt out, we ",
                            ".", "This is opt-out: unless you opt out, we:"));
    if (!helped.empty()) {
      std::string also = needed.empty() ? "" : " also";
      blocks.push_back(
          consent.optIn
              ? choiceBlock(declared, std::move(helped), "With your consent we" + also + " ",
                            "; this policy may allow part of this without your consent.",
                            "With your consent we" + also +
                                " do the following; this policy may allow part of it without "
                                "your consent:")
              : choiceBlock(declared, std::move(helped), "Unless you opt out, we" + also + " ",
                            "; this policy may allow part of this even if you opt out.",
                            "Unless you opt out, we" + also +
                                " do the following; this policy may allow part of it even if "
                                "you opt out:"));
    }
    if (!consent.withdrawals.empty()) {
      std::string how = phrases.channels(consent.withdrawals, "or");
      if (consent.optIn && how == common)
        continue;
      std::string sentence = consent.optIn ? "You can withdraw your consent at any time " + how
                                           : "You can opt out at any time " + how;
      blocks.push_back(
          Block::paragraph(plainText(endSentence(sentence)), {phrases.trace(consent.range)}));
    }
  }
  if (!common.empty() && blocks.size() > commonAt)
    blocks.insert(
        blocks.begin() + commonAt,
        Block::paragraph(plainText(endSentence("Unless said otherwise below, you can withdraw your "
                                               "consent at any time " +
                                               common)),
                         std::move(commonTraces)));
  return blocks;
}

} // namespace policyc::gen::text
