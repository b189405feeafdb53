// may_disclose of a generated header over a realistic mix of questions (tuples.txt from
// policyc_bench_inputs). Before timing, every answer is checked against the reference
// evaluator's. Usage: policyc_bench_decisions TUPLES [benchmark flags].
#include "Questions.h"

#include <benchmark/benchmark.h>

#include <iostream>
#include <vector>

namespace {

namespace policy = bench_policy;
using bench_questions::Question;

std::vector<Question> &questions() {
  static std::vector<Question> all;
  return all;
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
  if (argc == 2)
    questions() = bench_questions::load(argv[1]);
  if (argc != 2 || questions().empty()) {
    std::cerr << "usage: policyc_bench_decisions TUPLES [--benchmark_...]; TUPLES must hold a "
                 "power of two of questions\n";
    return 2;
  }
  if (size_t mismatches = bench_questions::mismatches(questions())) {
    std::cerr << mismatches << " answers differ from the reference evaluator\n";
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
