#include "basic/InputFile.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policyc {

namespace {
std::string describe(int error) {
  return std::error_code(error, std::generic_category()).message();
}

const char *kindOf(mode_t mode) {
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

InputFile failure(InputFile::Status status, std::string error = {}) {
  InputFile result;
  result.status = status;
  result.error = std::move(error);
  return result;
}

/// Reads what `fd` holds when its size is not known beforehand (standard input, a pipe, a
/// device) in chunks, and stops at `limit` bytes: an endless input such as /dev/zero would
/// otherwise fill memory.
InputFile readStream(int fd, llvm::StringRef bufferName, uint64_t limit) {
  std::string data;
  char chunk[64 * 1024];
  while (true) {
    ssize_t count = ::read(fd, chunk, sizeof chunk);
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0)
      return failure(InputFile::Status::CannotOpen, describe(errno));
    if (count == 0)
      break;
    if (data.size() + static_cast<uint64_t>(count) > limit)
      return failure(InputFile::Status::StreamTooLarge);
    data.append(chunk, static_cast<size_t>(count));
  }
  InputFile result;
  result.status = InputFile::Status::Read;
  result.buffer = llvm::MemoryBuffer::getMemBufferCopy(data, bufferName);
  return result;
}

/// Reads the regular file open at `fd`, of `size` bytes when opened. Read, not mapped: a
/// mapped file that another process truncates kills the reader with SIGBUS.
InputFile readRegular(int fd, llvm::StringRef bufferName, uint64_t size) {
  auto buffer = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(size, bufferName);
  if (!buffer)
    return failure(InputFile::Status::CannotOpen, describe(ENOMEM));
  char *into = buffer->getBufferStart();
  uint64_t filled = 0;
  while (filled < size) {
    ssize_t count = ::read(fd, into + filled, static_cast<size_t>(size - filled));
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0)
      return failure(InputFile::Status::CannotOpen, describe(errno));
    if (count == 0)
      break; // the file shrank since it was opened
    filled += static_cast<uint64_t>(count);
  }
  InputFile result;
  result.status = InputFile::Status::Read;
  if (filled == size)
    result.buffer = std::move(buffer);
  else
    result.buffer = llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(into, filled), bufferName);
  return result;
}
} // namespace

InputFile readStandardInput(llvm::StringRef bufferName, uint64_t limit) {
  return readStream(STDIN_FILENO, bufferName, limit);
}

InputFile readInputFile(llvm::StringRef path, llvm::StringRef bufferName, uint64_t limit,
                        InputSource source) {
  std::string name = path.str();
  struct stat status;
  if (::stat(name.c_str(), &status) != 0)
    return failure(InputFile::Status::CannotOpen, describe(errno));
  if (S_ISDIR(status.st_mode))
    return failure(InputFile::Status::Directory);
  bool regular = S_ISREG(status.st_mode);
  if (!regular && source == InputSource::Import) {
    InputFile result = failure(InputFile::Status::NotRegular);
    result.kind = kindOf(status.st_mode);
    return result;
  }
  if (regular && static_cast<uint64_t>(status.st_size) > limit) {
    InputFile result = failure(InputFile::Status::TooLarge);
    result.size = static_cast<uint64_t>(status.st_size);
    return result;
  }
  // An import is opened without waiting: should the file have been replaced by a FIFO since
  // stat(), open() must not block. A stream named on the command line is waited for, as
  // shells expect of `policyc check fifo`.
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular ? O_NONBLOCK : 0);
  int fd;
  do
    fd = ::open(name.c_str(), flags);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return failure(InputFile::Status::CannotOpen, describe(errno));
  struct stat opened;
  InputFile result;
  if (::fstat(fd, &opened) != 0) {
    result = failure(InputFile::Status::CannotOpen, describe(errno));
  } else if (S_ISREG(opened.st_mode)) {
    if (static_cast<uint64_t>(opened.st_size) > limit) {
      result = failure(InputFile::Status::TooLarge);
      result.size = static_cast<uint64_t>(opened.st_size);
    } else {
      result = readRegular(fd, bufferName, static_cast<uint64_t>(opened.st_size));
    }
  } else if (S_ISDIR(opened.st_mode)) {
    result = failure(InputFile::Status::Directory);
  } else if (source == InputSource::Import || regular) {
    // Not a regular file any more: it was swapped since stat().
    result = failure(InputFile::Status::NotRegular);
    result.kind = kindOf(opened.st_mode);
  } else {
    result = readStream(fd, bufferName, limit);
  }
  ::close(fd);
  return result;
}

} // namespace policyc
