// The base protocol of the Language Server Protocol: JSON messages framed by a
// `Content-Length` header, read from a byte stream and written to one.
//
// The reader never trusts its input: a header block it cannot read, a body larger than the
// limit or a stream that ends in the middle of a message is reported as a frame of its own
// kind, and reading goes on at the next `Content-Length:` header, so a confused client gets
// an error response instead of a server that crashed or hangs.
#ifndef POLICYC_LSP_TRANSPORT_H
#define POLICYC_LSP_TRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstddef>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace policyc::lsp {

/// Where the reader's bytes come from.
class ByteSource {
public:
  virtual ~ByteSource();
  /// Reads up to `size` bytes, blocking until at least one is there; 0 at the end of input.
  virtual size_t read(char *into, size_t size) = 0;
  /// True when a read would not block (bytes are waiting, or the input has ended).
  virtual bool ready() = 0;
};

/// A file descriptor, e.g. standard input.
class FileDescriptorSource : public ByteSource {
public:
  explicit FileDescriptorSource(int fd) : fd(fd) {}
  size_t read(char *into, size_t size) override;
  bool ready() override;

private:
  int fd;
};

/// Bytes held in memory (tests, benchmarks).
class StringSource : public ByteSource {
public:
  explicit StringSource(std::string bytes) : bytes(std::move(bytes)) {}
  size_t read(char *into, size_t size) override;
  bool ready() override { return true; }

private:
  std::string bytes;
  size_t position = 0;
};

/// One thing read from the input.
struct Frame {
  enum class Kind {
    Message,    ///< `body` holds a message's bytes (not yet parsed as JSON)
    BadHeader,  ///< the header block could not be read; `problem` says why
    TooLarge,   ///< the announced body exceeds the limit; it was skipped
    EndOfInput, ///< the input ended (possibly inside a message: `problem` is set then)
  };
  Kind kind = Kind::EndOfInput;
  std::string body;
  std::string problem;
};

class MessageReader {
public:
  /// Largest body accepted: a policy file at its size limit, with room for JSON escapes.
  static constexpr size_t kDefaultMaxBody = 600u * 1024 * 1024;

  explicit MessageReader(ByteSource &source, size_t maxBody = kDefaultMaxBody)
      : source(source), maxBody(maxBody) {}

  /// Blocks until the next frame is complete.
  Frame next();
  /// True when next() would return without waiting for the client.
  bool ready() { return position < buffer.size() || source.ready(); }

private:
  /// Reads more input into the buffer; false at the end of input.
  bool fill();
  /// The next header line without its line end, or false at the end of input. Lines longer
  /// than a header can reasonably be end the block as bad.
  bool readLine(std::string &line, bool &tooLong);
  /// Drops input up to the next `Content-Length:`, after a header block that was bad.
  void resynchronize();
  /// Discards `count` bytes of body; false when the input ends first.
  bool skip(size_t count);

  ByteSource &source;
  size_t maxBody;
  std::string buffer;
  size_t position = 0;
  bool resyncNeeded = false;
};

/// Writes one message with its header and flushes.
void writeMessage(llvm::raw_ostream &out, const llvm::json::Value &message);

} // namespace policyc::lsp

#endif
