// Class 4: linkage. A `link A with B` and a `never link C with D` overlap when they relate a
// common pair of categories (in either order, both relations are symmetric) for data from a
// common source. The prohibitions are indexed in both orientations, so one query per link
// finds both.
#include "check/CheckContext.h"
#include "check/Witness.h"

#include <set>

namespace policyc::check {

void checkLinkage(CheckContext &context) {
  const model::PolicyModel &model = context.model;
  const OverlapIndex &forbids = context.linkForbids;
  if (forbids.size() == 0)
    return;
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Link)) {
    // The prohibitions are indexed in both orientations, so the link's own one finds them all.
    if (permit->origin != model::EffectOrigin::Statement)
      continue;
    const model::Rule &link = *permit->rule;
    const Box &linkBox = permit->members;
    std::set<const model::Rule *> taken; // a prohibition is indexed in both orientations
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        forbids, linkBox,
        [&](uint32_t entry) { return taken.insert(context.effectAt(forbids, entry).rule).second; },
        more);
    for (uint32_t entry : clashes) {
      const model::Rule &prohibition = *context.effectAt(forbids, entry).rule;
      const Box &forbidden = forbids.box(entry);
      Point witness = witnessPoint(linkBox.intersect(forbidden), context.linkAxes);
      std::optional<unsigned> axis;
      std::string hint =
          narrowingHint(model, link, linkBox, forbidden, witness, "never link", axis);
      auto finding = context.findings
                         .report(link.info.id, link.info.range, diag::err_link_prohibited,
                                 describeLink(model, witness))
                         .witness(witness)
                         .other(prohibition.info.id)
                         .note(prohibition.info.range, diag::note_forbidden_here, "never link")
                         .note(axis ? context.clauseRange(link, *axis) : link.info.range,
                               diag::note_fix, hint);
      if (more && entry == clashes.back())
        finding.note(link.info.range, diag::note_more_clashes, kMaxClashesPerStatement);
    }
  }
}

} // namespace policyc::check
