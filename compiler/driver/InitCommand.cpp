// policyc init [DIR]: starts a policy project in DIR (default: the working directory) with a
// commented starter policy that checks clean, decision tests for it, a project configuration and a
// GitHub Actions workflow that checks the policy and uploads the findings as SARIF (docs/init.md).
// It writes nothing when any of the files exists already.
#include "driver/Commands.h"

#include "basic/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
#include "InitTemplates.inc"

struct StarterFile {
  const char *path; ///< relative to the project folder, '/'-separated
  llvm::StringLiteral contents;
};

const StarterFile kStarterFiles[] = {
    {"privacy.policy", kTemplate_policy},
    {"privacy.test.policy", kTemplate_tests},
    {"policyc.toml", kTemplate_config},
    {".github/workflows/policyc.yml", kTemplate_workflow},
};
} // namespace

cl::SubCommand &initCommand() {
  static cl::SubCommand command(
      "init",
      "Start a policy project: a starter policy, its tests, policyc.toml and a CI workflow: "
      "policyc init [DIR]");
  return command;
}

namespace {
cl::opt<std::string> Folder(cl::Positional, cl::init("."), cl::value_desc("dir"),
                            cl::desc("<project folder (default: the working directory)>"),
                            cl::sub(initCommand()));

void error(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "policyc init") << message << "\n";
}
} // namespace

int runInit() {
  std::vector<std::string> targets;
  bool exists = false;
  for (const StarterFile &file : kStarterFiles) {
    llvm::SmallString<256> path(Folder.getValue());
    llvm::sys::path::append(path, llvm::sys::path::Style::native, file.path);
    if (llvm::sys::fs::exists(path)) {
      error("'" + path + "' exists already; policyc init writes only new files");
      exists = true;
    }
    targets.push_back(std::string(path));
  }
  if (exists) {
    error("nothing was written");
    return ExitUsage;
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    llvm::StringRef parent = llvm::sys::path::parent_path(targets[i]);
    if (!parent.empty()) {
      if (std::error_code problem = llvm::sys::fs::create_directories(parent)) {
        error("cannot create the folder '" + parent + "': " + problem.message());
        return ExitUsage;
      }
    }
    WriteResult written = writeOutputFile(targets[i], kStarterFiles[i].contents);
    if (written.outcome == WriteOutcome::Failed) {
      error(written.error);
      return ExitUsage;
    }
    llvm::outs() << "wrote " << targets[i] << "\n";
  }
  llvm::outs() << "next: describe your organisation in " << targets[0]
               << ", then run 'policyc check " << targets[0] << "'\n";
  return ExitClean;
}

} // namespace policyc::driver
