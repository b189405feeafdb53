// Helpers for unit tests: compile a policy from a string and collect its diagnostics.
#ifndef POLICYC_TESTS_TESTSUPPORT_H
#define POLICYC_TESTS_TESTSUPPORT_H

#include "basic/DiagnosticEngine.h"
#include "frontend/Compilation.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

namespace policyc::test {

/// The bytes of a file that the test needs (sources, goldens, outputs); fails the test
/// case when it cannot be read.
inline std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  INFO("reading " << path);
  REQUIRE(buffer);
  return (*buffer)->getBuffer().str();
}

/// Records every diagnostic (notes inlined after their diagnostic) as "id@line: message".
class CollectingConsumer : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &sources) override {
    entries.push_back(format(diagnostic.info().id, diagnostic.range, diagnostic.message, sources));
    ids.push_back(diagnostic.info().id.str());
    for (const DiagnosticNote &note : diagnostic.notes) {
      entries.push_back(format(getDiagnosticInfo(note.kind).id, note.range, note.message, sources));
      ids.push_back(getDiagnosticInfo(note.kind).id.str());
    }
  }
  static std::string format(llvm::StringRef id, llvm::SMRange range, llvm::StringRef message,
                            const llvm::SourceMgr &sources) {
    std::string line = "-";
    if (range.Start.isValid() && sources.FindBufferContainingLoc(range.Start))
      line = std::to_string(sources.getLineAndColumn(range.Start).first);
    return id.str() + "@" + line + ": " + message.str();
  }
  std::vector<std::string> entries;
  std::vector<std::string> ids;
};

/// A policy compiled from memory, with its diagnostics.
struct CompiledText {
  llvm::SourceMgr sources;
  CollectingConsumer consumer;
  std::unique_ptr<DiagnosticEngine> diags;
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<model::PolicyModel> model;

  bool hasError(llvm::StringRef id) const {
    for (const std::string &entry : consumer.ids)
      if (entry == id)
        return true;
    return false;
  }
};

inline std::unique_ptr<CompiledText> compileText(llvm::StringRef text,
                                                 llvm::StringRef name = "test.policy",
                                                 DiagnosticOptions options = {}) {
  auto result = std::make_unique<CompiledText>();
  options.errorLimit = 0;
  result->diags =
      std::make_unique<DiagnosticEngine>(result->sources, result->consumer, std::move(options));
  result->compilation = std::make_unique<Compilation>(result->sources, *result->diags);
  result->compilation->loadRootBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, name));
  result->model = result->compilation->analyze();
  return result;
}

} // namespace policyc::test

#endif
