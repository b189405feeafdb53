#include "basic/DiagnosticEngine.h"

#include "basic/DisplayText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <vector>

namespace policyc {

namespace {
constexpr DiagnosticInfo kDiagnosticTable[] = {
#define DIAG(ID, CLASS, FLAG, MESSAGE)                                                             \
  {diag::ID, llvm::StringLiteral(#ID), DiagnosticClass::CLASS, llvm::StringLiteral(#FLAG),         \
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

llvm::ArrayRef<DiagnosticInfo> allDiagnostics() {
  return kDiagnosticTable;
}

llvm::StringRef diagnosticClassName(DiagnosticClass diagClass) {
  switch (diagClass) {
  case DiagnosticClass::Error:
    return "error";
  case DiagnosticClass::DefaultError:
    return "default-error";
  case DiagnosticClass::Warning:
    return "warning";
  case DiagnosticClass::Note:
    return "note";
  case DiagnosticClass::Fatal:
    return "fatal";
  }
  llvm_unreachable("unknown diagnostic class");
}

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
DiagnosticSuppressor::~DiagnosticSuppressor() = default;

FlagKind classifyFlag(llvm::StringRef flag) {
  const auto &flags = knownFlags();
  auto found = flags.find(flag);
  if (found == flags.end())
    return FlagKind::Unknown;
  return found->getValue() ? FlagKind::Adjustable : FlagKind::ErrorsOnly;
}

std::vector<std::string> allFlags() {
  std::vector<std::string> names;
  for (const auto &entry : knownFlags())
    names.push_back(entry.getKey().str());
  std::sort(names.begin(), names.end());
  return names;
}

WarningOptionResult applyWarningOption(DiagnosticOptions &options, llvm::StringRef arg) {
  if (arg == "error") {
    options.warningsAsErrors = true;
    return {WarningOptionResult::Applied, {}};
  }
  if (arg == "no-error") {
    options.warningsAsErrors = false;
    return {WarningOptionResult::Applied, {}};
  }
  llvm::StringRef whole = arg;
  bool negated = arg.consume_front("no-");
  bool errorForm = arg.consume_front("error=");
  const auto &flags = knownFlags();
  auto found = flags.find(arg);
  if (found == flags.end()) {
    std::string suggestion = closestMatch(arg, allFlags());
    if (suggestion.empty())
      return {WarningOptionResult::UnknownFlag, {}};
    // The suggestion keeps what was written around the flag: -Wno-extra-semis suggests
    // -Wno-extra-semi, not -Wextra-semi.
    std::string prefix = whole.drop_back(arg.size()).str();
    return {WarningOptionResult::UnknownFlag, prefix + suggestion};
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
  if (suppressor && isAdjustable(diagnostic.info().diagClass)) {
    if (std::optional<Suppression> suppression = suppressor->suppress(diagnostic)) {
      diagnostic.suppression = std::move(suppression);
      ++suppressed;
      consumer->handleDiagnostic(diagnostic, sources);
      return;
    }
  }
  if (diagnostic.severity == Severity::Warning) {
    ++warnings;
    if (options.warningLimit != 0 && warnings > options.warningLimit) {
      // Said once, at the first warning not shown.
      if (warnings == options.warningLimit + 1) {
        Diagnostic note{diag::note_too_many_warnings,
                        Severity::Note,
                        diagnostic.range,
                        format(diag::note_too_many_warnings, options.warningLimit),
                        {},
                        {}};
        consumer->handleDiagnostic(note, sources);
      }
      return;
    }
  }
  if (diagnostic.severity >= Severity::Error)
    ++errors;
  consumer->handleDiagnostic(diagnostic, sources);
  if (diagnostic.severity == Severity::Fatal) {
    limitReached = true;
    return;
  }
  if (options.errorLimit != 0 && errors >= options.errorLimit &&
      diagnostic.severity == Severity::Error) {
    Diagnostic fatal{diag::fatal_too_many_errors,
                     Severity::Fatal,
                     {},
                     format(diag::fatal_too_many_errors),
                     {},
                     {}};
    ++errors;
    consumer->handleDiagnostic(fatal, sources);
    limitReached = true;
  }
}

DiagnosticBuilder::~DiagnosticBuilder() {
  if (engine)
    engine->emit(std::move(diagnostic));
}

std::string detail::clipMessageArgument(llvm::StringRef text) {
  if (text.size() <= kMaxMessageArgument)
    return printableText(text);
  size_t keep = kMaxMessageArgument - 3;
  // Cut before a UTF-8 continuation byte's sequence, never inside it.
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80)
    --keep;
  return printableText(text.take_front(keep)) + "...";
}

std::string didYouMean(llvm::StringRef suggestion) {
  if (suggestion.empty())
    return {};
  return fmt::format("; did you mean '{}'?", suggestion);
}

unsigned typoDistance(llvm::StringRef from, llvm::StringRef to, unsigned limit) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, the commonest typo
  // ("emial"), which plain edit distance counts as two edits. Only cells within `limit` of
  // the diagonal can stay within the limit, so only that band is computed: O(length * limit),
  // which keeps 100,000-character names from taking minutes.
  size_t lengthGap = from.size() > to.size() ? from.size() - to.size() : to.size() - from.size();
  if (lengthGap > limit)
    return limit + 1;
  const unsigned beyond = limit + 1;
  size_t columns = to.size() + 1;
  std::vector<unsigned> previous2(columns, beyond), previous(columns, beyond),
      current(columns, beyond);
  for (size_t j = 0; j < columns && j <= limit; ++j)
    previous[j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= from.size(); ++i) {
    size_t first = i > limit ? i - limit : 1;
    size_t last = std::min(to.size(), i + limit);
    std::fill(current.begin() + (first > 1 ? first - 1 : 0),
              current.begin() + std::min(columns, last + 2), beyond);
    current[0] = i <= limit ? static_cast<unsigned>(i) : beyond;
    unsigned rowBest = current[0];
    for (size_t j = first; j <= last; ++j) {
      unsigned cost = from[i - 1] == to[j - 1] ? 0 : 1;
      unsigned best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
        best = std::min(best, previous2[j - 2] + 1);
      current[j] = std::min(best, beyond);
      rowBest = std::min(rowBest, current[j]);
    }
    if (rowBest > limit)
      return beyond;
    std::swap(previous2, previous);
    std::swap(previous, current);
  }
  return std::min(previous[to.size()], beyond);
}

unsigned maxTypoDistance(llvm::StringRef typo) {
  return std::max<unsigned>(1, std::min<unsigned>(3, (typo.size() + 2) / 4));
}

} // namespace policyc
