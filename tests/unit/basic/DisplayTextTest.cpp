// File names and strings from outside as they are shown (basic/DisplayText.h): printable text
// stays as it is, everything that could drive a terminal or hide text is spelled out.
#include "basic/DisplayText.h"

#include <catch2/catch.hpp>

#include <string>

using namespace policyc;

TEST_CASE("display: printable names are shown as they are", "[display]") {
  for (const char *name : {"policy.policy", "dir/a b.policy", "données/politique.policy",
                           "\xe6\x97\xa5\xe6\x9c\xac.policy", "e\xcc\x81t\xc3\xa9.policy", ""}) {
    CHECK(isPrintableText(name));
    CHECK(printableText(name) == name);
  }
}

TEST_CASE("display: control characters, invisible ones and bad bytes are spelled out",
          "[display]") {
  CHECK(printableText("a\n\n# Heading.policy") == "a<U+000A><U+000A># Heading.policy");
  CHECK(printableText("\x1b[31mred.policy") == "<U+001B>[31mred.policy");
  CHECK(printableText("tab\there") == "tab<U+0009>here");
  CHECK(printableText("del\x7f") == "del<U+007F>");
  CHECK(printableText("c1\xc2\x85") == "c1<U+0085>");
  CHECK(printableText("bad\xff.policy") == "bad<FF>.policy");
  CHECK(printableText("cut\xe6\x97") == "cut<E6><97>");
  CHECK(printableText("surrogate\xed\xa0\x80") == "surrogate<ED><A0><80>");
  // Bidirectional overrides and zero-width characters could make a name read as another.
  CHECK(printableText("a\xe2\x80\xae"
                      "b") == "a<U+202E>b");
  CHECK(printableText("a\xe2\x80\x8b"
                      "b") == "a<U+200B>b");
  CHECK(printableText("line\xe2\x80\xa8sep") == "line<U+2028>sep");
  CHECK_FALSE(isPrintableText("a\nb"));
}

TEST_CASE("display: the shown form is printable and does not change when shown again",
          "[display]") {
  std::string every;
  for (int c = 0; c < 256; ++c)
    every.push_back(static_cast<char>(c));
  std::string shown = printableText(every);
  CHECK(isPrintableText(shown));
  CHECK(printableText(shown) == shown);
  CHECK(shown.find('\n') == std::string::npos);
}

TEST_CASE("display: UTF-8 sequence lengths", "[display]") {
  auto length = [](const std::string &text) {
    return utf8SequenceLength(text.data(), text.size());
  };
  CHECK(length("a") == 1);
  CHECK(length("\xc3\xa9") == 2);
  CHECK(length("\xe2\x80\xae") == 3);
  CHECK(length("\xf0\x9f\x98\x80") == 4);
  CHECK(length("\xc0\x80") == 0);         // overlong
  CHECK(length("\xed\xa0\x80") == 0);     // surrogate
  CHECK(length("\xf4\x90\x80\x80") == 0); // above U+10FFFF
  CHECK(length("\xe2\x80") == 0);         // cut short
}
