// Every declaration and statement form (tests/unit/parse/Inputs/every-construct.policy) goes
// through the front end without a diagnostic, and the model says what docs/semantics.md says
// it means: DFS numbering, inherited attributes, statement ids, selectors.
#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

using namespace policyc;
using model::NodeId;
using model::VocabularyKind;

namespace {
std::unique_ptr<test::CompiledText> compileEveryConstruct() {
  std::string path =
      std::string(POLICYC_SOURCE_DIR) + "/tests/unit/parse/Inputs/every-construct.policy";
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  auto result = test::compileText((*buffer)->getBuffer(), "every-construct.policy");
  INFO(llvm::join(result->consumer.entries, "\n"));
  REQUIRE(result->consumer.entries.empty());
  REQUIRE(result->model);
  return result;
}

NodeId node(const model::PolicyModel &model, VocabularyKind kind, llvm::StringRef path) {
  auto id = model.vocabulary(kind).find(path);
  INFO(path.str());
  REQUIRE(id);
  return *id;
}
} // namespace

TEST_CASE("every construct passes the front end", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  CHECK(model.policy.present);
  CHECK(model.policy.title == "Example Privacy Policy(concatenated title)");
  CHECK(model.policy.controller == "Example, Inc.");
  REQUIRE(model.policy.effective);
  CHECK(model.policy.effective->iso() == "2016-07-28");
  CHECK(model.policy.contacts.size() == 2);
  CHECK(model.policy.frameworks.size() == 2);
  CHECK(model.policy.certifications == std::vector<std::string>{"TRUSTe Privacy Seal"});
  CHECK(compiled->compilation->getParseStats().llFallbacks == 0);
}

TEST_CASE("vocabularies are numbered in DFS pre-order; a subtree is an interval", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  const model::Vocabulary &categories = model.categories();
  NodeId contact = node(model, VocabularyKind::Category, "contact");
  NodeId phone = node(model, VocabularyKind::Category, "contact.phone");
  NodeId landline = node(model, VocabularyKind::Category, "contact.phone.landline");
  CHECK(contact == 0);
  CHECK(categories[contact].last == landline);
  CHECK(categories[phone].parent == contact);
  CHECK(categories[landline].depth == 2);
  CHECK(categories.isWithin(landline, contact));
  CHECK_FALSE(categories.isWithin(contact, phone));
  // Top-level declarations follow each other in file order.
  CHECK(node(model, VocabularyKind::Category, "payment") == landline + 1);
  // Every node's subtree is [id, last], and its children lie inside it.
  for (NodeId id = 0; id < categories.size(); ++id) {
    if (categories[id].parent == model::kNoNode)
      continue;
    const model::VocabularyNode &parent = categories[categories[id].parent];
    CHECK(categories[id].last <= parent.last);
  }
}

TEST_CASE("attributes are inherited down the tree; a child may override", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  const auto &categories = model.categories();
  CHECK(categories[node(model, VocabularyKind::Category, "payment.credit_card")].has(
      model::Sensitive));
  CHECK(
      categories[node(model, VocabularyKind::Category, "online.ip_address")].has(model::Anonymous));
  CHECK(categories[node(model, VocabularyKind::Category, "online.browser_type")].has(
      model::Tracking));
  CHECK_FALSE(
      categories[node(model, VocabularyKind::Category, "contact.email")].has(model::Sensitive));

  const auto &purposes = model.purposes();
  CHECK(purposes[node(model, VocabularyKind::Purpose, "marketing.newsletter")].basis ==
        model::LegalBasis::consent);
  CHECK(purposes[node(model, VocabularyKind::Purpose, "marketing.promotions")].basis ==
        model::LegalBasis::legitimate_interest);

  const auto &recipients = model.recipients();
  CHECK(recipients[model.usRecipient].builtin);
  CHECK(recipients[model.usRecipient].recipientKind == model::RecipientKind::internal);
  NodeId agents = node(model, VocabularyKind::Recipient, "support_staff.chat_agents");
  CHECK(recipients[agents].recipientKind == model::RecipientKind::internal);
  CHECK(recipients[node(model, VocabularyKind::Recipient, "service_providers")].has(model::Abroad));
  CHECK(
      model.sources()[node(model, VocabularyKind::Source, "website.survey")].has(model::Anonymous));
}

TEST_CASE("groups: identifying and external", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  model::NodeSet identifying = model.identifyingCategories();
  CHECK(identifying.contains(node(model, VocabularyKind::Category, "contact.email")));
  CHECK_FALSE(identifying.contains(node(model, VocabularyKind::Category, "online.ip_address")));
  model::NodeSet external = model.externalRecipients();
  CHECK(external.contains(node(model, VocabularyKind::Recipient, "distributors")));
  CHECK_FALSE(external.contains(model.usRecipient));
  CHECK_FALSE(external.contains(node(model, VocabularyKind::Recipient, "support_staff")));
}

TEST_CASE("statements get ids in order and resolved clauses", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  REQUIRE(!model.rules.empty());
  // Ids count every statement kind together, from 1, in file order.
  CHECK(model.rules.front().info.id == 1);
  uint32_t previous = 0;
  for (const model::Rule &rule : model.rules) {
    CHECK(rule.info.id > previous);
    previous = rule.info.id;
  }
  CHECK(model.statementCount == model.rules.size() + model.retentions.size() + model.rights.size() +
                                    model.notices.size() + model.protections.size() +
                                    model.notes.size());

  const model::Rule &first = model.rules.front();
  CHECK(first.kind == model::RuleKind::Collect);
  CHECK(first.necessity == model::Necessity::Required);
  REQUIRE(first.categories.selectors.size() == 2);
  CHECK(first.categories.selectors[0].spelling == "contact.email");
  CHECK(first.categories.written);
  // A collect permit is ours: its recipients are `us`.
  CHECK(first.recipients.nodes == model::NodeSet::range(model.usRecipient, model.usRecipient));

  // `never use` binds every recipient; an omitted `for` is every purpose.
  const model::Rule *neverUseOnline = nullptr;
  for (const model::Rule &rule : model.rules)
    if (rule.prohibition && rule.kind == model::RuleKind::Use && !rule.purposes.written)
      neverUseOnline = &rule;
  REQUIRE(neverUseOnline);
  CHECK(neverUseOnline->recipients.nodes == model.recipients().all());
  CHECK(neverUseOnline->purposes.nodes == model.purposes().all());

  // `*` and `x.*` name everything and a subtree.
  const model::Rule *star = nullptr;
  for (const model::Rule &rule : model.rules)
    if (!rule.categories.selectors.empty() &&
        rule.categories.selectors[0].kind == model::Selector::Kind::All)
      star = &rule;
  REQUIRE(star);
  CHECK(star->categories.nodes == model.categories().all());
}

TEST_CASE("retention, rights, notices, protections, notes, consents, events", "[sema]") {
  auto compiled = compileEveryConstruct();
  const model::PolicyModel &model = *compiled->model;
  REQUIRE(model.retentions.size() == 5);
  CHECK(model.retentions[0].kind == model::RetentionKind::While);
  CHECK(model.retentions[1].length->hours() == 90 * 24);
  CHECK(model.retentions[2].event == model.eventsByName.lookup("contract_end"));
  CHECK(model.retentions[4].kind == model::RetentionKind::AsNeeded);
  REQUIRE(model.rights.size() == 3);
  CHECK(model.rights[0].rights.size() == 3);
  CHECK(model.rights[0].deadline->str() == "30 days");
  CHECK(model.rights[0].channels[0].address == "privacy@example.com");
  REQUIRE(model.notices.size() == 3);
  CHECK(model.notices[0].notice == model::NoticeKind::policy_change);
  CHECK(model.notices[0].lead->str() == "30 days");
  REQUIRE(model.protections.size() == 2);
  CHECK(model.protections[1].state == model::ProtectionState::AtRest);
  CHECK(model.protections[1].description == "restricted to staff");
  REQUIRE(model.notes.size() == 3);
  CHECK(model.notes[1].text == "Escapes: \"quoted\", back\\slash, tab\t, newline\n, "
                               "unicode \xC3\xA9 and \xF0\x9F\x98\x80.");
  REQUIRE(model.consents.size() == 2);
  CHECK(model.consents[0].optIn);
  CHECK_FALSE(model.consents[1].optIn);
  CHECK(model.consents[0].withdrawals.size() == 3);
  CHECK(model.events.size() == 2);
}
