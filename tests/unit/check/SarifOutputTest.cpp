// --diagnostics-format=sarif: the log has the shape GitHub code scanning requires (SARIF
// 2.1.0, a driver with rules that have ids and help, results with a rule, a message and a
// physical location, notes as related locations) and is the same on every run.
#include "basic/DiagnosticEngine.h"
#include "basic/SarifDiagnosticPrinter.h"
#include "check/Checker.h"
#include "frontend/Compilation.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
constexpr const char *kPolicy = R"(policy "SARIF" { controller "Example Inc."; }
category contact { email; }
purpose customer_service basis contract;
recipient service_providers processor;
source website { support_chat; profile_form; }
collect contact from website for customer_service;
disclose contact to service_providers for customer_service;
never disclose * from website.support_chat to external;
category unused_thing;
)";

std::string sarifOf(llvm::StringRef text) {
  llvm::SourceMgr sources;
  std::string output;
  llvm::raw_string_ostream out(output);
  SarifDiagnosticPrinter printer(out, "9.9.9");
  DiagnosticEngine diags(sources, printer);
  Compilation compilation(sources, diags);
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "dir/a b.policy"));
  auto model = compilation.analyze();
  REQUIRE(model);
  REQUIRE_FALSE(diags.hasErrors());
  check::runChecks(*model, diags);
  // A diagnostic without a location becomes a notification, not a result.
  diags.report(llvm::SMRange(), diag::warn_unknown_warning_option, "-Wbogus");
  diags.finish();
  out.flush();
  return output;
}

const llvm::json::Object &object(const llvm::json::Value *value) {
  REQUIRE(value);
  REQUIRE(value->getAsObject());
  return *value->getAsObject();
}

int64_t integer(const llvm::json::Object &object, llvm::StringRef key) {
  llvm::Optional<int64_t> value = object.getInteger(key);
  REQUIRE(value.hasValue());
  return *value;
}

const llvm::json::Array &array(const llvm::json::Value *value) {
  REQUIRE(value);
  REQUIRE(value->getAsArray());
  return *value->getAsArray();
}
} // namespace

TEST_CASE("SARIF output has the shape code scanning requires", "[check][sarif]") {
  std::string text = sarifOf(kPolicy);
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(text);
  REQUIRE(static_cast<bool>(parsed));
  const llvm::json::Object &log = *parsed->getAsObject();
  CHECK(log.getString("version") == llvm::StringRef("2.1.0"));
  CHECK(log.getString("$schema")->contains("sarif-2.1.0"));
  const llvm::json::Array &runs = array(log.get("runs"));
  REQUIRE(runs.size() == 1);
  const llvm::json::Object &run = *runs[0].getAsObject();
  const llvm::json::Object &driver = object(object(run.get("tool")).get("driver"));
  CHECK(driver.getString("name") == llvm::StringRef("policyc"));
  CHECK(driver.getString("version") == llvm::StringRef("9.9.9"));

  const llvm::json::Array &rules = array(driver.get("rules"));
  std::vector<std::string> ruleIds;
  for (const llvm::json::Value &rule : rules) {
    const llvm::json::Object &entry = *rule.getAsObject();
    REQUIRE(entry.getString("id"));
    ruleIds.push_back(entry.getString("id")->str());
    CHECK_FALSE(object(entry.get("shortDescription")).getString("text")->empty());
    CHECK(object(entry.get("help")).getString("text")->contains("docs/checks.md#"));
    auto level = object(entry.get("defaultConfiguration")).getString("level");
    CHECK((level == llvm::StringRef("error") || level == llvm::StringRef("warning")));
    CHECK_FALSE(llvm::StringRef(ruleIds.back()).startswith("note_"));
  }
  CHECK(std::find(ruleIds.begin(), ruleIds.end(), "err_permit_prohibited") != ruleIds.end());

  // Findings about declarations come before those about statements.
  const llvm::json::Array &results = array(run.get("results"));
  REQUIRE(results.size() == 2);
  const llvm::json::Object &warning = *results[0].getAsObject();
  CHECK(warning.getString("ruleId") == llvm::StringRef("warn_unused_declaration"));
  CHECK(warning.getString("level") == llvm::StringRef("warning"));
  const llvm::json::Object &error = *results[1].getAsObject();
  CHECK(error.getString("ruleId") == llvm::StringRef("err_permit_prohibited"));
  CHECK(error.getString("level") == llvm::StringRef("error"));
  auto ruleIndex = error.getInteger("ruleIndex");
  REQUIRE(ruleIndex);
  CHECK(ruleIds[static_cast<size_t>(*ruleIndex)] == "err_permit_prohibited");
  CHECK(object(error.get("message")).getString("text")->contains("website.support_chat"));
  const llvm::json::Object &location =
      object(object(&array(error.get("locations"))[0]).get("physicalLocation"));
  const llvm::json::Object &artifact = object(location.get("artifactLocation"));
  CHECK(artifact.getString("uri") == llvm::StringRef("dir/a%20b.policy"));
  CHECK(artifact.getString("uriBaseId") == llvm::StringRef("%SRCROOT%"));
  const llvm::json::Object &region = object(location.get("region"));
  CHECK(integer(region, "startLine") == 7);
  CHECK(integer(region, "startColumn") == 1);
  CHECK(integer(region, "endLine") == 7);

  // The notes: the prohibition (line 8) and the fix (line 7).
  const llvm::json::Array &related = array(error.get("relatedLocations"));
  REQUIRE(related.size() == 2);
  const llvm::json::Object &note = *related[0].getAsObject();
  CHECK(integer(note, "id") == 1);
  CHECK(object(note.get("message")).getString("text")->contains("forbids it here"));
  CHECK(integer(object(object(note.get("physicalLocation")).get("region")), "startLine") == 8);

  const llvm::json::Array &invocations = array(run.get("invocations"));
  const llvm::json::Array &notifications =
      array(object(&invocations[0]).get("toolExecutionNotifications"));
  REQUIRE(notifications.size() == 1);
  CHECK(object(notifications[0].getAsObject()->get("descriptor")).getString("id") ==
        llvm::StringRef("warn_unknown_warning_option"));
}

TEST_CASE("SARIF output is deterministic", "[check][sarif]") {
  CHECK(sarifOf(kPolicy) == sarifOf(kPolicy));
}

TEST_CASE("SARIF columns count UTF-16 code units and URIs are encoded", "[check][sarif]") {
  CHECK(SarifDiagnosticPrinter::fileUri("policies/plantronics.policy") ==
        "policies/plantronics.policy");
  CHECK(SarifDiagnosticPrinter::fileUri("./a.policy") == "a.policy");
  CHECK(SarifDiagnosticPrinter::fileUri("/tmp/x y.policy") == "file:///tmp/x%20y.policy");
  // "\u00e9" is two bytes and one UTF-16 unit, "\U0001D11E" four bytes and two units: the
  // name `b` starts at byte column 31 and UTF-16 column 28.
  std::string text = sarifOf("category a \"\u00e9\U0001D11E\"; category b;\n");
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(text);
  REQUIRE(static_cast<bool>(parsed));
  const llvm::json::Object &run = object(&array(parsed->getAsObject()->get("runs"))[0]);
  const llvm::json::Array &results = array(run.get("results"));
  REQUIRE(results.size() == 2);
  const llvm::json::Object &location =
      object(object(&array(object(&results[1]).get("locations"))[0]).get("physicalLocation"));
  CHECK(integer(object(location.get("region")), "startColumn") == 28);
  CHECK(integer(object(location.get("region")), "endColumn") == 29);
}
