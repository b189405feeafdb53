// The fix-it of warn_consent_not_carried: it adds `when consent K` (or `, K` after an existing
// condition) at the right place, and the policy it makes no longer has the finding.
#include "CheckTestSupport.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
struct Edit {
  size_t offset;
  size_t length;
  std::string replacement;
};

/// Records the fix-its of one diagnostic kind as edits of the root buffer.
class FixItConsumer : public DiagnosticConsumer {
public:
  explicit FixItConsumer(diag::Kind kind) : kind(kind) {}
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override {
    if (diagnostic.kind != kind)
      return;
    ++found;
    const char *start = sources.getMemoryBuffer(sources.getMainFileID())->getBufferStart();
    for (const FixIt &fix : diagnostic.fixIts)
      edits.push_back(
          {static_cast<size_t>(fix.range.Start.getPointer() - start),
           static_cast<size_t>(fix.range.End.getPointer() - fix.range.Start.getPointer()),
           fix.replacement});
  }
  diag::Kind kind;
  size_t found = 0;
  std::vector<Edit> edits;
};

/// `text` with the fix-its of `kind` applied.
std::string applyFixIts(const std::string &text, diag::Kind kind, size_t &found) {
  llvm::SourceMgr sources;
  FixItConsumer consumer(kind);
  DiagnosticEngine diags(sources, consumer);
  Compilation compilation(sources, diags);
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "test.policy"));
  std::unique_ptr<model::PolicyModel> model = compilation.analyze();
  REQUIRE(model);
  REQUIRE_FALSE(diags.hasErrors());
  check::runChecks(*model, diags);
  found = consumer.found;
  std::vector<Edit> edits = consumer.edits;
  // Later edits first, so that earlier offsets stay valid.
  std::sort(edits.begin(), edits.end(),
            [](const Edit &a, const Edit &b) { return a.offset > b.offset; });
  std::string result = text;
  for (const Edit &edit : edits)
    result.replace(edit.offset, edit.length, edit.replacement);
  return result;
}

const char *const kVocabulary = "category contact { email; }\n"
                                "purpose support basis contract;\n"
                                "purpose surveys basis legitimate_interest;\n"
                                "recipient helpdesk processor;\n"
                                "source web;\n"
                                "consent news opt_in { withdraw via link \"unsubscribe\"; }\n"
                                "consent calls opt_in { withdraw via link \"unsubscribe\"; }\n"
                                "collect contact from web for support when consent news;\n";
} // namespace

TEST_CASE("the consent fix-it adds the condition the collection has", "[check][fixit]") {
  std::string text = std::string(kVocabulary) + "use contact for surveys;\n" +
                     "disclose contact to helpdesk for support when consent calls;\n";
  size_t found = 0;
  std::string fixed = applyFixIts(text, diag::warn_consent_not_carried, found);
  CHECK(found == 2);
  CHECK(fixed == std::string(kVocabulary) + "use contact for surveys when consent news;\n" +
                     "disclose contact to helpdesk for support when consent calls, news;\n");
  test::CheckedText checked = test::checkText(fixed);
  std::string seen;
  for (const std::string &line : checked.entries())
    seen += line + "\n";
  INFO(seen);
  CHECK(checked.entries().empty());
}

TEST_CASE("the consent fix-it on a statement over several lines", "[check][fixit]") {
  // The example: after the fix the use repeats what the collection permits, which
  // the shadowing warning then says; the consent finding is gone.
  std::string text = std::string(kVocabulary) + "use contact\n    for support;\n";
  size_t found = 0;
  std::string fixed = applyFixIts(text, diag::warn_consent_not_carried, found);
  CHECK(found == 1);
  CHECK(fixed == std::string(kVocabulary) + "use contact\n    for support when consent news;\n");
  test::CheckedText checked = test::checkText(fixed);
  CHECK(checked.count("warn_consent_not_carried") == 0);
  CHECK(checked.count("warn_shadowed_statement") == 1);
}
