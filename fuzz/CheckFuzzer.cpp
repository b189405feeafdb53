// libFuzzer target: arbitrary bytes through the front end and the checker with every regulation
// profile.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  policyc::fuzz::runPipeline(llvm::StringRef(reinterpret_cast<const char *>(data), size),
                             policyc::fuzz::Stage::Check);
  return 0;
}
