// policyc_decision_loop TUPLES N: asks N questions of the mix (tuples.txt, wrapping around)
// with the loop of policyc_bench_decisions, and nothing else, so that an instruction counter
// can tell what one may_disclose costs without the timer's noise (count-instructions.sh).
#include "Questions.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char **argv) {
  std::vector<bench_questions::Question> all;
  if (argc == 3)
    all = bench_questions::load(argv[1]);
  char *end = nullptr;
  unsigned long long count = argc == 3 ? std::strtoull(argv[2], &end, 10) : 0;
  if (all.empty() || end == argv[2] || *end != '\0') {
    std::cerr << "usage: policyc_decision_loop TUPLES N; TUPLES must hold a power of two of "
                 "questions\n";
    return 2;
  }
  if (size_t mismatches = bench_questions::mismatches(all)) {
    std::cerr << mismatches << " answers differ from the reference evaluator\n";
    return 1;
  }
  const bench_questions::Question *mix = all.data();
  const size_t mask = all.size() - 1;
  size_t i = 0;
  for (unsigned long long n = 0; n < count; ++n) {
    const bench_questions::Question &q = mix[i];
    const policyc::Decision &decision =
        bench_policy::may_disclose(q.category, q.source, q.recipient, q.purpose, q.consents);
    benchmark::DoNotOptimize(decision);
    i = (i + 1) & mask;
  }
  return 0;
}
