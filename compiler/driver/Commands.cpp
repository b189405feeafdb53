#include "driver/Commands.h"

#include "basic/JsonDiagnosticPrinter.h"
#include "basic/SarifDiagnosticPrinter.h"
#include "basic/TextDiagnosticPrinter.h"
#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <string>

namespace cl = llvm::cl;

namespace policyc::driver {

cl::SubCommand &checkCommand() {
  static cl::SubCommand command("check", "Check policies for errors and contradictions");
  return command;
}

cl::SubCommand &genCommand() {
  static cl::SubCommand command("gen",
                                "Generate code or text from a policy: policyc gen KIND FILE -o OUT "
                                "(KIND: json, text, cpp, cedar, cedar-entities, cedar-schema)");
  return command;
}

cl::SubCommand &queryCommand() {
  static cl::SubCommand command(
      "query", "Ask the reference evaluator for one decision: policyc query FILE --category C "
               "[--source S] --purpose P [--recipient R] [--consent K]...");
  return command;
}

cl::SubCommand &testCommand() {
  static cl::SubCommand command(
      "test", "Run the decision tests (`expect allow|deny ...`) of policy files: policyc test "
              "FILE... [--format=text|json|junit]");
  return command;
}

cl::SubCommand &diffCommand() {
  static cl::SubCommand command(
      "diff", "Compare the meaning of two versions of a policy: policyc diff OLD NEW "
              "[--format=text|markdown|json] [--fail-on=none|material|any]");
  return command;
}

cl::OptionCategory &diagnosticCategory() {
  static cl::OptionCategory category("Diagnostic options");
  return category;
}

namespace {
enum class DiagnosticsFormat { Text, Json, Sarif };
enum class ColorChoice { Auto, Always, Never };

cl::list<std::string> WarningOptions(
    "W", cl::Prefix, cl::value_desc("flag"),
    cl::desc("-W<flag> enables, -Wno-<flag> disables a diagnostic; -Werror makes warnings "
             "errors; -Werror=<flag> and -Wno-error=<flag> for one flag"),
    cl::sub(checkCommand()), cl::sub(genCommand()), cl::sub(queryCommand()), cl::sub(testCommand()),
    cl::sub(diffCommand()), cl::cat(diagnosticCategory()));

cl::opt<unsigned> ErrorLimit("ferror-limit", cl::init(20), cl::value_desc("N"),
                             cl::desc("Stop after N errors (0: no limit; default 20)"),
                             cl::sub(checkCommand()), cl::sub(genCommand()),
                             cl::sub(queryCommand()), cl::sub(testCommand()),
                             cl::sub(diffCommand()), cl::cat(diagnosticCategory()));

cl::opt<DiagnosticsFormat>
    Format("diagnostics-format", cl::init(DiagnosticsFormat::Text),
           cl::desc("How diagnostics are printed: text on standard error, or one JSON document on "
                    "standard output"),
           cl::values(clEnumValN(DiagnosticsFormat::Text, "text", "file:line:col: error: ..."),
                      clEnumValN(DiagnosticsFormat::Json, "json", "machine-readable JSON"),
                      clEnumValN(DiagnosticsFormat::Sarif, "sarif",
                                 "SARIF 2.1.0 on standard output (GitHub code scanning)")),
           cl::sub(checkCommand()), cl::sub(genCommand()), cl::cat(diagnosticCategory()));

cl::opt<ColorChoice>
    Color("color", cl::init(ColorChoice::Auto), cl::desc("Colour in text diagnostics"),
          cl::values(clEnumValN(ColorChoice::Auto, "auto", "when standard error is a terminal"),
                     clEnumValN(ColorChoice::Always, "always", "always"),
                     clEnumValN(ColorChoice::Never, "never", "never")),
          cl::sub(checkCommand()), cl::sub(genCommand()), cl::sub(queryCommand()),
          cl::sub(testCommand()), cl::sub(diffCommand()), cl::cat(diagnosticCategory()));

cl::list<check::Profile> Profiles(
    "profile", cl::CommaSeparated, cl::value_desc("law"),
    cl::desc("Also check what a regulation requires: required elements and deadline maxima"),
    cl::values(clEnumValN(check::Profile::Gdpr, "gdpr", "EU General Data Protection Regulation"),
               clEnumValN(check::Profile::Ccpa, "ccpa", "California Consumer Privacy Act")),
    cl::sub(checkCommand()), cl::sub(genCommand()));
} // namespace

check::CheckOptions checkOptions(const ProjectConfig *config) {
  check::CheckOptions options;
  if (Profiles.getNumOccurrences() == 0 && config && config->profiles) {
    options.profiles = *config->profiles;
    return options;
  }
  for (check::Profile profile : Profiles)
    if (std::find(options.profiles.begin(), options.profiles.end(), profile) ==
        options.profiles.end())
      options.profiles.push_back(profile);
  return options;
}

bool DiagnosticSetup::initialize(llvm::SourceMgr &sources, bool verify) {
  DiagnosticOptions options;
  options.errorLimit = verify ? 0 : ErrorLimit.getValue();
  verifyMode = verify;
  bool colors =
      Color == ColorChoice::Always || (Color == ColorChoice::Auto && llvm::errs().has_colors());
  if (verify)
    consumer = std::make_unique<VerifyDiagnosticConsumer>(llvm::errs());
  else if (Format == DiagnosticsFormat::Json)
    consumer = std::make_unique<JsonDiagnosticPrinter>(llvm::outs());
  else if (Format == DiagnosticsFormat::Sarif)
    consumer = std::make_unique<SarifDiagnosticPrinter>(llvm::outs(), POLICYC_VERSION);
  else {
    consumer = std::make_unique<TextDiagnosticPrinter>(llvm::errs(), colors);
    textMode = true;
  }

  // -W options are applied in order; unknown flags are warned about like a compiler does.
  std::vector<std::pair<std::string, std::string>> unknown;
  for (const std::string &arg : WarningOptions) {
    WarningOptionResult result = applyWarningOption(options, arg);
    if (result.status == WarningOptionResult::NotAdjustable) {
      llvm::WithColor::error(llvm::errs(), "policyc")
          << "'-W" << arg << "': errors of this group cannot be disabled or downgraded\n";
      return false;
    }
    if (result.status == WarningOptionResult::UnknownFlag)
      unknown.emplace_back("-W" + arg, result.suggestion.empty() ? "" : "-W" + result.suggestion);
  }
  diagnosticEngine = std::make_unique<DiagnosticEngine>(sources, *consumer, std::move(options));
  for (const auto &[flag, suggestion] : unknown) {
    if (suggestion.empty())
      diagnosticEngine->report(llvm::SMRange(), diag::warn_unknown_warning_option, flag);
    else
      diagnosticEngine->report(llvm::SMRange(), diag::warn_unknown_warning_option_suggest, flag,
                               suggestion);
  }
  return true;
}

void DiagnosticSetup::useConfig(const ProjectConfig *config) {
  // Unknown flags were reported when the command line and the configuration were read.
  DiagnosticOptions options;
  options.errorLimit = diagnosticEngine->getOptions().errorLimit;
  if (config)
    for (const ProjectConfig::Setting &setting : config->warnings)
      applyWarningOption(options, llvm::StringRef(setting.value).drop_front(2));
  for (const std::string &arg : WarningOptions)
    applyWarningOption(options, arg);
  diagnosticEngine->setOptions(std::move(options));
}

int DiagnosticSetup::finish(bool ioError) {
  diagnosticEngine->finish();
  if (verifyMode) {
    auto *verify = static_cast<VerifyDiagnosticConsumer *>(consumer.get());
    return ioError ? ExitUsage : (verify->passed() ? ExitClean : ExitFindings);
  }
  if (textMode)
    printSummary(diagnosticEngine->warningCount(), diagnosticEngine->errorCount());
  if (ioError)
    return ExitUsage;
  return diagnosticEngine->hasErrors() ? ExitFindings : ExitClean;
}

void DiagnosticSetup::printSummary(unsigned warnings, unsigned errors) {
  // "2 warnings and 1 error generated.", after everything else, as clang ends its output.
  auto count = [](unsigned n, llvm::StringRef noun) {
    return std::to_string(n) + " " + noun.str() + (n == 1 ? "" : "s");
  };
  if (warnings == 0 && errors == 0)
    return;
  std::string summary;
  if (warnings != 0)
    summary = count(warnings, "warning");
  if (warnings != 0 && errors != 0)
    summary += " and ";
  if (errors != 0)
    summary += count(errors, "error");
  llvm::errs() << summary << " generated.\n";
}

} // namespace policyc::driver
