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

} // namespace policyc

#endif
