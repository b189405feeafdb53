// Writing outputs the way build systems and shells need them.
//
// An output is prepared before it is generated (so that an unwritable path fails fast) and
// written once at the end, whole or not at all:
// - "-" is standard output, and so is a path naming the file standard output already is
//   (`/dev/stdout`, `/proc/self/fd/1`): written in place, after what was printed before.
// - A character device or a FIFO (`/dev/null`, a named pipe) is written in place: never read
//   back, never replaced. A FIFO that no process reads is an error after a short wait, not a
//   hang.
// - Anything else is a regular file, reached through symbolic links: the bytes go to a
//   temporary file beside it (removed if policyc is interrupted by a signal), which replaces
//   it in one rename keeping its permissions; a file that already holds exactly those bytes
//   is left alone, so that its modification time stays and nothing that depends on it
//   rebuilds.
#ifndef POLICYC_BASIC_OUTPUTFILE_H
#define POLICYC_BASIC_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace policyc {

enum class WriteOutcome { Written, Unchanged, Failed };

struct WriteResult {
  WriteOutcome outcome;
  std::string error; ///< why it failed, for Failed
};

class OutputFile {
public:
  /// How long opening a FIFO waits for a process to read it.
  static constexpr unsigned kFifoReaderWaitMs = 2000;

  /// Prepares writing to `path`. Returns null and sets `error` when it cannot be written
  /// (a missing folder, a folder at `path`, a FIFO nobody reads); nothing is left behind then.
  static std::unique_ptr<OutputFile> open(llvm::StringRef path, std::string &error);
  /// Discards the output if it was not committed: the temporary file is removed.
  ~OutputFile();
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;

  /// Writes `contents` as the whole output. Call at most once.
  WriteResult commit(llvm::StringRef contents);

  /// The temporary file being prepared, empty when the output is written in place.
  llvm::StringRef temporaryPath() const { return temporary; }

private:
  enum class Kind { StandardOutput, InPlace, Replace };
  OutputFile(Kind kind, std::string path) : kind(kind), path(std::move(path)) {}
  void discard();

  Kind kind;
  std::string path;      ///< as given, for messages
  std::string target;    ///< Replace: the regular file replaced, symbolic links followed
  std::string temporary; ///< Replace: the temporary file beside it
  int fd = -1;           ///< InPlace: the device or FIFO; Replace: the temporary file
};

/// Opens and commits in one step.
WriteResult writeOutputFile(llvm::StringRef path, llvm::StringRef contents);

/// True when writing `output` would write the file `other` names ("-" being standard output):
/// the same file through any link, or the same path when neither exists yet.
bool sameOutputTarget(llvm::StringRef output, llvm::StringRef other);

} // namespace policyc

#endif
