// Hard limits that keep hostile input from exhausting memory or the stack. Each one, when
// exceeded, gives a diagnostic with its own id (flag -Wlimits), never a crash.
#ifndef POLICYC_BASIC_LIMITS_H
#define POLICYC_BASIC_LIMITS_H

#include <cstdint>

namespace policyc::limits {

// The size limits keep the largest input they admit within about 2 GB of memory: the worst
// shapes measured (docs/robustness.md, "Memory") cost about 2.3 KB per statement and about
// 250 bytes per token. Statements and tokens are counted while parsing, before the syntax
// trees grow past them. The driver's address-space budget (8 GiB) is only the backstop for
// what these limits do not foresee.

/// Largest policy file read (bytes).
inline constexpr uint64_t kMaxFileSize = 64ull * 1024 * 1024;
/// Largest policy: the root file and every file it imports, together (bytes).
inline constexpr uint64_t kMaxPolicySize = 64ull * 1024 * 1024;
/// Deepest nesting of { } blocks; the parser and every tree walk recurse at most this deep.
inline constexpr unsigned kMaxNestingDepth = 64;
/// Longest chain of imports.
inline constexpr unsigned kMaxImportDepth = 64;
/// Most tokens in one statement or declaration.
inline constexpr unsigned kMaxTokensPerStatement = 200000;
/// Most statements and declarations in all files together.
inline constexpr unsigned kMaxStatements = 800000;
/// Most tokens in all files together: what the syntax trees and the model cost grows with
/// them (a vocabulary of many small members has few statements but many nodes).
inline constexpr uint64_t kMaxTokens = 8000000;
/// Most warnings shown (errors have -ferror-limit); a note says where showing them stopped.
inline constexpr unsigned kMaxWarnings = 1000;
/// Every output of `policyc gen` is at most kOutputAllowance + kMaxOutputGrowth times the size
/// of the policy's files (the root and its imports); a generator that would write more is
/// stopped with err_output_too_large and nothing is written. The allowance covers the fixed
/// part of an output (a header's prologue), the factor what each statement and name adds.
inline constexpr uint64_t kOutputAllowance = 1024 * 1024;
inline constexpr uint64_t kMaxOutputGrowth = 64;

} // namespace policyc::limits

#endif
