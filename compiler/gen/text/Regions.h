// What the model's effects (model/Effects.h) leave of a box of questions. A permit sentence
// states the prohibitions that carve into what it permits, a summary may name a flow only
// when some question of it is allowed, and "only if you opt in" is said only when no other
// permit allows the same without that consent: each is a question about the part of a box
// that effects decide. This file computes those parts; what each effect means is the model's.
#ifndef POLICYC_GEN_TEXT_REGIONS_H
#define POLICYC_GEN_TEXT_REGIONS_H

#include "model/Effects.h"

#include "llvm/ADT/ArrayRef.h"

#include <map>
#include <optional>
#include <vector>

namespace policyc::gen::text {

/// A set of questions as disjoint boxes.
using Region = std::vector<model::Box>;

/// The nodes of `set` that are not in `cut`.
model::NodeSet difference(const model::NodeSet &set, const model::NodeSet &cut);
/// `box` minus `cut`, as at most one disjoint box per axis.
Region subtract(const model::Box &box, const model::Box &cut);
/// True when some box of `region` meets `box`.
bool meets(const Region &region, const model::Box &box);

class Regions {
public:
  explicit Regions(const model::Effects &effects) : effects(effects) {}

  const model::Effects &getEffects() const { return effects; }

  /// The prohibitions that decide some question `permit` decides, in load order (worked out
  /// once per permit: the sections and the table ask about the same permits again and again).
  const std::vector<const model::Effect *> &forbidsOf(const model::Effect &permit) const;
  /// Those of them that decide some question of `box`.
  std::vector<const model::Effect *> forbidsOf(const model::Effect &permit,
                                               const model::Box &box) const;

  /// `region` minus the questions of each effect of `cuts`; nullopt when the pieces grow past
  /// a bound (hostile policies), and callers then assume the least they can state.
  std::optional<Region> minus(Region region, llvm::ArrayRef<const model::Effect *> cuts) const;

  /// The questions of `box` that `permit` decides and no prohibition does: where it allows,
  /// with its consents granted.
  std::optional<Region> allowedBy(const model::Effect &permit, const model::Box &box) const;

  /// True when withdrawing any one of `consents` denies every question of `region` (a part
  /// of what `permit` decides): no permit that holds without it decides one of them.
  bool neededEverywhere(const model::Effect &permit, const Region &region,
                        llvm::ArrayRef<model::ConsentId> consents) const;
  /// True when some question of `region` (a part of what `permit` decides) is denied once
  /// `consent` is withdrawn.
  bool neededSomewhere(const model::Effect &permit, const Region &region,
                       model::ConsentId consent) const;

  /// Whether some question of `box` in `relation` is allowed with every consent granted;
  /// nullopt when that could not be worked out.
  std::optional<bool> anyAllowed(model::Relation relation, const model::Box &box) const;

private:
  /// The permits that decide some question `permit` decides and hold without `consent`.
  const std::vector<const model::Effect *> &lacking(const model::Effect &permit,
                                                    model::ConsentId consent) const;

  const model::Effects &effects;
  mutable std::map<const model::Effect *, std::vector<const model::Effect *>> forbidCache;
  mutable std::map<std::pair<const model::Effect *, model::ConsentId>,
                   std::vector<const model::Effect *>>
      lackingCache;
};

} // namespace policyc::gen::text

#endif
