// Text from a policy always shows as written: never as markup, never broken UTF-8.
#include "gen/text/Escaping.h"

#include <catch2/catch.hpp>

using namespace policyc::gen::text;

TEST_CASE("HTML escaping covers text and attribute values", "[text][escaping]") {
  CHECK(escapeHtml("<script>alert('x')</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(escapeHtml("Terms & \"Conditions\"") == "Terms &amp; &quot;Conditions&quot;");
  CHECK(escapeHtml("plain") == "plain");
}

TEST_CASE("Markdown escaping neutralises inline markup", "[text][escaping]") {
  CHECK(escapeMarkdown("*bold* _it_ `code` [link](x) <b> a|b ~~s~~") ==
        "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) &lt;b&gt; a\\|b \\~\\~s\\~\\~");
  CHECK(escapeMarkdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(escapeMarkdown("back\\slash") == "back\\\\slash");
  CHECK(escapeMarkdown("AT&T &amp; &#38; &#x26; & co") ==
        "AT&T &amp;amp; &amp;#38; &amp;#x26; & co");
  // URLs stay as written where nothing in them could be markup, so that GitHub links them.
  CHECK(escapeMarkdown("http://example.com/settings_manager.html?a=1&b=2#top") ==
        "http://example.com/settings_manager.html?a=1&b=2#top");
  CHECK(escapeMarkdown("snake_case _edge_ x_") == "snake_case \\_edge\\_ x\\_");
}

TEST_CASE("Markdown escaping neutralises what would start a block", "[text][escaping]") {
  CHECK(escapeMarkdown("# not a heading") == "\\# not a heading");
  CHECK(escapeMarkdown("closing #") == "closing \\#");
  CHECK(escapeMarkdown("- not a list") == "\\- not a list");
  CHECK(escapeMarkdown("+ not a list") == "\\+ not a list");
  CHECK(escapeMarkdown("1. not a list") == "1\\. not a list");
  CHECK(escapeMarkdown("2016) not a list") == "2016\\) not a list");
  CHECK(escapeMarkdown("e-mail, 10.5 GB") == "e-mail, 10.5 GB");
}

TEST_CASE("clean text has no control characters or invalid UTF-8", "[text][escaping]") {
  CHECK(cleanText("line\none\ttab") == "line one tab");
  CHECK(cleanText("a  \r\n  b") == "a b");
  CHECK(cleanText(" padded ") == " padded ");
  CHECK(cleanText("bell\x07") == "bell ");
  CHECK(cleanText("bad \xff byte") == "bad \xEF\xBF\xBD byte");
  CHECK(cleanText("cut \xE2\x80") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(cleanText("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D") ==
        "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  CHECK(cleanText("c1\xC2\x85next") == "c1 next");
}

TEST_CASE("comment text cannot close or split its comment", "[text][escaping]") {
  CHECK(commentText("a-->b") == "a- -_b");
  CHECK(commentText("x--y") == "x- -y");
  CHECK(commentText("a|b") == "a_b");
  CHECK(commentText("policy.policy:12") == "policy.policy:12");
}
