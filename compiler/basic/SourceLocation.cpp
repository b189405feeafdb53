#include "basic/SourceLocation.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"

namespace policyc {

std::optional<PresumedLoc> presumedLoc(const llvm::SourceMgr &sources, llvm::SMLoc loc) {
  if (!loc.isValid())
    return std::nullopt;
  unsigned bufferId = sources.FindBufferContainingLoc(loc);
  if (bufferId == 0)
    return std::nullopt;
  // The line is found by binary search over the SourceMgr's cached table of line starts, and
  // the column from the start of that line: logarithmic per location. getLineAndColumn also
  // scans back from the location to the start of its line, which made the diagnostics of one
  // very long line quadratic. FindLocForLineAndColumn only fills that cache (which SourceMgr
  // keeps mutable), hence the const_cast.
  auto &table = const_cast<llvm::SourceMgr &>(sources);
  const char *pointer = loc.getPointer();
  auto lineStart = [&](unsigned line) {
    return table.FindLocForLineAndColumn(bufferId, line, 1).getPointer();
  };
  // Invariant: line `low` starts at or before the location; line `high` does not (it starts
  // after it, or does not exist).
  unsigned low = 1;
  unsigned high = 2;
  while (const char *start = lineStart(high)) {
    if (start > pointer)
      break;
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    unsigned middle = low + (high - low) / 2;
    const char *start = lineStart(middle);
    if (start && start <= pointer)
      low = middle;
    else
      high = middle;
  }
  unsigned column = static_cast<unsigned>(pointer - lineStart(low)) + 1;
  return PresumedLoc{sources.getMemoryBuffer(bufferId)->getBufferIdentifier(), bufferId, low,
                     column};
}

std::string oneLineText(llvm::SMRange range) {
  if (!range.Start.isValid() || !range.End.isValid() ||
      range.End.getPointer() < range.Start.getPointer())
    return "";
  llvm::StringRef text(range.Start.getPointer(), range.End.getPointer() - range.Start.getPointer());
  std::string result;
  bool space = false;
  for (char c : text) {
    if (llvm::isSpace(c)) {
      space = !result.empty();
      continue;
    }
    if (space)
      result.push_back(' ');
    space = false;
    result.push_back(c);
  }
  constexpr size_t kLimit = 200;
  if (result.size() > kLimit)
    result = result.substr(0, kLimit) + "...";
  return result;
}

} // namespace policyc
