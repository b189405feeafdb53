#include "gen/text/TextDocument.h"

#include <algorithm>

namespace policyc::gen::text {

void addTrace(std::vector<Trace> &traces, const Trace &trace) {
  // Duplicates further back are removed by sortedTraces; a linear search here would make
  // long trace lists quadratic.
  if (traces.empty() || !(traces.back() == trace))
    traces.push_back(trace);
}

void addTraces(std::vector<Trace> &traces, const std::vector<Trace> &more) {
  for (const Trace &trace : more)
    addTrace(traces, trace);
}

Inline plainText(std::string text) {
  Inline result;
  result.push_back(Span{Span::Kind::Text, std::move(text), {}});
  return result;
}

Block Block::paragraph(Inline text, std::vector<Trace> traces) {
  Block block;
  block.kind = Kind::Paragraph;
  block.text = std::move(text);
  block.traces = std::move(traces);
  return block;
}

Block Block::paragraph(Sentence sentence, std::vector<Trace> traces) {
  Block block = paragraph(plainText(std::move(sentence.text)), std::move(traces));
  block.claims = std::move(sentence.claims);
  return block;
}

Block Block::subheading(std::string text) {
  Block block;
  block.kind = Kind::Subheading;
  block.text = plainText(std::move(text));
  return block;
}

std::vector<Trace> sortedTraces(const std::vector<Trace> &traces) {
  std::vector<Trace> sorted = traces;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Trace &a, const Trace &b) {
    // Statements first, by id; then declarations by file and line.
    if ((a.statement == 0) != (b.statement == 0))
      return a.statement != 0;
    return a < b;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

} // namespace policyc::gen::text
