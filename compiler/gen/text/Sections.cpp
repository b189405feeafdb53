#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::string SectionContext::anchor(model::NoteSection section) const {
  for (const auto &[id, anchorName] : anchors)
    if (id == section)
      return anchorName;
  return std::string();
}

Span SectionContext::reference(model::NoteSection section) const {
  std::string target = anchor(section);
  std::string title = model::display(section).str();
  if (target.empty())
    return Span{Span::Kind::Text, title, {}};
  return Span{Span::Kind::Link, title, target};
}

model::Box SectionContext::everything(model::Relation relation) const {
  const model::Effects &effects = regions.getEffects();
  std::array<const model::Vocabulary *, model::kNumAxes> vocabularies =
      effects.axisVocabularies(relation);
  model::Box box;
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
    const model::Vocabulary *vocabulary = vocabularies[axis];
    box.sets[axis] =
        vocabulary ? effects.axisSet(vocabulary->kind, vocabulary->all()) : model::unusedAxis();
  }
  return box;
}

bool isTrackingRule(const SectionContext &context, const model::Rule &rule) {
  const model::NodeSet &trackingCategories = context.trackingCategories;
  const model::NodeSet &trackingSources = context.trackingSources;
  // A group (`identifying`, `*`) takes in tracking data without being about it.
  auto names = [&](const model::SelectorList &list) {
    for (const model::Selector &selector : list.selectors)
      if (selector.kind == model::Selector::Kind::Node &&
          selector.nodes.intersects(trackingCategories))
        return true;
    return false;
  };
  return names(rule.categories) || names(rule.linked) ||
         (rule.sources.written && rule.sources.nodes.intersects(trackingSources));
}

} // namespace policyc::gen::text
