// Compile-time enforcement (docs/cpp-api.md): PersonalData carries a value with its category
// and source as template arguments and hands it out only for a purpose (and recipient) the
// policy allows. A generated header names it for its own types:
//   template <Category C, Source S, typename T>
//   using PersonalData = ::policyc::PersonalData<detail::Types, C, S, T>;
// where detail::Types names the header's category, source, purpose, recipient and consent
// set types; the decisions are the header's may_use and may_disclose, found by
// argument-dependent lookup in its namespace.
#ifndef POLICYC_ENFORCE_HPP
#define POLICYC_ENFORCE_HPP

#include "policyc/decision.hpp"

#include <cstdint>
#include <type_traits>
#include <utility>

namespace policyc {

namespace detail {
/// Carries a decision into a type, so that a failed static_assert shows the reason and the
/// deciding statement in the compiler's "required from" notes.
template <bool Allowed, Reason Why, std::uint32_t Statement> struct Verdict {
  static constexpr bool value = Allowed;
};
} // namespace detail

/// A value of personal data that knows its category and source. Access goes through the
/// purpose (and recipient) it is for; a use the policy never allows does not compile.
template <typename Types, typename Types::category C, typename Types::source S, typename T>
class PersonalData {
  using Consents = typename Types::consents;
  using Purpose = typename Types::purpose;
  using Recipient = typename Types::recipient;

public:
  constexpr explicit PersonalData(T value) noexcept(std::is_nothrow_move_constructible<T>::value)
      : value_(std::move(value)) {}

  /// For a use that needs no consent: compiles only if the policy allows it outright.
  template <Purpose P> constexpr const T &use() const noexcept {
    constexpr Decision decision = may_use(C, S, P, Consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy does not allow this use without consent: pass the consents");
    return value_;
  }
  /// For a use that may need consent: compiles only if some consents allow it; null when
  /// `granted` does not.
  template <Purpose P> constexpr const T *use(const Consents &granted) const noexcept {
    constexpr Decision decision = may_use(C, S, P, Consents::all());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy never allows this category from this source for this purpose");
    return may_use(C, S, P, granted).allowed ? &value_ : nullptr;
  }
  template <Recipient R, Purpose P> constexpr const T &disclose() const noexcept {
    constexpr Decision decision = may_disclose(C, S, R, P, Consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy does not allow this disclosure without consent: pass the consents");
    return value_;
  }
  template <Recipient R, Purpose P>
  constexpr const T *disclose(const Consents &granted) const noexcept {
    constexpr Decision decision = may_disclose(C, S, R, P, Consents::all());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy never allows this disclosure");
    return may_disclose(C, S, R, P, granted).allowed ? &value_ : nullptr;
  }

  static constexpr typename Types::category category = C;
  static constexpr typename Types::source source = S;

private:
  T value_;
};

} // namespace policyc

#endif
