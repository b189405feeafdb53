// Class 9: sensitive data (categories declared `sensitive`, and their subtrees).
//
// - disclosed to a third party or the public: beyond our and our processors' control;
// - used for marketing: purposes with the `marketing` attribute (inherited);
// - collected without a `protect` statement covering it (any state, any measure).
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

namespace policyc::check {

using model::VocabularyKind;

namespace {
const model::VocabularyNode &sensitiveOrigin(const CheckContext &context, model::NodeId category) {
  return context.model.categories()[context.flagOrigin(VocabularyKind::Category, category,
                                                       model::NodeFlag::Sensitive)];
}

std::string categoryName(const CheckContext &context, model::NodeId category) {
  return nodeName(context.model, VocabularyKind::Category, category);
}

void checkThirdParty(CheckContext &context, const model::Effect &permit) {
  const model::Rule &rule = *permit.rule;
  Box shared = permit.members;
  shared.sets[CategoryAxis] = shared.sets[CategoryAxis].intersect(context.sensitiveCategories);
  shared.sets[RecipientAxis] = shared.sets[RecipientAxis].intersect(context.thirdParties);
  if (shared.empty())
    return;
  Point witness = context.tupleWitness(shared);
  const model::VocabularyNode &recipient = context.model.recipients()[witness[RecipientAxis]];
  llvm::StringRef kind = model::spelling(*recipient.recipientKind);
  std::string category = categoryName(context, witness[CategoryAxis]);
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_sensitive_to_third_party, kind,
              describeTuple(context.model, witness))
      .witness(witness)
      .note(sensitiveOrigin(context, witness[CategoryAxis]).range, diag::note_declared_sensitive,
            sensitiveOrigin(context, witness[CategoryAxis]).path)
      .note(context.clauseRange(rule, CategoryAxis), diag::note_fix,
            "leave " + category + " out of this 'disclose', or disclose it only to processors");
}

void checkMarketing(CheckContext &context, const model::Effect &permit) {
  const model::Rule &rule = *permit.rule;
  Box marketed = permit.members;
  marketed.sets[CategoryAxis] = marketed.sets[CategoryAxis].intersect(context.sensitiveCategories);
  marketed.sets[PurposeAxis] = marketed.sets[PurposeAxis].intersect(context.marketingPurposes);
  if (marketed.empty())
    return;
  Point witness = context.tupleWitness(marketed);
  std::string category = categoryName(context, witness[CategoryAxis]);
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_sensitive_for_marketing,
              describeTuple(context.model, witness))
      .witness(witness)
      .note(sensitiveOrigin(context, witness[CategoryAxis]).range, diag::note_declared_sensitive,
            sensitiveOrigin(context, witness[CategoryAxis]).path)
      .note(context.clauseRange(rule, CategoryAxis), diag::note_fix,
            "leave " + category + " out of this '" + ruleSpelling(rule) + "', or leave " +
                nodeName(context.model, VocabularyKind::Purpose, witness[PurposeAxis]) +
                " out of its purposes");
}

void checkProtection(CheckContext &context, const model::Effect &collection) {
  const model::Rule &rule = *collection.rule;
  Box collected = collection.members;
  collected.sets[CategoryAxis] =
      collected.sets[CategoryAxis].intersect(context.sensitiveCategories);
  if (collected.empty())
    return;
  bool covered = false;
  std::vector<const Box *> covers = coversOf(context.protections, collected, collected, 2, covered);
  std::optional<Point> witness =
      covered ? std::nullopt : findUncovered(collected, covers, context.dataAxes, 2);
  if (!witness)
    return;
  std::string category = categoryName(context, (*witness)[CategoryAxis]);
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_sensitive_unprotected,
              describeCollection(context.model, *witness))
      .witness(*witness)
      .note(sensitiveOrigin(context, (*witness)[CategoryAxis]).range, diag::note_declared_sensitive,
            sensitiveOrigin(context, (*witness)[CategoryAxis]).path)
      .note(rule.info.range, diag::note_fix,
            "add 'protect " + category + " in transit with encryption;' (and at rest)");
}
} // namespace

void checkSensitiveData(CheckContext &context) {
  if (context.sensitiveCategories.empty())
    return;
  bool marketing = !context.marketingPurposes.empty();
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Tuple)) {
    if (!context.thirdParties.empty())
      checkThirdParty(context, *permit);
    if (marketing)
      checkMarketing(context, *permit);
  }
  for (const model::Effect *collection : context.effects.permitting(model::Relation::Collect))
    checkProtection(context, *collection);
}

} // namespace policyc::check
