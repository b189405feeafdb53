#include "FuzzHarness.h"

#include "OutputInvariants.h"

#include "basic/DiagnosticEngine.h"
#include "basic/TextDiagnosticPrinter.h"
#include "check/Checker.h"
#include "frontend/Compilation.h"
#include "gen/Generator.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

namespace policyc::fuzz {

const char *const kInputPath = POLICYC_SOURCE_DIR "/tests/diagnostics/driver/fuzz-input.policy";

namespace {
/// The default limits, but files (imports) of at most 1 MiB: an import of /dev/zero or of
/// a large file must end in an error quickly rather than time the run out.
CompilationLimits fuzzLimits() {
  CompilationLimits limits;
  limits.maxFileSize = 1 << 20;
  return limits;
}

/// Runs `generate` twice: both runs must succeed or fail alike and, when they succeed,
/// produce the same bytes (outputs are deterministic). Returns the output, empty on failure.
std::string generateTwice(llvm::StringRef stage, gen::GeneratorFunction generate,
                          const gen::GeneratorContext &context) {
  std::string first;
  std::string second;
  llvm::raw_string_ostream firstOut(first);
  llvm::raw_string_ostream secondOut(second);
  bool firstOk = generate(context, firstOut);
  bool secondOk = generate(context, secondOut);
  firstOut.flush();
  secondOut.flush();
  if (firstOk != secondOk)
    violated(stage, "one run succeeded and the other failed", first);
  if (!firstOk)
    return {};
  if (first != second)
    violated(stage, "two runs gave different output", first);
  if (first.empty())
    violated(stage, "empty output", first);
  if (auto problem = checkUtf8(first))
    violated(stage, *problem, first);
  return first;
}

void checkOutput(llvm::StringRef stage, llvm::StringRef output,
                 std::optional<std::string> (*check)(llvm::StringRef)) {
  if (auto problem = check(output))
    violated(stage, *problem, output);
}

/// What `policyc gen -Wno-error=FLAG...` allows for every default-error flag: the checker's
/// findings stay warnings, so that generators also see models the checker objects to.
DiagnosticOptions generatorDiagnosticOptions() {
  DiagnosticOptions options;
  for (const DiagnosticInfo &info : allDiagnostics())
    if (info.diagClass == DiagnosticClass::DefaultError)
      applyWarningOption(options, ("no-error=" + info.flag).str());
  return options;
}
} // namespace

[[noreturn]] void violated(llvm::StringRef stage, llvm::StringRef problem, llvm::StringRef output) {
  llvm::errs() << "policyc fuzz: " << stage << ": " << problem << "\n--- output (first 4 KiB) ---\n"
               << output.take_front(4096) << "\n---\n";
  std::abort();
}

namespace {
/// Records the ids of diagnostics, as policyMeaning describes them.
class IdRecorder : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &) override {
    if (diagnostic.kind == diag::warn_extra_semicolon)
      return;
    ids += diagnostic.info().id.str() + (diagnostic.suppression ? " (suppressed)\n" : "\n");
    for (const DiagnosticNote &note : diagnostic.notes)
      ids += "  " + getDiagnosticInfo(note.kind).id.str() + "\n";
  }
  std::string ids;
};

/// `value` without the members named "location" (source positions), recursively.
llvm::json::Value withoutLocations(const llvm::json::Value &value) {
  if (const llvm::json::Object *object = value.getAsObject()) {
    llvm::json::Object result;
    for (const auto &[key, member] : *object)
      if (key != "location")
        result[key] = withoutLocations(member);
    return result;
  }
  if (const llvm::json::Array *array = value.getAsArray()) {
    llvm::json::Array result;
    for (const llvm::json::Value &element : *array)
      result.push_back(withoutLocations(element));
    return result;
  }
  return value;
}
} // namespace

std::string policyMeaning(llvm::StringRef input) {
  llvm::SourceMgr sources;
  IdRecorder recorder;
  DiagnosticOptions diagnosticOptions = generatorDiagnosticOptions();
  // -Wextra-semi warnings, which formatting removes, must not move where counting stops.
  diagnosticOptions.warningLimit = 0;
  DiagnosticEngine diags(sources, recorder, std::move(diagnosticOptions));
  Compilation compilation(sources, diags, fuzzLimits());
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(input, kInputPath));
  std::unique_ptr<model::PolicyModel> model = compilation.analyze();
  bool sound = model && !diags.hasErrors() && !diags.stopped();
  if (sound)
    check::runChecks(*model, diags, {});
  compilation.reportSuppressionProblems(sound && !diags.stopped());
  std::string meaning = recorder.ids;
  if (!sound || diags.hasErrors())
    return meaning;
  gen::GeneratorOptions options;
  options.sourcePath = kInputPath;
  gen::GeneratorContext context{*model, sources, options, diags};
  std::string json;
  llvm::raw_string_ostream out(json);
  if (!gen::generateJson(context, out))
    return meaning;
  out.flush();
  llvm::Expected<llvm::json::Value> document = llvm::json::parse(json);
  if (!document)
    violated("gen json", llvm::toString(document.takeError()), json);
  return meaning + llvm::formatv("{0:1}", withoutLocations(*document)).str();
}

void runPipeline(llvm::StringRef input, Stage stage, llvm::StringRef name) {
  llvm::SourceMgr sources;
  // Diagnostics are printed as on a terminal (source line, caret, fix-its), into memory.
  std::string printed;
  llvm::raw_string_ostream printedOut(printed);
  TextDiagnosticPrinter printer(printedOut, /*useColors=*/false);
  bool generating = stage == Stage::GenJson || stage == Stage::GenCpp || stage == Stage::GenText;
  DiagnosticEngine diags(sources, printer,
                         generating ? generatorDiagnosticOptions() : DiagnosticOptions());
  Compilation compilation(sources, diags, fuzzLimits());
  compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(input, name));
  // Checked on every way out of this function.
  struct PrintedCheck {
    DiagnosticEngine &diags;
    llvm::raw_string_ostream &out;
    ~PrintedCheck() {
      diags.finish();
      out.flush();
      if (auto problem = checkPrintable(out.str()))
        violated("diagnostics", *problem, out.str());
    }
  } printedCheck{diags, printedOut};
  std::unique_ptr<model::PolicyModel> model = compilation.analyze();
  // As the driver does: the checker and the generators see sound models only.
  if (stage == Stage::Analyze || !model || diags.hasErrors() || diags.stopped())
    return;
  check::CheckOptions checkOptions;
  if (stage == Stage::Check)
    checkOptions.profiles = {check::Profile::Gdpr, check::Profile::Ccpa};
  check::runChecks(*model, diags, checkOptions);
  if (stage == Stage::Check || diags.hasErrors())
    return;

  gen::GeneratorOptions options;
  options.sourcePath = displayFileName(name);
  gen::GeneratorContext context{*model, sources, options, diags};
  switch (stage) {
  case Stage::GenJson: {
    std::string json = generateTwice("gen json", gen::generateJson, context);
    if (!json.empty())
      checkOutput("gen json", json, checkJson);
    break;
  }
  case Stage::GenCpp: {
    std::string header = generateTwice("gen cpp", gen::generateCpp, context);
    if (!header.empty())
      checkOutput("gen cpp", header, checkCppTokens);
    break;
  }
  case Stage::GenText: {
    std::string markdown = generateTwice("gen text --format=md", gen::generateText, context);
    if (!markdown.empty())
      checkOutput("gen text --format=md", markdown, checkMarkdownComments);
    options.textFormat = "html";
    std::string html = generateTwice("gen text --format=html", gen::generateText, context);
    if (!html.empty())
      checkOutput("gen text --format=html", html, checkHtml);
    break;
  }
  case Stage::Analyze:
  case Stage::Check:
    break;
  }
}

} // namespace policyc::fuzz
