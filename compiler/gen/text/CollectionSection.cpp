// What we collect, per collection point: categories with their members, required or optional,
// the purposes, consent conditions, `only` limits, and what we never collect.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <map>

namespace policyc::gen::text {

namespace {
/// The clause as written, the key that groups statements under one collection point.
std::string sourceKey(const model::SelectorList &sources) {
  std::string key;
  for (const model::Selector &selector : sources.selectors) {
    // `from *` says the same as no `from`.
    if (selector.kind == model::Selector::Kind::All)
      return std::string();
    key += selector.spelling + ",";
  }
  return key;
}

/// The heading's collection points, each introduced with the short name later sections use.
std::string introducePoints(const SectionContext &context, const model::SelectorList &sources) {
  std::vector<std::string> names;
  for (const model::Selector &selector : sources.selectors) {
    if (selector.kind != model::Selector::Kind::Node)
      return context.phrases.sources(sources);
    names.push_back(context.phrases.sourceIntroduction(selector.node));
  }
  return joinList(names);
}

std::string necessity(model::Necessity necessity) {
  switch (necessity) {
  case model::Necessity::Required:
    return " Providing this information is required.";
  case model::Necessity::Optional:
    return " Providing this information is optional.";
  case model::Necessity::Unspecified:
    break;
  }
  return std::string();
}

/// What readers must know about the kind of data: anonymous (cannot be traced back to them)
/// or sensitive.
std::string dataKind(const SectionContext &context, const model::Rule &rule) {
  const model::PolicyModel &model = context.model;
  std::string result;
  bool anonymous =
      context.anonymousCategories.containsAll(rule.categories.nodes) ||
      (rule.sources.written && context.anonymousSources.containsAll(rule.sources.nodes));
  if (anonymous)
    result += " This information is anonymous: it cannot be traced back to you.";
  std::vector<std::string> sensitive;
  const model::Vocabulary &categories = model.categories();
  for (const model::Selector &selector : rule.categories.selectors) {
    if (selector.kind != model::Selector::Kind::Node)
      continue;
    if (categories[selector.node].has(model::NodeFlag::Sensitive)) {
      sensitive.push_back(context.phrases.nodeName(model::VocabularyKind::Category, selector.node));
      continue;
    }
    // A member may be sensitive on its own.
    for (model::NodeId id = selector.node + 1; id <= categories[selector.node].last; ++id) {
      if (!categories[id].has(model::NodeFlag::Sensitive))
        continue;
      sensitive.push_back(context.phrases.nodeName(model::VocabularyKind::Category, id));
      id = categories[id].last;
    }
  }
  if (!sensitive.empty())
    result += " We treat " + withYour(joinList(sensitive)) + " as sensitive information.";
  return result;
}
} // namespace

std::vector<Block> buildCollection(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  // Collection points in the order the policy first names them, each with its statements.
  std::vector<const model::SelectorList *> points;
  std::vector<std::vector<const model::Rule *>> statements;
  std::map<std::string, size_t> pointByKey;
  std::vector<Trace> all;
  for (const model::Rule &rule : model.rules) {
    if (rule.kind != model::RuleKind::Collect)
      continue;
    addTrace(all, context.phrases.trace(rule.info));
    auto [found, added] = pointByKey.try_emplace(sourceKey(rule.sources), points.size());
    if (added) {
      points.push_back(&rule.sources);
      statements.emplace_back();
    }
    statements[found->second].push_back(&rule);
  }

  std::vector<Block> blocks;
  if (points.empty())
    return blocks;
  // Collection is denied unless a statement permits it: every question outside the permits
  // described below is denied.
  Sentence lead;
  lead.text = "We collect personal information only as described below.";
  Claim onlyAsDescribed = deniedClaim(model::Relation::Collect,
                                      context.everything(model::Relation::Collect), {}, lead.text);
  for (const model::Effect *permit :
       context.regions.getEffects().permitting(model::Relation::Collect)) {
    onlyAsDescribed.exceptions.push_back(permit->questions);
    addStatement(onlyAsDescribed.statements, permit->statement());
  }
  lead.claims.push_back(std::move(onlyAsDescribed));
  blocks.push_back(Block::paragraph(std::move(lead), std::move(all)));
  SentenceOptions options;
  options.sources = false;
  options.members = true;
  for (size_t i = 0; i < points.size(); ++i) {
    bool everywhere = sourceKey(*points[i]).empty();
    blocks.push_back(Block::subheading(everywhere
                                           ? std::string("Through any of our services")
                                           : "Through " + introducePoints(context, *points[i])));
    for (const model::Rule *rule : statements[i]) {
      Sentence sentence = context.sentences.sentence(*rule, options);
      if (rule->isPermit())
        sentence.text += necessity(rule->necessity) + dataKind(context, *rule);
      blocks.push_back(Block::paragraph(std::move(sentence), context.sentences.traces(*rule)));
    }
  }
  return blocks;
}

} // namespace policyc::gen::text
