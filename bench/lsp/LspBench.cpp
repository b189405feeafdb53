// The language server in process on a large policy: processor and wall time of the analysis
// after an edit inside one statement, phase by phase (parse, sema, check), and of completion.
// Processor time is the figure to read on a shared machine, where wall time depends on the
// load. run.py measures the same over the real protocol, as an editor sees it.
//
//   policyc_bench_lsp --input=FILE [--edits=N]
#include "lsp/Server.h"
#include "lsp/Uri.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>
#include <vector>

namespace json = llvm::json;
using namespace policyc;

namespace {
llvm::cl::opt<std::string> Input("input", llvm::cl::desc("The policy to open"), llvm::cl::Required);
llvm::cl::opt<unsigned> Edits("edits", llvm::cl::desc("Edits to time"), llvm::cl::init(30));

struct Clock {
  double wall;
  double cpu;
  static Clock now() {
    timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    return {
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(),
        static_cast<double>(cpu.tv_sec) + cpu.tv_nsec * 1e-9};
  }
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

json::Value message(llvm::StringRef method, json::Value params, int64_t id = 0) {
  json::Object object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  if (id)
    object["id"] = id;
  return json::Value(std::move(object));
}

std::string text(const json::Value &value) {
  std::string out;
  llvm::raw_string_ostream(out) << value;
  return out;
}
} // namespace

int main(int argc, char **argv) {
  llvm::cl::ParseCommandLineOptions(argc, argv, "policyc language server benchmark\n");
  lsp::keepFreedMemory(); // as `policyc lsp` does
  auto buffer = llvm::MemoryBuffer::getFile(Input);
  if (!buffer) {
    llvm::errs() << "cannot read " << Input << "\n";
    return 2;
  }
  std::string source = (*buffer)->getBuffer().str();
  std::vector<std::string> lines;
  for (llvm::StringRef rest = source; !rest.empty();) {
    auto [line, tail] = rest.split('\n');
    lines.push_back(line.str());
    rest = tail;
  }
  // Edit sites: the purpose of collect statements spread over the file.
  std::vector<size_t> sites;
  for (size_t i = 0; i < lines.size(); ++i)
    if (llvm::StringRef(lines[i]).startswith("collect ") &&
        lines[i].find(" for p") != std::string::npos && llvm::StringRef(lines[i]).endswith(";") &&
        lines[i].find(" only") == std::string::npos)
      sites.push_back(i);
  if (sites.size() < 10) {
    llvm::errs() << "too few edit sites\n";
    return 2;
  }

  size_t published = 0;
  lsp::Server server(
      [&](const json::Value &sent) {
        const json::Object *object = sent.getAsObject();
        if (object &&
            object->getString("method") == llvm::StringRef("textDocument/publishDiagnostics"))
          ++published;
      },
      {});
  std::string uri = lsp::uriFromPath(Input);
  server.handleBody(text(message("initialize", json::Object{{"capabilities", json::Object{}}}, 1)));
  Clock start = Clock::now();
  server.handleBody(text(message(
      "textDocument/didOpen", json::Object{{"textDocument", json::Object{{"uri", uri},
                                                                         {"languageId", "policy"},
                                                                         {"version", 1},
                                                                         {"text", source}}}})));
  server.idle();
  Clock opened = Clock::now();

  std::vector<double> wall, cpu, parse, sema, check;
  for (unsigned k = 0; k < Edits; ++k) {
    size_t line = sites[(k * 7919) % sites.size()];
    size_t column = lines[line].rfind(" for p") + 6; // the digit after `p`
    char digit = lines[line][column];
    std::string replacement(1, digit == '9' ? '0' : static_cast<char>(digit + 1));
    if (replacement == "8" || replacement == "9")
      replacement = "0"; // p8 and p9 are not plain purposes
    lines[line][column] = replacement[0];
    json::Object range{{"start", json::Object{{"line", static_cast<int64_t>(line)},
                                              {"character", static_cast<int64_t>(column)}}},
                       {"end", json::Object{{"line", static_cast<int64_t>(line)},
                                            {"character", static_cast<int64_t>(column + 1)}}}};
    Clock before = Clock::now();
    server.handleBody(text(message(
        "textDocument/didChange",
        json::Object{{"textDocument", json::Object{{"uri", uri}, {"version", k + 2}}},
                     {"contentChanges", json::Array{json::Object{{"range", std::move(range)},
                                                                 {"text", replacement}}}}})));
    server.idle();
    Clock after = Clock::now();
    wall.push_back((after.wall - before.wall) * 1000);
    cpu.push_back((after.cpu - before.cpu) * 1000);
    const lsp::Analysis::Timing &timing = server.analysisOf(uri)->getTiming();
    parse.push_back(timing.parseCpu * 1000);
    sema.push_back(timing.semaCpu * 1000);
    check.push_back(timing.checkCpu * 1000);
  }

  std::vector<double> completionCpu;
  size_t line = sites[3];
  size_t column = lines[line].rfind(" for p") + 5;
  for (unsigned k = 0; k < Edits; ++k) {
    Clock before = Clock::now();
    server.handleBody(text(message(
        "textDocument/completion",
        json::Object{{"textDocument", json::Object{{"uri", uri}}},
                     {"position", json::Object{{"line", static_cast<int64_t>(line)},
                                               {"character", static_cast<int64_t>(column)}}}},
        100 + k)));
    completionCpu.push_back((Clock::now().cpu - before.cpu) * 1000);
  }

  const lsp::Analysis &last = *server.analysisOf(uri);
  llvm::outs() << fmt::format(
      "policyc lsp in process, {} ({} bytes, {} edits)\n"
      "  open:                  wall {:.1f} ms, cpu {:.1f} ms\n"
      "  analysis after an edit: median wall {:.1f} ms, cpu {:.1f} ms (of which parse {:.1f}, "
      "sema {:.1f}, check {:.1f} ms cpu)\n"
      "  items parsed / reused in the last analysis: {} / {}\n"
      "  completion:            median cpu {:.2f} ms\n",
      Input.getValue(), source.size(), Edits.getValue(), (opened.wall - start.wall) * 1000,
      (opened.cpu - start.cpu) * 1000, median(wall), median(cpu), median(parse), median(sema),
      median(check), last.parsedItems(), last.reusedItems(), median(completionCpu));
  return published >= Edits ? 0 : 1;
}
