// What the model's effects (model/Effects.h) leave of a box of questions. A permit sentence
// states the prohibitions that carve into what it permits, a summary may name a flow only
// when some question of it is allowed, and "only if you opt in" is said only when no other
// permit allows the same without that consent: each is a question about the part of a box
// that effects decide. This file computes those parts; what each effect means is the model's.
#ifndef POLICYC_GEN_TEXT_REGIONS_H
#define POLICYC_GEN_TEXT_REGIONS_H

#include "model/Effects.h"

#include "llvm/ADT/ArrayRef.h"

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

  /// The prohibitions of `relation` that decide some question of `box`, in load order.
  std::vector<const model::Effect *> forbidsMeeting(model::Relation relation,
                                                    const model::Box &box) const;

  /// `region` minus the questions of each effect of `cuts`; nullopt when the pieces grow past
  /// a bound (hostile policies), and callers then assume the least they can state.
  std::optional<Region> minus(Region region, llvm::ArrayRef<const model::Effect *> cuts) const;

  /// The questions of `box` that `permit` decides and no prohibition does: where it allows,
  /// with its consents granted.
  std::optional<Region> allowedBy(const model::Effect &permit, const model::Box &box) const;

  /// The permits of `relation` that hold without some consent of `consents`: withdrawing
  /// that consent leaves them in force.
  std::vector<const model::Effect *>
  permitsLacking(model::Relation relation, llvm::ArrayRef<model::ConsentId> consents) const;

  /// True when withdrawing any one of `consents` denies every question of `region`: no
  /// permit that holds without it decides one of them.
  bool neededEverywhere(model::Relation relation, const Region &region,
                        llvm::ArrayRef<model::ConsentId> consents) const;
  /// True when some question of `region` is denied once any one of `consents` is withdrawn.
  bool neededSomewhere(model::Relation relation, const Region &region,
                       llvm::ArrayRef<model::ConsentId> consents) const;

  /// Whether some question of `box` in `relation` is allowed with every consent granted;
  /// nullopt when that could not be worked out.
  std::optional<bool> anyAllowed(model::Relation relation, const model::Box &box) const;

private:
  const model::Effects &effects;
};

} // namespace policyc::gen::text

#endif
