// Regulation profiles (--profile=gdpr, --profile=ccpa): what the law requires a privacy
// notice to contain, and the longest deadline it allows for answering a request.
//
// GDPR (Regulation (EU) 2016/679): controller identity and contact (Art. 13(1)(a)), a legal
// basis for every purpose (Art. 13(1)(c)), a retention period (Art. 13(2)(a)), the recipients
// (Art. 13(1)(e)), the rights of Art. 15-18, 20, 21 and 77 (Art. 13(2)(b), (d)), withdrawal
// of consent where processing rests on it (Art. 13(2)(c)); requests answered within one month
// (Art. 12(3)).
// CCPA as amended by the CPRA (Cal. Civ. Code 1798.100-199.100): the business and how to
// reach it (1798.130(a)(1)), retention per category (1798.100(a)(3)), the categories of
// third parties (1798.110(c)(4)), the rights to know, delete, correct and not be
// discriminated against, to opt out of sale or sharing where personal information goes to
// third parties, and to limit the use of sensitive personal information where it is
// collected; requests answered within 45 days (1798.130(a)(2)).
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

#include <fmt/format.h>

namespace policyc::check {

using model::Right;

namespace {
/// When a law grants a right only in some situations.
enum class When : uint8_t { Always, ConsentUsed, ThirdPartyDisclosure, SensitiveCollected };

struct RequiredRight {
  Right right;
  Right alternative; ///< also satisfies the requirement (same as `right` when none)
  llvm::StringLiteral article;
  When when;
};

constexpr RequiredRight kGdprRights[] = {
    {Right::access, Right::access, "Art. 15", When::Always},
    {Right::rectification, Right::rectification, "Art. 16", When::Always},
    {Right::erasure, Right::erasure, "Art. 17", When::Always},
    {Right::restriction, Right::restriction, "Art. 18", When::Always},
    {Right::portability, Right::portability, "Art. 20", When::Always},
    {Right::objection, Right::objection, "Art. 21", When::Always},
    {Right::withdraw_consent, Right::withdraw_consent, "Art. 7(3)", When::ConsentUsed},
    {Right::complaint, Right::complaint, "Art. 77", When::Always},
};

constexpr RequiredRight kCcpaRights[] = {
    {Right::know, Right::access, "Cal. Civ. Code 1798.110", When::Always},
    {Right::erasure, Right::erasure, "Cal. Civ. Code 1798.105", When::Always},
    {Right::rectification, Right::rectification, "Cal. Civ. Code 1798.106", When::Always},
    {Right::opt_out_of_sale, Right::opt_out_of_sale, "Cal. Civ. Code 1798.120",
     When::ThirdPartyDisclosure},
    {Right::limit_sensitive_use, Right::limit_sensitive_use, "Cal. Civ. Code 1798.121",
     When::SensitiveCollected},
    {Right::non_discrimination, Right::non_discrimination, "Cal. Civ. Code 1798.125", When::Always},
};

struct ProfileRules {
  model::Duration maxDeadline;
  llvm::ArrayRef<RequiredRight> rights;
  bool basisRequired;
};

ProfileRules rulesFor(Profile profile) {
  switch (profile) {
  case Profile::Gdpr:
    return {{1, model::DurationUnit::Months}, kGdprRights, true};
  case Profile::Ccpa:
    return {{45, model::DurationUnit::Days}, kCcpaRights, false};
  }
  llvm_unreachable("unknown profile");
}

/// Where findings about the policy as a whole point: its header, else its first statement.
llvm::SMRange policyAnchor(const model::PolicyModel &model) {
  if (model.policy.present)
    return model.policy.range;
  uint32_t best = UINT32_MAX;
  llvm::SMRange range;
  auto consider = [&](const model::StatementInfo &info) {
    if (info.id < best) {
      best = info.id;
      range = info.range;
    }
  };
  if (!model.rules.empty())
    consider(model.rules.front().info);
  if (!model.retentions.empty())
    consider(model.retentions.front().info);
  if (!model.rights.empty())
    consider(model.rights.front().info);
  if (!model.notices.empty())
    consider(model.notices.front().info);
  if (!model.protections.empty())
    consider(model.protections.front().info);
  if (!model.notes.empty())
    consider(model.notes.front().info);
  return range;
}

/// Facts that decide whether a conditional right is required.
struct Situation {
  bool consentUsed = false;
  bool thirdPartyDisclosure = false;
  bool sensitiveCollected = false;
};

Situation situationOf(const CheckContext &context) {
  Situation situation;
  situation.consentUsed = !context.model.consents.empty();
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Collect)) {
    if (!permit->consents.empty())
      situation.consentUsed = true;
    if (permit->members.sets[CategoryAxis].intersects(context.sensitiveCategories))
      situation.sensitiveCollected = true;
  }
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Tuple)) {
    const Box &box = permit->members;
    if (!permit->consents.empty() || box.sets[PurposeAxis].intersects(context.consentPurposes))
      situation.consentUsed = true;
    if (box.sets[RecipientAxis].intersects(context.thirdParties) &&
        box.sets[CategoryAxis].intersects(context.identifyingCategories))
      situation.thirdPartyDisclosure = true;
  }
  return situation;
}

bool applies(When when, const Situation &situation) {
  switch (when) {
  case When::Always:
    return true;
  case When::ConsentUsed:
    return situation.consentUsed;
  case When::ThirdPartyDisclosure:
    return situation.thirdPartyDisclosure;
  case When::SensitiveCollected:
    return situation.sensitiveCollected;
  }
  return true;
}

void checkHeader(CheckContext &context, llvm::StringRef law, llvm::SMRange anchor) {
  const model::PolicyInfo &policy = context.model.policy;
  if (policy.controller.empty())
    context.findings.report(0, anchor, diag::err_profile_missing_header_field, law, "identity",
                            "controller \"...\";");
  if (policy.contacts.empty())
    context.findings.report(0, anchor, diag::err_profile_missing_header_field, law,
                            "contact details", "contact email \"...\";");
}

void checkBases(CheckContext &context, llvm::StringRef law) {
  const model::Vocabulary &purposes = context.model.purposes();
  for (model::NodeId id = 0; id < purposes.size(); ++id) {
    const model::VocabularyNode &node = purposes[id];
    if (node.basis)
      continue;
    // Children inherit a basis, so a basis on the topmost node without one fixes its subtree.
    if (node.parent != model::kNoNode && !purposes[node.parent].basis)
      continue;
    context.findings.report(0, node.range, diag::err_profile_missing_basis, law, node.path)
        .note(node.range, diag::note_fix,
              "give it one, e.g. 'purpose " + node.name +
                  " basis contract' (consent, contract, legal_obligation, "
                  "legitimate_interest, vital_interest or public_task)");
  }
}

void checkRetentionPeriods(CheckContext &context, llvm::StringRef law) {
  const model::PolicyModel &model = context.model;
  for (uint32_t entry = 0; entry < context.collectPermits.size(); ++entry) {
    const model::Rule &rule = *context.effectAt(context.collectPermits, entry).rule;
    Box collected = context.collectPermits.box(entry);
    // Only personal data: anonymous categories are outside both laws.
    collected.sets[CategoryAxis] =
        collected.sets[CategoryAxis].intersect(context.identifyingCategories);
    if (collected.empty())
      continue;
    bool covered = false;
    std::vector<const Box *> covers = coversOf(context.periods, collected, collected, 2, covered);
    std::optional<Point> witness =
        covered ? std::nullopt : findUncovered(collected, covers, context.dataAxes, 2);
    if (!witness)
      continue;
    std::string data = describeData(model, *witness);
    context.findings
        .report(rule.info.id, rule.info.range, diag::err_profile_missing_retention, law, data)
        .witness(*witness)
        .note(rule.info.range, diag::note_fix,
              "add 'retain " +
                  nodeName(model, model::VocabularyKind::Category, (*witness)[CategoryAxis]) +
                  " for ...;' (or until / while an event)");
  }
}

void checkRecipientsNamed(CheckContext &context, llvm::StringRef law) {
  // How the notice names the recipients of a disclosure, whatever it permits (`external` may
  // have no member at all).
  for (const model::Rule &rule : context.model.rules) {
    if (!rule.isPermit() || !rule.recipients.written)
      continue;
    for (const model::Selector &selector : rule.recipients.selectors) {
      if (selector.kind != model::Selector::Kind::All &&
          selector.kind != model::Selector::Kind::External)
        continue;
      context.findings
          .report(rule.info.id, selector.range, diag::err_profile_unnamed_recipients, law,
                  selector.spelling)
          .note(selector.range, diag::note_fix,
                "name the recipients or their categories, e.g. 'to service_providers, "
                "distributors'");
      break;
    }
  }
}

void checkDeadlines(CheckContext &context, llvm::StringRef law, const model::Duration &max) {
  for (const model::RightStatement &statement : context.model.rights) {
    if (!statement.deadline || statement.deadline->hours() <= max.hours())
      continue;
    std::string rights;
    for (Right right : statement.rights) {
      if (!rights.empty())
        rights += ", ";
      rights += "'" + model::spelling(right).str() + "'";
    }
    context.findings
        .report(statement.info.id, statement.deadlineRange, diag::err_deadline_exceeds_profile,
                statement.deadline->str(), rights, law, max.str())
        .note(statement.deadlineRange, diag::note_fix,
              "promise an answer 'within " + max.str() + "' or sooner");
  }
}

void checkRights(CheckContext &context, llvm::StringRef law, llvm::ArrayRef<RequiredRight> required,
                 const Situation &situation, llvm::SMRange anchor) {
  std::vector<bool> offered(model::registrySize<Right>(), false);
  for (const model::RightStatement &statement : context.model.rights)
    for (Right right : statement.rights)
      offered[static_cast<size_t>(right)] = true;
  for (const RequiredRight &entry : required) {
    if (!applies(entry.when, situation))
      continue;
    if (offered[static_cast<size_t>(entry.right)] ||
        offered[static_cast<size_t>(entry.alternative)])
      continue;
    context.findings.report(0, anchor, diag::err_profile_missing_right, law,
                            model::spelling(entry.right), entry.article);
  }
}
} // namespace

void checkRegulationProfiles(CheckContext &context) {
  if (context.options.profiles.empty())
    return;
  llvm::SMRange anchor = policyAnchor(context.model);
  Situation situation = situationOf(context);
  for (Profile profile : context.options.profiles) {
    llvm::StringRef law = profileName(profile);
    ProfileRules rules = rulesFor(profile);
    checkHeader(context, law, anchor);
    if (rules.basisRequired)
      checkBases(context, law);
    checkRetentionPeriods(context, law);
    checkRecipientsNamed(context, law);
    checkDeadlines(context, law, rules.maxDeadline);
    checkRights(context, law, rules.rights, situation, anchor);
  }
}

} // namespace policyc::check
