// Reading the files a policy is made of, within the file size limit, without ever blocking
// on something that is not a file: an import of /dev/stdin, /proc/self/fd/1 or a FIFO must
// not wait for input that never comes, and /dev/zero must not be read until the limit.
#ifndef POLICYC_BASIC_INPUTFILE_H
#define POLICYC_BASIC_INPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace policyc {

struct InputFile {
  enum class Status {
    Read,           ///< `buffer` holds the file
    CannotOpen,     ///< `error` says why (no such file, permission denied, ...)
    Directory,      ///< a folder
    NotRegular,     ///< a device, FIFO or socket where only a regular file is accepted
    TooLarge,       ///< a regular file of `size` bytes, more than the limit
    StreamTooLarge, ///< a stream that held more than the limit
  };
  Status status = Status::CannotOpen;
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  std::string error;          ///< CannotOpen
  const char *kind = nullptr; ///< NotRegular: "a character device", "a FIFO", ...
  uint64_t size = 0;          ///< TooLarge
};

/// Where a file may come from.
enum class InputSource {
  Import,      ///< named by an import: a regular file only
  CommandLine, ///< named on the command line: a regular file, or a stream read up to the limit
               ///< (`<(generate-policy)`, /dev/stdin)
};

/// Reads `path` into a buffer named `bufferName`. A regular file is read as large as it was
/// when opened (a file that grows meanwhile does not make the read endless).
InputFile readInputFile(llvm::StringRef path, llvm::StringRef bufferName, uint64_t limit,
                        InputSource source);

/// Reads standard input, up to `limit` bytes, into a buffer named `bufferName`.
InputFile readStandardInput(llvm::StringRef bufferName, uint64_t limit);

} // namespace policyc

#endif
