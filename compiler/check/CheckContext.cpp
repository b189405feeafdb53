#include "check/CheckContext.h"

#include "model/Periods.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <set>

namespace policyc::check {

using model::NodeId;
using model::NodeSet;
using model::VocabularyKind;

std::vector<Finding> Findings::emit(DiagnosticEngine &diags) {
  std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.finding.statement < b.finding.statement;
  });
  std::vector<Finding> result;
  result.reserve(entries.size());
  for (Entry &entry : entries) {
    DiagnosticBuilder(diags, std::move(entry.diagnostic));
    result.push_back(entry.finding);
  }
  entries.clear();
  return result;
}

std::vector<uint32_t> clashesOf(const OverlapIndex &index, const Box &box,
                                llvm::function_ref<bool(uint32_t entry)> accept, bool &more) {
  std::vector<uint32_t> clashes;
  more = false;
  index.visitOverlapping(box, [&](uint32_t entry) {
    if (std::find(clashes.begin(), clashes.end(), entry) != clashes.end() || !accept(entry))
      return true;
    if (clashes.size() == kMaxClashesPerStatement) {
      more = true;
      return false;
    }
    clashes.push_back(entry);
    return true;
  });
  std::sort(clashes.begin(), clashes.end());
  return clashes;
}

std::vector<const Box *> coversOf(const OverlapIndex &index, const Box &query, const Box &target,
                                  unsigned axes, bool &covered) {
  std::vector<uint32_t> entries;
  covered = false;
  index.visitOverlapping(query, [&](uint32_t entry) {
    const Box &cover = index.box(entry);
    covered = true;
    for (unsigned axis = 0; axis < axes && covered; ++axis)
      covered = cover.sets[axis].containsAll(target.sets[axis]);
    entries.push_back(entry);
    return !covered;
  });
  if (covered)
    return {};
  // The index may yield an entry twice; entry order is the order the boxes were added.
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  std::vector<const Box *> covers;
  covers.reserve(entries.size());
  for (uint32_t entry : entries)
    covers.push_back(&index.box(entry));
  return covers;
}

CheckContext::CheckContext(const model::PolicyModel &model, const CheckOptions &options)
    : model(model), effects(model.effects()), options(options) {
  tupleAxes = {&model.categories(), &model.sources(), &model.purposes(), &model.recipients()};
  dataAxes = {&model.categories(), &model.sources(), nullptr, nullptr};
  linkAxes = {&model.categories(), &model.sources(), &model.categories(), nullptr};
  deriveSets();
  buildIndexes();
}

NodeSet CheckContext::axisSet(VocabularyKind kind, const NodeSet &set) const {
  return effects.axisSet(kind, set);
}

void CheckContext::deriveSets() {
  const model::Vocabulary &categories = model.categories();
  identifyingCategories = model.identifyingCategories();
  anonymousCategories = categories.withFlag(model::NodeFlag::Anonymous);
  sensitiveCategories = categories.withFlag(model::NodeFlag::Sensitive);
  marketingPurposes = model.purposes().withFlag(model::NodeFlag::Marketing);
  anonymousSources = model.sources().withFlag(model::NodeFlag::Anonymous);
  abroadRecipients = model.recipients().withFlag(model::NodeFlag::Abroad);
  concreteCategories = categories.concrete();
  concreteSources = axisSet(VocabularyKind::Source, model.sources().concrete());
  const model::Vocabulary &recipients = model.recipients();
  for (NodeId id = 0; id < recipients.size(); ++id) {
    auto kind = recipients[id].recipientKind;
    if (kind == model::RecipientKind::processor)
      processors.add({id, id});
    if (kind == model::RecipientKind::third_party || kind == model::RecipientKind::public_)
      thirdParties.add({id, id});
  }
  const model::Vocabulary &purposes = model.purposes();
  NodeSet legalObligations;
  for (NodeId id = 0; id < purposes.size(); ++id) {
    if (purposes[id].basis == model::LegalBasis::consent)
      consentPurposes.add({id, id});
    if (purposes[id].basis == model::LegalBasis::legal_obligation)
      legalObligations.add({id, id});
  }
  withoutLegalObligation =
      axisSet(VocabularyKind::Purpose, legalObligations.complement(purposes.size()));
}

Box CheckContext::dataBox(const model::SelectorList &categories,
                          const model::SelectorList &sources) const {
  Box box;
  box.sets[CategoryAxis] = categories.nodes;
  box.sets[SourceAxis] = axisSet(VocabularyKind::Source, sources.nodes);
  box.sets[PurposeAxis] = unusedAxis();
  box.sets[RecipientAxis] = unusedAxis();
  return box;
}

namespace {
/// The index of `context` that holds effects like `effect`; for the const and the building
/// context alike.
template <typename Context> auto &indexOfEffect(Context &context, const model::Effect &effect) {
  switch (effect.relation) {
  case model::Relation::Collect:
    return effect.forbids ? context.collectForbids : context.collectPermits;
  case model::Relation::Link:
    return effect.forbids ? context.linkForbids : context.linkPermits;
  case model::Relation::Tuple:
    if (!effect.forbids)
      return context.tuplePermits;
    if (effect.origin == model::EffectOrigin::PurposeLimit)
      return context.limits;
    if (effect.origin == model::EffectOrigin::NeverCollected)
      return context.neverCollected;
    return context.tupleForbids;
  }
  llvm_unreachable("unknown relation");
}
} // namespace

const OverlapIndex &CheckContext::indexFor(const model::Effect &effect) const {
  return indexOfEffect(*this, effect);
}

// Every effect the model derives goes into the one index that holds its kind, with the box of
// what its statement speaks of (`members`).
void CheckContext::buildIndexes() {
  std::array<OverlapIndex *, 11> all{&collectPermits, &collectForbids, &conditionalCollects,
                                     &tuplePermits,   &tupleForbids,   &neverCollected,
                                     &limits,         &linkPermits,    &linkForbids,
                                     &periods,        &protections};
  for (OverlapIndex *index : all)
    index->setVocabularies(tupleAxes);
  llvm::ArrayRef<model::Effect> derived = effects.all();
  for (uint32_t number = 0; number < derived.size(); ++number) {
    const model::Effect &effect = derived[number];
    indexOfEffect(*this, effect).addReference(effect.members, number);
    if (effect.relation == model::Relation::Collect && effect.permits() && !effect.consents.empty())
      conditionalCollects.addReference(effect.members, number);
  }
  // A repeated retention rule (same data, same period) says nothing new: index it once, so
  // that copies do not make the retention pass compare every pair of them.
  std::set<std::vector<uint64_t>> seenPeriods;
  for (uint32_t index = 0; index < model.retentions.size(); ++index) {
    const model::Retention &retention = model.retentions[index];
    if (!model::isPeriod(retention))
      continue;
    Box box = dataBox(retention.categories, retention.sources);
    std::vector<uint64_t> key{static_cast<uint64_t>(retention.kind), retention.event,
                              retention.length ? retention.length->hours() : 0};
    for (unsigned axis : {CategoryAxis, SourceAxis}) {
      key.push_back(UINT64_MAX); // separates the axes
      for (const model::Interval &interval : box.sets[axis].getIntervals())
        key.push_back((uint64_t(interval.first) << 32) | interval.last);
    }
    if (seenPeriods.insert(std::move(key)).second)
      periods.add(std::move(box), index);
  }
  for (uint32_t index = 0; index < model.protections.size(); ++index) {
    const model::Protection &protection = model.protections[index];
    protections.add(dataBox(protection.categories, protection.sources), index);
  }
  for (OverlapIndex *index : all)
    index->build();
  neverTakesEffect.assign(model.rules.size(), false);
}

Point CheckContext::tupleWitness(const Box &box) const {
  Box data = box;
  data.sets[PurposeAxis] = unusedAxis();
  data.sets[RecipientAxis] = unusedAxis();
  for (uint32_t entry : collectPermits.overlapping(data)) {
    const Box &collected = collectPermits.box(entry);
    Box narrowed = box;
    narrowed.sets[CategoryAxis] = box.sets[CategoryAxis].intersect(collected.sets[CategoryAxis]);
    narrowed.sets[SourceAxis] = box.sets[SourceAxis].intersect(collected.sets[SourceAxis]);
    if (!narrowed.empty())
      return witnessPoint(narrowed, tupleAxes);
  }
  return witnessPoint(box, tupleAxes);
}

NodeId CheckContext::flagOrigin(VocabularyKind kind, NodeId node, model::NodeFlag flag) const {
  const model::Vocabulary &vocabulary = model.vocabulary(kind);
  for (NodeId id = node; id != model::kNoNode; id = vocabulary[id].parent)
    if (vocabulary[id].ownFlags & flag)
      return id;
  return node;
}

NodeId CheckContext::basisOrigin(NodeId purpose) const {
  const model::Vocabulary &purposes = model.purposes();
  NodeId id = purpose;
  while (purposes[id].parent != model::kNoNode &&
         purposes[purposes[id].parent].basis == purposes[purpose].basis)
    id = purposes[id].parent;
  return id;
}

NodeId CheckContext::recipientKindOrigin(NodeId recipient) const {
  const model::Vocabulary &recipients = model.recipients();
  NodeId id = recipient;
  while (recipients[id].parent != model::kNoNode &&
         recipients[recipients[id].parent].recipientKind == recipients[recipient].recipientKind)
    id = recipients[id].parent;
  return id;
}

llvm::SMRange CheckContext::clauseRange(const model::Rule &rule, unsigned axis) const {
  const model::SelectorList *list = nullptr;
  switch (axis) {
  case CategoryAxis:
    list = &rule.categories;
    break;
  case SourceAxis:
    list = &rule.sources;
    break;
  case PurposeAxis:
    list = rule.linked.written ? &rule.linked : &rule.purposes;
    break;
  case RecipientAxis:
    list = &rule.recipients;
    break;
  }
  if (list && list->written && list->range.Start.isValid())
    return list->range;
  return rule.info.range;
}

} // namespace policyc::check
