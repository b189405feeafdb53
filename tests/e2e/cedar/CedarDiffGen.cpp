// policyc_cedar_diffgen --out DIR --seed S --count N --chunks M --sample K [POLICY...]
//
// Writes what tests/e2e/cedar/cedar-diff.cjs needs to hold the Cedar backend to the reference
// evaluator: for N random policies (seeded, deterministic) and for each POLICY, a folder
// DIR/NAME with
//   policy.cedar, entities.json, schema.cedarschema   gen cedar, cedar-entities, cedar-schema
//   effects.json     the key of every policy the set may hold: the effects of the model in
//                    order, then the well-formedness forbid of each action
//   requests.jsonl   a header line, then one request per line with the expected answer
// and manifests DIR/random-J.list (J < M, the random policies in M chunks) and DIR/NAME.list
// naming the folders each test run of the driver reads.
//
// Which questions (see docs/design-decisions.md):
// - random policies (small ones: at most 2 top-level nodes a vocabulary, 2 children a node,
//   3 levels, 3 consents; a seed whose policy has more than kRandomQuestionLimit questions
//   is passed over): every question, on every relation, about every node (inner nodes
//   included) of every axis, under every subset of the consents when the policy has at most
//   kAllSubsetsUpTo of them, else under the families of consentFamilies();
// - a POLICY: the same when that is at most kExhaustiveLimit questions, else K sampled ones
//   that include questions every effect decides (the tool fails when an effect that can decide
//   a question decides none of them);
// - for every policy, requests that must be denied whatever the policy says: each context
//   attribute missing, unknown ids and entities of the wrong type in every position, a
//   consent the policy does not declare, values of the wrong kind, and `collect`/`link` asked
//   by another principal than `us`.
// Each regular request carries the evaluator's decision, its deciding statement and the exact
// set of policies Cedar must report as determining (the forbids whose questions box holds the
// question, else the permits that hold with the granted consents).
#include "ErrorCollector.h"
#include "RandomPolicy.h"

#include "basic/DiagnosticEngine.h"
#include "basic/OutputFile.h"
#include "eval/Evaluator.h"
#include "frontend/Compilation.h"
#include "gen/Generator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace policyc;
using model::Axis;
using model::NodeId;
using model::Relation;

namespace {

constexpr unsigned kAllSubsetsUpTo = 4;
constexpr unsigned kRandomSubsets = 8;
constexpr uint64_t kExhaustiveLimit = 200000;
constexpr uint64_t kRandomQuestionLimit = 12000;
constexpr unsigned kDecidedPerEffect = 8;

/// The action of each relation (indexed by model::Relation), restated from docs/cpp-api.md
/// rather than read from the generator, so that a disagreement is a test failure.
constexpr const char *kActions[] = {"collect", "process", "link"};

struct Compiled {
  llvm::SourceMgr sources;
  difftest::ErrorCollector errors;
  std::unique_ptr<DiagnosticEngine> diags;
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<model::PolicyModel> model;
};

std::unique_ptr<Compiled> compile(const std::string &path) {
  auto result = std::make_unique<Compiled>();
  DiagnosticOptions options;
  options.errorLimit = 0;
  result->diags = std::make_unique<DiagnosticEngine>(result->sources, result->errors, options);
  result->compilation = std::make_unique<Compilation>(result->sources, *result->diags);
  if (!result->compilation->loadRoot(path))
    return nullptr;
  result->model = result->compilation->analyze();
  if (!result->model || result->diags->hasErrors()) {
    llvm::errs() << path << ": front-end errors:\n" << result->errors.messages;
    return nullptr;
  }
  return result;
}

bool write(const std::string &path, const std::string &text) {
  WriteResult result = writeOutputFile(path, text);
  if (result.outcome != WriteOutcome::Failed)
    return true;
  llvm::errs() << "cannot write " << path << ": " << result.error << "\n";
  return false;
}

/// A JSON string literal.
std::string quoted(llvm::StringRef text) {
  std::string result;
  llvm::raw_string_ostream out(result);
  out << llvm::json::Value(text.str());
  return out.str();
}

/// Seeded std::mt19937_64, whose output the standard fixes: the same requests everywhere.
class Random {
public:
  explicit Random(uint64_t seed) : engine(seed) {}
  size_t below(size_t bound) { return bound == 0 ? 0 : static_cast<size_t>(engine() % bound); }

  /// A node of `set`, uniformly.
  NodeId pick(const model::NodeSet &set) {
    uint64_t index = below(set.count());
    for (const model::Interval &interval : set.getIntervals()) {
      uint64_t length = uint64_t{interval.last} - interval.first + 1;
      if (index < length)
        return static_cast<NodeId>(interval.first + index);
      index -= length;
    }
    return set.getIntervals().front().first;
  }

private:
  std::mt19937_64 engine;
};

struct Question {
  Relation relation;
  model::Point point;
  eval::ConsentSet granted;
};

class PolicyWriter {
public:
  PolicyWriter(Compiled &compiled, std::string path, std::string dir, uint64_t seed)
      : compiled(compiled), model(*compiled.model), evaluator(model),
        effects(model.effects().all()), path(std::move(path)), dir(std::move(dir)), random(seed) {}

  /// Writes the folder; `sample` > 0 samples that many questions when there are too many to
  /// ask them all.
  bool run(size_t sample) {
    if (!generateFiles() || !writeKeys())
      return false;
    std::vector<eval::ConsentSet> subsets = consentFamilies();
    bool exhaustive = sample == 0 || exhaustiveCount() <= kExhaustiveLimit;
    if (exhaustive) {
      for (Relation relation : {Relation::Collect, Relation::Tuple, Relation::Link})
        forEachQuestion(relation, [&](const model::Point &point) {
          for (const eval::ConsentSet &granted : subsets)
            addRegular({relation, point, granted});
        });
    } else if (!sampleQuestions(sample)) {
      return false;
    }
    addMalformed();
    llvm::outs() << path << ": " << effects.size() << " effects, " << model.consents.size()
                 << " consents, " << regularCount << " questions ("
                 << (exhaustive
                         ? "every question x " + std::to_string(subsets.size()) + " consent sets"
                         : std::string("sampled"))
                 << "), " << malformedCount << " requests that must be denied; effects deciding "
                 << "some question: " << decidedEffects() << " of " << effects.size() << "\n";
    std::string header = "{\"policy\":" + quoted(path) + ",\"consents\":[";
    for (size_t i = 0; i < model.consents.size(); ++i)
      header += (i ? "," : "") + quoted(model.consents[i].name);
    header += "],\"regular\":" + std::to_string(regularCount) +
              ",\"malformed\":" + std::to_string(malformedCount) + "}\n";
    return write(dir + "/requests.jsonl", header + lines);
  }

  /// How many questions asking every one takes: every question under every consent set of
  /// consentFamilies().
  uint64_t exhaustiveCount() const {
    uint64_t total = 0;
    for (Relation relation : {Relation::Collect, Relation::Tuple, Relation::Link})
      total += questionCount(relation);
    size_t n = model.consents.size();
    return total * (n <= kAllSubsetsUpTo ? uint64_t{1} << n : 3 + 2 * n + kRandomSubsets);
  }

private:
  // --- files ----------------------------------------------------------------------------

  bool generateFiles() {
    gen::GeneratorOptions options;
    options.sourcePath = path;
    gen::GeneratorContext context{model, compiled.sources, options, *compiled.diags};
    struct Output {
      const char *name;
      gen::GeneratorFunction generate;
    };
    llvm::sys::fs::create_directories(dir);
    for (Output output : {Output{"policy.cedar", gen::generateCedar},
                          Output{"entities.json", gen::generateCedarEntities},
                          Output{"schema.cedarschema", gen::generateCedarSchema}}) {
      std::string text;
      llvm::raw_string_ostream out(text);
      if (!output.generate(context, out)) {
        llvm::errs() << path << ": " << output.name << " failed:\n" << compiled.errors.messages;
        return false;
      }
      if (!write(dir + "/" + output.name, out.str()))
        return false;
    }
    return true;
  }

  /// effects.json: the key (action, statement, origin) of each effect, then of each action's
  /// well-formedness forbid. The driver maps every Cedar policy to one of them.
  bool writeKeys() {
    llvm::json::Array keys;
    std::map<std::string, size_t> seen;
    auto add = [&](const char *action, uint32_t statement, llvm::StringRef origin, bool forbids) {
      std::string key = std::string(action) + "|" + std::to_string(statement) + "|" + origin.str();
      if (!seen.emplace(key, keys.size()).second) {
        llvm::errs() << path << ": two effects have the key " << key << "\n";
        return false;
      }
      keys.push_back(llvm::json::Object{{"action", action},
                                        {"statement", statement},
                                        {"origin", origin},
                                        {"forbids", forbids},
                                        {"key", key}});
      return true;
    };
    for (const model::Effect &effect : effects)
      if (!add(kActions[static_cast<unsigned>(effect.relation)], effect.statement(),
               model::originName(effect.origin), effect.forbids))
        return false;
    for (unsigned relation = 0; relation < model::kNumRelations; ++relation)
      if (!add(kActions[relation], 0, "malformed-request", true))
        return false;
    std::string text;
    llvm::raw_string_ostream out(text);
    out << llvm::formatv("{0:1}", llvm::json::Value(std::move(keys))) << "\n";
    return write(dir + "/effects.json", out.str());
  }

  size_t malformedIndex(Relation relation) const {
    return effects.size() + static_cast<size_t>(relation);
  }

  // --- questions ------------------------------------------------------------------------

  /// The declared nodes of each axis of `relation` (the axes it does not use hold point 0).
  std::array<model::NodeSet, model::kNumAxes> axisNodes(Relation relation) const {
    std::array<const model::Vocabulary *, model::kNumAxes> vocabularies =
        model.effects().axisVocabularies(relation);
    std::array<model::NodeSet, model::kNumAxes> sets;
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
      sets[axis] = vocabularies[axis] ? vocabularies[axis]->all() : model::unusedAxis();
    if (relation != Relation::Tuple)
      sets[model::RecipientAxis] = model::unusedAxis();
    return sets;
  }

  uint64_t questionCount(Relation relation) const {
    uint64_t count = 1;
    for (const model::NodeSet &set : axisNodes(relation))
      count *= set.count();
    return count;
  }

  template <typename F> void forEachQuestion(Relation relation, F &&visit) const {
    std::array<model::NodeSet, model::kNumAxes> sets = axisNodes(relation);
    if (llvm::any_of(sets, [](const model::NodeSet &set) { return set.empty(); }))
      return;
    model::Point point;
    std::function<void(unsigned)> walk = [&](unsigned axis) {
      if (axis == model::kNumAxes) {
        visit(point);
        return;
      }
      for (const model::Interval &interval : sets[axis].getIntervals())
        for (NodeId id = interval.first; id <= interval.last; ++id) {
          point[axis] = id;
          walk(axis + 1);
        }
    };
    walk(0);
  }

  /// Every subset of the consents when there are few; else none, all, the defaults, each one
  /// alone, all but each one, and kRandomSubsets seeded random subsets.
  std::vector<eval::ConsentSet> consentFamilies() {
    size_t n = model.consents.size();
    std::vector<eval::ConsentSet> result;
    if (n <= kAllSubsetsUpTo) {
      for (uint64_t mask = 0; mask < (uint64_t{1} << n); ++mask) {
        eval::ConsentSet granted(n);
        for (size_t i = 0; i < n; ++i)
          if (mask >> i & 1)
            granted.set(i);
        result.push_back(granted);
      }
      return result;
    }
    result.push_back(evaluator.noConsents());
    result.push_back(evaluator.allConsents());
    result.push_back(evaluator.defaultConsents());
    for (size_t i = 0; i < n; ++i) {
      eval::ConsentSet one(n), allBut(n, true);
      one.set(i);
      allBut.reset(i);
      result.push_back(one);
      result.push_back(allBut);
    }
    for (unsigned k = 0; k < kRandomSubsets; ++k)
      result.push_back(randomConsents());
    return result;
  }

  eval::ConsentSet randomConsents() {
    eval::ConsentSet granted(model.consents.size());
    for (size_t i = 0; i < model.consents.size(); ++i)
      if (random.below(2))
        granted.set(i);
    return granted;
  }

  /// A random point of `box` on the axes `relation` uses, or nullopt when the box holds no
  /// declared question.
  std::optional<model::Point> pointIn(Relation relation, const model::Box &box) {
    std::array<model::NodeSet, model::kNumAxes> sets = axisNodes(relation);
    model::Point point;
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
      model::NodeSet set = box.sets[axis].intersect(sets[axis]);
      if (set.empty())
        return std::nullopt;
      point[axis] = random.pick(set);
    }
    return point;
  }

  /// The seed policies: questions every effect decides, then a mix, K in all.
  bool sampleQuestions(size_t sample) {
    for (const model::Effect &effect : effects) {
      eval::ConsentSet granted(model.consents.size());
      for (model::ConsentId consent : effect.consents)
        granted.set(consent);
      unsigned found = 0;
      for (unsigned attempt = 0; attempt < 400 && found < kDecidedPerEffect; ++attempt) {
        std::optional<model::Point> point = pointIn(effect.relation, effect.questions);
        if (!point)
          break;
        if (evaluator.decide(effect.relation, *point, granted).effect != &effect)
          continue;
        addRegular({effect.relation, *point, granted});
        ++found;
      }
      if (found == 0 && !searchDecided(effect, granted))
        return false;
    }
    std::vector<Relation> mix = {Relation::Tuple, Relation::Tuple, Relation::Tuple,
                                 Relation::Collect, Relation::Link};
    while (regularCount < sample) {
      Relation relation = mix[random.below(mix.size())];
      std::optional<model::Point> point;
      if (random.below(10) < 7) {
        // Inside some effect of the relation, where the answers are interesting.
        std::vector<const model::Effect *> candidates;
        for (const model::Effect &effect : effects)
          if (effect.relation == relation)
            candidates.push_back(&effect);
        if (!candidates.empty())
          point = pointIn(relation, candidates[random.below(candidates.size())]->questions);
      }
      if (!point) {
        model::Box everything;
        everything.sets = axisNodes(relation);
        point = pointIn(relation, everything);
      }
      if (!point)
        continue;
      eval::ConsentSet granted;
      switch (random.below(4)) {
      case 0:
        granted = evaluator.defaultConsents();
        break;
      case 1:
        granted = evaluator.allConsents();
        break;
      case 2:
        granted = evaluator.noConsents();
        break;
      default:
        granted = randomConsents();
      }
      addRegular({relation, *point, granted});
    }
    std::vector<std::string> missing;
    for (size_t i = 0; i < effects.size(); ++i)
      if (!decided[i] && !undecidable[i])
        missing.push_back(std::to_string(effects[i].statement()));
    if (!missing.empty()) {
      llvm::errs() << path << ": no sampled question is decided by the effects of statements "
                   << llvm::join(missing, ", ") << "\n";
      return false;
    }
    return true;
  }

  /// Every question of the effect's box, in order, until one it decides; false only on a
  /// box too large to search. An effect that decides no question at all (a statement that
  /// others shadow entirely) is recorded and printed, not an error of Cedar's.
  bool searchDecided(const model::Effect &effect, const eval::ConsentSet &granted) {
    size_t index = static_cast<size_t>(&effect - effects.data());
    std::optional<model::Point> found;
    std::array<model::NodeSet, model::kNumAxes> sets = axisNodes(effect.relation);
    uint64_t size = 1;
    for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
      size *= effect.questions.sets[axis].intersect(sets[axis]).count();
    if (size > 50'000'000) {
      llvm::errs() << path << ": statement " << effect.statement()
                   << ": box too large to search for a question it decides\n";
      return false;
    }
    forEachQuestion(effect.relation, [&](const model::Point &point) {
      if (!found && effect.questions.contains(point) &&
          evaluator.decide(effect.relation, point, granted).effect == &effect)
        found = point;
    });
    if (!found) {
      undecidable[index] = true;
      llvm::outs() << path << ": statement " << effect.statement() << " ("
                   << model::originName(effect.origin)
                   << ") decides no question: other statements decide all of its box\n";
      return true;
    }
    addRegular({effect.relation, *found, granted});
    return true;
  }

  size_t decidedEffects() const { return static_cast<size_t>(llvm::count(decided, true)); }

  // --- requests -------------------------------------------------------------------------

  std::string nodePath(model::VocabularyKind kind, NodeId id) const {
    return model.vocabulary(kind)[id].path;
  }

  /// The indices of the effects Cedar must report as determining: the forbids whose box
  /// holds the question, else the permits that hold under `granted`.
  std::vector<size_t> determining(const Question &question) const {
    std::vector<size_t> forbids, permits;
    for (size_t i = 0; i < effects.size(); ++i) {
      const model::Effect &effect = effects[i];
      if (effect.relation != question.relation || !effect.questions.contains(question.point))
        continue;
      if (effect.forbids)
        forbids.push_back(i);
      else if (llvm::all_of(effect.consents, [&](model::ConsentId consent) {
                 return question.granted.test(consent);
               }))
        permits.push_back(i);
    }
    return forbids.empty() ? permits : forbids;
  }

  static std::string indexList(const std::vector<size_t> &indices) {
    std::string result = "[";
    for (size_t i = 0; i < indices.size(); ++i)
      result += (i ? "," : "") + std::to_string(indices[i]);
    return result + "]";
  }

  std::string principalPath(const Question &question) const {
    NodeId recipient = question.relation == Relation::Tuple ? question.point[model::RecipientAxis]
                                                            : model.usRecipient;
    return nodePath(model::VocabularyKind::Recipient, recipient);
  }

  /// [action, principal, resource, source, purpose|linked|null, [consents], allowed,
  ///  statement, [determining]]
  void addRegular(const Question &question) {
    eval::Decision decision = evaluator.decide(question.relation, question.point, question.granted);
    std::vector<size_t> expected = determining(question);
    // The expectations are the evaluator's: hold the determining sets to its answer.
    bool consistent = true;
    if (decision.effect) {
      size_t index = static_cast<size_t>(decision.effect - effects.data());
      bool listed = llvm::is_contained(expected, index);
      consistent = decision.reason == eval::Reason::ConsentMissing ? expected.empty() : listed;
      decided[index] = decided[index] || decision.reason != eval::Reason::ConsentMissing;
    } else {
      consistent = expected.empty();
    }
    if (!consistent) {
      llvm::errs() << path << ": the effects disagree with the evaluator on a question\n";
      std::exit(1);
    }
    const model::Point &point = question.point;
    std::string third = "null";
    if (question.relation == Relation::Tuple)
      third = quoted(nodePath(model::VocabularyKind::Purpose, point[model::PurposeAxis]));
    else if (question.relation == Relation::Link)
      third = quoted(nodePath(model::VocabularyKind::Category, point[model::LinkedAxis]));
    std::string consents = "[";
    bool first = true;
    for (unsigned i : question.granted.set_bits()) {
      consents += (first ? "" : ",") + std::to_string(i);
      first = false;
    }
    consents += "]";
    lines += "[\"" + std::string(kActions[static_cast<unsigned>(question.relation)]) + "\"," +
             quoted(principalPath(question)) + "," +
             quoted(nodePath(model::VocabularyKind::Category, point[model::CategoryAxis])) + "," +
             quoted(nodePath(model::VocabularyKind::Source, point[model::SourceAxis])) + "," +
             third + "," + consents + "," + (decision.allowed ? "1" : "0") + "," +
             std::to_string(decision.statement()) + "," + indexList(expected) + "]\n";
    ++regularCount;
  }

  // --- requests every policy must deny --------------------------------------------------

  // json::Value keeps a StringRef without copying it: names go in as std::string.
  static llvm::json::Value entity(llvm::StringRef type, const std::string &id) {
    return llvm::json::Object{{"type", type.str()}, {"id", id}};
  }
  static llvm::json::Value entityValue(llvm::StringRef type, const std::string &id) {
    return llvm::json::Object{{"__entity", entity(type, id)}};
  }

  /// The Cedar request for a question, as cedar-wasm takes it.
  llvm::json::Object request(const Question &question, bool withConsents = true) const {
    const model::Point &point = question.point;
    llvm::json::Object context;
    context["source"] =
        entityValue("Source", nodePath(model::VocabularyKind::Source, point[model::SourceAxis]));
    if (question.relation == Relation::Tuple)
      context["purpose"] = entityValue(
          "Purpose", nodePath(model::VocabularyKind::Purpose, point[model::PurposeAxis]));
    if (question.relation == Relation::Link)
      context["linked"] = entityValue(
          "Category", nodePath(model::VocabularyKind::Category, point[model::LinkedAxis]));
    if (withConsents) {
      llvm::json::Array consents;
      for (unsigned i : question.granted.set_bits())
        consents.push_back(model.consents[i].name);
      context["consents"] = std::move(consents);
    }
    return llvm::json::Object{
        {"principal", entity("Recipient", principalPath(question))},
        {"action", entity("Action", kActions[static_cast<unsigned>(question.relation)])},
        {"resource",
         entity("Category", nodePath(model::VocabularyKind::Category, point[model::CategoryAxis]))},
        {"context", std::move(context)}};
  }

  /// A request that must be denied. `exact`: the determining set, else `mustInclude` a
  /// subset of it; `errors`: whether Cedar may report evaluation errors (a value of the
  /// wrong kind makes every policy reading it error, which Cedar skips: still a deny);
  /// `schemaRejects`: request validation against the generated schema must refuse it.
  void addDenied(const std::string &label, llvm::json::Object call,
                 std::optional<std::vector<size_t>> exact, std::vector<size_t> mustInclude,
                 bool errors, bool schemaRejects) {
    llvm::json::Object line{{"label", label},
                            {"request", std::move(call)},
                            {"allowed", false},
                            {"errors", errors},
                            {"schemaRejects", schemaRejects}};
    auto array = [](const std::vector<size_t> &indices) {
      llvm::json::Array result;
      for (size_t index : indices)
        result.push_back(static_cast<int64_t>(index));
      return result;
    };
    if (exact)
      line["determining"] = array(*exact);
    line["mustInclude"] = array(mustInclude);
    std::string text;
    llvm::raw_string_ostream out(text);
    out << llvm::json::Value(std::move(line)) << "\n";
    lines += out.str();
    ++malformedCount;
  }

  /// The forbids of the relation that hold for `question` with the axes in `missing` unknown:
  /// a forbid must hold when an attribute it tests is missing.
  std::vector<size_t> forbidsWithout(const Question &question, llvm::ArrayRef<Axis> missing) const {
    std::vector<size_t> result;
    for (size_t i = 0; i < effects.size(); ++i) {
      const model::Effect &effect = effects[i];
      if (effect.relation != question.relation || !effect.forbids)
        continue;
      bool holds = true;
      for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
        if (!llvm::is_contained(missing, static_cast<Axis>(axis)) &&
            !effect.questions.sets[axis].contains(question.point[axis]))
          holds = false;
      if (holds)
        result.push_back(i);
    }
    return result;
  }

  /// An id no vocabulary declares, close to `path` (a typo, or a name a later version removed).
  std::string typo(llvm::StringRef path) const {
    std::string candidate = path.str() + "x";
    while (llvm::any_of(model.vocabularies, [&](const model::Vocabulary &vocabulary) {
      return vocabulary.find(candidate).has_value();
    }))
      candidate += "x";
    return candidate;
  }

  void addMalformed() {
    for (Relation relation : {Relation::Collect, Relation::Tuple, Relation::Link}) {
      // Bases: a question allowed with every consent when there is one (so that denying it
      // takes the fail-closed rules), and the first effect's question of each forbid.
      std::vector<Question> bases;
      eval::ConsentSet all = evaluator.allConsents();
      std::optional<model::Point> allowed;
      forEachQuestion(relation, [&](const model::Point &point) {
        if (!allowed && evaluator.decide(relation, point, all).allowed)
          allowed = point;
      });
      if (!allowed)
        forEachQuestion(relation, [&](const model::Point &point) {
          if (!allowed)
            allowed = point;
        });
      if (!allowed)
        continue; // a vocabulary of the relation is empty: no request can be well-formed
      bases.push_back({relation, *allowed, all});
      for (const model::Effect &effect : effects)
        if (effect.relation == relation && effect.forbids)
          if (std::optional<model::Point> point = pointIn(relation, effect.questions))
            bases.push_back({relation, *point, all});
      for (const Question &base : bases)
        addMissingAttributes(base);
      addUnknownEntities(bases.front());
    }
  }

  /// The context attributes naming nodes, with their axes.
  static std::vector<std::pair<const char *, Axis>> contextAxes(Relation relation) {
    std::vector<std::pair<const char *, Axis>> result = {{"source", model::SourceAxis}};
    if (relation == Relation::Tuple)
      result.push_back({"purpose", model::PurposeAxis});
    if (relation == Relation::Link)
      result.push_back({"linked", model::LinkedAxis});
    return result;
  }

  /// Each context attribute missing, and all of them: the well-formedness forbid and exactly
  /// the forbids that hold whatever the missing values are must be determining.
  void addMissingAttributes(const Question &base) {
    size_t wellFormed = malformedIndex(base.relation);
    std::vector<Axis> every;
    for (auto [name, axis] : contextAxes(base.relation)) {
      every.push_back(axis);
      llvm::json::Object call = request(base);
      call.getObject("context")->erase(name);
      std::vector<size_t> exact = forbidsWithout(base, {axis});
      exact.push_back(wellFormed);
      addDenied(std::string("missing ") + name, std::move(call), exact, {}, false, true);
    }
    std::vector<size_t> exact = forbidsWithout(base, {});
    exact.push_back(wellFormed);
    addDenied("missing consents", request(base, /*withConsents=*/false), exact, {}, false, true);
    llvm::json::Object call = request(base);
    call["context"] = llvm::json::Object{};
    exact = forbidsWithout(base, every);
    exact.push_back(wellFormed);
    addDenied("empty context", std::move(call), exact, {}, false, true);
  }

  void addUnknownEntities(const Question &base) {
    Relation relation = base.relation;
    size_t wellFormed = malformedIndex(relation);
    auto typed = [&](const char *position, const char *type, const std::string &id) {
      llvm::json::Object call = request(base);
      if (llvm::StringRef(position) == "principal" || llvm::StringRef(position) == "resource")
        call[position] = entity(type, id);
      else
        (*call.getObject("context"))[position] = entityValue(type, id);
      return call;
    };
    struct Position {
      const char *name;
      model::VocabularyKind kind;
      NodeId id;
    };
    std::vector<Position> positions = {
        {"resource", model::VocabularyKind::Category, base.point[model::CategoryAxis]},
        {"source", model::VocabularyKind::Source, base.point[model::SourceAxis]}};
    if (relation == Relation::Tuple) {
      positions.push_back(
          {"principal", model::VocabularyKind::Recipient, base.point[model::RecipientAxis]});
      positions.push_back(
          {"purpose", model::VocabularyKind::Purpose, base.point[model::PurposeAxis]});
    } else {
      positions.push_back({"principal", model::VocabularyKind::Recipient, model.usRecipient});
    }
    if (relation == Relation::Link)
      positions.push_back(
          {"linked", model::VocabularyKind::Category, base.point[model::LinkedAxis]});
    for (const Position &position : positions) {
      llvm::StringRef type = cedar(position.kind);
      std::string path = nodePath(position.kind, position.id);
      addDenied(std::string("unknown ") + position.name,
                typed(position.name, type.data(), typo(path)), std::nullopt, {}, false, false);
      // The same id as an entity of each other type (which the entities may even hold).
      for (model::VocabularyKind other :
           {model::VocabularyKind::Category, model::VocabularyKind::Source,
            model::VocabularyKind::Purpose, model::VocabularyKind::Recipient}) {
        if (other == position.kind)
          continue;
        const model::Vocabulary &vocabulary = model.vocabulary(other);
        std::string id = vocabulary.size() ? vocabulary[0].path : path;
        addDenied(std::string(position.name) + " of type " + cedar(other).str(),
                  typed(position.name, cedar(other).data(), id), std::nullopt, {wellFormed}, false,
                  true);
      }
    }
    // Values of the wrong kind: Cedar errors on every policy reading them, and skips it.
    {
      llvm::json::Object call = request(base);
      (*call.getObject("context"))["source"] =
          nodePath(model::VocabularyKind::Source, base.point[model::SourceAxis]);
      addDenied("source as a string", std::move(call), std::nullopt, {}, true, true);
    }
    if (!model.consents.empty()) {
      llvm::json::Object call = request(base);
      (*call.getObject("context"))["consents"] = model.consents[0].name;
      addDenied("consents as a string", std::move(call), std::nullopt, {}, true, true);
    }
    {
      llvm::json::Object call = request(base);
      std::string name = "not_a_consent";
      while (model.consentsByName.count(name))
        name += "x";
      call.getObject("context")->getArray("consents")->push_back(name);
      addDenied("undeclared consent", std::move(call), std::nullopt, {wellFormed}, false, false);
    }
    if (relation != Relation::Tuple) {
      // collect and link are asked by `us` only.
      const model::Vocabulary &recipients = model.recipients();
      for (NodeId id = 0; id < recipients.size(); ++id) {
        if (id == model.usRecipient)
          continue;
        llvm::json::Object call = request(base);
        call["principal"] = entity("Recipient", recipients[id].path);
        addDenied("principal other than us", std::move(call), std::nullopt, {}, false, false);
        break;
      }
    }
  }

  static llvm::StringRef cedar(model::VocabularyKind kind) {
    switch (kind) {
    case model::VocabularyKind::Category:
      return "Category";
    case model::VocabularyKind::Source:
      return "Source";
    case model::VocabularyKind::Purpose:
      return "Purpose";
    case model::VocabularyKind::Recipient:
      return "Recipient";
    }
    return "Category";
  }

  Compiled &compiled;
  const model::PolicyModel &model;
  eval::Evaluator evaluator;
  llvm::ArrayRef<model::Effect> effects;
  std::string path;
  std::string dir;
  Random random;
  std::string lines;
  size_t regularCount = 0;
  size_t malformedCount = 0;
  std::vector<bool> decided = std::vector<bool>(effects.size(), false);
  std::vector<bool> undecidable = std::vector<bool>(effects.size(), false);
};

} // namespace

int main(int argc, char **argv) {
  std::string outDir;
  uint64_t seed = 1;
  unsigned count = 0;
  unsigned chunks = 1;
  size_t sample = 100000;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--out" && i + 1 < argc)
      outDir = argv[++i];
    else if (arg == "--seed" && i + 1 < argc)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--count" && i + 1 < argc)
      count = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    else if (arg == "--chunks" && i + 1 < argc)
      chunks = std::max(1u, static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10)));
    else if (arg == "--sample" && i + 1 < argc)
      sample = std::strtoull(argv[++i], nullptr, 10);
    else if (arg.startswith("-"))
      break;
    else
      files.push_back(arg.str());
  }
  if (outDir.empty()) {
    llvm::errs() << "usage: policyc_cedar_diffgen --out DIR [--seed S] [--count N] [--chunks M] "
                    "[--sample K] [POLICY...]\n";
    return 2;
  }
  llvm::sys::fs::create_directories(outDir);

  // Small random policies: Cedar costs a fraction of a millisecond a decision, and each is
  // asked every question under every consent set. A seed whose policy has more than
  // kRandomQuestionLimit of them is passed over for the next one.
  test::RandomPolicyShape shape;
  shape.categoryRoots = shape.sourceRoots = shape.purposeRoots = shape.recipientRoots = 2;
  shape.maxChildren = 2;
  shape.maxConsents = 3;
  std::vector<std::string> manifests(chunks);
  unsigned skipped = 0;
  uint64_t next = seed;
  for (unsigned i = 0; i < count; ++next) {
    std::string name = "random_" + std::to_string(i);
    std::string path = outDir + "/" + name + ".policy";
    if (!write(path, test::randomPolicy(next, shape)))
      return 1;
    std::unique_ptr<Compiled> compiled = compile(path);
    if (!compiled)
      return 1;
    PolicyWriter writer(*compiled, path, outDir + "/" + name, next);
    if (writer.exhaustiveCount() > kRandomQuestionLimit) {
      ++skipped;
      continue;
    }
    if (!writer.run(/*sample=*/0))
      return 1;
    manifests[i * chunks / count] += name + "\n";
    ++i;
  }
  llvm::outs() << count << " random policies from seeds " << seed << " to " << next - 1 << " ("
               << skipped << " passed over for more than " << kRandomQuestionLimit
               << " questions)\n";
  for (unsigned j = 0; j < chunks; ++j)
    if (!write(outDir + "/random-" + std::to_string(j) + ".list", manifests[j]))
      return 1;
  std::set<std::string> names;
  for (const std::string &path : files) {
    std::string name = llvm::sys::path::stem(path).str();
    if (!names.insert(name).second) {
      llvm::errs() << path << ": another policy has the name " << name << "\n";
      return 2;
    }
    std::unique_ptr<Compiled> compiled = compile(path);
    if (!compiled) {
      llvm::errs() << path << ": the policy must compile without front-end errors\n";
      return 1;
    }
    if (!PolicyWriter(*compiled, path, outDir + "/" + name, seed).run(sample) ||
        !write(outDir + "/" + name + ".list", name + "\n"))
      return 1;
  }
  return 0;
}
