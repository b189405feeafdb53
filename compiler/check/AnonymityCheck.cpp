// Class 3: anonymity broken.
//
// A source declared `anonymous` promises that what is collected there cannot be traced back
// to a person, so a `collect` of identifying categories from it contradicts the declaration;
// a `link` that joins an anonymous category with an identifying one undoes the anonymity.
// A link that a `never link` also forbids is left to the linkage pass, which reports it.
#include "check/CheckContext.h"
#include "check/Witness.h"

namespace policyc::check {

using model::VocabularyKind;

namespace {
void checkCollection(CheckContext &context, const model::Rule &rule, const Box &box) {
  Box anonymousSource = box;
  anonymousSource.sets[CategoryAxis] =
      box.sets[CategoryAxis].intersect(context.identifyingCategories);
  anonymousSource.sets[SourceAxis] = box.sets[SourceAxis].intersect(context.anonymousSources);
  if (anonymousSource.empty())
    return;
  Point witness = witnessPoint(anonymousSource, context.dataAxes);
  const model::PolicyModel &model = context.model;
  model::NodeId source = witness[SourceAxis];
  std::string sourceName = nodeName(model, VocabularyKind::Source, source);
  const model::VocabularyNode &origin = model.sources()[context.flagOrigin(
      VocabularyKind::Source, source, model::NodeFlag::Anonymous)];
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_anonymous_source_identifying,
              describeCollection(model, witness))
      .witness(witness)
      .note(origin.range, diag::note_declared_anonymous, "source", origin.path)
      .note(context.clauseRange(rule, CategoryAxis), diag::note_fix,
            "collect only anonymous categories from " + sourceName +
                ", or do not declare it anonymous");
}

void checkLink(CheckContext &context, const model::Rule &rule, const Box &box) {
  // One side anonymous, the other identifying, in either order.
  for (bool anonymousFirst : {true, false}) {
    Box joined = box;
    joined.sets[CategoryAxis] = box.sets[CategoryAxis].intersect(
        anonymousFirst ? context.anonymousCategories : context.identifyingCategories);
    joined.sets[LinkedAxis] = box.sets[LinkedAxis].intersect(
        anonymousFirst ? context.identifyingCategories : context.anonymousCategories);
    if (joined.empty())
      continue;
    if (!context.linkForbids.overlapping(box).empty())
      return;
    Point witness = witnessPoint(joined, context.linkAxes);
    const model::PolicyModel &model = context.model;
    model::NodeId anonymous = anonymousFirst ? witness[CategoryAxis] : witness[LinkedAxis];
    std::string anonymousName = nodeName(model, VocabularyKind::Category, anonymous);
    const model::VocabularyNode &origin = model.categories()[context.flagOrigin(
        VocabularyKind::Category, anonymous, model::NodeFlag::Anonymous)];
    context.findings
        .report(rule.info.id, rule.info.range, diag::err_anonymous_linked_identifying,
                describeLink(model, witness))
        .witness(witness)
        .note(origin.range, diag::note_declared_anonymous, "category", origin.path)
        .note(rule.info.range, diag::note_fix,
              "link " + anonymousName +
                  " only with anonymous categories, or add 'never link' and drop this 'link'");
    return;
  }
}
} // namespace

void checkAnonymity(CheckContext &context) {
  if (!context.anonymousSources.empty())
    for (const model::Effect *collect : context.effects.permitting(model::Relation::Collect))
      checkCollection(context, *collect->rule, collect->members);
  if (context.anonymousCategories.empty())
    return;
  // A link's own effect: checkLink looks at both orders of the pair.
  for (const model::Effect *link : context.effects.permitting(model::Relation::Link))
    if (link->origin == model::EffectOrigin::Statement)
      checkLink(context, *link->rule, link->members);
}

} // namespace policyc::check
