// How long we keep information: one paragraph per `retain` statement. A period is the most
// we keep data (model/Periods.h): where a more specific statement sets another period for
// part of the data, the sentence names that part as an exception.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include "model/Periods.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

namespace policyc::gen::text {

std::string retentionPeriod(const SectionContext &context, const model::Retention &retention) {
  switch (retention.kind) {
  case model::RetentionKind::For: {
    // A period is a limit ("deleted within 60 days"), not a promise to keep data that long.
    std::string text = "for no longer than " + durationText(*retention.length);
    if (retention.event != model::kNone)
      text += " after " + context.phrases.eventName(retention.event);
    return text;
  }
  case model::RetentionKind::Within: {
    // An upper bound on deletion: "at most", never "for".
    std::string text = "at most " + durationText(*retention.length);
    if (retention.event != model::kNone)
      text += " after " + context.phrases.eventName(retention.event);
    return text;
  }
  case model::RetentionKind::Until:
    return "until " + context.phrases.eventName(retention.event);
  case model::RetentionKind::While:
    return "for as long as " + context.phrases.eventName(retention.event);
  case model::RetentionKind::AsNeeded:
    return "for as long as needed " + context.phrases.forPurposes(retention.purposes);
  }
  llvm_unreachable("unknown retention kind");
}

namespace {
std::string what(const SectionContext &context, const model::Retention &retention) {
  std::string text = context.phrases.categories(retention.categories);
  std::string through = context.phrases.throughSources(retention.sources);
  if (!through.empty())
    text += " collected " + through;
  return text;
}
} // namespace

std::vector<Block> buildRetention(const SectionContext &context) {
  std::vector<Block> blocks;
  std::vector<const model::Retention *> all = model::retentionsInLoadOrder(context.model);
  for (const model::Retention &retention : context.model.retentions) {
    std::vector<Trace> traces{context.phrases.trace(retention.info)};
    // `as needed` extends the period the other statements set; it never shortens it.
    if (!model::isPeriod(retention)) {
      blocks.push_back(
          Block::paragraph(plainText(endSentence("We may also keep " + what(context, retention) +
                                                 " " + retentionPeriod(context, retention))),
                           std::move(traces)));
      continue;
    }
    std::vector<std::string> exceptions;
    for (const model::Retention *inner : all)
      if (model::isPeriod(*inner) && model::strictlyInside(*inner, retention) &&
          !model::samePeriod(*inner, retention)) {
        std::string part = what(context, *inner);
        if (std::find(exceptions.begin(), exceptions.end(), part) == exceptions.end())
          exceptions.push_back(part);
        addTrace(traces, context.phrases.trace(inner->info));
      }
    std::string text =
        "We keep " + what(context, retention) + " " + retentionPeriod(context, retention);
    if (!exceptions.empty())
      text += ", except " + joinList(exceptions);
    blocks.push_back(Block::paragraph(plainText(endSentence(text)), std::move(traces)));
  }
  return blocks;
}

} // namespace policyc::gen::text
