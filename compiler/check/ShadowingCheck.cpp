// Hygiene, in the spirit of Cedar's policy analyzer:
//
// - A statement wholly shadowed by another has no effect: every tuple it permits, another
//   permit already permits under the same or fewer consents (for collections, with the same
//   necessity); every tuple it forbids, another prohibition already forbids. Of two equal
//   statements the later one is reported. A statement with `only` is never shadowed: its
//   limit is an effect of its own.
// - A use or disclosure whose data a `never collect` rules out entirely never takes effect.
//   (A permit that a `never use` or `never disclose` overrides is a contradiction, reported by
//   the permit-prohibition pass; a partial overlap with `never collect` is none: that data
//   simply does not exist from that source.)
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

#include <algorithm>

namespace policyc::check {

namespace {
bool consentsWithin(const model::Rule &inner, const model::Rule &outer) {
  for (model::ConsentId consent : outer.consents)
    if (std::find(inner.consents.begin(), inner.consents.end(), consent) == inner.consents.end())
      return false;
  return true;
}

/// True when `outer` has every effect of `inner` (the boxes are compared by the caller).
bool coversEffects(const model::Rule &inner, const model::Rule &outer) {
  if (inner.only)
    return false;
  if (inner.prohibition) {
    // `never collect` also forbids collecting, which only another `never collect` does.
    return inner.kind != model::RuleKind::Collect || outer.kind == model::RuleKind::Collect;
  }
  if (!consentsWithin(inner, outer))
    return false;
  if (inner.kind == model::RuleKind::Collect)
    return outer.kind == model::RuleKind::Collect &&
           (inner.necessity == model::Necessity::Unspecified || inner.necessity == outer.necessity);
  return true;
}

void checkShadowed(CheckContext &context, const OverlapIndex &index, uint32_t ruleIndex) {
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = model.rules[ruleIndex];
  const Box &box = context.ruleBoxes[ruleIndex];
  // The first covering statement the index yields will do: stop there, so that a policy of
  // many equal statements costs one pass, not one per pair.
  const model::Rule *covering = nullptr;
  bool mutual = false;
  index.visitOverlapping(box, [&](uint32_t entry) {
    uint32_t otherIndex = index.tag(entry);
    if (otherIndex == ruleIndex)
      return true;
    const model::Rule &other = model.rules[otherIndex];
    const Box &otherBox = index.box(entry);
    if (!otherBox.contains(box) || !coversEffects(rule, other))
      return true;
    // Equal statements: report the later one only.
    bool equal = box.contains(otherBox) && coversEffects(other, rule);
    if (equal && otherIndex > ruleIndex)
      return true;
    covering = &other;
    mutual = equal;
    return false;
  });
  if (!covering)
    return;
  std::string spelling = ruleSpelling(rule);
  std::string otherSpelling = ruleSpelling(*covering);
  context.findings
      .report(rule.info.id, rule.info.range, diag::warn_shadowed_statement, spelling, otherSpelling)
      .other(covering->info.id)
      .note(covering->info.range, diag::note_covered_here, otherSpelling)
      .note(rule.info.range, diag::note_fix,
            mutual ? "remove one of the two equal statements"
                   : "remove this '" + spelling + "', or narrow the '" + otherSpelling +
                         "' if it says more than the policy means");
}

/// A use or disclosure whose every tuple a `never collect` forbids.
bool checkOverridden(CheckContext &context, uint32_t ruleIndex) {
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = model.rules[ruleIndex];
  const Box &box = context.ruleBoxes[ruleIndex];
  std::vector<uint32_t> found;
  context.neverCollects.visitOverlapping(box, [&](uint32_t entry) {
    found.push_back(entry);
    return false;
  });
  if (found.empty())
    return false;
  const model::Rule *first = &model.rules[context.neverCollects.tag(found.front())];
  bool covered = false;
  std::vector<const Box *> covers = coversOf(context.neverCollects, box, box, kNumAxes, covered);
  if (!covered && findUncovered(box, covers, context.tupleAxes))
    return false;
  std::string spelling = ruleSpelling(rule);
  context.findings.report(rule.info.id, rule.info.range, diag::warn_permit_overridden, spelling)
      .other(first->info.id)
      .note(first->info.range, diag::note_forbidden_here, "never collect")
      .note(rule.info.range, diag::note_fix,
            "remove this '" + spelling +
                "', or narrow the 'never collect' if the data is "
                "collected after all");
  context.neverTakesEffect[ruleIndex] = true;
  return true;
}
} // namespace

void checkShadowing(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Rule &rule = model.rules[index];
    if (rule.kind == model::RuleKind::Link) {
      checkShadowed(context, rule.prohibition ? context.linkProhibitions : context.linkPermits,
                    index);
      continue;
    }
    if (rule.isPermit() && rule.kind != model::RuleKind::Collect &&
        context.neverCollects.size() != 0 && checkOverridden(context, index))
      continue;
    checkShadowed(context, rule.prohibition ? context.prohibitions : context.permits, index);
  }
}

} // namespace policyc::check
