// Your rights: one paragraph per `right` statement with its channels and deadline.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildRights(const SectionContext &context) {
  std::vector<Block> blocks;
  for (const model::RightStatement &statement : context.model.rights) {
    std::vector<std::string> rights;
    for (model::Right right : statement.rights)
      rights.push_back(model::display(right).str());
    Inline text =
        plainText("You have the following " + plural(rights.size(), "right", "rights").str() +
                  ": " + endSentence(joinList(rights)));
    Span &last = text.back();
    // A complaint goes to a supervisory authority, not to us.
    bool requestToUs = false;
    for (model::Right right : statement.rights)
      requestToUs |= right != model::Right::complaint;
    if (requestToUs && !statement.channels.empty()) {
      last.text += " " + endSentence("You can make your request " +
                                     context.phrases.channels(statement.channels, "or"));
    } else if (requestToUs && !context.anchor(model::NoteSection::contact).empty()) {
      last.text += " You can make your request using the contact details in “";
      text.push_back(context.reference(model::NoteSection::contact));
      text.push_back(Span{Span::Kind::Text, "”.", {}});
    }
    if (statement.deadline)
      text.push_back(Span{Span::Kind::Text,
                          " We respond to your request within " +
                              durationText(*statement.deadline) + " of receipt.",
                          {}});
    blocks.push_back(Block::paragraph(std::move(text), {context.phrases.trace(statement.info)}));
  }
  return blocks;
}

} // namespace policyc::gen::text
