// libFuzzer target: arbitrary bytes through loading (imports included), parsing and semantic
// analysis.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  policyc::fuzz::runPipeline(llvm::StringRef(reinterpret_cast<const char *>(data), size),
                             policyc::fuzz::Stage::Analyze);
  return 0;
}
