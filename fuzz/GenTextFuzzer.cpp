// libFuzzer target: arbitrary bytes through the front end, the checker and `gen text` in Markdown
// and HTML; the output must be deterministic, valid UTF-8, and the HTML escaped.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  policyc::fuzz::runPipeline(llvm::StringRef(reinterpret_cast<const char *>(data), size),
                             policyc::fuzz::Stage::GenText);
  return 0;
}
