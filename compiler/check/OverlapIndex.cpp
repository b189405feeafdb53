#include "check/OverlapIndex.h"

#include <algorithm>
#include <cassert>

namespace policyc::check {

void OverlapIndex::setVocabularies(const AxisVocabularies &axisVocabularies) {
  vocabularies = axisVocabularies;
  usePairs = vocabularies[CategoryAxis] && vocabularies[SourceAxis];
}

void OverlapIndex::add(Box box, uint32_t tag) {
  owned.push_back(std::move(box));
  addReference(owned.back(), tag);
}

void OverlapIndex::addReference(const Box &box, uint32_t tag) {
  boxes.push_back(&box);
  tags.push_back(tag);
}

OverlapIndex::Hull OverlapIndex::hullOf(const Box &box) {
  Hull hull;
  hull.exact = true;
  for (unsigned axis = 0; axis < kNumAxes; ++axis) {
    llvm::ArrayRef<model::Interval> intervals = box.sets[axis].getIntervals();
    if (intervals.empty()) {
      // An empty set meets nothing; leave the decision to Box::intersects.
      hull.axes[axis] = {0, UINT32_MAX};
      hull.exact = false;
      continue;
    }
    hull.axes[axis] = {intervals.front().first, intervals.back().last};
    hull.exact = hull.exact && intervals.size() == 1;
  }
  return hull;
}

bool OverlapIndex::decompose(unsigned axis, const model::NodeSet &set, size_t limit,
                             llvm::SmallVectorImpl<model::NodeId> &roots) const {
  roots.clear();
  const model::Vocabulary *vocabulary = vocabularies[axis];
  if (set.empty())
    return false;
  for (const model::Interval &interval : set.getIntervals()) {
    // An axis without a vocabulary holds the single unused point, its own subtree.
    if (vocabulary->size() == 0) {
      if (interval.first != 0 || interval.last != 0)
        return false;
      roots.push_back(0);
      continue;
    }
    if (interval.last >= vocabulary->size())
      return false;
    for (model::NodeId id = interval.first; id <= interval.last; id = (*vocabulary)[id].last + 1) {
      if ((*vocabulary)[id].last > interval.last || roots.size() == limit)
        return false;
      roots.push_back(id);
    }
  }
  return true;
}

void OverlapIndex::meetingRoots(unsigned axis, const model::NodeSet &set, uint64_t limit,
                                llvm::SmallVectorImpl<model::NodeId> &out, bool &tooMany) const {
  out.clear();
  const model::Vocabulary *vocabulary = vocabularies[axis];
  uint64_t total = 0;
  for (const model::Interval &interval : set.getIntervals())
    total += uint64_t(interval.last) - interval.first + 1;
  if (total > limit) {
    tooMany = true;
    return;
  }
  for (const model::Interval &interval : set.getIntervals()) {
    for (model::NodeId id = interval.first; id <= interval.last; ++id)
      out.push_back(id);
    if (vocabulary->size() == 0)
      continue;
    // Every ancestor of a node of [a, b] outside it is an ancestor of a.
    for (model::NodeId id = (*vocabulary)[interval.first].parent; id != model::kNoNode;
         id = (*vocabulary)[id].parent)
      out.push_back(id);
  }
  if (set.getIntervals().size() > 1) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  tooMany = out.size() > limit;
}

void OverlapIndex::build() {
  hulls.clear();
  hulls.reserve(boxes.size());
  for (const Box *box : boxes)
    hulls.push_back(hullOf(*box));
  std::vector<uint32_t> everyEntry(boxes.size());
  std::vector<uint32_t> looseEntries;
  pairs.clear();
  // A box goes under at most this many keys; broader ones stay with the per-axis structure.
  constexpr size_t kMaxKeys = 64;
  llvm::SmallVector<model::NodeId, 8> categories;
  llvm::SmallVector<model::NodeId, 8> sources;
  for (uint32_t entry = 0; entry < boxes.size(); ++entry) {
    everyEntry[entry] = entry;
    const Box &box = *boxes[entry];
    if (!usePairs || !decompose(CategoryAxis, box.sets[CategoryAxis], kMaxKeys, categories) ||
        !decompose(SourceAxis, box.sets[SourceAxis], kMaxKeys / categories.size(), sources)) {
      looseEntries.push_back(entry);
      continue;
    }
    for (model::NodeId category : categories)
      for (model::NodeId source : sources)
        pairs[pairKey(category, source)].push_back(entry);
  }
  all.build(boxes, hulls, everyEntry);
  loose.build(boxes, hulls, looseEntries);
}

void OverlapIndex::Axes::build(const std::vector<const Box *> &boxes,
                               const std::vector<Hull> &hulls,
                               const std::vector<uint32_t> &entries) {
  members = entries;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    axes[axis].build(boxes, hulls, members, axis);
}

void OverlapIndex::AxisIndex::build(const std::vector<const Box *> &allBoxes,
                                    const std::vector<Hull> &allHulls,
                                    const std::vector<uint32_t> &entries, unsigned indexedAxis) {
  boxes = &allBoxes;
  hulls = &allHulls;
  members = &entries;
  axis = indexedAxis;
  materialized = false;
  model::NodeId maxNode = 0;
  total = 0;
  for (uint32_t entry : entries) {
    for (const model::Interval &interval : allBoxes[entry]->sets[axis].getIntervals()) {
      maxNode = std::max(maxNode, interval.last);
      ++total;
    }
  }
  // Prefix counts: firstBefore[n] = #{first < n}, lastBefore[n] = #{last < n}.
  firstBefore.assign(static_cast<size_t>(maxNode) + 2, 0);
  lastBefore.assign(static_cast<size_t>(maxNode) + 2, 0);
  for (uint32_t entry : entries) {
    for (const model::Interval &interval : allBoxes[entry]->sets[axis].getIntervals()) {
      ++firstBefore[interval.first + 1];
      ++lastBefore[interval.last + 1];
    }
  }
  for (size_t node = 1; node < firstBefore.size(); ++node) {
    firstBefore[node] += firstBefore[node - 1];
    lastBefore[node] += lastBefore[node - 1];
  }
}

void OverlapIndex::AxisIndex::materialize() const {
  materialized = true;
  // Place each interval after those with a smaller first node, keeping insertion order among
  // equal ones: a stable counting sort with the prefix counts as starting positions.
  byFirst.resize(total);
  std::vector<uint32_t> next(firstBefore.begin(), firstBefore.end());
  for (uint32_t entry : *members) {
    llvm::ArrayRef<model::Interval> own = (*boxes)[entry]->sets[axis].getIntervals();
    for (const model::Interval &interval : own)
      byFirst[next[interval.first]++] = {interval.first, interval.last, entry, own.size() == 1,
                                         (*hulls)[entry]};
  }
  leaves = 1;
  while (leaves < byFirst.size())
    leaves *= 2;
  maxLast.assign(2 * leaves, 0);
  for (size_t i = 0; i < byFirst.size(); ++i)
    maxLast[leaves + i] = byFirst[i].last;
  for (size_t node = leaves - 1; node >= 1; --node)
    maxLast[node] = std::max(maxLast[2 * node], maxLast[2 * node + 1]);
}

uint64_t OverlapIndex::AxisIndex::count(const model::NodeSet &set) const {
  uint64_t total = 0;
  for (const model::Interval &query : set.getIntervals()) {
    // Intervals meeting [a, b]: first <= b, minus those that end before a (which also start
    // before a, so they are among the first group).
    total += startingBefore(query.last + 1) - endingBefore(query.first);
  }
  return total;
}

bool OverlapIndex::AxisIndex::collect(const model::NodeSet &set, const Hull &query,
                                      Sink sink) const {
  struct Frame {
    size_t node;
    size_t lo; ///< first leaf position the node covers
    size_t width;
  };
  if (!materialized)
    materialize();
  bool severalRanges = set.getIntervals().size() > 1;
  auto consider = [&](const Interval &interval) {
    if (!interval.hull.meets(query))
      return true;
    return sink(interval.entry, interval.hull.exact && query.exact,
                severalRanges || !interval.single);
  };
  llvm::SmallVector<Frame, 64> stack;
  for (const model::Interval &range : set.getIntervals()) {
    // Intervals that start inside [a, b] are a contiguous run of byFirst.
    size_t begin = startingBefore(range.first);
    size_t end = startingBefore(range.last + 1);
    for (size_t i = begin; i < end; ++i)
      if (!consider(byFirst[i]))
        return false;
    // Those that start before a and reach it: a stabbing query on the prefix [0, begin),
    // descending only where the largest last node reaches a.
    if (begin == 0)
      continue;
    stack.clear();
    stack.push_back({1, 0, leaves});
    while (!stack.empty()) {
      Frame frame = stack.pop_back_val();
      if (frame.lo >= begin || maxLast[frame.node] < range.first)
        continue;
      if (frame.width == 1) {
        if (!consider(byFirst[frame.lo]))
          return false;
        continue;
      }
      size_t half = frame.width / 2;
      stack.push_back({2 * frame.node + 1, frame.lo + half, half});
      stack.push_back({2 * frame.node, frame.lo, half});
    }
  }
  return true;
}

uint64_t OverlapIndex::Axes::bestCount(const Box &query) const {
  uint64_t best = UINT64_MAX;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    best = std::min(best, axes[axis].count(query.sets[axis]));
  return best;
}

bool OverlapIndex::Axes::query(const Box &query, const Hull &hull, Sink sink) const {
  if (members.empty())
    return true;
  unsigned best = 0;
  uint64_t bestCount = UINT64_MAX;
  for (unsigned axis = 0; axis < kNumAxes; ++axis) {
    uint64_t count = axes[axis].count(query.sets[axis]);
    if (count < bestCount) {
      best = axis;
      bestCount = count;
    }
  }
  if (bestCount == 0)
    return true;
  return axes[best].collect(query.sets[best], hull, sink);
}

void OverlapIndex::enumerate(const Box &query, Sink sink) const {
  Hull queryHull = hullOf(query);
  // The pair map pays when the query's category and source meet few subtree roots.
  bool viaPairs = false;
  if (usePairs && !pairs.empty()) {
    uint64_t generic = all.bestCount(query);
    bool tooMany = false;
    meetingRoots(CategoryAxis, query.sets[CategoryAxis], generic, categoryRoots, tooMany);
    if (!tooMany)
      meetingRoots(SourceAxis, query.sets[SourceAxis], generic, sourceRoots, tooMany);
    viaPairs = !tooMany && uint64_t(categoryRoots.size()) * sourceRoots.size() * 4 < generic;
  }
  if (!viaPairs) {
    all.query(query, queryHull, sink);
    return;
  }
  // The roots are copied: the sink may run another query on this index.
  llvm::SmallVector<model::NodeId, 16> categories(categoryRoots.begin(), categoryRoots.end());
  llvm::SmallVector<model::NodeId, 16> sources(sourceRoots.begin(), sourceRoots.end());
  for (model::NodeId category : categories) {
    for (model::NodeId source : sources) {
      auto found = pairs.find(pairKey(category, source));
      if (found == pairs.end())
        continue;
      for (uint32_t entry : found->second) {
        const Hull &hull = hulls[entry];
        // A box with several subtrees can sit under several keys the query meets.
        if (hull.meets(queryHull) && !sink(entry, hull.exact && queryHull.exact, true))
          return;
      }
    }
  }
  loose.query(query, queryHull, sink);
}

std::vector<uint32_t> OverlapIndex::overlapping(const Box &query) const {
  std::vector<uint32_t> result;
  overlapping(query, result);
  return result;
}

void OverlapIndex::overlapping(const Box &query, std::vector<uint32_t> &result) const {
  result.clear();
  if (boxes.empty() || query.empty())
    return;
  unsure.clear();
  bool repeats = false;
  enumerate(query, [&](uint32_t entry, bool sure, bool again) {
    repeats |= again;
    (sure ? result : unsure).push_back(entry);
    return true;
  });
  for (uint32_t entry : unsure)
    if (boxes[entry]->intersects(query))
      result.push_back(entry);
  std::sort(result.begin(), result.end());
  if (repeats)
    result.erase(std::unique(result.begin(), result.end()), result.end());
}

void OverlapIndex::visitOverlapping(const Box &query,
                                    llvm::function_ref<bool(uint32_t)> visit) const {
  if (boxes.empty() || query.empty())
    return;
  enumerate(query, [&](uint32_t entry, bool sure, bool) {
    if (!sure && !boxes[entry]->intersects(query))
      return true;
    return visit(entry);
  });
}

} // namespace policyc::check
