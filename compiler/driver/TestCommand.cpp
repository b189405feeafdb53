// policyc test FILE...: runs the decision tests (`expect allow|deny ...`) of each file against
// the reference evaluator and reports failures, with the statement that decided, and the rule
// statements no test reached (docs/test.md). Output for people (text) or CI (JSON, JUnit XML).
#include "driver/Commands.h"
#include "driver/Pipeline.h"

#include "basic/SourceLocation.h"
#include "eval/Expectations.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
enum class ReportFormat { Text, Json, Junit };

cl::list<std::string> Files(cl::Positional, cl::OneOrMore, cl::value_desc("file"),
                            cl::desc("<test or policy files with `expect` statements>"),
                            cl::sub(testCommand()));

cl::opt<ReportFormat>
    Format("format", cl::init(ReportFormat::Text),
           cl::desc("How the report is printed on standard output"),
           cl::values(clEnumValN(ReportFormat::Text, "text", "a summary for people"),
                      clEnumValN(ReportFormat::Json, "json", "one JSON document"),
                      clEnumValN(ReportFormat::Junit, "junit", "JUnit XML, for CI test reports")),
           cl::sub(testCommand()));

cl::opt<bool> Verify("verify",
                     cl::desc("Check failures against the expected-error and expected-note "
                              "comments in the files instead of reporting them"),
                     cl::sub(testCommand()));

using model::Relation;

struct FileReport {
  std::string file;
  const llvm::SourceMgr *sources = nullptr;
  const model::PolicyModel *model = nullptr;
  eval::TestReport report;
  uint64_t questions = 0;
};

/// "file:line" of a location, or "" when it has none.
std::string place(const llvm::SourceMgr &sources, llvm::SMLoc loc) {
  auto presumed = presumedLoc(sources, loc);
  if (!presumed)
    return "";
  return presumed->file.str() + ":" + std::to_string(presumed->line);
}

/// Rule statements no expectation's question was decided by, in load order.
std::vector<const model::Rule *> unexercised(const FileReport &file) {
  std::vector<const model::Rule *> result;
  for (size_t i = 0; i < file.model->rules.size(); ++i)
    if (!file.report.exercised[i])
      result.push_back(&file.model->rules[i]);
  llvm::sort(result,
             [](const model::Rule *a, const model::Rule *b) { return a->info.id < b->info.id; });
  return result;
}

void printText(const std::vector<FileReport> &files, llvm::raw_ostream &out) {
  for (const FileReport &file : files) {
    size_t total = file.report.outcomes.size();
    unsigned failed = file.report.failures();
    out << file.file << ": " << total << (total == 1 ? " expectation, " : " expectations, ")
        << total - failed << " passed, " << failed << " failed (" << file.questions
        << (file.questions == 1 ? " question)\n" : " questions)\n");
    std::vector<const model::Rule *> missed = unexercised(file);
    size_t rules = file.model->rules.size();
    out << "  statements that decided a test question: " << rules - missed.size() << " of " << rules
        << "\n";
    if (missed.empty())
      continue;
    out << "  not exercised by any test:\n";
    for (const model::Rule *rule : missed)
      out << "    " << place(*file.sources, rule->info.range.Start) << ": "
          << oneLineText(rule->info.range) << "\n";
  }
}

llvm::json::Object locationJson(const llvm::SourceMgr &sources, llvm::SMLoc loc) {
  llvm::json::Object object;
  if (auto presumed = presumedLoc(sources, loc)) {
    object["file"] = presumed->file.str();
    object["line"] = presumed->line;
    object["column"] = presumed->column;
  }
  return object;
}

llvm::json::Object questionJson(const model::PolicyModel &model, Relation relation,
                                const model::Point &point) {
  using model::VocabularyKind;
  llvm::json::Object question{
      {"relation", model::relationName(relation)},
      {"category", eval::nodePath(model, VocabularyKind::Category, point[model::CategoryAxis])},
      {"source", eval::nodePath(model, VocabularyKind::Source, point[model::SourceAxis])}};
  if (relation == Relation::Tuple) {
    question["purpose"] = eval::nodePath(model, VocabularyKind::Purpose, point[model::PurposeAxis]);
    question["recipient"] =
        eval::nodePath(model, VocabularyKind::Recipient, point[model::RecipientAxis]);
  }
  if (relation == Relation::Link)
    question["linked"] = eval::nodePath(model, VocabularyKind::Category, point[model::LinkedAxis]);
  return question;
}

void printJson(const std::vector<FileReport> &files, llvm::raw_ostream &out) {
  llvm::json::Array fileArray;
  size_t expectations = 0, failures = 0;
  for (const FileReport &file : files) {
    const model::PolicyModel &model = *file.model;
    eval::Evaluator evaluator(model);
    llvm::json::Array outcomes;
    for (const eval::ExpectationOutcome &outcome : file.report.outcomes) {
      const model::Expectation &expectation = *outcome.expectation;
      llvm::json::Object entry = locationJson(*file.sources, expectation.range.Start);
      entry["text"] = oneLineText(expectation.range);
      entry["expected"] = expectation.allow ? "allow" : "deny";
      entry["passed"] = outcome.passed;
      entry["questions"] = outcome.questions;
      llvm::json::Array consents;
      eval::ConsentSet granted = eval::assumedConsents(evaluator, expectation);
      for (unsigned consent : granted.set_bits())
        consents.push_back(model.consents[consent].name);
      entry["consents"] = std::move(consents);
      if (!outcome.passed && !outcome.tooBroad && outcome.questions != 0) {
        const eval::Decision &answer = outcome.answer;
        llvm::json::Object decision{{"allowed", answer.allowed},
                                    {"reason", eval::reasonName(answer.reason)},
                                    {"statement", answer.statement()}};
        if (answer.rule) {
          llvm::json::Object where = locationJson(*file.sources, answer.rule->info.range.Start);
          decision["file"] = where["file"];
          decision["line"] = where["line"];
          decision["text"] = oneLineText(answer.rule->info.range);
        }
        entry["failure"] =
            llvm::json::Object{{"question", questionJson(model, outcome.relation, outcome.failing)},
                               {"decision", std::move(decision)}};
      } else if (!outcome.passed) {
        entry["failure"] = llvm::json::Object{
            {"message", outcome.tooBroad ? "too many questions" : "asks no question"}};
      }
      outcomes.push_back(std::move(entry));
    }
    llvm::json::Array missed;
    for (const model::Rule *rule : unexercised(file)) {
      llvm::json::Object entry = locationJson(*file.sources, rule->info.range.Start);
      entry["statement"] = rule->info.id;
      entry["text"] = oneLineText(rule->info.range);
      missed.push_back(std::move(entry));
    }
    expectations += file.report.outcomes.size();
    failures += file.report.failures();
    fileArray.push_back(
        llvm::json::Object{{"file", file.file},
                           {"expectations", std::move(outcomes)},
                           {"questions", file.questions},
                           {"ruleStatements", static_cast<int64_t>(model.rules.size())},
                           {"unexercised", std::move(missed)}});
  }
  llvm::json::Object document{
      {"version", 1},
      {"files", std::move(fileArray)},
      {"summary", llvm::json::Object{{"expectations", static_cast<int64_t>(expectations)},
                                     {"passed", static_cast<int64_t>(expectations - failures)},
                                     {"failed", static_cast<int64_t>(failures)}}}};
  out << llvm::formatv("{0:2}", llvm::json::Value(std::move(document))) << "\n";
}

std::string xmlEscape(llvm::StringRef text) {
  std::string result;
  for (char c : text) {
    switch (c) {
    case '&':
      result += "&amp;";
      break;
    case '<':
      result += "&lt;";
      break;
    case '>':
      result += "&gt;";
      break;
    case '"':
      result += "&quot;";
      break;
    default:
      // XML 1.0 allows no control characters but tab and the line ends.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
        result += "?";
      else
        result.push_back(c);
    }
  }
  return result;
}

void printJunit(const std::vector<FileReport> &files, llvm::raw_ostream &out) {
  size_t tests = 0, failures = 0;
  for (const FileReport &file : files) {
    tests += file.report.outcomes.size();
    failures += file.report.failures();
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"policyc test\" tests=\"" << tests << "\" failures=\"" << failures
      << "\">\n";
  for (const FileReport &file : files) {
    const model::PolicyModel &model = *file.model;
    out << "  <testsuite name=\"" << xmlEscape(file.file) << "\" tests=\""
        << file.report.outcomes.size() << "\" failures=\"" << file.report.failures() << "\">\n";
    for (const eval::ExpectationOutcome &outcome : file.report.outcomes) {
      const model::Expectation &expectation = *outcome.expectation;
      std::string name =
          place(*file.sources, expectation.range.Start) + ": " + oneLineText(expectation.range);
      out << "    <testcase classname=\"" << xmlEscape(file.file) << "\" name=\"" << xmlEscape(name)
          << "\"";
      if (outcome.passed) {
        out << "/>\n";
        continue;
      }
      std::string message;
      if (outcome.tooBroad)
        message = "too many questions: " + std::to_string(outcome.questions);
      else if (outcome.questions == 0)
        message = "the expectation asks no question";
      else
        message = std::string("expected ") + (expectation.allow ? "allow" : "deny") + ", but " +
                  eval::describeQuestion(model, outcome.relation, outcome.failing) + " is " +
                  (outcome.answer.allowed ? "allowed" : "denied") + " (" +
                  eval::reasonName(outcome.answer.reason).str() + ")";
      std::string detail;
      if (outcome.answer.rule)
        detail = "decided by statement " + std::to_string(outcome.answer.statement()) + " at " +
                 place(*file.sources, outcome.answer.rule->info.range.Start) + ": " +
                 oneLineText(outcome.answer.rule->info.range);
      out << ">\n      <failure message=\"" << xmlEscape(message) << "\">" << xmlEscape(detail)
          << "</failure>\n    </testcase>\n";
    }
    std::vector<const model::Rule *> missed = unexercised(file);
    out << "    <system-out>" << xmlEscape(std::to_string(missed.size())) << " of "
        << model.rules.size() << " rule statements not exercised by any test";
    for (const model::Rule *rule : missed)
      out << "\n"
          << xmlEscape(place(*file.sources, rule->info.range.Start) + ": " +
                       oneLineText(rule->info.range));
    out << "</system-out>\n  </testsuite>\n";
  }
  out << "</testsuites>\n";
}
} // namespace

int runTest() {
  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, Verify))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  bool ioError = false;
  std::vector<CompiledPolicy> policies;
  std::vector<FileReport> reports;
  for (const std::string &file : Files) {
    if (diags.stopped())
      break;
    unsigned errorsBefore = diags.errorCount();
    CompiledPolicy policy = compilePolicy(file, sources, diags);
    ioError |= policy.ioError;
    // A policy with errors has no sound meaning to test.
    if (policy.ioError || !policy.model || diags.errorCount() != errorsBefore)
      continue;
    FileReport report;
    report.file = file;
    report.sources = &sources;
    report.model = policy.model.get();
    report.report = eval::runExpectations(eval::Evaluator(*policy.model));
    for (const eval::ExpectationOutcome &outcome : report.report.outcomes)
      report.questions += outcome.tooBroad ? 0 : outcome.questions;
    eval::reportFailures(report.report, diags);
    reports.push_back(std::move(report));
    policies.push_back(std::move(policy));
  }
  if (!Verify) {
    switch (Format) {
    case ReportFormat::Text:
      printText(reports, llvm::outs());
      break;
    case ReportFormat::Json:
      printJson(reports, llvm::outs());
      break;
    case ReportFormat::Junit:
      printJunit(reports, llvm::outs());
      break;
    }
  }
  return setup.finish(ioError);
}

} // namespace policyc::driver
