#include "gen/text/Phrases.h"

#include "gen/text/English.h"

#include "basic/SourceLocation.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

namespace policyc::gen::text {

using model::VocabularyKind;

std::string Phrases::organization() const {
  if (model.policy.controller.empty())
    return "our organization";
  return model.policy.controller;
}

std::string Phrases::fullName(VocabularyKind kind, model::NodeId id) const {
  const model::VocabularyNode &node = model.vocabulary(kind)[id];
  if (node.builtin)
    return "us";
  if (!node.description.empty())
    return node.description;
  return identifierWords(node.name);
}

std::string Phrases::nodeName(VocabularyKind kind, model::NodeId id) const {
  if (shortNames)
    return shortName(kind, id);
  if (kind == VocabularyKind::Source) {
    std::string introduced = introducedName(id);
    if (!introduced.empty())
      return introduced;
  }
  return fullName(kind, id);
}

std::string Phrases::introducedName(model::NodeId id) const {
  if (std::find(introducedSources.begin(), introducedSources.end(), id) == introducedSources.end())
    return std::string();
  std::string brief = shortName(VocabularyKind::Source, id);
  if (brief == fullName(VocabularyKind::Source, id))
    return std::string();
  return "“" + brief + "”";
}

std::string Phrases::sourceIntroduction(model::NodeId id) const {
  std::string full = fullName(VocabularyKind::Source, id);
  std::string introduced = introducedName(id);
  return introduced.empty() ? full : full + " (" + introduced + ")";
}

namespace {
size_t wordCount(llvm::StringRef text) {
  return text.count(' ') + (text.empty() ? 0 : 1);
}
} // namespace

std::string Phrases::shortName(VocabularyKind kind, model::NodeId id) const {
  const model::VocabularyNode &node = model.vocabulary(kind)[id];
  std::string name = fullName(kind, id);
  llvm::StringRef clause = name;
  for (llvm::StringRef end : {"; ", ": ", " (", ", whose ", ", which "})
    clause = clause.take_front(clause.find(end));
  if (node.builtin || wordCount(clause) <= 7)
    return clause.str();
  return identifierWords(node.name);
}

std::string Phrases::categoryWithMembers(model::NodeId id) const {
  return nodeName(VocabularyKind::Category, id) + memberList(VocabularyKind::Category, id);
}

std::string Phrases::memberList(VocabularyKind kind, model::NodeId id) const {
  const model::Vocabulary &vocabulary = model.vocabulary(kind);
  std::vector<std::string> members;
  for (model::NodeId child = id + 1; child <= vocabulary[id].last;
       child = vocabulary[child].last + 1)
    members.push_back(nodeName(kind, child));
  if (members.empty())
    return "";
  // An open node's members are examples: saying "(a and b)" would claim they are all.
  return std::string(" (") + (vocabulary[id].open ? "such as " : "") + joinList(members) + ")";
}

std::string Phrases::selector(VocabularyKind kind, const model::Selector &selector,
                              bool withMembers, bool withKind) const {
  switch (selector.kind) {
  case model::Selector::Kind::Node:
    break;
  case model::Selector::Kind::All:
    switch (kind) {
    case VocabularyKind::Category:
      return "any personal information";
    case VocabularyKind::Purpose:
      return "any purpose";
    case VocabularyKind::Recipient:
      return "anyone";
    case VocabularyKind::Source:
      return "any of our services";
    }
    llvm_unreachable("unknown vocabulary kind");
  case model::Selector::Kind::Identifying:
    return "personal information that identifies you";
  case model::Selector::Kind::External:
    return "anyone outside " + organization();
  }
  if (kind == VocabularyKind::Category && withMembers)
    return categoryWithMembers(selector.node);
  std::string name = nodeName(kind, selector.node);
  const model::VocabularyNode &node = model.vocabulary(kind)[selector.node];
  if (kind == VocabularyKind::Recipient && withKind && !node.builtin && node.recipientKind)
    name += " (" + model::display(*node.recipientKind).str() + ")";
  return name;
}

std::string Phrases::list(VocabularyKind kind, const model::SelectorList &list, bool withMembers,
                          bool withKind) const {
  const model::Vocabulary &vocabulary = model.vocabulary(kind);
  // Categories named member by member are named by their group when the list holds most of
  // it and that is shorter: "contact details" for all of its members, "contact details
  // (except fax)" for all but a few. The names stand where the group's first member stood.
  std::vector<model::NodeId> groups; // by selector: the group it is said with, or kNoNode
  std::vector<std::string> excepted; // by selector: the group's missing members
  groups.assign(list.selectors.size(), model::kNoNode);
  excepted.assign(list.selectors.size(), std::string());
  if (kind == VocabularyKind::Category && !withMembers) {
    auto selected = [&](model::NodeId id) {
      for (const model::Selector &each : list.selectors)
        if (each.kind == model::Selector::Kind::Node && each.node == id)
          return true;
      return false;
    };
    for (size_t i = 0; i < list.selectors.size(); ++i) {
      const model::Selector &each = list.selectors[i];
      if (each.kind != model::Selector::Kind::Node)
        continue;
      model::NodeId parent = vocabulary[each.node].parent;
      if (parent == model::kNoNode)
        continue;
      std::vector<std::string> missing, present;
      for (model::NodeId child = parent + 1; child <= vocabulary[parent].last;
           child = vocabulary[child].last + 1)
        (selected(child) ? present : missing).push_back(nodeName(kind, child));
      std::string except = missing.empty() ? std::string() : " (except " + joinList(missing) + ")";
      // Worth it only when the group is shorter than its members and leaves out fewer
      // members than it names.
      if (present.size() < 2 || missing.size() >= present.size() ||
          wordCount(nodeName(kind, parent) + except) >= wordCount(joinList(present)))
        continue;
      groups[i] = parent;
      excepted[i] = except;
    }
  }
  std::vector<std::string> names;
  std::vector<model::NodeId> said;
  for (size_t i = 0; i < list.selectors.size(); ++i) {
    if (groups[i] == model::kNoNode) {
      names.push_back(selector(kind, list.selectors[i], withMembers, withKind));
      continue;
    }
    if (std::find(said.begin(), said.end(), groups[i]) != said.end())
      continue;
    said.push_back(groups[i]);
    names.push_back(nodeName(kind, groups[i]) + excepted[i]);
  }
  return joinList(names);
}

std::string Phrases::categories(const model::SelectorList &list, bool withMembers) const {
  if (!list.written)
    return "any personal information";
  std::string names = this->list(VocabularyKind::Category, list, withMembers, false);
  // Groups are phrased with their own determiner ("any personal information").
  if (list.selectors.front().kind != model::Selector::Kind::Node)
    return names;
  return withYour(names);
}

std::string Phrases::sources(const model::SelectorList &list) const {
  if (!list.written)
    return "any of our services";
  return this->list(VocabularyKind::Source, list, false, false);
}

std::string Phrases::purposes(const model::SelectorList &list) const {
  if (!list.written)
    return "any purpose";
  return this->list(VocabularyKind::Purpose, list, false, false);
}

std::string Phrases::recipients(const model::SelectorList &list, bool withKind) const {
  if (!list.written)
    return "anyone";
  return this->list(VocabularyKind::Recipient, list, false, withKind);
}

std::string Phrases::throughSources(const model::SelectorList &list) const {
  if (!list.written)
    return std::string();
  return "through " + sources(list);
}

namespace {
/// A purpose or consent described with its own connector: "to process your order", "for
/// our distributors' marketing", "in our internal surveys", "when required by law".
bool isInfinitive(llvm::StringRef phrase) {
  static constexpr llvm::StringLiteral kConnectors[] = {"to ",   "for ",   "in ", "as ",
                                                        "when ", "where ", "so "};
  for (llvm::StringRef connector : kConnectors)
    if (phrase.startswith(connector))
      return true;
  return false;
}

/// "to X" for a consent described as "X", and "to receive ..." for one described as an
/// infinitive already.
std::string optedInTo(llvm::StringRef name) {
  return name.startswith("to ") ? name.str() : "to " + name.str();
}
/// "of X", and "of consenting to receive ..." for an infinitive.
std::string optedOutOf(llvm::StringRef name) {
  return name.startswith("to ") ? "of consenting " + name.str() : "of " + name.str();
}
} // namespace

std::string Phrases::forPurpose(model::NodeId id) const {
  std::string name = nodeName(VocabularyKind::Purpose, id);
  return isInfinitive(name) ? name : "for " + name;
}

std::string Phrases::forPurposes(const model::SelectorList &list) const {
  if (!list.written)
    return "for any purpose";
  bool infinitive = false;
  for (const model::Selector &selector : list.selectors)
    infinitive |= selector.kind == model::Selector::Kind::Node &&
                  isInfinitive(nodeName(VocabularyKind::Purpose, selector.node));
  if (!infinitive)
    return "for " + purposes(list);
  std::vector<std::string> items;
  for (const model::Selector &selector : list.selectors)
    items.push_back(selector.kind == model::Selector::Kind::Node ? forPurpose(selector.node)
                                                                 : "for any purpose");
  return joinList(items);
}

std::string Phrases::channel(const model::Channel &channel) const {
  // Settings are the policy's own words ("your browser settings"): "account settings" would
  // name an account the reader may not have, or the wrong settings altogether.
  if (channel.kind == model::ChannelKind::settings) {
    if (channel.address.empty())
      return "in your settings";
    llvm::StringRef address = channel.address;
    if (address.contains_insensitive("settings"))
      return "in " + withYour(channel.address);
    // A place the policy names with its own determiner is that place, not "your settings":
    // "through the "Customer Sign In" page on our website".
    for (llvm::StringRef determiner : {"the ", "our ", "your "})
      if (address.startswith_insensitive(determiner))
        return "through " + channel.address;
    return "in your settings (" + channel.address + ")";
  }
  std::string text = model::display(channel.kind).str();
  if (channel.address.empty())
    return text;
  switch (channel.kind) {
  case model::ChannelKind::email:
  case model::ChannelKind::mail:
  case model::ChannelKind::fax:
    return text + " to " + channel.address;
  case model::ChannelKind::phone:
    return text + " at " + channel.address;
  default:
    return text + " (" + channel.address + ")";
  }
}

std::string Phrases::channels(llvm::ArrayRef<model::Channel> list,
                              llvm::StringRef conjunction) const {
  std::vector<std::string> names;
  for (const model::Channel &each : list)
    names.push_back(channel(each));
  return joinList(names, conjunction);
}

std::string Phrases::consentName(model::ConsentId id) const {
  const model::Consent &consent = model.consents[id];
  if (!consent.description.empty())
    return consent.description;
  return identifierWords(consent.name);
}

std::string Phrases::consentCondition(llvm::ArrayRef<model::ConsentId> consents,
                                      bool needed) const {
  std::vector<std::string> optIn;
  std::vector<std::string> optOut;
  for (model::ConsentId id : consents) {
    if (model.consents[id].optIn)
      optIn.push_back(optedInTo(consentName(id)));
    else
      optOut.push_back(optedOutOf(consentName(id)));
  }
  if (optIn.empty() && optOut.empty())
    return std::string();
  if (optIn.empty())
    return (needed ? "unless you have opted out " : "if you have not opted out ") +
           joinList(optOut, "or");
  std::string result =
      (needed ? "only if you have opted in " : "if you have opted in ") + joinList(optIn);
  if (!optOut.empty())
    result += " and have not opted out " + joinList(optOut, "or");
  return result;
}

std::string Phrases::consentChoice(model::ConsentId id) const {
  std::string name = consentName(id);
  return model.consents[id].optIn ? "opt-in " + optedInTo(name) : "opt-out " + optedOutOf(name);
}

std::string Phrases::eventName(model::EventId id) const {
  const model::Event &event = model.events[id];
  if (!event.description.empty())
    return event.description;
  return identifierWords(event.name);
}

Trace Phrases::trace(const model::StatementInfo &info) const {
  Trace result = trace(info.range);
  result.statement = info.id;
  return result;
}

Trace Phrases::trace(llvm::SMRange range) const {
  Trace result;
  if (auto loc = presumedLoc(sourceMgr, range.Start)) {
    result.file = loc->file.str();
    result.line = loc->line;
  }
  return result;
}

} // namespace policyc::gen::text
