// Properties of the whole generated text that goldens cannot state: every statement is cited,
// sections without content are left out, output is deterministic and ends cleanly.
#include "TestSupport.h"

#include "gen/Generator.h"
#include "gen/text/DocumentBuilder.h"

#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace policyc;

namespace {
std::string richPolicy() {
  std::ifstream in(std::string(POLICYC_SOURCE_DIR) + "/tests/text/rich.policy");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string generate(const test::CompiledText &compiled, const std::string &format) {
  gen::GeneratorOptions options;
  options.sourcePath = "rich.policy";
  options.textFormat = format;
  gen::GeneratorContext context{*compiled.model, compiled.sources, options, *compiled.diags};
  std::string text;
  llvm::raw_string_ostream out(text);
  REQUIRE(gen::generateText(context, out));
  return out.str();
}

void collectTraces(const gen::text::Document &document, std::set<uint32_t> &ids) {
  auto add = [&](const std::vector<gen::text::Trace> &traces) {
    for (const gen::text::Trace &trace : traces)
      if (trace.statement)
        ids.insert(trace.statement);
  };
  auto blocks = [&](const std::vector<gen::text::Block> &list) {
    for (const gen::text::Block &block : list) {
      add(block.traces);
      for (const gen::text::ListItem &item : block.items)
        add(item.traces);
      for (const gen::text::TableRow &row : block.table.rows)
        add(row.traces);
    }
  };
  blocks(document.introduction);
  for (const gen::text::Section &section : document.sections)
    blocks(section.blocks);
}
} // namespace

TEST_CASE("every statement of the policy is cited by the text", "[text]") {
  auto compiled = test::compileText(richPolicy(), "rich.policy");
  REQUIRE(compiled->model);
  gen::text::Document document =
      gen::text::buildDocument(*compiled->model, compiled->sources, "rich.policy");
  std::set<uint32_t> cited;
  collectTraces(document, cited);
  REQUIRE(compiled->model->statementCount > 30);
  for (uint32_t id = 1; id <= compiled->model->statementCount; ++id) {
    INFO("statement " << id);
    CHECK(cited.count(id) == 1);
  }
}

TEST_CASE("gen text is deterministic and ends in one line break", "[text]") {
  auto first = test::compileText(richPolicy(), "rich.policy");
  auto second = test::compileText(richPolicy(), "rich.policy");
  for (const char *format : {"md", "html"}) {
    INFO(format);
    std::string a = generate(*first, format);
    CHECK(a == generate(*second, format));
    CHECK(a == generate(*first, format));
    REQUIRE(a.size() > 1000);
    CHECK(a.back() == '\n');
    CHECK(a[a.size() - 2] != '\n');
  }
}

TEST_CASE("sections with nothing to say are left out", "[text]") {
  auto compiled = test::compileText(R"(
policy "Minimal" { controller "Example Ltd"; }
category contact "contact details";
purpose support basis contract "answering your questions";
source website "www.example.com";
collect contact from website for support;
)");
  REQUIRE(compiled->model);
  gen::text::Document document =
      gen::text::buildDocument(*compiled->model, compiled->sources, "test.policy");
  std::vector<std::string> ids;
  for (const gen::text::Section &section : document.sections)
    ids.push_back(section.id);
  // Disclosure always has something to say: by default nothing is disclosed.
  CHECK(ids == std::vector<std::string>{"glance", "collection", "use", "disclosure"});
  CHECK(document.lastUpdated.empty());
}

TEST_CASE("a policy without a header still reads", "[text]") {
  auto compiled = test::compileText(R"(
category contact;
purpose support;
source website;
collect contact from website for support;
)");
  REQUIRE(compiled->model);
  std::string markdown = generate(*compiled, "md");
  CHECK(markdown.find("# Privacy Policy\n") != std::string::npos);
  CHECK(markdown.find("This privacy policy explains how we collect") != std::string::npos);
  CHECK(markdown.find("anyone outside our organization") != std::string::npos);
  CHECK(markdown.find("We collect your contact for support.") != std::string::npos);
}

TEST_CASE("an incomplete header is warned about", "[text]") {
  auto headerless = test::compileText("category contact;\npurpose support;\nsource website;\n"
                                      "collect contact from website for support;\n");
  generate(*headerless, "md");
  CHECK(headerless->hasError("warn_text_incomplete"));

  auto partial = test::compileText(R"(policy "P" { controller "Example Ltd"; }
category contact;
purpose support;
source website;
collect contact from website for support;
)");
  generate(*partial, "html");
  size_t warnings = 0;
  for (const std::string &entry : partial->consumer.entries)
    if (llvm::StringRef(entry).startswith("warn_text_incomplete@1:"))
      ++warnings;
  CHECK(warnings == 2); // no effective date, no contact

  auto complete = test::compileText(richPolicy(), "rich.policy");
  generate(*complete, "md");
  CHECK_FALSE(complete->hasError("warn_text_incomplete"));
}
