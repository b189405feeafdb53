// The diff of `policyc fmt --diff` (format/UnifiedDiff.h): the format of `diff -u`, and on
// random edits, a patch that turns the old text into the new one.
#include "format/UnifiedDiff.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using policyc::format::unifiedDiff;

namespace {
std::vector<std::string> linesOf(llvm::StringRef text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    size_t length = end == llvm::StringRef::npos ? text.size() : end + 1;
    lines.push_back(text.take_front(length).str());
    text = text.drop_front(length);
  }
  return lines;
}

/// Applies a unified diff as `patch` would, requiring every context and removed line to match.
std::string applyDiff(llvm::StringRef before, llvm::StringRef diff) {
  std::vector<std::string> source = linesOf(before);
  std::vector<std::string> patch = linesOf(diff);
  REQUIRE(patch.size() >= 2);
  std::string result;
  size_t next = 0; // first line of `source` not yet copied
  for (size_t i = 2; i < patch.size();) {
    llvm::StringRef header = patch[i];
    REQUIRE(header.startswith("@@ -"));
    unsigned start = 0;
    llvm::StringRef numbers = header.drop_front(4);
    REQUIRE_FALSE(numbers.consumeInteger(10, start));
    unsigned count = 1;
    if (numbers.consume_front(","))
      REQUIRE_FALSE(numbers.consumeInteger(10, count));
    size_t first = count == 0 ? start : start - 1;
    REQUIRE(first >= next);
    for (; next < first; ++next)
      result += source[next];
    for (++i; i < patch.size() && !llvm::StringRef(patch[i]).startswith("@@"); ++i) {
      llvm::StringRef line = patch[i];
      bool noNewline = i + 1 < patch.size() &&
                       llvm::StringRef(patch[i + 1]).startswith("\\ No newline at end of file");
      std::string content = line.drop_front().str();
      if (noNewline)
        content.pop_back();
      if (line.startswith("\\"))
        continue;
      if (line.startswith("+")) {
        result += content;
        continue;
      }
      REQUIRE(next < source.size());
      CHECK(source[next] == content);
      ++next;
      if (line.startswith(" "))
        result += content;
    }
  }
  for (; next < source.size(); ++next)
    result += source[next];
  return result;
}
} // namespace

TEST_CASE("unified diff: the format of diff -u", "[format][diff]") {
  CHECK(unifiedDiff("a\nb\n", "a\nb\n", "x", "x").empty());
  CHECK(unifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "p.policy",
                    "p.policy") == "--- p.policy\n"
                                   "+++ p.policy\n"
                                   "@@ -2,7 +2,7 @@\n"
                                   " 2\n"
                                   " 3\n"
                                   " 4\n"
                                   "-5\n"
                                   "+five\n"
                                   " 6\n"
                                   " 7\n"
                                   " 8\n");
  // A change in a last line without a line end is marked.
  CHECK(unifiedDiff("a", "a\n", "f", "f") == "--- f\n+++ f\n@@ -1 +1 @@\n-a\n"
                                             "\\ No newline at end of file\n+a\n");
  // An empty text: the range names line 0.
  CHECK(unifiedDiff("", "a\n", "f", "f") == "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n");
  // Changes far apart are separate hunks.
  std::string before;
  std::string after;
  for (int i = 0; i < 30; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 25 ? "x" : std::to_string(i)) + "\n";
  }
  std::string diff = unifiedDiff(before, after, "f", "f");
  CHECK(llvm::StringRef(diff).count("\n@@ ") == 2);
  CHECK(applyDiff(before, diff) == after);
}

TEST_CASE("unified diff: applying it gives the new text", "[format][diff]") {
  std::mt19937 random(20261202);
  const char *words[] = {"collect", "use", "never", "}", "{", "", "  a;", "// c"};
  for (int round = 0; round < 300; ++round) {
    std::string before;
    std::string after;
    int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      std::string line = words[random() % 8];
      before += line + "\n";
      switch (random() % 4) {
      case 0:
        break; // removed
      case 1:
        after += std::string(words[random() % 8]) + "\n" + line + "\n"; // added before
        break;
      default:
        after += line + "\n";
        break;
      }
    }
    if (random() % 5 == 0 && !after.empty())
      after.pop_back(); // no line end at the end
    INFO("before:\n" << before << "after:\n" << after);
    std::string diff = unifiedDiff(before, after, "f", "f");
    CHECK(diff.empty() == (before == after));
    if (!diff.empty())
      CHECK(applyDiff(before, diff) == after);
  }
}
