#include "gen/text/Prohibitions.h"

namespace policyc::gen::text {

namespace {
bool overlaps(const Box &a, const Box &b, bool link) {
  if (!a.sources.intersects(b.sources))
    return false;
  if (link) {
    // Linkage is symmetric: A with B is B with A.
    return (a.categories.intersects(b.categories) && a.linked.intersects(b.linked)) ||
           (a.categories.intersects(b.linked) && a.linked.intersects(b.categories));
  }
  return a.categories.intersects(b.categories) && a.purposes.intersects(b.purposes) &&
         a.recipients.intersects(b.recipients);
}

bool contains(const Box &outer, const Box &inner, bool link) {
  if (!outer.sources.containsAll(inner.sources))
    return false;
  if (link) {
    return (outer.categories.containsAll(inner.categories) &&
            outer.linked.containsAll(inner.linked)) ||
           (outer.categories.containsAll(inner.linked) &&
            outer.linked.containsAll(inner.categories));
  }
  return outer.categories.containsAll(inner.categories) &&
         outer.purposes.containsAll(inner.purposes) &&
         outer.recipients.containsAll(inner.recipients);
}
} // namespace

Prohibitions::Prohibitions(const model::PolicyModel &model) {
  model::NodeId purposeCount = model.purposes().size();
  for (const model::Rule &rule : model.rules) {
    if (rule.prohibition) {
      prohibitions.push_back(Prohibition{&rule, false, permitBox(rule)});
      continue;
    }
    if (!rule.only)
      continue;
    Box limit = permitBox(rule);
    limit.purposes = rule.purposes.nodes.complement(purposeCount);
    // The limit of `collect` and `use` binds everyone; on `disclose` it binds the recipients
    // named there only.
    if (rule.kind != model::RuleKind::Disclose)
      limit.recipients = model.recipients().all();
    prohibitions.push_back(Prohibition{&rule, true, std::move(limit)});
  }
}

Box Prohibitions::permitBox(const model::Rule &permit) {
  return Box{permit.categories.nodes, permit.sources.nodes, permit.purposes.nodes,
             permit.recipients.nodes, permit.linked.nodes};
}

std::vector<const Prohibition *> Prohibitions::overlapping(const model::Rule &permit) const {
  std::vector<const Prohibition *> result;
  bool link = permit.kind == model::RuleKind::Link;
  Box box = permitBox(permit);
  for (const Prohibition &prohibition : prohibitions) {
    if (prohibition.rule == &permit)
      continue;
    bool prohibitionIsLink = prohibition.rule->kind == model::RuleKind::Link;
    if (link != prohibitionIsLink)
      continue;
    if (overlaps(prohibition.box, box, link))
      result.push_back(&prohibition);
  }
  return result;
}

bool Prohibitions::coversAll(const Prohibition &prohibition, const model::Rule &permit) {
  return contains(prohibition.box, permitBox(permit), permit.kind == model::RuleKind::Link);
}

} // namespace policyc::gen::text
