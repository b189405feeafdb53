// What a statement means, in words, for hover: a rule's effects as the model derives them
// (model/Effects.h; nothing is derived here), the other statements from their model entries.
#ifndef POLICYC_LSP_EFFECTTEXT_H
#define POLICYC_LSP_EFFECTTEXT_H

#include "model/PolicyModel.h"

#include <string>
#include <vector>

namespace policyc::lsp {

/// One line per effect of model.rules[ruleIndex], e.g. "permits collecting `contact.email`
/// from `website.signup` while consent `newsletter` is granted".
std::vector<std::string> describeRuleEffects(const model::PolicyModel &model, size_t ruleIndex);

/// A set of nodes of a vocabulary in words: the roots of the subtrees it is made of
/// ("`contact`, `payment.card`"), "every category", or "no category".
std::string describeNodes(const model::Vocabulary &vocabulary, const model::NodeSet &set);

} // namespace policyc::lsp

#endif
