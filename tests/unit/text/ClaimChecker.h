// Holds the claims of a generated policy text to the reference evaluator
// (docs/text-generation.md, "Claims"): every tuple a claim covers, under the consents the
// claim implies. Also finds data-flow sentences that carry no claim.
#ifndef POLICYC_TESTS_UNIT_TEXT_CLAIMCHECKER_H
#define POLICYC_TESTS_UNIT_TEXT_CLAIMCHECKER_H

#include "TestSupport.h"

#include "eval/Evaluator.h"
#include "gen/text/TextDocument.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace policyc::test {

/// A claim the evaluator contradicts, with the sentence, the tuple and the consents.
struct Contradiction {
  std::string sentence;
  std::string problem; ///< "says allowed, but the evaluator denies (no statement)"
  std::string tuple;   ///< "(category contact.email, source web, purpose ads, recipient us)"
  std::string consents;
  std::vector<uint32_t> statements;

  std::string str() const;
};

struct ClaimStats {
  uint64_t claims = 0;
  uint64_t tuples = 0;    ///< distinct (claim, tuple) pairs visited
  uint64_t decisions = 0; ///< evaluator calls
};

class ClaimChecker {
public:
  explicit ClaimChecker(const eval::Evaluator &evaluator);

  /// Every claim of the document; the contradictions found (empty when the text is right).
  std::vector<Contradiction> check(const gen::text::Document &document);
  std::vector<Contradiction> check(const gen::text::Claim &claim);

  /// "(category a.b, source s, purpose p, recipient r)" for a point of `relation`.
  std::string describe(model::Relation relation, const model::Point &point) const;

  ClaimStats stats;

private:
  const eval::Evaluator &evaluator;
  const model::PolicyModel &model;
};

/// A policy compiled from memory with its evaluator and generated document; no evaluator
/// when the policy has errors.
struct GeneratedText {
  std::unique_ptr<CompiledText> compiled;
  std::unique_ptr<eval::Evaluator> evaluator;
  gen::text::Document document;

  bool valid() const { return evaluator != nullptr; }
  const model::PolicyModel &model() const { return *compiled->model; }
};
GeneratedText generateText(const std::string &source, const std::string &name);

/// Every paragraph, list item and table row's claims, in document order.
std::vector<const gen::text::Claim *> allClaims(const gen::text::Document &document);

/// Sentences about data flows (a flow verb outside the policy's own words) that no claim of
/// their block, item or row covers. Notes are the author's text and are not looked at.
std::vector<std::string> uncoveredSentences(const gen::text::Document &document,
                                            const model::PolicyModel &model);

} // namespace policyc::test

#endif
