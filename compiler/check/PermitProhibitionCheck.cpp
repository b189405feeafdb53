// Class 1: a permit and a prohibition of the same action overlap.
//
// The tuples of every collect, use and disclose permit are looked up among the prohibitions'
// tuples in the overlap index; any common tuple is a case the policy both allows and forbids.
// A `never collect` against a use or disclosure is left to the hygiene pass: that data simply
// does not exist from that source, which is no contradiction unless it is all the permit is
// about (warn_permit_overridden).
#include "check/CheckContext.h"
#include "check/Witness.h"

namespace policyc::check {

void checkPermitProhibition(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Rule &permit = model.rules[index];
    if (permit.prohibition || permit.kind == model::RuleKind::Link)
      continue;
    const Box &permitBox = context.ruleBoxes[index];
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        context.prohibitions, permitBox,
        [&](uint32_t entry) {
          const model::Rule &prohibition = model.rules[context.prohibitions.tag(entry)];
          return prohibition.kind != model::RuleKind::Collect ||
                 permit.kind == model::RuleKind::Collect;
        },
        more);
    for (uint32_t entry : clashes) {
      const model::Rule &prohibition = model.rules[context.prohibitions.tag(entry)];
      bool collectionOnly = prohibition.kind == model::RuleKind::Collect;
      const Box &forbidden = context.prohibitions.box(entry);
      Point witness = context.tupleWitness(permitBox.intersect(forbidden));
      std::string words =
          collectionOnly ? describeCollection(model, witness) : describeTuple(model, witness);
      std::string forbidding = ruleSpelling(prohibition);
      std::optional<unsigned> axis;
      std::string hint =
          narrowingHint(model, permit, permitBox, forbidden, witness, forbidding, axis);
      auto finding = context.findings
                         .report(permit.info.id, permit.info.range, diag::err_permit_prohibited,
                                 ruleSpelling(permit), forbidding, words)
                         .witness(witness)
                         .other(prohibition.info.id)
                         .note(prohibition.info.range, diag::note_forbidden_here, forbidding)
                         .note(axis ? context.clauseRange(permit, *axis) : permit.info.range,
                               diag::note_fix, hint);
      if (more && entry == clashes.back())
        finding.note(permit.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
    }
  }
}

} // namespace policyc::check
