// libFuzzer target: arbitrary bytes through the front end, the checker and `gen cpp`; the header
// must be deterministic, valid UTF-8 and well-formed at the level of tokens.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  policyc::fuzz::runPipeline(llvm::StringRef(reinterpret_cast<const char *>(data), size),
                             policyc::fuzz::Stage::GenCpp);
  return 0;
}
