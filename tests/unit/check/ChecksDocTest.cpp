// docs/checks.md, sections "Contradictions" and "Hygiene": every diagnostic of the checker has
// an entry, and every entry's examples are true: the "Triggers" policy produces the id and the
// "Fixed" policy produces no diagnostic at all. A line `// policyc check --profile=gdpr` in an
// example selects a regulation profile.
#include "CheckTestSupport.h"

#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <map>
#include <regex>

using namespace policyc;

namespace {
struct Entry {
  std::string triggers;
  std::string fixed;
};

/// The entries of the two sections, by id.
std::map<std::string, Entry> checkerEntries() {
  std::string text = test::readFile(POLICYC_SOURCE_DIR "/docs/checks.md");
  size_t begin = text.find("\n## Contradictions\n");
  size_t end = text.find("\n## ", text.find("\n## Hygiene\n") + 1);
  REQUIRE(begin != std::string::npos);
  std::string sections = text.substr(begin, end == std::string::npos ? end : end - begin);
  std::map<std::string, Entry> entries;
  std::regex heading("\n### (\\w+)\n");
  auto it = std::sregex_iterator(sections.begin(), sections.end(), heading);
  std::vector<std::pair<std::string, size_t>> starts;
  for (; it != std::sregex_iterator(); ++it)
    starts.emplace_back((*it)[1].str(), it->position() + it->length());
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t stop = i + 1 < starts.size() ? starts[i + 1].second : sections.size();
    std::string body = sections.substr(starts[i].second, stop - starts[i].second);
    auto block = [&](const std::string &label) {
      size_t at = body.find(label + "\n```policy\n");
      if (at == std::string::npos)
        return std::string();
      size_t open = at + label.size() + 11;
      return body.substr(open, body.find("```", open) - open);
    };
    entries[starts[i].first] = {block("Triggers:"), block("Fixed:")};
  }
  return entries;
}

/// The ids of DiagnosticCheckKinds.def.
std::vector<std::string> checkerIds() {
  std::string table = test::readFile(POLICYC_SOURCE_DIR "/compiler/basic/DiagnosticCheckKinds.def");
  std::vector<std::string> ids;
  std::regex row("\nDIAG\\((\\w+),");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row);
       it != std::sregex_iterator(); ++it)
    ids.push_back((*it)[1].str());
  return ids;
}
} // namespace

TEST_CASE("every checker diagnostic is documented with both examples", "[check][docs]") {
  std::map<std::string, Entry> entries = checkerEntries();
  std::vector<std::string> ids = checkerIds();
  REQUIRE(ids.size() > 30);
  for (const std::string &id : ids) {
    INFO(id);
    REQUIRE(entries.count(id) == 1);
    CHECK_FALSE(entries[id].triggers.empty());
    CHECK_FALSE(entries[id].fixed.empty());
  }
}

TEST_CASE("the examples of docs/checks.md do what they say", "[check][docs]") {
  for (const auto &[id, entry] : checkerEntries()) {
    if (entry.triggers.empty() || entry.fixed.empty())
      continue;
    INFO("### " << id);
    test::CheckedText triggered = test::checkText(entry.triggers, test::optionsOf(entry.triggers));
    INFO("Triggers:\n" << entry.triggers);
    CHECK(triggered.has(id));
    test::CheckedText fixed = test::checkText(entry.fixed, test::optionsOf(entry.fixed));
    std::string seen;
    for (const std::string &line : fixed.entries())
      seen += line + "\n";
    INFO("Fixed:\n" << entry.fixed << "\nreports:\n" << seen);
    CHECK(fixed.entries().empty());
  }
}
