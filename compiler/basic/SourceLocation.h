// Turning SMLoc pointers into file, line and column for people and machines.
#ifndef POLICYC_BASIC_SOURCELOCATION_H
#define POLICYC_BASIC_SOURCELOCATION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <optional>
#include <string>

namespace llvm {
class SourceMgr;
}

namespace policyc {

/// A location as printed: file name as given to the buffer, 1-based line (lines end at '\n')
/// and byte column.
struct PresumedLoc {
  llvm::StringRef file;
  unsigned bufferId = 0;
  unsigned line = 0;
  unsigned column = 0;
};

/// Resolves `loc` in time logarithmic in the size of its buffer; std::nullopt for an invalid
/// location or one outside every buffer.
std::optional<PresumedLoc> presumedLoc(const llvm::SourceMgr &sources, llvm::SMLoc loc);

/// The location just past the end of a range's last character (ranges are half-open).
inline llvm::SMLoc rangeEnd(llvm::SMRange range) {
  return range.End;
}

/// The text of `range` on one line (runs of white space made one space), cut after 200
/// characters: a statement quoted after its location in reports.
std::string oneLineText(llvm::SMRange range);

} // namespace policyc

#endif
