#include "basic/SourceLocation.h"

#include "llvm/Support/SourceMgr.h"

namespace policyc {

std::optional<PresumedLoc> presumedLoc(const llvm::SourceMgr &sources, llvm::SMLoc loc) {
  if (!loc.isValid())
    return std::nullopt;
  unsigned bufferId = sources.FindBufferContainingLoc(loc);
  if (bufferId == 0)
    return std::nullopt;
  auto [line, column] = sources.getLineAndColumn(loc, bufferId);
  return PresumedLoc{sources.getMemoryBuffer(bufferId)->getBufferIdentifier(), bufferId, line,
                     column};
}

} // namespace policyc
