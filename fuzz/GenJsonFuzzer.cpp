// libFuzzer target: arbitrary bytes through the front end, the checker and `gen json`; the output
// must be deterministic, valid UTF-8 and JSON.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  policyc::fuzz::runPipeline(llvm::StringRef(reinterpret_cast<const char *>(data), size),
                             policyc::fuzz::Stage::GenJson);
  return 0;
}
