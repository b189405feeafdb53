#include "gen/text/Regions.h"

#include "llvm/ADT/STLExtras.h"

namespace policyc::gen::text {

namespace {
/// Past this many pieces a region is given up on: a box minus n boxes has at most 4^n
/// pieces, and the generator must stay fast on any input (the fuzzers feed it).
constexpr size_t kMaxPieces = 4096;
} // namespace

model::NodeSet difference(const model::NodeSet &set, const model::NodeSet &cut) {
  if (set.empty() || !set.intersects(cut))
    return set;
  model::NodeId bound = set.getIntervals().back().last + 1;
  return set.intersect(cut.complement(bound));
}

Region subtract(const model::Box &box, const model::Box &cut) {
  if (!box.intersects(cut))
    return {box};
  Region pieces;
  model::Box rest = box;
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
    model::NodeSet outside = difference(rest.sets[axis], cut.sets[axis]);
    if (!outside.empty()) {
      model::Box piece = rest;
      piece.sets[axis] = std::move(outside);
      pieces.push_back(std::move(piece));
    }
    rest.sets[axis] = rest.sets[axis].intersect(cut.sets[axis]);
  }
  return pieces;
}

bool meets(const Region &region, const model::Box &box) {
  return llvm::any_of(region, [&](const model::Box &piece) { return piece.intersects(box); });
}

const std::vector<const model::Effect *> &Regions::forbidsOf(const model::Effect &permit) const {
  auto [found, added] = forbidCache.try_emplace(&permit);
  if (added)
    for (const model::Effect *effect : effects.forbidding(permit.relation))
      if (effect->questions.intersects(permit.questions))
        found->second.push_back(effect);
  return found->second;
}

std::vector<const model::Effect *> Regions::forbidsOf(const model::Effect &permit,
                                                      const model::Box &box) const {
  std::vector<const model::Effect *> result;
  for (const model::Effect *effect : forbidsOf(permit))
    if (effect->questions.intersects(box))
      result.push_back(effect);
  return result;
}

std::optional<Region> Regions::minus(Region region,
                                     llvm::ArrayRef<const model::Effect *> cuts) const {
  for (const model::Effect *cut : cuts) {
    Region next;
    for (const model::Box &piece : region) {
      Region rest = subtract(piece, cut->questions);
      next.insert(next.end(), std::make_move_iterator(rest.begin()),
                  std::make_move_iterator(rest.end()));
      if (next.size() > kMaxPieces)
        return std::nullopt;
    }
    region = std::move(next);
    if (region.empty())
      break;
  }
  return region;
}

std::optional<Region> Regions::allowedBy(const model::Effect &permit, const model::Box &box) const {
  model::Box decided = permit.questions.intersect(box);
  if (decided.empty())
    return Region();
  return minus({decided}, forbidsOf(permit, decided));
}

const std::vector<const model::Effect *> &Regions::lacking(const model::Effect &permit,
                                                           model::ConsentId consent) const {
  auto [found, added] = lackingCache.try_emplace(std::make_pair(&permit, consent));
  if (added)
    for (const model::Effect *effect : effects.permitting(permit.relation))
      if (!llvm::is_contained(effect->consents, consent) &&
          effect->questions.intersects(permit.questions))
        found->second.push_back(effect);
  return found->second;
}

bool Regions::neededEverywhere(const model::Effect &permit, const Region &region,
                               llvm::ArrayRef<model::ConsentId> consents) const {
  if (consents.empty())
    return false;
  for (model::ConsentId consent : consents)
    for (const model::Effect *effect : lacking(permit, consent))
      if (meets(region, effect->questions))
        return false;
  return true;
}

bool Regions::neededSomewhere(const model::Effect &permit, const Region &region,
                              model::ConsentId consent) const {
  if (region.empty())
    return false;
  std::vector<const model::Effect *> cuts;
  for (const model::Effect *effect : lacking(permit, consent))
    if (meets(region, effect->questions))
      cuts.push_back(effect);
  std::optional<Region> rest = minus(region, cuts);
  return rest && !rest->empty();
}

std::optional<bool> Regions::anyAllowed(model::Relation relation, const model::Box &box) const {
  bool unknown = false;
  for (const model::Effect *effect : effects.permitting(relation)) {
    if (!effect->questions.intersects(box))
      continue;
    std::optional<Region> allowed = allowedBy(*effect, box);
    if (!allowed)
      unknown = true;
    else if (!allowed->empty())
      return true;
  }
  if (unknown)
    return std::nullopt;
  return false;
}

} // namespace policyc::gen::text
