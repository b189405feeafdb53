// The English wording rules of gen text, one by one.
#include "gen/text/English.h"

#include <catch2/catch.hpp>

using namespace policyc::gen::text;
using policyc::model::Date;
using policyc::model::Duration;
using policyc::model::DurationUnit;

TEST_CASE("lists are joined with commas and a conjunction", "[text][wording]") {
  CHECK(joinList({}) == "");
  CHECK(joinList({"e-mail address"}) == "e-mail address");
  CHECK(joinList({"name", "e-mail address"}) == "name and e-mail address");
  CHECK(joinList({"name", "e-mail address", "phone"}) == "name, e-mail address and phone");
  CHECK(joinList({"by e-mail", "by post"}, "or") == "by e-mail or by post");
  CHECK(joinList({"a", "b", "c", "d"}, "or") == "a, b, c or d");
}

TEST_CASE("list items holding commas are separated by semicolons", "[text][wording]") {
  CHECK(joinList({"contact details (e-mail, phone)", "name", "payment"}) ==
        "contact details (e-mail, phone); name; and payment");
  // Two items need no semicolon: the conjunction already separates them.
  CHECK(joinList({"by post to 1 Main St, Springfield", "by e-mail"}, "or") ==
        "by post to 1 Main St, Springfield or by e-mail");
}

TEST_CASE("small numbers are spelled out", "[text][wording]") {
  CHECK(numberWord(1) == "one");
  CHECK(numberWord(9) == "nine");
  CHECK(numberWord(10) == "10");
  CHECK(numberWord(30) == "30");
}

TEST_CASE("singular and plural", "[text][wording]") {
  CHECK(plural(1, "right", "rights") == "right");
  CHECK(plural(0, "right", "rights") == "rights");
  CHECK(plural(2, "certification", "certifications") == "certifications");
}

TEST_CASE("durations read as English", "[text][wording]") {
  CHECK(durationText(Duration{1, DurationUnit::Months}) == "one month");
  CHECK(durationText(Duration{30, DurationUnit::Days}) == "30 days");
  CHECK(durationText(Duration{24, DurationUnit::Hours}) == "24 hours");
  CHECK(durationText(Duration{1, DurationUnit::Hours}) == "one hour");
  CHECK(durationText(Duration{2, DurationUnit::Weeks}) == "two weeks");
  CHECK(durationText(Duration{1, DurationUnit::Years}) == "one year");
  CHECK(durationText(Duration{10, DurationUnit::Years}) == "10 years");
}

TEST_CASE("dates read day month year", "[text][wording]") {
  CHECK(dateText(Date{2016, 7, 28}) == "28 July 2016");
  CHECK(dateText(Date{2023, 1, 1}) == "1 January 2023");
  CHECK(dateText(Date{1999, 12, 31}) == "31 December 1999");
}

TEST_CASE("noun phrases get 'your' unless they have a determiner", "[text][wording]") {
  CHECK(withYour("e-mail address") == "your e-mail address");
  CHECK(withYour("your name") == "your name");
  CHECK(withYour("the text of your resume") == "the text of your resume");
  CHECK(withYour("Any data") == "Any data");
  CHECK(withYour("anything") == "your anything");
}

TEST_CASE("identifiers become words, headings become GitHub anchors", "[text][wording]") {
  CHECK(identifierWords("postal_address") == "postal address");
  CHECK(identifierWords("opt-out_list") == "opt out list");
  CHECK(headingSlug("What information do we collect?") == "what-information-do-we-collect");
  CHECK(headingSlug("Can I access, correct or delete my information?") ==
        "can-i-access-correct-or-delete-my-information");
  CHECK(headingSlug("At a glance") == "at-a-glance");
}

TEST_CASE("sentences end in exactly one full stop", "[text][wording]") {
  CHECK(endSentence("We keep it") == "We keep it.");
  CHECK(endSentence("We contact Acme, Inc.") == "We contact Acme, Inc.");
  CHECK(endSentence("Really?") == "Really?");
  CHECK(endSentence("trailing  ") == "trailing.");
  CHECK(capitalizeFirst("marketing e-mails") == "Marketing e-mails");
  CHECK(capitalizeFirst("www.example.com") == "Www.example.com");
  CHECK(capitalizeFirst("") == "");
}
