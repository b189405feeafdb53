// policyc_bench_inputs POLICY OUT_DIR: everything bench/decisions needs from one policy,
// generated in-process (so the benchmark builds even while the checker rejects the policy):
//   policy.hpp        the C++ header, namespace `bench_policy`
//   policy.cedar      the Cedar policy set; entities.json its entities
//   tuples.txt        a realistic mix of 4096 disclosure questions with the reference
//                     evaluator's answers: "category source recipient purpose consents allowed"
//
// The mix, seeded and deterministic: 60 % of the questions fall inside some permit (what a
// service that follows its policy asks), 20 % inside some prohibition, 20 % anywhere; half
// are asked with the default consents, half with a random set.
#include "basic/DiagnosticEngine.h"
#include "basic/OutputFile.h"
#include "eval/Evaluator.h"
#include "frontend/Compilation.h"
#include "gen/Generator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <random>
#include <vector>

using namespace policyc;

namespace {

constexpr size_t kTuples = 4096;

class Errors : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &) override {
    if (diagnostic.severity >= Severity::Error)
      llvm::errs() << "error: " << diagnostic.message << "\n";
  }
};

/// Seeded std::mt19937_64, whose output the standard fixes: the same questions everywhere.
class Random {
public:
  size_t below(size_t bound) { return bound == 0 ? 0 : static_cast<size_t>(engine() % bound); }

private:
  std::mt19937_64 engine{20261129};
};

/// A random node of `set`, or of the whole vocabulary when the set is empty.
model::NodeId pick(Random &random, const model::NodeSet &set, model::NodeId size) {
  uint64_t count = set.count();
  if (count == 0)
    return static_cast<model::NodeId>(random.below(size));
  uint64_t index = random.below(count);
  for (const model::Interval &interval : set.getIntervals()) {
    uint64_t length = uint64_t{interval.last} - interval.first + 1;
    if (index < length)
      return static_cast<model::NodeId>(interval.first + index);
    index -= length;
  }
  return set.getIntervals().front().first;
}

bool write(const std::string &path, const std::string &text) {
  WriteResult result = writeOutputFile(path, text);
  if (result.outcome == WriteOutcome::Failed)
    llvm::errs() << "cannot write " << path << ": " << result.error << "\n";
  return result.outcome != WriteOutcome::Failed;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: policyc_bench_inputs POLICY OUT_DIR\n";
    return 2;
  }
  std::string policyPath = argv[1];
  std::string outDir = argv[2];
  llvm::sys::fs::create_directories(outDir);

  llvm::SourceMgr sources;
  Errors errors;
  DiagnosticEngine diags(sources, errors);
  Compilation compilation(sources, diags);
  if (!compilation.loadRoot(policyPath))
    return 1;
  std::unique_ptr<model::PolicyModel> model = compilation.analyze();
  if (!model || diags.hasErrors())
    return 1;
  const model::PolicyModel &policy = *model;
  if (policy.categories().size() == 0 || policy.sources().size() == 0 ||
      policy.purposes().size() == 0) {
    llvm::errs() << policyPath << ": the benchmark needs categories, sources and purposes\n";
    return 1;
  }

  gen::GeneratorOptions options;
  options.sourcePath = policyPath;
  options.cppNamespace = "bench_policy";
  gen::GeneratorContext context{policy, sources, options, diags};
  struct Output {
    const char *name;
    gen::GeneratorFunction generate;
  };
  for (Output output :
       {Output{"policy.hpp", gen::generateCpp}, Output{"policy.cedar", gen::generateCedar},
        Output{"entities.json", gen::generateCedarEntities}}) {
    std::string text;
    llvm::raw_string_ostream out(text);
    if (!output.generate(context, out) || !write(outDir + "/" + output.name, out.str()))
      return 1;
  }

  std::vector<const model::Rule *> permits, prohibitions;
  for (const model::Rule &rule : policy.rules) {
    if (rule.kind == model::RuleKind::Link)
      continue;
    (rule.prohibition ? prohibitions : permits).push_back(&rule);
  }
  eval::Evaluator evaluator(policy);
  Random random;
  std::string tuples;
  for (size_t i = 0; i < kTuples; ++i) {
    size_t roll = random.below(100);
    const std::vector<const model::Rule *> &pool = roll < 60 ? permits : prohibitions;
    model::NodeId nc = policy.categories().size(), ns = policy.sources().size(),
                  np = policy.purposes().size(), nr = policy.recipients().size();
    eval::Tuple tuple{
        static_cast<model::NodeId>(random.below(nc)), static_cast<model::NodeId>(random.below(ns)),
        static_cast<model::NodeId>(random.below(np)), static_cast<model::NodeId>(random.below(nr))};
    if (roll < 80 && !pool.empty()) {
      const model::Rule &rule = *pool[random.below(pool.size())];
      tuple.category = pick(random, rule.categories.nodes, nc);
      tuple.source = pick(random, rule.sources.nodes, ns);
      tuple.purpose = pick(random, rule.purposes.nodes, np);
      tuple.recipient = pick(random, rule.recipients.nodes, nr);
    }
    eval::ConsentSet granted = evaluator.defaultConsents();
    if (random.below(2) == 1)
      for (size_t k = 0; k < policy.consents.size(); ++k)
        granted[k] = random.below(2) == 1;
    std::vector<std::string> names;
    for (unsigned k : granted.set_bits())
      names.push_back(policy.consents[k].name);
    eval::Decision decision = evaluator.decide(tuple, granted);
    tuples += policy.categories()[tuple.category].path + " " + policy.sources()[tuple.source].path +
              " " + policy.recipients()[tuple.recipient].path + " " +
              policy.purposes()[tuple.purpose].path + " " +
              (names.empty() ? std::string("-") : llvm::join(names, ",")) + " " +
              (decision.allowed ? "1" : "0") + "\n";
  }
  return write(outDir + "/tuples.txt", tuples) ? 0 : 1;
}
