// The -verify mode is what every golden test relies on: it must fail on a missing, an extra or
// a misplaced diagnostic, and on malformed directives, or the golden suite proves nothing.
#include "TestSupport.h"

#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
struct VerifyRun {
  bool passed = false;
  std::string report;
  std::vector<std::string> ids;
};

VerifyRun verify(llvm::StringRef text) {
  VerifyRun run;
  llvm::raw_string_ostream out(run.report);
  llvm::SourceMgr sources;
  VerifyDiagnosticConsumer consumer(out);
  DiagnosticOptions options;
  options.errorLimit = 0;
  DiagnosticEngine diags(sources, consumer, options);
  Compilation compilation(sources, diags);
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "verify.policy"));
  compilation.analyze();
  diags.finish();
  out.flush();
  run.passed = consumer.passed();
  run.ids = consumer.seenIds();
  return run;
}
} // namespace

TEST_CASE("verify mode: passes when every diagnostic is expected where it is", "[verify]") {
  VerifyRun run = verify("category a;\n"
                         "use a for b; // expected-error {{unknown purpose 'b'}}\n"
                         "// expected-error@+1 {{unknown category 'c'}}\n"
                         "use c for p;\n"
                         "// expected-error@-1 {{unknown purpose 'p'}}\n"
                         "category a; // expected-error {{already defined}}\n"
                         "// expected-note@1 {{previous definition is here}}\n");
  INFO(run.report);
  CHECK(run.passed);
  CHECK(run.ids == std::vector<std::string>{"err_duplicate_definition", "note_previous_definition",
                                            "err_undeclared", "err_undeclared", "err_undeclared"});
}

TEST_CASE("verify mode: fails on a diagnostic nobody expected", "[verify]") {
  VerifyRun run = verify("use a for b; // expected-error {{unknown category 'a'}}\n");
  CHECK_FALSE(run.passed);
  CHECK(run.report.find("seen but not expected") != std::string::npos);
  CHECK(run.report.find("unknown purpose 'b'") != std::string::npos);
}

TEST_CASE("verify mode: fails on an expectation nothing met", "[verify]") {
  VerifyRun run = verify("category a; // expected-warning {{extra}}\n");
  CHECK_FALSE(run.passed);
  CHECK(run.report.find("expected but not seen") != std::string::npos);
}

TEST_CASE("verify mode: matches line and kind, not only text", "[verify]") {
  CHECK_FALSE(verify("// expected-error {{unknown category 'a'}}\nuse a for x;\n").passed);
  CHECK_FALSE(verify("use a for x; // expected-warning {{unknown category 'a'}} "
                     "expected-error {{unknown purpose 'x'}}\n")
                  .passed);
  // One directive matches one diagnostic.
  CHECK_FALSE(verify("use a, a for x; // expected-error {{unknown category 'a'}} "
                     "expected-error {{unknown purpose 'x'}}\n")
                  .passed);
}

TEST_CASE("verify mode: rejects malformed directives and files without any", "[verify]") {
  VerifyRun noBraces = verify("use a for x; // expected-error unknown category\n");
  CHECK_FALSE(noBraces.passed);
  CHECK(noBraces.report.find("invalid -verify directive") != std::string::npos);
  VerifyRun badOffset = verify("// expected-error@-5 {{x}}\n");
  CHECK_FALSE(badOffset.passed);
  VerifyRun none = verify("category a;\n");
  CHECK_FALSE(none.passed);
  CHECK(none.report.find("no expected-* directives") != std::string::npos);
  CHECK(verify("// expected-no-diagnostics\ncategory a;\n").passed);
}
