// The differential test: a generated header against the reference evaluator, on every
// tuple. policyc_difftest_gen writes a main file that includes each generated header, wraps
// its namespace into an Api of plain functions (POLICYC_DIFF_API) and calls Runner::run for
// it; the runner compiles the same policy file in-process, evaluates it with eval::Evaluator
// and compares every decision, name, attribute, retention period and deadline.
//
// The Api is type-erased (indices, consent bitmasks) so that the comparison is compiled
// once, not once per policy: a hundred instantiations would take minutes to optimise.
#ifndef POLICYC_TESTS_E2E_DIFFHARNESS_H
#define POLICYC_TESTS_E2E_DIFFHARNESS_H

#include <policyc/runtime.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace policyc::difftest {

/// The enumerations with names, in the order Api::name and friends take them.
enum class Kind : int { Category, Source, Purpose, Recipient, Consent, Event };

/// A generated retention answer, type-erased.
struct RetentionAnswer {
  ::policyc::RetentionKind kind;
  uint64_t hours;
  bool hasEvent;
  size_t event;
  uint32_t statement;
};

/// One generated header's API over indices; consent sets are bitmasks (at most 64).
struct Api {
  size_t counts[6];
  size_t rights;
  size_t notices;
  uint32_t statements;
  uint64_t defaults;
  ::policyc::Decision (*collect)(size_t c, size_t s, uint64_t granted);
  ::policyc::Decision (*use)(size_t c, size_t s, size_t p, uint64_t granted);
  ::policyc::Decision (*disclose)(size_t c, size_t s, size_t r, size_t p, uint64_t granted);
  ::policyc::Decision (*link)(size_t a, size_t b, size_t s, uint64_t granted);
  RetentionAnswer (*retention)(size_t c, size_t s);
  bool (*keptAsNeeded)(size_t c, size_t s, size_t p);
  ::policyc::Deadline (*deadline)(size_t right);
  ::policyc::Deadline (*lead)(size_t notice);
  std::string_view (*name)(Kind kind, size_t index);
  std::optional<size_t> (*parse)(Kind kind, std::string_view text);
  std::string_view (*description)(Kind kind, size_t index);
  std::optional<size_t> (*parent)(Kind kind, size_t index);
  bool (*within)(Kind kind, size_t index, size_t ancestor);
  /// Category attributes as bits 1 sensitive, 2 anonymous, 4 tracking; recipient: 8 abroad.
  unsigned (*flags)(Kind kind, size_t index);
  std::optional<size_t> (*kind)(size_t recipient);
  std::optional<size_t> (*basis)(size_t purpose);
  bool (*optIn)(size_t consent);
};

class Runner {
public:
  void run(const Api &api, const std::string &path);
  /// Prints the summary; the process exit code.
  int finish();

private:
  void fail(const std::string &message);

  std::string current;
  uint64_t checks = 0;
  uint64_t failures = 0;
  unsigned policies = 0;
  friend class Check;
};

namespace detail {
template <typename Consents, typename Consent> Consents consents(uint64_t mask) {
  Consents result;
  for (size_t bit = 0; mask != 0; ++bit, mask >>= 1)
    if (mask & 1)
      result.grant(static_cast<Consent>(bit));
  return result;
}
template <typename E> std::optional<size_t> index(std::optional<E> value) {
  return value ? std::optional<size_t>(static_cast<size_t>(*value)) : std::nullopt;
}
} // namespace detail

} // namespace policyc::difftest

/// Defines `::policyc::difftest::Api NAME()` for the generated namespace NS.
#define POLICYC_DIFF_API(NAME, NS)                                                                 \
  inline ::policyc::difftest::Api NAME() {                                                         \
    using ::policyc::difftest::Kind;                                                               \
    using C = NS::Category;                                                                        \
    using S = NS::Source;                                                                          \
    using P = NS::Purpose;                                                                         \
    using R = NS::Recipient;                                                                       \
    using K = NS::Consent;                                                                         \
    using E = NS::Event;                                                                           \
    ::policyc::difftest::Api api{};                                                                \
    api.counts[0] = NS::kCategoryCount;                                                            \
    api.counts[1] = NS::kSourceCount;                                                              \
    api.counts[2] = NS::kPurposeCount;                                                             \
    api.counts[3] = NS::kRecipientCount;                                                           \
    api.counts[4] = NS::kConsentCount;                                                             \
    api.counts[5] = NS::kEventCount;                                                               \
    api.rights = NS::kRightCount;                                                                  \
    api.notices = NS::kNoticeCount;                                                                \
    api.statements = NS::kStatementCount;                                                          \
    for (size_t k = 0; ::policyc::detail::in_range(k, NS::kConsentCount) && k < 64; ++k)           \
      if (NS::default_consents().has(static_cast<K>(k)))                                           \
        api.defaults |= uint64_t{1} << k;                                                          \
    api.collect = [](size_t c, size_t s, uint64_t g) {                                             \
      return NS::may_collect(static_cast<C>(c), static_cast<S>(s),                                 \
                             ::policyc::difftest::detail::consents<NS::Consents, K>(g));           \
    };                                                                                             \
    api.use = [](size_t c, size_t s, size_t p, uint64_t g) {                                       \
      return NS::may_use(static_cast<C>(c), static_cast<S>(s), static_cast<P>(p),                  \
                         ::policyc::difftest::detail::consents<NS::Consents, K>(g));               \
    };                                                                                             \
    api.disclose = [](size_t c, size_t s, size_t r, size_t p, uint64_t g) {                        \
      return NS::may_disclose(static_cast<C>(c), static_cast<S>(s), static_cast<R>(r),             \
                              static_cast<P>(p),                                                   \
                              ::policyc::difftest::detail::consents<NS::Consents, K>(g));          \
    };                                                                                             \
    api.link = [](size_t a, size_t b, size_t s, uint64_t g) {                                      \
      return NS::may_link(static_cast<C>(a), static_cast<C>(b), static_cast<S>(s),                 \
                          ::policyc::difftest::detail::consents<NS::Consents, K>(g));              \
    };                                                                                             \
    api.retention = [](size_t c, size_t s) {                                                       \
      NS::Retention value = NS::retention(static_cast<C>(c), static_cast<S>(s));                   \
      return ::policyc::difftest::RetentionAnswer{                                                 \
          value.kind, static_cast<uint64_t>(value.period.count()), value.has_event,                \
          static_cast<size_t>(value.event), value.statement};                                      \
    };                                                                                             \
    api.keptAsNeeded = [](size_t c, size_t s, size_t p) {                                          \
      return NS::kept_as_needed_for(static_cast<C>(c), static_cast<S>(s), static_cast<P>(p));      \
    };                                                                                             \
    api.deadline = [](size_t right) { return NS::deadline(static_cast<NS::Right>(right)); };       \
    api.lead = [](size_t notice) { return NS::lead_time(static_cast<NS::Notice>(notice)); };       \
    api.name = [](Kind kind, size_t i) -> std::string_view {                                       \
      switch (kind) {                                                                              \
      case Kind::Category:                                                                         \
        return NS::to_string(static_cast<C>(i));                                                   \
      case Kind::Source:                                                                           \
        return NS::to_string(static_cast<S>(i));                                                   \
      case Kind::Purpose:                                                                          \
        return NS::to_string(static_cast<P>(i));                                                   \
      case Kind::Recipient:                                                                        \
        return NS::to_string(static_cast<R>(i));                                                   \
      case Kind::Consent:                                                                          \
        return NS::to_string(static_cast<K>(i));                                                   \
      case Kind::Event:                                                                            \
        return NS::to_string(static_cast<E>(i));                                                   \
      }                                                                                            \
      return {};                                                                                   \
    };                                                                                             \
    api.parse = [](Kind kind, std::string_view text) -> std::optional<size_t> {                    \
      using ::policyc::difftest::detail::index;                                                    \
      switch (kind) {                                                                              \
      case Kind::Category:                                                                         \
        return index(NS::from_string<C>(text));                                                    \
      case Kind::Source:                                                                           \
        return index(NS::from_string<S>(text));                                                    \
      case Kind::Purpose:                                                                          \
        return index(NS::from_string<P>(text));                                                    \
      case Kind::Recipient:                                                                        \
        return index(NS::from_string<R>(text));                                                    \
      case Kind::Consent:                                                                          \
        return index(NS::from_string<K>(text));                                                    \
      case Kind::Event:                                                                            \
        return index(NS::from_string<E>(text));                                                    \
      }                                                                                            \
      return std::nullopt;                                                                         \
    };                                                                                             \
    api.description = [](Kind kind, size_t i) -> std::string_view {                                \
      switch (kind) {                                                                              \
      case Kind::Category:                                                                         \
        return NS::description(static_cast<C>(i));                                                 \
      case Kind::Source:                                                                           \
        return NS::description(static_cast<S>(i));                                                 \
      case Kind::Purpose:                                                                          \
        return NS::description(static_cast<P>(i));                                                 \
      case Kind::Recipient:                                                                        \
        return NS::description(static_cast<R>(i));                                                 \
      case Kind::Consent:                                                                          \
        return NS::description(static_cast<K>(i));                                                 \
      case Kind::Event:                                                                            \
        return NS::description(static_cast<E>(i));                                                 \
      }                                                                                            \
      return {};                                                                                   \
    };                                                                                             \
    api.parent = [](Kind kind, size_t i) -> std::optional<size_t> {                                \
      using ::policyc::difftest::detail::index;                                                    \
      switch (kind) {                                                                              \
      case Kind::Category:                                                                         \
        return index(NS::parent(static_cast<C>(i)));                                               \
      case Kind::Source:                                                                           \
        return index(NS::parent(static_cast<S>(i)));                                               \
      case Kind::Purpose:                                                                          \
        return index(NS::parent(static_cast<P>(i)));                                               \
      case Kind::Recipient:                                                                        \
        return index(NS::parent(static_cast<R>(i)));                                               \
      default:                                                                                     \
        return std::nullopt;                                                                       \
      }                                                                                            \
    };                                                                                             \
    api.within = [](Kind kind, size_t i, size_t a) {                                               \
      switch (kind) {                                                                              \
      case Kind::Category:                                                                         \
        return NS::within(static_cast<C>(i), static_cast<C>(a));                                   \
      case Kind::Source:                                                                           \
        return NS::within(static_cast<S>(i), static_cast<S>(a));                                   \
      case Kind::Purpose:                                                                          \
        return NS::within(static_cast<P>(i), static_cast<P>(a));                                   \
      case Kind::Recipient:                                                                        \
        return NS::within(static_cast<R>(i), static_cast<R>(a));                                   \
      default:                                                                                     \
        return false;                                                                              \
      }                                                                                            \
    };                                                                                             \
    api.flags = [](Kind kind, size_t i) -> unsigned {                                              \
      if (kind == Kind::Category)                                                                  \
        return (NS::is_sensitive(static_cast<C>(i)) ? 1u : 0u) |                                   \
               (NS::is_anonymous(static_cast<C>(i)) ? 2u : 0u) |                                   \
               (NS::is_tracking(static_cast<C>(i)) ? 4u : 0u);                                     \
      if (kind == Kind::Source)                                                                    \
        return (NS::is_anonymous(static_cast<S>(i)) ? 2u : 0u) |                                   \
               (NS::is_tracking(static_cast<S>(i)) ? 4u : 0u);                                     \
      if (kind == Kind::Recipient)                                                                 \
        return NS::is_abroad(static_cast<R>(i)) ? 8u : 0u;                                         \
      if (kind == Kind::Purpose)                                                                   \
        return NS::is_marketing(static_cast<P>(i)) ? 16u : 0u;                                     \
      return 0;                                                                                    \
    };                                                                                             \
    api.kind = [](size_t r) {                                                                      \
      return ::policyc::difftest::detail::index(NS::kind(static_cast<R>(r)));                      \
    };                                                                                             \
    api.basis = [](size_t p) {                                                                     \
      return ::policyc::difftest::detail::index(NS::basis(static_cast<P>(p)));                     \
    };                                                                                             \
    api.optIn = [](size_t k) { return NS::is_opt_in(static_cast<K>(k)); };                         \
    return api;                                                                                    \
  }

#endif
