// Tracking technologies: what is collected from tracking categories or through tracking
// collection points, and what tracking data is linked (or never linked) with other data.
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildTracking(const SectionContext &context) {
  std::vector<Block> blocks;
  for (const model::Rule &rule : context.model.rules) {
    bool relevant = rule.kind == model::RuleKind::Collect || rule.kind == model::RuleKind::Link;
    if (!relevant || !isTrackingRule(context, rule))
      continue;
    SentenceOptions options;
    options.members = rule.kind == model::RuleKind::Collect;
    blocks.push_back(Block::paragraph(plainText(context.sentences.sentence(rule, options)),
                                      context.sentences.traces(rule)));
  }
  if (blocks.empty())
    return blocks;
  std::vector<Trace> traces;
  for (const Block &block : blocks)
    addTraces(traces, block.traces);
  blocks.insert(
      blocks.begin(),
      Block::paragraph(plainText("We use tracking technologies as follows."), std::move(traces)));
  return blocks;
}

} // namespace policyc::gen::text
