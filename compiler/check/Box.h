// Witness points of boxes (model/Box.h) for the checker's findings: concrete data rather than
// groups.
#ifndef POLICYC_CHECK_BOX_H
#define POLICYC_CHECK_BOX_H

#include "model/Box.h"
#include "model/PolicyModel.h"

#include <array>

namespace policyc::check {

// The one Box type is the model's (model/Box.h); the checker names its parts directly.
using model::Axis;
using model::Box;
using model::CategoryAxis;
using model::kNumAxes;
using model::LinkedAxis;
using model::Point;
using model::PurposeAxis;
using model::RecipientAxis;
using model::SourceAxis;
using model::unusedAxis;

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
