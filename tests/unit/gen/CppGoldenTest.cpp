// Golden outputs of gen cpp, gen cedar, gen cedar-entities and gen cedar-schema: each policy
// under tests/golden/cpp/ is generated in memory and compared byte for byte with the files next
// to it. After an intended change, `scripts/update-goldens --build BUILD_DIR cpp` rewrites them.
#include "TestSupport.h"

#include "gen/Generator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {

const char *const kGoldenDir = POLICYC_SOURCE_DIR "/tests/golden/cpp";

std::string generate(gen::GeneratorFunction generator, test::CompiledText &compiled,
                     llvm::StringRef sourcePath) {
  gen::GeneratorOptions options;
  options.sourcePath = sourcePath.str();
  std::string text;
  llvm::raw_string_ostream out(text);
  gen::GeneratorContext context{*compiled.model, compiled.sources, options, *compiled.diags};
  REQUIRE(generator(context, out));
  return out.str();
}

/// Where two texts first differ, for a readable failure.
std::string firstDifference(llvm::StringRef expected, llvm::StringRef actual) {
  size_t line = 1;
  size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) {
    if (expected[at] == '\n')
      ++line;
    ++at;
  }
  auto lineAt = [&](llvm::StringRef text) {
    size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
    start = start == llvm::StringRef::npos ? 0 : start + 1;
    return text.substr(start).split('\n').first.str();
  };
  return "first difference at line " + std::to_string(line) +
         ":\n  golden:    " + lineAt(expected) + "\n  generated: " + lineAt(actual);
}

void compareWithGolden(const std::string &goldenPath, const std::string &generated) {
  auto golden = llvm::MemoryBuffer::getFile(goldenPath);
  INFO(goldenPath << " is missing or out of date; if the change is intended, run "
                     "`scripts/update-goldens --build BUILD_DIR cpp` and review the diff");
  REQUIRE(golden);
  llvm::StringRef expected = (*golden)->getBuffer();
  INFO(firstDifference(expected, generated));
  CHECK(expected == llvm::StringRef(generated));
}

} // namespace

TEST_CASE("gen cpp and gen cedar match their goldens", "[gen][golden]") {
  std::error_code error;
  std::vector<std::string> policies;
  for (llvm::sys::fs::directory_iterator it(kGoldenDir, error), end; it != end && !error;
       it.increment(error))
    if (llvm::sys::path::extension(it->path()) == ".policy")
      policies.push_back(it->path());
  std::sort(policies.begin(), policies.end());
  REQUIRE_FALSE(policies.empty());
  for (const std::string &path : policies) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    REQUIRE(buffer);
    // The goldens are generated from inside the folder: `policyc gen cpp shop.policy`.
    std::string name = llvm::sys::path::filename(path).str();
    auto compiled = test::compileText((*buffer)->getBuffer(), name);
    INFO(llvm::join(compiled->consumer.entries, "\n"));
    REQUIRE(compiled->model);
    REQUIRE_FALSE(compiled->diags->hasErrors());
    std::string stem = llvm::sys::path::stem(path).str();
    std::string base = std::string(kGoldenDir) + "/" + stem;
    compareWithGolden(base + ".hpp", generate(gen::generateCpp, *compiled, name));
    compareWithGolden(base + ".cedar", generate(gen::generateCedar, *compiled, name));
    compareWithGolden(base + ".entities.json",
                      generate(gen::generateCedarEntities, *compiled, name));
    compareWithGolden(base + ".cedarschema", generate(gen::generateCedarSchema, *compiled, name));
  }
}

TEST_CASE("gen cpp output is the same on every run", "[gen][cpp]") {
  const char *text = "category a { b; c; }\nsource s { t; }\npurpose p { q; }\n"
                     "recipient r third_party;\nconsent k opt_in { withdraw via link; }\n"
                     "use a.b from s.t for p when consent k;\ndisclose a to r for p.q only;\n"
                     "never use a.c for p;\n";
  auto first = test::compileText(text, "run.policy");
  auto second = test::compileText(text, "run.policy");
  CHECK(generate(gen::generateCpp, *first, "run.policy") ==
        generate(gen::generateCpp, *second, "run.policy"));
}
