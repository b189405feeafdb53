// A set of vocabulary nodes as sorted, disjoint, non-adjacent intervals of DFS pre-order
// numbers. A subtree is one interval, so `contact` or `*` costs one interval however large,
// and set operations are linear in the number of intervals.
#ifndef POLICYC_MODEL_NODESET_H
#define POLICYC_MODEL_NODESET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace policyc::model {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

/// The closed interval [first, last] of node ids.
struct Interval {
  NodeId first;
  NodeId last;

  bool contains(NodeId id) const { return first <= id && id <= last; }
  bool overlaps(const Interval &other) const { return first <= other.last && other.first <= last; }
  bool operator==(const Interval &other) const {
    return first == other.first && last == other.last;
  }
};

class NodeSet {
public:
  NodeSet() = default;
  explicit NodeSet(Interval interval) { intervals.push_back(interval); }
  static NodeSet range(NodeId first, NodeId last) { return NodeSet(Interval{first, last}); }

  /// Adds an interval, merging with overlapping or adjacent ones.
  void add(Interval interval);
  void add(const NodeSet &other);

  bool empty() const { return intervals.empty(); }
  bool contains(NodeId id) const;
  /// True when every node of `other` is in this set.
  bool containsAll(const NodeSet &other) const;
  bool intersects(const NodeSet &other) const;
  NodeSet intersect(const NodeSet &other) const;
  /// The nodes of [0, universe) that are not in this set.
  NodeSet complement(NodeId universe) const;
  uint64_t count() const;
  /// The smallest node id, if any.
  std::optional<NodeId> first() const {
    if (intervals.empty())
      return std::nullopt;
    return intervals.front().first;
  }

  llvm::ArrayRef<Interval> getIntervals() const { return intervals; }
  bool operator==(const NodeSet &other) const { return intervals == other.intervals; }
  bool operator!=(const NodeSet &other) const { return !(*this == other); }

private:
  llvm::SmallVector<Interval, 1> intervals;
};

} // namespace policyc::model

#endif
