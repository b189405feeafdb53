// The project configuration (frontend/ProjectConfig.h, docs/configuration.md): what policyc.toml
// may say, the diagnostic each mistake gets, and where the file is found.
#include "TestSupport.h"

#include "frontend/ProjectConfig.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

using namespace policyc;

namespace {
struct Loaded {
  llvm::SourceMgr sources;
  test::CollectingConsumer consumer;
  std::unique_ptr<ProjectConfig> config;
};

class TemporaryFolder {
public:
  TemporaryFolder() { REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("policyc-config", path)); }
  ~TemporaryFolder() { llvm::sys::fs::remove_directories(path); }
  std::string file(llvm::StringRef name, llvm::StringRef text) const {
    llvm::SmallString<256> file(path);
    llvm::sys::path::append(file, name);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(file));
    std::error_code error;
    llvm::raw_fd_ostream out(file, error);
    REQUIRE_FALSE(error);
    out << text;
    return std::string(file);
  }
  llvm::SmallString<256> path;
};

std::unique_ptr<Loaded> load(llvm::StringRef text) {
  TemporaryFolder folder;
  auto loaded = std::make_unique<Loaded>();
  DiagnosticEngine diags(loaded->sources, loaded->consumer);
  loaded->config = loadProjectConfig(folder.file("policyc.toml", text), loaded->sources, diags);
  return loaded;
}
} // namespace

TEST_CASE("policyc.toml: every key", "[config]") {
  auto loaded = load("# a comment\n"
                     "profile = [\"gdpr\", 'ccpa',]  # both\n"
                     "warnings = [\n"
                     "  \"-Werror\",   # every warning\n"
                     "  \"-Wno-shadowed\",\n"
                     "]\n"
                     "\n"
                     "[gen]\n"
                     "namespace = \"acme::privacy\"\n"
                     "text-format = \"html\"\n");
  INFO(llvm::join(loaded->consumer.entries, "\n"));
  REQUIRE(loaded->config);
  CHECK(loaded->consumer.entries.empty());
  REQUIRE(loaded->config->profiles);
  CHECK(*loaded->config->profiles ==
        std::vector<check::Profile>{check::Profile::Gdpr, check::Profile::Ccpa});
  REQUIRE(loaded->config->warnings.size() == 2);
  CHECK(loaded->config->warnings[0].value == "-Werror");
  CHECK(loaded->config->warnings[1].value == "-Wno-shadowed");
  REQUIRE(loaded->config->cppNamespace);
  CHECK(loaded->config->cppNamespace->value == "acme::privacy");
  REQUIRE(loaded->config->textFormat);
  CHECK(loaded->config->textFormat->value == "html");
}

TEST_CASE("policyc.toml: a single string for a list, and an empty file", "[config]") {
  auto single = load("profile = \"gdpr\"\nwarnings = '-Werror'\n");
  REQUIRE(single->config);
  CHECK(single->config->profiles->size() == 1);
  CHECK(single->config->warnings.size() == 1);
  auto empty = load("");
  REQUIRE(empty->config);
  CHECK_FALSE(empty->config->profiles);
  CHECK(empty->config->warnings.empty());
}

TEST_CASE("policyc.toml: each mistake has its diagnostic", "[config]") {
  struct Case {
    const char *text;
    const char *expected; ///< "id@line: message" prefix
  };
  const Case cases[] = {
      {"profile = [\"gdpr\"", "err_config_syntax@1: this list has no closing ']'"},
      {"profile [\"gdpr\"]", "err_config_syntax@1: expected '=' after the key 'profile'"},
      {"profile = gdpr", "err_config_syntax@1: expected a value"},
      {"profile = \"gdpr\" extra", "err_config_syntax@1: expected the end of the line"},
      {"profile = \"gdpr", "err_config_syntax@1: missing terminating \" character"},
      {"profile = \"\\q\"", "err_config_syntax@1: unknown escape sequence '\\q'"},
      {"= 1", "err_config_syntax@1: expected a key"},
      {"\n[gen\n", "err_config_syntax@2: expected ']' after the section name"},
      {"profiles = [\"gdpr\"]", "err_config_unknown_key@1: unknown key 'profiles' in the "
                                "configuration; did you mean 'profile'?"},
      {"namespace = \"a\"", "err_config_unknown_key@1: unknown key 'namespace' in the "
                            "configuration; it belongs in the [gen] section"},
      {"[generate]", "err_config_unknown_key@1: unknown section 'generate' in the configuration"},
      {"[gen]\nprofile = \"gdpr\"", "err_config_unknown_key@2: unknown key 'profile' in the "
                                    "configuration; it belongs before the first [section]"},
      {"profile = \"gdpr\"\nprofile = \"ccpa\"",
       "err_config_duplicate_key@2: 'profile' is set twice in the configuration"},
      {"[gen]\n[gen]", "err_config_duplicate_key@2: '[gen]' is set twice"},
      {"profile = [\"gdp\"]", "err_config_value@1: invalid value for 'profile': 'gdp' is not a "
                              "regulation profile; known: gdpr, ccpa"},
      {"profile = true", "err_config_value@1: invalid value for 'profile': expected a string or "
                         "a list of strings"},
      {"warnings = [\"Werror\"]", "err_config_value@1: invalid value for 'warnings': 'Werror' "
                                  "is not a -W option"},
      {"warnings = [\"-Wno-syntax\"]", "err_config_value@1: invalid value for 'warnings': "
                                       "'-Wno-syntax': errors of this group cannot be disabled"},
      {"warnings = [\"-Wno-shadowd\"]",
       "warn_unknown_warning_option_suggest@1: unknown warning option '-Wno-shadowd'; did you "
       "mean '-Wno-shadowed'?"},
      {"[gen]\ntext-format = \"pdf\"", "err_config_value@2: invalid value for 'text-format': "
                                       "'pdf' is not a text format; known: md, html"},
      {"[gen]\nnamespace = [\"a\"]", "err_config_value@2: invalid value for 'namespace': "
                                     "expected a string"},
  };
  for (const Case &entry : cases) {
    INFO(entry.text);
    auto loaded = load(entry.text);
    REQUIRE_FALSE(loaded->consumer.entries.empty());
    INFO(loaded->consumer.entries.front());
    CHECK(llvm::StringRef(loaded->consumer.entries.front()).startswith(entry.expected));
    // Errors reject the file; an unknown -W flag is only a warning, as on the command line.
    bool warningOnly = llvm::StringRef(entry.expected).startswith("warn_");
    CHECK(bool(loaded->config) == warningOnly);
  }
}

TEST_CASE("policyc.toml is found in the policy's folder or above", "[config]") {
  TemporaryFolder folder;
  std::string policy = folder.file("project/policies/eu/shop.policy", "source s;\n");
  std::optional<std::string> none = findProjectConfig(policy);
  CHECK((!none || !llvm::StringRef(*none).startswith(folder.path)));
  std::string outer = folder.file("project/policyc.toml", "");
  REQUIRE(findProjectConfig(policy));
  CHECK(*findProjectConfig(policy) == outer);
  std::string inner = folder.file("project/policies/policyc.toml", "");
  CHECK(*findProjectConfig(policy) == inner);
}
