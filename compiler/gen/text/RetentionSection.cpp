// How long we keep information: one paragraph per `retain` statement.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include "llvm/Support/ErrorHandling.h"

namespace policyc::gen::text {

std::string retentionPeriod(const SectionContext &context, const model::Retention &retention) {
  switch (retention.kind) {
  case model::RetentionKind::For: {
    std::string text = "for " + durationText(*retention.length);
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

std::vector<Block> buildRetention(const SectionContext &context) {
  std::vector<Block> blocks;
  for (const model::Retention &retention : context.model.retentions) {
    std::string what = context.phrases.categories(retention.categories);
    std::string through = context.phrases.throughSources(retention.sources);
    if (!through.empty())
      what += " collected " + through;
    // `as needed` extends the period the other statements set; it never shortens it.
    std::string text = retention.kind == model::RetentionKind::AsNeeded
                           ? "We may also keep " + what + " " + retentionPeriod(context, retention)
                           : "We keep " + what + " " + retentionPeriod(context, retention);
    text = endSentence(text);
    blocks.push_back(Block::paragraph(plainText(text), {context.phrases.trace(retention.info)}));
  }
  return blocks;
}

} // namespace policyc::gen::text
