// Positions in UTF-16 code units (the protocol's default), UTF-8 and UTF-32, and URIs.
#include "lsp/Positions.h"
#include "lsp/Uri.h"

#include <catch2/catch.hpp>

using namespace policyc::lsp;

TEST_CASE("columns count UTF-16 code units by default", "[lsp]") {
  // "é" is 2 bytes and 1 unit; "𝄞" (U+1D11E) is 4 bytes and 2 units.
  std::string text = "ab\n\xC3\xA9x\xF0\x9D\x84\x9Ey\r\nlast";
  LineTable lines(text);
  REQUIRE(lines.lineCount() == 3);
  CHECK(lines.position(3, PositionEncoding::Utf16) == Position{1, 0});
  CHECK(lines.position(5, PositionEncoding::Utf16) == Position{1, 1});  // x
  CHECK(lines.position(10, PositionEncoding::Utf16) == Position{1, 4}); // y
  CHECK(lines.position(10, PositionEncoding::Utf8) == Position{1, 7});
  CHECK(lines.position(10, PositionEncoding::Utf32) == Position{1, 3});
  CHECK(lines.offset({1, 4}, PositionEncoding::Utf16) == 10);
  CHECK(lines.offset({1, 3}, PositionEncoding::Utf32) == 10);
  CHECK(lines.offset({1, 7}, PositionEncoding::Utf8) == 10);
  CHECK(lines.position(13, PositionEncoding::Utf16) == Position{2, 0});
}

TEST_CASE("positions beyond a line or the text are clamped as the protocol says", "[lsp]") {
  std::string text = "one\r\ntwo\rthree";
  LineTable lines(text);
  REQUIRE(lines.lineCount() == 3); // a lone CR ends a line, as the compiler reads it
  CHECK(lines.offset({0, 99}, PositionEncoding::Utf16) == 3); // before "\r\n"
  CHECK(lines.offset({1, 99}, PositionEncoding::Utf16) == 8); // before "\r"
  CHECK(lines.offset({7, 0}, PositionEncoding::Utf16) == text.size());
  CHECK(lines.position(text.size(), PositionEncoding::Utf16) == Position{2, 5});
}

TEST_CASE("file URIs map to paths and back", "[lsp]") {
  CHECK(pathFromUri("file:///home/a/b%20c.policy") == "/home/a/b c.policy");
  CHECK(pathFromUri("file://localhost/x") == "/x");
  CHECK(pathFromUri("FILE:///x#frag") == "/x");
  CHECK_FALSE(pathFromUri("untitled:Untitled-1"));
  CHECK_FALSE(pathFromUri("file://server/share/x"));
  CHECK_FALSE(pathFromUri("file:///bad%2"));
  CHECK_FALSE(pathFromUri("file:///nul%00"));
  CHECK(uriFromPath("/home/a/b c#1.policy") == "file:///home/a/b%20c%231.policy");
  CHECK(pathFromUri(uriFromPath("/tmp/\xC3\xA9t\xC3\xA9/x.policy")) ==
        "/tmp/\xC3\xA9t\xC3\xA9/x.policy");
}
