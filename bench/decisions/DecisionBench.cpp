// may_disclose of a generated header over a realistic mix of questions (tuples.txt from
// policyc_bench_inputs). Before timing, every answer is checked against the reference
// evaluator's. Usage: policyc_bench_decisions TUPLES [benchmark flags].
#include "policy.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace policy = bench_policy;

struct Question {
  policy::Category category;
  policy::Source source;
  policy::Recipient recipient;
  policy::Purpose purpose;
  policy::Consents consents;
  bool expected;
};

std::vector<Question> &questions() {
  static std::vector<Question> all;
  return all;
}

template <typename E> E parse(const std::string &name) {
  std::optional<E> value = policy::from_string<E>(name);
  if (!value) {
    std::cerr << "unknown name in tuples file: " << name << "\n";
    std::exit(2);
  }
  return *value;
}

bool load(const char *path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string category, source, recipient, purpose, consents;
    int expected = 0;
    if (!(fields >> category >> source >> recipient >> purpose >> consents >> expected))
      continue;
    Question question{parse<policy::Category>(category),
                      parse<policy::Source>(source),
                      parse<policy::Recipient>(recipient),
                      parse<policy::Purpose>(purpose),
                      policy::no_consents(),
                      expected != 0};
    std::istringstream names(consents == "-" ? std::string() : consents);
    for (std::string name; std::getline(names, name, ',');)
      question.consents.grant(parse<policy::Consent>(name));
    questions().push_back(question);
  }
  // The loop below wraps with a mask.
  return !questions().empty() && (questions().size() & (questions().size() - 1)) == 0;
}

void BM_MayDisclose(benchmark::State &state) {
  // A local pointer: DoNotOptimize clobbers memory, and the vector's own would be reloaded
  // on every iteration.
  const Question *mix = questions().data();
  const size_t mask = questions().size() - 1;
  size_t i = 0;
  for (auto _ : state) {
    const Question &q = mix[i];
    // The header returns a reference into its decision table; using it costs nothing more.
    const policyc::Decision &decision =
        policy::may_disclose(q.category, q.source, q.recipient, q.purpose, q.consents);
    benchmark::DoNotOptimize(decision);
    i = (i + 1) & mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MayDisclose);

/// The same, for a caller that only needs allowed/denied.
void BM_MayDiscloseAllowedOnly(benchmark::State &state) {
  const Question *mix = questions().data();
  const size_t mask = questions().size() - 1;
  size_t i = 0;
  for (auto _ : state) {
    const Question &q = mix[i];
    bool allowed =
        policy::may_disclose(q.category, q.source, q.recipient, q.purpose, q.consents).allowed;
    benchmark::DoNotOptimize(allowed);
    i = (i + 1) & mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MayDiscloseAllowedOnly);

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2 || !load(argv[1])) {
    std::cerr << "usage: policyc_bench_decisions TUPLES [--benchmark_...]; TUPLES must hold a "
                 "power of two of questions\n";
    return 2;
  }
  size_t mismatches = 0;
  for (const Question &q : questions())
    mismatches +=
        policy::may_disclose(q.category, q.source, q.recipient, q.purpose, q.consents).allowed !=
        q.expected;
  if (mismatches != 0) {
    std::cerr << mismatches << " answers differ from the reference evaluator\n";
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
