// The formatter (format/Formatter.h, docs/fmt.md): golden layouts, the rules one by one, and on
// every policy of the repository: formatting keeps each comment and what the policy means, and
// a formatted file is a fixed point.
//
// To accept new layouts: scripts/update-goldens fmt (which runs the golden test with
// POLICYC_UPDATE_GOLDENS=1).
#include "TestSupport.h"

#include "check/Checker.h"
#include "format/Formatter.h"
#include "gen/Generator.h"
#include "parse/SourceTokens.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace policyc;

namespace {
std::string layout(llvm::StringRef text, unsigned columnLimit = 100) {
  format::FormatOptions options;
  options.columnLimit = columnLimit;
  std::optional<std::string> result = format::formatSource(text, options);
  INFO("input:\n" << text.str());
  REQUIRE(result);
  return *result;
}

/// Compares, or rewrites the golden under POLICYC_UPDATE_GOLDENS=1.
void checkGolden(const fs::path &golden, const std::string &actual) {
  const char *update = std::getenv("POLICYC_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  INFO("golden " << golden.string()
                 << " differs; if the new layout is right, run: scripts/update-goldens fmt");
  REQUIRE(fs::exists(golden));
  CHECK(test::readFile(golden.string()) == actual);
}

/// The comments of `text`, without spaces at line ends.
std::vector<std::string> commentsOf(llvm::StringRef text) {
  std::vector<std::string> comments;
  for (const parse::SourceToken &token : parse::lexSourceTokens(text)) {
    if (!token.isComment())
      continue;
    llvm::SmallVector<llvm::StringRef, 4> lines;
    text.slice(token.begin, token.end).split(lines, '\n');
    std::string comment;
    for (llvm::StringRef line : lines)
      comment += line.rtrim(" \t\r").str() + "\n";
    comments.push_back(comment);
  }
  return comments;
}

/// `value` without the members named "location" (source positions), recursively.
llvm::json::Value withoutLocations(const llvm::json::Value &value) {
  if (const llvm::json::Object *object = value.getAsObject()) {
    llvm::json::Object result;
    for (const auto &[key, member] : *object)
      if (key != "location")
        result[key] = withoutLocations(member);
    return result;
  }
  if (const llvm::json::Array *array = value.getAsArray()) {
    llvm::json::Array result;
    for (const llvm::json::Value &element : *array)
      result.push_back(withoutLocations(element));
    return result;
  }
  return value;
}

/// What a policy means, for comparing two layouts of it: its diagnostics (ids, suppressed or
/// not; the -Wextra-semi warnings fmt removes left out) and its JSON IR without locations.
std::string meaningOf(llvm::StringRef text, const std::string &path) {
  DiagnosticOptions options;
  options.warningLimit = 0;
  for (const DiagnosticInfo &info : allDiagnostics())
    if (info.diagClass == DiagnosticClass::DefaultError)
      applyWarningOption(options, ("no-error=" + info.flag).str());
  auto compiled = test::compileText(text, path, options);
  bool sound = compiled->model && !compiled->diags->hasErrors();
  if (sound)
    check::runChecks(*compiled->model, *compiled->diags);
  compiled->compilation->reportSuppressionProblems(sound);
  std::string meaning;
  for (const std::string &id : compiled->consumer.ids)
    if (id != "warn_extra_semicolon")
      meaning += id + "\n";
  if (!sound || compiled->diags->hasErrors())
    return meaning;
  gen::GeneratorOptions generatorOptions;
  generatorOptions.sourcePath = path;
  gen::GeneratorContext context{*compiled->model, compiled->sources, generatorOptions,
                                *compiled->diags};
  std::string json;
  llvm::raw_string_ostream out(json);
  REQUIRE(gen::generateJson(context, out));
  out.flush();
  llvm::Expected<llvm::json::Value> document = llvm::json::parse(json);
  REQUIRE(bool(document));
  return meaning + llvm::formatv("{0:1}", withoutLocations(*document)).str();
}

std::vector<fs::path> repositoryPolicies() {
  std::vector<fs::path> files;
  for (const char *folder : {"tests", "policies", "docs", "compiler"}) {
    fs::path root = fs::path(POLICYC_SOURCE_DIR) / folder;
    for (const auto &entry : fs::recursive_directory_iterator(root))
      if (entry.path().extension() == ".policy")
        files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}
} // namespace

TEST_CASE("fmt matches its goldens", "[format][golden]") {
  fs::path root = fs::path(POLICYC_SOURCE_DIR) / "tests" / "golden" / "fmt";
  // Every input beside its layout, and the examples of docs/language.md: every construct.
  std::vector<std::pair<fs::path, fs::path>> pairs = {
      {fs::path(POLICYC_SOURCE_DIR) / "tests/diagnostics/policies/language-examples.policy",
       root / "language-examples.formatted.policy"}};
  for (const auto &entry : fs::directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".policy" ||
        llvm::StringRef(name).endswith(".formatted.policy"))
      continue;
    pairs.emplace_back(entry.path(), root / (entry.path().stem().string() + ".formatted.policy"));
  }
  std::sort(pairs.begin(), pairs.end());
  REQUIRE(pairs.size() >= 4);
  for (const auto &[input, golden] : pairs) {
    DYNAMIC_SECTION(input.filename().string()) {
      std::string formatted = layout(test::readFile(input.string()));
      checkGolden(golden, formatted);
      INFO("a golden layout must be a fixed point");
      CHECK(layout(formatted) == formatted);
    }
  }
}

TEST_CASE("every policy of the repository formats to a fixed point and keeps its meaning",
          "[format]") {
  std::vector<fs::path> files = repositoryPolicies();
  REQUIRE(files.size() > 100);
  unsigned formatted = 0;
  for (const fs::path &file : files) {
    INFO(file.string());
    std::string text = test::readFile(file.string());
    std::optional<std::string> result = format::formatSource(text);
    if (!result) {
      // Only a file that does not parse may be refused.
      auto compiled = test::compileText(text, file.string());
      bool syntaxError = false;
      for (const std::string &id : compiled->consumer.ids) {
        const DiagnosticInfo *info = nullptr;
        for (const DiagnosticInfo &candidate : allDiagnostics())
          if (candidate.id == id)
            info = &candidate;
        syntaxError |=
            info && (info->flag == "syntax" || info->flag == "encoding" || info->flag == "limits");
      }
      CHECK(syntaxError);
      continue;
    }
    ++formatted;
    CHECK(format::formatSource(*result) == result);
    CHECK(commentsOf(*result) == commentsOf(text));
    CHECK(meaningOf(*result, file.string()) == meaningOf(text, file.string()));
  }
  CHECK(formatted > 80);
}

TEST_CASE("the shipped policies and the starter policy are formatted", "[format][policies]") {
  std::vector<fs::path> files = {
      fs::path(POLICYC_SOURCE_DIR) / "compiler/driver/init/privacy.policy",
      fs::path(POLICYC_SOURCE_DIR) / "compiler/driver/init/privacy.test.policy"};
  for (const auto &entry : fs::directory_iterator(fs::path(POLICYC_SOURCE_DIR) / "policies"))
    if (entry.path().extension() == ".policy")
      files.push_back(entry.path());
  REQUIRE(files.size() >= 3);
  for (const fs::path &file : files) {
    INFO(file.string() << " is not formatted; run scripts/format-policies (or policyc fmt -i)");
    std::string text = test::readFile(file.string());
    CHECK(layout(text) == text);
  }
}

TEST_CASE("a statement fills lines like words fill a paragraph", "[format]") {
  // Fits: one line.
  CHECK(layout("collect   contact.email\n  from website for support ;") ==
        "collect contact.email from website for support;\n");
  // Too long: the clause that does not fit starts the next line, indented by four.
  CHECK(layout("collect contact.email, contact.phone from website for support when consent a;",
               40) == "collect contact.email, contact.phone\n"
                      "    from website for support\n"
                      "    when consent a;\n");
  // A list wraps after a comma, aligned under its first element; the clause after a wrapped
  // list starts a new line.
  CHECK(layout("disclose a, b, c, d, e, f, g, h to r for p;", 20) == "disclose a, b, c, d,\n"
                                                                     "         e, f, g, h\n"
                                                                     "    to r for p;\n");
  // `required` and `only` stay with the clause before them.
  CHECK(layout("collect aaaa from bbbb required for cccc only;", 24) == "collect aaaa\n"
                                                                        "    from bbbb required\n"
                                                                        "    for cccc only;\n");
  // Texts of several literals hang under the first, one literal a line; never re-wrapped.
  CHECK(layout("note intro \"a\" \"b\"\n\"c\";") == "note intro \"a\"\n"
                                                    "           \"b\"\n"
                                                    "           \"c\";\n");
}

TEST_CASE("blocks have one member a line", "[format]") {
  CHECK(layout("category c { a; b { x; } }") == "category c {\n"
                                                "  a;\n"
                                                "  b {\n"
                                                "    x;\n"
                                                "  }\n"
                                                "}\n");
  CHECK(layout("category c {   }") == "category c {}\n");
  CHECK(layout("consent k { withdraw via link; }") == "consent k {\n"
                                                      "  withdraw via link;\n"
                                                      "}\n");
}

TEST_CASE("comments stay where they belong", "[format]") {
  // At the end of a line, after one space.
  CHECK(layout("source s;    // why\nsource t;") == "source s; // why\nsource t;\n");
  // Before a ',' or ';': after it. (The list now spans two lines, so the next clause starts a
  // line of its own.)
  CHECK(layout("use a // why\n, b for p;") == "use a, // why\n    b\n    for p;\n");
  // On lines of their own: kept there, and one empty line of several.
  CHECK(layout("// one\n\n\n\n// two\nsource s;") == "// one\n\n// two\nsource s;\n");
  // Inside a statement, on a line of its own at the continuation indent.
  CHECK(layout("collect a\n// the source\nfrom s;") ==
        "collect a\n    // the source\n    from s;\n");
  // Block comments keep their lines as written.
  CHECK(layout("/* a\n   b */\nsource s;") == "/* a\n   b */\nsource s;\n");
}

TEST_CASE("the file as a whole", "[format]") {
  CHECK(layout("") == "");
  CHECK(layout("  \n\n") == "");
  CHECK(layout("// only a comment") == "// only a comment\n");
  // Line ends become \n, spaces at line ends go, a byte order mark goes.
  CHECK(layout("\xEF\xBB\xBFsource s;\r\nsource t;   \rsource u;") ==
        "source s;\nsource t;\nsource u;\n");
  // An extra ';' goes; its comment stays.
  CHECK(layout("source s;; // kept\n;\nsource t;") == "source s; // kept\nsource t;\n");
  // Declarations and statements keep their order and their empty lines (one at most).
  CHECK(layout("source s;\n\n\n\nsource t;\nsource u;") == "source s;\n\nsource t;\nsource u;\n");
}

TEST_CASE("fmt refuses a file that does not parse", "[format]") {
  for (const char *text : {"collect a from;", "category c { a; ", "source \"s\";",
                           "note intro \"unterminated;", "/* unterminated"}) {
    INFO(text);
    CHECK_FALSE(format::formatSource(text));
  }
}
