#include "lsp/Transport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <poll.h>
#include <unistd.h>

namespace policyc::lsp {

namespace {
/// Header lines are short ("Content-Length: 1234"); a longer one is not a header.
constexpr size_t kMaxHeaderLine = 1024;
/// Header blocks have one or two lines; more means the input is not a header.
constexpr unsigned kMaxHeaderLines = 32;
constexpr llvm::StringLiteral kLengthHeader = "content-length:";
} // namespace

ByteSource::~ByteSource() = default;

size_t FileDescriptorSource::read(char *into, size_t size) {
  while (true) {
    ssize_t count = ::read(fd, into, size);
    if (count >= 0)
      return static_cast<size_t>(count);
    if (errno != EINTR)
      return 0; // a read error ends the input like the end of the stream
  }
}

bool FileDescriptorSource::ready() {
  pollfd request{fd, POLLIN, 0};
  int result = ::poll(&request, 1, 0);
  return result != 0; // readable, hung up or failed: a read will not block
}

size_t StringSource::read(char *into, size_t size) {
  size_t count = std::min(size, bytes.size() - position);
  std::memcpy(into, bytes.data() + position, count);
  position += count;
  return count;
}

bool MessageReader::fill() {
  // Consumed bytes are dropped once they are most of the buffer, so it holds about one
  // message however long the session.
  if (position > 0 && position * 2 >= buffer.size()) {
    buffer.erase(0, position);
    position = 0;
  }
  char chunk[64 * 1024];
  size_t count = source.read(chunk, sizeof chunk);
  if (count == 0)
    return false;
  buffer.append(chunk, count);
  return true;
}

bool MessageReader::readLine(std::string &line, bool &tooLong) {
  tooLong = false;
  while (true) {
    size_t end = buffer.find('\n', position);
    if (end != std::string::npos) {
      size_t length = end - position;
      tooLong = length > kMaxHeaderLine;
      line.assign(buffer, position, std::min(length, kMaxHeaderLine));
      position = end + 1;
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      return true;
    }
    if (buffer.size() - position > kMaxHeaderLine) {
      // No line end in sight: take what is there as an overlong line.
      tooLong = true;
      line.assign(buffer, position, kMaxHeaderLine);
      position = buffer.size();
      return true;
    }
    if (!fill()) {
      if (position == buffer.size())
        return false;
      line.assign(buffer, position, std::string::npos);
      position = buffer.size();
      return true;
    }
  }
}

void MessageReader::resynchronize() {
  while (true) {
    llvm::StringRef rest = llvm::StringRef(buffer).drop_front(position);
    size_t found = rest.find_insensitive(kLengthHeader);
    if (found != llvm::StringRef::npos) {
      position += found;
      resyncNeeded = false;
      return;
    }
    // Keep a tail that could be the start of a header split across reads.
    if (rest.size() > kLengthHeader.size())
      position = buffer.size() - kLengthHeader.size();
    if (!fill()) {
      position = buffer.size();
      return;
    }
  }
}

bool MessageReader::skip(size_t count) {
  while (count > 0) {
    if (position == buffer.size() && !fill())
      return false;
    size_t take = std::min(count, buffer.size() - position);
    position += take;
    count -= take;
  }
  return true;
}

Frame MessageReader::next() {
  Frame frame;
  if (resyncNeeded)
    resynchronize();

  std::optional<size_t> length;
  std::string problem;
  std::string line;
  bool tooLong = false;
  unsigned lines = 0;
  while (true) {
    if (!readLine(line, tooLong)) {
      frame.kind = Frame::Kind::EndOfInput;
      if (lines != 0)
        frame.problem = "the input ended inside a message header";
      return frame;
    }
    if (line.empty() && !tooLong) {
      if (lines == 0)
        continue; // blank lines between messages are harmless
      break;
    }
    ++lines;
    if (tooLong || lines > kMaxHeaderLines) {
      problem = "a header line is too long or the header has too many lines";
      break;
    }
    llvm::StringRef text(line);
    auto [name, value] = text.split(':');
    if (name.size() == text.size()) {
      problem = "'" + text.take_front(80).str() + "' is not a header line (expected 'Name: value')";
      break;
    }
    if (!name.trim().equals_insensitive("content-length"))
      continue; // Content-Type and unknown headers are allowed and ignored
    uint64_t parsed = 0;
    if (value.trim().getAsInteger(10, parsed)) {
      problem = "Content-Length '" + value.trim().take_front(40).str() + "' is not a number";
      break;
    }
    length = parsed;
  }
  if (problem.empty() && !length)
    problem = "the header has no Content-Length";
  if (!problem.empty()) {
    frame.kind = Frame::Kind::BadHeader;
    frame.problem = std::move(problem);
    resyncNeeded = true;
    return frame;
  }
  if (*length > maxBody) {
    frame.kind = Frame::Kind::TooLarge;
    frame.problem = "a message of " + std::to_string(*length) +
                    " bytes is larger than the limit of " + std::to_string(maxBody);
    if (!skip(*length)) {
      frame.kind = Frame::Kind::EndOfInput;
      frame.problem = "the input ended inside a message";
    }
    return frame;
  }
  // The body grows as bytes arrive: a false length cannot make the reader allocate it.
  while (buffer.size() - position < *length) {
    if (!fill()) {
      frame.kind = Frame::Kind::EndOfInput;
      frame.problem = "the input ended inside a message";
      position = buffer.size();
      return frame;
    }
  }
  frame.kind = Frame::Kind::Message;
  frame.body.assign(buffer, position, *length);
  position += *length;
  return frame;
}

void writeMessage(llvm::raw_ostream &out, const llvm::json::Value &message) {
  std::string body;
  llvm::raw_string_ostream stream(body);
  stream << message;
  stream.flush();
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

} // namespace policyc::lsp
