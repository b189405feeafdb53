// Changes to this policy: when it was last updated, and the notices we promise (`notify`).
#include "gen/text/English.h"
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildChanges(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  std::vector<Block> blocks;
  if (model.policy.effective)
    blocks.push_back(Block::paragraph(
        plainText("This policy was last updated on " + dateText(*model.policy.effective) + "."),
        {context.phrases.trace(model.policy.effectiveRange)}));
  for (const model::Notice &notice : model.notices) {
    std::string text = "We will notify you of " + model::display(notice.notice).str();
    if (!notice.channels.empty())
      text += " " + context.phrases.channels(notice.channels, "or");
    if (notice.lead)
      text += " at least " + durationText(*notice.lead) + " in advance";
    blocks.push_back(
        Block::paragraph(plainText(endSentence(text)), {context.phrases.trace(notice.info)}));
  }
  return blocks;
}

} // namespace policyc::gen::text
