// Golden tests of gen text, one policy per section and per wording rule. Each
// tests/golden/text/<group>/<name>.policy starts with a line `// sections: ID...` naming the
// sections to render (`intro` for the introduction, `glance` for the table); the rendered
// Markdown and HTML must equal <name>.md and <name>.html byte for byte.
//
// To accept new output: scripts/update-goldens text
// (which runs this test with POLICYC_UPDATE_GOLDENS=1).
#include "TestSupport.h"

#include "gen/text/DocumentBuilder.h"
#include "gen/text/Renderers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace policyc;

namespace {
std::vector<std::string> sectionIds(const std::string &policy) {
  std::istringstream lines(policy);
  std::string first;
  std::getline(lines, first);
  const std::string prefix = "// sections:";
  REQUIRE(first.rfind(prefix, 0) == 0);
  std::istringstream words(first.substr(prefix.size()));
  std::vector<std::string> ids;
  for (std::string id; words >> id;)
    ids.push_back(id);
  REQUIRE(!ids.empty());
  return ids;
}

const gen::text::Section *findSection(const gen::text::Document &document, const std::string &id,
                                      gen::text::Section &intro) {
  if (id == "intro") {
    intro = gen::text::Section{"intro", "Introduction", "introduction", document.introduction};
    return &intro;
  }
  for (const gen::text::Section &section : document.sections)
    if (section.id == id)
      return &section;
  return nullptr;
}

/// Compares, or rewrites the golden under POLICYC_UPDATE_GOLDENS=1.
void checkGolden(const fs::path &golden, const std::string &actual) {
  const char *update = std::getenv("POLICYC_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  INFO("golden " << golden.string()
                 << " differs; if the new output is right, run: scripts/update-goldens text");
  REQUIRE(fs::exists(golden));
  CHECK(test::readFile(golden.string()) == actual);
}
} // namespace

TEST_CASE("gen text matches its goldens", "[text][golden]") {
  fs::path root = fs::path(POLICYC_SOURCE_DIR) / "tests" / "golden" / "text";
  std::vector<fs::path> policies;
  for (const auto &entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".policy")
      policies.push_back(entry.path());
  std::sort(policies.begin(), policies.end());
  REQUIRE(policies.size() >= 20);

  for (const fs::path &path : policies) {
    std::string relative = fs::relative(path, root).generic_string();
    DYNAMIC_SECTION(relative) {
      std::string source = test::readFile(path.string());
      std::vector<std::string> ids = sectionIds(source);
      auto compiled = test::compileText(source, path.filename().string());
      INFO(llvm::join(compiled->consumer.entries, "\n"));
      // Goldens may hold contradictions (exceptions are rendered from them), never errors
      // that make the model incomplete.
      for (const std::string &id : compiled->consumer.ids)
        for (const DiagnosticInfo &info : allDiagnostics())
          if (info.id == id) {
            INFO(id);
            CHECK(info.diagClass != DiagnosticClass::Error);
            CHECK(info.diagClass != DiagnosticClass::Fatal);
          }
      REQUIRE(compiled->model);

      gen::text::Document document =
          gen::text::buildDocument(*compiled->model, compiled->sources, path.filename().string());
      std::string markdown, html;
      llvm::raw_string_ostream md(markdown), htm(html);
      for (const std::string &id : ids) {
        gen::text::Section intro;
        const gen::text::Section *section = findSection(document, id, intro);
        if (!section) {
          md << "(no section '" << id << "')\n\n";
          htm << "<!-- no section '" << id << "' -->\n";
          continue;
        }
        gen::text::renderMarkdownSection(*section, md);
        gen::text::renderHtmlSection(*section, htm);
      }
      md.flush();
      htm.flush();
      fs::path base = path;
      checkGolden(base.replace_extension(".md"), markdown);
      checkGolden(base.replace_extension(".html"), html);
    }
  }
}
