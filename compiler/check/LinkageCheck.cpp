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
  if (context.linkProhibitions.size() == 0)
    return;
  for (uint32_t index = 0; index < model.rules.size(); ++index) {
    const model::Rule &link = model.rules[index];
    if (link.prohibition || link.kind != model::RuleKind::Link)
      continue;
    const Box &linkBox = context.ruleBoxes[index];
    std::set<uint32_t> taken; // a symmetric prohibition is indexed twice
    bool more = false;
    std::vector<uint32_t> clashes = clashesOf(
        context.linkProhibitions, linkBox,
        [&](uint32_t entry) { return taken.insert(context.linkProhibitions.tag(entry)).second; },
        more);
    for (uint32_t entry : clashes) {
      uint32_t prohibitionIndex = context.linkProhibitions.tag(entry);
      const model::Rule &prohibition = model.rules[prohibitionIndex];
      const Box &forbidden = context.linkProhibitions.box(entry);
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
