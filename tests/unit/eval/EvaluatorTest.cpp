// The reference evaluator against docs/semantics.md, one rule of the meaning per case, with
// expectations written by hand from the text (not from the evaluator's output).
#include "TestSupport.h"

#include "eval/Evaluator.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>

using namespace policyc;
using eval::Reason;

namespace {

constexpr const char *kVocabulary = R"(
category contact { email; phone; }
category payment sensitive { card; }
category online anonymous { ip; }
purpose fulfilment basis contract { shipping; billing; }
purpose marketing basis consent { newsletter; promotions; }
recipient carriers processor;
recipient partners third_party { brokers; }
recipient staff internal;
source web { checkout; chat; }
source app;
consent news opt_in { withdraw via link; }
consent stats opt_out { withdraw via settings; }
consent extra opt_in { withdraw via link; }
event closed;
)";

/// A compiled policy with its evaluator and name lookups.
struct Policy {
  explicit Policy(const std::string &statements)
      : compiled(test::compileText(std::string(kVocabulary) + statements)) {
    REQUIRE(compiled->model);
    INFO(llvm::join(compiled->consumer.entries, "\n"));
    REQUIRE(compiled->consumer.entries.empty());
    evaluator = std::make_unique<eval::Evaluator>(*compiled->model);
  }

  model::NodeId node(model::VocabularyKind kind, llvm::StringRef path) const {
    auto id = compiled->model->vocabulary(kind).find(path);
    REQUIRE(id);
    return *id;
  }
  model::NodeId category(llvm::StringRef path) const {
    return node(model::VocabularyKind::Category, path);
  }
  model::NodeId source(llvm::StringRef path) const {
    return node(model::VocabularyKind::Source, path);
  }
  model::NodeId purpose(llvm::StringRef path) const {
    return node(model::VocabularyKind::Purpose, path);
  }
  model::NodeId recipient(llvm::StringRef path) const {
    return node(model::VocabularyKind::Recipient, path);
  }
  eval::ConsentSet consents(std::initializer_list<const char *> names) const {
    eval::ConsentSet set = evaluator->noConsents();
    for (const char *name : names)
      set.set(compiled->model->consentsByName.lookup(name));
    return set;
  }
  eval::Decision use(llvm::StringRef c, llvm::StringRef s, llvm::StringRef p,
                     const eval::ConsentSet &granted) const {
    return evaluator->mayUse(category(c), source(s), purpose(p), granted);
  }
  eval::Decision use(llvm::StringRef c, llvm::StringRef s, llvm::StringRef p) const {
    return use(c, s, p, evaluator->defaultConsents());
  }
  eval::Decision disclose(llvm::StringRef c, llvm::StringRef s, llvm::StringRef r,
                          llvm::StringRef p, const eval::ConsentSet &granted) const {
    return evaluator->mayDisclose(category(c), source(s), recipient(r), purpose(p), granted);
  }
  eval::Decision disclose(llvm::StringRef c, llvm::StringRef s, llvm::StringRef r,
                          llvm::StringRef p) const {
    return disclose(c, s, r, p, evaluator->defaultConsents());
  }

  std::unique_ptr<test::CompiledText> compiled;
  std::unique_ptr<eval::Evaluator> evaluator;
};

/// Statement ids count every statement after the vocabulary: the first is 1.
void expect(const eval::Decision &decision, bool allowed, Reason reason, uint32_t statement) {
  CHECK(decision.allowed == allowed);
  CHECK(eval::reasonName(decision.reason) == eval::reasonName(reason));
  CHECK(decision.statement() == statement);
}

} // namespace

TEST_CASE("nothing is allowed without a statement", "[eval]") {
  Policy policy("use contact for fulfilment;\n");
  expect(policy.use("payment.card", "web", "fulfilment"), false, Reason::NoStatement, 0);
  expect(policy.disclose("contact", "web", "carriers", "fulfilment"), false, Reason::NoStatement,
         0);
}

TEST_CASE("a permit covers the subtrees it names and nothing above them", "[eval]") {
  Policy policy("use contact from web for fulfilment;\nuse payment.card for marketing;\n");
  expect(policy.use("contact.email", "web.checkout", "fulfilment.shipping"), true,
         Reason::Permitted, 1);
  expect(policy.use("contact", "web", "fulfilment"), true, Reason::Permitted, 1);
  expect(policy.use("contact.email", "app", "fulfilment"), false, Reason::NoStatement, 0);
  // Naming payment.card says nothing about payment itself.
  expect(policy.use("payment", "app", "marketing"), false, Reason::NoStatement, 0);
  expect(policy.use("payment.card", "app", "marketing.newsletter"), true, Reason::Permitted, 2);
}

TEST_CASE("use permits our own processing only", "[eval]") {
  Policy policy("use contact for fulfilment;\n");
  expect(policy.use("contact.email", "app", "fulfilment"), true, Reason::Permitted, 1);
  expect(policy.disclose("contact.email", "app", "carriers", "fulfilment"), false,
         Reason::NoStatement, 0);
  expect(policy.disclose("contact.email", "app", "us", "fulfilment"), true, Reason::Permitted, 1);
}

TEST_CASE("collect permits collecting and our use for its purposes", "[eval]") {
  Policy policy("collect contact from web.checkout for fulfilment;\n"
                "collect payment from app;\n");
  const eval::Evaluator &evaluator = *policy.evaluator;
  eval::ConsentSet none = evaluator.noConsents();
  expect(
      evaluator.mayCollect(policy.category("contact.phone"), policy.source("web.checkout"), none),
      true, Reason::Permitted, 1);
  expect(evaluator.mayCollect(policy.category("contact.phone"), policy.source("web"), none), false,
         Reason::NoStatement, 0);
  expect(policy.use("contact.phone", "web.checkout", "fulfilment.billing"), true, Reason::Permitted,
         1);
  expect(policy.use("contact.phone", "web.checkout", "marketing"), false, Reason::NoStatement, 0);
  expect(policy.disclose("contact.phone", "web.checkout", "carriers", "fulfilment"), false,
         Reason::NoStatement, 0);
  // Without `for` the purpose is unspecified: collecting is permitted, using it for anything
  // is not (docs/semantics.md).
  expect(evaluator.mayCollect(policy.category("payment.card"), policy.source("app"), none), true,
         Reason::Permitted, 2);
  expect(policy.use("payment.card", "app", "marketing.promotions"), false, Reason::NoStatement, 0);
  expect(policy.use("payment.card", "app", "fulfilment"), false, Reason::NoStatement, 0);
}

TEST_CASE("disclose permits the recipients named; no from means every source", "[eval]") {
  Policy policy("disclose contact to partners for fulfilment;\n");
  expect(policy.disclose("contact.email", "web.chat", "partners.brokers", "fulfilment.shipping"),
         true, Reason::Permitted, 1);
  expect(policy.disclose("contact.email", "app", "carriers", "fulfilment"), false,
         Reason::NoStatement, 0);
  expect(policy.use("contact.email", "app", "fulfilment"), false, Reason::NoStatement, 0);
}

TEST_CASE("prohibitions win over permits whatever their order", "[eval]") {
  Policy policy("use contact for marketing;\n"
                "never use contact.email for marketing.newsletter;\n"
                "never use contact for marketing;\n"
                "use contact.email for marketing.newsletter;\n");
  // The first prohibition in load order decides.
  expect(policy.use("contact.email", "web", "marketing.newsletter"), false, Reason::Prohibited, 2);
  expect(policy.use("contact.phone", "web", "marketing.promotions"), false, Reason::Prohibited, 3);
}

TEST_CASE("never use binds every recipient; never disclose only those named", "[eval]") {
  Policy policy("disclose * to *;\n"
                "never use payment for marketing;\n"
                "never disclose contact to external for marketing;\n");
  expect(policy.disclose("payment.card", "web", "partners", "marketing.newsletter"), false,
         Reason::Prohibited, 2);
  expect(policy.disclose("payment.card", "web", "us", "marketing.newsletter"), false,
         Reason::Prohibited, 2);
  expect(policy.disclose("contact.email", "web", "carriers", "marketing"), false,
         Reason::Prohibited, 3);
  // `external` leaves out internal recipients: us and staff.
  expect(policy.disclose("contact.email", "web", "staff", "marketing"), true, Reason::Permitted, 1);
  expect(policy.disclose("contact.email", "web", "us", "marketing"), true, Reason::Permitted, 1);
}

TEST_CASE("never collect forbids collecting, using and disclosing", "[eval]") {
  Policy policy("collect * from *;\ndisclose * to *;\nnever collect payment from web.chat;\n");
  const eval::Evaluator &evaluator = *policy.evaluator;
  expect(evaluator.mayCollect(policy.category("payment.card"), policy.source("web.chat"),
                              evaluator.noConsents()),
         false, Reason::Prohibited, 3);
  expect(evaluator.mayCollect(policy.category("payment.card"), policy.source("web.checkout"),
                              evaluator.noConsents()),
         true, Reason::Permitted, 1);
  // `web` as a whole includes web.chat (docs/semantics.md, "Questions about groups").
  expect(evaluator.mayCollect(policy.category("payment.card"), policy.source("web"),
                              evaluator.noConsents()),
         false, Reason::Prohibited, 3);
  expect(policy.use("payment.card", "web.chat", "fulfilment"), false, Reason::Prohibited, 3);
  expect(policy.disclose("payment.card", "web.chat", "carriers", "fulfilment"), false,
         Reason::Prohibited, 3);
}

TEST_CASE("when consent holds only while every listed consent is granted", "[eval]") {
  Policy policy("use contact for marketing when consent news, stats;\n"
                "use contact for marketing.promotions when consent extra;\n"
                "use contact for marketing.promotions;\n");
  expect(policy.use("contact", "web", "marketing.newsletter", policy.consents({"news"})), false,
         Reason::ConsentMissing, 1);
  expect(policy.use("contact", "web", "marketing.newsletter", policy.consents({"news", "stats"})),
         true, Reason::Permitted, 1);
  // Defaults: opt-out `stats` granted, opt-in `news` not.
  expect(policy.use("contact", "web", "marketing.newsletter"), false, Reason::ConsentMissing, 1);
  expect(policy.use("contact", "web", "marketing.newsletter",
                    policy.evaluator->defaultConsents().set(0)),
         true, Reason::Permitted, 1);
  // The first permit whose consents are granted decides, even after a conditional one.
  expect(policy.use("contact", "web", "marketing.promotions", policy.consents({})), true,
         Reason::Permitted, 3);
  expect(policy.use("contact", "web", "marketing.promotions", policy.consents({"extra"})), true,
         Reason::Permitted, 2);
}

TEST_CASE("only forbids other purposes: for everyone on use, for its recipients on disclose",
          "[eval]") {
  Policy policy("use contact.email from web.checkout for fulfilment only;\n"
                "disclose contact.phone to carriers for fulfilment.shipping only;\n"
                "disclose contact to *;\n");
  expect(policy.use("contact.email", "web.checkout", "fulfilment.billing"), true, Reason::Permitted,
         1);
  expect(policy.use("contact.email", "web.checkout", "marketing"), false, Reason::Prohibited, 1);
  expect(policy.disclose("contact.email", "web.checkout", "partners", "marketing"), false,
         Reason::Prohibited, 1);
  // Other data from other sources is not limited.
  expect(policy.disclose("contact.email", "app", "partners", "marketing"), true, Reason::Permitted,
         3);
  expect(policy.disclose("contact.phone", "app", "carriers", "fulfilment.billing"), false,
         Reason::Prohibited, 2);
  expect(policy.disclose("contact.phone", "app", "partners", "marketing"), true, Reason::Permitted,
         3);
}

TEST_CASE("identifying is every category that is not anonymous", "[eval]") {
  Policy policy("use identifying for fulfilment;\n");
  expect(policy.use("payment.card", "app", "fulfilment"), true, Reason::Permitted, 1);
  expect(policy.use("online.ip", "app", "fulfilment"), false, Reason::NoStatement, 0);
}

TEST_CASE("link is symmetric; never link wins", "[eval]") {
  Policy policy("link contact with online from web when consent news;\n"
                "never link payment with online;\n"
                "link * with *;\n");
  const eval::Evaluator &evaluator = *policy.evaluator;
  auto link = [&](const char *a, const char *b, const char *s, const eval::ConsentSet &granted) {
    return evaluator.mayLink(policy.category(a), policy.category(b), policy.source(s), granted);
  };
  expect(link("online.ip", "contact.email", "web.chat", policy.consents({"news"})), true,
         Reason::Permitted, 1);
  expect(link("contact.email", "online.ip", "web.chat", policy.consents({})), true,
         Reason::Permitted, 3);
  expect(link("online", "payment.card", "app", policy.consents({})), false, Reason::Prohibited, 2);
  expect(link("payment", "payment", "app", policy.consents({})), true, Reason::Permitted, 3);
}

TEST_CASE("consentsAt lists the consents of covering permits", "[eval]") {
  Policy policy("use contact for marketing when consent news;\n"
                "use contact.email for marketing when consent extra, news;\n");
  eval::Tuple tuple{policy.category("contact.email"), policy.source("web"),
                    policy.purpose("marketing"), policy.compiled->model->usRecipient};
  std::vector<model::ConsentId> consents = policy.evaluator->consentsAt(tuple);
  CHECK(consents == std::vector<model::ConsentId>{0, 2});
}

TEST_CASE("retention: the most specific period applies", "[eval]") {
  Policy policy("retain contact for 2 years;\n"
                "retain contact.email from web for 30 days after closed;\n"
                "retain * from app while closed;\n"
                "retain payment from app until closed;\n"
                "retain payment as needed for fulfilment.billing;\n");
  const eval::Evaluator &evaluator = *policy.evaluator;
  auto retention = [&](const char *c, const char *s) {
    return evaluator.retention(policy.category(c), policy.source(s));
  };
  CHECK(retention("contact.email", "web.chat").statement->info.id == 2);
  CHECK(retention("contact.email", "web.chat").kind == model::PeriodKind::For);
  CHECK(retention("contact.phone", "web").statement->info.id == 1);
  CHECK(retention("online.ip", "web").kind == model::PeriodKind::None);
  CHECK(retention("online.ip", "app").kind == model::PeriodKind::While);
  // payment from app: `*` from app and `payment` from app; the latter is inside the former.
  CHECK(retention("payment.card", "app").kind == model::PeriodKind::Until);
  CHECK(retention("payment.card", "app").statement->info.id == 4);
  // contact from app: neither `contact` (any source) nor `*` from app is inside the other.
  CHECK(retention("contact.phone", "app").kind == model::PeriodKind::Conflicting);
  CHECK(evaluator.keptAsNeededFor(policy.category("payment.card"), policy.source("web"),
                                  policy.purpose("fulfilment.billing")));
  CHECK_FALSE(evaluator.keptAsNeededFor(policy.category("payment.card"), policy.source("web"),
                                        policy.purpose("fulfilment")));
}

TEST_CASE("retention: overlapping rules with the same period agree", "[eval]") {
  Policy policy("retain contact for 4 weeks;\nretain * from app for 28 days;\n");
  model::RetentionDecision decision =
      policy.evaluator->retention(policy.category("contact.email"), policy.source("app"));
  CHECK(decision.kind == model::PeriodKind::For);
  CHECK(decision.statement->info.id == 1);
}

TEST_CASE("deadlines: the first statement with a duration", "[eval]") {
  Policy policy("right access via email \"a@b.c\";\n"
                "right access, erasure via email \"a@b.c\" within 30 days;\n"
                "notify breach via email;\n");
  model::DeadlineDecision access = policy.evaluator->rightDeadline(model::Right::access);
  REQUIRE(access.statement);
  CHECK(access.statement->id == 2);
  CHECK(access.duration->hours() == 720);
  model::DeadlineDecision portability = policy.evaluator->rightDeadline(model::Right::portability);
  CHECK(portability.statement == nullptr);
  model::DeadlineDecision breach = policy.evaluator->noticeLead(model::NoticeKind::breach);
  REQUIRE(breach.statement);
  CHECK(breach.statement->id == 3);
  CHECK_FALSE(breach.duration);
}

// docs/semantics.md, "Questions about groups": a question about an inner node is about every
// member of its subtree; a prohibition on any member decides it, a permit only when it holds
// for all of them.
TEST_CASE("a question about a group is denied when a member is prohibited", "[eval][groups]") {
  Policy policy("use contact for marketing;\n"
                "never collect contact.email from app;\n");
  // The issue's case: the coarse category escapes no prohibition on its members.
  expect(policy.use("contact", "app", "marketing"), false, Reason::Prohibited, 2);
  expect(policy.use("contact.email", "app", "marketing"), false, Reason::Prohibited, 2);
  expect(policy.use("contact.phone", "app", "marketing"), true, Reason::Permitted, 1);
  expect(policy.use("contact", "web", "marketing"), true, Reason::Permitted, 1);
}

TEST_CASE("groups on every axis: sources, purposes and recipients", "[eval][groups]") {
  Policy policy(
      "disclose contact to partners for marketing;\n"
      "never disclose contact from web.chat to partners.brokers for marketing.newsletter;\n");
  expect(policy.disclose("contact.email", "web.checkout", "partners", "marketing"), true,
         Reason::Permitted, 1);
  // Source group: web includes web.chat.
  expect(policy.disclose("contact.email", "web", "partners.brokers", "marketing.newsletter"), false,
         Reason::Prohibited, 2);
  // Purpose group: marketing includes marketing.newsletter.
  expect(policy.disclose("contact.email", "web.chat", "partners.brokers", "marketing"), false,
         Reason::Prohibited, 2);
  // Recipient group: partners includes partners.brokers.
  expect(policy.disclose("contact.email", "web.chat", "partners", "marketing.newsletter"), false,
         Reason::Prohibited, 2);
  expect(policy.disclose("contact.email", "web.chat", "partners", "marketing.promotions"), true,
         Reason::Permitted, 1);
}

TEST_CASE("a permit decides a group only when it covers every member", "[eval][groups]") {
  Policy policy("use contact.email for marketing;\n"
                "use contact.phone for marketing;\n");
  // Each member is permitted, but the group node `contact` itself is not: no statement is
  // about all of contact.
  expect(policy.use("contact.email", "web", "marketing"), true, Reason::Permitted, 1);
  expect(policy.use("contact", "web", "marketing"), false, Reason::NoStatement, 0);
  // A permit about a purpose leaves its parent group out.
  Policy narrow("use contact for marketing.newsletter;\n");
  expect(narrow.use("contact", "web", "marketing"), false, Reason::NoStatement, 0);
  expect(narrow.use("contact", "web", "marketing.newsletter"), true, Reason::Permitted, 1);
}

TEST_CASE("the purpose limit of `only` reaches groups that extend past it", "[eval][groups]") {
  Policy policy("use contact from web for marketing.newsletter only;\n"
                "use contact for marketing;\n");
  expect(policy.use("contact.email", "web", "marketing.promotions"), false, Reason::Prohibited, 1);
  // `marketing` as a whole includes purposes outside the limit.
  expect(policy.use("contact.email", "web", "marketing"), false, Reason::Prohibited, 1);
  expect(policy.use("contact.email", "web", "marketing.newsletter"), true, Reason::Permitted, 1);
  expect(policy.use("contact.email", "app", "marketing"), true, Reason::Permitted, 2);
}

TEST_CASE("groups in links and in collection", "[eval][groups]") {
  Policy policy("collect contact from web;\n"
                "never collect contact.phone from web.chat;\n"
                "link contact with online;\n"
                "never link contact.email with online.ip;\n");
  const eval::Evaluator &evaluator = *policy.evaluator;
  eval::ConsentSet none = evaluator.noConsents();
  expect(evaluator.mayCollect(policy.category("contact"), policy.source("web.checkout"), none),
         true, Reason::Permitted, 1);
  expect(evaluator.mayCollect(policy.category("contact"), policy.source("web"), none), false,
         Reason::Prohibited, 2);
  expect(evaluator.mayLink(policy.category("contact.phone"), policy.category("online"),
                           policy.source("web"), none),
         true, Reason::Permitted, 3);
  // Both orders of the group meet the prohibited pair.
  expect(evaluator.mayLink(policy.category("contact"), policy.category("online"),
                           policy.source("web"), none),
         false, Reason::Prohibited, 4);
  expect(evaluator.mayLink(policy.category("online"), policy.category("contact"),
                           policy.source("web"), none),
         false, Reason::Prohibited, 4);
}

TEST_CASE("a group whose members fall under different permits is not covered by either",
          "[eval][groups]") {
  // `identifying` is not a union of whole subtrees when an anonymous node sits under an
  // identifying one: no single permit is about every member of `profile`.
  Policy policy("category profile { name; tracking_id anonymous; }\n"
                "use identifying for marketing;\n"
                "use profile.tracking_id for marketing;\n");
  expect(policy.use("profile.name", "web", "marketing"), true, Reason::Permitted, 1);
  expect(policy.use("profile.tracking_id", "web", "marketing"), true, Reason::Permitted, 2);
  expect(policy.use("profile", "web", "marketing"), false, Reason::NoStatement, 0);
}
