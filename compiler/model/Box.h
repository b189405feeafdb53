// A box of tuples: one set of vocabulary nodes per axis. It is the one shape in which the
// model states what a statement means (model/Effects.h) and in which the checker, the
// evaluator and every backend reason about it.
//
// The tuple relation uses all four axes (category x source x purpose x recipient). The
// collection relation (category, source) and the retention and protection statements use the
// first two; links use category x source x linked category. An axis a relation does not use
// holds the single point 0 in every box of that relation, so boxes of one relation always
// agree on it.
#ifndef POLICYC_MODEL_BOX_H
#define POLICYC_MODEL_BOX_H

#include "model/NodeSet.h"

#include <array>

namespace policyc::model {

enum Axis : unsigned { CategoryAxis = 0, SourceAxis = 1, PurposeAxis = 2, RecipientAxis = 3 };
/// In link boxes the third axis holds the linked category.
inline constexpr Axis LinkedAxis = PurposeAxis;
inline constexpr unsigned kNumAxes = 4;

/// One tuple: a node per axis.
using Point = std::array<NodeId, kNumAxes>;

/// The set an axis holds where the relation does not use it.
inline NodeSet unusedAxis() {
  return NodeSet::range(0, 0);
}

struct Box {
  std::array<NodeSet, kNumAxes> sets;

  bool empty() const;
  bool contains(const Point &point) const;
  bool intersects(const Box &other) const;
  /// Every tuple of `other` is in this box.
  bool contains(const Box &other) const;
  Box intersect(const Box &other) const;
  /// The first node of every axis: in DFS order the first node of a subtree is its root, so
  /// this names the most general tuple of the box. The box must not be empty.
  Point first() const;

  bool operator==(const Box &other) const { return sets == other.sets; }
  bool operator!=(const Box &other) const { return sets != other.sets; }
};

} // namespace policyc::model

#endif
