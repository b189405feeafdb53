// Class 5: consent.
//
// - A permitted use or disclosure that serves a purpose whose legal basis is consent must hold
//   only while a consent is granted (`when consent k`); otherwise the basis the policy claims
//   is not the one it acts on.
// - Nor may that consent be opt-out only: an opt-out consent counts as given before the person
//   chooses, and a pre-ticked box is not consent (GDPR Art. 4(11), CJEU C-673/17 Planet49).
//   An error under --profile=gdpr, a warning otherwise (docs/semantics.md, "Fail closed").
// - A consent made the condition of a `required` collection is forced: the person cannot
//   refuse it and still get the service, so it is not freely given (GDPR Art. 7(4)).
// - A consent with no `withdraw via` gives no way to withdraw it (GDPR Art. 7(3)).
// - Data collected only under consent k and used or disclosed by a permit that does not
//   require k: withdrawing k would stop the collection but not that use. Purposes whose
//   basis is a legal obligation are exempt: the law, not the person, decides those.
// Every permit is read as the model derives it (model/Effects.h): its boxes and consents.
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

#include "llvm/ADT/STLExtras.h"

#include <vector>

namespace policyc::check {

using model::VocabularyKind;

namespace {
/// The tuples of a permit that serve a purpose whose legal basis is consent.
Box consentServed(const CheckContext &context, const model::Effect &permit) {
  Box served = permit.members;
  served.sets[PurposeAxis] = served.sets[PurposeAxis].intersect(context.consentPurposes);
  return served;
}

llvm::SMRange conditionOrStatement(const model::Rule &rule) {
  return rule.conditionRange.Start.isValid() ? rule.conditionRange : rule.info.range;
}

void checkBasis(CheckContext &context, const model::Effect &permit) {
  if (!permit.consents.empty())
    return;
  Box served = consentServed(context, permit);
  if (served.empty())
    return;
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = *permit.rule;
  Point witness = context.tupleWitness(served);
  model::NodeId origin = context.basisOrigin(witness[PurposeAxis]);
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_consent_basis_without_condition,
              ruleSpelling(rule), describeTuple(model, witness))
      .witness(witness)
      .note(model.purposes()[origin].range, diag::note_basis_consent_here,
            model.purposes()[origin].path)
      .note(rule.info.range, diag::note_fix,
            "add 'when consent ...' naming the consent the person gives for " +
                nodeName(model, VocabularyKind::Purpose, witness[PurposeAxis]) +
                ", or give the purpose another legal basis");
}

void checkOptOut(CheckContext &context, const model::Effect &permit, bool gdpr) {
  const model::PolicyModel &model = context.model;
  // One opt-in consent among the conditions is consent the person gave.
  if (permit.consents.empty() ||
      llvm::any_of(permit.consents, [&](model::ConsentId id) { return model.consents[id].optIn; }))
    return;
  Box served = consentServed(context, permit);
  if (served.empty())
    return;
  const model::Rule &rule = *permit.rule;
  const model::Consent &consent = model.consents[permit.consents.front()];
  Point witness = context.tupleWitness(served);
  model::NodeId purpose = witness[PurposeAxis];
  model::NodeId origin = context.basisOrigin(purpose);
  context.findings
      .report(rule.info.id, conditionOrStatement(rule),
              gdpr ? diag::err_opt_out_consent : diag::warn_opt_out_consent, ruleSpelling(rule),
              consent.name, describeTuple(model, witness))
      .witness(witness)
      .note(consent.range, diag::note_consent_opt_out_here, consent.name)
      .note(model.purposes()[origin].range, diag::note_basis_consent_here,
            model.purposes()[origin].path)
      .note(consent.range, diag::note_fix,
            "declare consent '" + consent.name +
                "' opt_in, so that it holds only once the person gives it; or, if " +
                nodeName(model, VocabularyKind::Purpose, purpose) +
                " does not rest on consent (such as a sale the person may opt out of under the "
                "CCPA), give it another legal basis");
}

void checkForced(CheckContext &context, const model::Effect &collection) {
  const model::Rule &rule = *collection.rule;
  if (rule.necessity != model::Necessity::Required || collection.consents.empty())
    return;
  const model::Consent &consent = context.model.consents[collection.consents.front()];
  context.findings
      .report(rule.info.id, conditionOrStatement(rule), diag::err_forced_consent, consent.name)
      .note(consent.range, diag::note_consent_declared_here, consent.name)
      .note(rule.necessityRange.Start.isValid() ? rule.necessityRange : rule.info.range,
            diag::note_fix,
            "make the collection 'optional', or drop the consent condition if the data "
            "is needed for the service on another legal basis");
}

void checkWithdrawal(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  // Where each consent is first relied on (load order), for the finding's note.
  std::vector<const model::Rule *> firstUse(model.consents.size(), nullptr);
  for (const model::Effect &effect : context.effects.all())
    for (model::ConsentId consent : effect.consents)
      if (!firstUse[consent])
        firstUse[consent] = effect.rule;
  for (size_t id = 0; id < model.consents.size(); ++id) {
    const model::Consent &consent = model.consents[id];
    if (!consent.withdrawals.empty())
      continue;
    auto finding = context.findings.report(0, consent.range, diag::err_consent_without_withdrawal,
                                           consent.name);
    if (firstUse[id])
      finding.note(firstUse[id]->info.range, diag::note_consent_relied_on_here, consent.name)
          .other(firstUse[id]->info.id);
    finding.note(consent.range, diag::note_fix,
                 "add '{ withdraw via email \"...\"; }' (or link, web, settings, ...) to the "
                 "consent");
  }
}

/// Where `when consent K` goes in `rule`: after its condition, or before its ';'.
void addConsentFixIt(Findings::Builder &finding, const model::Rule &rule,
                     const std::string &consent) {
  if (rule.conditionRange.Start.isValid()) {
    llvm::SMLoc end = rule.conditionRange.End;
    finding.fixIt(llvm::SMRange(end, end), ", " + consent);
    return;
  }
  llvm::SMLoc end = rule.info.range.End;
  if (!end.isValid())
    return;
  const char *last = end.getPointer() - 1;
  llvm::SMLoc at = *last == ';' ? llvm::SMLoc::getFromPointer(last) : end;
  finding.fixIt(llvm::SMRange(at, at), " when consent " + consent);
}

/// Finds the data that `permit` uses or discloses and that is collected only under a consent
/// the permit does not require. The data are leaves (concrete categories from concrete
/// sources); the permit's tuples are the questions it decides, less those a prohibition
/// decides, so that on the witness the permit really allows what withdrawing the consent
/// would not stop.
class ConsentCarrier {
public:
  explicit ConsentCarrier(CheckContext &context) : context(context) {}

  void check(const model::Effect &permit) {
    Box data = permit.members;
    data.sets[PurposeAxis] = unusedAxis();
    data.sets[RecipientAxis] = unusedAxis();
    std::vector<model::ConsentId> reported;
    for (uint32_t entry : context.conditionalCollects.overlapping(data)) {
      const model::Effect &collect = context.effectAt(context.conditionalCollects, entry);
      for (model::ConsentId consent : collect.consents) {
        if (llvm::is_contained(permit.consents, consent) || llvm::is_contained(reported, consent))
          continue;
        if (checkConsent(permit, collect, consent))
          reported.push_back(consent);
      }
    }
  }

private:
  bool checkConsent(const model::Effect &permit, const model::Effect &collect,
                    model::ConsentId consent) {
    Box target = permit.questions;
    // What the law obliges us to do with the data does not wait for consent (GDPR
    // Art. 6(1)(c), 17(3)(b)): a disclosure to the police under a subpoena is not withdrawn
    // with a newsletter opt-in.
    target.sets[PurposeAxis] = target.sets[PurposeAxis].intersect(context.withoutLegalObligation);
    target.sets[CategoryAxis] = target.sets[CategoryAxis]
                                    .intersect(collect.questions.sets[CategoryAxis])
                                    .intersect(context.concreteCategories);
    target.sets[SourceAxis] = target.sets[SourceAxis]
                                  .intersect(collect.questions.sets[SourceAxis])
                                  .intersect(context.concreteSources);
    if (target.empty())
      return false;
    // What else decides these tuples: a collection that does not need the consent, or a
    // prohibition.
    covers.clear();
    Box targetData = target;
    targetData.sets[PurposeAxis] = unusedAxis();
    targetData.sets[RecipientAxis] = unusedAxis();
    for (uint32_t entry : context.collectPermits.overlapping(targetData)) {
      const model::Effect &other = context.effectAt(context.collectPermits, entry);
      if (llvm::is_contained(other.consents, consent))
        continue;
      Box any = other.questions;
      any.sets[PurposeAxis] = target.sets[PurposeAxis];
      any.sets[RecipientAxis] = target.sets[RecipientAxis];
      covers.push_back(any);
    }
    for (const OverlapIndex *forbids :
         {&context.tupleForbids, &context.neverCollected, &context.limits})
      for (uint32_t entry : forbids->overlapping(target))
        covers.push_back(context.effectAt(*forbids, entry).questions);
    std::vector<const Box *> pointers;
    for (const Box &box : covers)
      pointers.push_back(&box);
    std::optional<Point> witness = findUncovered(target, pointers, context.tupleAxes);
    if (!witness)
      return false;
    report(permit, collect, consent, *witness);
    return true;
  }

  void report(const model::Effect &permit, const model::Effect &collect, model::ConsentId consent,
              const Point &witness) {
    const model::PolicyModel &model = context.model;
    const model::Rule &rule = *permit.rule;
    const std::string &name = model.consents[consent].name;
    std::string spelling = ruleSpelling(rule);
    auto finding =
        context.findings
            .report(rule.info.id, rule.info.range, diag::warn_consent_not_carried, spelling, name,
                    describeTuple(model, witness))
            .witness(witness)
            .other(collect.rule->info.id)
            .note(collect.rule->info.range, diag::note_collected_under_consent,
                  describeData(model, witness), name)
            .note(rule.info.range, diag::note_fix,
                  "add 'when consent " + name + "' to this '" + spelling +
                      "', so that withdrawing it stops the " +
                      (witness[RecipientAxis] == model.usRecipient ? "use" : "disclosure") +
                      " as well as the collection");
    addConsentFixIt(finding, rule, name);
  }

  CheckContext &context;
  std::vector<Box> covers;
};
} // namespace

void checkConsent(CheckContext &context) {
  bool gdpr = llvm::is_contained(context.options.profiles, Profile::Gdpr);
  bool consentPurposes = !context.consentPurposes.empty();
  ConsentCarrier carrier(context);
  bool conditionalCollects = context.conditionalCollects.size() != 0;
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Tuple)) {
    if (consentPurposes) {
      checkBasis(context, *permit);
      checkOptOut(context, *permit, gdpr);
    }
    if (conditionalCollects)
      carrier.check(*permit);
  }
  for (const model::Effect *collection : context.effects.permitting(model::Relation::Collect))
    checkForced(context, *collection);
  checkWithdrawal(context);
}

} // namespace policyc::check
