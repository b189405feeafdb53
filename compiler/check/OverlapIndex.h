// Finds the boxes that intersect a query box without a scan of all pairs.
//
// Vocabulary trees are numbered in DFS pre-order, so every selector is a union of intervals
// and a box is one interval set per axis. Two structures answer a query; it takes the one
// that promises fewer candidates:
//
// - Per axis, the intervals of all boxes sorted by first node (a counting sort: node ids are
//   dense), with a segment tree of the largest last node over that order. The intervals
//   meeting [a, b] are those that start inside it (a contiguous run) and those that start
//   before a and reach it (a descent that skips subtrees whose largest last is below a).
//   Counting them costs two array reads per interval, so the query enumerates only its most
//   selective axis and tests the candidates' other axes.
// - For boxes whose category and source sets are unions of a few whole subtrees (nearly every
//   statement), a hash map from (category subtree root, source subtree root) to the boxes.
//   Two subtrees meet iff one root is an ancestor-or-self of the other, so the boxes meeting
//   a query's (category, source) are found under the keys (u, v) with u an ancestor of or
//   inside the query's categories and v likewise: for a statement about one leaf, a handful
//   of lookups however many statements there are. Boxes of other shapes (groups such as
//   `identifying` whose intervals are not subtrees) keep a per-axis structure of their own
//   that such a query also consults.
//
// docs/checker.md derives the cost.
#ifndef POLICYC_CHECK_OVERLAPINDEX_H
#define POLICYC_CHECK_OVERLAPINDEX_H

#include "check/Box.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace policyc::check {

class OverlapIndex {
public:
  OverlapIndex() = default;
  // The per-axis structures point into the index's own vectors.
  OverlapIndex(const OverlapIndex &) = delete;
  OverlapIndex &operator=(const OverlapIndex &) = delete;

  /// The vocabularies of the category and source axes (the first two of `vocabularies`)
  /// enable the subtree-pair map; without them only the per-axis structure is used.
  void setVocabularies(const AxisVocabularies &vocabularies);
  /// Adds a box with a tag for the caller (typically the index of its statement). Entries are
  /// numbered in the order they are added.
  void add(Box box, uint32_t tag);
  /// Same, for a box that outlives the index (a model effect's): it is not copied.
  void addReference(const Box &box, uint32_t tag);
  /// Builds the structures; call after the last add and before the first query.
  void build();

  uint32_t size() const { return static_cast<uint32_t>(boxes.size()); }
  const Box &box(uint32_t entry) const { return *boxes[entry]; }
  uint32_t tag(uint32_t entry) const { return tags[entry]; }

  /// The entries whose box intersects `query`, in the order they were added.
  std::vector<uint32_t> overlapping(const Box &query) const;
  /// Same, into `result` (cleared first), reusing its storage.
  void overlapping(const Box &query, std::vector<uint32_t> &result) const;
  /// Calls `visit` with the entries whose box intersects `query` until it returns false, in
  /// an order that depends only on the index and the query (not the insertion order); an
  /// entry may come twice. For passes that need only some of the overlaps, so that a policy
  /// of many equal statements does not cost a scan of all pairs.
  void visitOverlapping(const Box &query, llvm::function_ref<bool(uint32_t)> visit) const;

private:
  /// Receives candidates: the entry, whether it surely meets the query (else the boxes must
  /// be compared), whether it may come again. Returns false to stop the enumeration.
  using Sink = llvm::function_ref<bool(uint32_t entry, bool sure, bool repeats)>;

  /// The smallest interval around each axis set of a box, and whether every set is exactly
  /// that interval: most selectors are one subtree, and then two boxes meet iff their hulls
  /// do, which is four pairs of comparisons instead of four interval-list walks.
  struct Hull {
    model::Interval axes[kNumAxes];
    bool exact;

    bool meets(const Hull &other) const {
      bool result = true;
      for (unsigned axis = 0; axis < kNumAxes; ++axis)
        result &=
            axes[axis].first <= other.axes[axis].last && other.axes[axis].first <= axes[axis].last;
      return result;
    }
  };
  static Hull hullOf(const Box &box);

  /// One interval of one box on one axis, with the box's hull next to it so that a query
  /// filters its candidates reading memory in order.
  struct Interval {
    model::NodeId first;
    model::NodeId last;
    uint32_t entry;
    bool single; ///< the box has no other interval on this axis
    Hull hull;
  };

  /// The per-axis structures over a set of entries.
  class AxisIndex {
  public:
    /// Indexes axis `axis` of `boxes[members[i]]`. The counts are built at once; the sorted
    /// intervals and the segment tree on first use (a query takes the pair map when it can,
    /// so many axes never need them). The arguments must outlive the index.
    void build(const std::vector<const Box *> &boxes, const std::vector<Hull> &hulls,
               const std::vector<uint32_t> &members, unsigned axis);
    /// How many indexed intervals meet `set` (an upper bound on the boxes found through it).
    uint64_t count(const model::NodeSet &set) const;
    /// Passes to `sink` the entries of the indexed intervals that meet `set` and whose hulls
    /// meet `query`'s; false when the sink stopped it.
    bool collect(const model::NodeSet &set, const Hull &query, Sink sink) const;

  private:
    /// Intervals with first < n, and with last < n, for n in [0, maxNode + 1]: node ids are
    /// dense (a vocabulary's size), so both searches are one array read.
    size_t startingBefore(model::NodeId node) const {
      return node >= firstBefore.size() ? total : firstBefore[node];
    }
    size_t endingBefore(model::NodeId node) const {
      return node >= lastBefore.size() ? total : lastBefore[node];
    }
    void materialize() const;

    const std::vector<const Box *> *boxes = nullptr;
    const std::vector<Hull> *hulls = nullptr;
    const std::vector<uint32_t> *members = nullptr;
    unsigned axis = 0;
    size_t total = 0; ///< intervals indexed
    std::vector<uint32_t> firstBefore;
    std::vector<uint32_t> lastBefore;
    mutable bool materialized = false;
    mutable std::vector<Interval> byFirst;
    /// Segment tree over byFirst; leaves at [leaves, 2*leaves).
    mutable std::vector<model::NodeId> maxLast;
    mutable size_t leaves = 0;
  };

  struct Axes {
    AxisIndex axes[kNumAxes];
    std::vector<uint32_t> members;

    void build(const std::vector<const Box *> &boxes, const std::vector<Hull> &hulls,
               const std::vector<uint32_t> &members);
    /// The per-axis path: the most selective axis, candidates tested on the others.
    bool query(const Box &query, const Hull &hull, Sink sink) const;
    uint64_t bestCount(const Box &query) const;
  };

  /// The roots of the whole subtrees that make up `set` on axis `axis` (`*` is the roots of
  /// the vocabulary); false when an interval cuts through a subtree or there would be more
  /// than `limit` of them.
  bool decompose(unsigned axis, const model::NodeSet &set, size_t limit,
                 llvm::SmallVectorImpl<model::NodeId> &roots) const;
  /// The nodes whose subtrees meet `set`: its nodes and their ancestors. Empty, with
  /// `tooMany` set, when there would be more than `limit`.
  void meetingRoots(unsigned axis, const model::NodeSet &set, uint64_t limit,
                    llvm::SmallVectorImpl<model::NodeId> &out, bool &tooMany) const;
  /// Every candidate of `query`, from the pair map or the per-axis structure.
  void enumerate(const Box &query, Sink sink) const;
  static uint64_t pairKey(model::NodeId category, model::NodeId source) {
    return (uint64_t(category) << 32) | source;
  }
  /// DenseMap's own hash of a 64-bit key keeps only the low 32 bits of key * 37, which for
  /// (category << 32 | source) is the source alone: every key of one source would collide.
  struct PairKeyInfo {
    static uint64_t getEmptyKey() { return ~uint64_t(0); }
    static uint64_t getTombstoneKey() { return ~uint64_t(0) - 1; }
    static unsigned getHashValue(uint64_t key) {
      return static_cast<unsigned>((key * 0x9E3779B97F4A7C15ULL) >> 32);
    }
    static bool isEqual(uint64_t a, uint64_t b) { return a == b; }
  };

  /// Entries' boxes: the model's own, or boxes added by value and kept in `owned` (a deque,
  /// so that adding does not move the boxes already pointed to).
  std::vector<const Box *> boxes;
  std::deque<Box> owned;
  std::vector<uint32_t> tags;
  std::vector<Hull> hulls;
  Axes all;   ///< every entry
  Axes loose; ///< the entries that are not in the pair map
  llvm::DenseMap<uint64_t, llvm::SmallVector<uint32_t, 2>, PairKeyInfo> pairs;
  AxisVocabularies vocabularies{};
  bool usePairs = false;
  mutable std::vector<uint32_t> unsure; ///< candidates of the current query to test exactly
  mutable llvm::SmallVector<model::NodeId, 16> categoryRoots;
  mutable llvm::SmallVector<model::NodeId, 16> sourceRoots;
};

} // namespace policyc::check

#endif
