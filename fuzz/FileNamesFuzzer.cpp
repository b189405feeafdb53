// libFuzzer target: file names. The input's first line names the policy file (any bytes:
// line breaks spelled \n are not possible there, but escape sequences, Markdown, HTML and
// bytes that are not UTF-8 are); the rest is the policy, whose imports name files too. The
// name reaches the diagnostics, the header and the text through every location: all must
// stay printable UTF-8, and every Markdown comment must close on its line.
#include "FuzzHarness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  auto [name, policy] = input.split('\n');
  // Relative to the import tests' folder, so that seeds' imports still resolve.
  std::string path = llvm::StringRef(policyc::fuzz::kInputPath).rsplit('/').first.str();
  path += "/";
  path += name.take_front(200).str();
  policyc::fuzz::runPipeline(policy, policyc::fuzz::Stage::GenText, path);
  policyc::fuzz::runPipeline(policy, policyc::fuzz::Stage::GenCpp, path);
  return 0;
}
