// gen cpp internals that tests reach: the generator with explicit size limits, and the
// default namespace rule.
#ifndef POLICYC_GEN_CPP_CPPGENERATOR_H
#define POLICYC_GEN_CPP_CPPGENERATOR_H

#include "gen/Generator.h"

#include <cstdint>
#include <string>

namespace policyc::gen::cpp {

/// Sizes that shape the generated tables.
struct CppLimits {
  /// The largest table allowed (err_cpp_table_too_large beyond).
  uint64_t maxTableEntries = uint64_t{1} << 20;
  /// Up to this many (category, source) or (purpose, recipient) pairs, data and action
  /// classes are read from one node-pair table (one memory access fewer per decision);
  /// above, through the per-vocabulary class tables.
  uint64_t directPairLimit = uint64_t{1} << 16;
  /// The width of a decision cell, which packs a consent index and two decision rows
  /// (err_cpp_table_too_large for the decision table beyond).
  unsigned cellBits = 64;
  /// The names of the enumerations (identifiers, spellings, descriptions) may take this many
  /// bytes per byte of the policy and its imports, plus namesSlack
  /// (err_cpp_names_too_long beyond). A dotted path is written whole for every node, so
  /// deeply nested long names grow quadratically with the depth.
  uint64_t namesPerInputByte = 16;
  uint64_t namesSlack = uint64_t{1} << 20;
};

/// generateCpp with explicit limits (tests use small ones).
bool generateCppHeader(const GeneratorContext &context, llvm::raw_ostream &out,
                       const CppLimits &limits);

/// The namespace used without --namespace: the source file's stem as an identifier
/// ("policies/acme-shop.policy" gives `acme_shop`), or `policy` for standard input.
std::string defaultNamespace(llvm::StringRef sourcePath);

} // namespace policyc::gen::cpp

#endif
