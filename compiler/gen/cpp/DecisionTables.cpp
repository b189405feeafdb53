#include "gen/cpp/DecisionTables.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>

namespace policyc::gen::cpp {

using model::NodeId;
using model::NodeSet;
using model::RuleKind;

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

/// The classes of `partition` whose nodes are in `set` (or, with `complement`, not in it),
/// sorted. The partition was refined by `set`, so a class is wholly inside or outside.
/// Results are cached by set contents: statements often repeat the same clause.
class ClassLister {
public:
  explicit ClassLister(const Partition &partition) : partition(partition) {}

  const std::vector<uint32_t> &classesOf(const NodeSet &set, bool complement = false) {
    std::vector<NodeId> key{complement ? 1u : 0u};
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
    NodeId size = static_cast<NodeId>(partition.classOf.size());
    if (!complement) {
      for (const model::Interval &interval : set.getIntervals())
        add(interval.first, interval.last);
    } else {
      NodeSet outside = set.complement(size);
      for (const model::Interval &interval : outside.getIntervals())
        add(interval.first, interval.last);
    }
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

/// A cell being filled by the statements that cover it, in load order.
struct CellState {
  const model::Rule *prohibition = nullptr;
  std::vector<PermitStep> permits;
  uint32_t lastRule = UINT32_MAX; ///< the statement that painted it last (no double permits)

  void prohibit(const model::Rule &rule) {
    if (!prohibition)
      prohibition = &rule;
  }
  void permit(const model::Rule &rule) {
    if (lastRule == rule.info.id)
      return;
    lastRule = rule.info.id;
    // After a permit without consents, later permits can never decide.
    if (!permits.empty() && permits.back().consents.empty())
      return;
    std::vector<model::ConsentId> consents = rule.consents;
    llvm::sort(consents);
    consents.erase(std::unique(consents.begin(), consents.end()), consents.end());
    permits.push_back({std::move(consents), &rule});
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

bool isPeriod(const model::Retention &retention) {
  return retention.kind != model::RetentionKind::AsNeeded;
}

/// docs/semantics.md "Retention": among the covering period rules, those whose box does not
/// strictly contain another's; they must agree, and the first of them decides.
RetentionCell retentionOf(const std::vector<const model::Retention *> &candidates) {
  auto inside = [](const model::Retention &inner, const model::Retention &outer) {
    return outer.categories.nodes.containsAll(inner.categories.nodes) &&
           outer.sources.nodes.containsAll(inner.sources.nodes);
  };
  std::vector<const model::Retention *> specific;
  for (const model::Retention *candidate : candidates) {
    bool strictlyContainsOther = false;
    for (const model::Retention *other : candidates)
      if (inside(*other, *candidate) && !inside(*candidate, *other))
        strictlyContainsOther = true;
    if (!strictlyContainsOther)
      specific.push_back(candidate);
  }
  if (specific.empty())
    return {};
  const model::Retention &first = *specific.front();
  auto hours = [](const model::Retention &retention) {
    return retention.length ? std::optional<uint64_t>(retention.length->hours()) : std::nullopt;
  };
  for (const model::Retention *other : specific)
    if (other->kind != first.kind || other->event != first.event || hours(*other) != hours(first))
      return {RetentionCell::Kind::Conflicting, &first};
  switch (first.kind) {
  case model::RetentionKind::For:
    return {RetentionCell::Kind::For, &first};
  case model::RetentionKind::Until:
    return {RetentionCell::Kind::Until, &first};
  case model::RetentionKind::While:
    return {RetentionCell::Kind::While, &first};
  case model::RetentionKind::AsNeeded:
    break;
  }
  return {};
}

class TableBuilder {
public:
  TableBuilder(const model::PolicyModel &model, uint64_t maxEntries, TableTooLarge &tooLarge)
      : model(model), maxEntries(maxEntries), tooLarge(tooLarge) {
    for (const model::Rule &rule : model.rules)
      rules.push_back(&rule);
    llvm::stable_sort(
        rules, [](const model::Rule *a, const model::Rule *b) { return a->info.id < b->info.id; });
    for (const model::Retention &retention : model.retentions)
      retentions.push_back(&retention);
    llvm::stable_sort(retentions, [](const model::Retention *a, const model::Retention *b) {
      return a->info.id < b->info.id;
    });
    usSet = NodeSet::range(model.usRecipient, model.usRecipient);
    allPurposes = model.purposes().all();
    allRecipients = model.recipients().all();
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

  static bool isTupleRule(const model::Rule &rule) { return rule.kind != RuleKind::Link; }

  /// The action boxes (purpose sets x recipient sets) a rule permits or forbids in.
  struct Effects {
    std::optional<std::pair<const NodeSet *, const NodeSet *>> permit;
    std::optional<std::pair<const NodeSet *, const NodeSet *>> prohibit;
    /// The limit of `only`: purposes outside the set, for these recipients.
    std::optional<std::pair<const NodeSet *, const NodeSet *>> limit;
  };

  Effects effectsOf(const model::Rule &rule) const {
    Effects effects;
    const NodeSet *purposes = &rule.purposes.nodes;
    if (rule.prohibition) {
      switch (rule.kind) {
      case RuleKind::Collect:
        effects.prohibit = {{&allPurposes, &allRecipients}};
        break;
      case RuleKind::Use:
        effects.prohibit = {{purposes, &allRecipients}};
        break;
      case RuleKind::Disclose:
        effects.prohibit = {{purposes, &rule.recipients.nodes}};
        break;
      case RuleKind::Link:
        break;
      }
      return effects;
    }
    const NodeSet *recipients = rule.kind == RuleKind::Disclose ? &rule.recipients.nodes : &usSet;
    effects.permit = {{purposes, recipients}};
    if (rule.only)
      effects.limit = {{purposes, rule.kind == RuleKind::Disclose ? recipients : &allRecipients}};
    return effects;
  }

  void partitionVocabularies() {
    std::vector<const NodeSet *> categories, sources, purposes, recipients{&usSet};
    for (const model::Rule *rule : rules) {
      if (!isTupleRule(*rule))
        continue;
      categories.push_back(&rule->categories.nodes);
      sources.push_back(&rule->sources.nodes);
      purposes.push_back(&rule->purposes.nodes);
      if (rule->kind == RuleKind::Disclose)
        recipients.push_back(&rule->recipients.nodes);
    }
    for (const model::Retention *retention : retentions) {
      categories.push_back(&retention->categories.nodes);
      sources.push_back(&retention->sources.nodes);
      if (!isPeriod(*retention))
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
  Box actionBox(const NodeSet &purposes, const NodeSet &recipients, bool complement) {
    return {purposeClasses->classesOf(purposes, complement),
            recipientClasses->classesOf(recipients)};
  }

  void partitionPairs() {
    std::vector<Box> dataBoxes, actionBoxes;
    for (const model::Rule *rule : rules) {
      if (!isTupleRule(*rule))
        continue;
      dataBoxes.push_back(dataBox(rule->categories.nodes, rule->sources.nodes));
      Effects effects = effectsOf(*rule);
      if (effects.permit)
        actionBoxes.push_back(actionBox(*effects.permit->first, *effects.permit->second, false));
      if (effects.prohibit)
        actionBoxes.push_back(
            actionBox(*effects.prohibit->first, *effects.prohibit->second, false));
      if (effects.limit)
        actionBoxes.push_back(actionBox(*effects.limit->first, *effects.limit->second, true));
    }
    for (const model::Retention *retention : retentions)
      dataBoxes.push_back(dataBox(retention->categories.nodes, retention->sources.nodes));
    tables.data = partitionGrid(tables.categories.count, tables.sources.count, dataBoxes);
    tables.actions = partitionGrid(tables.purposes.count, tables.recipients.count, actionBoxes);
  }

  std::vector<uint32_t> dataClasses(const NodeSet &categories, const NodeSet &sources) {
    return gridClasses(tables.data, tables.sources.count, dataBox(categories, sources), seen);
  }
  std::vector<uint32_t> actionClasses(const std::pair<const NodeSet *, const NodeSet *> &box,
                                      bool complement) {
    return gridClasses(tables.actions, tables.recipients.count,
                       actionBox(*box.first, *box.second, complement), seen);
  }

  bool fillTupleCells() {
    uint64_t actionCount = tables.actions.count;
    std::vector<CellState> states(static_cast<size_t>(tables.data.count) * actionCount);
    // Painting a broad statement touches many cells; a budget keeps hostile policies from
    // taking minutes before they are refused.
    uint64_t work = 0;
    uint64_t budget = maxEntries * 256;
    for (const model::Rule *rule : rules) {
      if (!isTupleRule(*rule))
        continue;
      std::vector<uint32_t> data = dataClasses(rule->categories.nodes, rule->sources.nodes);
      Effects effects = effectsOf(*rule);
      auto paint = [&](const std::pair<const NodeSet *, const NodeSet *> &box, bool complement,
                       bool prohibit) {
        std::vector<uint32_t> actions = actionClasses(box, complement);
        work += uint64_t{data.size()} * actions.size();
        if (work > budget)
          return;
        for (uint32_t d : data)
          for (uint32_t a : actions) {
            CellState &state = states[d * actionCount + a];
            if (prohibit)
              state.prohibit(*rule);
            else
              state.permit(*rule);
          }
      };
      if (effects.prohibit)
        paint(*effects.prohibit, false, true);
      if (effects.limit)
        paint(*effects.limit, true, true);
      if (effects.permit)
        paint(*effects.permit, false, false);
      if (!fits("tuple decision statement x cell", work))
        return false;
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
    for (const model::Rule *rule : rules) {
      if (rule->kind != RuleKind::Collect)
        continue;
      for (uint32_t d : dataClasses(rule->categories.nodes, rule->sources.nodes)) {
        if (rule->prohibition)
          states[d].prohibit(*rule);
        else
          states[d].permit(*rule);
      }
    }
    for (const CellState &state : states)
      tables.collectCells.push_back(cellInterner->intern(state.cell()));
  }

  bool fillLinkCells() {
    std::vector<const NodeSet *> categories, sources;
    for (const model::Rule *rule : rules) {
      if (rule->kind != RuleKind::Link)
        continue;
      categories.push_back(&rule->categories.nodes);
      categories.push_back(&rule->linked.nodes);
      sources.push_back(&rule->sources.nodes);
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
    for (const model::Rule *rule : rules) {
      if (rule->kind != RuleKind::Link)
        continue;
      std::vector<uint32_t> first = linkCategoryClasses.classesOf(rule->categories.nodes);
      std::vector<uint32_t> second = linkCategoryClasses.classesOf(rule->linked.nodes);
      std::vector<uint32_t> from = linkSourceClasses.classesOf(rule->sources.nodes);
      auto paint = [&](uint32_t a, uint32_t b, uint32_t s) {
        CellState &state = states[(a * kinds + b) * sourceKinds + s];
        if (rule->prohibition)
          state.prohibit(*rule);
        else
          state.permit(*rule);
      };
      // Linking is symmetric: A with B is also B with A.
      for (uint32_t a : first)
        for (uint32_t b : second)
          for (uint32_t s : from) {
            paint(a, b, s);
            paint(b, a, s);
          }
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
      if (isPeriod(*retention)) {
        for (uint32_t d : data)
          candidates[d].push_back(retention);
        continue;
      }
      for (uint32_t d : data)
        for (uint32_t p : purposeClasses->classesOf(retention->purposes.nodes))
          tables.keptAsNeeded[d * tables.purposes.count + p] = 1;
    }
    for (const auto &covering : candidates) {
      RetentionCell cell = retentionOf(covering);
      auto found = llvm::find(tables.retentionCells, cell);
      tables.retention.push_back(static_cast<uint32_t>(found - tables.retentionCells.begin()));
      if (found == tables.retentionCells.end())
        tables.retentionCells.push_back(cell);
    }
  }

  const model::PolicyModel &model;
  uint64_t maxEntries;
  TableTooLarge &tooLarge;
  std::vector<const model::Rule *> rules;
  std::vector<const model::Retention *> retentions;
  NodeSet usSet;
  NodeSet allPurposes;
  NodeSet allRecipients;
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
