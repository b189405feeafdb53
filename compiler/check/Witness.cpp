#include "check/Witness.h"

#include <fmt/format.h>

namespace policyc::check {

using model::VocabularyKind;

namespace {
bool hasAxis(const model::PolicyModel &model, VocabularyKind kind) {
  return model.vocabulary(kind).size() != 0;
}
} // namespace

std::string nodeName(const model::PolicyModel &model, VocabularyKind kind, model::NodeId node) {
  return model.vocabulary(kind)[node].path;
}

std::string describeData(const model::PolicyModel &model, const Point &point) {
  std::string text = nodeName(model, VocabularyKind::Category, point[CategoryAxis]);
  if (hasAxis(model, VocabularyKind::Source))
    text += " from " + nodeName(model, VocabularyKind::Source, point[SourceAxis]);
  return text;
}

std::string describeTuple(const model::PolicyModel &model, const Point &point) {
  std::string text = describeData(model, point);
  if (point[RecipientAxis] == model.usRecipient)
    text += " would be used";
  else
    text += " would reach " + nodeName(model, VocabularyKind::Recipient, point[RecipientAxis]);
  if (hasAxis(model, VocabularyKind::Purpose))
    text += " for " + nodeName(model, VocabularyKind::Purpose, point[PurposeAxis]);
  return text;
}

std::string describeCollection(const model::PolicyModel &model, const Point &point) {
  std::string text = nodeName(model, VocabularyKind::Category, point[CategoryAxis]);
  text += " would be collected";
  if (hasAxis(model, VocabularyKind::Source))
    text += " from " + nodeName(model, VocabularyKind::Source, point[SourceAxis]);
  return text;
}

std::string describeLink(const model::PolicyModel &model, const Point &point) {
  std::string text = fmt::format("{} would be linked with {}",
                                 nodeName(model, VocabularyKind::Category, point[CategoryAxis]),
                                 nodeName(model, VocabularyKind::Category, point[LinkedAxis]));
  if (hasAxis(model, VocabularyKind::Source))
    text += " (data from " + nodeName(model, VocabularyKind::Source, point[SourceAxis]) + ")";
  return text;
}

std::string ruleSpelling(const model::Rule &rule) {
  std::string verb = model::ruleKeyword(rule.kind).str();
  return rule.prohibition ? "never " + verb : verb;
}

std::string clauseSpelling(const model::SelectorList &list) {
  std::string text;
  for (const model::Selector &selector : list.selectors) {
    if (!text.empty())
      text += ", ";
    text += selector.spelling;
  }
  return text.empty() ? std::string("*") : text;
}

std::string describePeriod(const model::PolicyModel &model, const model::Retention &retention) {
  auto event = [&]() -> std::string {
    if (retention.event == model::kNone || retention.event >= model.events.size())
      return "";
    return model.events[retention.event].name;
  };
  switch (retention.kind) {
  case model::RetentionKind::For: {
    std::string text = "for " + (retention.length ? retention.length->str() : std::string("?"));
    if (retention.event != model::kNone)
      text += " after " + event();
    return text;
  }
  case model::RetentionKind::Within: {
    std::string text = "within " + (retention.length ? retention.length->str() : std::string("?"));
    if (retention.event != model::kNone)
      text += " after " + event();
    return text;
  }
  case model::RetentionKind::Until:
    return "until " + event();
  case model::RetentionKind::While:
    return "while " + event();
  case model::RetentionKind::AsNeeded:
    return "as needed for " + clauseSpelling(retention.purposes);
  }
  return "";
}

} // namespace policyc::check

namespace policyc::check {

namespace {
struct AxisWords {
  model::VocabularyKind vocabulary;
  llvm::StringLiteral plural;  ///< "sources"
  llvm::StringLiteral keyword; ///< the clause keyword: "from"; empty when always written
  const model::SelectorList model::Rule::*clause;
};

AxisWords axisWords(const model::Rule &rule, unsigned axis) {
  bool link = rule.linked.written;
  switch (axis) {
  case CategoryAxis:
    return {VocabularyKind::Category, "categories", "", &model::Rule::categories};
  case SourceAxis:
    return {VocabularyKind::Source, "sources", "from", &model::Rule::sources};
  case PurposeAxis:
    if (link)
      return {VocabularyKind::Category, "linked categories", "", &model::Rule::linked};
    return {VocabularyKind::Purpose, "purposes", "for", &model::Rule::purposes};
  default:
    return {VocabularyKind::Recipient, "recipients", "to", &model::Rule::recipients};
  }
}
} // namespace

std::string narrowingHint(const model::PolicyModel &model, const model::Rule &rule,
                          const Box &ruleBox, const Box &otherBox, const Point &witness,
                          llvm::StringRef otherSpelling, std::optional<unsigned> &axis) {
  std::string verb = ruleSpelling(rule);
  axis.reset();
  // Sources first: "where the data comes from" is the usual carve-out, then purposes.
  for (unsigned candidate : {SourceAxis, PurposeAxis, RecipientAxis, CategoryAxis}) {
    if (otherBox.sets[candidate].containsAll(ruleBox.sets[candidate]))
      continue;
    AxisWords words = axisWords(rule, candidate);
    std::string node = nodeName(model, words.vocabulary, witness[candidate]);
    axis = candidate;
    const model::SelectorList &clause = rule.*words.clause;
    if (!clause.written && !words.keyword.empty())
      return fmt::format("give the '{}' a '{}' clause that leaves out {}, or narrow the '{}'; "
                         "whichever the policy means",
                         verb, words.keyword.str(), node, otherSpelling);
    return fmt::format("leave {} out of the {} of the '{}', or narrow the '{}'; whichever the "
                       "policy means",
                       node, words.plural.str(), verb, otherSpelling);
  }
  return fmt::format("remove the '{}', which '{}' forbids entirely, or narrow the '{}'", verb,
                     otherSpelling, otherSpelling);
}

} // namespace policyc::check
