#include "check/CheckContext.h"

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
  std::vector<const Box *> covers;
  covered = false;
  index.visitOverlapping(query, [&](uint32_t entry) {
    const Box &cover = index.box(entry);
    covered = true;
    for (unsigned axis = 0; axis < axes && covered; ++axis)
      covered = cover.sets[axis].containsAll(target.sets[axis]);
    covers.push_back(&cover);
    return !covered;
  });
  if (covered)
    return {};
  // The index may yield a box twice; boxes live in one vector, so addresses keep its order.
  std::sort(covers.begin(), covers.end());
  covers.erase(std::unique(covers.begin(), covers.end()), covers.end());
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
  if (model.vocabulary(kind).size() == 0)
    return unusedAxis();
  return set;
}

void CheckContext::deriveSets() {
  const model::Vocabulary &categories = model.categories();
  identifyingCategories = model.identifyingCategories();
  anonymousCategories = categories.withFlag(model::NodeFlag::Anonymous);
  sensitiveCategories = categories.withFlag(model::NodeFlag::Sensitive);
  marketingPurposes = model.purposes().withFlag(model::NodeFlag::Marketing);
  anonymousSources = model.sources().withFlag(model::NodeFlag::Anonymous);
  abroadRecipients = model.recipients().withFlag(model::NodeFlag::Abroad);
  const model::Vocabulary &recipients = model.recipients();
  for (NodeId id = 0; id < recipients.size(); ++id) {
    auto kind = recipients[id].recipientKind;
    if (kind == model::RecipientKind::processor)
      processors.add({id, id});
    if (kind == model::RecipientKind::third_party || kind == model::RecipientKind::public_)
      thirdParties.add({id, id});
  }
  const model::Vocabulary &purposes = model.purposes();
  for (NodeId id = 0; id < purposes.size(); ++id)
    if (purposes[id].basis == model::LegalBasis::consent)
      consentPurposes.add({id, id});
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

Box CheckContext::ruleBoxOf(const model::Effect &effect) const {
  if (effect.relation != model::Relation::Collect)
    return effect.members;
  // `never collect` is indexed by everything it forbids: every use and disclosure too.
  Box box = effect.members;
  box.sets[PurposeAxis] = axisSet(VocabularyKind::Purpose, model.purposes().all());
  box.sets[RecipientAxis] = model.recipients().all();
  return box;
}

// The indexes hold the effects the model derives (model/Effects.h), with the boxes of what
// each statement speaks of (`members`): overlaps between statements are overlaps of data.
void CheckContext::buildIndexes() {
  for (OverlapIndex *index_ : {&permits, &prohibitions, &neverCollects, &limits, &collections,
                               &linkPermits, &linkProhibitions, &periods, &protections})
    index_->setVocabularies(tupleAxes);
  ruleBoxes.assign(model.rules.size(), Box{});
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    bool boxed = false;
    for (const model::Effect &effect : effects.ofRule(index)) {
      const Box &box = effect.members;
      switch (effect.relation) {
      case model::Relation::Link:
        (effect.forbids ? linkProhibitions : linkPermits).add(box, index);
        break;
      case model::Relation::Collect:
        if (effect.forbids)
          neverCollects.add(ruleBoxOf(effect), index);
        else
          collections.add(box, index);
        break;
      case model::Relation::Tuple:
        if (effect.origin == model::EffectOrigin::PurposeLimit)
          limits.add(box, index);
        else
          (effect.forbids ? prohibitions : permits).add(box, index);
        break;
      }
      // The box a pass reads for the statement: its tuples (for a link, its pairs).
      if (!boxed && effect.origin != model::EffectOrigin::PurposeLimit &&
          (effect.relation != model::Relation::Collect || effect.forbids)) {
        ruleBoxes[index] = ruleBoxOf(effect);
        boxed = effect.relation != model::Relation::Collect;
      }
    }
  }
  // A repeated retention rule (same data, same period) says nothing new: index it once, so
  // that copies do not make the retention pass compare every pair of them.
  std::set<std::vector<uint64_t>> seenPeriods;
  for (uint32_t index = 0; index < model.retentions.size(); ++index) {
    const model::Retention &retention = model.retentions[index];
    if (retention.kind == model::RetentionKind::AsNeeded)
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
  for (OverlapIndex *index_ : {&permits, &prohibitions, &neverCollects, &limits, &collections,
                               &linkPermits, &linkProhibitions, &periods, &protections})
    index_->build();
  neverTakesEffect.assign(model.rules.size(), false);
}

Point CheckContext::tupleWitness(const Box &box) const {
  Box data = box;
  data.sets[PurposeAxis] = unusedAxis();
  data.sets[RecipientAxis] = unusedAxis();
  for (uint32_t entry : collections.overlapping(data)) {
    const Box &collected = collections.box(entry);
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
    list = rule.kind == model::RuleKind::Link ? &rule.linked : &rule.purposes;
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
