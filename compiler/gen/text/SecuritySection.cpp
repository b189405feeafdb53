// How we protect information: one paragraph per `protect` statement.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildSecurity(const SectionContext &context) {
  std::vector<Block> blocks;
  for (const model::Protection &protection : context.model.protections) {
    std::string what = context.phrases.categories(protection.categories);
    std::string through = context.phrases.throughSources(protection.sources);
    if (!through.empty())
      what += " collected " + through;
    std::vector<std::string> measures;
    for (const std::string &measure : protection.measures)
      measures.push_back(identifierWords(measure));
    std::string when = protection.state == model::ProtectionState::InTransit
                           ? "when it is transmitted"
                           : "when it is stored";
    std::string text = "We protect " + what + " " + when + ", with " + joinList(measures);
    text += protection.description.empty() ? "." : ": " + endSentence(protection.description);
    blocks.push_back(Block::paragraph(plainText(text), {context.phrases.trace(protection.info)}));
  }
  return blocks;
}

} // namespace policyc::gen::text
