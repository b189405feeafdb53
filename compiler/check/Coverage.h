// Whether a union of boxes covers a box, and if not, a tuple it misses: "is every collected
// category kept for some period", "does a permit of ours cover every purpose a processor
// gets". The boxes passed in are the few that the overlap index found, so a direct recursive
// split is cheap.
#ifndef POLICYC_CHECK_COVERAGE_H
#define POLICYC_CHECK_COVERAGE_H

#include "check/Box.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>

namespace policyc::check {

/// A tuple of `target` that no box of `covers` contains, comparing the first `axes` axes only
/// (later axes take `target`'s witness nodes). Leaves are preferred (witnessPoint()).
/// std::nullopt when the covers leave nothing of `target` out, or `target` is empty.
std::optional<Point> findUncovered(const Box &target, llvm::ArrayRef<const Box *> covers,
                                   const AxisVocabularies &vocabularies, unsigned axes = kNumAxes);

} // namespace policyc::check

#endif
