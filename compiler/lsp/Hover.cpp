#include "lsp/Hover.h"

#include "lsp/Analysis.h"
#include "lsp/EffectText.h"
#include "lsp/SymbolIndex.h"
#include "parse/TokenClasses.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace policyc::lsp {

namespace {
/// Statements listed under a name; the rest are counted.
constexpr size_t kMaxStatementsListed = 10;

std::string code(llvm::StringRef text) {
  return "`" + text.str() + "`";
}

llvm::StringRef itemText(const AnalyzedFile &file, const ast::Item &item) {
  size_t begin = Analysis::offsetOf(file, item.range.Start);
  size_t end = Analysis::offsetOf(file, item.range.End);
  return file.text().slice(begin, end);
}

/// "line 12" in the hovered file, "vocabulary.policy line 3" in another.
std::string placeOf(const AnalyzedFile &hovered, const AnalyzedFile &file, size_t offset) {
  std::string line =
      "line " + std::to_string(file.lines->position(offset, PositionEncoding::Utf8).line + 1);
  if (&file == &hovered || !file.unit)
    return line;
  return file.unit->path + " " + line;
}

std::string mentions(const Analysis &analysis, const AnalyzedFile &hovered, const Symbol &symbol) {
  auto statements = analysis.index().mentioningStatements(symbol);
  if (statements.empty())
    return "\n\nNo statement names it.";
  std::string text = "\n\nNamed by " + std::to_string(statements.size()) +
                     (statements.size() == 1 ? " statement:" : " statements:");
  for (size_t i = 0; i < statements.size() && i < kMaxStatementsListed; ++i) {
    auto [file, item] = statements[i];
    text += "\n- " + placeOf(hovered, *file, Analysis::offsetOf(*file, item->range.Start)) + ": " +
            code(statementSnippet(itemText(*file, *item)));
  }
  if (statements.size() > kMaxStatementsListed)
    text += "\n- and " + std::to_string(statements.size() - kMaxStatementsListed) + " more";
  return text;
}

std::string nodeAttributes(const model::Vocabulary &vocabulary, model::NodeId id,
                           const ast::VocabularyNode *declaration) {
  const model::VocabularyNode &node = vocabulary[id];
  auto ownWord = [&](llvm::StringRef word) {
    return declaration && llvm::any_of(declaration->attributes,
                                       [&](const ast::Attribute &a) { return a.key.text == word; });
  };
  std::vector<std::string> words;
  auto add = [&](std::string word, bool own) {
    words.push_back(code(word) + (own ? "" : " (inherited)"));
  };
  static constexpr std::pair<model::NodeFlag, llvm::StringLiteral> kFlags[] = {
      {model::Sensitive, "sensitive"}, {model::Anonymous, "anonymous"},
      {model::Tracking, "tracking"},   {model::Abroad, "abroad"},
      {model::Marketing, "marketing"},
  };
  for (const auto &[flag, word] : kFlags)
    if (node.has(flag))
      add(word.str(), (node.ownFlags & flag) != 0);
  if (node.recipientKind) {
    llvm::StringRef kind = model::spelling(*node.recipientKind);
    add(kind.str(), node.builtin || ownWord(kind));
  }
  if (node.basis)
    add("basis " + model::spelling(*node.basis).str(), ownWord("basis"));
  if (node.open)
    add("open", true);
  if (words.empty())
    return "";
  return "\n\nAttributes: " + llvm::join(words, ", ");
}

std::string nodeHover(const Analysis &analysis, const AnalyzedFile &hovered, const Symbol &symbol) {
  const model::PolicyModel &model = *analysis.getModel();
  const model::Vocabulary &vocabulary = model.vocabulary(symbol.vocabulary);
  const model::VocabularyNode &node = vocabulary[symbol.id];
  std::string text =
      "**" + model::vocabularyName(symbol.vocabulary).str() + "** " + code(node.path);
  if (node.builtin)
    text += " (built-in: the controller itself" +
            (model.policy.controller.empty() ? std::string() : ", " + model.policy.controller) +
            ")";
  if (!node.description.empty())
    text += "\n\n" + node.description;
  const ast::VocabularyNode *declaration = nullptr;
  if (auto found = analysis.index().declaration(symbol))
    declaration = found->occurrence->node;
  text += nodeAttributes(vocabulary, symbol.id, declaration);
  if (!node.isLeaf(symbol.id)) {
    std::vector<std::string> children;
    for (model::NodeId child = symbol.id + 1; child <= node.last;
         child = vocabulary[child].last + 1)
      children.push_back(code(vocabulary[child].name));
    text += "\n\nMembers: " + llvm::join(children, ", ");
  }
  return text + mentions(analysis, hovered, symbol);
}

std::string groupHover(const Analysis &analysis, const Symbol &symbol) {
  const model::PolicyModel &model = *analysis.getModel();
  if (symbol.vocabulary == model::VocabularyKind::Category)
    return "**category group** `identifying` (built-in)\n\nEvery category that is not "
           "`anonymous`: " +
           describeNodes(model.categories(), model.identifyingCategories()) + ".";
  return "**recipient group** `external` (built-in)\n\nEvery recipient whose kind is not "
         "`internal`: " +
         describeNodes(model.recipients(), model.externalRecipients()) + ".";
}

std::string consentHover(const Analysis &analysis, const AnalyzedFile &hovered,
                         const Symbol &symbol) {
  const model::Consent &consent = analysis.getModel()->consents[symbol.id];
  std::string text = "**consent** " + code(consent.name) +
                     (consent.optIn ? " (opt-in: not granted until given)"
                                    : " (opt-out: granted until withdrawn)");
  if (!consent.description.empty())
    text += "\n\n" + consent.description;
  if (!consent.withdrawals.empty()) {
    std::vector<std::string> channels;
    for (const model::Channel &channel : consent.withdrawals)
      channels.push_back(code(model::spelling(channel.kind)) +
                         (channel.address.empty() ? "" : " " + channel.address));
    text += "\n\nWithdrawn via " + llvm::join(channels, ", ");
  }
  return text + mentions(analysis, hovered, symbol);
}

std::string eventHover(const Analysis &analysis, const AnalyzedFile &hovered,
                       const Symbol &symbol) {
  const model::Event &event = analysis.getModel()->events[symbol.id];
  std::string text = "**event** " + code(event.name);
  if (!event.description.empty())
    text += "\n\n" + event.description;
  return text + mentions(analysis, hovered, symbol);
}

/// What the statement keyword `word` of `item` means.
std::string statementHover(const Analysis &analysis, const ast::Item &item, llvm::StringRef word) {
  std::string text = "**" + word.str() + "**";
  switch (item.getKind()) {
  case ast::Item::Kind::Rule: {
    text += " statement";
    std::optional<size_t> rule = analysis.index().ruleOf(item);
    if (!rule || !analysis.getModel())
      return text + "\n\nIts meaning is not known until its errors are fixed.";
    text += ": what it means (docs/semantics.md)";
    for (const std::string &line : describeRuleEffects(*analysis.getModel(), *rule))
      text += "\n- " + line;
    return text;
  }
  case ast::Item::Kind::Expect:
    return text + "\n\nA decision test, not a statement of the policy: `policyc test` asks the "
                  "reference evaluator every question its clauses name and expects this "
                  "answer (docs/test.md).";
  case ast::Item::Kind::Retain:
    return text + "\n\nHow long data is kept. Where several `retain` periods cover the same "
                  "data, the most specific decides; they must agree.";
  case ast::Item::Kind::Right:
    return text + "\n\nA right people have, the channels to exercise it and how fast it is "
                  "answered.";
  case ast::Item::Kind::Notify:
    return text + "\n\nWhen and how people are told of a change, ahead of it.";
  case ast::Item::Kind::Protect:
    return text + "\n\nHow data is protected in transit or at rest.";
  case ast::Item::Kind::Note:
    return text + "\n\nText carried verbatim into a section of the generated policy.";
  case ast::Item::Kind::Vocabulary:
    return text + "\n\nDeclares a tree of " + word.str() +
           " names; a member has every attribute of its parent.";
  case ast::Item::Kind::Consent:
    return text + "\n\nDeclares a consent: opt-in (not granted until given) unless `opt_out`.";
  case ast::Item::Kind::Event:
    return text + "\n\nDeclares an event that retention periods can end at.";
  case ast::Item::Kind::Import:
    return text + "\n\nLoads another policy file; its names are known here.";
  case ast::Item::Kind::PolicyHeader:
    return text + "\n\nThe policy header: title, controller, date, contacts, transfer "
                  "frameworks.";
  }
  return text;
}

/// A built-in word of a registry that `item` can hold, e.g. a right in a `right` statement.
std::optional<std::string> registryHover(const ast::Item &item, llvm::StringRef word) {
  auto describe = [&](llvm::StringRef what, auto lookup) -> std::optional<std::string> {
    if (!lookup)
      return std::nullopt;
    return "**" + what.str() + "** " + code(word) + ": " + model::display(*lookup).str();
  };
  switch (item.getKind()) {
  case ast::Item::Kind::Right:
    if (auto found = describe("right", model::lookup<model::Right>(word)))
      return found;
    return describe("channel", model::lookup<model::ChannelKind>(word));
  case ast::Item::Kind::Notify:
    if (auto found = describe("notice", model::lookup<model::NoticeKind>(word)))
      return found;
    return describe("channel", model::lookup<model::ChannelKind>(word));
  case ast::Item::Kind::Consent:
    return describe("channel", model::lookup<model::ChannelKind>(word));
  case ast::Item::Kind::Note:
    return describe("note section", model::lookup<model::NoteSection>(word));
  case ast::Item::Kind::Vocabulary:
    if (auto found = describe("legal basis", model::lookup<model::LegalBasis>(word)))
      return found;
    return describe("recipient kind", model::lookup<model::RecipientKind>(word));
  case ast::Item::Kind::PolicyHeader: {
    if (auto framework = model::lookup<model::Framework>(word)) {
      model::FrameworkValidity validity = model::frameworkValidity(*framework);
      std::string text = *describe("transfer framework", framework);
      if (!validity.validFrom.empty() || !validity.validUntil.empty())
        text +=
            " (valid " +
            (validity.validFrom.empty() ? std::string() : "from " + validity.validFrom.str()) +
            (validity.validUntil.empty() ? std::string() : " until " + validity.validUntil.str()) +
            ")";
      return text;
    }
    return describe("contact kind", model::lookup<model::ContactKind>(word));
  }
  default:
    return std::nullopt;
  }
}
} // namespace

std::string statementSnippet(llvm::StringRef text, size_t limit) {
  std::string result;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !result.empty();
      continue;
    }
    if (space)
      result += ' ';
    space = false;
    result += c;
    if (result.size() >= limit) {
      // Never cut a UTF-8 sequence.
      while (!result.empty() && (static_cast<unsigned char>(result.back()) & 0xC0) == 0x80)
        result.pop_back();
      if (!result.empty() && static_cast<unsigned char>(result.back()) >= 0xC0)
        result.pop_back();
      return result + "...";
    }
  }
  return result;
}

std::optional<HoverText> hover(const Analysis &analysis, const AnalyzedFile &file, size_t offset) {
  if (!analysis.getModel())
    return std::nullopt;
  const SymbolIndex &index = analysis.index();
  if (const Occurrence *occurrence = index.find(file, offset)) {
    const Symbol &symbol = occurrence->symbol;
    std::string text;
    switch (symbol.kind) {
    case Symbol::Kind::Node:
      text = nodeHover(analysis, file, symbol);
      break;
    case Symbol::Kind::Group:
      text = groupHover(analysis, symbol);
      break;
    case Symbol::Kind::Consent:
      text = consentHover(analysis, file, symbol);
      break;
    case Symbol::Kind::Event:
      text = eventHover(analysis, file, symbol);
      break;
    }
    return HoverText{std::move(text), occurrence->begin, occurrence->end};
  }

  // Not a name: a keyword or built-in word of the item under the cursor.
  const ast::Item *item = index.itemAt(file, offset);
  if (!item)
    return std::nullopt;
  size_t itemBegin = Analysis::offsetOf(file, item->range.Start);
  llvm::StringRef text = itemText(file, *item);
  std::vector<parse::ClassifiedToken> tokens = parse::classifyTokens(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const parse::ClassifiedToken &token = tokens[i];
    size_t begin = itemBegin + token.begin;
    size_t end = itemBegin + token.end;
    if (offset < begin || offset > end)
      continue;
    llvm::StringRef word = text.slice(token.begin, token.end);
    // The keyword that starts the item, or the verb after `never`; a keyword further on is a
    // word (`withdraw via link`, `note use "..."`).
    bool leading = i == 0 || (i == 1 && text.slice(tokens[0].begin, tokens[0].end) == "never");
    if (token.tokenClass == parse::TokenClass::StatementKeyword && leading)
      return HoverText{statementHover(analysis, *item, word), begin, end};
    if (token.tokenClass != parse::TokenClass::String &&
        token.tokenClass != parse::TokenClass::Number) {
      if (std::optional<std::string> registry = registryHover(*item, word))
        return HoverText{std::move(*registry), begin, end};
    }
    // A cursor between two tokens touches both; the later one may still match.
  }
  return std::nullopt;
}

} // namespace policyc::lsp
