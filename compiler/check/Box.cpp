#include "check/Box.h"

#include <cassert>

namespace policyc::check {

model::NodeId firstLeaf(const model::Vocabulary *vocabulary, model::NodeId first,
                        model::NodeId last) {
  if (!vocabulary || first >= vocabulary->size())
    return first;
  // In pre-order a node's first child is the next id, so the walk is a run of ids.
  model::NodeId id = first;
  while (!(*vocabulary)[id].isLeaf(id) && id < last)
    ++id;
  return (*vocabulary)[id].isLeaf(id) ? id : first;
}

Point witnessPoint(const Box &box, const AxisVocabularies &vocabularies) {
  assert(!box.empty() && "an empty box has no witness");
  Point point;
  for (unsigned axis = 0; axis < kNumAxes; ++axis) {
    const model::Interval &interval = box.sets[axis].getIntervals().front();
    point[axis] = firstLeaf(vocabularies[axis], interval.first, interval.last);
  }
  return point;
}

} // namespace policyc::check
