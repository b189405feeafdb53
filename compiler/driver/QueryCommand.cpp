// policyc query FILE --category C [--source S] --purpose P [--recipient R] [--consent K]...:
// one decision of the reference evaluator (docs/semantics.md), with the reason, the statement
// and the effect of it that decided. Without --recipient the question is a use by `us`;
// without --source it is asked for every source, and in text sources with the same answer
// are grouped. A question may name a group (an inner node); when a prohibition denies it,
// the answer names the member it reaches. `--format=json` prints the answer for programs
// (docs/json-ir.md, "query --format=json"); `--exit-status` makes the exit status the answer.
#include "driver/Commands.h"
#include "driver/Pipeline.h"

#include "basic/SourceLocation.h"
#include "eval/Evaluator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
#include <optional>

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
cl::opt<std::string> File(cl::Positional, cl::Required, cl::value_desc("file"),
                          cl::desc("<policy file>"), cl::sub(queryCommand()));
cl::opt<std::string> Category("category", cl::Required, cl::value_desc("path"),
                              cl::desc("The category of the data (one node, e.g. contact.email)"),
                              cl::sub(queryCommand()));
cl::opt<std::string> Source("source", cl::value_desc("path"),
                            cl::desc("Where the data was collected; without it, every source"),
                            cl::sub(queryCommand()));
cl::opt<std::string> Purpose("purpose", cl::Required, cl::value_desc("path"),
                             cl::desc("What the data is used for"), cl::sub(queryCommand()));
cl::opt<std::string> Recipient("recipient", cl::value_desc("path"),
                               cl::desc("Who receives the data; without it, a use by us"),
                               cl::sub(queryCommand()));
cl::list<std::string> Consents("consent", cl::CommaSeparated, cl::value_desc("name"),
                               cl::desc("A consent the data subject granted (repeatable); "
                                        "opt-out consents are granted unless withdrawn"),
                               cl::sub(queryCommand()));
cl::list<std::string> Withdrawn("withdraw", cl::CommaSeparated, cl::value_desc("name"),
                                cl::desc("An opt-out consent the data subject withdrew"),
                                cl::sub(queryCommand()));

enum class QueryFormat { Text, Json };
cl::opt<QueryFormat>
    Format("format", cl::init(QueryFormat::Text), cl::desc("How the answer is printed"),
           cl::values(clEnumValN(QueryFormat::Text, "text", "lines for people (the default)"),
                      clEnumValN(QueryFormat::Json, "json",
                                 "one JSON document for programs (docs/json-ir.md)")),
           cl::sub(queryCommand()));
cl::opt<bool> ExitStatus("exit-status",
                         cl::desc("Exit 0 when allowed (for every source asked), 1 when denied; "
                                  "2 when there is no answer (usage or I/O error, or a policy "
                                  "with errors)"),
                         cl::sub(queryCommand()));

void usageError(const llvm::Twine &message) {
  llvm::errs() << "policyc query: error: " << message << "\n";
}

/// The node a command-line path names; reports and returns nothing when there is none.
std::optional<model::NodeId> resolveNode(const model::PolicyModel &model,
                                         model::VocabularyKind kind, llvm::StringRef option,
                                         llvm::StringRef path) {
  const model::Vocabulary &vocabulary = model.vocabulary(kind);
  if (auto id = vocabulary.find(path))
    return id;
  llvm::StringRef what = model::vocabularyName(kind);
  bool group = path == "*" || path.endswith(".*") ||
               (kind == model::VocabularyKind::Category && path == "identifying") ||
               (kind == model::VocabularyKind::Recipient && path == "external");
  if (group) {
    usageError("--" + option + " '" + path + "' names a group; a decision is about one " + what);
    return std::nullopt;
  }
  std::vector<llvm::StringRef> paths;
  for (const model::VocabularyNode &node : vocabulary.nodes)
    paths.push_back(node.path);
  usageError("unknown " + what + " '" + path + "'" + didYouMean(closestMatch(path, paths)));
  return std::nullopt;
}

std::optional<model::ConsentId> resolveConsent(const model::PolicyModel &model,
                                               llvm::StringRef name) {
  auto found = model.consentsByName.find(name);
  if (found != model.consentsByName.end())
    return found->getValue();
  std::vector<llvm::StringRef> names;
  for (const model::Consent &consent : model.consents)
    names.push_back(consent.name);
  usageError("unknown consent '" + name + "'" + didYouMean(closestMatch(name, names)));
  return std::nullopt;
}

/// The answer for one source: the decision and, when a prohibition decided, the member of
/// the question it reaches.
struct Answer {
  model::NodeId source;
  eval::Decision decision;
  /// The first member (DFS order on every axis) of the question's subtree product inside the
  /// deciding prohibition's `members` box; for a question about leaves, the question itself.
  std::optional<model::Point> member;
};

/// The member a prohibition reaches. A forbid decides the questions whose subtree product
/// meets its `members` box (model/Effects.h), so the intersection is never empty.
model::Point prohibitedMember(const model::PolicyModel &model, const model::Point &question,
                              const model::Effect &effect) {
  const model::Vocabulary *vocabularies[model::kNumAxes] = {&model.categories(), &model.sources(),
                                                            &model.purposes(), &model.recipients()};
  model::Box subtrees;
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
    subtrees.sets[axis] = vocabularies[axis]->subtree(question[axis]);
  model::Box reached = subtrees.intersect(effect.members);
  assert(!reached.empty() && "a prohibition decides only questions with a member in its box");
  return reached.first();
}

/// "use of C from S for P" or "disclosure of C from S for P to R".
std::string describe(const model::PolicyModel &model, const model::Point &point) {
  bool use = point[model::RecipientAxis] == model.usRecipient;
  std::string text = std::string(use ? "use" : "disclosure") + " of " +
                     model.categories()[point[model::CategoryAxis]].path + " from " +
                     model.sources()[point[model::SourceAxis]].path + " for " +
                     model.purposes()[point[model::PurposeAxis]].path;
  if (!use)
    text += " to " + model.recipients()[point[model::RecipientAxis]].path;
  return text;
}

void printDecision(const Answer &answer, const model::PolicyModel &model,
                   const llvm::SourceMgr &sources, llvm::raw_ostream &out) {
  const eval::Decision &decision = answer.decision;
  out << "decision: " << (decision.allowed ? "allowed" : "denied") << "\n"
      << "reason: " << eval::reasonName(decision.reason) << "\n";
  if (!decision.rule)
    return;
  out << "statement: " << decision.statement();
  if (auto loc = presumedLoc(sources, decision.rule->info.range.Start))
    out << " at " << loc->file << ":" << loc->line << ":" << loc->column;
  out << ": " << oneLineText(decision.rule->info.range) << "\n";
  // What the statement says itself needs no comment; a derived effect (an `only` limit, a
  // `never collect` reaching use) is named, or the quoted statement would seem beside the point.
  if (decision.effect->origin != model::EffectOrigin::Statement)
    out << "effect: " << model::originName(decision.effect->origin) << "\n";
  if (answer.member)
    out << "prohibited member: " << describe(model, *answer.member) << "\n";
}

llvm::json::Value nodePath(const model::Vocabulary &vocabulary, model::NodeId node) {
  return vocabulary[node].path;
}

llvm::json::Value answerJson(const Answer &answer, const model::PolicyModel &model,
                             const eval::ConsentSet &granted, const llvm::SourceMgr &sources) {
  using llvm::json::Array;
  using llvm::json::Object;
  using llvm::json::Value;
  const eval::Decision &decision = answer.decision;
  Value statement = nullptr;
  Value effect = nullptr;
  Array missing;
  if (decision.rule) {
    Value location = nullptr;
    if (auto loc = presumedLoc(sources, decision.rule->info.range.Start))
      location = Object{{"file", loc->file}, {"line", loc->line}, {"column", loc->column}};
    statement = Object{{"id", decision.statement()},
                       {"location", std::move(location)},
                       {"text", oneLineText(decision.rule->info.range)}};
    const model::Effect &deciding = *decision.effect;
    Array consents;
    for (model::ConsentId consent : deciding.consents) {
      consents.push_back(model.consents[consent].name);
      if (!granted.test(consent))
        missing.push_back(model.consents[consent].name);
    }
    effect = Object{{"index", static_cast<int64_t>(&deciding - model.effects().all().data())},
                    {"relation", model::relationName(deciding.relation)},
                    {"forbids", deciding.forbids},
                    {"origin", model::originName(deciding.origin)},
                    {"consents", std::move(consents)}};
  }
  Value member = nullptr;
  if (answer.member) {
    const model::Point &point = *answer.member;
    member = Object{{"category", nodePath(model.categories(), point[model::CategoryAxis])},
                    {"source", nodePath(model.sources(), point[model::SourceAxis])},
                    {"purpose", nodePath(model.purposes(), point[model::PurposeAxis])},
                    {"recipient", nodePath(model.recipients(), point[model::RecipientAxis])}};
  }
  return Object{{"source", nodePath(model.sources(), answer.source)},
                {"allowed", decision.allowed},
                {"reason", eval::reasonName(decision.reason)},
                {"statement", std::move(statement)},
                {"effect", std::move(effect)},
                {"missingConsents", std::move(missing)},
                {"member", std::move(member)}};
}

/// A question as resolved: one node per axis, and the sources it is asked for.
struct Question {
  model::NodeId category;
  model::NodeId purpose;
  model::NodeId recipient;
  std::vector<model::NodeId> sources; ///< one, or every source
  bool everySource;
  bool use; ///< no --recipient: a use by us

  model::Point point(model::NodeId source) const {
    return model::Effects::tuplePoint(category, source, purpose, recipient);
  }
};

std::vector<std::string> grantedNames(const model::PolicyModel &model,
                                      const eval::ConsentSet &granted) {
  std::vector<std::string> names;
  for (unsigned consent : granted.set_bits())
    names.push_back(model.consents[consent].name);
  return names;
}

/// docs/json-ir.md, "policyc query --format=json".
void printJson(const Question &question, llvm::ArrayRef<Answer> answers,
               const model::PolicyModel &model, const eval::ConsentSet &granted,
               const llvm::SourceMgr &sources, llvm::raw_ostream &out) {
  using llvm::json::Array;
  using llvm::json::Object;
  using llvm::json::Value;
  Array answerList;
  bool allowed = true;
  for (const Answer &answer : answers) {
    answerList.push_back(answerJson(answer, model, granted, sources));
    allowed = allowed && answer.decision.allowed;
  }
  Array grantedList;
  for (const std::string &name : grantedNames(model, granted))
    grantedList.push_back(name);
  Value source =
      question.everySource ? Value(nullptr) : nodePath(model.sources(), question.sources.front());
  Object resolved{{"relation", model::relationName(model::Relation::Tuple)},
                  {"kind", question.use ? "use" : "disclosure"},
                  {"category", nodePath(model.categories(), question.category)},
                  {"source", std::move(source)},
                  {"purpose", nodePath(model.purposes(), question.purpose)},
                  {"recipient", nodePath(model.recipients(), question.recipient)}};
  Object document{
      {"schema", "policyc-query/1"},       {"version", Object{{"major", 1}, {"minor", 0}}},
      {"file", File.getValue()},           {"question", std::move(resolved)},
      {"granted", std::move(grantedList)}, {"allowed", allowed},
      {"answers", std::move(answerList)}};
  out << llvm::formatv("{0:2}", Value(std::move(document))) << "\n";
}

/// The question, the consents, then each answer with the sources that share it.
void printText(const Question &question, llvm::ArrayRef<Answer> answers,
               const model::PolicyModel &model, const eval::ConsentSet &granted,
               const llvm::SourceMgr &sources, llvm::raw_ostream &out) {
  out << (question.use ? "use" : "disclosure") << " of "
      << model.categories()[question.category].path;
  if (!question.everySource)
    out << " from " << model.sources()[question.sources.front()].path;
  out << " for " << model.purposes()[question.purpose].path;
  if (!question.use)
    out << " to " << model.recipients()[question.recipient].path;
  std::vector<std::string> names = grantedNames(model, granted);
  out << "\ngranted consents: " << (names.empty() ? std::string("none") : llvm::join(names, ", "))
      << "\n";

  // Group sources by the answer, in order of first appearance. The prohibited member is part
  // of the answer; it is printed only when it is not the question itself (a question about
  // leaves, or a group the prohibition names whole).
  std::vector<std::pair<Answer, std::vector<model::NodeId>>> groups;
  for (Answer answer : answers) {
    if (answer.member && *answer.member == question.point(answer.source))
      answer.member = std::nullopt;
    auto same = [&](const auto &group) {
      const eval::Decision &first = group.first.decision;
      return first.allowed == answer.decision.allowed && first.reason == answer.decision.reason &&
             first.rule == answer.decision.rule && first.effect == answer.decision.effect &&
             group.first.member == answer.member;
    };
    auto found = std::find_if(groups.begin(), groups.end(), same);
    if (found == groups.end())
      groups.push_back({answer, {answer.source}});
    else
      found->second.push_back(answer.source);
  }
  for (const auto &[answer, members] : groups) {
    if (question.everySource) {
      out << "\nsources: ";
      if (groups.size() == 1) {
        out << "every source\n";
      } else {
        std::vector<std::string> paths;
        for (model::NodeId source : members)
          paths.push_back(model.sources()[source].path);
        out << llvm::join(paths, ", ") << "\n";
      }
    }
    printDecision(answer, model, sources, out);
  }
}
} // namespace

int runQuery() {
  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  // Under --exit-status, 1 means denied: every failure to answer exits 2.
  auto noAnswer = [](int status) {
    return ExitStatus && status == ExitFindings ? ExitUsage : status;
  };
  if (!setup.initialize(sources, /*verify=*/false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  CompiledPolicy policy = compilePolicy(File, sources, diags);
  if (policy.ioError || !policy.model || diags.hasErrors())
    return noAnswer(setup.finish(policy.ioError));
  const model::PolicyModel &model = *policy.model;

  using model::VocabularyKind;
  auto category = resolveNode(model, VocabularyKind::Category, "category", Category);
  auto purpose = resolveNode(model, VocabularyKind::Purpose, "purpose", Purpose);
  std::optional<model::NodeId> recipient = model.usRecipient;
  if (!Recipient.empty())
    recipient = resolveNode(model, VocabularyKind::Recipient, "recipient", Recipient);
  std::vector<model::NodeId> sourceIds;
  bool everySource = Source.empty();
  if (everySource) {
    for (model::NodeId id = 0; id < model.sources().size(); ++id)
      sourceIds.push_back(id);
  } else if (auto source = resolveNode(model, VocabularyKind::Source, "source", Source)) {
    sourceIds.push_back(*source);
  }

  eval::Evaluator evaluator(model);
  eval::ConsentSet granted = evaluator.defaultConsents();
  bool namesOk = category && purpose && recipient && (everySource || !sourceIds.empty());
  for (const std::string &name : Consents) {
    if (auto consent = resolveConsent(model, name))
      granted.set(*consent);
    else
      namesOk = false;
  }
  for (const std::string &name : Withdrawn) {
    if (auto consent = resolveConsent(model, name))
      granted.reset(*consent);
    else
      namesOk = false;
  }
  if (!namesOk) {
    setup.finish(false);
    return ExitUsage;
  }
  if (sourceIds.empty()) {
    usageError("the policy declares no sources, and every decision is about data from a "
               "source; declare one with `source NAME;`");
    setup.finish(false);
    return ExitUsage;
  }

  Question question{*category,   *purpose,         *recipient, std::move(sourceIds),
                    everySource, Recipient.empty()};
  std::vector<Answer> answers;
  for (model::NodeId source : question.sources) {
    model::Point point = question.point(source);
    Answer answer{source, evaluator.decide({*category, source, *purpose, *recipient}, granted),
                  std::nullopt};
    if (answer.decision.reason == eval::Reason::Prohibited)
      answer.member = prohibitedMember(model, point, *answer.decision.effect);
    answers.push_back(answer);
  }
  bool allowed =
      llvm::all_of(answers, [](const Answer &answer) { return answer.decision.allowed; });
  if (Format == QueryFormat::Json)
    printJson(question, answers, model, granted, sources, llvm::outs());
  else
    printText(question, answers, model, granted, sources, llvm::outs());
  int status = setup.finish(false);
  if (!ExitStatus || status != ExitClean)
    return noAnswer(status);
  return allowed ? ExitClean : ExitFindings;
}

} // namespace policyc::driver
