// Decision tests (`expect`, docs/test.md): what a test asks, when it passes, what a failure
// reports, and which statements count as exercised. Expectations written from the docs.
#include "TestSupport.h"

#include "eval/Expectations.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
constexpr const char *kPolicy = R"(
category contact { email; phone; }
category payment { card; }
category online anonymous { ip; }
purpose fulfilment basis contract { shipping; }
purpose marketing basis consent;
recipient partners third_party;
source web { checkout; chat; }
consent news opt_in { withdraw via link; }
consent stats opt_out { withdraw via settings; }
collect contact from web for fulfilment;
use contact.email for marketing when consent news;
disclose contact to partners for fulfilment;
never disclose * from web.chat to partners;
collect online from web when consent stats;
)";

struct Run {
  explicit Run(const std::string &tests, uint64_t maxQuestions = eval::kMaxQuestionsPerExpectation)
      : compiled(test::compileText(std::string(kPolicy) + tests)) {
    REQUIRE(compiled->model);
    INFO(llvm::join(compiled->consumer.entries, "\n"));
    REQUIRE(compiled->consumer.entries.empty());
    evaluator = std::make_unique<eval::Evaluator>(*compiled->model);
    report = eval::runExpectations(*evaluator, maxQuestions);
    eval::reportFailures(report, *compiled->diags, maxQuestions);
  }
  const eval::ExpectationOutcome &outcome(size_t i) const { return report.outcomes.at(i); }
  std::vector<std::string> diagnostics() const { return compiled->consumer.entries; }
  bool exercised(uint32_t statement) const {
    for (size_t i = 0; i < compiled->model->rules.size(); ++i)
      if (compiled->model->rules[i].info.id == statement)
        return report.exercised[i];
    FAIL("no statement " << statement);
    return false;
  }

  std::unique_ptr<test::CompiledText> compiled;
  std::unique_ptr<eval::Evaluator> evaluator;
  eval::TestReport report;
};
} // namespace

TEST_CASE("an expectation asks every combination of the nodes it names", "[eval][test]") {
  Run run("expect allow use contact from web for fulfilment;\n"
          "expect allow disclose contact.email, contact.phone from web.checkout to partners for "
          "fulfilment.shipping;\n");
  // contact (3 nodes) x web (3) x fulfilment (2) x us
  CHECK(run.outcome(0).questions == 18);
  CHECK(run.outcome(0).passed);
  CHECK(run.outcome(1).questions == 2);
  CHECK(run.outcome(1).passed);
  CHECK(run.report.failures() == 0);
  CHECK(run.diagnostics().empty());
}

TEST_CASE("allow needs every question allowed, deny every question denied", "[eval][test]") {
  // From web as a whole, the chat is prohibited: neither allow nor deny holds for all of it.
  Run run("expect allow disclose contact to partners for fulfilment;\n"
          "expect deny disclose contact to partners for fulfilment;\n"
          "expect deny disclose contact from web.chat to partners;\n");
  CHECK_FALSE(run.outcome(0).passed);
  CHECK(run.outcome(0).answer.reason == eval::Reason::Prohibited);
  CHECK(run.outcome(0).answer.statement() == 4);
  CHECK_FALSE(run.outcome(1).passed);
  CHECK(run.outcome(1).answer.allowed);
  CHECK(run.outcome(2).passed);
  std::vector<std::string> diagnostics = run.diagnostics();
  REQUIRE(diagnostics.size() == 4);
  // The first question in tree order that differs: contact from web (the group) is denied.
  CHECK(diagnostics[0] == "err_expectation_failed@16: expected allow, but the disclosure of "
                          "contact from web to partners for fulfilment is denied (prohibited)");
  CHECK(diagnostics[1] == "note_decided_by@14: 'never disclose * from web.chat to partners;' "
                          "decides it (statement 4)");
  CHECK(diagnostics[2] == "err_expectation_failed@17: expected deny, but the disclosure of "
                          "contact from web.checkout to partners for fulfilment is allowed "
                          "(permitted)");
}

TEST_CASE("consents: defaults, `when consent` grants, `without consent` withdraws",
          "[eval][test]") {
  Run run("expect deny use contact.email for marketing;\n"
          "expect allow use contact.email for marketing when consent news;\n"
          "expect allow collect online from web;\n"
          "expect deny collect online from web without consent stats;\n"
          "expect allow collect online from web without consent stats;\n");
  CHECK(run.outcome(0).passed);
  CHECK(run.outcome(1).passed);
  CHECK(run.outcome(2).passed);
  CHECK(run.outcome(3).passed);
  CHECK_FALSE(run.outcome(4).passed);
  CHECK(run.outcome(4).answer.reason == eval::Reason::ConsentMissing);
  eval::ConsentSet assumed =
      eval::assumedConsents(*run.evaluator, run.compiled->model->expectations[1]);
  CHECK(assumed.count() == 2); // stats by default, news granted
}

TEST_CASE("a test that asks too much or nothing fails", "[eval][test]") {
  // err_expectation_too_broad: every node of every vocabulary (7 categories x 3 sources x 3
  // purposes x 2 recipients), with a lowered limit.
  Run broad("expect deny disclose * to *;\n", /*maxQuestions=*/100);
  CHECK(broad.outcome(0).tooBroad);
  CHECK_FALSE(broad.outcome(0).passed);
  REQUIRE(broad.diagnostics().size() == 1);
  INFO(broad.diagnostics()[0]);
  CHECK(llvm::StringRef(broad.diagnostics()[0])
            .startswith("err_expectation_too_broad@16: this expectation asks 126 questions"));
  // err_expectation_asks_nothing: `identifying` has no member when everything is anonymous.
  auto compiled = test::compileText("category online anonymous { ip; }\npurpose p;\nsource s;\n"
                                    "expect deny use identifying for p;\n");
  REQUIRE(compiled->model);
  eval::Evaluator evaluator(*compiled->model);
  eval::TestReport report = eval::runExpectations(evaluator);
  REQUIRE(report.outcomes.size() == 1);
  CHECK(report.outcomes[0].questions == 0);
  CHECK_FALSE(report.outcomes[0].passed);
  eval::reportFailures(report, *compiled->diags);
  REQUIRE(compiled->consumer.ids.size() == 1);
  CHECK(compiled->consumer.ids[0] == "err_expectation_asks_nothing");
}

TEST_CASE("a statement is exercised when it decided some question a test asked", "[eval][test]") {
  Run run("expect allow use contact.phone from web.checkout for fulfilment;\n");
  CHECK(run.exercised(1));       // collect contact ... for fulfilment decided it
  CHECK_FALSE(run.exercised(2)); // use contact.email for marketing: never asked
  CHECK_FALSE(run.exercised(4));
}

TEST_CASE("expectations are not statements", "[eval][test]") {
  auto compiled =
      test::compileText(std::string(kPolicy) + "expect allow use contact for fulfilment;\n"
                                               "retain contact for 1 year;\n");
  REQUIRE(compiled->model);
  CHECK(compiled->model->expectations.size() == 1);
  // The retain after the expectation is statement 6: the expectation took no id.
  REQUIRE(compiled->model->retentions.size() == 1);
  CHECK(compiled->model->retentions[0].info.id == 6);
}
