#include "eval/Expectations.h"

#include "basic/SourceLocation.h"

#include "llvm/ADT/STLExtras.h"

namespace policyc::eval {

using model::Relation;

unsigned TestReport::failures() const {
  return static_cast<unsigned>(
      llvm::count_if(outcomes, [](const ExpectationOutcome &outcome) { return !outcome.passed; }));
}

ConsentSet assumedConsents(const Evaluator &evaluator, const model::Expectation &expectation) {
  ConsentSet granted = evaluator.defaultConsents();
  for (model::ConsentId consent : expectation.granted)
    granted.set(consent);
  for (model::ConsentId consent : expectation.withdrawn)
    granted.reset(consent);
  return granted;
}

namespace {
Relation relationOf(model::RuleKind kind) {
  switch (kind) {
  case model::RuleKind::Collect:
    return Relation::Collect;
  case model::RuleKind::Link:
    return Relation::Link;
  case model::RuleKind::Use:
  case model::RuleKind::Disclose:
    break;
  }
  return Relation::Tuple;
}

/// Every node of a set, in tree order.
std::vector<model::NodeId> nodesOf(const model::NodeSet &set) {
  std::vector<model::NodeId> nodes;
  for (const model::Interval &interval : set.getIntervals())
    for (model::NodeId node = interval.first; node <= interval.last; ++node)
      nodes.push_back(node);
  return nodes;
}

/// The node sets of the axes of an expectation's relation; unused axes hold the point 0.
std::array<std::vector<model::NodeId>, model::kNumAxes>
axesOf(const model::Effects &effects, const model::Expectation &expectation, Relation relation) {
  using model::VocabularyKind;
  auto axis = [&](VocabularyKind kind, const model::SelectorList &list) {
    return nodesOf(effects.axisSet(kind, list.nodes));
  };
  std::array<std::vector<model::NodeId>, model::kNumAxes> axes;
  axes[model::CategoryAxis] = axis(VocabularyKind::Category, expectation.categories);
  axes[model::SourceAxis] = axis(VocabularyKind::Source, expectation.sources);
  switch (relation) {
  case Relation::Collect:
    axes[model::PurposeAxis] = {0};
    axes[model::RecipientAxis] = {0};
    break;
  case Relation::Tuple:
    axes[model::PurposeAxis] = axis(VocabularyKind::Purpose, expectation.purposes);
    axes[model::RecipientAxis] = axis(VocabularyKind::Recipient, expectation.recipients);
    break;
  case Relation::Link:
    axes[model::LinkedAxis] = axis(VocabularyKind::Category, expectation.linked);
    axes[model::RecipientAxis] = {0};
    break;
  }
  return axes;
}
} // namespace

TestReport runExpectations(const Evaluator &evaluator, uint64_t maxQuestions) {
  const model::PolicyModel &model = evaluator.getModel();
  TestReport report;
  report.model = &model;
  report.exercised.assign(model.rules.size(), false);
  for (const model::Expectation &expectation : model.expectations) {
    ExpectationOutcome outcome;
    outcome.expectation = &expectation;
    outcome.relation = relationOf(expectation.kind);
    auto axes = axesOf(evaluator.getEffects(), expectation, outcome.relation);
    // Saturates above maxQuestions: the product of four axes would overflow otherwise.
    uint64_t questions = 1;
    for (const auto &nodes : axes)
      if (questions <= maxQuestions)
        questions *= nodes.size();
    outcome.questions = questions;
    if (questions > maxQuestions || questions == 0) {
      // Too broad to ask, or (a group with no member) nothing to ask: neither tests anything.
      outcome.tooBroad = questions != 0;
      outcome.passed = false;
      report.outcomes.push_back(outcome);
      continue;
    }
    ConsentSet granted = assumedConsents(evaluator, expectation);
    model::Point point{};
    // Every combination, axis by axis in tree order; the first answer that differs from the
    // expectation is the one reported.
    for (model::NodeId a : axes[0])
      for (model::NodeId b : axes[1])
        for (model::NodeId c : axes[2])
          for (model::NodeId d : axes[3]) {
            point = {a, b, c, d};
            Decision answer = evaluator.decide(outcome.relation, point, granted);
            if (answer.rule)
              report.exercised[static_cast<size_t>(answer.rule - model.rules.data())] = true;
            if (answer.allowed != expectation.allow && outcome.passed) {
              outcome.passed = false;
              outcome.failing = point;
              outcome.answer = answer;
            }
          }
    report.outcomes.push_back(outcome);
  }
  return report;
}

std::string nodePath(const model::PolicyModel &model, model::VocabularyKind kind,
                     model::NodeId node) {
  const model::Vocabulary &vocabulary = model.vocabulary(kind);
  return node < vocabulary.size() ? vocabulary[node].path : std::string();
}

std::string describeQuestion(const model::PolicyModel &model, Relation relation,
                             const model::Point &point) {
  using model::VocabularyKind;
  std::string category = nodePath(model, VocabularyKind::Category, point[model::CategoryAxis]);
  std::string source = nodePath(model, VocabularyKind::Source, point[model::SourceAxis]);
  std::string from = source.empty() ? "" : " from " + source;
  switch (relation) {
  case Relation::Collect:
    return "collecting " + category + from;
  case Relation::Link:
    return "linking " + category + " with " +
           nodePath(model, VocabularyKind::Category, point[model::LinkedAxis]) + from;
  case Relation::Tuple:
    break;
  }
  std::string purpose = nodePath(model, VocabularyKind::Purpose, point[model::PurposeAxis]);
  model::NodeId recipient = point[model::RecipientAxis];
  if (recipient == model.usRecipient)
    return "the use of " + category + from + " for " + purpose;
  return "the disclosure of " + category + from + " to " +
         nodePath(model, VocabularyKind::Recipient, recipient) + " for " + purpose;
}

void reportFailures(const TestReport &report, DiagnosticEngine &diags, uint64_t maxQuestions) {
  for (const ExpectationOutcome &outcome : report.outcomes) {
    if (outcome.passed)
      continue;
    const model::Expectation &expectation = *outcome.expectation;
    if (outcome.tooBroad) {
      diags.report(expectation.range, diag::err_expectation_too_broad, outcome.questions,
                   maxQuestions);
      continue;
    }
    if (outcome.questions == 0) {
      diags.report(expectation.range, diag::err_expectation_asks_nothing);
      continue;
    }
    const Decision &answer = outcome.answer;
    const model::PolicyModel &model = *report.model;
    auto builder = diags.report(expectation.verdictRange, diag::err_expectation_failed,
                                expectation.allow ? "allow" : "deny",
                                describeQuestion(model, outcome.relation, outcome.failing),
                                answer.allowed ? "allowed" : "denied", reasonName(answer.reason));
    if (answer.rule)
      builder.note(answer.rule->info.range, diag::note_decided_by,
                   oneLineText(answer.rule->info.range), answer.statement());
  }
}

} // namespace policyc::eval
