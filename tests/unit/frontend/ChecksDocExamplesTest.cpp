// docs/checks.md, the front-end sections ("Command line and files", "Lexical and syntax errors",
// "Names, declarations and values"): every entry's examples are true. The "Triggers" policy
// produces the id, and the "Fixed" policy passes the front end without a diagnostic. (The
// checker's sections have their own test, tests/unit/check/ChecksDocTest.cpp; the front end's
// "Fixed" snippets are not whole policies, so the checker is not run on them.)
#include "TestSupport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

using namespace policyc;

namespace {
struct Example {
  std::string triggers;
  std::string fixed;
};

/// Entries whose examples are schematic: they need a command line, other files, raw bytes
/// that Markdown cannot hold, or input beyond a limit. Each is produced by a real test
/// elsewhere (DiagnosticCoverageTest says which).
const std::set<std::string> kSchematic = {
    "err_cannot_open_file",
    "err_is_a_directory",
    "err_file_too_large",
    "err_stream_too_large",
    "err_policy_too_large",
    "err_too_many_tokens",
    "fatal_too_many_errors",
    "note_too_many_warnings",
    "warn_unknown_warning_option",
    "warn_unknown_warning_option_suggest",
    "err_cannot_write_output",
    "err_output_not_written",
    "err_output_is_input",
    "err_depfile_is_output",
    "err_depfile_unsafe_path",
    "err_output_too_large",
    "err_import_not_regular",
    "err_invalid_utf8",
    "err_control_character_in_string",
    "err_statement_too_long",
    "err_import_cycle",
    "note_imported_here",
    "err_import_not_found",
    "err_import_is_directory",
    "err_import_too_deep",
    "err_too_many_statements",
};

const char *const kSections[] = {"Command line and files", "Lexical and syntax errors",
                                 "Names, declarations and values"};

/// The code block that follows the line `label` in `lines`, from `from` on.
std::string blockAfter(const std::vector<llvm::StringRef> &lines, size_t from,
                       llvm::StringRef label) {
  size_t i = from;
  while (i < lines.size() && lines[i] != label && !lines[i].startswith("### "))
    ++i;
  if (i + 1 >= lines.size() || lines[i] != label || lines[i + 1] != "```policy")
    return {};
  std::string block;
  for (i += 2; i < lines.size() && lines[i] != "```"; ++i)
    block += lines[i].str() + "\n";
  return block;
}

/// The examples of every entry of the front-end sections, by id.
std::map<std::string, Example> frontEndExamples() {
  auto buffer = llvm::MemoryBuffer::getFile(std::string(POLICYC_SOURCE_DIR) + "/docs/checks.md");
  REQUIRE(buffer);
  llvm::SmallVector<llvm::StringRef, 512> split;
  (*buffer)->getBuffer().split(split, '\n');
  std::vector<llvm::StringRef> lines(split.begin(), split.end());
  std::map<std::string, Example> examples;
  bool inSection = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    llvm::StringRef line = lines[i];
    if (line.startswith("## ")) {
      llvm::StringRef title = line.drop_front(3).trim();
      inSection =
          std::find(std::begin(kSections), std::end(kSections), title) != std::end(kSections);
      continue;
    }
    if (!inSection || !line.startswith("### "))
      continue;
    std::string id = line.drop_front(4).trim().str();
    examples[id] = {blockAfter(lines, i + 1, "Triggers:"), blockAfter(lines, i + 1, "Fixed:")};
  }
  return examples;
}
} // namespace

TEST_CASE("the front-end sections of docs/checks.md have examples", "[docs]") {
  std::map<std::string, Example> examples = frontEndExamples();
  // Every id of the three .def files of the front end is documented in these sections.
  CHECK(examples.size() >= 55);
  for (const auto &[id, example] : examples) {
    INFO(id);
    CHECK_FALSE(example.triggers.empty());
    CHECK_FALSE(example.fixed.empty());
  }
}

TEST_CASE("the front-end examples of docs/checks.md are true", "[docs]") {
  unsigned checked = 0;
  for (const auto &[id, example] : frontEndExamples()) {
    if (kSchematic.count(id))
      continue;
    ++checked;
    auto triggers = test::compileText(example.triggers, "example.policy");
    INFO(id << ": the 'Triggers' example gives\n  "
            << llvm::join(triggers->consumer.entries, "\n  "));
    CHECK(triggers->hasError(id));

    auto fixed = test::compileText(example.fixed, "example.policy");
    INFO(id << ": the 'Fixed' example gives\n  " << llvm::join(fixed->consumer.entries, "\n  "));
    CHECK(fixed->consumer.entries.empty());
  }
  CHECK(checked >= 30);
}
