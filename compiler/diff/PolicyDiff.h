// The semantic difference between two versions of a policy (docs/diff.md): what becomes
// allowed, what becomes denied, what needs other consents, and what changed in vocabularies,
// consents, retention, rights, notices and transfer frameworks. Decisions are compared as
// functions from consents to allow/deny over the questions both versions can ask, computed
// per class of a joint partition (model/Partition.h, model/Cells.h) rather than per tuple,
// and reported as boxes named by subtrees.
#ifndef POLICYC_DIFF_POLICYDIFF_H
#define POLICYC_DIFF_POLICYDIFF_H

#include "ast/AST.h"
#include "model/Effects.h"
#include "model/PolicyModel.h"

#include "llvm/Support/SMLoc.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policyc::diff {

using model::NodeId;
using model::NodeSet;

/// The union of two versions of a vocabulary, by node path, numbered in DFS pre-order so that
/// a subtree is an interval again. Nodes of the old version come first among siblings.
class JointVocabulary {
public:
  JointVocabulary(const model::Vocabulary &oldSide, const model::Vocabulary &newSide);

  struct Node {
    std::string path;
    NodeId parent = model::kNoNode;
    NodeId last = 0;                                            ///< the subtree is [id, last]
    std::array<NodeId, 2> side{model::kNoNode, model::kNoNode}; ///< id in old and new, if any
  };

  NodeId size() const { return static_cast<NodeId>(nodes.size()); }
  const Node &operator[](NodeId id) const { return nodes[id]; }
  /// The joint nodes of a set of nodes of one side (0 old, 1 new).
  NodeSet map(unsigned side, const NodeSet &set) const;
  /// The fewest names that cover `set`: roots of subtrees wholly inside it, then the nodes
  /// that are in it as groups only (their subtree is not), marked " (as a group)".
  std::vector<std::string> cover(const NodeSet &set) const;

private:
  /// A maximal run of side nodes whose joint ids are consecutive too.
  struct Run {
    NodeId sideFirst, jointFirst, length;
  };
  std::vector<Node> nodes;
  std::array<std::vector<Run>, 2> runs;
  std::array<bool, 2> sideEmpty{};
};

/// The statement verbs of the language (ast::verbKeyword spells them).
using ast::Verb;

enum class DecisionChangeKind : uint8_t {
  Allowed,        ///< denied before whatever the consents, allowed now under some
  Denied,         ///< allowed before under some consents, denied now under all
  ConsentChanged, ///< allowed on both sides, under different consents
};
llvm::StringRef decisionChangeName(DecisionChangeKind kind); ///< "allowed", "denied", ...

/// What makes a question allowed: any one of these sets of consents (each sorted), granted
/// together. Empty: never allowed; one empty set: always allowed.
using ConsentRequirement = std::vector<std::vector<std::string>>;

/// Questions of one verb whose decision changed the same way, as a box of names per axis.
struct DecisionChange {
  Verb verb = Verb::Collect;
  DecisionChangeKind kind = DecisionChangeKind::Allowed;
  bool material = false;
  ConsentRequirement before, after;
  /// Names covering each axis (category, source, purpose, recipient; for link the third axis
  /// is the linked category); empty where the verb has no such axis.
  std::array<std::vector<std::string>, model::kNumAxes> axes;
  /// The statements that decided these questions on each side, in load order.
  std::vector<const model::StatementInfo *> oldStatements, newStatements;
};

enum class Area : uint8_t { Vocabulary, Consent, Retention, Right, Notice, Framework };
llvm::StringRef areaName(Area area); ///< "vocabulary", "consent", ...

/// Any other change, as one sentence.
struct OtherChange {
  Area area = Area::Vocabulary;
  bool material = false;
  std::string summary;
  llvm::SMLoc oldLoc, newLoc; ///< where each side says it, when it does
};

struct PolicyDiff {
  std::vector<DecisionChange> decisions;
  std::vector<OtherChange> others;
  /// The notice the new version promises before a material change (`material_change`, else
  /// `policy_change`); null when it promises none.
  const model::Notice *promisedNotice = nullptr;

  bool anyChange() const { return !decisions.empty() || !others.empty(); }
  bool anyMaterial() const;
};

/// Why no diff could be computed: the joint partition would exceed the cell limit.
struct DiffTooLarge {
  std::string what;
  uint64_t cells = 0;
  uint64_t limit = 0;
};

std::optional<PolicyDiff> diffPolicies(const model::PolicyModel &oldModel,
                                       const model::PolicyModel &newModel, uint64_t maxCells,
                                       DiffTooLarge &tooLarge);

} // namespace policyc::diff

#endif
