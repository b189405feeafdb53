// What the passes of one check run share: the model and what it derives (the effects of every
// rule statement), the node sets the passes test against, overlap indexes over the effects'
// boxes, and the findings waiting to be reported.
// Private to the check stage.
#ifndef POLICYC_CHECK_CHECKCONTEXT_H
#define POLICYC_CHECK_CHECKCONTEXT_H

#include "basic/DiagnosticEngine.h"
#include "check/Checker.h"
#include "check/OverlapIndex.h"
#include "model/Effects.h"

#include <deque>
#include <vector>

namespace policyc::check {

/// Findings are collected from every pass and reported at the end in statement order, so
/// that the output reads like the policy whatever pass found what.
class Findings {
public:
  class Builder {
  public:
    Builder(Diagnostic &diagnostic, Finding &finding) : diagnostic(diagnostic), finding(finding) {}
    template <typename... Args>
    Builder &note(llvm::SMRange range, diag::Kind kind, Args &&...args) {
      diagnostic.notes.push_back(
          {range, kind, DiagnosticEngine::format(kind, std::forward<Args>(args)...)});
      return *this;
    }
    /// Records the tuple the finding is about, for tools and tests.
    Builder &witness(const Point &point) {
      finding.witness = point;
      return *this;
    }
    /// Proposes replacing `range` by `replacement` (an empty range inserts).
    Builder &fixIt(llvm::SMRange range, std::string replacement) {
      diagnostic.fixIts.push_back({range, std::move(replacement)});
      return *this;
    }
    /// Records the other statement of the clash.
    Builder &other(uint32_t statement) {
      finding.other = statement;
      return *this;
    }

  private:
    Diagnostic &diagnostic;
    Finding &finding;
  };

  /// Queues `kind` at `range`; `statement` is the id of the statement the finding is about
  /// (0 for declarations and the policy as a whole, which come first).
  template <typename... Args>
  Builder report(uint32_t statement, llvm::SMRange range, diag::Kind kind, Args &&...args) {
    entries.push_back({Diagnostic{kind,
                                  Severity::Ignored,
                                  range,
                                  DiagnosticEngine::format(kind, std::forward<Args>(args)...),
                                  {},
                                  {}},
                       Finding{kind, statement, 0, std::nullopt}});
    return Builder(entries.back().diagnostic, entries.back().finding);
  }

  size_t size() const { return entries.size(); }
  /// Reports everything queued, ordered by statement (stable within one statement), and
  /// returns the findings in that order.
  std::vector<Finding> emit(DiagnosticEngine &diags);

private:
  struct Entry {
    Diagnostic diagnostic;
    Finding finding;
  };
  std::deque<Entry> entries;
};

class CheckContext {
public:
  CheckContext(const model::PolicyModel &model, const CheckOptions &options);

  const model::PolicyModel &model;
  const model::Effects &effects;
  const CheckOptions &options;
  Findings findings;

  // Node sets the passes test against.
  model::NodeSet identifyingCategories;
  model::NodeSet anonymousCategories;
  model::NodeSet sensitiveCategories;
  model::NodeSet anonymousSources;
  model::NodeSet processors;   ///< recipients of kind processor
  model::NodeSet thirdParties; ///< recipients of kind third_party or public
  model::NodeSet abroadRecipients;
  model::NodeSet consentPurposes; ///< purposes whose legal basis is consent
  /// Purposes whose legal basis is not legal_obligation (the unused point if none).
  model::NodeSet withoutLegalObligation;
  model::NodeSet marketingPurposes; ///< purposes with the `marketing` attribute (inherited)
  /// Concrete data: leaves, and open nodes, whose own id stands for their unlisted members.
  /// An inner node that is not open is only its members.
  model::NodeSet concreteCategories;
  model::NodeSet concreteSources; ///< likewise for sources (the unused point if none)

  // Indexes over the effects the model derives for the rule statements (model/Effects.h),
  // one per relation, sign and origin that a pass asks about. An entry holds the effect's
  // `members` box (overlaps between statements are overlaps of the data they speak of; the
  // subtree-pair fast path of OverlapIndex needs whole subtrees, which `questions` boxes are
  // not), tagged with the effect's number in effects.all() (see effectAt()).
  /// Collection permitted: every `collect`.
  OverlapIndex collectPermits;
  /// Collection forbidden: `never collect`.
  OverlapIndex collectForbids;
  /// The collection permits that require a consent (few, so a pass asks them first).
  OverlapIndex conditionalCollects;
  /// Use and disclosure permitted: `collect ... for` (our own use), `use`, `disclose`.
  OverlapIndex tuplePermits;
  /// Use and disclosure forbidden by `never use` and `never disclose`.
  OverlapIndex tupleForbids;
  /// Use and disclosure forbidden because `never collect` forbids the collection.
  OverlapIndex neverCollected;
  /// The prohibition that each `for P only` adds.
  OverlapIndex limits;
  /// `link` and `never link`, each in both orientations.
  OverlapIndex linkPermits;
  OverlapIndex linkForbids;
  // Tagged with the index of the statement in model.retentions or model.protections.
  OverlapIndex periods;     ///< retain for / until / while, as (category, source)
  OverlapIndex protections; ///< protect statements, as (category, source)

  /// The effect an entry of one of the effect indexes stands for.
  const model::Effect &effectAt(const OverlapIndex &index, uint32_t entry) const {
    return effects.all()[index.tag(entry)];
  }
  /// The index in model.rules of the statement an effect belongs to.
  uint32_t ruleIndexOf(const model::Effect &effect) const {
    return static_cast<uint32_t>(effect.rule - model.rules.data());
  }
  /// The overlap index that holds effects like `effect` (same relation, sign and origin).
  const OverlapIndex &indexFor(const model::Effect &effect) const;

  /// The vocabularies of the axes of each space, for witnesses.
  AxisVocabularies tupleAxes; ///< category, source, purpose, recipient
  AxisVocabularies dataAxes;  ///< category, source
  AxisVocabularies linkAxes;  ///< category, source, linked category

  /// Rules the hygiene pass found never taking effect (so they are not reported again).
  std::vector<bool> neverTakesEffect;

  /// An axis set for vocabulary `kind`: `set` itself, or the single unused point when the
  /// vocabulary is empty (a policy without sources still has tuples).
  model::NodeSet axisSet(model::VocabularyKind kind, const model::NodeSet &set) const;
  /// (category, source) of a statement with those two clauses.
  Box dataBox(const model::SelectorList &categories, const model::SelectorList &sources) const;

  /// A tuple of a non-empty box of the rule space, taken where possible from data that some
  /// `collect` gathers: a case the policy really produces reads better than a pair it never
  /// collects (credit card numbers "from website.browsing").
  Point tupleWitness(const Box &box) const;

  /// The ancestor-or-self of `node` whose declaration gave it the inherited attribute `flag`.
  model::NodeId flagOrigin(model::VocabularyKind kind, model::NodeId node,
                           model::NodeFlag flag) const;
  /// The topmost ancestor-or-self of `node` with the same legal basis or recipient kind.
  model::NodeId basisOrigin(model::NodeId purpose) const;
  model::NodeId recipientKindOrigin(model::NodeId recipient) const;

  /// Where a finding about a statement points its "fix" note: the clause of `rule` on
  /// `axis` if it was written, else the statement.
  llvm::SMRange clauseRange(const model::Rule &rule, unsigned axis) const;

private:
  void deriveSets();
  void buildIndexes();
};

/// At most this many clashes of one statement are reported per pass, then a note says that
/// there are more: a policy of many equal statements would otherwise cost findings, and
/// work, by the square of its size.
inline constexpr size_t kMaxClashesPerStatement = 8;

/// The entries of `index` that meet `box` and that `accept` takes, in insertion order: at
/// most kMaxClashesPerStatement of them; `more` is set when there were others.
std::vector<uint32_t> clashesOf(const OverlapIndex &index, const Box &box,
                                llvm::function_ref<bool(uint32_t entry)> accept, bool &more);

/// The boxes of `index` that meet `query`, for a coverage test of `target` on its first
/// `axes` axes: empty, with `covered` set, as soon as one box alone covers the target (then
/// nothing else is needed, and a policy of many equal statements costs one lookup).
std::vector<const Box *> coversOf(const OverlapIndex &index, const Box &query, const Box &target,
                                  unsigned axes, bool &covered);

// The passes, one per class (docs/checks.md), in the order runChecks() runs them.
void checkPermitProhibition(CheckContext &context);      // 1, PermitProhibitionCheck.cpp
void checkPurposeLimitation(CheckContext &context);      // 2, PurposeLimitCheck.cpp
void checkAnonymity(CheckContext &context);              // 3, AnonymityCheck.cpp
void checkLinkage(CheckContext &context);                // 4, LinkageCheck.cpp
void checkConsent(CheckContext &context);                // 5, ConsentCheck.cpp
void checkDeadlinesAndRetention(CheckContext &context);  // 6, DeadlineRetentionCheck.cpp
void checkRegulationProfiles(CheckContext &context);     // 6, RegulationProfileCheck.cpp
void checkRecipientsAndTransfers(CheckContext &context); // 7, TransferCheck.cpp
void checkSensitiveData(CheckContext &context);          // 9, SensitiveDataCheck.cpp
void checkShadowing(CheckContext &context);              // hygiene, ShadowingCheck.cpp
void checkDeclarations(CheckContext &context);           // 8, DeclarationCheck.cpp

} // namespace policyc::check

#endif
