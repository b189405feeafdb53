// The project configuration: a `policyc.toml` file in the folder of a policy or any folder
// above it gives the options a team wants on every run (regulation profiles, -W flags, output
// options), so that the command line, CI and the build agree. The syntax is a small subset of
// TOML that this file reads itself, with a precise diagnostic for every mistake;
// docs/configuration.md describes it and how the command line overrides it.
#ifndef POLICYC_FRONTEND_PROJECTCONFIG_H
#define POLICYC_FRONTEND_PROJECTCONFIG_H

#include "check/Checker.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace policyc {

class DiagnosticEngine;

inline constexpr llvm::StringLiteral kProjectConfigName = "policyc.toml";

struct ProjectConfig {
  /// One value as written, with where it is (for diagnostics about it later).
  struct Setting {
    std::string value;
    llvm::SMRange range;
  };

  std::string path;
  /// `profile = ["gdpr", "ccpa"]`; absent when the file does not set it.
  std::optional<std::vector<check::Profile>> profiles;
  /// `warnings = ["-Werror", "-Wno-shadowed"]`, command-line spelling, in order.
  std::vector<Setting> warnings;
  /// `[gen] namespace = "acme::privacy"`: the C++ namespace of `gen cpp`.
  std::optional<Setting> cppNamespace;
  /// `[gen] text-format = "html"`: the format of `gen text`.
  std::optional<Setting> textFormat;
};

/// The configuration file for the policy at `policyPath` ("-": standard input, looked for from
/// the working directory): the first `policyc.toml` in the policy's folder or a folder above.
std::optional<std::string> findProjectConfig(llvm::StringRef policyPath);

/// Reads the configuration at `path` into `sources`. Every mistake is reported to `diags`
/// (err_config_*; unknown -W flags as warnings, as on the command line); returns nullptr
/// after an error.
std::unique_ptr<ProjectConfig> loadProjectConfig(llvm::StringRef path, llvm::SourceMgr &sources,
                                                 DiagnosticEngine &diags);

} // namespace policyc

#endif
