// Tracking technologies: which tracking collection points and tracking data we collect from
// (named once; what each collects and why is said under "What information do we collect?"),
// and what tracking data is linked (or never linked) with other data.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// The tracking nodes a collect statement names: its tracking collection points, or else its
/// tracking categories; each the highest tracking node of the clause.
std::vector<std::string> trackingNames(const SectionContext &context, const model::Rule &rule) {
  bool bySource = rule.sources.written && rule.sources.nodes.intersects(context.trackingSources);
  model::VocabularyKind kind =
      bySource ? model::VocabularyKind::Source : model::VocabularyKind::Category;
  const model::Vocabulary &vocabulary = context.model.vocabulary(kind);
  const model::NodeSet tracking =
      (bySource ? rule.sources.nodes : rule.categories.nodes)
          .intersect(bySource ? context.trackingSources : context.trackingCategories);
  // The list says what each technology is: the descriptions, not the short names.
  std::vector<std::string> names;
  for (const model::Interval &interval : tracking.getIntervals())
    for (model::NodeId id = interval.first; id <= interval.last; id = vocabulary[id].last + 1)
      names.push_back(context.phrases.fullName(kind, id));
  return names;
}
} // namespace

std::vector<Block> buildTracking(const SectionContext &context) {
  std::vector<Block> blocks;
  std::vector<Trace> traces;
  std::vector<std::string> names;
  const model::Effect *witness = nullptr;
  for (const model::Rule &rule : context.model.rules) {
    bool relevant = rule.kind == model::RuleKind::Collect || rule.kind == model::RuleKind::Link;
    if (!relevant || !isTrackingRule(context, rule))
      continue;
    if (rule.kind == model::RuleKind::Link) {
      blocks.push_back(
          Block::paragraph(context.sentences.sentence(rule), context.sentences.traces(rule)));
      continue;
    }
    // Collection is said once, in its own section; here only what we track with.
    if (rule.prohibition)
      continue;
    bool allowed = false;
    for (const PermitPart &part : context.sentences.view(rule).parts)
      if (part.allowed && !part.allowed->empty()) {
        allowed = true;
        if (!witness)
          witness = part.effect;
      }
    if (!allowed)
      continue;
    addTraces(traces, context.sentences.traces(rule));
    for (std::string &name : trackingNames(context, rule))
      if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
  }
  if (blocks.empty() && !witness)
    return blocks;
  for (const Block &block : blocks)
    addTraces(traces, block.traces);
  // "We use tracking technologies" only when some tracking flow is allowed.
  Sentence lead;
  Inline text;
  if (witness) {
    lead.text = "We use tracking technologies: " + joinList(names) + ". “" +
                model::display(model::NoteSection::collection).str() +
                "” says what we collect with them and why.";
    lead.claims.push_back(someAllowedClaim(witness->relation, witness->questions,
                                           context.everyConsent, {witness->statement()},
                                           lead.text));
    text = plainText("We use tracking technologies: " + joinList(names) + ". “");
    text.push_back(context.reference(model::NoteSection::collection));
    text.push_back(Span{Span::Kind::Text, "” says what we collect with them and why.", {}});
  } else {
    lead.text = "This policy says the following about tracking technologies.";
    text = plainText(lead.text);
  }
  Block block = Block::paragraph(std::move(text), std::move(traces));
  block.claims = std::move(lead.claims);
  blocks.insert(blocks.begin(), std::move(block));
  return blocks;
}

} // namespace policyc::gen::text
