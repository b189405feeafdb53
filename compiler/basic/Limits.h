// Hard limits that keep hostile input from exhausting memory or the stack. Each one, when
// exceeded, gives a diagnostic with its own id (flag -Wlimits), never a crash.
#ifndef POLICYC_BASIC_LIMITS_H
#define POLICYC_BASIC_LIMITS_H

#include <cstdint>

namespace policyc::limits {

/// Largest policy file read (bytes).
inline constexpr uint64_t kMaxFileSize = 256ull * 1024 * 1024;
/// Deepest nesting of { } blocks; the parser and every tree walk recurse at most this deep.
inline constexpr unsigned kMaxNestingDepth = 64;
/// Longest chain of imports.
inline constexpr unsigned kMaxImportDepth = 64;
/// Most tokens in one statement or declaration.
inline constexpr unsigned kMaxTokensPerStatement = 200000;
/// Most statements and declarations in all files together.
inline constexpr unsigned kMaxStatements = 10000000;
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
