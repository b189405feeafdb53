#include "gen/cpp/DecisionTables.h"

#include "model/Effects.h"
#include "model/Partition.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>

namespace policyc::gen::cpp {

using model::CellInterner;
using model::CellState;
using model::ClassBox;
using model::ClassLister;
using model::Effect;
using model::NodeId;
using model::NodeSet;
using model::Partition;
using model::Relation;
using model::SeenSet;

namespace {

class TableBuilder {
public:
  TableBuilder(const model::PolicyModel &model, uint64_t maxEntries, TableTooLarge &tooLarge)
      : model(model), effects(model.effects()), maxEntries(maxEntries), tooLarge(tooLarge),
        retentions(model::retentionsInLoadOrder(model)) {
    usSet = NodeSet::range(model.usRecipient, model.usRecipient);
  }

  std::optional<DecisionTables> build() {
    partitionVocabularies();
    if (!fits("category x source class",
              uint64_t{tables.categories.count} * tables.sources.count) ||
        !fits("purpose x recipient class",
              uint64_t{tables.purposes.count} * tables.recipients.count))
      return std::nullopt;
    partitionPairs();
    if (!fits("tuple decision", uint64_t{tables.data.count} * tables.actions.count) ||
        !fits("retention as-needed", uint64_t{tables.data.count} * tables.purposes.count))
      return std::nullopt;
    if (!fillTupleCells())
      return std::nullopt;
    fillCollectCells();
    if (!fillLinkCells())
      return std::nullopt;
    fillRetention();
    return std::move(tables);
  }

private:
  bool fits(const char *table, uint64_t entries) {
    if (entries <= maxEntries)
      return true;
    tooLarge = {table, entries, maxEntries};
    return false;
  }

  /// The effects that paint the tuple and collection tables, in load order.
  std::vector<const Effect *> dataEffects() const {
    std::vector<const Effect *> result;
    for (const Effect &effect : effects.all())
      if (effect.relation != Relation::Link)
        result.push_back(&effect);
    return result;
  }

  // Tables are indexed by the nodes of questions, so the classes and cells follow the boxes
  // of the questions each effect decides (model/Effects.h).
  void partitionVocabularies() {
    std::vector<const NodeSet *> categories, sources, purposes, recipients{&usSet};
    for (const Effect *effect : dataEffects()) {
      const model::Box &box = effect->questions;
      categories.push_back(&box.sets[model::CategoryAxis]);
      sources.push_back(&box.sets[model::SourceAxis]);
      if (effect->relation == Relation::Tuple) {
        purposes.push_back(&box.sets[model::PurposeAxis]);
        recipients.push_back(&box.sets[model::RecipientAxis]);
      }
    }
    for (const model::Retention *retention : retentions) {
      categories.push_back(&retention->categories.nodes);
      sources.push_back(&retention->sources.nodes);
      if (!model::isPeriod(*retention))
        purposes.push_back(&retention->purposes.nodes);
    }
    tables.categories = model::partitionNodes(model.categories().size(), categories);
    tables.sources = model::partitionNodes(model.sources().size(), sources);
    tables.purposes = model::partitionNodes(model.purposes().size(), purposes);
    tables.recipients = model::partitionNodes(model.recipients().size(), recipients);
    categoryClasses.emplace(tables.categories);
    sourceClasses.emplace(tables.sources);
    purposeClasses.emplace(tables.purposes);
    recipientClasses.emplace(tables.recipients);
  }

  ClassBox dataBox(const NodeSet &categories, const NodeSet &sources) {
    return {categoryClasses->classesOf(categories), sourceClasses->classesOf(sources)};
  }
  ClassBox actionBox(const model::Box &box) {
    return {purposeClasses->classesOf(box.sets[model::PurposeAxis]),
            recipientClasses->classesOf(box.sets[model::RecipientAxis])};
  }

  void partitionPairs() {
    std::vector<ClassBox> dataBoxes, actionBoxes;
    for (const Effect *effect : dataEffects()) {
      const model::Box &box = effect->questions;
      dataBoxes.push_back(dataBox(box.sets[model::CategoryAxis], box.sets[model::SourceAxis]));
      if (effect->relation == Relation::Tuple)
        actionBoxes.push_back(actionBox(box));
    }
    for (const model::Retention *retention : retentions)
      dataBoxes.push_back(dataBox(retention->categories.nodes, retention->sources.nodes));
    tables.data = model::partitionGrid(tables.categories.count, tables.sources.count, dataBoxes);
    tables.actions =
        model::partitionGrid(tables.purposes.count, tables.recipients.count, actionBoxes);
  }

  std::vector<uint32_t> dataClasses(const NodeSet &categories, const NodeSet &sources) {
    return model::gridClasses(tables.data, tables.sources.count, dataBox(categories, sources),
                              seen);
  }
  std::vector<uint32_t> dataClasses(const model::Box &box) {
    return dataClasses(box.sets[model::CategoryAxis], box.sets[model::SourceAxis]);
  }
  std::vector<uint32_t> actionClasses(const model::Box &box) {
    return model::gridClasses(tables.actions, tables.recipients.count, actionBox(box), seen);
  }

  bool fillTupleCells() {
    uint64_t actionCount = tables.actions.count;
    std::vector<CellState> states(static_cast<size_t>(tables.data.count) * actionCount);
    // Painting a broad statement touches many cells; counting them keeps hostile policies
    // from taking minutes before they are refused.
    uint64_t work = 0;
    for (const Effect *effect : dataEffects()) {
      if (effect->relation != Relation::Tuple)
        continue;
      std::vector<uint32_t> data = dataClasses(effect->questions);
      std::vector<uint32_t> actions = actionClasses(effect->questions);
      work += uint64_t{data.size()} * actions.size();
      if (!fits("tuple decision statement x cell", work))
        return false;
      for (uint32_t d : data)
        for (uint32_t a : actions)
          states[d * actionCount + a].paint(*effect);
    }
    CellInterner interner(tables.cells);
    tables.tupleCells.reserve(states.size());
    for (const CellState &state : states)
      tables.tupleCells.push_back(interner.intern(state.cell()));
    cellInterner.emplace(std::move(interner));
    return true;
  }

  void fillCollectCells() {
    std::vector<CellState> states(tables.data.count);
    for (const Effect *effect : dataEffects()) {
      if (effect->relation != Relation::Collect)
        continue;
      for (uint32_t d : dataClasses(effect->questions))
        states[d].paint(*effect);
    }
    for (const CellState &state : states)
      tables.collectCells.push_back(cellInterner->intern(state.cell()));
  }

  bool fillLinkCells() {
    std::vector<const NodeSet *> categories, sources;
    for (const Effect &effect : effects.all()) {
      if (effect.relation != Relation::Link)
        continue;
      categories.push_back(&effect.questions.sets[model::CategoryAxis]);
      categories.push_back(&effect.questions.sets[model::LinkedAxis]);
      sources.push_back(&effect.questions.sets[model::SourceAxis]);
    }
    tables.linkCategories = model::partitionNodes(model.categories().size(), categories);
    tables.linkSources = model::partitionNodes(model.sources().size(), sources);
    ClassLister linkCategoryClasses(tables.linkCategories);
    ClassLister linkSourceClasses(tables.linkSources);
    uint64_t kinds = tables.linkCategories.count;
    uint64_t sourceKinds = tables.linkSources.count;
    if (!fits("link decision", kinds * kinds * sourceKinds))
      return false;
    std::vector<CellState> states(kinds * kinds * sourceKinds);
    for (const Effect &effect : effects.all()) {
      if (effect.relation != Relation::Link)
        continue;
      // Both orientations of a link are effects of their own (EffectOrigin::MirroredLink).
      std::vector<uint32_t> first =
          linkCategoryClasses.classesOf(effect.questions.sets[model::CategoryAxis]);
      std::vector<uint32_t> second =
          linkCategoryClasses.classesOf(effect.questions.sets[model::LinkedAxis]);
      std::vector<uint32_t> from =
          linkSourceClasses.classesOf(effect.questions.sets[model::SourceAxis]);
      for (uint32_t a : first)
        for (uint32_t b : second)
          for (uint32_t s : from)
            states[(a * kinds + b) * sourceKinds + s].paint(effect);
    }
    for (const CellState &state : states)
      tables.linkCells.push_back(cellInterner->intern(state.cell()));
    return true;
  }

  void fillRetention() {
    // Row 0 is "no retention", which out-of-range arguments also get.
    tables.retentionCells.push_back(RetentionCell{});
    std::vector<std::vector<const model::Retention *>> candidates(tables.data.count);
    tables.keptAsNeeded.assign(static_cast<size_t>(tables.data.count) * tables.purposes.count, 0);
    for (const model::Retention *retention : retentions) {
      std::vector<uint32_t> data =
          dataClasses(retention->categories.nodes, retention->sources.nodes);
      if (model::isPeriod(*retention)) {
        for (uint32_t d : data)
          candidates[d].push_back(retention);
        continue;
      }
      for (uint32_t d : data)
        for (uint32_t p : purposeClasses->classesOf(retention->purposes.nodes))
          tables.keptAsNeeded[d * tables.purposes.count + p] = 1;
    }
    for (const auto &covering : candidates) {
      RetentionCell cell = model::resolveRetention(covering);
      auto found = llvm::find(tables.retentionCells, cell);
      tables.retention.push_back(static_cast<uint32_t>(found - tables.retentionCells.begin()));
      if (found == tables.retentionCells.end())
        tables.retentionCells.push_back(cell);
    }
  }

  const model::PolicyModel &model;
  const model::Effects &effects;
  uint64_t maxEntries;
  TableTooLarge &tooLarge;
  std::vector<const model::Retention *> retentions;
  NodeSet usSet;
  DecisionTables tables;
  std::optional<CellInterner> cellInterner;
  // Tables are only moved out at the very end, so these references into them stay valid.
  std::optional<ClassLister> categoryClasses, sourceClasses, purposeClasses, recipientClasses;
  SeenSet seen;
};

} // namespace

std::optional<DecisionTables> buildDecisionTables(const model::PolicyModel &model,
                                                  uint64_t maxEntries, TableTooLarge &tooLarge) {
  return TableBuilder(model, maxEntries, tooLarge).build();
}

} // namespace policyc::gen::cpp
