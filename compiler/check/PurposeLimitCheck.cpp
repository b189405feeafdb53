// Class 2: a purpose limitation broken by a use or disclosure elsewhere.
//
// `collect C from S for P only` and `use C from S for P only` forbid every purpose outside P
// for that data, for every recipient; `disclose ... to R for P only` forbids it for R. Each
// such limit is a box in the overlap index; a permit that reaches into one permits a purpose
// the limit rules out.
#include "check/CheckContext.h"
#include "check/Witness.h"

namespace policyc::check {

void checkPurposeLimitation(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  if (context.limits.size() == 0)
    return;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Rule &permit = model.rules[index];
    if (permit.prohibition || permit.kind == model::RuleKind::Link)
      continue;
    const Box &permitBox = context.ruleBoxes[index];
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        context.limits, permitBox,
        [&](uint32_t entry) { return context.limits.tag(entry) != index; }, more);
    for (uint32_t entry : clashes) {
      uint32_t limitIndex = context.limits.tag(entry);
      const model::Rule &limiting = model.rules[limitIndex];
      const Box &limit = context.limits.box(entry);
      Point witness = context.tupleWitness(permitBox.intersect(limit));
      std::string limitSpelling = ruleSpelling(limiting) + " ... only";
      std::optional<unsigned> axis;
      std::string hint =
          narrowingHint(model, permit, permitBox, limit, witness, limitSpelling, axis);
      auto finding = context.findings
                         .report(permit.info.id, permit.info.range, diag::err_purpose_limit_broken,
                                 ruleSpelling(permit), describeTuple(model, witness))
                         .witness(witness)
                         .other(limiting.info.id)
                         .note(limiting.info.range, diag::note_purpose_limit_here,
                               ruleSpelling(limiting), clauseSpelling(limiting.purposes))
                         .note(axis ? context.clauseRange(permit, *axis) : permit.info.range,
                               diag::note_fix, hint);
      if (more && entry == clashes.back())
        finding.note(permit.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
    }
  }
}

} // namespace policyc::check
