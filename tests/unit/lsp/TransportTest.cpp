// The base protocol: framing of messages, and what the reader does with input that is not
// framed as it should be.
#include "lsp/Transport.h"

#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <string>

using namespace policyc::lsp;

namespace {
std::string framed(const std::string &body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// Delivers its bytes a few at a time, as a pipe may.
class TrickleSource : public ByteSource {
public:
  TrickleSource(std::string bytes, size_t step) : bytes(std::move(bytes)), step(step) {}
  size_t read(char *into, size_t size) override {
    size_t count = std::min({size, step, bytes.size() - position});
    bytes.copy(into, count, position);
    position += count;
    return count;
  }
  bool ready() override { return true; }

private:
  std::string bytes;
  size_t step;
  size_t position = 0;
};
} // namespace

TEST_CASE("messages are read by their Content-Length, whatever the reads deliver", "[lsp]") {
  std::string input = framed(R"({"a":1})") +
                      "Content-Type: application/vscode-jsonrpc; "
                      "charset=utf-8\r\n" +
                      framed(R"({"b":"\u00e9"})");
  for (size_t step : {1u, 3u, 7u, 4096u}) {
    TrickleSource source(input, step);
    MessageReader reader(source);
    Frame first = reader.next();
    REQUIRE(first.kind == Frame::Kind::Message);
    CHECK(first.body == R"({"a":1})");
    Frame second = reader.next();
    REQUIRE(second.kind == Frame::Kind::Message);
    CHECK(second.body == R"({"b":"\u00e9"})");
    CHECK(reader.next().kind == Frame::Kind::EndOfInput);
  }
}

TEST_CASE("header names are case-insensitive and a bare LF ends a line", "[lsp]") {
  StringSource source("content-length: 2\n\n{}CONTENT-LENGTH:3\r\n\r\n[1]");
  MessageReader reader(source);
  CHECK(reader.next().body == "{}");
  CHECK(reader.next().body == "[1]");
}

TEST_CASE("a bad header is reported and reading resumes at the next message", "[lsp]") {
  std::string input = "Content-Length: twelve\r\n\r\n{\"x\":1}" + framed("{}") +
                      "garbage without a colon\r\n\r\n" + framed("[2]") + "X-Other: 1\r\n\r\n" +
                      framed("[3]");
  StringSource source(input);
  MessageReader reader(source);
  Frame bad = reader.next();
  CHECK(bad.kind == Frame::Kind::BadHeader);
  CHECK(bad.problem.find("twelve") != std::string::npos);
  CHECK(reader.next().body == "{}");
  Frame garbage = reader.next();
  CHECK(garbage.kind == Frame::Kind::BadHeader);
  CHECK(reader.next().body == "[2]");
  Frame missing = reader.next();
  CHECK(missing.kind == Frame::Kind::BadHeader);
  CHECK(missing.problem == "the header has no Content-Length");
  CHECK(reader.next().body == "[3]");
  CHECK(reader.next().kind == Frame::Kind::EndOfInput);
}

TEST_CASE("an overlong header line and a body over the limit are refused", "[lsp]") {
  StringSource longLine(std::string(5000, 'x') + "\r\n\r\n" + framed("{}"));
  MessageReader lineReader(longLine);
  CHECK(lineReader.next().kind == Frame::Kind::BadHeader);
  CHECK(lineReader.next().body == "{}");

  StringSource large(framed(std::string(100, ' ')) + framed("{}"));
  MessageReader limited(large, /*maxBody=*/50);
  Frame tooLarge = limited.next();
  CHECK(tooLarge.kind == Frame::Kind::TooLarge);
  CHECK(limited.next().body == "{}");
}

TEST_CASE("input that ends inside a message ends the stream without a message", "[lsp]") {
  StringSource body("Content-Length: 10\r\n\r\n{\"a\"");
  MessageReader bodyReader(body);
  Frame frame = bodyReader.next();
  CHECK(frame.kind == Frame::Kind::EndOfInput);
  CHECK(frame.problem == "the input ended inside a message");

  StringSource header("Content-Length: 10\r\n");
  MessageReader headerReader(header);
  CHECK(headerReader.next().kind == Frame::Kind::EndOfInput);

  // A false length far beyond what arrives costs no memory up front.
  StringSource huge("Content-Length: 500000000\r\n\r\n{}");
  MessageReader hugeReader(huge);
  CHECK(hugeReader.next().kind == Frame::Kind::EndOfInput);
}

TEST_CASE("writeMessage frames a JSON value", "[lsp]") {
  std::string out;
  llvm::raw_string_ostream stream(out);
  writeMessage(stream, llvm::json::Object{{"jsonrpc", "2.0"}, {"id", 1}});
  CHECK(out == "Content-Length: 24\r\n\r\n{\"id\":1,\"jsonrpc\":\"2.0\"}");
}
