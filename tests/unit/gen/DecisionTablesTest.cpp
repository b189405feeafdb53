// The table construction behind gen cpp: node classes, table sizes and the size limit.
#include "TestSupport.h"

#include "gen/cpp/CppGenerator.h"
#include "gen/cpp/DecisionTables.h"

#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using namespace policyc;
using namespace policyc::gen::cpp;

namespace {

/// gen cpp of `compiled` under `limits`: whether it succeeded, and what it wrote.
std::pair<bool, std::string> generate(test::CompiledText &compiled, const CppLimits &limits) {
  gen::GeneratorOptions options;
  options.sourcePath = "test.policy";
  gen::GeneratorContext context{*compiled.model, compiled.sources, options, *compiled.diags};
  std::string header;
  llvm::raw_string_ostream out(header);
  bool generated = generateCppHeader(context, out, limits);
  return {generated, out.str()};
}

} // namespace

TEST_CASE("nodes that no statement tells apart share a class", "[gen][cpp]") {
  auto compiled = test::compileText("category c { a; b; d { e; } }\nsource s;\npurpose p;\n"
                                    "use c.a for p;\nuse c.d for p;\n");
  REQUIRE(compiled->model);
  TableTooLarge tooLarge;
  auto tables = buildDecisionTables(*compiled->model, CppLimits().maxTableEntries, tooLarge);
  REQUIRE(tables);
  const std::vector<uint32_t> &classes = tables->categories.classOf;
  // c, a, b, d, e: c and b appear in no clause; d and e are both inside c.d.
  REQUIRE(classes.size() == 5);
  CHECK(classes[0] == classes[2]);
  CHECK(classes[3] == classes[4]);
  CHECK(classes[1] != classes[0]);
  CHECK(classes[1] != classes[3]);
  CHECK(tables->categories.count == 3);
  // One purpose and one recipient (`us`) that is its own class.
  CHECK(tables->tupleCells.size() == uint64_t{tables->data.count} * tables->actions.count);
}

TEST_CASE("a policy too large for the tables is refused with a diagnostic", "[gen][cpp]") {
  std::string text = "source s;\nrecipient r third_party;\n";
  for (int i = 0; i < 40; ++i)
    text += "category c" + std::to_string(i) + ";\npurpose p" + std::to_string(i) + ";\n";
  for (int i = 0; i < 40; ++i)
    text += "disclose c" + std::to_string(i) + " to r for p" + std::to_string(i) + ";\n";
  auto compiled = test::compileText(text);
  REQUIRE(compiled->model);
  // 41 data classes x 41 x 2 action classes: more than 1000 cells.
  CppLimits small;
  small.maxTableEntries = 1000;
  CHECK_FALSE(generate(*compiled, small).first);
  CHECK(compiled->hasError("err_cpp_table_too_large"));
  CHECK(generate(*compiled, CppLimits()).first);
}

TEST_CASE("decision rows that do not fit in a cell are refused with a diagnostic", "[gen][cpp]") {
  // Default deny and three permits: 4 rows of 2 bits; a gate without consents needs 4 bits.
  auto compiled = test::compileText("category a;\ncategory b;\ncategory c;\nsource s;\n"
                                    "purpose p;\nuse a for p;\nuse b for p;\nuse c for p;\n");
  REQUIRE(compiled->model);
  CppLimits narrow;
  narrow.cellBits = 3;
  auto [refused, nothing] = generate(*compiled, narrow);
  CHECK_FALSE(refused);
  CHECK(nothing.empty());
  REQUIRE(compiled->consumer.entries.size() == 1);
  CHECK(compiled->consumer.entries[0] ==
        "err_cpp_table_too_large@-: policy too large for C++ decision tables: the decision "
        "table would need 4 entries; the limit is 2");
  narrow.cellBits = 4;
  auto [generated, header] = generate(*compiled, narrow);
  CHECK(generated);
  CHECK(header.find("inline constexpr unsigned kDecisionBits = 2;") != std::string::npos);
}

TEST_CASE("names that would grow the header out of proportion are refused", "[gen][cpp]") {
  // Nested levels repeat every enclosing name in each node's path, as enumerator and as
  // spelling: the names grow with the square of the depth.
  std::string name(200, 'n');
  std::string text = "source s;\npurpose p;\ncategory root {";
  for (int level = 0; level < 30; ++level)
    text += " " + name + std::to_string(level) + " {";
  text += " leaf;" + std::string(30, '}') + " }\nuse root for p;\n";
  auto compiled = test::compileText(text);
  REQUIRE(compiled->model);
  CppLimits limits;
  limits.namesSlack = 0;
  auto [refused, nothing] = generate(*compiled, limits);
  CHECK_FALSE(refused);
  CHECK(nothing.empty());
  CHECK(compiled->hasError("err_cpp_names_too_long"));
  // The same policy with names that do not repeat much fits.
  auto flat = test::compileText("source s;\npurpose p;\ncategory root { " + name +
                                "; }\n"
                                "use root for p;\n");
  REQUIRE(flat->model);
  CHECK(generate(*flat, limits).first);
}

TEST_CASE("a policy without sources has tables that name no source", "[gen][cpp]") {
  // Effects give an axis without a vocabulary its unused point; the tables have no node there
  // (found by the gen_cpp fuzz target on tests/e2e/cedar/no-sources.policy, a read past an
  // empty class list).
  auto compiled =
      test::compileText("category data { detail; }\npurpose research;\n"
                        "use data for research;\nnever use data.detail for research;\n");
  REQUIRE(compiled->model);
  TableTooLarge tooLarge;
  auto tables = buildDecisionTables(*compiled->model, CppLimits().maxTableEntries, tooLarge);
  REQUIRE(tables);
  CHECK(tables->sources.classOf.empty());
  auto [generated, header] = generate(*compiled, CppLimits());
  CHECK(generated);
  CHECK(header.find("namespace") != std::string::npos);
}
