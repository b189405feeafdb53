// Opting in and out: for every consent, what depends on it (opt-in or opt-out wording) and how
// to withdraw it.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

std::vector<Block> buildChoices(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  std::vector<Block> blocks;
  for (model::ConsentId id = 0; id < model.consents.size(); ++id) {
    const model::Consent &consent = model.consents[id];
    std::vector<ListItem> actions;
    std::vector<Trace> traces{phrases.trace(consent.range)};
    for (const model::Rule &rule : model.rules) {
      if (rule.prohibition ||
          std::find(rule.consents.begin(), rule.consents.end(), id) == rule.consents.end())
        continue;
      std::string action = context.sentences.action(rule, {});
      // The other consents the statement needs must be given too.
      std::vector<model::ConsentId> others;
      for (model::ConsentId other : rule.consents)
        if (other != id)
          others.push_back(other);
      if (!others.empty())
        action += " (" + phrases.consentCondition(others) + ")";
      std::vector<Trace> ruleTraces = context.sentences.traces(rule);
      addTraces(traces, ruleTraces);
      actions.push_back(
          ListItem{plainText(action + context.sentences.exceptions(rule)), ruleTraces});
    }
    if (actions.empty() && consent.withdrawals.empty())
      continue;
    blocks.push_back(Block::subheading(capitalizeFirst(phrases.consentName(id))));
    if (actions.size() == 1) {
      std::string action = actions.front().text.front().text;
      std::string text = consent.optIn ? "This is opt-in: we ask for your consent before we " +
                                             action + ", and we do not do so until you opt in."
                                       : "This is opt-out: unless you opt out, we " + action + ".";
      blocks.push_back(Block::paragraph(plainText(text), traces));
    } else if (!actions.empty()) {
      Block list;
      list.kind = Block::Kind::List;
      list.text = plainText(consent.optIn ? "This is opt-in: we ask for your consent before we "
                                            "do any of the following, and we do none of it "
                                            "until you opt in:"
                                          : "This is opt-out: unless you opt out, we:");
      list.items = std::move(actions);
      list.traces = traces;
      blocks.push_back(std::move(list));
    }
    if (!consent.withdrawals.empty()) {
      std::string how = phrases.channels(consent.withdrawals, "or");
      std::string sentence = consent.optIn ? "You can withdraw your consent at any time " + how
                                           : "You can opt out at any time " + how;
      blocks.push_back(
          Block::paragraph(plainText(endSentence(sentence)), {phrases.trace(consent.range)}));
    }
  }
  return blocks;
}

} // namespace policyc::gen::text
