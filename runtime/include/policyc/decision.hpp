// The answer to "may this data be collected, used, disclosed or linked?": whether it is
// allowed, why, and which statement of the policy decided it (docs/semantics.md, "The
// decision procedure"). Plain data so that decisions are constant expressions. The compiler
// includes this file too, so that the reasons it writes into headers are these.
#ifndef POLICYC_DECISION_HPP
#define POLICYC_DECISION_HPP

#include <cstdint>
#include <string_view>

/// Every reason as X(enumerator, text), in the order of the enumeration:
///   permitted        a permit covers the tuple and all its consents are granted
///   no_statement     nothing covers the tuple: default deny
///   prohibited       a `never` statement or the limit of an `only` covers the tuple
///   consent_missing  a permit covers the tuple but one of its consents is not granted
#define POLICYC_REASONS(X)                                                                         \
  X(permitted, "permitted")                                                                        \
  X(no_statement, "no statement")                                                                  \
  X(prohibited, "prohibited")                                                                      \
  X(consent_missing, "consent missing")

namespace policyc {

enum class Reason : std::uint8_t {
#define POLICYC_REASON_ENUMERATOR(name, text) name,
  POLICYC_REASONS(POLICYC_REASON_ENUMERATOR)
#undef POLICYC_REASON_ENUMERATOR
};

constexpr std::string_view to_string(Reason reason) noexcept {
  switch (reason) {
#define POLICYC_REASON_TEXT(name, text)                                                            \
  case Reason::name:                                                                               \
    return text;
    POLICYC_REASONS(POLICYC_REASON_TEXT)
#undef POLICYC_REASON_TEXT
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
