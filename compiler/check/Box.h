// A statement as a box of tuples: one set of vocabulary nodes per axis. Rule statements live
// in the space category x source x purpose x recipient; collection (a `collect` or
// `never collect` seen as (category, source)) and retention and protection statements use the
// first two axes only; links use category x source x linked category.
#ifndef POLICYC_CHECK_BOX_H
#define POLICYC_CHECK_BOX_H

#include "model/NodeSet.h"
#include "model/PolicyModel.h"

#include <array>

namespace policyc::check {

enum Axis : unsigned { CategoryAxis = 0, SourceAxis = 1, PurposeAxis = 2, RecipientAxis = 3 };
/// In link boxes the third axis holds the linked category.
inline constexpr Axis LinkedAxis = PurposeAxis;
inline constexpr unsigned kNumAxes = 4;

/// One tuple: a node per axis.
using Point = std::array<model::NodeId, kNumAxes>;

/// An axis that a space does not use holds this single point in every box, so boxes of that
/// space agree on it.
inline model::NodeSet unusedAxis() {
  return model::NodeSet::range(0, 0);
}

struct Box {
  std::array<model::NodeSet, kNumAxes> sets;

  bool empty() const;
  bool intersects(const Box &other) const;
  /// Every tuple of `other` is in this box.
  bool contains(const Box &other) const;
  Box intersect(const Box &other) const;
  /// The first node of every axis: in DFS order the first node of a subtree is its root, so
  /// this names the most general tuple of the box. The box must not be empty.
  Point first() const;
};

/// The vocabulary of each axis of a space; null where the space does not use the axis.
using AxisVocabularies = std::array<const model::Vocabulary *, kNumAxes>;

/// The first leaf of the DFS walk from `first` that stays within [first, last], or `first`
/// when there is none: witnesses name concrete data ("contact.email") rather than a group.
model::NodeId firstLeaf(const model::Vocabulary *vocabulary, model::NodeId first,
                        model::NodeId last);
/// A tuple of a non-empty box: on each axis, the first leaf of its first interval.
Point witnessPoint(const Box &box, const AxisVocabularies &vocabularies);

} // namespace policyc::check

#endif
