// The reference evaluator: the meaning of a policy (docs/semantics.md) implemented literally,
// statement by statement in load order, with no precomputation. `policyc query` answers with
// it, and the differential tests hold every backend's decisions to it. Clarity over speed:
// each decision scans all statements.
#ifndef POLICYC_EVAL_EVALUATOR_H
#define POLICYC_EVAL_EVALUATOR_H

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

enum class RetentionKind : uint8_t { None, For, Until, While, Conflicting };

/// How long data of one (category, source) pair is kept.
struct RetentionDecision {
  RetentionKind kind = RetentionKind::None;
  /// The deciding `retain` statement: the most specific covering one; for Conflicting the
  /// first of the disagreeing most specific ones. Null for None.
  const model::Retention *statement = nullptr;
};

/// The deadline of a right or the lead time of a notice.
struct DeadlineDecision {
  /// The first statement (load order) that gives a duration for it; without one, the first
  /// statement that names it; null when none does.
  const model::StatementInfo *statement = nullptr;
  std::optional<model::Duration> duration;
};

class Evaluator {
public:
  explicit Evaluator(const model::PolicyModel &model);

  const model::PolicyModel &getModel() const { return model; }

  /// Opt-out consents granted, opt-in ones not (the state before the user chooses).
  ConsentSet defaultConsents() const;
  ConsentSet noConsents() const;
  ConsentSet allConsents() const;

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

  /// Consents named by the permits that cover `tuple` (those the decision can depend on).
  std::vector<model::ConsentId> consentsAt(const Tuple &tuple) const;

  RetentionDecision retention(NodeId category, NodeId source) const;
  /// True when a `retain ... as needed for P` statement covering (category, source) names
  /// `purpose`: the data may be kept beyond its period while needed for it.
  bool keptAsNeededFor(NodeId category, NodeId source, NodeId purpose) const;

  DeadlineDecision rightDeadline(model::Right right) const;
  DeadlineDecision noticeLead(model::NoticeKind notice) const;

private:
  bool prohibits(const model::Rule &rule, const Tuple &tuple) const;
  bool permits(const model::Rule &rule, const Tuple &tuple) const;
  bool grantedAll(const model::Rule &rule, const ConsentSet &granted) const;
  /// Steps 2-4 of the decision procedure over the permits `covers` accepts.
  template <typename Covers> Decision firstPermit(Covers covers, const ConsentSet &granted) const;

  const model::PolicyModel &model;
  /// model.rules and model.retentions in load order (statement id order).
  std::vector<const model::Rule *> rules;
  std::vector<const model::Retention *> retentions;
};

} // namespace policyc::eval

#endif
