#include "gen/text/RuleSentences.h"

#include "gen/text/English.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
/// "A B C" with empty parts left out.
std::string words(std::initializer_list<std::string> parts) {
  std::string result;
  for (const std::string &part : parts) {
    if (part.empty())
      continue;
    if (!result.empty())
      result += ' ';
    result += part;
  }
  return result;
}
} // namespace

std::string RuleSentences::action(const model::Rule &rule, const SentenceOptions &options) const {
  std::string what = phrases.categories(rule.categories, options.members);
  std::string through = options.sources ? phrases.throughSources(rule.sources) : std::string();
  std::string collected = through.empty() ? std::string() : "collected " + through;
  std::string purposes = rule.purposes.written ? phrases.forPurposes(rule.purposes) : std::string();
  switch (rule.kind) {
  case model::RuleKind::Collect:
    return words({"collect", what, through, purposes});
  case model::RuleKind::Use:
    return words({"use", what, collected, purposes});
  case model::RuleKind::Disclose:
    return words({"disclose", what, collected, "to",
                  phrases.recipients(rule.recipients, options.recipientKinds), purposes});
  case model::RuleKind::Link:
    return words({"link", what, "with", phrases.categories(rule.linked), collected});
  }
  llvm_unreachable("unknown rule kind");
}

std::string RuleSentences::onlyLimit(const model::Rule &rule) {
  if (!rule.only || rule.prohibition)
    return std::string();
  if (rule.kind == model::RuleKind::Disclose)
    return "They may not use this information for any other purpose.";
  return "Neither we nor anyone we share this information with may use it for any other "
         "purpose.";
}

std::string RuleSentences::exception(const model::Rule &permit,
                                     const Prohibition &prohibition) const {
  const Box box = Prohibitions::permitBox(permit);
  const model::Rule &rule = *prohibition.rule;
  std::vector<std::string> parts;
  bool sourcesNarrower = !prohibition.box.sources.containsAll(box.sources);
  // Name the data only where the exception is about part of it; "information" carries a
  // source; a purpose or recipient alone needs no noun ("except for marketing").
  if (permit.kind == model::RuleKind::Link) {
    bool categoriesNarrower = !(prohibition.box.categories.containsAll(box.categories) &&
                                prohibition.box.linked.containsAll(box.linked)) &&
                              !(prohibition.box.categories.containsAll(box.linked) &&
                                prohibition.box.linked.containsAll(box.categories));
    if (categoriesNarrower)
      parts.push_back(phrases.categories(rule.categories) + " with " +
                      phrases.categories(rule.linked));
    else if (sourcesNarrower)
      parts.push_back("information");
  } else if (!prohibition.box.categories.containsAll(box.categories)) {
    parts.push_back(phrases.categories(rule.categories));
  } else if (sourcesNarrower) {
    parts.push_back("information");
  }
  if (sourcesNarrower)
    parts.push_back("collected " + phrases.throughSources(rule.sources));
  if (permit.kind != model::RuleKind::Link) {
    if (!prohibition.box.purposes.containsAll(box.purposes))
      parts.push_back(prohibition.onlyLimit
                          ? "for any purpose other than " + phrases.purposes(rule.purposes)
                          : phrases.forPurposes(rule.purposes));
    if (!prohibition.box.recipients.containsAll(box.recipients))
      parts.push_back("to " + phrases.recipients(rule.recipients, false));
  }
  std::string result;
  for (const std::string &part : parts)
    result += (result.empty() ? "" : " ") + part;
  return result;
}

std::string RuleSentences::exceptions(const model::Rule &permit,
                                      const std::vector<const Prohibition *> &overlapping) const {
  std::vector<std::string> items;
  for (const Prohibition *prohibition : overlapping) {
    std::string item = exception(permit, *prohibition);
    if (std::find(items.begin(), items.end(), item) == items.end())
      items.push_back(std::move(item));
  }
  if (items.empty())
    return std::string();
  return ", except " + joinList(items);
}

std::string RuleSentences::exceptions(const model::Rule &permit) const {
  std::vector<const Prohibition *> overlapping = prohibitions.overlapping(permit);
  for (const Prohibition *prohibition : overlapping)
    if (Prohibitions::coversAll(*prohibition, permit))
      return ", which we never do";
  return exceptions(permit, overlapping);
}

std::string RuleSentences::permit(const model::Rule &rule, const SentenceOptions &options) const {
  std::vector<const Prohibition *> overlapping = prohibitions.overlapping(rule);
  for (const Prohibition *prohibition : overlapping) {
    if (!Prohibitions::coversAll(*prohibition, rule))
      continue;
    // Nothing of the permit is left: say what is enforced, and why.
    const model::Rule &forbidding = *prohibition->rule;
    std::string reason = "we never " + action(forbidding, options);
    if (prohibition->onlyLimit) {
      std::string collected = forbidding.sources.written
                                  ? " collected " + phrases.throughSources(forbidding.sources)
                                  : std::string();
      reason = phrases.categories(forbidding.categories) + collected + " may be used only " +
               phrases.forPurposes(forbidding.purposes);
    }
    return endSentence("We do not " + action(rule, options) + ", because " + reason);
  }
  std::string sentence = "We " + action(rule, options);
  if (!rule.purposes.written && rule.kind != model::RuleKind::Link)
    sentence += rule.kind == model::RuleKind::Collect
                    ? " and may use this information for any purpose"
                    : " for any purpose";
  std::string condition = phrases.consentCondition(rule.consents);
  if (!condition.empty())
    sentence += " " + condition;
  sentence = endSentence(sentence + exceptions(rule, overlapping));
  std::string limit = onlyLimit(rule);
  if (!limit.empty())
    sentence += " " + limit;
  return sentence;
}

std::string RuleSentences::prohibition(const model::Rule &rule,
                                       const SentenceOptions &options) const {
  switch (rule.kind) {
  case model::RuleKind::Collect:
  case model::RuleKind::Disclose:
  case model::RuleKind::Link:
    return endSentence("We never " + action(rule, options));
  case model::RuleKind::Use:
    // `never use` binds every recipient, not only us.
    return "We never " + action(rule, options) + (rule.purposes.written ? "" : " for any purpose") +
           ", and neither does anyone we share it with.";
  }
  llvm_unreachable("unknown rule kind");
}

std::string RuleSentences::sentence(const model::Rule &rule, const SentenceOptions &options) const {
  return rule.prohibition ? prohibition(rule, options) : permit(rule, options);
}

std::vector<Trace> RuleSentences::traces(const model::Rule &rule) const {
  std::vector<Trace> result{phrases.trace(rule.info)};
  if (rule.prohibition)
    return result;
  for (const Prohibition *prohibition : prohibitions.overlapping(rule))
    addTrace(result, phrases.trace(prohibition->rule->info));
  return result;
}

} // namespace policyc::gen::text
