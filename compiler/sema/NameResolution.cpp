// Names in statements: dotted paths into vocabularies, groups, consents and events, with
// "did you mean" suggestions and wrong-kind errors that point at the other declaration.
#include "sema/SemaImpl.h"

#include "llvm/ADT/SmallString.h"

#include <algorithm>

namespace policyc::sema {

using model::NodeId;
using model::Selector;
using model::VocabularyKind;

namespace {
/// "a purpose", "an event": the kinds of names as messages say them.
std::string withArticle(llvm::StringRef kind) {
  bool vowel = !kind.empty() && llvm::StringRef("aeiou").contains(kind.front());
  return (vowel ? "an " : "a ") + kind.str();
}

/// Built-in groups of a vocabulary (besides `*`), for suggestions.
std::vector<std::string> groupNames(VocabularyKind kind) {
  switch (kind) {
  case VocabularyKind::Category:
    return {"identifying"};
  case VocabularyKind::Recipient:
    return {"external"};
  default:
    return {};
  }
}
} // namespace

std::vector<std::string> SemaImpl::topLevelNames(VocabularyKind kind) const {
  std::vector<std::string> names;
  for (const model::VocabularyNode &node : model->vocabulary(kind).nodes)
    if (node.parent == model::kNoNode)
      names.push_back(node.name);
  return names;
}

bool SemaImpl::reportWrongKind(llvm::StringRef expected, const ast::Identifier &name,
                               std::optional<VocabularyKind> expectedVocabulary) {
  for (unsigned i = 0; i < model::kNumVocabularies; ++i) {
    auto kind = static_cast<VocabularyKind>(i);
    if (expectedVocabulary && kind == *expectedVocabulary)
      continue;
    const model::Vocabulary &vocabulary = model->vocabulary(kind);
    auto found = vocabulary.find(name.text);
    if (!found)
      continue;
    auto builder = diags.report(name.range, diag::err_wrong_kind, name.text,
                                withArticle(vocabularyName(kind)), withArticle(expected));
    if (!vocabulary[*found].builtin)
      builder.note(vocabulary[*found].range, diag::note_declared_here, name.text);
    return true;
  }
  if (expected != "consent") {
    auto found = model->consentsByName.find(name.text);
    if (found != model->consentsByName.end()) {
      diags
          .report(name.range, diag::err_wrong_kind, name.text, withArticle("consent"),
                  withArticle(expected))
          .note(model->consents[found->getValue()].range, diag::note_declared_here, name.text);
      return true;
    }
  }
  if (expected != "event") {
    auto found = model->eventsByName.find(name.text);
    if (found != model->eventsByName.end()) {
      diags
          .report(name.range, diag::err_wrong_kind, name.text, withArticle("event"),
                  withArticle(expected))
          .note(model->events[found->getValue()].range, diag::note_declared_here, name.text);
      return true;
    }
  }
  return false;
}

void SemaImpl::reportUndeclared(llvm::StringRef what, const ast::Identifier &name,
                                const std::vector<std::string> &candidates,
                                std::optional<VocabularyKind> expectedVocabulary) {
  if (reportWrongKind(what, name, expectedVocabulary))
    return;
  std::string suggestion = closestMatch(name.text, candidates);
  auto builder =
      diags.report(name.range, diag::err_undeclared, what, name.text, didYouMean(suggestion));
  if (!suggestion.empty())
    builder.fixIt(name.range, suggestion);
}

std::optional<Selector> SemaImpl::resolve(VocabularyKind kind, const ast::Path &path) {
  const model::Vocabulary &vocabulary = model->vocabulary(kind);
  Selector selector;
  selector.range = path.range;
  if (path.isStar()) {
    selector.kind = Selector::Kind::All;
    selector.nodes = vocabulary.all();
    selector.spelling = "*";
    return selector;
  }

  // Most statements repeat a few names: resolve each spelling once.
  llvm::SmallString<64> spelling;
  for (const ast::Identifier &segment : path.segments) {
    if (!spelling.empty())
      spelling += '.';
    spelling += segment.text;
  }
  auto &cache = resolved[static_cast<size_t>(kind)];
  auto cached = cache.find(spelling);
  if (cached != cache.end()) {
    Selector hit = cached->getValue();
    hit.range = path.range;
    return hit;
  }

  const ast::Identifier &head = path.segments.front();
  auto group = [&]() -> std::optional<Selector::Kind> {
    if (kind == VocabularyKind::Category && head.text == "identifying")
      return Selector::Kind::Identifying;
    if (kind == VocabularyKind::Recipient && head.text == "external")
      return Selector::Kind::External;
    return std::nullopt;
  }();
  if (group) {
    if (path.segments.size() > 1) {
      diags.report(path.segments[1].range, diag::err_group_has_no_members, head.text);
      return std::nullopt;
    }
    selector.kind = *group;
    selector.nodes = *group == Selector::Kind::Identifying ? model->identifyingCategories()
                                                           : model->externalRecipients();
    selector.spelling = head.text;
    cache[spelling] = selector;
    return selector;
  }

  std::optional<NodeId> node = vocabulary.find(head.text);
  if (!node || vocabulary[*node].parent != model::kNoNode) {
    std::vector<std::string> candidates = topLevelNames(kind);
    for (std::string &name : groupNames(kind))
      candidates.push_back(std::move(name));
    reportUndeclared(vocabularyName(kind), head, candidates, kind);
    return std::nullopt;
  }
  llvm::SmallString<64> prefix(head.text);
  for (size_t i = 1; i < path.segments.size(); ++i) {
    const ast::Identifier &segment = path.segments[i];
    prefix += '.';
    prefix += segment.text;
    std::optional<NodeId> child = vocabulary.find(prefix);
    if (!child) {
      std::vector<std::string> siblings;
      const model::VocabularyNode &parent = vocabulary[*node];
      for (NodeId id = *node + 1; id <= parent.last; id = vocabulary[id].last + 1)
        siblings.push_back(vocabulary[id].name);
      std::string suggestion = closestMatch(segment.text, siblings);
      auto builder = diags.report(segment.range, diag::err_no_member, vocabularyName(kind),
                                  parent.path, segment.text, didYouMean(suggestion));
      if (!suggestion.empty())
        builder.fixIt(segment.range, suggestion);
      return std::nullopt;
    }
    node = child;
  }
  selector.kind = Selector::Kind::Node;
  selector.node = *node;
  selector.nodes = vocabulary.subtree(*node);
  selector.spelling = std::string(spelling);
  cache[spelling] = selector;
  return selector;
}

std::optional<model::SelectorList> SemaImpl::resolveList(VocabularyKind kind,
                                                         const ast::PathList &list) {
  model::SelectorList result;
  result.written = true;
  result.range = list.range;
  result.selectors.reserve(list.paths.size());
  bool ok = true;
  for (const ast::Path &path : list.paths) {
    std::optional<Selector> selector = resolve(kind, path);
    if (!selector) {
      ok = false;
      continue;
    }
    result.nodes.add(selector->nodes);
    result.selectors.push_back(std::move(*selector));
  }
  if (!ok)
    return std::nullopt;
  return result;
}

model::SelectorList SemaImpl::everything(VocabularyKind kind) const {
  model::SelectorList result;
  result.nodes = model->vocabulary(kind).all();
  return result;
}

model::SelectorList SemaImpl::only(VocabularyKind kind, NodeId node) const {
  model::SelectorList result;
  result.nodes = model->vocabulary(kind).subtree(node);
  Selector selector;
  selector.kind = Selector::Kind::Node;
  selector.node = node;
  selector.nodes = result.nodes;
  selector.spelling = model->vocabulary(kind)[node].path;
  result.selectors.push_back(std::move(selector));
  return result;
}

std::optional<model::ConsentId> SemaImpl::resolveConsent(const ast::Identifier &name) {
  auto found = model->consentsByName.find(name.text);
  if (found != model->consentsByName.end())
    return found->getValue();
  std::vector<std::string> candidates;
  for (const model::Consent &consent : model->consents)
    candidates.push_back(consent.name);
  reportUndeclared("consent", name, candidates, std::nullopt);
  return std::nullopt;
}

std::optional<model::EventId> SemaImpl::resolveEvent(const ast::Identifier &name) {
  auto found = model->eventsByName.find(name.text);
  if (found != model->eventsByName.end())
    return found->getValue();
  std::vector<std::string> candidates;
  for (const model::Event &event : model->events)
    candidates.push_back(event.name);
  reportUndeclared("event", name, candidates, std::nullopt);
  return std::nullopt;
}

} // namespace policyc::sema
