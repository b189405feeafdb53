// Retention periods and deadlines as the generated header reports them: std::chrono
// durations together with the statement that set them.
#ifndef POLICYC_OBLIGATIONS_HPP
#define POLICYC_OBLIGATIONS_HPP

#include <chrono>
#include <cstdint>
#include <string_view>

namespace policyc {

enum class RetentionKind : std::uint8_t {
  none,          ///< no `retain ... for|until|while` statement covers the data
  for_period,    ///< `retain C for D` (counted from `after E` when `event` is set)
  until_event,   ///< `retain C until E`
  while_event,   ///< `retain C while E`
  conflicting,   ///< covering statements disagree and none is more specific (a checker error)
  within_period, ///< `retain C within D`: deleted at the latest D after collection (or after
                 ///< `after E` when `event` is set); an upper bound, not a period kept
};

constexpr std::string_view to_string(RetentionKind kind) noexcept {
  switch (kind) {
  case RetentionKind::none:
    return "none";
  case RetentionKind::for_period:
    return "for";
  case RetentionKind::until_event:
    return "until";
  case RetentionKind::while_event:
    return "while";
  case RetentionKind::conflicting:
    return "conflicting";
  case RetentionKind::within_period:
    return "within";
  }
  return "";
}

/// How long data of one category from one source is kept (docs/semantics.md, "Retention"):
/// the most specific covering `retain ... for|until|while`. A generated header names it
/// `Retention` for its own Event enumeration.
template <typename Event> struct Retention {
  RetentionKind kind;
  /// for_period, within_period: the length (months and years count as in std::chrono).
  std::chrono::hours period;
  /// `after E` (for_period, within_period), `until E`, `while E`.
  bool has_event;
  Event event;
  /// The deciding `retain`; 0 for none.
  std::uint32_t statement;
  const char *file;
  std::uint32_t line;
};

/// A deadline for answering a right, or the lead time of a notice.
struct Deadline {
  bool defined;              ///< some statement gives a duration
  std::chrono::hours within; ///< the duration; zero when not defined
  std::uint32_t statement;   ///< the statement giving it (or naming it); 0 when none
  const char *file;
  std::uint32_t line;
};

} // namespace policyc

#endif
