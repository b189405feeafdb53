// The questions of tuples.txt (from policyc_bench_inputs) as values of the generated header's
// types, for the programs of bench/decisions.
#ifndef POLICYC_BENCH_DECISIONS_QUESTIONS_H
#define POLICYC_BENCH_DECISIONS_QUESTIONS_H

#include "policy.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bench_questions {

namespace policy = bench_policy;

struct Question {
  policy::Category category;
  policy::Source source;
  policy::Recipient recipient;
  policy::Purpose purpose;
  policy::Consents consents;
  bool expected; ///< the reference evaluator's answer
};

template <typename E> E parse(const std::string &name) {
  std::optional<E> value = policy::from_string<E>(name);
  if (!value) {
    std::cerr << "unknown name in tuples file: " << name << "\n";
    std::exit(2);
  }
  return *value;
}

/// The questions of `path`, one per line ("category source recipient purpose consents
/// allowed"); empty unless there are a power of two of them, so that loops can wrap with a
/// mask.
inline std::vector<Question> load(const char *path) {
  std::vector<Question> all;
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
    all.push_back(question);
  }
  if ((all.size() & (all.size() - 1)) != 0)
    all.clear();
  return all;
}

/// How many answers of the generated header differ from the reference evaluator's.
inline size_t mismatches(const std::vector<Question> &all) {
  size_t count = 0;
  for (const Question &q : all)
    count +=
        policy::may_disclose(q.category, q.source, q.recipient, q.purpose, q.consents).allowed !=
        q.expected;
  return count;
}

} // namespace bench_questions

#endif
