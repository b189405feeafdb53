// Every policy shipped in policies/ passes the front end (parse and sema) without a
// diagnostic: the README's first command finds no front-end error. (The checker may still
// find the contradictions the original documents contain; that is its job.)
#include "TestSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

using namespace policyc;

TEST_CASE("the shipped policies have no front-end diagnostic", "[sema][policies]") {
  llvm::SmallString<256> folder(POLICYC_SOURCE_DIR);
  llvm::sys::path::append(folder, "policies");
  std::vector<std::string> files;
  std::error_code error;
  for (llvm::sys::fs::recursive_directory_iterator it(folder, error), end; it != end && !error;
       it.increment(error))
    if (llvm::StringRef(it->path()).endswith(".policy"))
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  // The README checks this one; it must exist.
  CHECK(std::find_if(files.begin(), files.end(), [](const std::string &file) {
          return llvm::StringRef(file).endswith("/plantronics.policy");
        }) != files.end());

  for (const std::string &file : files) {
    llvm::SourceMgr sources;
    test::CollectingConsumer consumer;
    DiagnosticOptions options;
    options.errorLimit = 0;
    DiagnosticEngine diags(sources, consumer, options);
    Compilation compilation(sources, diags);
    REQUIRE(compilation.loadRoot(file));
    auto model = compilation.analyze();
    INFO(file << ":\n  " << llvm::join(consumer.entries, "\n  "));
    CHECK(consumer.entries.empty());
    CHECK(model);
    CHECK(compilation.getParseStats().llFallbacks == 0);
  }
}
