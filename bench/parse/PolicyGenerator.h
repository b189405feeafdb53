// A seeded generator of large, realistic policies for benchmarks: vocabularies of hundreds of
// nodes in trees a few levels deep, every declaration and statement kind, comments and
// multi-part strings, in proportions like those of real policies. The output is a valid
// policy: the front end reports nothing on it.
#ifndef POLICYC_BENCH_PARSE_POLICYGENERATOR_H
#define POLICYC_BENCH_PARSE_POLICYGENERATOR_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace policyc::bench {

struct GeneratorOptions {
  size_t targetBytes = 10 * 1024 * 1024; ///< statements are added until the text is this long
  uint32_t seed = 1;
};

/// The same options give the same text, byte for byte.
std::string generatePolicy(const GeneratorOptions &options);

} // namespace policyc::bench

#endif
