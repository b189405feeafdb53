#include "basic/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <climits>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policyc {

namespace {
std::string describe(int error) {
  return std::error_code(error, std::generic_category()).message();
}

std::string cannotWrite(llvm::StringRef path, llvm::StringRef why) {
  return "cannot write '" + path.str() + "': " + why.str();
}

/// Writes all of `data` to `fd`; 0 or the errno of the failure. A descriptor left
/// non-blocking by whoever started policyc (a shared pipe) is waited for, not given up on.
int writeAll(int fd, llvm::StringRef data) {
  const char *next = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t written = ::write(fd, next, left);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pollfd ready{fd, POLLOUT, 0};
        ::poll(&ready, 1, -1);
        continue;
      }
      return errno;
    }
    if (written == 0)
      return EIO;
    next += written;
    left -= static_cast<size_t>(written);
  }
  return 0;
}

/// True when the regular file at `path` holds exactly `contents`. Reads at most
/// contents.size() bytes, and only from a regular file of that size: never a device or a
/// FIFO, whose reads may never end.
bool holdsExactly(const std::string &path, llvm::StringRef contents) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return false;
  struct stat status;
  bool same = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
              static_cast<uint64_t>(status.st_size) == contents.size();
  std::string buffer(same ? contents.size() : 0, '\0');
  size_t filled = 0;
  while (same && filled < buffer.size()) {
    ssize_t count = ::read(fd, &buffer[filled], buffer.size() - filled);
    if (count < 0 && errno == EINTR)
      continue;
    if (count <= 0)
      same = false;
    else
      filled += static_cast<size_t>(count);
  }
  ::close(fd);
  return same && buffer == contents;
}

/// Follows the symbolic links from `path` to the file they end at, which need not exist (a
/// dangling link is written through, as `cp` and shells do). 0 or an errno.
int followLinks(llvm::StringRef path, std::string &result) {
  std::string current = path.str();
  for (unsigned hops = 0; hops < 40; ++hops) {
    struct stat status;
    if (::lstat(current.c_str(), &status) != 0 || !S_ISLNK(status.st_mode)) {
      result = current;
      return 0;
    }
    char link[PATH_MAX];
    ssize_t length = ::readlink(current.c_str(), link, sizeof link);
    if (length < 0)
      return errno;
    if (static_cast<size_t>(length) == sizeof link)
      return ENAMETOOLONG;
    llvm::StringRef linkText(link, static_cast<size_t>(length));
    if (llvm::sys::path::is_absolute(linkText)) {
      current = linkText.str();
      continue;
    }
    llvm::SmallString<256> next = llvm::sys::path::parent_path(current);
    llvm::sys::path::append(next, linkText);
    current = std::string(next);
  }
  return ELOOP;
}

/// Opens a character device or FIFO for writing without blocking in open(): a FIFO that no
/// process reads yet is retried for a short while, then an error (ENXIO).
int openInPlace(const std::string &path, int &error) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(OutputFile::kFifoReaderWaitMs);
  while (true) {
    int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd >= 0) {
      // Writes may block again (a slow reader is waited for); writeAll copes either way.
      int flags = ::fcntl(fd, F_GETFL);
      if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
      return fd;
    }
    if (errno == EINTR)
      continue;
    if (errno != ENXIO || std::chrono::steady_clock::now() >= deadline) {
      error = errno;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool isStandardOutput(const struct stat &status) {
  struct stat out;
  return ::fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == status.st_dev &&
         out.st_ino == status.st_ino;
}
} // namespace

std::unique_ptr<OutputFile> OutputFile::open(llvm::StringRef path, std::string &error) {
  if (path == "-")
    return std::unique_ptr<OutputFile>(new OutputFile(Kind::StandardOutput, path.str()));
  struct stat status;
  bool exists = ::stat(path.str().c_str(), &status) == 0;
  if (exists && isStandardOutput(status))
    return std::unique_ptr<OutputFile>(new OutputFile(Kind::StandardOutput, path.str()));
  if (exists && S_ISDIR(status.st_mode)) {
    error = cannotWrite(path, "it is a directory");
    return nullptr;
  }
  if (exists && (S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode))) {
    std::unique_ptr<OutputFile> output(new OutputFile(Kind::InPlace, path.str()));
    int openError = 0;
    output->fd = openInPlace(output->path, openError);
    if (output->fd < 0) {
      error = cannotWrite(path, openError == ENXIO && S_ISFIFO(status.st_mode)
                                    ? "no process reads this FIFO"
                                    : describe(openError));
      return nullptr;
    }
    return output;
  }
  if (exists && !S_ISREG(status.st_mode)) {
    error = cannotWrite(path, "it is neither a regular file, a character device nor a FIFO");
    return nullptr;
  }

  std::unique_ptr<OutputFile> output(new OutputFile(Kind::Replace, path.str()));
  llvm::SmallString<256> real;
  if (exists && !llvm::sys::fs::real_path(path, real)) {
    output->target = std::string(real);
  } else if (int linkError = followLinks(path, output->target)) {
    error = cannotWrite(path, describe(linkError));
    return nullptr;
  }
  llvm::SmallString<256> directory = llvm::sys::path::parent_path(output->target);
  if (directory.empty())
    directory = ".";
  llvm::SmallString<256> model(directory);
  llvm::sys::path::append(model, llvm::sys::path::filename(output->target) + ".tmp-%%%%%%%%");
  llvm::SmallString<256> temporary;
  if (std::error_code created = llvm::sys::fs::createUniqueFile(model, output->fd, temporary)) {
    error =
        "cannot create a temporary file in '" + directory.str().str() + "': " + created.message();
    return nullptr;
  }
  output->temporary = std::string(temporary);
  llvm::sys::RemoveFileOnSignal(output->temporary);
  // The replacement keeps what the user gave the file: its permissions, and (for root) its
  // owner and group.
  if (exists) {
    ::fchmod(output->fd, status.st_mode & 07777);
    if (::geteuid() == 0)
      (void)!::fchown(output->fd, status.st_uid, status.st_gid);
  }
  return output;
}

OutputFile::~OutputFile() {
  discard();
}

void OutputFile::discard() {
  if (kind == Kind::Replace && !temporary.empty()) {
    if (fd >= 0)
      ::close(fd);
    ::unlink(temporary.c_str());
    llvm::sys::DontRemoveFileOnSignal(temporary);
    temporary.clear();
  } else if (kind == Kind::InPlace && fd >= 0) {
    ::close(fd);
  }
  fd = -1;
}

WriteResult OutputFile::commit(llvm::StringRef contents) {
  switch (kind) {
  case Kind::StandardOutput: {
    // What policyc printed on standard output before comes first.
    llvm::outs().flush();
    if (int error = writeAll(STDOUT_FILENO, contents))
      return {WriteOutcome::Failed, "cannot write standard output: " + describe(error)};
    return {WriteOutcome::Written, {}};
  }
  case Kind::InPlace: {
    int error = writeAll(fd, contents);
    if (::close(fd) != 0 && error == 0)
      error = errno;
    fd = -1;
    if (error)
      return {WriteOutcome::Failed, cannotWrite(path, describe(error))};
    return {WriteOutcome::Written, {}};
  }
  case Kind::Replace:
    break;
  }
  if (temporary.empty())
    return {WriteOutcome::Failed, cannotWrite(path, "the output was already written")};
  if (holdsExactly(target, contents)) {
    discard();
    return {WriteOutcome::Unchanged, {}};
  }
  int error = writeAll(fd, contents);
  if (::close(fd) != 0 && error == 0)
    error = errno;
  fd = -1;
  if (error == 0 && ::rename(temporary.c_str(), target.c_str()) != 0)
    error = errno;
  if (error) {
    discard();
    return {WriteOutcome::Failed, cannotWrite(path, describe(error))};
  }
  llvm::sys::DontRemoveFileOnSignal(temporary);
  temporary.clear();
  return {WriteOutcome::Written, {}};
}

WriteResult writeOutputFile(llvm::StringRef path, llvm::StringRef contents) {
  std::string error;
  std::unique_ptr<OutputFile> output = OutputFile::open(path, error);
  if (!output)
    return {WriteOutcome::Failed, error};
  return output->commit(contents);
}

namespace {
/// What a path names for sameOutputTarget: a file's identity, or the absolute path (links
/// followed) a file would be created at.
struct Identity {
  bool exists = false;
  bool device = false;
  dev_t dev = 0;
  ino_t ino = 0;
  std::string path;
};

Identity identify(llvm::StringRef path) {
  Identity identity;
  struct stat status;
  if (path == "-" ? ::fstat(STDOUT_FILENO, &status) == 0
                  : ::stat(path.str().c_str(), &status) == 0) {
    identity.exists = true;
    identity.device = S_ISCHR(status.st_mode);
    identity.dev = status.st_dev;
    identity.ino = status.st_ino;
    return identity;
  }
  std::string followed;
  if (followLinks(path, followed) != 0)
    followed = path.str();
  llvm::SmallString<256> folder = llvm::sys::path::parent_path(followed);
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(folder.empty() ? llvm::StringRef(".") : folder.str(), real))
    real = folder;
  llvm::sys::path::append(real, llvm::sys::path::filename(followed));
  identity.path = std::string(real);
  return identity;
}
} // namespace

bool sameOutputTarget(llvm::StringRef output, llvm::StringRef other) {
  Identity a = identify(output);
  Identity b = identify(other);
  if (a.exists != b.exists)
    return false;
  if (!a.exists)
    return a.path == b.path;
  // Two writes to a character device (/dev/null) do not overwrite each other.
  return a.dev == b.dev && a.ino == b.ino && !a.device;
}

} // namespace policyc
