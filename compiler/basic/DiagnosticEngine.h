// The one path every diagnostic takes: formatting from the table, -W mapping, error limit.
#ifndef POLICYC_BASIC_DIAGNOSTICENGINE_H
#define POLICYC_BASIC_DIAGNOSTICENGINE_H

#include "basic/Diagnostic.h"
#include "basic/Limits.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/SourceMgr.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

template <> struct fmt::formatter<llvm::StringRef> : fmt::formatter<std::string_view> {
  template <typename FormatContext> auto format(llvm::StringRef value, FormatContext &ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(value.data(), value.size()),
                                                    ctx);
  }
};

namespace policyc {

namespace detail {
/// Text arguments of messages are clipped to this many bytes: messages quote names from the
/// input, and a hostile input's names can be megabytes long. They are also made printable
/// (basic/DisplayText.h): a path or string quoted in a message may hold escape sequences or
/// bytes that are not UTF-8, which no output format may carry raw.
inline constexpr size_t kMaxMessageArgument = 1024;
std::string clipMessageArgument(llvm::StringRef text);

template <typename T> decltype(auto) messageArgument(T &&value) {
  if constexpr (std::is_convertible_v<std::decay_t<T>, llvm::StringRef>)
    return clipMessageArgument(llvm::StringRef(value));
  else
    return std::forward<T>(value);
}
} // namespace detail

/// What the -W, -Werror and -ferror-limit options asked for.
struct DiagnosticOptions {
  bool warningsAsErrors = false;
  unsigned errorLimit = 20; ///< 0: no limit
  /// Warnings shown at most; later ones are counted, not shown (0: no limit). A hostile file
  /// can hold a warning in every byte (`;;;;`), and printing them would take longer than
  /// reading it.
  unsigned warningLimit = limits::kMaxWarnings;
  /// Per flag: enabled (-Wflag) or disabled (-Wno-flag).
  llvm::StringMap<bool> flagEnabled;
  /// Per flag: promoted (-Werror=flag) or kept a warning (-Wno-error=flag).
  llvm::StringMap<bool> flagAsError;
};

/// Outcome of applying one -W argument (the part after "-W").
struct WarningOptionResult {
  enum Status { Applied, UnknownFlag, NotAdjustable };
  Status status;
  std::string suggestion; ///< for UnknownFlag: the closest known flag, or empty
};

/// Applies one `-W<arg>` argument: `flag`, `no-flag`, `error`, `no-error`, `error=flag`,
/// `no-error=flag`.
WarningOptionResult applyWarningOption(DiagnosticOptions &options, llvm::StringRef arg);

/// Whether `flag` (without -W) names diagnostics of the table, and whether -Wno- can disable
/// them (warnings and default-errors can; hard errors cannot).
enum class FlagKind { Unknown, Adjustable, ErrorsOnly };
FlagKind classifyFlag(llvm::StringRef flag);
/// Every flag of the table, sorted.
std::vector<std::string> allFlags();

class DiagnosticEngine;

/// Collects notes and fix-its for one diagnostic, and emits it when destroyed.
class DiagnosticBuilder {
public:
  DiagnosticBuilder(DiagnosticEngine &engine, Diagnostic diagnostic)
      : engine(&engine), diagnostic(std::move(diagnostic)) {}
  DiagnosticBuilder(DiagnosticBuilder &&other) noexcept
      : engine(std::exchange(other.engine, nullptr)), diagnostic(std::move(other.diagnostic)) {}
  DiagnosticBuilder(const DiagnosticBuilder &) = delete;
  DiagnosticBuilder &operator=(const DiagnosticBuilder &) = delete;
  DiagnosticBuilder &operator=(DiagnosticBuilder &&) = delete;
  ~DiagnosticBuilder();

  template <typename... Args>
  DiagnosticBuilder &note(llvm::SMRange range, diag::Kind kind, Args &&...args);
  DiagnosticBuilder &fixIt(llvm::SMRange range, std::string replacement) {
    diagnostic.fixIts.push_back({range, std::move(replacement)});
    return *this;
  }

private:
  DiagnosticEngine *engine;
  Diagnostic diagnostic;
};

class DiagnosticEngine {
public:
  DiagnosticEngine(llvm::SourceMgr &sources, DiagnosticConsumer &consumer,
                   DiagnosticOptions options = {})
      : sources(sources), consumer(&consumer), options(std::move(options)) {}

  /// Reports `kind` at `range`, its message formatted from the table with `args`.
  template <typename... Args>
  DiagnosticBuilder report(llvm::SMRange range, diag::Kind kind, Args &&...args) {
    return DiagnosticBuilder(
        *this,
        Diagnostic{
            kind, Severity::Ignored, range, format(kind, std::forward<Args>(args)...), {}, {}});
  }
  template <typename... Args>
  DiagnosticBuilder report(llvm::SMLoc loc, diag::Kind kind, Args &&...args) {
    return report(llvm::SMRange(loc, loc), kind, std::forward<Args>(args)...);
  }

  template <typename... Args> static std::string format(diag::Kind kind, Args &&...args) {
    llvm::StringRef message = getDiagnosticInfo(kind).message;
    return fmt::format(fmt::runtime(std::string_view(message.data(), message.size())),
                       detail::messageArgument(std::forward<Args>(args))...);
  }

  /// The severity `kind` has under the current options.
  Severity severityOf(diag::Kind kind) const;

  unsigned errorCount() const { return errors; }
  unsigned warningCount() const { return warnings; }
  /// Findings silenced by a suppression; counted in neither of the above.
  unsigned suppressedCount() const { return suppressed; }
  bool hasErrors() const { return errors != 0; }
  /// True once the error limit was hit; callers stop work early.
  bool stopped() const { return limitReached; }

  llvm::SourceMgr &getSourceMgr() { return sources; }
  const DiagnosticOptions &getOptions() const { return options; }
  /// Replaces the options for diagnostics reported from now on (each policy of a command may
  /// have its own project configuration); counts and the error limit carry on.
  void setOptions(DiagnosticOptions newOptions) { options = std::move(newOptions); }
  /// Installs (or, with nullptr, removes) what silences findings in the source.
  void setSuppressor(DiagnosticSuppressor *newSuppressor) { suppressor = newSuppressor; }
  DiagnosticSuppressor *getSuppressor() const { return suppressor; }
  DiagnosticConsumer &getConsumer() { return *consumer; }
  void setConsumer(DiagnosticConsumer &newConsumer) { consumer = &newConsumer; }

  /// Tells the consumer that no more diagnostics come.
  void finish() { consumer->finish(sources); }

private:
  friend class DiagnosticBuilder;
  void emit(Diagnostic diagnostic);

  llvm::SourceMgr &sources;
  DiagnosticConsumer *consumer;
  DiagnosticOptions options;
  DiagnosticSuppressor *suppressor = nullptr;
  unsigned errors = 0;
  unsigned warnings = 0;
  unsigned suppressed = 0;
  bool limitReached = false;
};

template <typename... Args>
DiagnosticBuilder &DiagnosticBuilder::note(llvm::SMRange range, diag::Kind kind, Args &&...args) {
  diagnostic.notes.push_back(
      {range, kind, DiagnosticEngine::format(kind, std::forward<Args>(args)...)});
  return *this;
}

/// Returns "" or "; did you mean 'x'?" for messages that end in a suggestion argument.
std::string didYouMean(llvm::StringRef suggestion);

/// The closest of `candidates` to `typo` by edit distance, or "" when none is close enough.
template <typename Range> std::string closestMatch(llvm::StringRef typo, const Range &candidates);
unsigned maxTypoDistance(llvm::StringRef typo);
/// Edits (insert, delete, replace, swap two adjacent characters) that turn `from` into `to`;
/// any result above `limit` is reported as limit + 1.
unsigned typoDistance(llvm::StringRef from, llvm::StringRef to, unsigned limit);

template <typename Range> std::string closestMatch(llvm::StringRef typo, const Range &candidates) {
  // Fewest edits wins; on a tie, the candidate closest in length, then alphabetical order.
  unsigned limit = maxTypoDistance(typo);
  unsigned best = limit + 1;
  size_t bestLengthGap = SIZE_MAX;
  std::string bestName;
  for (const auto &candidate : candidates) {
    llvm::StringRef name(candidate);
    if (name == typo)
      continue;
    unsigned distance = typoDistance(typo, name, limit);
    size_t lengthGap =
        name.size() > typo.size() ? name.size() - typo.size() : typo.size() - name.size();
    bool better = distance < best ||
                  (distance == best &&
                   (lengthGap < bestLengthGap || (lengthGap == bestLengthGap && name < bestName)));
    if (better) {
      best = distance;
      bestLengthGap = lengthGap;
      bestName = name.str();
    }
  }
  return best <= limit ? bestName : std::string();
}

} // namespace policyc

#endif
