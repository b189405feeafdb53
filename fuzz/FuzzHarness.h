// What every fuzz target shares: one input goes through the pipeline as `policyc` runs it,
// up to a chosen stage, with the invariants of each output checked on the way. A violated
// invariant aborts, so that libFuzzer reports it like a crash and keeps the input.
#ifndef POLICYC_FUZZ_FUZZHARNESS_H
#define POLICYC_FUZZ_FUZZHARNESS_H

#include "llvm/ADT/StringRef.h"

#include <string>

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

/// What `input` means as a policy, for comparing two spellings of it: the ids of its
/// diagnostics in order (notes included, each marked when a suppression silenced it; the
/// `-Wextra-semi` warnings left out, which depend on spelling alone), then the JSON IR of its
/// model without source locations when it has no error.
std::string policyMeaning(llvm::StringRef input);

/// Stops the run so that libFuzzer reports the input, saying what went wrong.
[[noreturn]] void violated(llvm::StringRef stage, llvm::StringRef problem, llvm::StringRef output);

} // namespace policyc::fuzz

#endif
