// Outputs as build systems need them (basic/OutputFile.h): written whole or not at all, the
// previous file kept when writing fails midway, an unchanged file not touched (its mtime
// stays, so nothing rebuilds), and every backend byte-identical from one run to the next.
#include "TestSupport.h"

#include "basic/OutputFile.h"
#include "check/Checker.h"
#include "gen/Generator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace policyc;

namespace {
/// A fresh folder, removed with everything in it at the end of the test.
class ScratchFolder {
public:
  ScratchFolder() { REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("policyc-output", path)); }
  ~ScratchFolder() { llvm::sys::fs::remove_directories(path); }
  std::string file(llvm::StringRef name) const { return (path + "/" + name).str(); }
  /// Names of the entries, sorted: shows a temporary file left behind.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    std::error_code error;
    for (llvm::sys::fs::directory_iterator it(path, error), end; it != end && !error;
         it.increment(error))
      names.push_back(llvm::sys::path::filename(it->path()).str());
    std::sort(names.begin(), names.end());
    return names;
  }

private:
  llvm::SmallString<256> path;
};

llvm::sys::fs::file_status statusOf(const std::string &path) {
  llvm::sys::fs::file_status status;
  REQUIRE_FALSE(llvm::sys::fs::status(path, status));
  return status;
}

/// Moves the file's modification time an hour back, so that any rewrite shows.
llvm::sys::TimePoint<> backdate(const std::string &path) {
  int fd = -1;
  REQUIRE_FALSE(llvm::sys::fs::openFileForWrite(path, fd, llvm::sys::fs::CD_OpenExisting,
                                                llvm::sys::fs::OF_Append));
  llvm::sys::TimePoint<> past = std::chrono::time_point_cast<llvm::sys::TimePoint<>::duration>(
      std::chrono::system_clock::now() - std::chrono::hours(1));
  std::error_code error = llvm::sys::fs::setLastAccessAndModificationTime(fd, past);
  ::close(fd);
  REQUIRE_FALSE(error);
  return statusOf(path).getLastModificationTime();
}

/// Limits the size of files this process writes, so that a write fails midway with EFBIG,
/// as on a full disk; restores the limit when destroyed.
class FileSizeLimit {
public:
  explicit FileSizeLimit(rlim_t bytes) {
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    previousHandler = std::signal(SIGXFSZ, SIG_IGN); // fail the write, do not kill the test
    rlimit lowered = saved;
    lowered.rlim_cur = bytes;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &lowered) == 0);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
  }

private:
  rlimit saved{};
  void (*previousHandler)(int) = nullptr;
};
} // namespace

TEST_CASE("output: a new file is written whole, with the usual permissions", "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  WriteResult result = writeOutputFile(path, "// generated\n");
  CHECK(result.outcome == WriteOutcome::Written);
  CHECK(test::readFile(path) == "// generated\n");
  CHECK(folder.entries() == std::vector<std::string>{"policy.h"});
  // Like any file the user's tools create (0666 less the umask), not a private temporary.
  mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK(statusOf(path).permissions() == static_cast<llvm::sys::fs::perms>(0666 & ~mask));
}

TEST_CASE("output: an unchanged output is not rewritten and keeps its mtime", "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  REQUIRE(writeOutputFile(path, "same bytes\n").outcome == WriteOutcome::Written);
  llvm::sys::TimePoint<> before = backdate(path);
  llvm::sys::fs::UniqueID identity = statusOf(path).getUniqueID();

  WriteResult again = writeOutputFile(path, "same bytes\n");
  CHECK(again.outcome == WriteOutcome::Unchanged);
  CHECK(statusOf(path).getLastModificationTime() == before);
  CHECK(statusOf(path).getUniqueID() == identity); // the same file, not a replacement
  CHECK(folder.entries() == std::vector<std::string>{"policy.h"});
}

TEST_CASE("output: a changed output replaces the old one", "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  REQUIRE(writeOutputFile(path, "old\n").outcome == WriteOutcome::Written);
  llvm::sys::TimePoint<> before = backdate(path);
  // A prefix of the old text is a change too, not an unchanged file.
  CHECK(writeOutputFile(path, "ol").outcome == WriteOutcome::Written);
  CHECK(test::readFile(path) == "ol");
  CHECK(writeOutputFile(path, "new, and longer than before\n").outcome == WriteOutcome::Written);
  CHECK(test::readFile(path) == "new, and longer than before\n");
  CHECK(statusOf(path).getLastModificationTime() > before);
  CHECK(folder.entries() == std::vector<std::string>{"policy.h"});
}

TEST_CASE("output: a write failing midway leaves the previous output untouched", "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  std::string previous = "// the previous, complete output\n";
  REQUIRE(writeOutputFile(path, previous).outcome == WriteOutcome::Written);
  llvm::sys::TimePoint<> before = backdate(path);

  std::string large(1 << 20, 'x');
  WriteResult result;
  {
    FileSizeLimit limit(64 * 1024); // the write stops after 64 KiB of 1 MiB
    result = writeOutputFile(path, large);
  }
  CHECK(result.outcome == WriteOutcome::Failed);
  CHECK_THAT(result.error, Catch::Contains("policy.h"));
  CHECK(test::readFile(path) == previous);
  CHECK(statusOf(path).getLastModificationTime() == before);
  // The partial temporary file is gone.
  CHECK(folder.entries() == std::vector<std::string>{"policy.h"});
}

TEST_CASE("output: a failing rename leaves the target and no temporary file", "[output]") {
  ScratchFolder folder;
  // A folder where the output should go: the rename onto it fails after the write.
  std::string path = folder.file("taken");
  REQUIRE_FALSE(llvm::sys::fs::create_directory(path));
  REQUIRE_FALSE(llvm::sys::fs::create_directory(path + "/inside"));
  WriteResult result = writeOutputFile(path, "text\n");
  CHECK(result.outcome == WriteOutcome::Failed);
  CHECK_FALSE(result.error.empty());
  CHECK(llvm::sys::fs::is_directory(path + "/inside"));
  CHECK(folder.entries() == std::vector<std::string>{"taken"});
}

TEST_CASE("output: a folder that does not exist is an error, not a crash", "[output]") {
  ScratchFolder folder;
  WriteResult result = writeOutputFile(folder.file("missing/policy.h"), "text\n");
  CHECK(result.outcome == WriteOutcome::Failed);
  CHECK_THAT(result.error, Catch::Contains("missing"));
  CHECK(folder.entries().empty());
}

TEST_CASE("output: a symbolic link is written through, not replaced", "[output]") {
  ScratchFolder folder;
  std::string target = folder.file("real.h");
  std::string link = folder.file("link.h");
  REQUIRE(writeOutputFile(target, "old\n").outcome == WriteOutcome::Written);
  REQUIRE(::symlink("real.h", link.c_str()) == 0);
  CHECK(writeOutputFile(link, "new\n").outcome == WriteOutcome::Written);
  CHECK(test::readFile(target) == "new\n");
  llvm::sys::fs::file_status status;
  REQUIRE_FALSE(llvm::sys::fs::status(link, status, /*follow=*/false));
  CHECK(status.type() == llvm::sys::fs::file_type::symlink_file);
  CHECK(folder.entries() == std::vector<std::string>{"link.h", "real.h"});
  // A link to a file that does not exist yet creates that file.
  std::string dangling = folder.file("dangling.h");
  REQUIRE(::symlink("created.h", dangling.c_str()) == 0);
  CHECK(writeOutputFile(dangling, "made\n").outcome == WriteOutcome::Written);
  CHECK(test::readFile(folder.file("created.h")) == "made\n");
  REQUIRE_FALSE(llvm::sys::fs::status(dangling, status, /*follow=*/false));
  CHECK(status.type() == llvm::sys::fs::file_type::symlink_file);
}

TEST_CASE("output: a replaced file keeps its permissions", "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  REQUIRE(writeOutputFile(path, "old\n").outcome == WriteOutcome::Written);
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  CHECK(writeOutputFile(path, "new\n").outcome == WriteOutcome::Written);
  CHECK(statusOf(path).permissions() == static_cast<llvm::sys::fs::perms>(0640));
  REQUIRE(::chmod(path.c_str(), 0444) == 0); // read-only: replaced all the same, still 0444
  CHECK(writeOutputFile(path, "newer\n").outcome == WriteOutcome::Written);
  CHECK(test::readFile(path) == "newer\n");
  CHECK(statusOf(path).permissions() == static_cast<llvm::sys::fs::perms>(0444));
}

TEST_CASE("output: the temporary file exists while the output is prepared, and only then",
          "[output]") {
  ScratchFolder folder;
  std::string path = folder.file("policy.h");
  std::string error;
  {
    std::unique_ptr<OutputFile> output = OutputFile::open(path, error);
    REQUIRE(output);
    CHECK(llvm::StringRef(output->temporaryPath()).startswith(folder.file("policy.h.tmp-")));
    CHECK(folder.entries().size() == 1);
    // Dropped without a commit (the generator failed): nothing is left.
  }
  CHECK(folder.entries().empty());
  std::unique_ptr<OutputFile> output = OutputFile::open(path, error);
  REQUIRE(output);
  CHECK(output->commit("text\n").outcome == WriteOutcome::Written);
  CHECK(folder.entries() == std::vector<std::string>{"policy.h"});
}

TEST_CASE("output: character devices are written in place, never read or replaced", "[output]") {
  for (const char *device : {"/dev/null", "/dev/zero"}) {
    INFO(device);
    CHECK(writeOutputFile(device, "text\n").outcome == WriteOutcome::Written);
    CHECK(statusOf(device).type() == llvm::sys::fs::file_type::character_file);
  }
  // /dev/full: the write fails (as on a full disk), and says so.
  WriteResult full = writeOutputFile("/dev/full", "text\n");
  CHECK(full.outcome == WriteOutcome::Failed);
  CHECK_THAT(full.error, Catch::Contains("/dev/full"));
  CHECK(statusOf("/dev/full").type() == llvm::sys::fs::file_type::character_file);
}

TEST_CASE("output: a FIFO is written in place, and one nobody reads is an error", "[output]") {
  ScratchFolder folder;
  std::string fifo = folder.file("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Nobody reads: an error after the short wait, not a hang.
  auto started = std::chrono::steady_clock::now();
  WriteResult alone = writeOutputFile(fifo, "text\n");
  CHECK(alone.outcome == WriteOutcome::Failed);
  CHECK_THAT(alone.error, Catch::Contains("no process reads"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
  // A reader gets the bytes; the FIFO stays a FIFO.
  std::string received;
  std::thread reader([&] {
    int fd = ::open(fifo.c_str(), O_RDONLY);
    char chunk[256];
    ssize_t count;
    while (fd >= 0 && (count = ::read(fd, chunk, sizeof chunk)) > 0)
      received.append(chunk, static_cast<size_t>(count));
    if (fd >= 0)
      ::close(fd);
  });
  WriteResult written = writeOutputFile(fifo, "through the pipe\n");
  if (written.outcome != WriteOutcome::Written) {
    // Unblock the reader, which waits for a writer, before failing.
    int fd = ::open(fifo.c_str(), O_WRONLY);
    ::close(fd);
  }
  reader.join();
  CHECK(written.outcome == WriteOutcome::Written);
  CHECK(received == "through the pipe\n");
  CHECK(statusOf(fifo).type() == llvm::sys::fs::file_type::fifo_file);
  CHECK(folder.entries() == std::vector<std::string>{"pipe"});
}

TEST_CASE("output: which paths name the same output", "[output]") {
  ScratchFolder folder;
  std::string file = folder.file("policy.policy");
  REQUIRE(writeOutputFile(file, "category a;\n").outcome == WriteOutcome::Written);
  REQUIRE(::symlink("policy.policy", folder.file("link.policy").c_str()) == 0);
  CHECK(sameOutputTarget(file, file));
  CHECK(sameOutputTarget(folder.file("link.policy"), file));
  CHECK(sameOutputTarget(folder.file("./policy.policy"), file));
  CHECK_FALSE(sameOutputTarget(folder.file("other.h"), file));
  // Neither exists yet: the same path, however written.
  CHECK(sameOutputTarget(folder.file("out.h"), folder.file("./out.h")));
  CHECK_FALSE(sameOutputTarget(folder.file("out.h"), folder.file("out.d")));
  // Two writes to /dev/null do not overwrite each other.
  CHECK_FALSE(sameOutputTarget("/dev/null", "/dev/null"));
}

TEST_CASE("output: every backend is byte-identical from one compilation to the next", "[output]") {
  // Two separate compilations (fresh allocations, so no accidental pointer order), every
  // backend and text format; then the files written from them are identical too.
  const std::string policyPath = POLICYC_SOURCE_DIR "/policies/plantronics-corrected.policy";
  auto buffer = llvm::MemoryBuffer::getFile(policyPath);
  REQUIRE(buffer);
  struct Backend {
    const char *name;
    gen::GeneratorFunction generate;
    const char *textFormat;
  };
  const Backend backends[] = {
      {"json", gen::generateJson, "md"},    {"cpp", gen::generateCpp, "md"},
      {"text-md", gen::generateText, "md"}, {"text-html", gen::generateText, "html"},
      {"cedar", gen::generateCedar, "md"},  {"cedar-entities", gen::generateCedarEntities, "md"},
  };
  auto generateAll = [&] {
    auto compiled = test::compileText((*buffer)->getBuffer(), "plantronics-corrected.policy");
    REQUIRE(compiled->model);
    REQUIRE_FALSE(compiled->diags->hasErrors());
    check::runChecks(*compiled->model, *compiled->diags);
    REQUIRE_FALSE(compiled->diags->hasErrors());
    std::vector<std::string> outputs;
    for (const Backend &backend : backends) {
      gen::GeneratorOptions options;
      options.sourcePath = "plantronics-corrected.policy";
      options.textFormat = backend.textFormat;
      std::string text;
      llvm::raw_string_ostream out(text);
      gen::GeneratorContext context{*compiled->model, compiled->sources, options, *compiled->diags};
      INFO(backend.name);
      REQUIRE(backend.generate(context, out));
      outputs.push_back(out.str());
    }
    return outputs;
  };
  std::vector<std::string> first = generateAll();
  std::vector<std::string> second = generateAll();
  REQUIRE(first.size() == second.size());
  ScratchFolder folder;
  for (size_t i = 0; i < first.size(); ++i) {
    INFO(backends[i].name);
    CHECK_FALSE(first[i].empty());
    CHECK(first[i] == second[i]);
    std::string path = folder.file(backends[i].name);
    CHECK(writeOutputFile(path, first[i]).outcome == WriteOutcome::Written);
    CHECK(writeOutputFile(path, second[i]).outcome == WriteOutcome::Unchanged);
    CHECK(test::readFile(path) == first[i]);
  }
}
