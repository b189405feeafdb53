// Tracking technologies: what is collected from tracking categories or through tracking
// collection points, and what tracking data is linked (or never linked) with other data.
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildTracking(const SectionContext &context) {
  std::vector<Block> blocks;
  const model::Effect *witness = nullptr;
  for (const model::Rule &rule : context.model.rules) {
    bool relevant = rule.kind == model::RuleKind::Collect || rule.kind == model::RuleKind::Link;
    if (!relevant || !isTrackingRule(context, rule))
      continue;
    SentenceOptions options;
    options.members = rule.kind == model::RuleKind::Collect;
    blocks.push_back(Block::paragraph(context.sentences.sentence(rule, options),
                                      context.sentences.traces(rule)));
    if (witness || rule.prohibition)
      continue;
    for (const PermitPart &part : context.sentences.view(rule).parts)
      if (!witness && part.allowed && !part.allowed->empty())
        witness = part.effect;
  }
  if (blocks.empty())
    return blocks;
  std::vector<Trace> traces;
  for (const Block &block : blocks)
    addTraces(traces, block.traces);
  // "We use tracking technologies" only when some tracking flow is allowed.
  Sentence lead;
  if (witness) {
    lead.text = "We use tracking technologies as follows.";
    lead.claims.push_back(someAllowedClaim(witness->relation, witness->questions,
                                           context.everyConsent, {witness->statement()},
                                           lead.text));
  } else {
    lead.text = "This policy says the following about tracking technologies.";
  }
  blocks.insert(blocks.begin(), Block::paragraph(std::move(lead), std::move(traces)));
  return blocks;
}

} // namespace policyc::gen::text
