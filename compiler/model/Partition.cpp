#include "model/Partition.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace policyc::model {

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

} // namespace

Partition partitionNodes(NodeId size, const std::vector<const NodeSet *> &sets) {
  std::vector<NodeId> bounds{0, size};
  for (const NodeSet *set : sets)
    for (const Interval &interval : set->getIntervals()) {
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
    for (const Interval &interval : set->getIntervals())
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

const std::vector<uint32_t> &ClassLister::classesOf(const NodeSet &set) {
  std::vector<NodeId> key;
  for (const Interval &interval : set.getIntervals()) {
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
  // Nodes past the partitioned range belong to no class: the unused point of an axis without
  // a vocabulary (model/Effects.h) names nothing that can be asked about.
  NodeId size = static_cast<NodeId>(partition.classOf.size());
  for (const Interval &interval : set.getIntervals())
    if (interval.first < size)
      add(interval.first, std::min<NodeId>(interval.last, size - 1));
  llvm::sort(result);
  return result;
}

Partition partitionGrid(uint32_t rows, uint32_t columns, std::vector<ClassBox> boxes) {
  llvm::sort(boxes);
  boxes.erase(std::unique(boxes.begin(), boxes.end()), boxes.end());
  Refiner refiner(static_cast<size_t>(rows) * columns);
  std::vector<size_t> members;
  for (const ClassBox &box : boxes) {
    members.clear();
    for (uint32_t row : box.rows)
      for (uint32_t column : box.columns)
        members.push_back(static_cast<size_t>(row) * columns + column);
    refiner.split(members);
  }
  return refiner.result();
}

std::vector<uint32_t> gridClasses(const Partition &grid, uint32_t columns, const ClassBox &box,
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

} // namespace policyc::model
