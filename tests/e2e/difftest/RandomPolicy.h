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

std::string randomPolicy(uint64_t seed);

} // namespace policyc::test

#endif
