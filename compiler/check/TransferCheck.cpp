// Class 7: recipients and transfers.
//
// - A processor acts on our behalf only (GDPR Art. 28(3)(a)): a disclosure to a processor for
//   a purpose that we do not pursue ourselves for that data (no `collect` or `use` of ours
//   covers the same category, source and purpose) lets the processor use the data for its
//   own ends, which makes it a third party in fact. Only data that some `collect` gathers
//   counts: what is never collected from a source never reaches anyone (the declaration
//   pass reports a disclosure of data never collected at all).
// - Personal data that goes to a recipient declared `abroad` needs a transfer framework that
//   is valid on the policy's `effective` date (model/Registry.def has the windows: Safe
//   Harbor until 2015-10-06, Privacy Shield 2016-07-12 to 2020-07-16, the Data Privacy
//   Framework from 2023-07-10; standard contractual clauses, binding corporate rules and
//   adequacy decisions have none).
#include "check/CheckContext.h"
#include "check/Coverage.h"
#include "check/Witness.h"

#include <fmt/format.h>

#include <algorithm>

namespace policyc::check {

using model::VocabularyKind;

namespace {
void checkProcessorPurposes(CheckContext &context, const model::Effect &permit) {
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = *permit.rule;
  Box processed = permit.members;
  processed.sets[RecipientAxis] = processed.sets[RecipientAxis].intersect(context.processors);
  if (processed.empty())
    return;
  // Our own purposes for this data: permits whose tuples include `us`.
  Box ours = processed;
  ours.sets[RecipientAxis] = model::NodeSet::range(model.usRecipient, model.usRecipient);
  bool coveredByOne = false;
  std::vector<const Box *> covers =
      coversOf(context.tuplePermits, ours, processed, 3, coveredByOne);
  if (coveredByOne)
    return;
  // Only data we collect can reach the processor: look for the purpose it gets beyond ours
  // within each collection of that data.
  std::optional<Point> witness;
  Box data = processed;
  data.sets[PurposeAxis] = unusedAxis();
  data.sets[RecipientAxis] = unusedAxis();
  for (uint32_t entry : context.collectPermits.overlapping(data)) {
    const Box &collected = context.collectPermits.box(entry);
    Box target = processed;
    target.sets[CategoryAxis] = target.sets[CategoryAxis].intersect(collected.sets[CategoryAxis]);
    target.sets[SourceAxis] = target.sets[SourceAxis].intersect(collected.sets[SourceAxis]);
    witness = findUncovered(target, covers, context.tupleAxes, 3);
    if (witness)
      break;
  }
  if (!witness)
    return;
  model::NodeId processor = (*witness)[RecipientAxis];
  model::NodeId origin = context.recipientKindOrigin(processor);
  std::string processorName = nodeName(model, VocabularyKind::Recipient, processor);
  std::string fix =
      model.purposes().size() != 0
          ? "disclose to " + processorName +
                " only for purposes we pursue ourselves (or add 'use " +
                describeData(model, *witness) + " for " +
                nodeName(model, VocabularyKind::Purpose, (*witness)[PurposeAxis]) +
                ";'), or declare the recipient a third_party"
          : "disclose to " + processorName +
                " only data we collect ourselves, or declare the recipient a third_party";
  context.findings
      .report(rule.info.id, rule.info.range, diag::err_processor_own_purpose, processorName,
              describeTuple(model, *witness))
      .witness(*witness)
      .note(model.recipients()[origin].range, diag::note_declared_processor,
            model.recipients()[origin].path)
      .note(context.clauseRange(rule, PurposeAxis), diag::note_fix, fix);
}

bool validOn(model::Framework framework, const model::Date &date) {
  model::FrameworkValidity validity = model::frameworkValidity(framework);
  if (!validity.validFrom.empty()) {
    auto from = model::Date::parseIso(validity.validFrom);
    if (from && date < *from)
      return false;
  }
  if (!validity.validUntil.empty()) {
    auto until = model::Date::parseIso(validity.validUntil);
    if (until && !(date < *until))
      return false;
  }
  return true;
}

bool hasWindow(model::Framework framework) {
  model::FrameworkValidity validity = model::frameworkValidity(framework);
  return !validity.validFrom.empty() || !validity.validUntil.empty();
}

std::string windowWords(model::Framework framework) {
  model::FrameworkValidity validity = model::frameworkValidity(framework);
  if (validity.validFrom.empty() && validity.validUntil.empty())
    return "at any date";
  if (validity.validUntil.empty())
    return fmt::format("from {}", validity.validFrom.str());
  if (validity.validFrom.empty())
    return fmt::format("until {} (exclusive)", validity.validUntil.str());
  return fmt::format("from {} until {} (exclusive)", validity.validFrom.str(),
                     validity.validUntil.str());
}

void checkTransfer(CheckContext &context, const model::Effect &permit) {
  const model::PolicyModel &model = context.model;
  const model::Rule &rule = *permit.rule;
  Box abroad = permit.members;
  abroad.sets[RecipientAxis] = abroad.sets[RecipientAxis].intersect(context.abroadRecipients);
  abroad.sets[CategoryAxis] = abroad.sets[CategoryAxis].intersect(context.identifyingCategories);
  if (abroad.empty())
    return;
  Point witness = context.tupleWitness(abroad);
  model::NodeId recipient = witness[RecipientAxis];
  std::string words = describeTuple(model, witness) + ", and " +
                      nodeName(model, VocabularyKind::Recipient, recipient) + " is abroad";
  const model::VocabularyNode &abroadOrigin = model.recipients()[context.flagOrigin(
      VocabularyKind::Recipient, recipient, model::NodeFlag::Abroad)];
  llvm::SMRange declaredAbroad = abroadOrigin.range;
  std::string recipientName = abroadOrigin.path;
  const model::PolicyInfo &policy = model.policy;

  if (policy.frameworks.empty()) {
    context.findings
        .report(rule.info.id, rule.info.range, diag::err_transfer_without_framework, words)
        .witness(witness)
        .note(declaredAbroad, diag::note_declared_abroad, recipientName)
        .note(policy.present ? policy.range : rule.info.range, diag::note_fix,
              "add 'transfers under standard_contractual_clauses;' (or another framework "
              "valid on the effective date) to the policy header");
    return;
  }
  if (!policy.effective) {
    std::string dated;
    for (const model::FrameworkRef &ref : policy.frameworks) {
      if (!hasWindow(ref.framework))
        return; // valid whatever the date
      if (!dated.empty())
        dated += ", ";
      dated += model::spelling(ref.framework).str();
    }
    context.findings
        .report(rule.info.id, rule.info.range, diag::warn_transfer_without_effective_date, dated,
                words)
        .witness(witness)
        .note(declaredAbroad, diag::note_declared_abroad, recipientName)
        .note(policy.present ? policy.range : rule.info.range, diag::note_fix,
              "add 'effective YYYY-MM-DD;' to the policy header");
    return;
  }
  for (const model::FrameworkRef &ref : policy.frameworks)
    if (validOn(ref.framework, *policy.effective))
      return;
  auto finding =
      context.findings.report(rule.info.id, rule.info.range, diag::err_transfer_framework_invalid,
                              policy.effective->iso(), words);
  finding.witness(witness);
  for (const model::FrameworkRef &ref : policy.frameworks)
    finding.note(ref.range, diag::note_framework_validity, model::spelling(ref.framework),
                 windowWords(ref.framework));
  finding.note(declaredAbroad, diag::note_declared_abroad, recipientName);
  std::string suggestion;
  for (size_t i = 0; i < model::registrySize<model::Framework>(); ++i) {
    auto framework = static_cast<model::Framework>(i);
    if (hasWindow(framework) && validOn(framework, *policy.effective) &&
        model::spelling(framework).find("swiss") == llvm::StringRef::npos) {
      suggestion = model::spelling(framework).str();
      break;
    }
  }
  if (suggestion.empty())
    suggestion = "standard_contractual_clauses";
  finding.note(policy.frameworks.front().range, diag::note_fix,
               "name a framework valid on " + policy.effective->iso() + ", e.g. 'transfers under " +
                   suggestion + "'");
}
} // namespace

void checkRecipientsAndTransfers(CheckContext &context) {
  bool processors = !context.processors.empty();
  bool abroad = !context.abroadRecipients.empty();
  if (!processors && !abroad)
    return;
  // Our own use goes to `us`, which is neither a processor nor abroad: only disclosures meet
  // these recipients.
  for (const model::Effect *permit : context.effects.permitting(model::Relation::Tuple)) {
    if (processors)
      checkProcessorPurposes(context, *permit);
    if (abroad)
      checkTransfer(context, *permit);
  }
}

} // namespace policyc::check
