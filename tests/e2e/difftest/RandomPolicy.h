// A seeded generator of valid random policies for differential testing: nested vocabularies
// with awkward names (C++ keywords, leading digits, hyphens, names that collide once
// mangled), consents, events, and every rule form (collect/use/disclose/link, `never`,
// `only`, `when consent`) plus retention, rights and notices. The same seed always gives
// the same text, on every platform (no std:: distributions).
#ifndef POLICYC_TESTS_E2E_RANDOMPOLICY_H
#define POLICYC_TESTS_E2E_RANDOMPOLICY_H

#include <cstdint>
#include <string>

namespace policyc::test {

/// How large the random policies grow. The defaults are those of e2e/differential; e2e/cedar
/// asks Cedar every question of each policy and wants smaller ones.
struct RandomPolicyShape {
  /// Top-level nodes per vocabulary: 1 to this many.
  unsigned categoryRoots = 4;
  unsigned sourceRoots = 3;
  unsigned purposeRoots = 4;
  unsigned recipientRoots = 3;
  /// Nodes below this depth (0 for top-level) may have 1 to maxChildren children.
  unsigned maxDepth = 2;
  unsigned maxChildren = 3;
  unsigned maxConsents = 4;
};

std::string randomPolicy(uint64_t seed, const RandomPolicyShape &shape = {});

} // namespace policyc::test

#endif
