// Class 5: consent.
//
// - A permit that serves a purpose whose legal basis is consent must hold only while a
//   consent is granted (`when consent k`); otherwise the basis the policy claims is not the
//   one it acts on.
// - A consent made the condition of a `required` collection is forced: the person cannot
//   refuse it and still get the service, so it is not freely given (GDPR Art. 7(4)).
// - A consent with no `withdraw via` gives no way to withdraw it (GDPR Art. 7(3)).
#include "check/CheckContext.h"
#include "check/Witness.h"

#include <vector>

namespace policyc::check {

using model::VocabularyKind;

namespace {
void checkBasis(CheckContext &context, uint32_t index) {
  const model::Rule &rule = context.model.rules[index];
  if (!rule.consents.empty())
    return;
  Box served = context.ruleBoxes[index];
  served.sets[PurposeAxis] = served.sets[PurposeAxis].intersect(context.consentPurposes);
  if (served.empty())
    return;
  const model::PolicyModel &model = context.model;
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
} // namespace

void checkConsent(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  // Where each consent is first relied on, for the withdrawal finding's note.
  std::vector<const model::Rule *> firstUse(model.consents.size(), nullptr);
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Rule &rule = model.rules[index];
    if (rule.prohibition || rule.kind == model::RuleKind::Link)
      continue;
    for (model::ConsentId consent : rule.consents)
      if (!firstUse[consent])
        firstUse[consent] = &rule;
    if (!context.consentPurposes.empty())
      checkBasis(context, index);
    if (rule.kind == model::RuleKind::Collect && rule.necessity == model::Necessity::Required &&
        !rule.consents.empty()) {
      const model::Consent &consent = model.consents[rule.consents.front()];
      context.findings
          .report(rule.info.id,
                  rule.conditionRange.Start.isValid() ? rule.conditionRange : rule.info.range,
                  diag::err_forced_consent, consent.name)
          .note(consent.range, diag::note_consent_declared_here, consent.name)
          .note(rule.necessityRange.Start.isValid() ? rule.necessityRange : rule.info.range,
                diag::note_fix,
                "make the collection 'optional', or drop the consent condition if the data "
                "is needed for the service on another legal basis");
    }
  }
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

} // namespace policyc::check
