#include "basic/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>

namespace policyc {

namespace {
constexpr DiagnosticInfo kDiagnosticTable[] = {
#define DIAG(ID, CLASS, FLAG, MESSAGE)                                                           \
  {diag::ID, llvm::StringLiteral(#ID), DiagnosticClass::CLASS, llvm::StringLiteral(#FLAG),       \
   llvm::StringLiteral(MESSAGE)},
#include "basic/DiagnosticKinds.def"
#undef DIAG
};
static_assert(std::size(kDiagnosticTable) == diag::NumKinds);

bool isAdjustable(DiagnosticClass diagClass) {
  return diagClass == DiagnosticClass::Warning || diagClass == DiagnosticClass::DefaultError;
}

/// Every flag of the table with whether -Wno- may turn it off.
const llvm::StringMap<bool> &knownFlags() {
  static const llvm::StringMap<bool> flags = [] {
    llvm::StringMap<bool> result;
    for (const DiagnosticInfo &info : kDiagnosticTable) {
      if (info.flag.empty())
        continue;
      result[info.flag] = result.lookup(info.flag) || isAdjustable(info.diagClass);
    }
    return result;
  }();
  return flags;
}
} // namespace

const DiagnosticInfo &getDiagnosticInfo(diag::Kind kind) {
  assert(kind < diag::NumKinds && "diagnostic kind out of range");
  return kDiagnosticTable[kind];
}

llvm::ArrayRef<DiagnosticInfo> allDiagnostics() { return kDiagnosticTable; }

llvm::StringRef severityName(Severity severity) {
  switch (severity) {
  case Severity::Ignored:
    return "ignored";
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  case Severity::Fatal:
    return "fatal error";
  }
  llvm_unreachable("unknown severity");
}

DiagnosticConsumer::~DiagnosticConsumer() = default;

WarningOptionResult applyWarningOption(DiagnosticOptions &options, llvm::StringRef arg) {
  if (arg == "error") {
    options.warningsAsErrors = true;
    return {WarningOptionResult::Applied, {}};
  }
  if (arg == "no-error") {
    options.warningsAsErrors = false;
    return {WarningOptionResult::Applied, {}};
  }
  bool negated = arg.consume_front("no-");
  bool errorForm = arg.consume_front("error=");
  const auto &flags = knownFlags();
  auto found = flags.find(arg);
  if (found == flags.end()) {
    std::vector<std::string> names;
    for (const auto &entry : flags)
      names.push_back(entry.getKey().str());
    std::sort(names.begin(), names.end());
    return {WarningOptionResult::UnknownFlag, closestMatch(arg, names)};
  }
  bool adjustable = found->getValue();
  if (errorForm) {
    // -Werror=flag is harmless on a hard error; -Wno-error=flag would downgrade one.
    if (negated && !adjustable)
      return {WarningOptionResult::NotAdjustable, {}};
    options.flagAsError[arg] = !negated;
    return {WarningOptionResult::Applied, {}};
  }
  if (negated && !adjustable)
    return {WarningOptionResult::NotAdjustable, {}};
  options.flagEnabled[arg] = !negated;
  return {WarningOptionResult::Applied, {}};
}

Severity DiagnosticEngine::severityOf(diag::Kind kind) const {
  const DiagnosticInfo &info = getDiagnosticInfo(kind);
  switch (info.diagClass) {
  case DiagnosticClass::Note:
    return Severity::Note;
  case DiagnosticClass::Fatal:
    return Severity::Fatal;
  case DiagnosticClass::Error:
    return Severity::Error;
  case DiagnosticClass::Warning:
  case DiagnosticClass::DefaultError:
    break;
  }
  auto enabled = options.flagEnabled.find(info.flag);
  if (enabled != options.flagEnabled.end() && !enabled->getValue())
    return Severity::Ignored;
  auto asError = options.flagAsError.find(info.flag);
  if (asError != options.flagAsError.end())
    return asError->getValue() ? Severity::Error : Severity::Warning;
  if (info.diagClass == DiagnosticClass::DefaultError)
    return Severity::Error;
  return options.warningsAsErrors ? Severity::Error : Severity::Warning;
}

void DiagnosticEngine::emit(Diagnostic diagnostic) {
  if (limitReached)
    return;
  diagnostic.severity = severityOf(diagnostic.kind);
  if (diagnostic.severity == Severity::Ignored)
    return;
  if (diagnostic.severity == Severity::Warning)
    ++warnings;
  if (diagnostic.severity >= Severity::Error)
    ++errors;
  consumer->handleDiagnostic(diagnostic, sources);
  if (diagnostic.severity == Severity::Fatal) {
    limitReached = true;
    return;
  }
  if (options.errorLimit != 0 && errors >= options.errorLimit &&
      diagnostic.severity == Severity::Error) {
    Diagnostic fatal{diag::fatal_too_many_errors, Severity::Fatal, {},
                     format(diag::fatal_too_many_errors), {}, {}};
    ++errors;
    consumer->handleDiagnostic(fatal, sources);
    limitReached = true;
  }
}

DiagnosticBuilder::~DiagnosticBuilder() {
  if (engine)
    engine->emit(std::move(diagnostic));
}

std::string didYouMean(llvm::StringRef suggestion) {
  if (suggestion.empty())
    return {};
  return fmt::format("; did you mean '{}'?", suggestion);
}

unsigned maxTypoDistance(llvm::StringRef typo) {
  return std::max<unsigned>(1, std::min<unsigned>(3, (typo.size() + 2) / 4));
}

} // namespace policyc
