// Class 1: a permit and a prohibition of the same action overlap.
//
// The effects the model derives (model/Effects.h) are compared relation by relation: what the
// `collect` statements permit of collection against `never collect`, and what `collect ...
// for`, `use` and `disclose` permit of use and disclosure against `never use` and `never
// disclose`. Each permit's box is looked up among the prohibitions' boxes in the overlap index;
// a common tuple is a case the policy both allows and forbids. What `never collect` forbids of
// use and disclosure is left to the hygiene pass: that data simply does not exist from that
// source, which is no contradiction unless it is all a permit decides (warn_permit_overridden).
#include "check/CheckContext.h"
#include "check/Witness.h"

namespace policyc::check {

namespace {
void checkRelation(CheckContext &context, model::Relation relation, const OverlapIndex &forbids) {
  const model::PolicyModel &model = context.model;
  bool collection = relation == model::Relation::Collect;
  for (const model::Effect *permit : context.effects.permitting(relation)) {
    const model::Rule &rule = *permit->rule;
    const Box &permitBox = permit->members;
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        forbids, permitBox, [](uint32_t) { return true; }, more);
    for (uint32_t entry : clashes) {
      const model::Rule &prohibition = *context.effectAt(forbids, entry).rule;
      const Box &forbidden = forbids.box(entry);
      Box common = permitBox.intersect(forbidden);
      Point witness =
          collection ? witnessPoint(common, context.dataAxes) : context.tupleWitness(common);
      std::string words =
          collection ? describeCollection(model, witness) : describeTuple(model, witness);
      std::string forbidding = ruleSpelling(prohibition);
      std::optional<unsigned> axis;
      std::string hint =
          narrowingHint(model, rule, permitBox, forbidden, witness, forbidding, axis);
      auto finding = context.findings
                         .report(rule.info.id, rule.info.range, diag::err_permit_prohibited,
                                 ruleSpelling(rule), forbidding, words)
                         .witness(witness)
                         .other(prohibition.info.id)
                         .note(prohibition.info.range, diag::note_forbidden_here, forbidding)
                         .note(axis ? context.clauseRange(rule, *axis) : rule.info.range,
                               diag::note_fix, hint);
      if (more && entry == clashes.back())
        finding.note(rule.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
    }
  }
}
} // namespace

void checkPermitProhibition(CheckContext &context) {
  if (context.collectForbids.size() != 0)
    checkRelation(context, model::Relation::Collect, context.collectForbids);
  if (context.tupleForbids.size() != 0)
    checkRelation(context, model::Relation::Tuple, context.tupleForbids);
}

} // namespace policyc::check
