// The witnesses are real: on each finding's tuple the reference evaluator (compiler/eval)
// decides what the finding says, and the statement reported covers the tuple. Run over every
// golden test of the checker and the Plantronics policy.
#include "CheckTestSupport.h"
#include "eval/Evaluator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
std::vector<std::string> policyFiles() {
  std::vector<std::string> files;
  std::error_code error;
  std::string dir = POLICYC_SOURCE_DIR "/tests/diagnostics/check";
  for (llvm::sys::fs::directory_iterator it(dir, error), end; it != end && !error;
       it.increment(error))
    if (llvm::StringRef(it->path()).endswith(".policy"))
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  files.push_back(POLICYC_SOURCE_DIR "/policies/plantronics.policy");
  return files;
}

const model::Rule *ruleWithId(const model::PolicyModel &model, uint32_t id) {
  for (const model::Rule &rule : model.rules)
    if (rule.info.id == id)
      return &rule;
  return nullptr;
}

bool inSources(const model::PolicyModel &model, const model::SelectorList &list,
               model::NodeId source) {
  return model.sources().size() == 0 || list.nodes.contains(source);
}

/// The rule's own box (docs/semantics.md), without what `only` adds.
bool covers(const model::PolicyModel &model, const model::Rule &rule, const eval::Tuple &tuple) {
  bool purposes = model.purposes().size() == 0 || rule.purposes.nodes.contains(tuple.purpose);
  return rule.categories.nodes.contains(tuple.category) &&
         inSources(model, rule.sources, tuple.source) && purposes &&
         rule.recipients.nodes.contains(tuple.recipient);
}

bool coversLink(const model::PolicyModel &model, const model::Rule &rule, model::NodeId a,
                model::NodeId b, model::NodeId source) {
  bool forward = rule.categories.nodes.contains(a) && rule.linked.nodes.contains(b);
  bool backward = rule.categories.nodes.contains(b) && rule.linked.nodes.contains(a);
  return (forward || backward) && inSources(model, rule.sources, source);
}
} // namespace

TEST_CASE("every witness is a tuple on which the evaluator agrees", "[check][witness]") {
  size_t checked = 0;
  for (const std::string &file : policyFiles()) {
    std::string text = test::readFile(file);
    test::CheckedText result = test::checkText(text, test::optionsOf(text));
    REQUIRE(result.compiled->model);
    const model::PolicyModel &model = result.model();
    eval::Evaluator evaluator(model);
    for (const check::Finding &finding : result.findings) {
      if (!finding.witness)
        continue;
      INFO(llvm::sys::path::filename(file).str() << ": " << getDiagnosticInfo(finding.kind).id.str()
                                                 << " at statement " << finding.statement);
      const auto &point = *finding.witness;
      eval::Tuple tuple{point[0], point[1], point[2], point[3]};
      const model::Rule *rule = ruleWithId(model, finding.statement);
      switch (finding.kind) {
      case diag::err_permit_prohibited:
      case diag::err_purpose_limit_broken: {
        REQUIRE(rule);
        const model::Rule *other = ruleWithId(model, finding.other);
        REQUIRE(other);
        if (finding.kind == diag::err_permit_prohibited && rule->kind == model::RuleKind::Collect &&
            other->kind == model::RuleKind::Collect) {
          // A collection against `never collect`: the witness is a (category, source) pair.
          CHECK(rule->categories.nodes.contains(tuple.category));
          CHECK(inSources(model, rule->sources, tuple.source));
          CHECK(
              evaluator.mayCollect(tuple.category, tuple.source, evaluator.allConsents()).reason ==
              eval::Reason::Prohibited);
          ++checked;
          break;
        }
        CHECK(covers(model, *rule, tuple));
        eval::Decision decision = evaluator.decide(tuple, evaluator.allConsents());
        CHECK_FALSE(decision.allowed);
        CHECK(decision.reason == eval::Reason::Prohibited);
        ++checked;
        break;
      }
      case diag::err_link_prohibited: {
        REQUIRE(rule);
        CHECK(coversLink(model, *rule, point[0], point[2], point[1]));
        eval::Decision decision =
            evaluator.mayLink(point[0], point[2], point[1], evaluator.allConsents());
        CHECK(decision.reason == eval::Reason::Prohibited);
        ++checked;
        break;
      }
      case diag::err_anonymous_linked_identifying: {
        REQUIRE(rule);
        CHECK(coversLink(model, *rule, point[0], point[2], point[1]));
        bool firstAnonymous = model.categories()[point[0]].has(model::NodeFlag::Anonymous);
        bool secondAnonymous = model.categories()[point[2]].has(model::NodeFlag::Anonymous);
        CHECK(firstAnonymous != secondAnonymous);
        ++checked;
        break;
      }
      case diag::err_anonymous_source_identifying:
        REQUIRE(rule);
        CHECK(model.sources()[tuple.source].has(model::NodeFlag::Anonymous));
        CHECK_FALSE(model.categories()[tuple.category].has(model::NodeFlag::Anonymous));
        CHECK(evaluator.mayCollect(tuple.category, tuple.source, evaluator.allConsents()).allowed);
        ++checked;
        break;
      case diag::err_consent_basis_without_condition: {
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        CHECK(rule->consents.empty());
        CHECK(model.purposes()[tuple.purpose].basis == model::LegalBasis::consent);
        ++checked;
        break;
      }
      case diag::err_opt_out_consent:
      case diag::warn_opt_out_consent: {
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        CHECK_FALSE(rule->consents.empty());
        for (model::ConsentId consent : rule->consents)
          CHECK_FALSE(model.consents[consent].optIn);
        CHECK(model.purposes()[tuple.purpose].basis == model::LegalBasis::consent);
        // Before the person chooses, the opt-out consents are granted: only a prohibition
        // stops the permit.
        eval::Decision unchosen = evaluator.decide(tuple, evaluator.defaultConsents());
        CHECK((unchosen.allowed || unchosen.reason == eval::Reason::Prohibited));
        ++checked;
        break;
      }
      case diag::warn_consent_not_carried: {
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        const model::Rule *collect = ruleWithId(model, finding.other);
        REQUIRE(collect);
        REQUIRE(collect->consents.size() >= 1);
        // Withdrawing a consent of the collection that the permit does not require stops
        // the collection and not the permit.
        bool stopsCollectionOnly = false;
        for (model::ConsentId consent : collect->consents) {
          if (llvm::is_contained(rule->consents, consent))
            continue;
          eval::ConsentSet withdrawn = evaluator.allConsents();
          withdrawn.reset(consent);
          eval::Decision collected = evaluator.mayCollect(tuple.category, tuple.source, withdrawn);
          if (collected.reason == eval::Reason::ConsentMissing &&
              evaluator.decide(tuple, withdrawn).allowed)
            stopsCollectionOnly = true;
        }
        CHECK(stopsCollectionOnly);
        CHECK(evaluator.mayCollect(tuple.category, tuple.source, evaluator.allConsents()).allowed);
        ++checked;
        break;
      }
      case diag::err_processor_own_purpose: {
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        CHECK(model.recipients()[tuple.recipient].recipientKind == model::RecipientKind::processor);
        // We do not pursue the purpose ourselves: our own use of it is not permitted.
        eval::Decision ours =
            evaluator.mayUse(tuple.category, tuple.source, tuple.purpose, evaluator.allConsents());
        CHECK(ours.reason != eval::Reason::Permitted);
        CHECK(evaluator.mayCollect(tuple.category, tuple.source, evaluator.allConsents()).reason !=
              eval::Reason::NoStatement);
        ++checked;
        break;
      }
      case diag::err_transfer_without_framework:
      case diag::err_transfer_framework_invalid:
      case diag::warn_transfer_without_effective_date:
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        CHECK(model.recipients()[tuple.recipient].has(model::NodeFlag::Abroad));
        ++checked;
        break;
      case diag::err_sensitive_to_third_party:
      case diag::err_sensitive_for_marketing:
        REQUIRE(rule);
        CHECK(covers(model, *rule, tuple));
        CHECK(model.categories()[tuple.category].has(model::NodeFlag::Sensitive));
        if (finding.kind == diag::err_sensitive_for_marketing)
          CHECK(model.purposes()[tuple.purpose].has(model::NodeFlag::Marketing));
        ++checked;
        break;
      case diag::err_sensitive_unprotected:
      case diag::err_profile_missing_retention:
        REQUIRE(rule);
        CHECK(rule->categories.nodes.contains(tuple.category));
        CHECK(inSources(model, rule->sources, tuple.source));
        if (finding.kind == diag::err_profile_missing_retention)
          CHECK(evaluator.retention(tuple.category, tuple.source).kind == model::PeriodKind::None);
        ++checked;
        break;
      case diag::err_conflicting_retention:
        CHECK(evaluator.retention(tuple.category, tuple.source).kind ==
              model::PeriodKind::Conflicting);
        ++checked;
        break;
      default:
        FAIL("a witness on a finding this test does not know");
      }
    }
  }
  // The golden tests and the seed exercise most classes; make sure they were looked at.
  CHECK(checked >= 40);
}
