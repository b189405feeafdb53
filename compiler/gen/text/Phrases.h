// Noun phrases for what a policy names: vocabulary nodes and groups, channels, consents,
// events; and the trace of a statement. Descriptions are used verbatim; a node without one is
// called by the words of its name.
#ifndef POLICYC_GEN_TEXT_PHRASES_H
#define POLICYC_GEN_TEXT_PHRASES_H

#include "gen/text/TextDocument.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace policyc::gen::text {

class Phrases {
public:
  Phrases(const model::PolicyModel &model, const llvm::SourceMgr &sourceMgr)
      : model(model), sourceMgr(sourceMgr) {}

  const model::PolicyModel &getModel() const { return model; }

  /// The controller's name, or "our organization" when the policy does not name one.
  std::string organization() const;

  /// Summaries that restate sentences said in full elsewhere name nodes by their short
  /// names (`shortName`) everywhere.
  void useShortNames() { shortNames = true; }
  /// The full text names the collection points the collection section heads (`introduced`)
  /// by their short names in quotes, which the heading introduces (`sourceIntroduction`): a
  /// sentence repeating "the online career center, where an applicant may submit his/her
  /// resume online" says "“careers”". Other collection points keep their descriptions.
  void useShortSourceNames(std::vector<model::NodeId> introduced) {
    introducedSources = std::move(introduced);
  }
  /// A collection point as the collection section introduces it: its description, then the
  /// short name later sentences use when that differs: "the online career center, where ...
  /// (“careers”)".
  std::string sourceIntroduction(model::NodeId id) const;

  /// A node's description, or the words of its name (its short name after useShortNames).
  std::string nodeName(model::VocabularyKind kind, model::NodeId id) const;
  /// A node's description, or the words of its name.
  std::string fullName(model::VocabularyKind kind, model::NodeId id) const;
  /// A name short enough for a summary (the table, the short notice): the description up to
  /// its first ";", ":", " (", ", whose" or ", which" when that has at most seven words,
  /// else the words of the node's name.
  std::string shortName(model::VocabularyKind kind, model::NodeId id) const;
  /// A category with its direct members: "contact details (e-mail address and phone)".
  std::string categoryWithMembers(model::NodeId id) const;
  /// The direct members of a node in parentheses, after a space: " (e-mail address and
  /// phone)"; " (such as e-mail address and phone)" when the node is `open` (the list is
  /// examples); empty when it has none.
  std::string memberList(model::VocabularyKind kind, model::NodeId id) const;

  /// What a clause names, joined with "and", with "your" in front unless the first name has
  /// a determiner: "your name and contact details", "your e-mail address",
  /// "any personal information", "anyone outside Acme, Inc.". `withMembers` lists the
  /// members of categories that have any.
  std::string categories(const model::SelectorList &list, bool withMembers = false) const;
  std::string sources(const model::SelectorList &list) const;
  std::string purposes(const model::SelectorList &list) const;
  /// Recipients with their kind: "organizations that perform services for us (service
  /// providers acting on our behalf)".
  std::string recipients(const model::SelectorList &list, bool withKind = true) const;

  /// "through the profile form" or "" when the clause was not written (every source).
  std::string throughSources(const model::SelectorList &list) const;
  /// "for fulfilling your orders and billing", or "for any purpose" when the clause was not
  /// written. A purpose described as an infinitive ("to process your order") keeps it, and
  /// then each purpose gets its own connector ("to process your order and for billing").
  std::string forPurposes(const model::SelectorList &list) const;
  /// One purpose with its connector: "for billing", "to process your order".
  std::string forPurpose(model::NodeId id) const;

  /// "by e-mail to privacy@example.com", "on our website (the Customer Sign In page)",
  /// "in your browser settings", "in your settings (Account > Privacy)".
  std::string channel(const model::Channel &channel) const;
  std::string channels(llvm::ArrayRef<model::Channel> list, llvm::StringRef conjunction) const;

  /// A consent's description, or the words of its name.
  std::string consentName(model::ConsentId id) const;
  /// When the flow needs the consents: "only if you have opted in to A", "unless you have
  /// opted out of B", both joined. When it does not need them everywhere (another statement
  /// allows part of it without them): "if you have opted in to A", "if you have not opted
  /// out of B".
  std::string consentCondition(llvm::ArrayRef<model::ConsentId> consents, bool needed = true) const;
  /// What granting the consent is called: "opt-in to A", "opt-out of B".
  std::string consentChoice(model::ConsentId id) const;

  /// An event's description, or the words of its name.
  std::string eventName(model::EventId id) const;

  Trace trace(const model::StatementInfo &info) const;
  /// A header field or declaration: statement id 0.
  Trace trace(llvm::SMRange range) const;

private:
  /// The quoted short name of an introduced collection point, or "" when it has none.
  std::string introducedName(model::NodeId id) const;
  std::string selector(model::VocabularyKind kind, const model::Selector &selector,
                       bool withMembers, bool withKind) const;
  std::string list(model::VocabularyKind kind, const model::SelectorList &list, bool withMembers,
                   bool withKind) const;

  const model::PolicyModel &model;
  const llvm::SourceMgr &sourceMgr;
  bool shortNames = false;
  std::vector<model::NodeId> introducedSources;
};

} // namespace policyc::gen::text

#endif
