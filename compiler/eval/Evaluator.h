// The reference evaluator: the decision procedure of docs/semantics.md over the effects the
// model derives for every statement (model/Effects.h), scanned in load order with no
// precomputation. `policyc query` answers with it, and the differential tests hold every
// backend's decisions to it. Clarity over speed: each decision scans all effects.
#ifndef POLICYC_EVAL_EVALUATOR_H
#define POLICYC_EVAL_EVALUATOR_H

#include "model/Effects.h"
#include "model/Periods.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/BitVector.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace policyc::eval {

using model::NodeId;

enum class Reason : uint8_t { Permitted, NoStatement, Prohibited, ConsentMissing };

/// "permitted", "no statement", "prohibited", "consent missing" (as the C++ runtime spells them).
llvm::StringRef reasonName(Reason reason);

struct Decision {
  bool allowed = false;
  Reason reason = Reason::NoStatement;
  /// The deciding statement; null for Reason::NoStatement.
  const model::Rule *rule = nullptr;
  /// The effect of that statement that decided.
  const model::Effect *effect = nullptr;

  uint32_t statement() const { return rule ? rule->info.id : 0; }
};

/// Granted consents, indexed by model::ConsentId.
using ConsentSet = llvm::BitVector;

/// A tuple of the decision relation (docs/semantics.md, "Decisions").
struct Tuple {
  NodeId category;
  NodeId source;
  NodeId purpose;
  NodeId recipient;
};

class Evaluator {
public:
  explicit Evaluator(const model::PolicyModel &model);

  const model::PolicyModel &getModel() const { return model; }
  const model::Effects &getEffects() const { return effects; }

  /// Opt-out consents granted, opt-in ones not (the state before the user chooses).
  ConsentSet defaultConsents() const;
  ConsentSet noConsents() const;
  ConsentSet allConsents() const;

  /// The decision procedure over one relation's effects, for a point of its box space.
  Decision decide(model::Relation relation, const model::Point &point,
                  const ConsentSet &granted) const;

  /// The tuple decision: prohibitions first, then permits with their consents.
  Decision decide(const Tuple &tuple, const ConsentSet &granted) const;
  Decision mayCollect(NodeId category, NodeId source, const ConsentSet &granted) const;
  Decision mayUse(NodeId category, NodeId source, NodeId purpose, const ConsentSet &granted) const {
    return decide({category, source, purpose, model.usRecipient}, granted);
  }
  Decision mayDisclose(NodeId category, NodeId source, NodeId recipient, NodeId purpose,
                       const ConsentSet &granted) const {
    return decide({category, source, purpose, recipient}, granted);
  }
  /// Joining `first` with `second` for data from `source`; symmetric.
  Decision mayLink(NodeId first, NodeId second, NodeId source, const ConsentSet &granted) const;

  /// Consents named by the permits that decide `tuple` (those the decision can depend on).
  std::vector<model::ConsentId> consentsAt(const Tuple &tuple) const;

  /// How long data of (category, source) is kept: the period rules covering that pair.
  model::RetentionDecision retention(NodeId category, NodeId source) const;
  /// True when a `retain ... as needed for P` statement covering (category, source) names
  /// `purpose`: the data may be kept beyond its period while needed for it.
  bool keptAsNeededFor(NodeId category, NodeId source, NodeId purpose) const;

  model::DeadlineDecision rightDeadline(model::Right right) const {
    return model::rightDeadline(model, right);
  }
  model::DeadlineDecision noticeLead(model::NoticeKind notice) const {
    return model::noticeLead(model, notice);
  }

private:
  const model::PolicyModel &model;
  const model::Effects &effects;
  /// model.retentions in load order (statement id order).
  std::vector<const model::Retention *> retentions;
};

} // namespace policyc::eval

#endif
