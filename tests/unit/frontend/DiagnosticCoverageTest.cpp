// Every diagnostic of the table (basic/DiagnosticKinds.def) must be produced by some test and
// documented in docs/checks.md, in the documented shape.
//
// Produced ids are collected by running `policyc check` on every golden file under
// tests/diagnostics/ (files under Inputs/ are only imported), the same command ctest runs with
// -verify, so ids of every stage (checker included) count as they are added, without this test
// knowing the stages. Ids that depend on limits or on the command line are produced here
// in-process with lowered limits; ids that only other commands can produce (`policyc gen`, bad
// -W options) are listed in DiagnosticCoverageExemptions.txt with the test that covers each.
#include "TestSupport.h"

#include "basic/Diagnostic.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace policyc;

namespace {
std::string sourcePath(llvm::StringRef relative) {
  llvm::SmallString<256> path(POLICYC_SOURCE_DIR);
  llvm::sys::path::append(path, relative);
  return std::string(path);
}

/// Every golden file: *.policy under tests/diagnostics/, except imported ones under Inputs/.
std::vector<std::string> goldenFiles() {
  std::vector<std::string> files;
  std::error_code error;
  for (llvm::sys::fs::recursive_directory_iterator it(sourcePath("tests/diagnostics"), error), end;
       it != end && !error; it.increment(error)) {
    llvm::StringRef path = it->path();
    if (!path.endswith(".policy") || path.contains("/Inputs/"))
      continue;
    files.push_back(path.str());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The options of a golden file's `// ARGS: ...` line (tests/CMakeLists.txt passes them to
/// its -verify run), split at spaces.
std::vector<std::string> fileArguments(const std::string &file) {
  std::vector<std::string> arguments;
  llvm::SmallVector<llvm::StringRef, 64> lines;
  std::string text = test::readFile(file);
  llvm::StringRef(text).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    if (!line.consume_front("// ARGS: "))
      continue;
    llvm::SmallVector<llvm::StringRef, 4> words;
    line.trim().split(words, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef word : words)
      arguments.push_back(word.str());
    break;
  }
  return arguments;
}

/// The ids `policyc check` reports on `file` (notes included), read from its JSON output.
std::vector<std::string> idsReportedFor(const std::string &file, std::string &problem) {
  llvm::SmallString<256> output;
  if (llvm::sys::fs::createTemporaryFile("policyc-coverage", "json", output)) {
    problem = "cannot create a temporary file";
    return {};
  }
  std::string program = std::string(POLICYC_BINARY_DIR) + "/policyc";
  std::vector<std::string> extra = fileArguments(file);
  std::vector<llvm::StringRef> args = {program, "check", "--diagnostics-format=json",
                                       "-ferror-limit=0"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file);
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), llvm::StringRef(output),
                                                 llvm::StringRef("")};
  std::string message;
  // Bounded in time and memory: a golden file is small, and a runaway must not take the
  // machine down with it. AddressSanitizer reserves terabytes of address space for its
  // shadow memory, which any limit on it would refuse: there, time alone bounds the run.
#if defined(__SANITIZE_ADDRESS__)
  constexpr unsigned memoryLimitMB = 0;
#else
  constexpr unsigned memoryLimitMB = 2048;
#endif
  int status = llvm::sys::ExecuteAndWait(program, args, llvm::None, redirects,
                                         /*SecondsToWait=*/120, memoryLimitMB, &message);
  std::string json = test::readFile(std::string(output));
  llvm::sys::fs::remove(output);
  if (status < 0 || status > 1) {
    problem = "policyc exited with status " + std::to_string(status) + " " + message;
    return {};
  }
  llvm::Expected<llvm::json::Value> document = llvm::json::parse(json);
  if (!document) {
    problem = "invalid JSON: " + llvm::toString(document.takeError());
    return {};
  }
  std::vector<std::string> ids;
  const llvm::json::Array *diagnostics =
      document->getAsObject() ? document->getAsObject()->getArray("diagnostics") : nullptr;
  if (!diagnostics) {
    problem = "JSON without a diagnostics array";
    return {};
  }
  for (const llvm::json::Value &entry : *diagnostics) {
    const llvm::json::Object *object = entry.getAsObject();
    if (!object)
      continue;
    if (auto id = object->getString("id"))
      ids.push_back(id->str());
    if (const llvm::json::Array *notes = object->getArray("notes"))
      for (const llvm::json::Value &note : *notes)
        if (const llvm::json::Object *noteObject = note.getAsObject())
          if (auto id = noteObject->getString("id"))
            ids.push_back(id->str());
  }
  return ids;
}

/// A unique empty folder for files the in-process cases need.
std::string temporaryFolder() {
  llvm::SmallString<256> folder;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("policyc-coverage", folder));
  return std::string(folder);
}

void writeFile(const std::string &path, llvm::StringRef text) {
  std::error_code error;
  llvm::raw_fd_ostream out(path, error);
  REQUIRE_FALSE(error);
  out << text;
}

/// Loads `path` as `policyc check` would, under `limits` and `options`; returns the ids.
std::vector<std::string> compileFile(const std::string &path, CompilationLimits limits,
                                     DiagnosticOptions options = {}) {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer, std::move(options));
  Compilation compilation(sources, diags, limits);
  if (compilation.loadRoot(path))
    compilation.analyze();
  return consumer.ids;
}

bool contains(const std::vector<std::string> &ids, llvm::StringRef id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// Ids that only limits or the command line produce, each made here in-process; every case
/// asserts that its id appears, so the limits stay injectable.
std::set<std::string> idsFromInProcessCases() {
  std::set<std::string> produced;
  std::string folder = temporaryFolder();
  std::string policy = folder + "/policy.policy";
  writeFile(policy, "category contact { email; }\n"
                    "purpose support basis contract;\n"
                    "use contact.email for support;\n"
                    "use contact for support;\n"
                    "use contact.emial, contact.phone, contact.fax for support;\n");
  auto expect = [&](const std::vector<std::string> &ids, llvm::StringRef id) {
    INFO("in-process case for " << id.str());
    CHECK(contains(ids, id));
    produced.insert(ids.begin(), ids.end());
  };

  expect(compileFile(folder + "/missing.policy", {}), "err_cannot_open_file");
  expect(compileFile(folder, {}), "err_is_a_directory");

  CompilationLimits smallFiles;
  smallFiles.maxFileSize = 16;
  expect(compileFile(policy, smallFiles), "err_file_too_large");
  // A stream (not a regular file) is read up to the limit only: an endless one is cut.
  expect(compileFile("/dev/zero", smallFiles), "err_stream_too_large");

  CompilationLimits shortStatements;
  shortStatements.maxTokensPerStatement = 5;
  expect(compileFile(policy, shortStatements), "err_statement_too_long");

  CompilationLimits fewTokens;
  fewTokens.maxTokens = 5;
  expect(compileFile(policy, fewTokens), "err_too_many_tokens");

  CompilationLimits fewStatements;
  fewStatements.maxStatements = 2;
  expect(compileFile(policy, fewStatements), "err_too_many_statements");

  // The root is within the file limit; the first import takes all files past the total.
  CompilationLimits smallPolicy;
  smallPolicy.maxPolicySize = 64;
  expect(
      compileFile(sourcePath("tests/diagnostics/driver/clean-import-diamond.policy"), smallPolicy),
      "err_policy_too_large");

  CompilationLimits shallowImports;
  shallowImports.maxImportDepth = 1;
  expect(compileFile(sourcePath("tests/diagnostics/driver/clean-import-diamond.policy"),
                     shallowImports),
         "err_import_too_deep");

  DiagnosticOptions errorLimit;
  errorLimit.errorLimit = 2;
  expect(compileFile(policy, {}, errorLimit), "fatal_too_many_errors");

  std::string warnings = folder + "/warnings.policy";
  writeFile(warnings, ";;;;\n");
  DiagnosticOptions fewWarnings;
  fewWarnings.warningLimit = 2;
  expect(compileFile(warnings, {}, fewWarnings), "note_too_many_warnings");

  std::string semicolons = folder + "/semicolons.policy";
  writeFile(semicolons, "category a;;;;\n");
  DiagnosticOptions warningLimit;
  warningLimit.warningLimit = 2;
  expect(compileFile(semicolons, {}, warningLimit), "note_too_many_warnings");

  llvm::sys::fs::remove_directories(folder);
  return produced;
}

struct Exemption {
  std::string id;
  std::string test; ///< path under the source tree of the test that produces the id
};

std::vector<Exemption> readExemptions() {
  std::vector<Exemption> exemptions;
  std::string text =
      test::readFile(sourcePath("tests/unit/frontend/DiagnosticCoverageExemptions.txt"));
  llvm::SmallVector<llvm::StringRef, 16> lines;
  llvm::StringRef(text).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.trim();
    if (line.empty() || line.startswith("#"))
      continue;
    auto [id, test] = line.split(' ');
    exemptions.push_back({id.str(), test.trim().str()});
  }
  return exemptions;
}

/// The `### id` entries of docs/checks.md with the lines that follow each heading.
std::map<std::string, std::vector<std::string>> checksEntries() {
  std::map<std::string, std::vector<std::string>> entries;
  std::string text = test::readFile(sourcePath("docs/checks.md"));
  llvm::SmallVector<llvm::StringRef, 256> lines;
  llvm::StringRef(text).split(lines, '\n');
  std::vector<std::string> *current = nullptr;
  for (llvm::StringRef line : lines) {
    if (line.startswith("#")) {
      current = nullptr;
      if (line.consume_front("### "))
        current = &entries[line.trim().str()];
      continue;
    }
    if (current)
      current->push_back(line.rtrim().str());
  }
  return entries;
}

} // namespace

TEST_CASE("every diagnostic id is produced by a test", "[coverage]") {
  std::set<std::string> produced = idsFromInProcessCases();

  std::vector<std::string> files = goldenFiles();
  REQUIRE(files.size() > 10);
  for (const std::string &file : files) {
    std::string problem;
    std::vector<std::string> ids = idsReportedFor(file, problem);
    INFO(file << ": " << problem);
    CHECK(problem.empty());
    produced.insert(ids.begin(), ids.end());
  }

  llvm::StringSet<> table;
  for (const DiagnosticInfo &info : allDiagnostics())
    table.insert(info.id);
  for (const Exemption &exemption : readExemptions()) {
    INFO("exemption " << exemption.id << " -> " << exemption.test);
    CHECK(table.contains(exemption.id));
    // The named test must exist and name the id, so an exemption cannot outlive its test.
    std::string testText = test::readFile(sourcePath(exemption.test));
    CHECK(testText.find(exemption.id) != std::string::npos);
    produced.insert(exemption.id);
  }

  std::string missing;
  for (const DiagnosticInfo &info : allDiagnostics())
    if (!produced.count(info.id.str()))
      missing += " " + info.id.str();
  INFO("ids that no golden file under tests/diagnostics/ produces (add a file with an "
       "expected-* line for each, or an in-process case in this test):"
       << missing);
  CHECK(missing.empty());
}

TEST_CASE("every diagnostic id has an entry in docs/checks.md", "[coverage]") {
  std::map<std::string, std::vector<std::string>> entries = checksEntries();
  for (const DiagnosticInfo &info : allDiagnostics()) {
    std::string id = info.id.str();
    INFO("docs/checks.md, entry '### " << id << "'");
    auto found = entries.find(id);
    REQUIRE(found != entries.end());
    const std::vector<std::string> &lines = found->second;

    // The first line: `-Wflag` · class ("· note" alone for notes, which have no flag).
    auto first = std::find_if(lines.begin(), lines.end(),
                              [](const std::string &line) { return !line.empty(); });
    REQUIRE(first != lines.end());
    std::string expected = info.flag.empty() ? "· " + diagnosticClassName(info.diagClass).str()
                                             : "`-W" + info.flag.str() + "` · " +
                                                   diagnosticClassName(info.diagClass).str();
    CHECK(*first == expected);

    // Then prose, a failing example and the fixed one: policies, or for the project
    // configuration's diagnostics, configuration files.
    std::string block = info.flag == "config" ? "```toml" : "```policy";
    auto triggers = std::find(first, lines.end(), "Triggers:");
    REQUIRE(triggers != lines.end());
    CHECK(std::distance(first, triggers) >= 2);
    REQUIRE(std::next(triggers) != lines.end());
    CHECK(*std::next(triggers) == block);
    auto fixed = std::find(triggers, lines.end(), "Fixed:");
    REQUIRE(fixed != lines.end());
    REQUIRE(std::next(fixed) != lines.end());
    CHECK(*std::next(fixed) == block);
  }
}

TEST_CASE("docs/checks.md documents only ids of the table", "[coverage]") {
  llvm::StringSet<> table;
  for (const DiagnosticInfo &info : allDiagnostics())
    table.insert(info.id);
  for (const auto &[id, lines] : checksEntries()) {
    INFO("docs/checks.md has '### " << id << "', which basic/DiagnosticKinds.def lacks");
    CHECK(table.contains(id));
  }
}
