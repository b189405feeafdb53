// Decision tests: every `expect allow|deny ...` of a model asked of the reference evaluator
// (docs/test.md). `policyc test` reports the outcomes and which statements no test reached.
#ifndef POLICYC_EVAL_EXPECTATIONS_H
#define POLICYC_EVAL_EXPECTATIONS_H

#include "eval/Evaluator.h"

#include "basic/DiagnosticEngine.h"

#include <cstdint>
#include <vector>

namespace policyc::eval {

/// Questions a single expectation may ask before it is refused as too broad: it asks every
/// combination of the nodes its clauses name, and a clause left out names a whole vocabulary.
inline constexpr uint64_t kMaxQuestionsPerExpectation = 4'000'000;

struct ExpectationOutcome {
  const model::Expectation *expectation = nullptr;
  model::Relation relation = model::Relation::Tuple;
  /// How many questions the expectation stands for (the product of its node sets).
  uint64_t questions = 0;
  /// More than kMaxQuestionsPerExpectation: not evaluated, counts as failed (as does an
  /// expectation that asks no question at all).
  bool tooBroad = false;
  bool passed = true;
  /// For a failure: the first question (in tree order, axis by axis) whose answer differs
  /// from the expectation, and that answer.
  model::Point failing{};
  Decision answer;
};

struct TestReport {
  const model::PolicyModel *model = nullptr;
  std::vector<ExpectationOutcome> outcomes;
  /// By index into model.rules: some expectation's question was decided by that statement.
  std::vector<bool> exercised;

  unsigned failures() const;
};

/// The consents an expectation assumes: the defaults, with its `when consent` granted and
/// its `without consent` withdrawn.
ConsentSet assumedConsents(const Evaluator &evaluator, const model::Expectation &expectation);

TestReport runExpectations(const Evaluator &evaluator,
                           uint64_t maxQuestions = kMaxQuestionsPerExpectation);

/// Reports every failed expectation: err_expectation_failed with a note at the deciding
/// statement, err_expectation_too_broad, err_expectation_asks_nothing.
void reportFailures(const TestReport &report, DiagnosticEngine &diags,
                    uint64_t maxQuestions = kMaxQuestionsPerExpectation);

/// "the use of contact.email from web for marketing": a question in words.
std::string describeQuestion(const model::PolicyModel &model, model::Relation relation,
                             const model::Point &point);
/// The dotted path of a node, or "" for the point of an unused axis.
std::string nodePath(const model::PolicyModel &model, model::VocabularyKind kind,
                     model::NodeId node);

} // namespace policyc::eval

#endif
