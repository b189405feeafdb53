// The words findings use: a witness tuple ("contact.email from website.support_chat would
// reach service_providers for customer_service"), statement keywords, retention periods.
// An axis whose vocabulary is empty (a policy without sources) is left out of the words.
#ifndef POLICYC_CHECK_WITNESS_H
#define POLICYC_CHECK_WITNESS_H

#include "check/Box.h"
#include "model/PolicyModel.h"

#include <optional>
#include <string>

namespace policyc::check {

/// The dotted path of a node, e.g. "contact.email".
std::string nodeName(const model::PolicyModel &model, model::VocabularyKind kind,
                     model::NodeId node);

/// "contact.email from website.support_chat", the data of a tuple.
std::string describeData(const model::PolicyModel &model, const Point &point);
/// "... would reach R for P", or "... would be used for P" when R is `us`.
std::string describeTuple(const model::PolicyModel &model, const Point &point);
/// "contact.email would be collected from website.survey".
std::string describeCollection(const model::PolicyModel &model, const Point &point);
/// "online.ip_address would be linked with contact.email (data from website.careers)", for a
/// point of a link box.
std::string describeLink(const model::PolicyModel &model, const Point &point);

/// The statement's keyword as written: "collect", "never disclose".
std::string ruleSpelling(const model::Rule &rule);
/// The selectors of a clause as written, joined: "gift_shipping, billing".
std::string clauseSpelling(const model::SelectorList &list);
/// "for 90 days", "for 1 year after account_closed", "until account_closed",
/// "while account_active".
std::string describePeriod(const model::PolicyModel &model, const model::Retention &retention);

/// How to resolve a clash between `rule` (box `ruleBox`) and a statement `other` (box
/// `otherBox`, spelled `otherSpelling`) that meet at `witness`: narrow `rule` on an axis where
/// it reaches beyond `other`, or narrow `other`. `axis` receives the axis the hint names, or
/// stays empty when `rule` lies wholly inside `other`.
std::string narrowingHint(const model::PolicyModel &model, const model::Rule &rule,
                          const Box &ruleBox, const Box &otherBox, const Point &witness,
                          llvm::StringRef otherSpelling, std::optional<unsigned> &axis);

} // namespace policyc::check

#endif
