#include "model/Box.h"

#include <cassert>

namespace policyc::model {

bool Box::empty() const {
  for (const NodeSet &set : sets)
    if (set.empty())
      return true;
  return false;
}

bool Box::contains(const Point &point) const {
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    if (!sets[axis].contains(point[axis]))
      return false;
  return true;
}

bool Box::intersects(const Box &other) const {
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    if (!sets[axis].intersects(other.sets[axis]))
      return false;
  return true;
}

bool Box::contains(const Box &other) const {
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    if (!sets[axis].containsAll(other.sets[axis]))
      return false;
  return true;
}

Box Box::intersect(const Box &other) const {
  Box result;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    result.sets[axis] = sets[axis].intersect(other.sets[axis]);
  return result;
}

Point Box::first() const {
  assert(!empty() && "an empty box has no first point");
  Point point;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    point[axis] = *sets[axis].first();
  return point;
}

} // namespace policyc::model
