// Web and e-mail addresses in a policy's text become links; nothing else does.
#include "gen/text/WebLinks.h"

#include <catch2/catch.hpp>

using namespace policyc::gen::text;

namespace {
/// The pieces as "text" or "[text -> href]", joined.
std::string shown(llvm::StringRef text) {
  std::string result;
  std::string joined;
  for (const TextPiece &piece : findWebLinks(text)) {
    joined += piece.text;
    result += piece.isLink() ? "[" + piece.text + " -> " + piece.href + "]" : piece.text;
  }
  CHECK(joined == text.str()); // the pieces give the text back
  return result;
}
} // namespace

TEST_CASE("web and e-mail addresses become links", "[text][links]") {
  CHECK(shown("Write to privacy@acme.example.") ==
        "Write to [privacy@acme.example -> mailto:privacy@acme.example].");
  CHECK(shown("see https://acme.example/privacy?a=1#top, or") ==
        "see [https://acme.example/privacy?a=1#top -> https://acme.example/privacy?a=1#top], or");
  CHECK(shown("(http://acme.example/opt-out)") ==
        "([http://acme.example/opt-out -> http://acme.example/opt-out])");
  CHECK(shown("\"first.last+tag@mail.acme-corp.example\"") ==
        "\"[first.last+tag@mail.acme-corp.example -> "
        "mailto:first.last+tag@mail.acme-corp.example]\"");
  CHECK(shown("https://acme.example/?a=1&b=2") ==
        "[https://acme.example/?a=1&b=2 -> https://acme.example/?a=1&b=2]");
  CHECK(shown("HTTPS://ACME.EXAMPLE") == "[HTTPS://ACME.EXAMPLE -> HTTPS://ACME.EXAMPLE]");
  CHECK(shown("a@b.example and c@d.example") ==
        "[a@b.example -> mailto:a@b.example] and [c@d.example -> mailto:c@d.example]");
}

TEST_CASE("other schemes and doubtful addresses stay text", "[text][links]") {
  for (const char *text : {
           "javascript:alert(1)",
           "JavaScript://acme.example/%0Aalert(1)",
           "data:text/html,<script>alert(1)</script>",
           "vbscript:msgbox(1)",
           "mailto:x@acme.example?subject=<b>", // the scheme is ours to add
           "https://acme.example/\"onmouseover=\"alert(1)",
           "https://acme.example/<script>",
           "https://acme.example/(x)y",
           "https://",
           "https://-",
           "www.acme.example",
           "user@localhost",
           "user@acme.e1",
           "a@@acme.example",
           "@acme.example",
           "name@.example",
           "Inc.",
       }) {
    INFO(text);
    for (const TextPiece &piece : findWebLinks(text))
      CHECK_FALSE(piece.isLink());
  }
}

TEST_CASE("text without addresses is one plain piece", "[text][links]") {
  CHECK(findWebLinks("").empty());
  std::vector<TextPiece> pieces = findWebLinks("We keep it for 30 days.");
  REQUIRE(pieces.size() == 1);
  CHECK(pieces.front().text == "We keep it for 30 days.");
  CHECK_FALSE(pieces.front().isLink());
}
