#include "driver/ProjectOptions.h"

#include "driver/Commands.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"

#include <memory>

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
cl::opt<std::string> ConfigFile("config", cl::value_desc("file"),
                                cl::desc("Use this project configuration instead of the "
                                         "policyc.toml found beside the policy or above it"),
                                cl::sub(checkCommand()), cl::sub(genCommand()));
cl::opt<bool> NoConfig("no-config", cl::desc("Use no project configuration (policyc.toml)"),
                       cl::sub(checkCommand()), cl::sub(genCommand()));

struct Loaded {
  std::unique_ptr<ProjectConfig> config;
  bool failed = false;
};
} // namespace

const ProjectConfig *projectConfigFor(llvm::StringRef policyPath, llvm::SourceMgr &sources,
                                      DiagnosticEngine &diags, bool &failed) {
  failed = false;
  if (NoConfig)
    return nullptr;
  std::optional<std::string> path;
  if (!ConfigFile.empty())
    path = ConfigFile.getValue();
  else
    path = findProjectConfig(policyPath);
  if (!path)
    return nullptr;
  static llvm::StringMap<Loaded> loaded;
  auto [entry, inserted] = loaded.try_emplace(*path);
  if (inserted) {
    entry->second.config = loadProjectConfig(*path, sources, diags);
    entry->second.failed = !entry->second.config;
  }
  failed = entry->second.failed;
  return entry->second.config.get();
}

} // namespace policyc::driver
