// policyc_difftest_gen --out DIR --seed S --count N --chunks M [POLICY...]
//
// Writes N random policies (seeded, deterministic) plus the given ones as generated headers
// into DIR, and two programs over all of them, each split into M translation units
// (GCC slows down more than linearly with many headers in one unit):
//   difftest_J.cpp + difftest_main.cpp  compare every header with the reference evaluator
//                      (DiffHarness.h);
//   matrix_J.cpp       uses every part of every header, with static_asserts whose expected
//                      values come from the reference evaluator, for the compile matrix
//                      (g++/clang++ x C++17/C++20, -Wall -Wextra -Werror -pedantic).
// Headers are generated in-process without the checker: random policies contradict
// themselves, and the generated code must still agree with the evaluator on them.
#include "ErrorCollector.h"
#include "RandomPolicy.h"

#include "basic/DiagnosticEngine.h"
#include "basic/OutputFile.h"
#include "eval/Evaluator.h"
#include "frontend/Compilation.h"
#include "gen/Generator.h"
#include "gen/cpp/CppGenerator.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace policyc;

namespace {

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

/// `classTables`: read data and action classes through the per-vocabulary class tables even
/// for small vocabularies, so that both table layouts of gen cpp are tested.
std::optional<std::string> generateHeader(Compiled &compiled, const std::string &path,
                                          const std::string &ns, bool classTables) {
  gen::GeneratorOptions options;
  options.sourcePath = path;
  options.cppNamespace = ns;
  std::string text;
  llvm::raw_string_ostream out(text);
  gen::GeneratorContext context{*compiled.model, compiled.sources, options, *compiled.diags};
  gen::cpp::CppLimits limits;
  if (classTables)
    limits.directPairLimit = 0;
  if (!gen::cpp::generateCppHeader(context, out, limits)) {
    llvm::errs() << path << ": gen cpp failed:\n" << compiled.errors.messages;
    return std::nullopt;
  }
  return out.str();
}

bool write(const std::string &path, const std::string &text) {
  WriteResult result = writeOutputFile(path, text);
  if (result.outcome != WriteOutcome::Failed)
    return true;
  llvm::errs() << "cannot write " << path << ": " << result.error << "\n";
  return false;
}

std::string cast(const std::string &ns, const char *type, model::NodeId id) {
  return "static_cast<" + ns + "::" + type + ">(" + std::to_string(id) + ")";
}

/// Uses of one header for the compile matrix, with expectations from the evaluator.
std::string exercise(size_t index, const std::string &ns, const model::PolicyModel &model) {
  eval::Evaluator evaluator(model);
  std::string out = "\nnamespace matrix" + std::to_string(index) + " {\n";
  out += "namespace P = " + ns + ";\n";
  size_t nc = model.categories().size(), ns_ = model.sources().size(), np = model.purposes().size(),
         nr = model.recipients().size();
  // A few compile-time decisions, one per reason where the policy has one.
  bool seen[4] = {false, false, false, false};
  std::optional<eval::Tuple> outright, withConsent;
  eval::ConsentSet defaults = evaluator.defaultConsents();
  for (model::NodeId c = 0; c < nc; ++c)
    for (model::NodeId s = 0; s < ns_; ++s)
      for (model::NodeId p = 0; p < np; ++p)
        for (model::NodeId r = 0; r < nr; ++r) {
          eval::Tuple tuple{c, s, p, r};
          eval::Decision decision = evaluator.decide(tuple, defaults);
          size_t reason = static_cast<size_t>(decision.reason);
          if (!seen[reason]) {
            seen[reason] = true;
            out += "static_assert(P::may_disclose(" + cast(ns, "Category", c) + ", " +
                   cast(ns, "Source", s) + ", " + cast(ns, "Recipient", r) + ", " +
                   cast(ns, "Purpose", p) +
                   ", P::default_consents()).statement == " + std::to_string(decision.statement()) +
                   "u, \"decision\");\n";
          }
          if (r != model.usRecipient)
            continue;
          if (!outright && evaluator.decide(tuple, evaluator.noConsents()).allowed)
            outright = tuple;
          if (!withConsent && evaluator.decide(tuple, evaluator.allConsents()).allowed)
            withConsent = tuple;
        }
  out += "struct Hook final : ::policyc::AuditHook {\n"
         "  void record(const ::policyc::AuditRecord &entry) noexcept override {\n"
         "    count += entry.decision.allowed ? 1u : 0u;\n  }\n  unsigned count = 0;\n};\n";
  out += "inline unsigned run() {\n  Hook hook;\n  P::Consents granted = P::default_consents();\n";
  // A policy without categories, sources or consents never reads `granted`.
  out += "  static_cast<void>(granted);\n";
  out += "  unsigned total = static_cast<unsigned>(P::kTitle.size() + P::kSourcePath.size());\n";
  for (size_t k = 0; k < model.consents.size(); ++k)
    out += "  granted.set(" + cast(ns, "Consent", static_cast<model::NodeId>(k)) +
           ", !P::is_opt_in(" + cast(ns, "Consent", static_cast<model::NodeId>(k)) + "));\n";
  if (nc && ns_ && np && nr) {
    std::string c = cast(ns, "Category", 0), s = cast(ns, "Source", 0), p = cast(ns, "Purpose", 0),
                r = cast(ns, "Recipient", 0);
    out += "  total += P::audit_collect(hook, " + c + ", " + s + ", granted).allowed;\n";
    out += "  total += P::audit_use(hook, " + c + ", " + s + ", " + p + ", granted).allowed;\n";
    out += "  total += P::audit_disclose(hook, " + c + ", " + s + ", " + r + ", " + p +
           ", granted).allowed;\n";
    out += "  total += P::audit_link(hook, " + c + ", " + c + ", " + s + ", granted).allowed;\n";
    out += "  total += static_cast<unsigned>(P::retention(" + c + ", " + s +
           ").period.count() % 7);\n";
    out += "  total += P::kept_as_needed_for(" + c + ", " + s + ", " + p + ");\n";
    out += "  total += static_cast<unsigned>(P::to_string(" + c + ").size() + P::description(" + s +
           ").size());\n";
    out += "  total += P::from_string<P::Purpose>(P::to_string(" + p + ")).has_value();\n";
    out += "  total += P::parent(" + r + ").has_value() + P::within(" + p + ", " + p +
           ") + P::is_sensitive(" + c + ") + P::is_tracking(" + s + ") + P::is_abroad(" + r +
           ") + P::kind(" + r + ").has_value() + P::basis(" + p +
           ").has_value() + P::is_marketing(" + p + ");\n";
  }
  if (outright) {
    out += "  const P::PersonalData<" + cast(ns, "Category", outright->category) + ", " +
           cast(ns, "Source", outright->source) + ", int> outright{7};\n";
    out += "  total += static_cast<unsigned>(outright.use<" +
           cast(ns, "Purpose", outright->purpose) + ">());\n";
  }
  if (withConsent) {
    out += "  const P::PersonalData<" + cast(ns, "Category", withConsent->category) + ", " +
           cast(ns, "Source", withConsent->source) + ", int> guarded{9};\n";
    out += "  total += guarded.use<" + cast(ns, "Purpose", withConsent->purpose) +
           ">(P::all_consents()) != nullptr;\n";
  }
  out += "  total += P::offers(P::Right::access) + P::lead_time(P::Notice::breach).defined;\n";
  out += "  return total + hook.count;\n}\n} // namespace matrix" + std::to_string(index) + "\n";
  return out;
}

} // namespace

int main(int argc, char **argv) {
  std::string outDir;
  uint64_t seed = 1;
  unsigned count = 0;
  unsigned chunks = 1;
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
    else
      files.push_back(arg.str());
  }
  if (outDir.empty()) {
    llvm::errs() << "usage: policyc_difftest_gen --out DIR [--seed S] [--count N] [POLICY...]\n";
    return 2;
  }
  llvm::sys::fs::create_directories(outDir);

  std::vector<std::string> paths;
  for (unsigned i = 0; i < count; ++i) {
    std::string path = outDir + "/random_" + std::to_string(i) + ".policy";
    if (!write(path, test::randomPolicy(seed + i)))
      return 1;
    paths.push_back(path);
  }
  paths.insert(paths.end(), files.begin(), files.end());

  const char *banner = "// Generated by policyc_difftest_gen. DO NOT EDIT.\n";
  std::vector<std::string> runners(chunks), matrices(chunks), apis(chunks), runs(chunks),
      matrixRuns(chunks);
  for (unsigned j = 0; j < chunks; ++j) {
    runners[j] = std::string(banner) + "#include \"DiffHarness.h\"\n\n";
    matrices[j] = std::string(banner) + "#include <policyc/runtime.hpp>\n\n";
  }
  for (size_t k = 0; k < paths.size(); ++k) {
    unsigned j = static_cast<unsigned>(k * chunks / paths.size());
    std::unique_ptr<Compiled> compiled = compile(paths[k]);
    if (!compiled) {
      llvm::errs() << paths[k] << ": the policy must compile without front-end errors\n";
      return 1;
    }
    std::string ns = "difftest::p" + std::to_string(k);
    bool classTables = k % 2 == 1;
    std::optional<std::string> header = generateHeader(*compiled, paths[k], ns, classTables);
    if (!header)
      return 1;
    // Output must be byte-identical on every run.
    std::unique_ptr<Compiled> again = compile(paths[k]);
    if (!again || generateHeader(*again, paths[k], ns, classTables) != header) {
      llvm::errs() << paths[k] << ": gen cpp is not deterministic\n";
      return 1;
    }
    std::string name = "policy_" + std::to_string(k) + ".hpp";
    if (!write(outDir + "/" + name, *header))
      return 1;
    runners[j] += "#include \"" + name + "\"\n";
    matrices[j] += "#include \"" + name + "\"\n";
    apis[j] += "POLICYC_DIFF_API(api" + std::to_string(k) + ", " + ns + ")\n";
    runs[j] += "  runner.run(api" + std::to_string(k) + "(), \"" + paths[k] + "\");\n";
    matrices[j] += exercise(k, ns, *compiled->model);
    matrixRuns[j] += "  total += matrix" + std::to_string(k) + "::run();\n";
  }
  std::string main = std::string(banner) + "#include \"DiffHarness.h\"\n\n";
  std::string calls;
  for (unsigned j = 0; j < chunks; ++j) {
    std::string suffix = std::to_string(j);
    runners[j] += "\n" + apis[j] + "\nvoid runChunk" + suffix +
                  "(policyc::difftest::Runner &runner) {\n" + runs[j] + "}\n";
    matrices[j] += "\nunsigned matrixChunk" + suffix + "() {\n  unsigned total = 0;\n" +
                   matrixRuns[j] + "  return total;\n}\n";
    if (!write(outDir + "/difftest_" + suffix + ".cpp", runners[j]) ||
        !write(outDir + "/matrix_" + suffix + ".cpp", matrices[j]))
      return 1;
    main += "void runChunk" + suffix + "(policyc::difftest::Runner &runner);\n";
    calls += "  runChunk" + suffix + "(runner);\n";
  }
  main += "\nint main() {\n  policyc::difftest::Runner runner;\n" + calls +
          "  return runner.finish();\n}\n";
  if (!write(outDir + "/difftest_main.cpp", main))
    return 1;
  return 0;
}
