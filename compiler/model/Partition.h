// Partitions of vocabularies into classes of nodes that a family of sets does not tell apart,
// and of grids of such classes: the C++ tables and the semantic diff decide once per class
// instead of once per node (docs/cpp-api.md, "How decisions are compiled").
#ifndef POLICYC_MODEL_PARTITION_H
#define POLICYC_MODEL_PARTITION_H

#include "model/NodeSet.h"

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace policyc::model {

/// A partition of a vocabulary (or of pairs of classes) into classes numbered 0..count-1 in
/// order of first appearance.
struct Partition {
  std::vector<uint32_t> classOf;
  uint32_t count = 0;
};

/// Partitions the nodes [0, size) by membership in each of `sets`. Works on elementary
/// segments (runs of nodes between interval boundaries), so the cost follows the number of
/// intervals rather than the number of nodes times sets.
Partition partitionNodes(NodeId size, const std::vector<const NodeSet *> &sets);

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

  const std::vector<uint32_t> &classesOf(const NodeSet &set);

private:
  const Partition &partition;
  SeenSet seen;
  std::map<std::vector<NodeId>, std::vector<uint32_t>> cache;
};

/// A box in class space: rows x columns of a two-dimensional class grid.
struct ClassBox {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> columns;
  bool operator<(const ClassBox &other) const {
    return std::tie(rows, columns) < std::tie(other.rows, other.columns);
  }
  bool operator==(const ClassBox &other) const {
    return rows == other.rows && columns == other.columns;
  }
};

/// Partitions the cells of a rows x columns grid by membership in each of `boxes`.
Partition partitionGrid(uint32_t rows, uint32_t columns, std::vector<ClassBox> boxes);

/// The grid classes a box covers, each once, in increasing order.
std::vector<uint32_t> gridClasses(const Partition &grid, uint32_t columns, const ClassBox &box,
                                  SeenSet &seen);

} // namespace policyc::model

#endif
