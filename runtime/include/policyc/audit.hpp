// An audit hook: services that must record every decision pass an implementation of
// AuditHook to the generated audit_* functions. Records hold views of static strings only,
// so recording allocates nothing unless the hook does.
#ifndef POLICYC_AUDIT_HPP
#define POLICYC_AUDIT_HPP

#include "policyc/decision.hpp"

#include <cstdint>
#include <string_view>

namespace policyc {

enum class Action : std::uint8_t { collect, use, disclose, link };

constexpr std::string_view to_string(Action action) noexcept {
  switch (action) {
  case Action::collect:
    return "collect";
  case Action::use:
    return "use";
  case Action::disclose:
    return "disclose";
  case Action::link:
    return "link";
  }
  return "";
}

/// One decision with the names it was made on. For `link`, `recipient` is empty and
/// `purpose` holds the second category.
struct AuditRecord {
  Action action;
  std::string_view policy; ///< the policy's source path
  std::string_view category;
  std::string_view source;
  std::string_view purpose;
  std::string_view recipient;
  Decision decision;
};

class AuditHook {
public:
  virtual void record(const AuditRecord &entry) noexcept = 0;

protected:
  AuditHook() = default;
  AuditHook(const AuditHook &) = default;
  AuditHook &operator=(const AuditHook &) = default;
  ~AuditHook() = default;
};

namespace detail {
// The bodies of a generated header's audit_* functions. Types is the header's detail::Types
// (policyc/enforce.hpp); may_* and to_string are the header's, found by argument-dependent
// lookup in its namespace.

template <typename Types>
const Decision &audit_collect(AuditHook &hook, typename Types::category category,
                              typename Types::source source,
                              const typename Types::consents &granted) noexcept {
  const Decision &decision = may_collect(category, source, granted);
  hook.record({Action::collect, Types::policy, to_string(category), to_string(source),
               std::string_view(), std::string_view(), decision});
  return decision;
}

template <typename Types>
const Decision &audit_use(AuditHook &hook, typename Types::category category,
                          typename Types::source source, typename Types::purpose purpose,
                          const typename Types::consents &granted) noexcept {
  const Decision &decision = may_use(category, source, purpose, granted);
  hook.record({Action::use, Types::policy, to_string(category), to_string(source),
               to_string(purpose), to_string(Types::us), decision});
  return decision;
}

template <typename Types>
const Decision &audit_disclose(AuditHook &hook, typename Types::category category,
                               typename Types::source source, typename Types::recipient recipient,
                               typename Types::purpose purpose,
                               const typename Types::consents &granted) noexcept {
  const Decision &decision = may_disclose(category, source, recipient, purpose, granted);
  hook.record({Action::disclose, Types::policy, to_string(category), to_string(source),
               to_string(purpose), to_string(recipient), decision});
  return decision;
}

template <typename Types>
const Decision &audit_link(AuditHook &hook, typename Types::category first,
                           typename Types::category second, typename Types::source source,
                           const typename Types::consents &granted) noexcept {
  const Decision &decision = may_link(first, second, source, granted);
  hook.record({Action::link, Types::policy, to_string(first), to_string(source), to_string(second),
               std::string_view(), decision});
  return decision;
}
} // namespace detail

} // namespace policyc

#endif
