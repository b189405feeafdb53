#include "lsp/Completion.h"

#include "lsp/Analysis.h"
#include "lsp/Workspace.h"
#include "model/Registry.h"
#include "parse/TokenClasses.h"
#include "sema/Sema.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <optional>
#include <string>
#include <vector>

namespace policyc::lsp {

namespace {
/// How far back the context of the cursor is looked for: more than any statement needs.
constexpr size_t kContextWindow = 16 * 1024;
/// Most items returned; a longer list is marked incomplete.
constexpr size_t kMaxItems = 2000;

/// LSP CompletionItemKind.
enum ItemKind : int {
  KindClass = 7,
  KindValue = 12,
  KindKeyword = 14,
  KindEnumMember = 20,
  KindConstant = 21,
  KindEvent = 23,
};

bool isPathChar(char c) {
  return llvm::isAlnum(c) || c == '_' || c == '-' || c == '.';
}

/// What the cursor stands in, from the tokens before it.
struct Context {
  std::string item;                ///< the keyword that started the top-level item, or ""
  unsigned depth = 0;              ///< braces open around the cursor
  std::vector<std::string> clause; ///< tokens since the last ';', '{' or '}'
  std::vector<parse::TokenClass> classes;
};

Context contextBefore(llvm::StringRef text) {
  Context context;
  for (const parse::ClassifiedToken &token : parse::classifyTokens(text)) {
    llvm::StringRef spelling = text.slice(token.begin, token.end);
    switch (token.tokenClass) {
    case parse::TokenClass::LeftBrace:
      ++context.depth;
      context.clause.clear();
      context.classes.clear();
      continue;
    case parse::TokenClass::RightBrace:
      context.depth = context.depth == 0 ? 0 : context.depth - 1;
      if (context.depth == 0)
        context.item.clear();
      context.clause.clear();
      context.classes.clear();
      continue;
    case parse::TokenClass::Semicolon:
      if (context.depth == 0)
        context.item.clear();
      context.clause.clear();
      context.classes.clear();
      continue;
    case parse::TokenClass::StatementKeyword:
      if (context.depth == 0 && context.clause.empty())
        context.item = spelling.str();
      break;
    default:
      break;
    }
    context.clause.push_back(spelling.str());
    context.classes.push_back(token.tokenClass);
  }
  return context;
}

class ItemList {
public:
  ItemList(const LineTable &lines, size_t begin, size_t end, PositionEncoding encoding,
           llvm::StringRef partial)
      : range(lines.range(begin, end, encoding)), partial(partial) {}

  void add(llvm::StringRef label, int kind, llvm::StringRef detail,
           llvm::StringRef documentation = "") {
    if (!label.startswith(partial) && !label.startswith_insensitive(partial))
      return;
    if (items.size() >= kMaxItems) {
      incomplete = true;
      return;
    }
    llvm::json::Object item{
        {"label", label.str()},
        {"kind", kind},
        {"textEdit", llvm::json::Object{{"range", toJson(range)}, {"newText", label.str()}}},
    };
    if (!detail.empty())
      item["detail"] = utf8(detail);
    if (!documentation.empty())
      item["documentation"] = utf8(documentation);
    items.push_back(std::move(item));
  }

  template <typename Enum> void registry(llvm::StringRef what) {
    for (const model::RegistryEntry &entry : model::registryEntries<Enum>())
      add(entry.spelling, KindValue, what, entry.display);
  }

  void keywords(std::initializer_list<llvm::StringLiteral> words) {
    for (llvm::StringLiteral word : words)
      add(word, KindKeyword, "keyword");
  }

  llvm::json::Object take() {
    return llvm::json::Object{{"isIncomplete", incomplete}, {"items", std::move(items)}};
  }

private:
  static std::string utf8(llvm::StringRef text) {
    return llvm::json::isUTF8(text) ? text.str() : llvm::json::fixUTF8(text);
  }

  Range range;
  llvm::StringRef partial;
  llvm::json::Array items;
  bool incomplete = false;
};

std::optional<model::VocabularyKind> vocabularyOf(llvm::StringRef keyword) {
  if (keyword == "category")
    return model::VocabularyKind::Category;
  if (keyword == "purpose")
    return model::VocabularyKind::Purpose;
  if (keyword == "recipient")
    return model::VocabularyKind::Recipient;
  if (keyword == "source")
    return model::VocabularyKind::Source;
  return std::nullopt;
}

/// Names of a vocabulary: the members of `qualifier` when the cursor follows a dot, else the
/// top-level names and built-in groups.
void vocabularyNames(ItemList &list, const model::PolicyModel *model, model::VocabularyKind kind,
                     llvm::StringRef qualifier) {
  if (!model)
    return;
  const model::Vocabulary &vocabulary = model->vocabulary(kind);
  llvm::StringRef what = model::vocabularyName(kind);
  auto node = [&](model::NodeId id) {
    const model::VocabularyNode &entry = vocabulary[id];
    list.add(entry.name, entry.isLeaf(id) ? KindEnumMember : KindClass,
             (what + " " + entry.path).str(), entry.description);
  };
  if (!qualifier.empty()) {
    std::optional<model::NodeId> parent = vocabulary.find(qualifier);
    if (!parent)
      return;
    for (model::NodeId id = *parent + 1; id <= vocabulary[*parent].last;
         id = vocabulary[id].last + 1)
      node(id);
    return;
  }
  for (model::NodeId id = 0; id < vocabulary.size(); id = vocabulary[id].last + 1)
    node(id);
  if (kind == model::VocabularyKind::Category)
    list.add("identifying", KindClass, "category group", "every category that is not anonymous");
  if (kind == model::VocabularyKind::Recipient)
    list.add("external", KindClass, "recipient group",
             "every recipient whose kind is not internal");
}

void consentNames(ItemList &list, const model::PolicyModel *model) {
  if (!model)
    return;
  for (const model::Consent &consent : model->consents)
    list.add(consent.name, KindConstant, consent.optIn ? "consent (opt-in)" : "consent (opt-out)",
             consent.description);
}

void eventNames(ItemList &list, const model::PolicyModel *model) {
  if (!model)
    return;
  for (const model::Event &event : model->events)
    list.add(event.name, KindEvent, "event", event.description);
}

void attributes(ItemList &list, model::VocabularyKind kind) {
  for (llvm::StringLiteral word : sema::flagAttributes(kind))
    list.add(word, KindKeyword, "attribute");
  if (kind == model::VocabularyKind::Purpose)
    list.add("basis", KindKeyword, "attribute: the legal basis");
}

/// Keywords that may follow a complete clause of a statement that starts with `verb`.
void followingKeywords(ItemList &list, llvm::StringRef verb, bool never) {
  if (never) {
    list.keywords({"from", "for", "to", "with"});
    return;
  }
  if (verb == "collect")
    list.keywords({"from", "required", "optional", "for", "only", "when"});
  else if (verb == "use")
    list.keywords({"from", "for", "only", "when"});
  else if (verb == "disclose")
    list.keywords({"from", "to", "for", "only", "when"});
  else if (verb == "link")
    list.keywords({"with", "from", "when"});
  else if (verb == "retain")
    list.keywords({"from", "for", "within", "until", "while", "as"});
  else if (verb == "protect")
    list.keywords({"from", "in", "at", "with"});
  else if (verb == "right")
    list.keywords({"via", "within"});
  else if (verb == "notify")
    list.keywords({"at", "via"});
}

void statementKeywords(ItemList &list) {
  for (const parse::KeywordSpelling &keyword : parse::keywordSpellings())
    if (keyword.tokenClass == parse::TokenClass::StatementKeyword)
      list.add(keyword.spelling, KindKeyword, "keyword");
}

bool contains(const std::vector<std::string> &clause, llvm::StringRef word) {
  return llvm::is_contained(clause, word.str());
}

/// Fills `list` for a cursor in `context`, typing `qualifier`.`partial` (qualifier may be "").
void completeIn(ItemList &list, const Context &context, const model::PolicyModel *model,
                llvm::StringRef qualifier) {
  const std::vector<std::string> &clause = context.clause;
  if (clause.empty()) {
    if (context.depth == 0)
      return statementKeywords(list);
    if (context.item == "policy")
      return list.keywords({"controller", "effective", "contact", "transfers", "certification"});
    if (context.item == "consent")
      return list.keywords({"withdraw"});
    return;
  }
  llvm::StringRef head = clause.front();
  bool never = head == "never";
  llvm::StringRef verb = never && clause.size() > 1 ? llvm::StringRef(clause[1]) : head;
  // A decision test: `expect allow|deny` and then the clauses of a rule statement.
  bool expect = head == "expect";
  if (expect) {
    if (clause.size() == 1)
      return list.keywords({"allow", "deny"});
    if (clause.size() == 2)
      return list.keywords({"collect", "use", "disclose", "link"});
    verb = clause[2];
  }

  // Inside a vocabulary tree: a member's attributes follow its name.
  if (context.depth > 0) {
    if (std::optional<model::VocabularyKind> kind = vocabularyOf(context.item)) {
      if (clause.back() == "basis")
        return list.registry<model::LegalBasis>("legal basis");
      return attributes(list, *kind);
    }
  }

  // The clause the cursor is in: the last keyword before it, and whether a name follows it.
  size_t last = clause.size();
  for (size_t i = clause.size(); i-- > 0;) {
    parse::TokenClass tokenClass = context.classes[i];
    if (tokenClass == parse::TokenClass::StatementKeyword ||
        tokenClass == parse::TokenClass::Connective ||
        (tokenClass == parse::TokenClass::ContextualKeyword &&
         (clause[i] == "under" || (clause[i] == "contact" && i == 0)))) {
      last = i;
      break;
    }
  }
  if (last == clause.size())
    return;
  llvm::StringRef keyword = clause[last];
  bool afterList = last + 1 < clause.size() && clause.back() != "," && qualifier.empty() &&
                   context.classes.back() != parse::TokenClass::Dot;

  if (std::optional<model::VocabularyKind> kind = vocabularyOf(head)) {
    if (keyword == "basis")
      return list.registry<model::LegalBasis>("legal basis");
    if (last + 1 < clause.size())
      return attributes(list, *kind);
    return;
  }
  if (head == "consent" && keyword != "when") {
    if (keyword == "via")
      return list.registry<model::ChannelKind>("channel");
    if (clause.size() >= 2 && keyword == "consent")
      return list.keywords({"opt_in", "opt_out"});
    return;
  }
  if (afterList) {
    followingKeywords(list, verb, never);
    if (expect)
      list.keywords({"without"});
    return;
  }

  if (keyword == verb || keyword == "never" || (keyword == "with" && verb == "link")) {
    if (verb == "collect" || verb == "use" || verb == "disclose" || verb == "link" ||
        verb == "retain" || verb == "protect")
      return vocabularyNames(list, model, model::VocabularyKind::Category, qualifier);
    if (verb == "right")
      return list.registry<model::Right>("right");
    if (verb == "notify")
      return list.registry<model::NoticeKind>("notice");
    if (verb == "note")
      return list.registry<model::NoteSection>("note section");
  }
  if (keyword == "from")
    return vocabularyNames(list, model, model::VocabularyKind::Source, qualifier);
  if (keyword == "for") {
    if (verb == "retain" && !contains(clause, "needed"))
      return;
    return vocabularyNames(list, model, model::VocabularyKind::Purpose, qualifier);
  }
  if (keyword == "to")
    return vocabularyNames(list, model, model::VocabularyKind::Recipient, qualifier);
  if (keyword == "when")
    return list.keywords({"consent"});
  if (keyword == "consent")
    return consentNames(list, model);
  if (keyword == "until" || keyword == "while" || keyword == "after")
    return eventNames(list, model);
  if (keyword == "via")
    return list.registry<model::ChannelKind>("channel");
  if (keyword == "under")
    return list.registry<model::Framework>("transfer framework");
  if (keyword == "contact")
    return list.registry<model::ContactKind>("contact kind");
  if (keyword == "in")
    return list.keywords({"transit"});
  if (keyword == "at")
    return verb == "notify" ? list.keywords({"least"}) : list.keywords({"rest"});
  if (keyword == "as")
    return list.keywords({"needed"});
}
} // namespace

llvm::json::Object complete(const Analysis *analysis, const Document &document, size_t offset,
                            PositionEncoding encoding) {
  llvm::StringRef text = document.text;
  offset = std::min(offset, text.size());
  size_t typedStart = offset;
  while (typedStart > 0 && isPathChar(text[typedStart - 1]))
    --typedStart;
  llvm::StringRef typed = text.slice(typedStart, offset);
  size_t dot = typed.rfind('.');
  llvm::StringRef qualifier = dot == llvm::StringRef::npos ? "" : typed.take_front(dot);
  llvm::StringRef partial = dot == llvm::StringRef::npos ? typed : typed.drop_front(dot + 1);
  size_t partialStart = offset - partial.size();

  // The context starts at a line start some way back; lexing from there is cheap and, but for
  // a block comment or string that opens before it, exact.
  size_t windowStart = typedStart > kContextWindow ? typedStart - kContextWindow : 0;
  while (windowStart > 0 && text[windowStart - 1] != '\n')
    ++windowStart;
  windowStart = std::min(windowStart, typedStart);
  Context context = contextBefore(text.slice(windowStart, typedStart));

  ItemList list(document.lines(), partialStart, offset, encoding, partial);
  completeIn(list, context, analysis ? analysis->getModel() : nullptr, qualifier);
  return list.take();
}

} // namespace policyc::lsp
