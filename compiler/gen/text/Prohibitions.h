// What the policy forbids, as boxes of tuples (docs/semantics.md): `never` statements and the
// limits of `for P only`. A permit sentence must state every prohibition that carves into its
// box ("except ..."), or the text would promise more than the code allows.
#ifndef POLICYC_GEN_TEXT_PROHIBITIONS_H
#define POLICYC_GEN_TEXT_PROHIBITIONS_H

#include "model/PolicyModel.h"

#include <vector>

namespace policyc::gen::text {

/// The tuples (category, source, purpose, recipient) a rule covers; for link rules the
/// purposes hold nothing and `linked` the second category set.
struct Box {
  model::NodeSet categories;
  model::NodeSet sources;
  model::NodeSet purposes;
  model::NodeSet recipients;
  model::NodeSet linked;
};

struct Prohibition {
  const model::Rule *rule = nullptr;
  /// True for the limit of a `for P only` permit (its purposes are then every purpose
  /// outside P); false for a `never` statement.
  bool onlyLimit = false;
  Box box;
};

class Prohibitions {
public:
  explicit Prohibitions(const model::PolicyModel &model);

  /// The tuples a permit permits.
  static Box permitBox(const model::Rule &permit);

  /// The prohibitions that forbid some of what `permit` permits, in load order. The limit of
  /// the permit's own `only` is never among them (it forbids other purposes).
  std::vector<const Prohibition *> overlapping(const model::Rule &permit) const;

  /// True when `prohibition` forbids everything `permit` permits.
  static bool coversAll(const Prohibition &prohibition, const model::Rule &permit);

  const std::vector<Prohibition> &all() const { return prohibitions; }

private:
  std::vector<Prohibition> prohibitions;
};

} // namespace policyc::gen::text

#endif
