// One case per contradiction the claims check found in the text generator as it was before
// it read the model's effects (and per wording problem users reported): the text now says
// what the evaluator decides, and the claim the old sentence made is a contradiction the
// checker reports.
#include "ClaimChecker.h"

#include "gen/text/Renderers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

using namespace policyc;
using gen::text::Claim;

namespace {
constexpr const char *kVocabulary = R"(
policy "Regressions" { controller "Example, Inc."; }
category contact "contact details" { email "e-mail address"; phone "telephone number"; }
category payment "payment information";
category health "health data";
category logs "server logs";
purpose support "answering your questions";
purpose shipping "shipping your order";
purpose marketing "marketing";
recipient partners third_party "our partners";
recipient processor processor "our service provider";
source web "www.example.com" { form "the order form"; chat "the support chat"; }
consent news opt_in "our newsletter" { withdraw via link; }
consent cookies opt_out "cookies" { withdraw via settings "your browser settings"; }
)";

/// The policy's generated text, checked: no contradiction, no sentence without a claim.
test::GeneratedText generated(const std::string &statements) {
  test::GeneratedText text = test::generateText(std::string(kVocabulary) + statements, "r.policy");
  INFO(llvm::join(text.compiled->consumer.entries, "\n"));
  REQUIRE(text.valid());
  test::ClaimChecker checker(*text.evaluator);
  std::vector<test::Contradiction> found = checker.check(text.document);
  std::string report;
  for (const test::Contradiction &contradiction : found)
    report += contradiction.str() + "\n";
  INFO(report);
  CHECK(found.empty());
  CHECK(test::uncoveredSentences(text.document, text.model()).empty());
  return text;
}

/// The Markdown without the trace comments.
std::string markdown(const test::GeneratedText &text) {
  std::string rendered;
  llvm::raw_string_ostream out(rendered);
  gen::text::renderMarkdown(text.document, out);
  out.flush();
  std::string result;
  for (size_t at = 0; at < rendered.size();) {
    size_t open = rendered.find(" <!--", at);
    if (open == std::string::npos) {
      result += rendered.substr(at);
      break;
    }
    result += rendered.substr(at, open - at);
    at = rendered.find("-->", open) + 3;
  }
  return result;
}

/// The claim of the sentence or table entry that contains `piece`.
const Claim *claimOf(const test::GeneratedText &text, llvm::StringRef piece) {
  for (const Claim *claim : test::allClaims(text.document))
    if (llvm::StringRef(claim->sentence).contains(piece))
      return claim;
  return nullptr;
}

model::NodeId node(const test::GeneratedText &text, model::VocabularyKind kind,
                   llvm::StringRef path) {
  std::optional<model::NodeId> id = text.model().vocabulary(kind).find(path);
  REQUIRE(id);
  return *id;
}

/// The contradictions the checker reports for `claim` in `text`.
std::vector<test::Contradiction> contradictions(const test::GeneratedText &text,
                                                const Claim &claim) {
  test::ClaimChecker checker(*text.evaluator);
  return checker.check(claim);
}
} // namespace

TEST_CASE("collect without a purpose is not presented as used for every purpose",
          "[text][claims][regression]") {
  auto text = generated("collect contact from web.form;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains(
      "We collect your contact details (e-mail address and telephone number). This policy "
      "states no purpose for it."));
  CHECK(!llvm::StringRef(md).contains("for any purpose"));
  // The old sentence "... and may use this information for any purpose".
  const Claim *collect = claimOf(text, "We collect your contact details");
  REQUIRE(collect);
  Claim old = *collect;
  old.relation = model::Relation::Tuple;
  old.box.sets[model::PurposeAxis] = text.model().purposes().all();
  old.box.sets[model::RecipientAxis] =
      model::NodeSet::range(text.model().usRecipient, text.model().usRecipient);
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(!found.empty());
  CHECK(
      llvm::StringRef(found.front().problem).startswith("says allowed, but the evaluator denies"));
}

TEST_CASE("'only if you opt in' is said only where the consent is needed",
          "[text][claims][regression]") {
  auto text =
      generated("collect contact.phone from web.form for support;\n"
                "collect contact.phone from web for shipping, support when consent news;\n");
  std::string md = markdown(text);
  // Collecting the phone number through the order form needs no consent.
  CHECK(llvm::StringRef(md).contains(
      "We collect your telephone number for shipping your order and answering your questions "
      "if you have opted in to our newsletter. This policy may allow part of this without that "
      "consent as well."));
  CHECK(!llvm::StringRef(md).contains("only if you have opted in"));
  CHECK(!llvm::StringRef(md).contains("we do not do so until you opt in"));
  CHECK(llvm::StringRef(md).contains("With your consent we collect your telephone number"));
  const Claim *claim = claimOf(text, "if you have opted in to our newsletter");
  REQUIRE(claim);
  CHECK(claim->needed.empty());
  Claim old = *claim; // "only if you have opted in to our newsletter"
  old.needed = old.consents;
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(!found.empty());
  CHECK(found.front().problem.find("says it needs consent news") == 0);
  CHECK(found.front().tuple == "(category contact.phone, source web.form)");
}

TEST_CASE("no opt-in step for what the policy never does", "[text][claims][regression]") {
  auto text = generated("use contact.email for marketing when consent news;\n"
                        "never use contact for marketing;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains(
      "We do not use your e-mail address for marketing, because we never use your contact "
      "details for marketing."));
  CHECK(!llvm::StringRef(md).contains("opt-in"));
  CHECK(!llvm::StringRef(md).contains("### Our newsletter"));
  // The old "This is opt-in: we ask for your consent before we use your e-mail address for
  // marketing, which we never do, and we do not do so until you opt in."
  const Claim *denied = claimOf(text, "We do not use your e-mail address");
  REQUIRE(denied);
  Claim old = *denied;
  old.polarity = Claim::Polarity::Allowed;
  old.consents = old.needed = {0};
  old.exceptions = {old.box};
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(found.size() == 1);
  CHECK(found.front().problem == "says allowed, but its exceptions leave nothing");
}

TEST_CASE("data that is never collected lists no recipients", "[text][claims][regression]") {
  auto text = generated("collect contact from web for support;\n"
                        "disclose contact to partners for marketing;\n"
                        "never collect contact.phone;\n");
  std::string md = markdown(text);
  // Data we never collect has no row; the row of what we collect lists the partners for the
  // part we collect only.
  CHECK(!llvm::StringRef(md).contains("| telephone number"));
  CHECK(llvm::StringRef(md).contains("| contact details | answering your questions | our "
                                     "partners |"));
  const Claim *row = claimOf(text, "contact details: Who else receives it: our partners");
  REQUIRE(row);
  CHECK(!row->box.sets[model::CategoryAxis].contains(
      node(text, model::VocabularyKind::Category, "contact.phone")));
  // The old row listed "our partners" for the telephone number.
  Claim old;
  old.quantifier = Claim::Quantifier::Some;
  old.box.sets = {
      model::NodeSet::range(node(text, model::VocabularyKind::Category, "contact.phone"),
                            node(text, model::VocabularyKind::Category, "contact.phone")),
      text.model().sources().all(), text.model().purposes().all(),
      text.model().recipients().subtree(node(text, model::VocabularyKind::Recipient, "partners"))};
  old.sentence = "telephone number: Who receives it: our partners";
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(found.size() == 1);
  CHECK(found.front().problem == "says some of it is allowed, but the evaluator allows none");
}

TEST_CASE("a recipient is listed only for the data it may receive", "[text][claims][regression]") {
  auto text = generated("collect * from web for support;\n"
                        "disclose * to processor for support;\n"
                        "never disclose payment, health to processor;\n");
  std::string md = markdown(text);
  // One processor, but not a recipient of every category.
  CHECK(llvm::StringRef(md).contains(
      "| contact details | answering your questions | our service provider |"));
  CHECK(llvm::StringRef(md).contains(
      "| payment information | answering your questions | no one outside Example, Inc. |"));
  CHECK(llvm::StringRef(md).contains(
      "| health data | answering your questions | no one outside Example, Inc. |"));
  const Claim *row = claimOf(text, "contact details: Who else receives it: our service provider");
  REQUIRE(row);
  Claim old = *row; // the payment row as it was
  old.box.sets[model::CategoryAxis] =
      text.model().categories().subtree(node(text, model::VocabularyKind::Category, "payment"));
  old.exceptions.clear();
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(found.size() == 1);
  CHECK(found.front().problem == "says some of it is allowed, but the evaluator allows none");
}

TEST_CASE("'no one outside' is said only when no part goes outside", "[text][claims][regression]") {
  auto text = generated("collect contact from web for support;\n"
                        "disclose contact.email to partners for marketing when consent news;\n");
  std::string md = markdown(text);
  // The part that goes outside names its recipient in the row of the whole.
  CHECK(llvm::StringRef(md).contains("| contact details | answering your questions | our "
                                     "partners |"));
  CHECK(!llvm::StringRef(md).contains("no one outside"));
  const Claim *row = claimOf(text, "contact details: Who else receives it: our partners");
  REQUIRE(row);
  Claim old = *row; // "no one outside Example, Inc."
  old.polarity = Claim::Polarity::Denied;
  old.quantifier = Claim::Quantifier::Every;
  old.consents.clear();
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(found.size() == 1);
  CHECK(llvm::StringRef(found.front().tuple).contains("category contact.email"));
  CHECK(llvm::StringRef(found.front().tuple).contains("recipient partners"));
}

TEST_CASE("'we do not disclose' only for what nothing allows", "[text][claims][regression]") {
  auto text = generated("disclose contact to partners for marketing;\n"
                        "never disclose contact.email to partners;\n"
                        "disclose payment to partners for marketing;\n"
                        "never disclose payment from web.form to partners;\n"
                        "never disclose payment from web.chat to partners;\n");
  std::string md = markdown(text);
  // The statements about the partners are listed under one lead-in naming them.
  CHECK(llvm::StringRef(md).contains("To our partners (third parties):"));
  CHECK(llvm::StringRef(md).contains(
      "- We disclose your contact details for marketing, except your e-mail address."));
  // Two prohibitions leave nothing of the payment disclosure between them (the question
  // about all of www.example.com is about its forms too).
  CHECK(llvm::StringRef(md).contains(
      "- We do not disclose your payment information for marketing, because we never "
      "disclose your payment information collected through the order form to our partners "
      "(third parties) and we never disclose your payment information collected through the "
      "support chat to our partners (third parties)."));
  const Claim *contact = claimOf(text, "We disclose your contact details");
  REQUIRE(contact);
  Claim old = *contact; // "We do not disclose your contact details to our partners"
  old.polarity = Claim::Polarity::Denied;
  old.exceptions.clear();
  std::vector<test::Contradiction> found = contradictions(text, old);
  REQUIRE(found.size() == 1);
  CHECK(found.front().tuple ==
        "(category contact.phone, source web, purpose marketing, recipient partners)");
}

TEST_CASE("a retention period is a limit, and the more specific one is an exception",
          "[text][regression]") {
  auto text = generated("collect logs from web for support;\n"
                        "retain logs for 60 days;\n"
                        "retain contact for 1 year;\n"
                        "retain contact.email from web.form for 30 days;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains("We keep your server logs for no longer than 60 days."));
  CHECK(!llvm::StringRef(md).contains("for 60 days"));
  CHECK(llvm::StringRef(md).contains(
      "We keep your contact details for no longer than one year, except your e-mail address "
      "collected through the order form."));
}

TEST_CASE("settings are named as the policy names them", "[text][regression]") {
  auto text = generated("collect logs from web for support when consent cookies;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains("You can opt out at any time in your browser settings."));
  CHECK(!llvm::StringRef(md).contains("account settings"));
}

TEST_CASE("a place named with its own determiner is not called settings", "[text][regression]") {
  auto text = generated("consent prefs opt_out \"preferences\" {\n"
                        "  withdraw via settings \"the Privacy page of our website\";\n"
                        "}\n"
                        "collect logs from web for support when consent prefs;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains(
      "You can opt out at any time through the Privacy page of our website."));
  CHECK(!llvm::StringRef(md).contains("in your settings"));
}

TEST_CASE("collection points are named by what the statement leaves out when that is shorter",
          "[text][regression]") {
  // At most seven words, so the description stays whole (a longer one gets a short name).
  auto text = generated("source app \"our mobile app for Android and iOS\";\n"
                        "collect contact from web.form, web.chat, app for support;\n"
                        "use contact from web.chat, app for marketing;\n"
                        "use contact from web.form, web.chat, app for shipping;\n"
                        "use contact from web.form for support;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains(
      "We use your contact details collected anywhere except through the order form for "
      "marketing."));
  // Every place the data is collected: the clause would tell the reader nothing.
  CHECK(llvm::StringRef(md).contains("We use your contact details for shipping your order."));
  // The list is shorter than what it leaves out.
  CHECK(llvm::StringRef(md).contains(
      "We use your contact details collected through the order form for answering your "
      "questions."));
}

TEST_CASE("members that make up most of a group are named by the group", "[text][regression]") {
  auto text = generated("collect contact from web for support;\n"
                        "use contact.email, contact.phone for marketing;\n"
                        "use contact.email for shipping;\n");
  std::string md = markdown(text);
  CHECK(llvm::StringRef(md).contains("We use your contact details for marketing."));
  // One member alone is named as written.
  CHECK(llvm::StringRef(md).contains("We use your e-mail address for shipping your order."));
}

TEST_CASE("a long collection point is introduced with a short name and called by it afterwards",
          "[text][regression]") {
  auto text = generated("source careers \"the online career center, where an applicant may "
                        "submit his/her resume online\";\n"
                        "source kiosk_terminal \"the self-service kiosk terminals installed in "
                        "all of our retail stores\";\n"
                        "collect contact from careers for support;\n"
                        "collect contact from web.form for shipping;\n"
                        "use contact from careers for support;\n"
                        "retain contact from kiosk_terminal for 30 days;\n");
  std::string md = markdown(text);
  INFO(md);
  // The heading gives the description and the short name, the use sentence only the name.
  CHECK(llvm::StringRef(md).contains("### Through the online career center, where an applicant "
                                     "may submit his/her resume online (“careers”)"));
  CHECK(llvm::StringRef(md).contains("collected through “careers”"));
  // A collection point no heading introduces keeps its description.
  CHECK(!llvm::StringRef(md).contains("“kiosk terminal”"));
}
