// policyc query FILE --category C [--source S] --purpose P [--recipient R] [--consent K]...:
// one decision of the reference evaluator (docs/semantics.md), with the reason and the
// statement that decided it. Without --recipient the question is a use by `us`; without
// --source it is asked for every source, and sources with the same answer are grouped.
#include "driver/Commands.h"
#include "driver/Pipeline.h"

#include "basic/SourceLocation.h"
#include "eval/Evaluator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

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

void printDecision(const eval::Decision &decision, const llvm::SourceMgr &sources,
                   llvm::raw_ostream &out) {
  out << "decision: " << (decision.allowed ? "allowed" : "denied") << "\n"
      << "reason: " << eval::reasonName(decision.reason) << "\n";
  if (!decision.rule)
    return;
  out << "statement: " << decision.statement();
  if (auto loc = presumedLoc(sources, decision.rule->info.range.Start))
    out << " at " << loc->file << ":" << loc->line << ":" << loc->column;
  out << ": " << oneLineText(decision.rule->info.range) << "\n";
}
} // namespace

int runQuery() {
  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, /*verify=*/false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  CompiledPolicy policy = compilePolicy(File, sources, diags);
  if (policy.ioError || !policy.model || diags.hasErrors())
    return setup.finish(policy.ioError);
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

  llvm::raw_ostream &out = llvm::outs();
  bool use = *recipient == model.usRecipient && Recipient.empty();
  out << (use ? "use" : "disclosure") << " of " << model.categories()[*category].path;
  if (!everySource)
    out << " from " << model.sources()[sourceIds.front()].path;
  out << " for " << model.purposes()[*purpose].path;
  if (!use)
    out << " to " << model.recipients()[*recipient].path;
  out << "\ngranted consents: ";
  std::vector<std::string> grantedNames;
  for (unsigned consent : granted.set_bits())
    grantedNames.push_back(model.consents[consent].name);
  out << (grantedNames.empty() ? std::string("none") : llvm::join(grantedNames, ", ")) << "\n";

  // Group sources by the decision, in order of first appearance.
  std::vector<std::pair<eval::Decision, std::vector<model::NodeId>>> groups;
  for (model::NodeId source : sourceIds) {
    eval::Decision decision = evaluator.decide({*category, source, *purpose, *recipient}, granted);
    auto same = [&](const auto &group) {
      return group.first.allowed == decision.allowed && group.first.reason == decision.reason &&
             group.first.rule == decision.rule;
    };
    auto found = std::find_if(groups.begin(), groups.end(), same);
    if (found == groups.end())
      groups.push_back({decision, {source}});
    else
      found->second.push_back(source);
  }
  for (const auto &[decision, members] : groups) {
    if (everySource) {
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
    printDecision(decision, sources, out);
  }
  return setup.finish(false);
}

} // namespace policyc::driver
