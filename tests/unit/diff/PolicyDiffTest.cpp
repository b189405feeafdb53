// The semantic diff (docs/diff.md): joint vocabularies, the grouping of changed questions into
// boxes named by subtrees, and what counts as material.
#include "TestSupport.h"

#include "diff/PolicyDiff.h"

#include <catch2/catch.hpp>

using namespace policyc;
using diff::DecisionChangeKind;
using diff::Verb;

namespace {
const char *const kVocabulary = R"(
category contact { email; phone; postal; }
category payment { card; }
purpose support basis contract;
purpose marketing basis consent;
recipient partners third_party;
source website;
consent ads opt_in { withdraw via link; }
)";

diff::PolicyDiff diffOf(llvm::StringRef before, llvm::StringRef after) {
  auto oldPolicy = test::compileText(std::string(kVocabulary) + before.str(), "old.policy");
  auto newPolicy = test::compileText(std::string(kVocabulary) + after.str(), "new.policy");
  REQUIRE(oldPolicy->model);
  REQUIRE(newPolicy->model);
  diff::DiffTooLarge tooLarge;
  auto result = diff::diffPolicies(*oldPolicy->model, *newPolicy->model, 1 << 20, tooLarge);
  REQUIRE(result);
  return std::move(*result);
}
} // namespace

TEST_CASE("the same meaning written differently is no change", "[diff]") {
  auto result = diffOf("collect contact from website for support;\n",
                       "collect contact.email, contact.phone, contact.postal from website for "
                       "support;\ncollect contact from website for support;\n");
  CHECK_FALSE(result.anyChange());
}

TEST_CASE("changed questions are grouped into the fewest subtrees", "[diff]") {
  auto result = diffOf("collect contact.email from website for support;\n",
                       "collect contact, payment from website for support;\n");
  REQUIRE_FALSE(result.decisions.empty());
  const diff::DecisionChange *collect = nullptr;
  for (const auto &change : result.decisions)
    if (change.verb == Verb::Collect)
      collect = &change;
  REQUIRE(collect);
  CHECK(collect->kind == DecisionChangeKind::Allowed);
  CHECK(collect->material);
  // contact.phone and contact.postal are two leaves, named by their names; payment is a
  // whole subtree; contact itself became allowed as a group.
  CHECK(collect->axes[model::CategoryAxis] == std::vector<std::string>{"contact.phone",
                                                                       "contact.postal", "payment",
                                                                       "contact (as a group)"});
  CHECK(collect->oldStatements.empty());
  REQUIRE(collect->newStatements.size() == 1);
}

TEST_CASE("more consents needed is a change but not material", "[diff]") {
  auto result = diffOf("disclose contact to partners for marketing;\n",
                       "disclose contact to partners for marketing when consent ads;\n");
  REQUIRE(result.decisions.size() == 1);
  const diff::DecisionChange &change = result.decisions.front();
  CHECK(change.verb == Verb::Disclose);
  CHECK(change.kind == DecisionChangeKind::ConsentChanged);
  CHECK_FALSE(change.material);
  CHECK(change.after == diff::ConsentRequirement{{"ads"}});
  CHECK(change.axes[model::CategoryAxis] == std::vector<std::string>{"contact"});
  CHECK(change.axes[model::RecipientAxis] == std::vector<std::string>{"partners"});
  auto reverse = diffOf("disclose contact to partners for marketing when consent ads;\n",
                        "disclose contact to partners for marketing;\n");
  REQUIRE(reverse.decisions.size() == 1);
  CHECK(reverse.decisions.front().material);
}

TEST_CASE("vocabulary nodes are matched by path", "[diff]") {
  model::Vocabulary before, after;
  auto add = [](model::Vocabulary &vocabulary, std::string path, model::NodeId parent) {
    model::NodeId id = vocabulary.size();
    model::VocabularyNode node;
    node.path = path;
    node.parent = parent;
    node.last = id;
    vocabulary.byPath[path] = id;
    vocabulary.nodes.push_back(node);
    for (model::NodeId p = parent; p != model::kNoNode; p = vocabulary.nodes[p].parent)
      vocabulary.nodes[p].last = id;
  };
  add(before, "a", model::kNoNode);
  add(before, "a.x", 0);
  add(before, "b", model::kNoNode);
  add(after, "a", model::kNoNode);
  add(after, "a.y", 0);
  add(after, "a.x", 0);
  add(after, "b", model::kNoNode);
  diff::JointVocabulary joint(before, after);
  REQUIRE(joint.size() == 4);
  CHECK(joint[0].path == "a");
  CHECK(joint[0].last == 2);
  // The whole old subtree of `a` maps to a, a.x: not a.y, which only the new version has.
  CHECK(joint.cover(joint.map(0, before.subtree(0))) ==
        std::vector<std::string>{"a.x", "a (as a group)"});
  CHECK(joint.cover(joint.map(1, after.subtree(0))) == std::vector<std::string>{"a"});
  CHECK(joint.cover(joint.map(1, after.all())) == std::vector<std::string>{"a", "b"});
}
