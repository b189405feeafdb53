// Hygiene, in the spirit of Cedar's policy analyzer. Statements are compared by the questions
// their effects decide (model/Effects.h, docs/semantics.md "Questions about groups"):
//
// - A statement wholly shadowed by another has no effect: every effect it has, one effect of
//   another statement has as well (same relation and sign), deciding every question it
//   decides, under the same or fewer consents (for collections, with the same necessity). Of
//   two equal statements the later one is reported. The limit of a `for P only` is an effect
//   no other statement is taken to cover, so a statement with `only` is never shadowed.
// - A use or disclosure all of whose questions the `never collect` statements decide (each
//   question has a member that may not be collected) never takes effect. (A permit that a
//   `never use` or `never disclose` overrides is a contradiction, reported by the
//   permit-prohibition pass; a permit of which `never collect` leaves some questions is fine:
//   that data simply does not exist from those sources.)
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace policyc::check {

namespace {
/// True when `outer` decides every question `inner` decides, with the same outcome for every
/// set of granted consents under which `inner` holds.
bool coversEffect(const model::Effect &inner, const model::Effect &outer) {
  if (inner.relation != outer.relation || inner.forbids != outer.forbids ||
      inner.origin == model::EffectOrigin::PurposeLimit ||
      outer.origin == model::EffectOrigin::PurposeLimit)
    return false;
  for (model::ConsentId consent : outer.consents)
    if (!llvm::is_contained(inner.consents, consent))
      return false;
  return outer.questions.contains(inner.questions);
}

/// True when statement `outer` has every effect of statement `inner`.
bool coversStatement(const CheckContext &context, uint32_t inner, uint32_t outer) {
  llvm::ArrayRef<model::Effect> innerEffects = context.effects.ofRule(inner);
  llvm::ArrayRef<model::Effect> outerEffects = context.effects.ofRule(outer);
  for (const model::Effect &effect : innerEffects)
    if (!llvm::any_of(outerEffects,
                      [&](const model::Effect &other) { return coversEffect(effect, other); }))
      return false;
  // `required` and `optional` are promises of their own that another collection must repeat.
  const model::Rule &innerRule = context.model.rules[inner];
  return innerRule.necessity == model::Necessity::Unspecified ||
         innerRule.necessity == context.model.rules[outer].necessity;
}

void checkShadowed(CheckContext &context, uint32_t ruleIndex) {
  llvm::ArrayRef<model::Effect> effects = context.effects.ofRule(ruleIndex);
  if (effects.empty())
    return;
  const model::Effect &own = effects.front();
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = model.rules[ruleIndex];
  // The statements that share the relation and sign of the statement's own effect; for
  // prohibitions of use and disclosure, `never collect` forbids those as well.
  llvm::SmallVector<const OverlapIndex *, 2> indexes{&context.indexFor(own)};
  if (&context.indexFor(own) == &context.tupleForbids)
    indexes.push_back(&context.neverCollected);
  else if (&context.indexFor(own) == &context.neverCollected)
    indexes.push_back(&context.tupleForbids);
  // The first covering statement the index yields will do: stop there, so that a policy of
  // many equal statements costs one pass, not one per pair.
  const model::Rule *covering = nullptr;
  bool mutual = false;
  for (const OverlapIndex *index : indexes) {
    index->visitOverlapping(own.members, [&](uint32_t entry) {
      const model::Effect &other = context.effectAt(*index, entry);
      uint32_t otherIndex = context.ruleIndexOf(other);
      if (otherIndex == ruleIndex || !coversEffect(own, other) ||
          !coversStatement(context, ruleIndex, otherIndex))
        return true;
      // Equal statements: report the later one only.
      bool equal = coversStatement(context, otherIndex, ruleIndex);
      if (equal && other.statement() > rule.info.id)
        return true;
      covering = other.rule;
      mutual = equal;
      return false;
    });
    if (covering)
      break;
  }
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

/// A use or disclosure every question of which a `never collect` decides.
bool checkOverridden(CheckContext &context, const model::Effect &permit) {
  const OverlapIndex &never = context.neverCollected;
  // A prohibition decides a question of the permit only through a member the permit speaks
  // of, so the members index finds every one that matters.
  std::vector<uint32_t> found = never.overlapping(permit.members);
  if (found.empty())
    return false;
  std::vector<const Box *> covers;
  for (uint32_t entry : found)
    covers.push_back(&context.effectAt(never, entry).questions);
  if (findUncovered(permit.questions, covers, context.tupleAxes))
    return false;
  const model::Rule &rule = *permit.rule;
  std::string spelling = ruleSpelling(rule);
  auto finding = context.findings.report(rule.info.id, rule.info.range,
                                         diag::warn_permit_overridden, spelling);
  // Each prohibition that decides some of its questions, in load order.
  size_t noted = 0;
  const model::Rule *previous = nullptr;
  for (uint32_t entry : found) {
    const model::Effect &prohibition = context.effectAt(never, entry);
    if (prohibition.rule == previous || !prohibition.questions.intersects(permit.questions))
      continue;
    if (noted == kMaxClashesPerStatement) {
      finding.note(rule.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
      break;
    }
    if (noted == 0)
      finding.other(prohibition.statement());
    finding.note(prohibition.rule->info.range, diag::note_forbidden_here, "never collect");
    previous = prohibition.rule;
    ++noted;
  }
  finding.note(rule.info.range, diag::note_fix,
               "remove this '" + spelling +
                   "', or narrow the 'never collect' if the data is collected after all");
  context.neverTakesEffect[context.ruleIndexOf(permit)] = true;
  return true;
}

/// What a `use` or `disclose` permits: the statement's permit of use or disclosure, when it
/// permits nothing else (a `collect` also permits the collection, which the permit-prohibition
/// pass compares with `never collect`).
const model::Effect *usePermit(llvm::ArrayRef<model::Effect> effects) {
  const model::Effect *permit = nullptr;
  for (const model::Effect &effect : effects) {
    if (effect.relation != model::Relation::Tuple)
      return nullptr;
    if (effect.permits())
      permit = &effect;
  }
  return permit;
}
} // namespace

void checkShadowing(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  bool neverCollects = context.neverCollected.size() != 0;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Effect *permit = usePermit(context.effects.ofRule(index));
    if (permit && neverCollects && checkOverridden(context, *permit))
      continue;
    checkShadowed(context, index);
  }
}

} // namespace policyc::check
