// Helpers for the checker's unit tests: compile a policy from a string, run the checker on
// it, and look at the findings.
#ifndef POLICYC_TESTS_CHECK_CHECKTESTSUPPORT_H
#define POLICYC_TESTS_CHECK_CHECKTESTSUPPORT_H

#include "TestSupport.h"
#include "check/Checker.h"

#include <algorithm>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace policyc::test {

struct CheckedText {
  std::unique_ptr<CompiledText> compiled;
  std::vector<check::Finding> findings;

  const model::PolicyModel &model() const { return *compiled->model; }
  const std::vector<std::string> &ids() const { return compiled->consumer.ids; }
  const std::vector<std::string> &entries() const { return compiled->consumer.entries; }
  bool has(llvm::StringRef id) const { return compiled->hasError(id); }
  size_t count(llvm::StringRef id) const {
    return static_cast<size_t>(std::count(ids().begin(), ids().end(), id.str()));
  }
  /// The findings of one kind.
  std::vector<check::Finding> of(diag::Kind kind) const {
    std::vector<check::Finding> result;
    for (const check::Finding &finding : findings)
      if (finding.kind == kind)
        result.push_back(finding);
    return result;
  }
};

/// The regulation profiles a test text asks for with `--profile=NAME` (in a comment).
inline check::CheckOptions optionsOf(const std::string &text) {
  check::CheckOptions options;
  std::smatch match;
  std::string rest = text;
  std::regex profile("--profile=(\\w+)");
  while (std::regex_search(rest, match, profile)) {
    if (auto parsed = check::parseProfile(match[1].str()))
      options.profiles.push_back(*parsed);
    rest = match.suffix();
  }
  return options;
}

/// Compiles `text` and, when sema reports no error, runs the checker with `options`.
inline CheckedText checkText(llvm::StringRef text, check::CheckOptions options = {},
                             DiagnosticOptions diagnosticOptions = {}) {
  CheckedText result;
  result.compiled = compileText(text, "test.policy", std::move(diagnosticOptions));
  if (result.compiled->model && !result.compiled->diags->hasErrors())
    result.findings = check::runChecks(*result.compiled->model, *result.compiled->diags, options);
  return result;
}

} // namespace policyc::test

#endif
