// How to contact us: the contacts of the policy header.
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildContact(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  std::vector<Block> blocks;
  if (model.policy.contacts.empty())
    return blocks;
  Block list;
  list.kind = Block::Kind::List;
  std::string whom = model.policy.controller.empty() ? std::string("us") : model.policy.controller;
  list.text = plainText("If you have questions about this privacy policy or about your personal "
                        "information, you can contact " +
                        whom + ":");
  for (const model::Contact &contact : model.policy.contacts) {
    ListItem item{plainText(model::display(contact.kind).str() + ": " + contact.value),
                  {context.phrases.trace(contact.range)},
                  {}};
    addTraces(list.traces, item.traces);
    list.items.push_back(std::move(item));
  }
  blocks.push_back(std::move(list));
  return blocks;
}

} // namespace policyc::gen::text
