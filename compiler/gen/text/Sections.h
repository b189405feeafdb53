// The section builders: each turns the statements behind one question of the policy into
// blocks of text. Notes (`note SECTION "..."`) are appended by the DocumentBuilder, so a
// builder returns only what it generates; an empty result leaves the section out unless a
// note fills it.
#ifndef POLICYC_GEN_TEXT_SECTIONS_H
#define POLICYC_GEN_TEXT_SECTIONS_H

#include "gen/text/Claims.h"
#include "gen/text/Phrases.h"
#include "gen/text/Regions.h"
#include "gen/text/RuleSentences.h"
#include "gen/text/TextDocument.h"

#include <vector>

namespace policyc::gen::text {

struct SectionContext {
  const model::PolicyModel &model;
  const Phrases &phrases;
  const Regions &regions;
  const RuleSentences &sentences;
  /// The same sentences with short names, for "How can I opt in or opt out?", which restates
  /// what the other sections say in full.
  const RuleSentences &summarySentences;
  /// Anchors of the sections the document has, for cross references; a reference to a
  /// section the document leaves out is written without a link.
  std::vector<std::pair<model::NoteSection, std::string>> anchors;
  /// Nodes with an attribute (inherited ones included), computed once per document.
  model::NodeSet trackingCategories;
  model::NodeSet trackingSources;
  model::NodeSet anonymousCategories;
  model::NodeSet anonymousSources;
  /// Every consent of the policy: summaries claim a flow with all of them granted.
  std::vector<model::ConsentId> everyConsent;

  /// The anchor of `section`, or "" when the document has no such section.
  std::string anchor(model::NoteSection section) const;
  /// A link to a section by its title ("“How can I opt in or opt out?”").
  Span reference(model::NoteSection section) const;
  /// Every question of `relation`: every node on each axis it uses.
  model::Box everything(model::Relation relation) const;
};

/// True for a rule about tracking: it names a tracking category or a tracking source.
bool isTrackingRule(const SectionContext &context, const model::Rule &rule);

std::vector<Block> buildIntroduction(const SectionContext &context);
std::vector<Block> buildCollection(const SectionContext &context);
std::vector<Block> buildUse(const SectionContext &context);
std::vector<Block> buildDisclosure(const SectionContext &context);
std::vector<Block> buildTransfers(const SectionContext &context);
std::vector<Block> buildTracking(const SectionContext &context);
std::vector<Block> buildRetention(const SectionContext &context);
std::vector<Block> buildSecurity(const SectionContext &context);
std::vector<Block> buildChoices(const SectionContext &context);
std::vector<Block> buildRights(const SectionContext &context);
std::vector<Block> buildChanges(const SectionContext &context);
std::vector<Block> buildContact(const SectionContext &context);
/// "for 30 days after E", "until E", "for as long as E", "for as long as needed for P".
std::string retentionPeriod(const SectionContext &context, const model::Retention &retention);

/// The "at a glance" table: category x purposes x recipients x retention.
std::vector<Block> buildGlance(const SectionContext &context);
/// The short notice: a few paragraphs, each pointing to its section of the full text.
std::vector<Block> buildShortNotice(const SectionContext &context);

} // namespace policyc::gen::text

#endif
