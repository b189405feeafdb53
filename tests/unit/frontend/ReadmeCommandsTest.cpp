// The README promises that CI runs exactly its second command (build everything and run every
// test); .ci/run is that CI, and adds only the quick repository gates before it and the
// sanitizer and fuzzing jobs after it. The two must not drift apart.
#include "TestSupport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {
std::vector<std::string> lines(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef, 64> parts;
  text.split(parts, '\n');
  std::vector<std::string> result;
  for (llvm::StringRef part : parts)
    result.push_back(part.rtrim("\r").str());
  return result;
}

/// The command lines of the README's first ```sh block.
std::vector<std::string> readmeCommands() {
  std::vector<std::string> commands;
  bool inBlock = false;
  for (const std::string &line : lines(policyc::test::readFile(POLICYC_SOURCE_DIR "/README.md"))) {
    if (!inBlock) {
      inBlock = line == "```sh";
      continue;
    }
    if (line == "```")
      break;
    if (!llvm::StringRef(line).trim().empty())
      commands.push_back(line);
  }
  return commands;
}

/// The commands .ci/run executes: its lines that are not comments, shell options or `cd`.
std::vector<std::string> ciCommands() {
  std::vector<std::string> commands;
  for (const std::string &line : lines(policyc::test::readFile(POLICYC_SOURCE_DIR "/.ci/run"))) {
    llvm::StringRef trimmed = llvm::StringRef(line).trim();
    if (trimmed.empty() || trimmed.startswith("#") || trimmed.startswith("set ") ||
        trimmed.startswith("cd "))
      continue;
    commands.push_back(trimmed.str());
  }
  return commands;
}
} // namespace

TEST_CASE("the README's second command is what CI runs", "[readme]") {
  std::vector<std::string> readme = readmeCommands();
  REQUIRE(readme.size() == 2);
  std::vector<std::string> ci = ciCommands();
  auto at = std::find(ci.begin(), ci.end(), readme[1]);
  REQUIRE(at != ci.end());
  CHECK(std::count(ci.begin(), ci.end(), readme[1]) == 1);
  // Before it only the quick repository gates (and the installation they need), so that a
  // violation fails in seconds; they judge the sources and build or test nothing.
  for (auto it = ci.begin(); it != at; ++it) {
    INFO(*it);
    CHECK((*it == "./scripts/setup test" || llvm::StringRef(*it).startswith("./scripts/check-")));
  }
  // After it only the robustness jobs, which add to the suite and replace none of it.
  for (auto it = at + 1; it != ci.end(); ++it) {
    INFO(*it);
    CHECK((llvm::StringRef(*it).startswith("./scripts/ci-sanitize ") ||
           llvm::StringRef(*it).startswith("./scripts/fuzz ")));
  }
}

TEST_CASE("the README's commands install, build, and check or test", "[readme]") {
  std::vector<std::string> readme = readmeCommands();
  REQUIRE(readme.size() == 2);
  // The first checks the bundled policy; the second runs the whole suite with ctest.
  CHECK(llvm::StringRef(readme[0]).startswith("./scripts/setup"));
  CHECK(llvm::StringRef(readme[0]).contains("policyc check "));
  CHECK(llvm::StringRef(readme[0]).endswith(" policies/plantronics.policy"));
  CHECK(llvm::StringRef(readme[1]).startswith("./scripts/setup test"));
  CHECK(llvm::StringRef(readme[1]).contains("ctest --test-dir build"));
  CHECK(llvm::StringRef(readme[1]).contains("--output-on-failure"));
}
