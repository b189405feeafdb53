#include "diff/PolicyDiff.h"

#include "model/Cells.h"
#include "model/Partition.h"
#include "model/Periods.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace policyc::diff {

using model::Box;
using model::Cell;
using model::CellInterner;
using model::CellState;
using model::ClassBox;
using model::ClassLister;
using model::Effect;
using model::Interval;
using model::Partition;
using model::Relation;
using model::SeenSet;

// ---------------------------------------------------------------------------------------
// Joint vocabularies
// ---------------------------------------------------------------------------------------

namespace {
std::vector<std::vector<NodeId>> childrenOf(const model::Vocabulary &vocabulary,
                                            std::vector<NodeId> &roots) {
  std::vector<std::vector<NodeId>> children(vocabulary.size());
  for (NodeId id = 0; id < vocabulary.size(); ++id) {
    NodeId parent = vocabulary[id].parent;
    (parent == model::kNoNode ? roots : children[parent]).push_back(id);
  }
  return children;
}
} // namespace

JointVocabulary::JointVocabulary(const model::Vocabulary &oldSide,
                                 const model::Vocabulary &newSide) {
  const model::Vocabulary *sides[2] = {&oldSide, &newSide};
  std::array<std::vector<NodeId>, 2> roots;
  std::array<std::vector<std::vector<NodeId>>, 2> children = {childrenOf(oldSide, roots[0]),
                                                              childrenOf(newSide, roots[1])};
  // Siblings: the old ones in order (with their new counterparts), then the new-only ones.
  auto merge = [&](const std::vector<NodeId> &olds, const std::vector<NodeId> &news) {
    std::vector<std::array<NodeId, 2>> merged;
    for (NodeId o : olds) {
      std::optional<NodeId> n = newSide.find(oldSide[o].path);
      merged.push_back({o, n ? *n : model::kNoNode});
    }
    for (NodeId n : news)
      if (!oldSide.find(newSide[n].path))
        merged.push_back({model::kNoNode, n});
    return merged;
  };
  struct Frame {
    std::array<NodeId, 2> side;
    NodeId parent;
  };
  std::vector<Frame> stack;
  auto pushAll = [&](const std::vector<std::array<NodeId, 2>> &merged, NodeId parent) {
    for (auto it = merged.rbegin(); it != merged.rend(); ++it)
      stack.push_back({*it, parent});
  };
  pushAll(merge(roots[0], roots[1]), model::kNoNode);
  static const std::vector<NodeId> none;
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    NodeId id = size();
    Node node;
    unsigned known = frame.side[0] != model::kNoNode ? 0 : 1;
    node.path = (*sides[known])[frame.side[known]].path;
    node.parent = frame.parent;
    node.last = id;
    node.side = frame.side;
    nodes.push_back(std::move(node));
    pushAll(merge(frame.side[0] != model::kNoNode ? children[0][frame.side[0]] : none,
                  frame.side[1] != model::kNoNode ? children[1][frame.side[1]] : none),
            id);
  }
  for (NodeId id = size(); id-- > 0;)
    if (nodes[id].parent != model::kNoNode)
      nodes[nodes[id].parent].last = std::max(nodes[nodes[id].parent].last, nodes[id].last);

  for (unsigned s = 0; s < 2; ++s) {
    sideEmpty[s] = sides[s]->size() == 0;
    std::vector<NodeId> jointOf(sides[s]->size());
    for (NodeId id = 0; id < size(); ++id)
      if (nodes[id].side[s] != model::kNoNode)
        jointOf[nodes[id].side[s]] = id;
    for (NodeId id = 0; id < jointOf.size(); ++id) {
      if (!runs[s].empty()) {
        Run &run = runs[s].back();
        if (run.sideFirst + run.length == id && run.jointFirst + run.length == jointOf[id]) {
          ++run.length;
          continue;
        }
      }
      runs[s].push_back({id, jointOf[id], 1});
    }
  }
}

NodeSet JointVocabulary::map(unsigned side, const NodeSet &set) const {
  // A version without this vocabulary asks its questions about the single unused point
  // (Effects::axisSet): they stand for every node the other version has.
  if (size() == 0)
    return model::unusedAxis();
  if (sideEmpty[side])
    return set.empty() ? NodeSet() : NodeSet::range(0, size() - 1);
  NodeSet result;
  const std::vector<Run> &sideRuns = runs[side];
  for (const Interval &interval : set.getIntervals()) {
    auto it = std::upper_bound(sideRuns.begin(), sideRuns.end(), interval.first,
                               [](NodeId value, const Run &run) { return value < run.sideFirst; });
    if (it != sideRuns.begin())
      --it;
    for (; it != sideRuns.end() && it->sideFirst <= interval.last; ++it) {
      NodeId first = std::max(interval.first, it->sideFirst);
      NodeId last = std::min(interval.last, it->sideFirst + it->length - 1);
      if (first > last)
        continue;
      result.add(
          {it->jointFirst + (first - it->sideFirst), it->jointFirst + (last - it->sideFirst)});
    }
  }
  return result;
}

std::vector<std::string> JointVocabulary::cover(const NodeSet &set) const {
  std::vector<std::string> subtrees, groups;
  if (size() == 0)
    return subtrees;
  for (const Interval &interval : set.getIntervals()) {
    for (NodeId id = interval.first; id <= interval.last && id < size();) {
      if (nodes[id].last <= interval.last) {
        subtrees.push_back(nodes[id].path);
        id = nodes[id].last + 1;
      } else {
        groups.push_back(nodes[id].path + " (as a group)");
        ++id;
      }
    }
  }
  subtrees.insert(subtrees.end(), groups.begin(), groups.end());
  return subtrees;
}

llvm::StringRef decisionChangeName(DecisionChangeKind kind) {
  switch (kind) {
  case DecisionChangeKind::Allowed:
    return "allowed";
  case DecisionChangeKind::Denied:
    return "denied";
  case DecisionChangeKind::ConsentChanged:
    return "consent-changed";
  }
  llvm_unreachable("unknown change");
}

llvm::StringRef areaName(Area area) {
  switch (area) {
  case Area::Vocabulary:
    return "vocabulary";
  case Area::Consent:
    return "consent";
  case Area::Retention:
    return "retention";
  case Area::Right:
    return "right";
  case Area::Notice:
    return "notice";
  case Area::Framework:
    return "framework";
  }
  llvm_unreachable("unknown area");
}

bool PolicyDiff::anyMaterial() const {
  return llvm::any_of(decisions, [](const DecisionChange &c) { return c.material; }) ||
         llvm::any_of(others, [](const OtherChange &c) { return c.material; });
}

// ---------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------

namespace {

/// Some consent state allows under `after` what `before` denies.
bool widens(const ConsentRequirement &before, const ConsentRequirement &after) {
  return llvm::any_of(after, [&](const std::vector<std::string> &granted) {
    return llvm::none_of(before, [&](const std::vector<std::string> &needed) {
      return std::includes(granted.begin(), granted.end(), needed.begin(), needed.end());
    });
  });
}

ConsentRequirement requirementOf(const Cell &cell, const model::PolicyModel &model) {
  ConsentRequirement sets;
  if (cell.prohibition)
    return sets;
  for (const model::PermitStep &step : cell.permits) {
    std::vector<std::string> names;
    for (model::ConsentId id : step.consents)
      names.push_back(model.consents[id].name);
    llvm::sort(names);
    sets.push_back(std::move(names));
  }
  llvm::sort(sets);
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  // Keep the minimal sets: a superset of another allows nothing more.
  ConsentRequirement minimal;
  for (const auto &set : sets)
    if (llvm::none_of(sets, [&](const std::vector<std::string> &other) {
          return &other != &set && other.size() < set.size() &&
                 std::includes(set.begin(), set.end(), other.begin(), other.end());
        }))
      minimal.push_back(set);
  return minimal;
}

/// Splits a set of (row, column) pairs into boxes rows x columns: rows with the same columns
/// go together. Deterministic: boxes in order of their first row.
std::vector<ClassBox> factor(const std::vector<std::pair<uint32_t, uint32_t>> &pairs) {
  std::map<uint32_t, std::vector<uint32_t>> columnsOf;
  for (auto [row, column] : pairs)
    columnsOf[row].push_back(column);
  std::map<std::vector<uint32_t>, std::vector<uint32_t>> rowsOf;
  std::vector<std::vector<uint32_t>> order;
  for (auto &[row, columns] : columnsOf) {
    llvm::sort(columns);
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    auto [it, inserted] = rowsOf.try_emplace(columns);
    if (inserted)
      order.push_back(columns);
    it->second.push_back(row);
  }
  std::vector<ClassBox> boxes;
  for (const auto &columns : order)
    boxes.push_back({rowsOf[columns], columns});
  return boxes;
}

class RelationDiffer {
public:
  RelationDiffer(Relation relation, const std::array<const model::PolicyModel *, 2> &models,
                 const std::array<const JointVocabulary *, model::kNumAxes> &joint,
                 std::optional<NodeSet> us, uint64_t maxCells, DiffTooLarge &tooLarge)
      : relation(relation), models(models), joint(joint), us(std::move(us)), maxCells(maxCells),
        tooLarge(tooLarge) {}

  bool run(std::vector<DecisionChange> &out) {
    mapBoxes();
    keepChangedRegion();
    partitionAxes();
    if (!partitionGrids())
      return false;
    if (!paint())
      return false;
    group(out);
    return true;
  }

private:
  using MappedEffect = std::pair<const Effect *, Box>;

  void mapBoxes() {
    for (unsigned s = 0; s < 2; ++s)
      for (const Effect &effect : models[s]->effects().all()) {
        if (effect.relation != relation)
          continue;
        Box box;
        for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
          box.sets[axis] = joint[axis] ? joint[axis]->map(s, effect.questions.sets[axis])
                                       : effect.questions.sets[axis];
        mapped[s].emplace_back(&effect, std::move(box));
      }
  }

  /// What a cell's requirement depends on: the effect's sign, consents (by name, as the two
  /// versions number them apart) and questions in the joint space. Origins are kept apart too,
  /// so that a change of origin is shown with its statements.
  std::string contentKey(unsigned s, const MappedEffect &effect) const {
    std::string key;
    llvm::raw_string_ostream out(key);
    out << effect.first->forbids << ':' << static_cast<int>(effect.first->origin) << ':';
    std::vector<llvm::StringRef> names;
    for (model::ConsentId consent : effect.first->consents)
      names.push_back(models[s]->consents[consent].name);
    llvm::sort(names);
    for (llvm::StringRef name : names)
      out << name << ',';
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
      out << '|';
      for (const Interval &interval : effect.second.sets[axis].getIntervals())
        out << interval.first << '-' << interval.last << ',';
    }
    return out.str();
  }

  /// A cell's requirement is a function of the contents of the effects that decide it (the
  /// first prohibition denies; the permits' consent sets, minimised, do not depend on their
  /// order). So a cell can change only inside the box of an effect one version has and the
  /// other lacks, and every effect deciding a cell there meets that box: the others are left
  /// out, which keeps a small edit of a large policy a small comparison. Cells outside every
  /// such box keep only effects both versions share, so they compare equal.
  void keepChangedRegion() {
    std::array<std::vector<std::string>, 2> keys;
    std::array<std::set<llvm::StringRef>, 2> present;
    for (unsigned s = 0; s < 2; ++s) {
      keys[s].reserve(mapped[s].size());
      for (const MappedEffect &effect : mapped[s])
        keys[s].push_back(contentKey(s, effect));
      for (const std::string &key : keys[s])
        present[s].insert(key);
    }
    std::vector<Box> changed;
    for (unsigned s = 0; s < 2; ++s)
      for (size_t i = 0; i < mapped[s].size(); ++i)
        if (!present[1 - s].count(keys[s][i]))
          changed.push_back(mapped[s][i].second);
    // Past this many box comparisons, comparing everything is the cheaper way.
    constexpr uint64_t kMaxComparisons = uint64_t{1} << 24;
    if (uint64_t{changed.size()} * (mapped[0].size() + mapped[1].size()) > kMaxComparisons)
      return;
    for (unsigned s = 0; s < 2; ++s)
      llvm::erase_if(mapped[s], [&](const MappedEffect &effect) {
        return llvm::none_of(changed,
                             [&](const Box &box) { return box.intersects(effect.second); });
      });
  }

  NodeId axisSize(unsigned axis) const {
    return joint[axis] && joint[axis]->size() > 0 ? joint[axis]->size() : 1;
  }

  void partitionAxes() {
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
      std::vector<const NodeSet *> sets;
      for (unsigned s = 0; s < 2; ++s)
        for (const MappedEffect &effect : mapped[s])
          sets.push_back(&effect.second.sets[axis]);
      if (axis == model::RecipientAxis && us)
        sets.push_back(&*us);
      axes[axis] = model::partitionNodes(axisSize(axis), sets);
    }
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
      listers[axis].emplace(axes[axis]);
  }

  ClassBox classBox(const Box &box, unsigned rowAxis, unsigned columnAxis) {
    return {listers[rowAxis]->classesOf(box.sets[rowAxis]),
            listers[columnAxis]->classesOf(box.sets[columnAxis])};
  }

  bool fits(const char *what, uint64_t cells) {
    if (cells <= maxCells)
      return true;
    tooLarge = {what, cells, maxCells};
    return false;
  }

  bool partitionGrids() {
    if (!fits("data class", uint64_t{axes[0].count} * axes[1].count) ||
        !fits("action class", uint64_t{axes[2].count} * axes[3].count))
      return false;
    std::vector<ClassBox> dataBoxes, actionBoxes;
    for (unsigned s = 0; s < 2; ++s)
      for (const MappedEffect &effect : mapped[s]) {
        dataBoxes.push_back(classBox(effect.second, 0, 1));
        actionBoxes.push_back(classBox(effect.second, 2, 3));
      }
    if (us) {
      std::vector<uint32_t> everyPurpose(axes[2].count);
      for (uint32_t i = 0; i < axes[2].count; ++i)
        everyPurpose[i] = i;
      actionBoxes.push_back({everyPurpose, listers[3]->classesOf(*us)});
    }
    data = model::partitionGrid(axes[0].count, axes[1].count, dataBoxes);
    actions = model::partitionGrid(axes[2].count, axes[3].count, actionBoxes);
    return fits(relation == Relation::Tuple ? "tuple cell" : "cell",
                uint64_t{data.count} * actions.count);
  }

  bool paint() {
    uint64_t cellCount = uint64_t{data.count} * actions.count;
    uint64_t work = 0;
    for (unsigned s = 0; s < 2; ++s) {
      std::vector<CellState> states(cellCount);
      for (const MappedEffect &effect : mapped[s]) {
        std::vector<uint32_t> rows =
            model::gridClasses(data, axes[1].count, classBox(effect.second, 0, 1), seen);
        std::vector<uint32_t> columns =
            model::gridClasses(actions, axes[3].count, classBox(effect.second, 2, 3), seen);
        work += uint64_t{rows.size()} * columns.size();
        if (!fits("statement x cell", work))
          return false;
        for (uint32_t d : rows)
          for (uint32_t a : columns)
            states[uint64_t{d} * actions.count + a].paint(*effect.first);
      }
      CellInterner interner(cells[s]);
      cellIds[s].reserve(cellCount);
      for (const CellState &state : states)
        cellIds[s].push_back(interner.intern(state.cell()));
    }
    return true;
  }

  /// The joint requirement ids of the distinct cells of each side.
  std::array<std::vector<uint32_t>, 2> requirementIds() {
    std::array<std::vector<uint32_t>, 2> ids;
    std::map<ConsentRequirement, uint32_t> index;
    for (unsigned s = 0; s < 2; ++s)
      for (const Cell &cell : cells[s]) {
        ConsentRequirement requirement = requirementOf(cell, *models[s]);
        auto [it, inserted] =
            index.try_emplace(std::move(requirement), static_cast<uint32_t>(requirements.size()));
        if (inserted)
          requirements.push_back(it->first);
        ids[s].push_back(it->second);
      }
    return ids;
  }

  Verb verbOf(uint32_t actionClass) const {
    if (relation == Relation::Collect)
      return Verb::Collect;
    if (relation == Relation::Link)
      return Verb::Link;
    return usActionClass.count(actionClass) ? Verb::Use : Verb::Disclose;
  }

  static std::vector<std::vector<std::pair<uint32_t, uint32_t>>> membersOf(const Partition &grid,
                                                                           uint32_t columns) {
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> members(grid.count);
    for (size_t i = 0; i < grid.classOf.size(); ++i)
      members[grid.classOf[i]].emplace_back(static_cast<uint32_t>(i / columns),
                                            static_cast<uint32_t>(i % columns));
    return members;
  }

  std::vector<NodeSet> classNodes(unsigned axis) const {
    std::vector<NodeSet> result(axes[axis].count);
    for (NodeId id = 0; id < axes[axis].classOf.size(); ++id)
      result[axes[axis].classOf[id]].add({id, id});
    return result;
  }

  std::vector<std::string> names(unsigned axis, const std::vector<uint32_t> &classes) {
    if (!joint[axis])
      return {};
    NodeSet set;
    for (uint32_t cls : classes)
      set.add(nodesOf[axis][cls]);
    return joint[axis]->cover(set);
  }

  void statementsOf(const Cell &cell, std::set<const model::StatementInfo *> &out) const {
    if (cell.prohibition)
      out.insert(&cell.prohibition->info);
    for (const model::PermitStep &step : cell.permits)
      out.insert(&step.rule->info);
  }

  void group(std::vector<DecisionChange> &out) {
    std::array<std::vector<uint32_t>, 2> reqs = requirementIds();
    if (us) {
      uint32_t usClass = axes[model::RecipientAxis].classOf[us->first().value_or(0)];
      for (size_t i = 0; i < actions.classOf.size(); ++i)
        if (i % axes[3].count == usClass)
          usActionClass.insert(actions.classOf[i]);
    }
    // Changed cells by (verb, requirement before, requirement after).
    std::map<std::tuple<Verb, uint32_t, uint32_t>, std::vector<std::pair<uint32_t, uint32_t>>>
        groups;
    for (uint32_t d = 0; d < data.count; ++d)
      for (uint32_t a = 0; a < actions.count; ++a) {
        uint64_t cell = uint64_t{d} * actions.count + a;
        uint32_t before = reqs[0][cellIds[0][cell]], after = reqs[1][cellIds[1][cell]];
        if (before != after)
          groups[{verbOf(a), before, after}].emplace_back(d, a);
      }
    if (groups.empty())
      return;
    auto dataMembers = membersOf(data, axes[1].count);
    auto actionMembers = membersOf(actions, axes[3].count);
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
      nodesOf[axis] = classNodes(axis);

    for (const auto &[key, pairs] : groups) {
      auto [verb, before, after] = key;
      DecisionChange change;
      change.verb = verb;
      change.before = requirements[before];
      change.after = requirements[after];
      if (change.before.empty())
        change.kind = DecisionChangeKind::Allowed;
      else if (change.after.empty())
        change.kind = DecisionChangeKind::Denied;
      else
        change.kind = DecisionChangeKind::ConsentChanged;
      change.material = widens(change.before, change.after);
      for (const ClassBox &grid : factor(pairs)) {
        std::array<std::set<const model::StatementInfo *>, 2> statements;
        for (uint32_t d : grid.rows)
          for (uint32_t a : grid.columns)
            for (unsigned s = 0; s < 2; ++s)
              statementsOf(cells[s][cellIds[s][uint64_t{d} * actions.count + a]], statements[s]);
        std::vector<std::pair<uint32_t, uint32_t>> dataPairs, actionPairs;
        for (uint32_t d : grid.rows)
          llvm::append_range(dataPairs, dataMembers[d]);
        for (uint32_t a : grid.columns)
          llvm::append_range(actionPairs, actionMembers[a]);
        for (const ClassBox &dataBox : factor(dataPairs))
          for (const ClassBox &actionBox : factor(actionPairs)) {
            DecisionChange box = change;
            box.axes[0] = names(0, dataBox.rows);
            box.axes[1] = names(1, dataBox.columns);
            box.axes[2] = names(2, actionBox.rows);
            box.axes[3] = names(3, actionBox.columns);
            for (unsigned s = 0; s < 2; ++s) {
              auto &list = s == 0 ? box.oldStatements : box.newStatements;
              list.assign(statements[s].begin(), statements[s].end());
              llvm::sort(list, [](const model::StatementInfo *x, const model::StatementInfo *y) {
                return x->id < y->id;
              });
            }
            out.push_back(std::move(box));
          }
      }
    }
  }

  Relation relation;
  std::array<const model::PolicyModel *, 2> models;
  std::array<const JointVocabulary *, model::kNumAxes> joint;
  std::optional<NodeSet> us;
  uint64_t maxCells;
  DiffTooLarge &tooLarge;

  std::array<std::vector<MappedEffect>, 2> mapped;
  std::array<Partition, model::kNumAxes> axes;
  std::array<std::optional<ClassLister>, model::kNumAxes> listers;
  std::array<std::vector<NodeSet>, model::kNumAxes> nodesOf;
  Partition data, actions;
  std::array<std::vector<Cell>, 2> cells;
  std::array<std::vector<uint32_t>, 2> cellIds;
  std::vector<ConsentRequirement> requirements;
  std::set<uint32_t> usActionClass;
  SeenSet seen;
};

// ---------------------------------------------------------------------------------------
// Everything else
// ---------------------------------------------------------------------------------------

llvm::SMLoc locOf(const model::StatementInfo *info) {
  return info ? info->range.Start : llvm::SMLoc();
}

std::string joinNames(const std::vector<std::string> &names) {
  std::string text;
  for (const std::string &name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

class OtherDiffer {
public:
  OtherDiffer(const model::PolicyModel &oldModel, const model::PolicyModel &newModel,
              const std::array<JointVocabulary, model::kNumVocabularies> &joint,
              std::vector<OtherChange> &out)
      : oldModel(oldModel), newModel(newModel), joint(joint), out(out) {}

  void run() {
    vocabularies();
    consents();
    retention();
    rights();
    notices();
    frameworks();
  }

private:
  void add(Area area, bool material, std::string summary, llvm::SMLoc oldLoc = {},
           llvm::SMLoc newLoc = {}) {
    out.push_back({area, material, std::move(summary), oldLoc, newLoc});
  }

  void vocabularies() {
    for (unsigned k = 0; k < model::kNumVocabularies; ++k) {
      const JointVocabulary &vocabulary = joint[k];
      auto kind = static_cast<model::VocabularyKind>(k);
      std::string noun = model::vocabularyName(kind).str();
      for (NodeId id = 0; id < vocabulary.size(); ++id) {
        const JointVocabulary::Node &node = vocabulary[id];
        for (unsigned s = 0; s < 2; ++s) {
          bool only = node.side[s] != model::kNoNode && node.side[1 - s] == model::kNoNode;
          bool parentOnly = node.parent != model::kNoNode &&
                            vocabulary[node.parent].side[1 - s] == model::kNoNode;
          if (!only || parentOnly)
            continue;
          const model::PolicyModel &side = s == 0 ? oldModel : newModel;
          llvm::SMLoc loc = side.vocabulary(kind)[node.side[s]].range.Start;
          std::string what = noun + " " + node.path +
                             (node.last > id ? " (with its subtree)" : "") +
                             (s == 0 ? " removed" : " added");
          add(Area::Vocabulary, false, what, s == 0 ? loc : llvm::SMLoc(),
              s == 1 ? loc : llvm::SMLoc());
        }
      }
    }
  }

  void consents() {
    for (const model::Consent &consent : oldModel.consents) {
      auto found = newModel.consentsByName.find(consent.name);
      if (found == newModel.consentsByName.end()) {
        add(Area::Consent, false, "consent " + consent.name + " removed", consent.range.Start);
        continue;
      }
      const model::Consent &now = newModel.consents[found->getValue()];
      if (consent.optIn != now.optIn)
        add(Area::Consent, consent.optIn,
            "consent " + consent.name + " changed from " + (consent.optIn ? "opt-in" : "opt-out") +
                " to " + (now.optIn ? "opt-in" : "opt-out"),
            consent.range.Start, now.range.Start);
    }
    for (const model::Consent &consent : newModel.consents)
      if (!oldModel.consentsByName.count(consent.name))
        add(Area::Consent, false, "consent " + consent.name + " added", {}, consent.range.Start);
  }

  struct Period {
    model::PeriodKind kind = model::PeriodKind::None;
    uint64_t hours = 0;
    std::string text;
    const model::Retention *statement = nullptr;
    bool operator<(const Period &other) const {
      return std::tie(kind, hours, text) < std::tie(other.kind, other.hours, other.text);
    }
    bool same(const Period &other) const {
      return kind == other.kind && hours == other.hours && text == other.text;
    }
  };

  static Period periodOf(const model::RetentionDecision &decision,
                         const model::PolicyModel &model) {
    Period period;
    period.kind = decision.kind;
    period.statement = decision.statement;
    const model::Retention *r = decision.statement;
    auto event = [&] {
      return r->event == model::kNone ? std::string() : model.events[r->event].name;
    };
    switch (decision.kind) {
    case model::PeriodKind::None:
      period.text = "no retention period";
      break;
    case model::PeriodKind::Conflicting:
      period.text = "conflicting retention periods";
      break;
    case model::PeriodKind::For:
      // Compared by length (`1 week` is `7 days`); lengths after different events are not
      // comparable (hours 0).
      period.text = "for " + (r->length ? r->length->str() : std::string());
      if (r->event != model::kNone)
        period.text += " after " + event();
      else if (r->length)
        period.hours = r->length->hours();
      break;
    case model::PeriodKind::Within:
      // An upper bound: compared by length like `for`, never equal to a `for`.
      period.text = "within " + (r->length ? r->length->str() : std::string());
      if (r->event != model::kNone)
        period.text += " after " + event();
      else if (r->length)
        period.hours = r->length->hours();
      break;
    case model::PeriodKind::Until:
      period.text = "until " + event();
      break;
    case model::PeriodKind::While:
      period.text = "while " + event();
      break;
    }
    return period;
  }

  /// Longer or unlimited where it was limited: material.
  static std::pair<bool, const char *> judge(const Period &before, const Period &after) {
    using model::PeriodKind;
    if (after.kind == PeriodKind::None)
      return {true, "no longer limited"};
    if (before.kind == PeriodKind::None)
      return {false, "now limited"};
    if (before.kind == after.kind &&
        (after.kind == PeriodKind::For || after.kind == PeriodKind::Within) && before.hours &&
        after.hours)
      return after.hours > before.hours ? std::pair{true, "lengthened"}
                                        : std::pair{false, "shortened"};
    return {true, "changed"};
  }

  void retention() {
    const JointVocabulary &categories =
        joint[static_cast<unsigned>(model::VocabularyKind::Category)];
    const JointVocabulary &sources = joint[static_cast<unsigned>(model::VocabularyKind::Source)];
    std::array<const model::PolicyModel *, 2> models{&oldModel, &newModel};
    std::array<std::vector<std::pair<const model::Retention *, Box>>, 2> rules;
    std::vector<const NodeSet *> categorySets, sourceSets;
    for (unsigned s = 0; s < 2; ++s) {
      for (const model::Retention *r : model::retentionsInLoadOrder(*models[s])) {
        if (!model::isPeriod(*r))
          continue;
        Box box;
        box.sets[0] = categories.map(s, r->categories.nodes);
        box.sets[1] = sources.map(
            s, models[s]->effects().axisSet(model::VocabularyKind::Source, r->sources.nodes));
        rules[s].emplace_back(r, std::move(box));
      }
      for (const auto &rule : rules[s]) {
        categorySets.push_back(&rule.second.sets[0]);
        sourceSets.push_back(&rule.second.sets[1]);
      }
    }
    if (rules[0].empty() && rules[1].empty())
      return;
    NodeId categoryCount = std::max<NodeId>(categories.size(), 1);
    NodeId sourceCount = std::max<NodeId>(sources.size(), 1);
    Partition categoryClasses = model::partitionNodes(categoryCount, categorySets);
    Partition sourceClasses = model::partitionNodes(sourceCount, sourceSets);
    ClassLister categoryLister(categoryClasses), sourceLister(sourceClasses);
    std::vector<ClassBox> boxes;
    for (unsigned s = 0; s < 2; ++s)
      for (const auto &rule : rules[s])
        boxes.push_back({categoryLister.classesOf(rule.second.sets[0]),
                         sourceLister.classesOf(rule.second.sets[1])});
    Partition grid = model::partitionGrid(categoryClasses.count, sourceClasses.count, boxes);
    SeenSet seen;
    std::array<std::vector<std::vector<const model::Retention *>>, 2> covering;
    for (unsigned s = 0; s < 2; ++s) {
      covering[s].resize(grid.count);
      size_t index = s == 0 ? 0 : rules[0].size();
      for (const auto &rule : rules[s])
        for (uint32_t cls : model::gridClasses(grid, sourceClasses.count, boxes[index++], seen))
          covering[s][cls].push_back(rule.first);
    }
    // Changed grid classes by (period before, period after).
    std::map<std::pair<Period, Period>, std::vector<uint32_t>> changes;
    for (uint32_t cls = 0; cls < grid.count; ++cls) {
      Period before = periodOf(model::resolveRetention(covering[0][cls]), oldModel);
      Period after = periodOf(model::resolveRetention(covering[1][cls]), newModel);
      if (!before.same(after))
        changes[{before, after}].push_back(cls);
    }
    if (changes.empty())
      return;
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> members(grid.count);
    for (size_t i = 0; i < grid.classOf.size(); ++i)
      members[grid.classOf[i]].emplace_back(static_cast<uint32_t>(i / sourceClasses.count),
                                            static_cast<uint32_t>(i % sourceClasses.count));
    auto nodesOf = [](const Partition &partition, const std::vector<uint32_t> &classes) {
      std::set<uint32_t> wanted(classes.begin(), classes.end());
      NodeSet set;
      for (NodeId id = 0; id < partition.classOf.size(); ++id)
        if (wanted.count(partition.classOf[id]))
          set.add({id, id});
      return set;
    };
    for (const auto &[periods, classes] : changes) {
      const auto &[before, after] = periods;
      auto [material, how] = judge(before, after);
      std::vector<std::pair<uint32_t, uint32_t>> pairs;
      for (uint32_t cls : classes)
        llvm::append_range(pairs, members[cls]);
      for (const ClassBox &box : factor(pairs)) {
        std::string what =
            "retention of " + joinNames(categories.cover(nodesOf(categoryClasses, box.rows)));
        NodeSet from = nodesOf(sourceClasses, box.columns);
        if (sources.size() > 0 && from.count() < sources.size())
          what += " from " + joinNames(sources.cover(from));
        what += ": " + before.text + " -> " + after.text + " (" + how + ")";
        add(Area::Retention, material, what,
            before.statement ? before.statement->info.range.Start : llvm::SMLoc(),
            after.statement ? after.statement->info.range.Start : llvm::SMLoc());
      }
    }
  }

  static uint64_t hoursOf(const model::DeadlineDecision &decision) {
    return decision.duration ? decision.duration->hours() : 0;
  }

  void rights() {
    for (size_t i = 0; i < model::registrySize<model::Right>(); ++i) {
      auto right = static_cast<model::Right>(i);
      std::string name = "right " + model::spelling(right).str();
      deadline(Area::Right, name, model::rightDeadline(oldModel, right),
               model::rightDeadline(newModel, right), "deadline", true);
    }
  }

  void notices() {
    for (size_t i = 0; i < model::registrySize<model::NoticeKind>(); ++i) {
      auto notice = static_cast<model::NoticeKind>(i);
      std::string name = "notice " + model::spelling(notice).str();
      deadline(Area::Notice, name, model::noticeLead(oldModel, notice),
               model::noticeLead(newModel, notice), "lead time", false);
    }
  }

  /// A right's deadline is worse when longer; a notice's lead time when shorter.
  void deadline(Area area, const std::string &name, const model::DeadlineDecision &before,
                const model::DeadlineDecision &after, const char *noun, bool longerIsWorse) {
    llvm::SMLoc oldLoc = locOf(before.statement), newLoc = locOf(after.statement);
    if (!before.statement && !after.statement)
      return;
    if (!after.statement) {
      add(area, true, name + " removed", oldLoc);
      return;
    }
    if (!before.statement) {
      add(area, false,
          name + " added" +
              (after.duration ? " (" + std::string(noun) + " " + after.duration->str() + ")"
                              : std::string()),
          {}, newLoc);
      return;
    }
    if (before.duration && !after.duration) {
      add(area, true, name + ": " + noun + " of " + before.duration->str() + " removed", oldLoc,
          newLoc);
      return;
    }
    if (!before.duration && after.duration) {
      add(area, false, name + ": " + noun + " of " + after.duration->str() + " added", oldLoc,
          newLoc);
      return;
    }
    if (!before.duration || hoursOf(before) == hoursOf(after))
      return;
    bool longer = hoursOf(after) > hoursOf(before);
    add(area, longer == longerIsWorse,
        name + ": " + noun + " " + before.duration->str() + " -> " + after.duration->str() +
            (longer ? " (longer)" : " (shorter)"),
        oldLoc, newLoc);
  }

  void frameworks() {
    auto has = [](const model::PolicyModel &model, model::Framework framework) {
      return llvm::find_if(model.policy.frameworks, [&](const model::FrameworkRef &ref) {
               return ref.framework == framework;
             }) != model.policy.frameworks.end();
    };
    for (size_t i = 0; i < model::registrySize<model::Framework>(); ++i) {
      auto framework = static_cast<model::Framework>(i);
      bool before = has(oldModel, framework), after = has(newModel, framework);
      if (before != after)
        add(Area::Framework, before,
            "transfer framework " + model::spelling(framework).str() +
                (before ? " removed" : " added"),
            before ? oldModel.policy.range.Start : llvm::SMLoc(),
            after ? newModel.policy.range.Start : llvm::SMLoc());
    }
  }

  const model::PolicyModel &oldModel;
  const model::PolicyModel &newModel;
  const std::array<JointVocabulary, model::kNumVocabularies> &joint;
  std::vector<OtherChange> &out;
};

const model::Notice *promisedNotice(const model::PolicyModel &model) {
  for (model::NoticeKind kind :
       {model::NoticeKind::material_change, model::NoticeKind::policy_change})
    for (const model::Notice &notice : model.notices)
      if (notice.notice == kind)
        return &notice;
  return nullptr;
}

} // namespace

std::optional<PolicyDiff> diffPolicies(const model::PolicyModel &oldModel,
                                       const model::PolicyModel &newModel, uint64_t maxCells,
                                       DiffTooLarge &tooLarge) {
  using model::VocabularyKind;
  std::array<JointVocabulary, model::kNumVocabularies> joint = {
      JointVocabulary(oldModel.vocabularies[0], newModel.vocabularies[0]),
      JointVocabulary(oldModel.vocabularies[1], newModel.vocabularies[1]),
      JointVocabulary(oldModel.vocabularies[2], newModel.vocabularies[2]),
      JointVocabulary(oldModel.vocabularies[3], newModel.vocabularies[3])};
  auto of = [&](VocabularyKind kind) { return &joint[static_cast<unsigned>(kind)]; };
  const JointVocabulary *categories = of(VocabularyKind::Category);
  const JointVocabulary *sources = of(VocabularyKind::Source);
  std::array<const model::PolicyModel *, 2> models{&oldModel, &newModel};

  PolicyDiff result;
  std::optional<NodeSet> us =
      of(VocabularyKind::Recipient)
          ->map(1, NodeSet::range(newModel.usRecipient, newModel.usRecipient));
  struct Plan {
    Relation relation;
    std::array<const JointVocabulary *, model::kNumAxes> axes;
  };
  const Plan plans[] = {
      {Relation::Collect, {categories, sources, nullptr, nullptr}},
      {Relation::Tuple,
       {categories, sources, of(VocabularyKind::Purpose), of(VocabularyKind::Recipient)}},
      {Relation::Link, {categories, sources, categories, nullptr}},
  };
  for (const Plan &plan : plans) {
    RelationDiffer differ(plan.relation, models, plan.axes,
                          plan.relation == Relation::Tuple ? us : std::nullopt, maxCells, tooLarge);
    if (!differ.run(result.decisions))
      return std::nullopt;
  }
  OtherDiffer(oldModel, newModel, joint, result.others).run();
  result.promisedNotice = promisedNotice(newModel);
  return result;
}

} // namespace policyc::diff
