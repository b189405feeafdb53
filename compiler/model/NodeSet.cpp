#include "model/NodeSet.h"

#include <algorithm>

namespace policyc::model {

void NodeSet::add(Interval interval) {
  // Find the first interval that ends at or after interval.first - 1 (could touch).
  auto it = std::lower_bound(intervals.begin(), intervals.end(), interval,
                             [](const Interval &existing, const Interval &value) {
                               return uint64_t(existing.last) + 1 < value.first;
                             });
  auto end = it;
  while (end != intervals.end() && end->first <= uint64_t(interval.last) + 1) {
    interval.first = std::min(interval.first, end->first);
    interval.last = std::max(interval.last, end->last);
    ++end;
  }
  it = intervals.erase(it, end);
  intervals.insert(it, interval);
}

void NodeSet::add(const NodeSet &other) {
  for (const Interval &interval : other.intervals)
    add(interval);
}

bool NodeSet::contains(NodeId id) const {
  auto it = std::upper_bound(
      intervals.begin(), intervals.end(), id,
      [](NodeId value, const Interval &existing) { return value < existing.first; });
  return it != intervals.begin() && std::prev(it)->contains(id);
}

bool NodeSet::containsAll(const NodeSet &other) const {
  for (const Interval &needed : other.intervals) {
    auto it = std::upper_bound(
        intervals.begin(), intervals.end(), needed.first,
        [](NodeId value, const Interval &existing) { return value < existing.first; });
    if (it == intervals.begin())
      return false;
    const Interval &candidate = *std::prev(it);
    if (!(candidate.first <= needed.first && needed.last <= candidate.last))
      return false;
  }
  return true;
}

bool NodeSet::intersects(const NodeSet &other) const {
  size_t i = 0;
  size_t j = 0;
  while (i < intervals.size() && j < other.intervals.size()) {
    if (intervals[i].overlaps(other.intervals[j]))
      return true;
    if (intervals[i].last < other.intervals[j].last)
      ++i;
    else
      ++j;
  }
  return false;
}

NodeSet NodeSet::intersect(const NodeSet &other) const {
  NodeSet result;
  size_t i = 0;
  size_t j = 0;
  while (i < intervals.size() && j < other.intervals.size()) {
    const Interval &a = intervals[i];
    const Interval &b = other.intervals[j];
    if (a.overlaps(b))
      result.intervals.push_back({std::max(a.first, b.first), std::min(a.last, b.last)});
    if (a.last < b.last)
      ++i;
    else
      ++j;
  }
  return result;
}

NodeSet NodeSet::complement(NodeId universe) const {
  NodeSet result;
  NodeId next = 0;
  for (const Interval &interval : intervals) {
    if (interval.first > next)
      result.intervals.push_back({next, interval.first - 1});
    next = interval.last + 1;
  }
  if (universe > next)
    result.intervals.push_back({next, universe - 1});
  return result;
}

uint64_t NodeSet::count() const {
  uint64_t total = 0;
  for (const Interval &interval : intervals)
    total += uint64_t(interval.last) - interval.first + 1;
  return total;
}

} // namespace policyc::model
