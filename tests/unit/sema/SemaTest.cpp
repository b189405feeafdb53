// Sema on its own cases: imports and load order, name resolution and its caches, recovery
// (each wrong name reported once, the rest still resolved), and the statement limit.
#include "TestSupport.h"

#include "llvm/Support/SourceMgr.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
std::string driverInput(llvm::StringRef name) {
  return std::string(POLICYC_SOURCE_DIR) + "/tests/diagnostics/driver/" + name.str();
}

size_t countId(const test::CompiledText &result, llvm::StringRef id) {
  return std::count(result.consumer.ids.begin(), result.consumer.ids.end(), id);
}
} // namespace

TEST_CASE("imports load before the importing file, each file once", "[sema]") {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  REQUIRE(compilation.loadRoot(driverInput("clean-import-diamond.policy")));
  auto model = compilation.analyze();
  CHECK(consumer.entries.empty());
  REQUIRE(model);
  REQUIRE(model->files.size() == 4);
  CHECK(llvm::StringRef(model->files[0]).endswith("diamond-base.policy"));
  CHECK(llvm::StringRef(model->files[1]).endswith("diamond-left.policy"));
  CHECK(llvm::StringRef(model->files[2]).endswith("diamond-right.policy"));
  CHECK(llvm::StringRef(model->files[3]).endswith("clean-import-diamond.policy"));
  // The shared vocabulary comes first in DFS order too.
  CHECK(*model->categories().find("contact") == 0);
  CHECK(model->rules.size() == 1);
}

TEST_CASE("an import cycle is reported once, at the import that closes it", "[sema]") {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  REQUIRE(compilation.loadRoot(driverInput("fail-import-cycle.policy")));
  compilation.analyze();
  CHECK(consumer.ids ==
        std::vector<std::string>{"err_import_cycle", "note_imported_here", "note_imported_here"});
  CHECK(compilation.getUnits().size() == 3);
}

TEST_CASE("every wrong name of a statement is reported, once", "[sema]") {
  auto result = test::compileText("category contact { email; }\n"
                                  "purpose support basis contract;\n"
                                  "use contact.emial, contct for suport;\n"
                                  "use contact.emial for support;\n");
  CHECK(result->consumer.ids == std::vector<std::string>{"err_no_member", "err_undeclared",
                                                         "err_undeclared", "err_no_member"});
  // The statements with errors are left out of the model; declarations stay.
  REQUIRE(result->model);
  CHECK(result->model->rules.empty());
  CHECK(result->model->statementCount == 2);
}

TEST_CASE("cached resolutions keep the range of each use", "[sema]") {
  auto result = test::compileText("category contact { email; }\n"
                                  "purpose support basis contract;\n"
                                  "use contact.email for support;\n"
                                  "use contact.email for support;\n");
  REQUIRE(result->consumer.entries.empty());
  REQUIRE(result->model->rules.size() == 2);
  const auto &first = result->model->rules[0].categories.selectors[0];
  const auto &second = result->model->rules[1].categories.selectors[0];
  CHECK(first.node == second.node);
  CHECK(first.range.Start.getPointer() != second.range.Start.getPointer());
  CHECK(result->sources.getLineAndColumn(second.range.Start).first == 4);
}

TEST_CASE("a wrong kind is not also reported as unknown", "[sema]") {
  auto result = test::compileText("category contact;\npurpose support basis contract;\n"
                                  "use support for contact;\n");
  CHECK(result->consumer.ids == std::vector<std::string>{"err_wrong_kind", "note_declared_here",
                                                         "err_wrong_kind", "note_declared_here"});
}

TEST_CASE("names are per vocabulary and per parent", "[sema]") {
  auto result =
      test::compileText("category a { x; }\ncategory b { x; }\npurpose a basis contract;\n"
                        "source a { x; }\nuse a.x, b.x from a.x for a;\n");
  CHECK(result->consumer.entries.empty());
  auto again = test::compileText("category a { x; x; }\ncategory a;\n");
  CHECK(countId(*again, "err_duplicate_definition") == 2);
}

TEST_CASE("the statement limit is injectable and reported once", "[sema]") {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  CompilationLimits limits;
  limits.maxStatements = 3;
  Compilation compilation(sources, diags, limits);
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(
      "category a;\npurpose p basis contract;\nuse a for p;\nuse a for p;\nuse a for p;\n"
      "use a for p;\nuse a for p;\n",
      "limit.policy"));
  auto model = compilation.analyze();
  CHECK(consumer.ids == std::vector<std::string>{"err_too_many_statements"});
  // Counted while parsing: the fourth item is not parsed, and nothing is analysed.
  CHECK(compilation.getParseStats().itemsKept == 4);
  CHECK_FALSE(model);
}

TEST_CASE("durations and dates", "[sema]") {
  auto result =
      test::compileText("category a;\nretain a for 1 hour;\nretain a for 2 weeks;\n"
                        "retain a for 100000 years;\npolicy \"t\" { effective 2016-02-29; }\n");
  REQUIRE(result->consumer.entries.empty());
  const auto &retentions = result->model->retentions;
  REQUIRE(retentions.size() == 3);
  CHECK(retentions[0].length->hours() == 1);
  CHECK(retentions[1].length->hours() == 2 * 7 * 24);
  CHECK(retentions[2].length->str() == "100000 years");
  CHECK(result->model->policy.effective->iso() == "2016-02-29");
}

TEST_CASE("open is the node's own, not inherited; open nodes are concrete", "[sema]") {
  auto result = test::compileText("category contact open { email; phone { mobile; } }\n"
                                  "category payment { card; }\n"
                                  "purpose support open basis contract { returns; }\n"
                                  "recipient helpers processor open { mailer; }\n"
                                  "source web open;\n");
  CHECK(result->consumer.entries.empty());
  REQUIRE(result->model);
  const model::Vocabulary &categories = result->model->categories();
  model::NodeId contact = *categories.find("contact");
  model::NodeId email = *categories.find("contact.email");
  model::NodeId phone = *categories.find("contact.phone");
  model::NodeId mobile = *categories.find("contact.phone.mobile");
  model::NodeId payment = *categories.find("payment");
  model::NodeId card = *categories.find("payment.card");
  CHECK(categories[contact].open);
  CHECK_FALSE(categories[email].open);
  CHECK_FALSE(categories[phone].open);
  // Leaves and open nodes stand for data of their own; `phone` and `payment` only for their
  // members.
  model::NodeSet concrete = categories.concrete();
  CHECK(concrete.contains(contact));
  CHECK(concrete.contains(email));
  CHECK(concrete.contains(mobile));
  CHECK(concrete.contains(card));
  CHECK_FALSE(concrete.contains(phone));
  CHECK_FALSE(concrete.contains(payment));
  CHECK(result->model->purposes()[*result->model->purposes().find("support")].open);
  CHECK(result->model->recipients()[*result->model->recipients().find("helpers")].open);
  CHECK(result->model->sources()[*result->model->sources().find("web")].open);
}

TEST_CASE("open twice is a duplicate attribute", "[sema]") {
  auto result = test::compileText("category contact open open { email; }\n");
  CHECK(result->consumer.ids == std::vector<std::string>{"warn_duplicate_attribute"});
}
