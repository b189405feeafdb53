// Writing outputs the way build systems need them: atomically (a temporary file in the
// target folder, then rename), and not at all when the file already holds the same bytes,
// so that its modification time stays and dependent targets do not rebuild.
#ifndef POLICYC_BASIC_OUTPUTFILE_H
#define POLICYC_BASIC_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace policyc {

enum class WriteOutcome { Written, Unchanged, Failed };

struct WriteResult {
  WriteOutcome outcome;
  std::string error; ///< why it failed, for Failed
};

/// Writes `contents` to `path`; "-" writes to standard output.
WriteResult writeOutputFile(llvm::StringRef path, llvm::StringRef contents);

} // namespace policyc

#endif
