#include "check/Coverage.h"

#include <algorithm>
#include <vector>

namespace policyc::check {

namespace {
/// Splits `target` on axis `axis` at every boundary of the covers, so that each piece lies
/// wholly inside or wholly outside each cover on that axis, and recurses into the next axis
/// with the covers that contain the piece.
bool search(const Box &target, const std::vector<const Box *> &covers,
            const AxisVocabularies &vocabularies, unsigned axis, unsigned axes, Point &point) {
  if (covers.empty()) {
    Point rest = witnessPoint(target, vocabularies);
    for (unsigned later = axis; later < kNumAxes; ++later)
      point[later] = rest[later];
    return true;
  }
  if (axis == axes)
    return false;

  std::vector<model::NodeId> cuts;
  for (const model::Interval &interval : target.sets[axis].getIntervals()) {
    cuts.push_back(interval.first);
    cuts.push_back(interval.last + 1);
  }
  for (const Box *cover : covers) {
    for (const model::Interval &interval : cover->sets[axis].getIntervals()) {
      cuts.push_back(interval.first);
      cuts.push_back(interval.last + 1);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  // Pieces of the target, those that hold a leaf first: witnesses should name concrete data
  // ("contact.phone") before a group node that only its children make sense of ("contact").
  struct Piece {
    model::NodeId first;
    model::NodeId pick;
    bool leaf;
  };
  std::vector<Piece> pieces;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (!target.sets[axis].contains(cuts[i]))
      continue;
    model::NodeId pick = firstLeaf(vocabularies[axis], cuts[i], cuts[i + 1] - 1);
    const model::Vocabulary *vocabulary = vocabularies[axis];
    bool leaf = !vocabulary || pick >= vocabulary->size() || (*vocabulary)[pick].isLeaf(pick);
    pieces.push_back({cuts[i], pick, leaf});
  }
  std::stable_partition(pieces.begin(), pieces.end(),
                        [](const Piece &piece) { return piece.leaf; });

  std::vector<const Box *> inside;
  std::vector<const Box *> previous;
  bool havePrevious = false;
  for (const Piece &piece : pieces) {
    model::NodeId pieceFirst = piece.first;
    inside.clear();
    for (const Box *cover : covers)
      if (cover->sets[axis].contains(pieceFirst))
        inside.push_back(cover);
    // Neighbouring pieces inside the same covers have the same answer.
    if (havePrevious && inside == previous)
      continue;
    previous = inside;
    havePrevious = true;
    point[axis] = piece.pick;
    if (search(target, inside, vocabularies, axis + 1, axes, point))
      return true;
  }
  return false;
}
} // namespace

std::optional<Point> findUncovered(const Box &target, llvm::ArrayRef<const Box *> covers,
                                   const AxisVocabularies &vocabularies, unsigned axes) {
  if (target.empty())
    return std::nullopt;
  std::vector<const Box *> relevant;
  for (const Box *cover : covers) {
    bool meets = true;
    for (unsigned axis = 0; axis < axes && meets; ++axis)
      meets = cover->sets[axis].intersects(target.sets[axis]);
    if (!meets)
      continue;
    bool containsAll = true;
    for (unsigned axis = 0; axis < axes && containsAll; ++axis)
      containsAll = cover->sets[axis].containsAll(target.sets[axis]);
    if (containsAll)
      return std::nullopt;
    relevant.push_back(cover);
  }
  Point point{};
  if (search(target, relevant, vocabularies, 0, axes, point))
    return point;
  return std::nullopt;
}

} // namespace policyc::check
