// How long data is kept and how fast the controller answers: the resolution rules of
// docs/semantics.md ("Retention", "Rights, notices"), in one place for the evaluator, the
// checker, the C++ tables and the text.
#ifndef POLICYC_MODEL_PERIODS_H
#define POLICYC_MODEL_PERIODS_H

#include "model/Box.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <vector>

namespace policyc::model {

/// A `retain ... for|within|until|while` rule: a period. `as needed for` rules are extensions.
inline bool isPeriod(const Retention &retention) {
  return retention.kind != RetentionKind::AsNeeded;
}

/// The (category, source) box of a retention rule.
Box retentionBox(const Retention &retention);

/// True when the two rules keep data for the same period (same kind, event and length, the
/// length compared in hours: `1 week` is `7 days`).
bool samePeriod(const Retention &a, const Retention &b);
/// True when the box of `inner` is a strict subset of the box of `outer`.
bool strictlyInside(const Retention &inner, const Retention &outer);

enum class PeriodKind : uint8_t { None, For, Until, While, Conflicting, Within };

/// How long the data of one (category, source) pair is kept.
struct RetentionDecision {
  PeriodKind kind = PeriodKind::None;
  /// The deciding rule: the most specific covering one; for Conflicting the first of the
  /// disagreeing most specific ones. Null for None.
  const Retention *statement = nullptr;

  bool operator==(const RetentionDecision &other) const {
    return kind == other.kind && statement == other.statement;
  }
};

/// The decision among the period rules that cover one pair, given in load order: the most
/// specific ones (whose box strictly contains no other's) must agree, and the first decides.
RetentionDecision resolveRetention(llvm::ArrayRef<const Retention *> covering);

/// The deadline of a right or the lead time of a notice.
struct DeadlineDecision {
  /// The first statement (load order) that gives a duration for it; without one, the first
  /// statement that names it; null when none does.
  const StatementInfo *statement = nullptr;
  std::optional<Duration> duration;
};

DeadlineDecision rightDeadline(const PolicyModel &model, Right right);
DeadlineDecision noticeLead(const PolicyModel &model, NoticeKind notice);

/// The retention rules of a model in load order (statement id order).
std::vector<const Retention *> retentionsInLoadOrder(const PolicyModel &model);

} // namespace policyc::model

#endif
