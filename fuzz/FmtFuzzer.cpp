// libFuzzer target: the formatter (policyc fmt). For every input that parses, formatting
// succeeds, keeps what the policy means (the diagnostics and the JSON IR of fmt(x) are those of
// x, source locations aside; suppressions included) and reaches a fixed point at once:
// fmt(fmt(x)) == fmt(x). The formatter also checks on every run that it kept every token and
// comment; a failure of that check is reported here too.
#include "FuzzHarness.h"

#include "basic/DiagnosticEngine.h"
#include "format/Formatter.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>

namespace {
constexpr size_t kMaxMeaningInput = 16 * 1024;

class Discard : public policyc::DiagnosticConsumer {
public:
  void handleDiagnostic(const policyc::Diagnostic &, const llvm::SourceMgr &) override {}
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace policyc;
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  llvm::SourceMgr sources;
  unsigned bufferId = sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(input, "fuzz-input.policy"), llvm::SMLoc());
  Discard discard;
  DiagnosticEngine diags(sources, discard);
  format::FormatResult first = format::formatBuffer(sources, bufferId, diags);
  if (first.status == format::FormatStatus::InternalError)
    fuzz::violated("fmt", first.problem, input);
  if (first.status != format::FormatStatus::Formatted)
    return 0;
  std::optional<std::string> second = format::formatSource(first.text);
  if (!second)
    fuzz::violated("fmt", "the formatted text does not format again", first.text);
  if (*second != first.text)
    fuzz::violated("fmt", "fmt(fmt(x)) differs from fmt(x)", *second);
  // Comparing meanings compiles, checks and generates twice; on the largest inputs that would
  // take most of the time budget (the unit tests compare them on every policy of the tree).
  if (input.size() > kMaxMeaningInput)
    return 0;
  if (fuzz::policyMeaning(input) != fuzz::policyMeaning(first.text))
    fuzz::violated("fmt", "the formatted policy means something else", first.text);
  return 0;
}
