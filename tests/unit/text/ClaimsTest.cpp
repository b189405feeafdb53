// The generated text against the reference evaluator (docs/text-generation.md, "Claims"):
// every claim of every sentence, on every tuple it covers, for the policies of the project,
// the text tests and goldens, and random policies; every sentence about data flows carries a
// claim; and the checker finds a contradiction planted in a generated document.
#include "ClaimChecker.h"
#include "RandomPolicy.h"
#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;
using namespace policyc;
using gen::text::Claim;

namespace {
/// Random policies checked, from this seed on (tests/e2e/difftest/RandomPolicy.h).
constexpr uint64_t kRandomSeed = 20261129;
constexpr uint64_t kRandomCount = 1000;

using Generated = test::GeneratedText;

Generated generate(const std::string &source, const std::string &name) {
  return test::generateText(source, name);
}

std::vector<fs::path> projectPolicies() {
  fs::path root(POLICYC_SOURCE_DIR);
  std::vector<fs::path> paths;
  for (const char *folder : {"policies", "tests/text"})
    for (const auto &entry : fs::directory_iterator(root / folder))
      if (entry.path().extension() == ".policy")
        paths.push_back(entry.path());
  for (const auto &entry : fs::recursive_directory_iterator(root / "tests/golden/text"))
    if (entry.path().extension() == ".policy")
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string report(const std::vector<test::Contradiction> &found) {
  std::string text;
  for (size_t i = 0; i < found.size() && i < 10; ++i)
    text += found[i].str() + "\n";
  return text;
}

/// The paragraph whose text starts with `prefix` and that carries an allowed claim.
gen::text::Block *findParagraph(gen::text::Document &document, llvm::StringRef prefix) {
  for (gen::text::Section &section : document.sections)
    for (gen::text::Block &block : section.blocks)
      if (block.kind == gen::text::Block::Kind::Paragraph && !block.text.empty() &&
          llvm::StringRef(block.text.front().text).startswith(prefix) && !block.claims.empty() &&
          block.claims.front().allowed())
        return &block;
  return nullptr;
}
} // namespace

TEST_CASE("every claim of the text agrees with the evaluator", "[text][claims]") {
  auto start = std::chrono::steady_clock::now();
  test::ClaimStats total;
  size_t policies = 0;
  auto run = [&](const std::string &source, const std::string &name) {
    Generated generated = generate(source, name);
    if (!generated.valid())
      return;
    ++policies;
    test::ClaimChecker checker(*generated.evaluator);
    std::vector<test::Contradiction> found = checker.check(generated.document);
    INFO(name << ":\n" << report(found));
    CHECK(found.empty());
    std::vector<std::string> uncovered =
        test::uncoveredSentences(generated.document, *generated.compiled->model);
    INFO(name << ": sentences about data flows without a claim:\n" << llvm::join(uncovered, "\n"));
    CHECK(uncovered.empty());
    total.claims += checker.stats.claims;
    total.tuples += checker.stats.tuples;
    total.decisions += checker.stats.decisions;
  };
  for (const fs::path &path : projectPolicies())
    run(test::readFile(path.string()), fs::relative(path, POLICYC_SOURCE_DIR).generic_string());
  size_t fixed = policies;
  // At least the two Plantronics policies, rich.policy and the goldens.
  CHECK(fixed >= 25);
  for (uint64_t seed = kRandomSeed; seed < kRandomSeed + kRandomCount; ++seed)
    run(test::randomPolicy(seed), "random-" + std::to_string(seed) + ".policy");
  CHECK(policies == fixed + kRandomCount);
  CHECK(total.claims > 1000);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "text claims: " << policies << " policies (" << fixed << " of the project, "
            << kRandomCount << " random), " << total.claims << " claims, " << total.tuples
            << " tuples, " << total.decisions << " evaluator decisions, " << seconds << " s\n";
}

TEST_CASE("the claims check finds a flipped sentence", "[text][claims]") {
  std::string source = test::readFile(std::string(POLICYC_SOURCE_DIR) + "/tests/text/rich.policy");
  Generated generated = generate(source, "rich.policy");
  REQUIRE(generated.valid());
  test::ClaimChecker checker(*generated.evaluator);
  REQUIRE(checker.check(generated.document).empty());

  // "We disclose ..." becomes "We do not disclose ...", sentence and claim.
  gen::text::Block *block = findParagraph(generated.document, "We disclose");
  REQUIRE(block);
  std::string &text = block->text.front().text;
  text.replace(0, std::string("We disclose").size(), "We do not disclose");
  for (Claim &claim : block->claims) {
    claim.polarity = Claim::Polarity::Denied;
    claim.exceptions.clear();
    claim.sentence = text;
  }
  std::vector<test::Contradiction> found = checker.check(generated.document);
  INFO(report(found));
  REQUIRE(!found.empty());
  CHECK(found.front().sentence == text);
  CHECK(llvm::StringRef(found.front().problem).startswith("says denied, but the evaluator allows"));
  CHECK(llvm::StringRef(found.front().tuple).startswith("(category "));
  CHECK(llvm::StringRef(found.front().str()).contains("We do not disclose"));
}

TEST_CASE("the claims check finds a dropped exception", "[text][claims]") {
  std::string source = test::readFile(std::string(POLICYC_SOURCE_DIR) +
                                      "/tests/golden/text/wording/exceptions.policy");
  Generated generated = generate(source, "exceptions.policy");
  REQUIRE(generated.valid());
  test::ClaimChecker checker(*generated.evaluator);
  // The first allowed claim with an exception ("..., except ...") loses it.
  Claim *mutated = nullptr;
  for (gen::text::Section &section : generated.document.sections)
    for (gen::text::Block &block : section.blocks)
      for (Claim &claim : block.claims)
        if (!mutated && claim.allowed() && claim.quantifier == Claim::Quantifier::Every &&
            !claim.exceptions.empty())
          mutated = &claim;
  REQUIRE(mutated);
  CHECK(llvm::StringRef(mutated->sentence).contains(", except "));
  REQUIRE(checker.check(*mutated).empty());
  mutated->exceptions.clear();
  std::vector<test::Contradiction> found = checker.check(*mutated);
  INFO(report(found));
  REQUIRE(found.size() == 1);
  CHECK(found.front().sentence == mutated->sentence);
  CHECK(llvm::StringRef(found.front().problem)
            .startswith("says allowed, but the evaluator denies it (prohibited"));
}

TEST_CASE("the claims check finds a consent the text calls needed", "[text][claims]") {
  Generated generated = generate(R"(
category contact { email; }
purpose marketing;
consent news opt_in { withdraw via link; }
use contact.email for marketing when consent news;
use contact.email for marketing;
)",
                                 "needed.policy");
  REQUIRE(generated.valid());
  test::ClaimChecker checker(*generated.evaluator);
  REQUIRE(checker.check(generated.document).empty());
  // The text says "if you have opted in": another statement allows it without.
  gen::text::Block *block = findParagraph(generated.document, "We use your email");
  REQUIRE(block);
  CHECK(llvm::StringRef(block->text.front().text).contains(" if you have opted in to news"));
  CHECK(!llvm::StringRef(block->text.front().text).contains("only if"));
  Claim claim = block->claims.front();
  REQUIRE(claim.needed.empty());
  claim.needed = claim.consents;
  std::vector<test::Contradiction> found = checker.check(claim);
  REQUIRE(found.size() == 1);
  CHECK(llvm::StringRef(found.front().problem).startswith("says it needs consent news"));
}

TEST_CASE("a sentence about data flows without a claim is found", "[text][claims]") {
  std::string source = test::readFile(std::string(POLICYC_SOURCE_DIR) + "/tests/text/rich.policy");
  Generated generated = generate(source, "rich.policy");
  REQUIRE(generated.valid());
  const model::PolicyModel &model = *generated.compiled->model;
  REQUIRE(test::uncoveredSentences(generated.document, model).empty());

  // A new sentence that claims nothing.
  gen::text::Document added = generated.document;
  added.sections.back().blocks.push_back(gen::text::Block::paragraph(
      gen::text::plainText("We sell your e-mail address to advertisers."), {}));
  std::vector<std::string> uncovered = test::uncoveredSentences(added, model);
  REQUIRE(uncovered.size() == 1);
  CHECK(uncovered.front() == "We sell your e-mail address to advertisers.");

  // A generated sentence that lost its claims.
  gen::text::Document stripped = generated.document;
  gen::text::Block *block = findParagraph(stripped, "We disclose");
  REQUIRE(block);
  block->claims.clear();
  uncovered = test::uncoveredSentences(stripped, model);
  REQUIRE(uncovered.size() == 1);
  CHECK(llvm::StringRef(uncovered.front()).startswith("We disclose"));
}
