// Parse + sema throughput of the front end on a generated policy (PolicyGenerator.h): MB/s,
// peak memory, and how many items the fast SLL parse could not decide (the LL fallback).
//
//   policyc_bench_parse [--size-mb=10] [--seed=1] [--runs=3] [--min-mbps=X]
//                       [--input=FILE] [--write=FILE]
#include "PolicyGenerator.h"

#include "basic/DiagnosticEngine.h"
#include "frontend/Compilation.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <vector>

using namespace policyc;
namespace cl = llvm::cl;

namespace {
cl::opt<unsigned> SizeMb("size-mb", cl::init(10), cl::desc("Size of the generated policy (MB)"));
cl::opt<unsigned> Seed("seed", cl::init(1), cl::desc("Seed of the generator"));
cl::opt<unsigned> Runs("runs", cl::init(3), cl::desc("Timed runs; the median is reported"));
cl::opt<double> MinMbps("min-mbps", cl::init(0),
                        cl::desc("Exit 1 when the median throughput is below this (MB/s)"));
cl::opt<std::string> Input("input",
                           cl::desc("Measure this policy file instead of a generated one"));
cl::opt<std::string> Write("write", cl::desc("Write the generated policy to this file and exit"));

/// Counts what it is given; the benchmark measures the front end, not printing.
class CountingConsumer : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override {
    if (count++ < 5)
      llvm::errs() << "unexpected diagnostic " << diagnostic.info().id << ": " << diagnostic.message
                   << "\n";
    (void)sources;
  }
  unsigned count = 0;
};

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/// CPU time of this process: on a machine shared with other work, wall time measures the
/// neighbours as much as the code.
double cpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct RunResult {
  double seconds = 0;      ///< everything: parse, sema and freeing the AST and model
  double cpuParseSema = 0; ///< CPU time of parse and sema
  double wallParseSema = 0;
  double parseSeconds = 0;
  double semaSeconds = 0;
  parse::ParseStats stats;
  uint32_t statements = 0;
  unsigned diagnostics = 0;
};

RunResult measure(llvm::StringRef text) {
  RunResult result;
  llvm::SourceMgr sources;
  CountingConsumer consumer;
  DiagnosticOptions options;
  options.errorLimit = 0;
  DiagnosticEngine diags(sources, consumer, options);
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto start = Clock::now();
  double cpuStart = cpuSeconds();
  {
    Compilation compilation(sources, diags);
    compilation.loadRootBuffer(llvm::MemoryBuffer::getMemBuffer(text, "generated.policy"));
    result.parseSeconds = since(start);
    auto semaStart = Clock::now();
    std::unique_ptr<model::PolicyModel> model = compilation.analyze();
    result.semaSeconds = since(semaStart);
    result.cpuParseSema = cpuSeconds() - cpuStart;
    result.wallParseSema = since(start);
    result.stats = compilation.getParseStats();
    result.statements = model ? model->statementCount : 0;
  }
  result.seconds = since(start);
  result.diagnostics = consumer.count;
  return result;
}
} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "policyc front-end throughput benchmark\n");
  std::string text;
  if (!Input.empty()) {
    auto buffer = llvm::MemoryBuffer::getFile(Input);
    if (!buffer) {
      llvm::errs() << "cannot read " << Input << ": " << buffer.getError().message() << "\n";
      return 2;
    }
    text = (*buffer)->getBuffer().str();
  } else {
    bench::GeneratorOptions options;
    options.targetBytes = static_cast<size_t>(SizeMb) * 1000 * 1000;
    options.seed = Seed;
    text = bench::generatePolicy(options);
  }
  if (!Write.empty()) {
    std::error_code error;
    llvm::raw_fd_ostream out(Write, error);
    if (error) {
      llvm::errs() << "cannot write " << Write << ": " << error.message() << "\n";
      return 2;
    }
    out << text;
    return 0;
  }

  long baselineKb = peakRssKb();
  std::vector<RunResult> results;
  for (unsigned run = 0; run < std::max(1u, Runs.getValue()); ++run)
    results.push_back(measure(text));
  long peakKb = peakRssKb();
  auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
  };
  std::vector<double> wall, cpu, total;
  for (const RunResult &result : results) {
    wall.push_back(result.wallParseSema);
    cpu.push_back(result.cpuParseSema);
    total.push_back(result.seconds);
  }
  double megabytes = static_cast<double>(text.size()) / 1e6;
  double wallMedian = median(wall);
  double cpuMedian = median(cpu);
  const RunResult &last = results.back();

  llvm::outs() << llvm::format("input: %.2f MB, %llu items, %llu tokens, %u statements\n",
                               megabytes, (unsigned long long)last.stats.items,
                               (unsigned long long)last.stats.tokens, last.statements);
  llvm::outs() << llvm::format("parse+sema: %.1f MB/s (median wall time %.3f s of %zu runs)\n",
                               megabytes / wallMedian, wallMedian, results.size());
  llvm::outs() << llvm::format("parse+sema: %.1f MB/s of CPU time (median %.3f s)\n",
                               megabytes / cpuMedian, cpuMedian);
  llvm::outs() << llvm::format("with freeing the AST and model: %.1f MB/s (median %.3f s)\n",
                               megabytes / median(total), median(total));
  llvm::outs() << llvm::format("  last run: parse %.3f s, sema %.3f s, freeing %.3f s\n",
                               last.parseSeconds, last.semaSeconds,
                               last.seconds - last.parseSeconds - last.semaSeconds);
  llvm::outs() << llvm::format("LL fallbacks: %llu of %llu items\n",
                               (unsigned long long)last.stats.llFallbacks,
                               (unsigned long long)last.stats.items);
  llvm::outs() << llvm::format("peak memory: %.1f MB (%.1f MB before the runs, input included)\n",
                               peakKb / 1024.0, baselineKb / 1024.0);
  if (last.diagnostics != 0) {
    llvm::errs() << "error: the generated policy gave " << last.diagnostics
                 << " diagnostics; the generator must produce a valid policy\n";
    return 1;
  }
  if (MinMbps > 0 && megabytes / wallMedian < MinMbps) {
    llvm::errs() << llvm::format("error: %.1f MB/s is below the target of %.1f MB/s\n",
                                 megabytes / wallMedian, MinMbps.getValue());
    return 1;
  }
  return 0;
}
