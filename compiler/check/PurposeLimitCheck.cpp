// Class 2: purpose limitation (GDPR Art. 5(1)(b): data is collected for specified purposes and
// not processed in a manner incompatible with them).
//
// - A limit broken: `collect C from S for P only` and `use C from S for P only` forbid every
//   purpose outside P for that data, for every recipient; `disclose ... to R for P only`
//   forbids it for R. The model derives each limit as an effect of its own (origin
//   PurposeLimit); a permitted use or disclosure that reaches into one permits a purpose the
//   limit rules out.
// - A purpose unspecified: `collect C from S` without `for` permits the collection and no use
//   (docs/semantics.md), so the data is gathered for no stated purpose.
#include "check/CheckContext.h"
#include "check/Witness.h"

#include "llvm/ADT/STLExtras.h"

namespace policyc::check {

namespace {
void checkLimits(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  const OverlapIndex &limits = context.limits;
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Tuple)) {
    const model::Rule &rule = *permit->rule;
    const Box &permitBox = permit->members;
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        limits, permitBox,
        [&](uint32_t entry) { return context.effectAt(limits, entry).rule != &rule; }, more);
    for (uint32_t entry : clashes) {
      const model::Rule &limiting = *context.effectAt(limits, entry).rule;
      const Box &limit = limits.box(entry);
      Point witness = context.tupleWitness(permitBox.intersect(limit));
      std::string limitSpelling = ruleSpelling(limiting) + " ... only";
      std::optional<unsigned> axis;
      std::string hint = narrowingHint(model, rule, permitBox, limit, witness, limitSpelling, axis);
      auto finding = context.findings
                         .report(rule.info.id, rule.info.range, diag::err_purpose_limit_broken,
                                 ruleSpelling(rule), describeTuple(model, witness))
                         .witness(witness)
                         .other(limiting.info.id)
                         .note(limiting.info.range, diag::note_purpose_limit_here,
                               ruleSpelling(limiting), clauseSpelling(limiting.purposes))
                         .note(axis ? context.clauseRange(rule, *axis) : rule.info.range,
                               diag::note_fix, hint);
      if (more && entry == clashes.back())
        finding.note(rule.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
    }
  }
}

/// A statement that permits collecting and nothing else: it states no purpose.
bool permitsCollectionOnly(llvm::ArrayRef<model::Effect> effects) {
  return !effects.empty() && llvm::all_of(effects, [](const model::Effect &effect) {
    return effect.permits() && effect.relation == model::Relation::Collect;
  });
}

void checkUnspecified(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    llvm::ArrayRef<model::Effect> effects = context.effects.ofRule(index);
    if (!permitsCollectionOnly(effects))
      continue;
    const model::Rule &rule = model.rules[index];
    std::string data = clauseSpelling(rule.categories);
    if (rule.sources.written)
      data += " from " + clauseSpelling(rule.sources);
    context.findings.report(rule.info.id, rule.info.range, diag::warn_purpose_unspecified, data)
        .note(rule.info.range, diag::note_fix,
              "add 'for ...' naming the purposes the data is collected for (that also permits "
              "our own use for them), or remove the 'collect' if no purpose needs the data");
  }
}
} // namespace

void checkPurposeLimitation(CheckContext &context) {
  if (context.limits.size() != 0)
    checkLimits(context);
  checkUnspecified(context);
}

} // namespace policyc::check
