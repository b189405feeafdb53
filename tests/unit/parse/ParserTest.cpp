// The parse stage: the AST it builds, the two-stage parse, recovery after syntax errors, and
// its limits.
#include "TestSupport.h"

#include "parse/Parser.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <catch2/catch.hpp>

#include <string>

using namespace policyc;

namespace {
/// The parse stage alone, on `text`.
struct Parsed {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  std::unique_ptr<DiagnosticEngine> diags;
  std::unique_ptr<ast::TranslationUnit> unit;
  parse::ParseStats stats;

  template <typename T> const T &item(size_t index) const {
    REQUIRE(index < unit->items.size());
    const auto *node = llvm::dyn_cast<T>(unit->items[index].get());
    REQUIRE(node);
    return *node;
  }
  std::string textOf(llvm::SMRange range) const {
    return std::string(range.Start.getPointer(), range.End.getPointer());
  }
};

std::unique_ptr<Parsed> parseText(llvm::StringRef text, parse::ParseLimits limits = {}) {
  auto result = std::make_unique<Parsed>();
  DiagnosticOptions options;
  options.errorLimit = 0;
  result->diags = std::make_unique<DiagnosticEngine>(result->sources, result->consumer, options);
  unsigned id = result->sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "test.policy"), llvm::SMLoc());
  result->unit = parse::parseBuffer(result->sources, id, *result->diags, &result->stats, limits);
  return result;
}
} // namespace

TEST_CASE("a rule statement becomes an AST node with every clause", "[parser]") {
  auto parsed = parseText("collect contact.email, payment.* from website.form required "
                          "for fulfilment only when consent a, b;");
  REQUIRE(parsed->consumer.entries.empty());
  const auto &rule = parsed->item<ast::RuleStmt>(0);
  CHECK(rule.verb == ast::Verb::Collect);
  CHECK_FALSE(rule.never);
  REQUIRE(rule.what.paths.size() == 2);
  CHECK(rule.what.paths[0].spelling() == "contact.email");
  CHECK(rule.what.paths[1].spelling() == "payment.*");
  CHECK(rule.what.paths[1].wildcard);
  CHECK(parsed->textOf(rule.what.paths[0].range) == "contact.email");
  CHECK(parsed->textOf(rule.what.paths[0].segments[1].range) == "email");
  CHECK(parsed->textOf(rule.what.range) == "contact.email, payment.*");
  REQUIRE(rule.sources);
  CHECK(rule.sources->paths[0].spelling() == "website.form");
  CHECK(rule.necessity == ast::Necessity::Required);
  CHECK(rule.only);
  REQUIRE(rule.consents.size() == 2);
  CHECK(rule.consents[1].text == "b");
  CHECK(parsed->textOf(rule.range) ==
        "collect contact.email, payment.* from website.form required for fulfilment only "
        "when consent a, b;");
}

TEST_CASE("never statements, the star and built-in groups", "[parser]") {
  auto parsed = parseText("never disclose * from website to external for marketing;\n"
                          "never link online with identifying;\n"
                          "never collect health;\n");
  REQUIRE(parsed->consumer.entries.empty());
  const auto &disclose = parsed->item<ast::RuleStmt>(0);
  CHECK(disclose.never);
  CHECK(disclose.verb == ast::Verb::Disclose);
  CHECK(disclose.what.paths[0].isStar());
  CHECK(parsed->textOf(disclose.verbRange) == "never disclose");
  REQUIRE(disclose.recipients);
  CHECK(disclose.recipients->paths[0].spelling() == "external");
  const auto &link = parsed->item<ast::RuleStmt>(1);
  CHECK(link.verb == ast::Verb::Link);
  REQUIRE(link.linked);
  CHECK(link.linked->paths[0].spelling() == "identifying");
  CHECK_FALSE(parsed->item<ast::RuleStmt>(2).purposes);
}

TEST_CASE("declarations: header, vocabularies, consents, events, imports", "[parser]") {
  auto parsed = parseText(
      "policy \"A\" \"B\" { controller \"C\"; effective 2016-07-28; contact email \"e\";\n"
      "  transfers under safe_harbor, privacy_shield; certification \"S\"; }\n"
      "category contact sensitive \"details\" { email; phone { mobile; } }\n"
      "purpose marketing basis consent;\n"
      "consent news opt_out \"newsletter\" { withdraw via link, email \"a@b\"; }\n"
      "event closed \"closing\";\n"
      "import \"other.policy\";\n");
  REQUIRE(parsed->consumer.entries.empty());
  const auto &header = parsed->item<ast::PolicyHeader>(0);
  CHECK(header.title.value == "AB");
  REQUIRE(header.fields.size() == 5);
  CHECK(header.fields[1].date.text == "2016-07-28");
  CHECK(header.fields[2].contactKind.text == "email");
  CHECK(header.fields[3].names.size() == 2);
  const auto &category = parsed->item<ast::VocabularyDecl>(1);
  CHECK(category.root.name.text == "contact");
  CHECK(category.root.attributes[0].key.text == "sensitive");
  CHECK(category.root.description->value == "details");
  REQUIRE(category.root.children.size() == 2);
  CHECK(category.root.children[1].children[0].name.text == "mobile");
  const auto &purpose = parsed->item<ast::VocabularyDecl>(2);
  CHECK(purpose.vocabulary == ast::VocabularyKind::Purpose);
  CHECK(purpose.root.attributes[0].value->text == "consent");
  const auto &consent = parsed->item<ast::ConsentDecl>(3);
  REQUIRE(consent.withdrawals.size() == 1);
  CHECK(consent.withdrawals[0].channels.size() == 2);
  CHECK(consent.withdrawals[0].channels[0].kind.text == "link");
  CHECK(consent.withdrawals[0].channels[1].address->value == "a@b");
  CHECK(parsed->item<ast::EventDecl>(4).description->value == "closing");
  CHECK(parsed->item<ast::ImportDecl>(5).target.value == "other.policy");
}

TEST_CASE("retain, right, notify, protect and note", "[parser]") {
  auto parsed = parseText("retain a for 30 days after closed;\n"
                          "retain a until closed;\n"
                          "retain a while active;\n"
                          "retain * as needed for legal;\n"
                          "right access, erasure via email \"x\", web within 1 month;\n"
                          "notify policy_change at least 30 days before via email;\n"
                          "protect a from s at rest with encryption, hashing \"how\";\n"
                          "note security \"a\" \"b\";\n");
  REQUIRE(parsed->consumer.entries.empty());
  const auto &retainFor = parsed->item<ast::RetainStmt>(0);
  CHECK(retainFor.retention == ast::RetentionKind::For);
  CHECK(retainFor.length->amountText == "30");
  CHECK(retainFor.length->unit.text == "days");
  CHECK(retainFor.event->text == "closed");
  CHECK(parsed->item<ast::RetainStmt>(1).retention == ast::RetentionKind::Until);
  CHECK(parsed->item<ast::RetainStmt>(2).retention == ast::RetentionKind::While);
  CHECK(parsed->item<ast::RetainStmt>(3).retention == ast::RetentionKind::AsNeeded);
  const auto &right = parsed->item<ast::RightStmt>(4);
  CHECK(right.rights.size() == 2);
  CHECK(right.channels.size() == 2);
  CHECK(right.deadline->unit.text == "month");
  const auto &notify = parsed->item<ast::NotifyStmt>(5);
  CHECK(notify.notice.text == "policy_change");
  CHECK(notify.lead->amountText == "30");
  const auto &protect = parsed->item<ast::ProtectStmt>(6);
  CHECK(protect.state == ast::ProtectionState::AtRest);
  CHECK(protect.measures.size() == 2);
  CHECK(protect.description->value == "how");
  CHECK(parsed->item<ast::NoteStmt>(7).text.value == "ab");
}

TEST_CASE("contextual keywords are names in every place a name goes", "[parser]") {
  for (const char *word : {"contact", "controller", "effective", "transfers", "under",
                           "certification", "withdraw", "transit", "rest", "least", "needed"}) {
    std::string w = word;
    auto parsed = parseText("category " + w + " { " + w + "; }\nuse " + w + "." + w + ", " + w +
                            ".* for " + w + ";\nretain " + w + " until " + w + ";\n");
    INFO(word);
    CHECK(parsed->consumer.entries.empty());
    CHECK(parsed->unit->items.size() == 3);
  }
}

TEST_CASE("valid input never needs the LL fallback", "[parser]") {
  auto parsed = parseText("category a { b; }\npurpose p basis contract;\nuse a.b for p;\n"
                          "never use a for p;\nretain a for 1 year;\nnote intro \"x\";\n");
  CHECK(parsed->consumer.entries.empty());
  CHECK(parsed->stats.items == 6);
  CHECK(parsed->stats.llFallbacks == 0);
  auto broken = parseText("use a for;\nuse b for p;\n");
  CHECK(broken->stats.llFallbacks == 1);
  CHECK(broken->unit->items.size() == 1);
}

TEST_CASE("recovery: a missing ';' or '}' keeps the item", "[parser]") {
  auto parsed = parseText("category contact { email; phone }\n"
                          "category payment { card;\n"
                          "use contact.email for support\n"
                          "collect contact from website;\n");
  CHECK(parsed->consumer.ids == std::vector<std::string>{"err_expected", "err_expected_rbrace",
                                                         "note_matching_lbrace",
                                                         "err_expected_semi"});
  // All four items are in the AST: the fixes were applied, so no later use is unknown.
  REQUIRE(parsed->unit->items.size() == 4);
  CHECK(parsed->item<ast::VocabularyDecl>(0).root.children.size() == 2);
  CHECK(parsed->item<ast::VocabularyDecl>(1).root.children.size() == 1);
  CHECK(parsed->item<ast::RuleStmt>(2).verb == ast::Verb::Use);
}

TEST_CASE("recovery: an item that cannot be repaired is dropped, the next one parsed", "[parser]") {
  auto parsed = parseText("use contact.email marketing;\nuse a for b;\n");
  CHECK(parsed->consumer.ids == std::vector<std::string>{"err_expected"});
  REQUIRE(parsed->unit->items.size() == 1);
  CHECK(parsed->item<ast::RuleStmt>(0).what.paths[0].spelling() == "a");
}

TEST_CASE("syntax errors name the item and what was expected", "[parser]") {
  auto message = [](llvm::StringRef text) {
    auto parsed = parseText(text);
    REQUIRE(parsed->consumer.entries.size() >= 1);
    return parsed->consumer.entries.front();
  };
  CHECK(message("never retain a;") ==
        "err_expected@1: expected 'collect', 'use', 'disclose' or 'link', found 'retain'");
  CHECK(message("never use a for p") == "err_expected_semi@1: expected ';' after the 'never "
                                        "use' statement");
  CHECK(message("use a..b for p;") == "err_expected@1: expected a name, found '.'");
  CHECK(message("use a.b.*.c for p;") == "err_expected@1: expected 'from' or 'for', found '.'");
  CHECK(message("category for;") ==
        "err_reserved_word@1: 'for' is a reserved word and cannot be used as a name");
  CHECK(message("}") == "err_expected_item@1: expected a declaration or statement, found '}'");
}

TEST_CASE("the nesting limit is injectable", "[parser]") {
  auto shallow = parseText("category a { b { c; } }", {/*maxNestingDepth=*/1, 1000});
  CHECK(shallow->consumer.ids == std::vector<std::string>{"err_nesting_too_deep"});
  auto fits = parseText("category a { b { c; } }", {/*maxNestingDepth=*/2, 1000});
  CHECK(fits->consumer.ids.empty());
  auto longStatement = parseText("use a, b, c for p;\nuse d for p;", {64, 6});
  CHECK(longStatement->consumer.ids == std::vector<std::string>{"err_statement_too_long"});
  CHECK(longStatement->unit->items.size() == 1); // the next statement is still read
}
