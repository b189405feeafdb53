// What each rule statement means, derived once: the signed boxes of docs/semantics.md.
//
// A `collect`, `use`, `disclose` or `link` statement, with or without `never`, permits or
// forbids the tuples of one or more boxes of one relation: collection (category, source),
// the tuple relation (category, source, purpose, recipient) or linkage (category, source,
// linked category). The table of docs/semantics.md is implemented here and nowhere else; the
// evaluator, the checker, the C++ tables, Cedar and the text all read these effects, so that
// adding a construct to the language means changing this file once.
//
// Each effect carries two boxes:
// - `members`: the tuples the statement speaks of, as written (`contact` stands for every
//   node of the contact subtree);
// - `questions`: the questions it decides, where a question may name a group (an inner node)
//   and is about every member of it (docs/semantics.md, "Questions about groups"). A forbid
//   decides every question that has a member in its box (on each axis, the upward closure of
//   its set); a permit only the questions all of whose members are in its box (on each axis,
//   the downward interior of its set). For a leaf question both are plain membership.
#ifndef POLICYC_MODEL_EFFECTS_H
#define POLICYC_MODEL_EFFECTS_H

#include "model/Box.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <vector>

namespace policyc::model {

/// The relations a question can be about.
enum class Relation : uint8_t {
  Collect, ///< (category, source): may it be collected?
  Tuple,   ///< (category, source, purpose, recipient): may it be used or disclosed?
  Link,    ///< (category, source, linked category): may the two be joined?
};
inline constexpr unsigned kNumRelations = 3;
llvm::StringRef relationName(Relation relation); ///< "collect", "tuple", "link"

/// Why a statement has an effect; a statement may have several.
enum class EffectOrigin : uint8_t {
  Statement,      ///< what the statement says itself
  CollectedUse,   ///< `collect C from S for P`: our own use for P of what we collect
  PurposeLimit,   ///< `for P only`: every purpose outside P is forbidden
  NeverCollected, ///< `never collect`: data that may not be collected is not used either
  MirroredLink,   ///< `link A with B` also joins B with A
};
llvm::StringRef originName(EffectOrigin origin);

struct Effect {
  const Rule *rule = nullptr;
  Relation relation = Relation::Tuple;
  bool forbids = false; ///< else it permits
  EffectOrigin origin = EffectOrigin::Statement;
  /// Permits: every one of these must be granted (sorted, each once). Empty for forbids.
  llvm::SmallVector<ConsentId, 2> consents;
  Box members;   ///< the tuples the statement speaks of
  Box questions; ///< the questions it decides (see the file comment)

  bool permits() const { return !forbids; }
  uint32_t statement() const { return rule->info.id; }
};

class Effects {
public:
  explicit Effects(const PolicyModel &model);
  Effects(const Effects &) = delete;
  Effects &operator=(const Effects &) = delete;

  const PolicyModel &getModel() const { return model; }

  /// Every effect, in load order of the statements (statement id order); the effects of one
  /// statement are adjacent, its own effect first.
  llvm::ArrayRef<Effect> all() const { return effects; }
  /// The effects that forbid, or permit, in `relation`, in load order.
  const std::vector<const Effect *> &forbidding(Relation relation) const {
    return forbids[static_cast<unsigned>(relation)];
  }
  const std::vector<const Effect *> &permitting(Relation relation) const {
    return permits[static_cast<unsigned>(relation)];
  }
  /// The effects of model.rules[ruleIndex].
  llvm::ArrayRef<Effect> ofRule(size_t ruleIndex) const;

  /// The point of a question in its relation's box space.
  static Point collectPoint(NodeId category, NodeId source) { return {category, source, 0, 0}; }
  static Point tuplePoint(NodeId category, NodeId source, NodeId purpose, NodeId recipient) {
    return {category, source, purpose, recipient};
  }
  static Point linkPoint(NodeId first, NodeId second, NodeId source) {
    return {first, source, second, 0};
  }

  /// The set an axis of `relation` holds for a clause over vocabulary `kind`: the set itself,
  /// or the single unused point when the vocabulary is empty (a policy without sources still
  /// has questions about categories).
  NodeSet axisSet(VocabularyKind kind, const NodeSet &set) const;
  /// The vocabulary of each axis of a relation; null where the relation does not use it.
  std::array<const Vocabulary *, kNumAxes> axisVocabularies(Relation relation) const;

private:
  void derive(const Rule &rule);
  /// Adds the effect whose members are first x second x third x fourth (nothing when one of
  /// them is empty). The sets are copied straight into the effect: deriving is a large part
  /// of checking a big policy, and temporary boxes cost more than the rest of it.
  void add(const Rule &rule, Relation relation, bool forbids, EffectOrigin origin,
           const NodeSet &first, const NodeSet &second, const NodeSet &third,
           const NodeSet &fourth);
  /// How many effects derive(rule) adds at most, so that the vector is sized once.
  static size_t maxEffects(const Rule &rule);
  /// axisSet without the copy.
  const NodeSet &axisRef(VocabularyKind kind, const NodeSet &set) const;

  const PolicyModel &model;
  const NodeSet unused = unusedAxis();
  std::vector<Effect> effects;
  /// By rule index: the first effect of that rule and one past its last.
  std::vector<std::pair<uint32_t, uint32_t>> byRule;
  std::array<std::vector<const Effect *>, kNumRelations> forbids;
  std::array<std::vector<const Effect *>, kNumRelations> permits;
};

} // namespace policyc::model

#endif
