// Incremental parsing (parse/ItemReuse.h): a parse that takes over the unchanged items of an
// earlier parse of an edited version of the file must give exactly what a fresh parse gives:
// the same diagnostics at the same places, the same AST locations, the same model. Run on
// every policy of the test suite, with edits that move every item and change some.
#include "TestSupport.h"

#include "basic/SourceLocation.h"
#include "check/Checker.h"
#include "frontend/Compilation.h"
#include "gen/Generator.h"
#include "parse/ItemReuse.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace policyc;

namespace {
/// Every diagnostic with its place, notes and fix-its, one line each.
class Recorder : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override {
    std::string line = diagnostic.info().id.str() + " " + place(sources, diagnostic.range) + " " +
                       diagnostic.message;
    for (const DiagnosticNote &note : diagnostic.notes)
      line += " | note " + place(sources, note.range) + " " + note.message;
    for (const FixIt &fix : diagnostic.fixIts)
      line += " | fix " + place(sources, fix.range) + " '" + fix.replacement + "'";
    lines.push_back(line);
  }
  static std::string place(const llvm::SourceMgr &sources, llvm::SMRange range) {
    auto start = presumedLoc(sources, range.Start);
    auto end = presumedLoc(sources, range.End);
    if (!start)
      return "-";
    std::string text = llvm::sys::path::filename(start->file).str() + ":" +
                       std::to_string(start->line) + ":" + std::to_string(start->column);
    if (end)
      text += "-" + std::to_string(end->line) + ":" + std::to_string(end->column);
    return text;
  }
  std::vector<std::string> lines;
};

/// The root file's text from memory, with incremental parsing of every file.
class Overlay : public SourceOverlay {
public:
  Overlay(std::string canonical, std::string text)
      : canonical(std::move(canonical)), text(std::move(text)) {}
  std::optional<llvm::StringRef> openFileText(llvm::StringRef path) override {
    if (path == canonical)
      return llvm::StringRef(text);
    return std::nullopt;
  }
  parse::Incremental incrementalParse(llvm::StringRef path) override {
    parse::Incremental incremental;
    incremental.record = &records[path.str()];
    if (previous) {
      incremental.previous = &previous->records[path.str()];
      incremental.previousUnit = previous->unitFor(path);
    }
    return incremental;
  }
  ast::TranslationUnit *unitFor(llvm::StringRef path) const {
    for (const auto &unit : compilation->getUnits())
      if (Compilation::canonicalPath(unit->path) == path)
        return unit.get();
    return nullptr;
  }

  std::string canonical;
  std::string text;
  std::map<std::string, parse::ParseRecord> records;
  Overlay *previous = nullptr;
  Compilation *compilation = nullptr;
};

/// One compilation of `path` with `text` as its content; parse, sema, checker, JSON IR.
struct Run {
  llvm::SourceMgr sources;
  Recorder recorder;
  std::unique_ptr<DiagnosticEngine> diags;
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<Overlay> overlay;
  std::string json;
  std::vector<std::string> locations;

  Run(const std::string &path, std::string text, Overlay *previous) {
    DiagnosticOptions options;
    options.errorLimit = 0;
    diags = std::make_unique<DiagnosticEngine>(sources, recorder, options);
    compilation = std::make_unique<Compilation>(sources, *diags);
    overlay = std::make_unique<Overlay>(Compilation::canonicalPath(path), std::move(text));
    overlay->previous = previous;
    overlay->compilation = compilation.get();
    compilation->setOverlay(overlay.get());
    compilation->loadRoot(path);
    auto model = compilation->analyze();
    if (model && !diags->hasErrors()) {
      check::runChecks(*model, *diags);
      gen::GeneratorOptions generatorOptions;
      generatorOptions.sourcePath = "test.policy";
      gen::GeneratorContext context{*model, sources, generatorOptions, *diags};
      llvm::raw_string_ostream out(json);
      gen::generateJson(context, out);
    }
    for (const auto &unit : compilation->getUnits())
      for (const auto &item : unit->items)
        locations.push_back(describe(*item));
  }

  std::string at(llvm::SMRange range) const { return Recorder::place(sources, range); }

  /// Locations of the fields every statement has, written out without the relocation code,
  /// so that a field it forgot shows here.
  std::string describe(const ast::Item &item) const {
    std::string text = at(item.range);
    auto paths = [&](const ast::PathList &list) {
      text += " [" + at(list.range);
      for (const ast::Path &path : list.paths)
        for (const ast::Identifier &segment : path.segments)
          text += " " + segment.text + "@" + at(segment.range);
      text += "]";
    };
    if (const auto *rule = llvm::dyn_cast<ast::RuleStmt>(&item)) {
      text += " verb@" + at(rule->verbRange) + " only@" + at(rule->onlyRange) + " when@" +
              at(rule->conditionRange) + " necessity@" + at(rule->necessityRange);
      paths(rule->what);
      for (const auto *list : {&rule->sources, &rule->recipients, &rule->purposes, &rule->linked})
        if (*list)
          paths(**list);
      for (const ast::Identifier &consent : rule->consents)
        text += " " + consent.text + "@" + at(consent.range);
    }
    if (const auto *decl = llvm::dyn_cast<ast::VocabularyDecl>(&item))
      text +=
          " " + decl->root.name.text + "@" + at(decl->root.name.range) + " " + at(decl->root.range);
    return text;
  }
};

std::vector<std::string> policyFiles() {
  std::vector<std::string> files;
  std::error_code error;
  for (const char *folder : {"tests/diagnostics", "policies", "tests/unit/parse/Inputs"}) {
    std::string root = std::string(POLICYC_SOURCE_DIR) + "/" + folder;
    for (llvm::sys::fs::recursive_directory_iterator it(root, error), end; it != end && !error;
         it.increment(error))
      if (llvm::sys::path::extension(it->path()) == ".policy")
        files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// An earlier version of `text`: a line added at the top (every item moves) and a few lines
/// from the middle gone (the items there change).
std::string earlierVersion(const std::string &text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  std::string result = "// an earlier version\n\n";
  size_t dropFrom = lines.size() / 2;
  size_t dropTo = dropFrom + std::max<size_t>(1, lines.size() / 10);
  for (size_t i = 0; i < lines.size(); ++i)
    if (i < dropFrom || i >= dropTo)
      result += lines[i];
  return result;
}
} // namespace

TEST_CASE("an incremental parse gives what a fresh parse gives, on every test policy",
          "[parse][incremental]") {
  size_t reusedTotal = 0;
  for (const std::string &path : policyFiles()) {
    INFO("policy " << path);
    std::string text = test::readFile(path);
    Run fresh(path, text, nullptr);
    Run earlier(path, earlierVersion(text), nullptr);
    Run incremental(path, text, earlier.overlay.get());
    CHECK(incremental.recorder.lines == fresh.recorder.lines);
    CHECK(incremental.locations == fresh.locations);
    CHECK(incremental.json == fresh.json);
    for (const auto &entry : incremental.overlay->records)
      reusedTotal += entry.second.reused();
    // And again from the incremental one: reuse of reused items.
    Run again(path, text, incremental.overlay.get());
    CHECK(again.recorder.lines == fresh.recorder.lines);
    CHECK(again.locations == fresh.locations);
  }
  CHECK(reusedTotal > 100);
}

TEST_CASE("an edit inside one statement reparses that statement only", "[parse][incremental]") {
  std::string before = "category contact { email; phone; }\n"
                       "purpose ads;\n"
                       "collect contact.email for ads;\n"
                       "collect contact.phone for ads;\n";
  std::string after = before;
  after.replace(after.find("contact.email"), 13, "contact.emial");
  std::string path = std::string(POLICYC_BINARY_DIR) + "/item-reuse-edit.policy";
  Run first(path, before, nullptr);
  Run second(path, after, first.overlay.get());
  const parse::ParseRecord &record = second.overlay->records.begin()->second;
  CHECK(record.size() == 4);
  CHECK(record.reused() == 3);
  REQUIRE(second.recorder.lines.size() == 1);
  CHECK(llvm::StringRef(second.recorder.lines[0])
            .startswith("err_no_member item-reuse-edit.policy:3:17"));
}
