// The explicit limits of basic/Limits.h and the shapes just below them: a flood of warnings
// is cut at kMaxWarnings with note_too_many_warnings, an endless import ends in
// err_stream_too_large, and the longest statements the parser accepts go through the whole
// front end without deep recursion (the sanitizer build runs these with its larger frames).
#include "TestSupport.h"

#include "basic/Limits.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

using namespace policyc;

namespace {
size_t countId(const test::CompiledText &result, llvm::StringRef id) {
  return std::count(result.consumer.ids.begin(), result.consumer.ids.end(), id);
}

/// `use a, a, ..., a for p;` with `names` names: 2 * names + 3 tokens.
std::string longUse(unsigned names) {
  std::string text = "category a;\npurpose p basis contract;\nuse a";
  text.reserve(text.size() + names * 3 + 16);
  for (unsigned i = 1; i < names; ++i)
    text += ", a";
  text += " for p;\n";
  return text;
}
} // namespace

TEST_CASE("limits: a warning in every byte stops being shown at the limit", "[hostile]") {
  auto start = std::chrono::steady_clock::now();
  auto result = test::compileText("category a;" + std::string(1'000'000, ';'));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(countId(*result, "warn_extra_semicolon") == limits::kMaxWarnings);
  REQUIRE(countId(*result, "note_too_many_warnings") == 1);
  CHECK(result->consumer.ids.back() == "note_too_many_warnings");
  // The ones not shown still count: -Werror and exit codes see them.
  CHECK(result->diags->warningCount() == 1'000'000);
  CHECK_FALSE(result->diags->hasErrors());
  REQUIRE(result->model);
  CHECK(result->model->categories().size() == 1);
  INFO(seconds << " s");
  CHECK(seconds < 60); // linear: about a second even under the sanitizers
}

TEST_CASE("limits: the note names the limit and marks the first warning left out", "[hostile]") {
  DiagnosticOptions options;
  options.warningLimit = 2;
  auto result = test::compileText("category a;\n;\n;\n;\n;\n", "test.policy", options);
  CHECK(result->consumer.entries ==
        std::vector<std::string>{
            "warn_extra_semicolon@2: extra ';' outside a statement",
            "warn_extra_semicolon@3: extra ';' outside a statement",
            "note_too_many_warnings@4: more than 2 warnings: this one and every later one are "
            "not shown"});
}

TEST_CASE("limits: an import of an endless device is refused without reading it", "[hostile]") {
  // A stream is read (up to the file size limit) only when named on the command line; an
  // import must be a regular file, so /dev/zero is not read at all.
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  compilation.loadRootBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("import \"/dev/zero\";\ncategory a;\n", "z.policy"));
  auto model = compilation.analyze();
  CHECK(consumer.ids == std::vector<std::string>{"err_import_not_regular"});
  REQUIRE(consumer.entries.size() == 1);
  CHECK_THAT(consumer.entries[0], Catch::Contains("'/dev/zero' is a character device"));
  REQUIRE(model);
  CHECK(model->categories().size() == 1); // the importing file is still checked
}

TEST_CASE("limits: a pipe within the limit is read whole", "[hostile]") {
  // A FIFO is not a regular file: it goes through the bounded reader, which must not lose
  // or add a byte.
  llvm::SmallString<256> folder;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("policyc-fifo", folder));
  std::string fifo = (folder + "/vocabulary.policy").str();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string vocabulary;
  for (int i = 0; i < 20'000; ++i)
    vocabulary += "category c" + std::to_string(i) + ";\n"; // about 300 KB, several reads
  std::thread writer([&] {
    std::error_code error;
    llvm::raw_fd_ostream out(fifo, error);
    out << vocabulary;
  });
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  REQUIRE(compilation.loadRoot(fifo));
  writer.join();
  auto model = compilation.analyze();
  CHECK(consumer.ids.empty());
  REQUIRE(model);
  CHECK(model->categories().size() == 20'000);
  llvm::sys::fs::remove_directories(folder);
}

TEST_CASE("limits: the longest statement accepted goes through the front end", "[hostile]") {
  // Just under kMaxTokensPerStatement: no token limit error, no stack overflow in the
  // parser's list rules, and the rule is in the model.
  unsigned names = (limits::kMaxTokensPerStatement - 5) / 2;
  auto result = test::compileText(longUse(names));
  CHECK_FALSE(result->hasError("err_statement_too_long"));
  CHECK_FALSE(result->diags->hasErrors());
  REQUIRE(result->model);
  CHECK(result->model->rules.size() == 1);
  // One more name is over the limit.
  auto over = test::compileText(longUse(names + 2));
  CHECK(countId(*over, "err_statement_too_long") == 1);
}

TEST_CASE("limits: 100,000 adjacent string literals and a 100,000-segment path", "[hostile]") {
  std::string strings = "note intro";
  for (int i = 0; i < 100'000; ++i)
    strings += " \"x\"";
  auto joined = test::compileText(strings + ";\n");
  CHECK(joined->consumer.ids.empty());
  REQUIRE(joined->model);
  REQUIRE(joined->model->notes.size() == 1);
  CHECK(joined->model->notes[0].text == std::string(100'000, 'x'));

  std::string path = "a";
  for (int i = 0; i < 100'000; ++i)
    path += ".a";
  auto deep =
      test::compileText("category a { a; }\npurpose p basis contract;\nuse " + path + " for p;\n");
  CHECK(deep->diags->hasErrors()); // no such node, reported, not a crash
}

TEST_CASE("limits: 20,000 imports of one file load it once", "[hostile]") {
  llvm::SmallString<256> folder;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("policyc-imports", folder));
  {
    std::error_code error;
    llvm::raw_fd_ostream out((folder + "/vocabulary.policy").str(), error);
    REQUIRE_FALSE(error);
    out << "category a;\n";
    llvm::raw_fd_ostream root((folder + "/root.policy").str(), error);
    REQUIRE_FALSE(error);
    for (int i = 0; i < 20'000; ++i)
      root << (i % 2 ? "import \"vocabulary.policy\";\n" : "import \"./vocabulary.policy\";\n");
  }
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  REQUIRE(compilation.loadRoot((folder + "/root.policy").str()));
  auto model = compilation.analyze();
  CHECK(consumer.ids.empty());
  CHECK(compilation.getUnits().size() == 2);
  llvm::sys::fs::remove_directories(folder);
}
