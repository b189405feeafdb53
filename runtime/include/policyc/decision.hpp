// The answer to "may this data be collected, used, disclosed or linked?": whether it is
// allowed, why, and which statement of the policy decided it (docs/semantics.md, "The
// decision procedure"). Plain data so that decisions are constant expressions.
#ifndef POLICYC_DECISION_HPP
#define POLICYC_DECISION_HPP

#include <cstdint>
#include <string_view>

namespace policyc {

enum class Reason : std::uint8_t {
  permitted,       ///< a permit covers the tuple and all its consents are granted
  no_statement,    ///< nothing covers the tuple: default deny
  prohibited,      ///< a `never` statement or the limit of an `only` covers the tuple
  consent_missing, ///< a permit covers the tuple but one of its consents is not granted
};

constexpr std::string_view to_string(Reason reason) noexcept {
  switch (reason) {
  case Reason::permitted:
    return "permitted";
  case Reason::no_statement:
    return "no statement";
  case Reason::prohibited:
    return "prohibited";
  case Reason::consent_missing:
    return "consent missing";
  }
  return "";
}

struct Decision {
  bool allowed;
  Reason reason;
  /// The deciding statement's id (1-based, load order); 0 for Reason::no_statement.
  std::uint32_t statement;
  /// Where the deciding statement is written; "" and 0 for Reason::no_statement.
  const char *file;
  std::uint32_t line;

  constexpr explicit operator bool() const noexcept { return allowed; }
};

constexpr bool operator==(const Decision &a, const Decision &b) noexcept {
  // Statement ids identify file and line, so they are not compared.
  return a.allowed == b.allowed && a.reason == b.reason && a.statement == b.statement;
}
constexpr bool operator!=(const Decision &a, const Decision &b) noexcept {
  return !(a == b);
}

} // namespace policyc

#endif
