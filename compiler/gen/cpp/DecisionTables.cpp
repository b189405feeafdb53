#include "gen/cpp/DecisionTables.h"

#include "model/Effects.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>

namespace policyc::gen::cpp {

using model::Effect;
using model::NodeId;
using model::NodeSet;
using model::Relation;

bool Cell::operator==(const Cell &other) const {
  if (prohibition != other.prohibition || permits.size() != other.permits.size())
    return false;
  for (size_t i = 0; i < permits.size(); ++i)
    if (permits[i].rule != other.permits[i].rule ||
        permits[i].consents != other.permits[i].consents)
      return false;
  return true;
}

namespace {

/// Renumbers classes by first appearance so that the result does not depend on how the
/// refinement allocated ids.
Partition compact(const std::vector<uint32_t> &raw) {
  Partition result;
  result.classOf.resize(raw.size());
  llvm::DenseMap<uint32_t, uint32_t> ids;
  for (size_t i = 0; i < raw.size(); ++i) {
    auto [it, inserted] = ids.try_emplace(raw[i], result.count);
    if (inserted)
      ++result.count;
    result.classOf[i] = it->second;
  }
  return result;
}

/// Splits every class of `classes` (by element) into the part inside `members` and the part
/// outside. `members` lists element indices.
class Refiner {
public:
  explicit Refiner(size_t size) : classes(size, 0) {}

  template <typename Elements> void split(const Elements &members) {
    remap.clear();
    for (size_t element : members) {
      uint32_t &cls = classes[element];
      auto [it, inserted] = remap.try_emplace(cls, nextId);
      if (inserted)
        ++nextId;
      cls = it->second;
    }
  }

  Partition result() const { return compact(classes); }

private:
  std::vector<uint32_t> classes;
  llvm::DenseMap<uint32_t, uint32_t> remap;
  uint32_t nextId = 1;
};

/// Partitions the nodes [0, size) by membership in each of `sets`. Works on elementary
/// segments (runs of nodes between interval boundaries), so the cost follows the number of
/// intervals rather than the number of nodes times sets.
Partition partitionNodes(NodeId size, const std::vector<const NodeSet *> &sets) {
  std::vector<NodeId> bounds{0, size};
  for (const NodeSet *set : sets)
    for (const model::Interval &interval : set->getIntervals()) {
      bounds.push_back(interval.first);
      bounds.push_back(interval.last + 1);
    }
  llvm::sort(bounds);
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  while (!bounds.empty() && bounds.back() > size)
    bounds.pop_back();
  size_t segments = bounds.empty() ? 0 : bounds.size() - 1;

  // Identical sets split identically: do each once.
  std::vector<std::vector<std::pair<NodeId, NodeId>>> distinct;
  for (const NodeSet *set : sets) {
    std::vector<std::pair<NodeId, NodeId>> intervals;
    for (const model::Interval &interval : set->getIntervals())
      intervals.emplace_back(interval.first, interval.last);
    distinct.push_back(std::move(intervals));
  }
  llvm::sort(distinct);
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  Refiner refiner(segments);
  std::vector<size_t> members;
  for (const auto &intervals : distinct) {
    members.clear();
    for (auto [first, last] : intervals) {
      auto at = std::lower_bound(bounds.begin(), bounds.end(), first);
      for (size_t segment = static_cast<size_t>(at - bounds.begin());
           segment < segments && bounds[segment] <= last; ++segment)
        members.push_back(segment);
    }
    refiner.split(members);
  }
  Partition bySegment = refiner.result();
  Partition result;
  result.count = bySegment.count;
  result.classOf.resize(size);
  for (size_t segment = 0; segment < segments; ++segment)
    for (NodeId node = bounds[segment]; node < bounds[segment + 1]; ++node)
      result.classOf[node] = bySegment.classOf[segment];
  return result;
}

/// Marks elements as seen without clearing between uses: each use takes a new stamp.
class SeenSet {
public:
  void reset(size_t size) {
    if (stamps.size() < size)
      stamps.resize(size, 0);
    ++stamp;
  }
  /// True the first time `element` is inserted since the last reset.
  bool insert(size_t element) {
    if (stamps[element] == stamp)
      return false;
    stamps[element] = stamp;
    return true;
  }

private:
  std::vector<uint64_t> stamps;
  uint64_t stamp = 0;
};

/// The classes of `partition` whose nodes are in `set`, sorted. The partition was refined by
/// `set`, so a class is wholly inside or outside. Results are cached by set contents:
/// statements often repeat the same clause.
class ClassLister {
public:
  explicit ClassLister(const Partition &partition) : partition(partition) {}

  const std::vector<uint32_t> &classesOf(const NodeSet &set) {
    std::vector<NodeId> key;
    for (const model::Interval &interval : set.getIntervals()) {
      key.push_back(interval.first);
      key.push_back(interval.last);
    }
    auto [it, inserted] = cache.try_emplace(std::move(key));
    if (!inserted)
      return it->second;
    std::vector<uint32_t> &result = it->second;
    seen.reset(partition.count);
    auto add = [&](NodeId first, NodeId last) {
      for (NodeId node = first; node <= last; ++node)
        if (seen.insert(partition.classOf[node]))
          result.push_back(partition.classOf[node]);
    };
    for (const model::Interval &interval : set.getIntervals())
      add(interval.first, interval.last);
    llvm::sort(result);
    return result;
  }

private:
  const Partition &partition;
  SeenSet seen;
  std::map<std::vector<NodeId>, std::vector<uint32_t>> cache;
};

/// A box in class space: rows x columns of a two-dimensional class grid.
struct Box {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> columns;
  bool operator<(const Box &other) const {
    return std::tie(rows, columns) < std::tie(other.rows, other.columns);
  }
  bool operator==(const Box &other) const { return rows == other.rows && columns == other.columns; }
};

Partition partitionGrid(uint32_t rows, uint32_t columns, std::vector<Box> boxes) {
  llvm::sort(boxes);
  boxes.erase(std::unique(boxes.begin(), boxes.end()), boxes.end());
  Refiner refiner(static_cast<size_t>(rows) * columns);
  std::vector<size_t> members;
  for (const Box &box : boxes) {
    members.clear();
    for (uint32_t row : box.rows)
      for (uint32_t column : box.columns)
        members.push_back(static_cast<size_t>(row) * columns + column);
    refiner.split(members);
  }
  return refiner.result();
}

/// The grid classes a box covers, each once, in increasing order.
std::vector<uint32_t> gridClasses(const Partition &grid, uint32_t columns, const Box &box,
                                  SeenSet &seen) {
  seen.reset(grid.count);
  std::vector<uint32_t> result;
  for (uint32_t row : box.rows)
    for (uint32_t column : box.columns) {
      uint32_t cls = grid.classOf[static_cast<size_t>(row) * columns + column];
      if (seen.insert(cls))
        result.push_back(cls);
    }
  llvm::sort(result);
  return result;
}

/// A cell being filled by the effects that decide it, in load order.
struct CellState {
  const model::Rule *prohibition = nullptr;
  std::vector<PermitStep> permits;
  uint32_t lastRule = UINT32_MAX; ///< the statement that permitted it last (no double permits)

  void paint(const Effect &effect) {
    if (effect.forbids) {
      if (!prohibition)
        prohibition = effect.rule;
      return;
    }
    if (lastRule == effect.statement())
      return;
    lastRule = effect.statement();
    // After a permit without consents, later permits can never decide.
    if (!permits.empty() && permits.back().consents.empty())
      return;
    permits.push_back({{effect.consents.begin(), effect.consents.end()}, effect.rule});
  }
  Cell cell() const {
    if (prohibition)
      return Cell{prohibition, {}};
    return Cell{nullptr, permits};
  }
};

/// Numbers distinct cells in order of first appearance.
class CellInterner {
public:
  explicit CellInterner(std::vector<Cell> &cells) : cells(cells) {}

  uint32_t intern(const Cell &cell) {
    std::vector<uint32_t> key;
    key.push_back(cell.prohibition ? cell.prohibition->info.id : 0);
    for (const PermitStep &step : cell.permits) {
      key.push_back(step.rule->info.id);
      key.push_back(static_cast<uint32_t>(step.consents.size()));
      key.insert(key.end(), step.consents.begin(), step.consents.end());
    }
    auto [it, inserted] = index.try_emplace(std::move(key), static_cast<uint32_t>(cells.size()));
    if (inserted)
      cells.push_back(cell);
    return it->second;
  }

private:
  std::vector<Cell> &cells;
  std::map<std::vector<uint32_t>, uint32_t> index;
};

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
    tables.categories = partitionNodes(model.categories().size(), categories);
    tables.sources = partitionNodes(model.sources().size(), sources);
    tables.purposes = partitionNodes(model.purposes().size(), purposes);
    tables.recipients = partitionNodes(model.recipients().size(), recipients);
    categoryClasses.emplace(tables.categories);
    sourceClasses.emplace(tables.sources);
    purposeClasses.emplace(tables.purposes);
    recipientClasses.emplace(tables.recipients);
  }

  Box dataBox(const NodeSet &categories, const NodeSet &sources) {
    return {categoryClasses->classesOf(categories), sourceClasses->classesOf(sources)};
  }
  Box actionBox(const model::Box &box) {
    return {purposeClasses->classesOf(box.sets[model::PurposeAxis]),
            recipientClasses->classesOf(box.sets[model::RecipientAxis])};
  }

  void partitionPairs() {
    std::vector<Box> dataBoxes, actionBoxes;
    for (const Effect *effect : dataEffects()) {
      const model::Box &box = effect->questions;
      dataBoxes.push_back(dataBox(box.sets[model::CategoryAxis], box.sets[model::SourceAxis]));
      if (effect->relation == Relation::Tuple)
        actionBoxes.push_back(actionBox(box));
    }
    for (const model::Retention *retention : retentions)
      dataBoxes.push_back(dataBox(retention->categories.nodes, retention->sources.nodes));
    tables.data = partitionGrid(tables.categories.count, tables.sources.count, dataBoxes);
    tables.actions = partitionGrid(tables.purposes.count, tables.recipients.count, actionBoxes);
  }

  std::vector<uint32_t> dataClasses(const NodeSet &categories, const NodeSet &sources) {
    return gridClasses(tables.data, tables.sources.count, dataBox(categories, sources), seen);
  }
  std::vector<uint32_t> dataClasses(const model::Box &box) {
    return dataClasses(box.sets[model::CategoryAxis], box.sets[model::SourceAxis]);
  }
  std::vector<uint32_t> actionClasses(const model::Box &box) {
    return gridClasses(tables.actions, tables.recipients.count, actionBox(box), seen);
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
    tables.linkCategories = partitionNodes(model.categories().size(), categories);
    tables.linkSources = partitionNodes(model.sources().size(), sources);
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
