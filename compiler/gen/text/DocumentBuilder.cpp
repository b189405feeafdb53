#include "gen/text/DocumentBuilder.h"

#include "gen/text/English.h"
#include "gen/text/Sections.h"

namespace policyc::gen::text {

namespace {
using Builder = std::vector<Block> (*)(const SectionContext &);

/// The builder of a note section, or null for sections that only notes fill.
Builder builderFor(model::NoteSection section) {
  using model::NoteSection;
  switch (section) {
  case NoteSection::intro:
    return buildIntroduction;
  case NoteSection::collection:
    return buildCollection;
  case NoteSection::use:
    return buildUse;
  case NoteSection::disclosure:
    return buildDisclosure;
  case NoteSection::transfers:
    return buildTransfers;
  case NoteSection::tracking:
    return buildTracking;
  case NoteSection::retention:
    return buildRetention;
  case NoteSection::security:
    return buildSecurity;
  case NoteSection::choices:
    return buildChoices;
  case NoteSection::rights:
    return buildRights;
  case NoteSection::changes:
    return buildChanges;
  case NoteSection::contact:
    return buildContact;
  default:
    return nullptr;
  }
}

std::vector<Block> sectionBlocks(const SectionContext &context, model::NoteSection section) {
  std::vector<Block> blocks;
  if (Builder builder = builderFor(section))
    blocks = builder(context);
  for (const model::Note &note : context.model.notes)
    if (note.section == section)
      blocks.push_back(Block::paragraph(plainText(note.text), {context.phrases.trace(note.info)}));
  return blocks;
}

Document assemble(const SectionContext &context, std::vector<Block> glance,
                  llvm::StringRef sourcePath) {
  const model::PolicyModel &model = context.model;
  Document document;
  document.title = model.policy.title.empty() ? std::string("Privacy Policy") : model.policy.title;
  if (model.policy.effective) {
    document.lastUpdated = dateText(*model.policy.effective);
    document.lastUpdatedIso = model.policy.effective->iso();
    document.lastUpdatedTrace = context.phrases.trace(model.policy.effectiveRange);
  }
  document.sourcePath = sourcePath.str();
  document.introduction = sectionBlocks(context, model::NoteSection::intro);

  if (!glance.empty()) {
    std::string title = "At a glance";
    document.sections.push_back(
        Section{kGlanceSection.str(), title, headingSlug(title), std::move(glance)});
  }
  for (size_t i = 0; i < model::registrySize<model::NoteSection>(); ++i) {
    auto section = static_cast<model::NoteSection>(i);
    if (section == model::NoteSection::intro)
      continue;
    std::vector<Block> blocks = sectionBlocks(context, section);
    if (blocks.empty())
      continue;
    std::string title = model::display(section).str();
    document.sections.push_back(
        Section{model::spelling(section).str(), title, headingSlug(title), std::move(blocks)});
  }
  return document;
}
} // namespace

Document buildDocument(const model::PolicyModel &model, const llvm::SourceMgr &sources,
                       llvm::StringRef sourcePath, Layer layer) {
  Phrases phrases(model, sources);
  // The collection section heads every collection point a collect statement names.
  std::vector<model::NodeId> headed;
  for (const model::Rule &rule : model.rules)
    if (rule.kind == model::RuleKind::Collect)
      for (const model::Selector &selector : rule.sources.selectors)
        if (selector.kind == model::Selector::Kind::Node)
          headed.push_back(selector.node);
  phrases.useShortSourceNames(std::move(headed));
  Regions regions(model.effects());
  RuleSentences sentences(phrases, regions);
  Phrases summaryPhrases(model, sources);
  summaryPhrases.useShortNames();
  RuleSentences summarySentences(summaryPhrases, regions);
  SectionContext context{model, phrases, regions, sentences, summarySentences, {}, {},
                         {},    {},      {},      {}};
  for (model::ConsentId id = 0; id < model.consents.size(); ++id)
    context.everyConsent.push_back(id);
  context.trackingCategories = model.categories().withFlag(model::NodeFlag::Tracking);
  context.trackingSources = model.sources().withFlag(model::NodeFlag::Tracking);
  context.anonymousCategories = model.categories().withFlag(model::NodeFlag::Anonymous);
  context.anonymousSources = model.sources().withFlag(model::NodeFlag::Anonymous);
  const std::string shortTitle = "Privacy notice in brief";
  if (layer == Layer::Short) {
    // Alone, the notice names the sections of the full text without linking them.
    Document document = assemble(context, {}, sourcePath);
    document.layerOption = "--layer=short";
    document.introduction.clear();
    document.sections = {Section{kShortSection.str(), shortTitle, headingSlug(shortTitle),
                                 buildShortNotice(context)}};
    return document;
  }
  // The table refers to no section; built once, it is the costliest part of the text.
  std::vector<Block> glance = buildGlance(context);
  // Sections refer to each other by link; a first pass finds which sections there are.
  Document draft = assemble(context, glance, sourcePath);
  for (const Section &section : draft.sections)
    if (auto id = model::lookup<model::NoteSection>(section.id))
      context.anchors.emplace_back(*id, section.anchor);
  Document document = assemble(context, std::move(glance), sourcePath);
  if (layer == Layer::Both) {
    document.sections.insert(document.sections.begin(),
                             Section{kShortSection.str(), shortTitle, headingSlug(shortTitle),
                                     buildShortNotice(context)});
    document.layerOption = "--layer=both";
  }
  return document;
}

} // namespace policyc::gen::text
