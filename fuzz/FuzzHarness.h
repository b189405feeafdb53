// What every fuzz target shares: one input goes through the pipeline as `policyc` runs it,
// up to a chosen stage, with the invariants of each output checked on the way. A violated
// invariant aborts, so that libFuzzer reports it like a crash and keeps the input.
#ifndef POLICYC_FUZZ_FUZZHARNESS_H
#define POLICYC_FUZZ_FUZZHARNESS_H

#include "llvm/ADT/StringRef.h"

namespace policyc::fuzz {

/// The last stage an input is taken through.
enum class Stage {
  Analyze, ///< load (imports included), parse and semantic analysis
  Check,   ///< and the checker, with every regulation profile
  GenJson, ///< and `gen json`
  GenCpp,  ///< and `gen cpp`
  GenText, ///< and `gen text`, Markdown and HTML
};

/// Where inputs pose as files: beside the import tests' inputs, so that the imports of
/// seeds taken from tests/diagnostics/driver resolve and the fuzzer can recombine them.
extern const char *const kInputPath;

/// Compiles `input`, as the file named `name`, through `stage`. Besides each output's own
/// invariants, the diagnostics printed must be printable (checkPrintable).
void runPipeline(llvm::StringRef input, Stage stage, llvm::StringRef name = kInputPath);

} // namespace policyc::fuzz

#endif
