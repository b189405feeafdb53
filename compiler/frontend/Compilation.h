// One policy being compiled: its files (the root and everything it imports), their ASTs and
// the model. Loads files through the SourceMgr, follows imports, detects cycles.
#ifndef POLICYC_FRONTEND_COMPILATION_H
#define POLICYC_FRONTEND_COMPILATION_H

#include "ast/AST.h"
#include "basic/Limits.h"
#include "frontend/Suppressions.h"
#include "model/PolicyModel.h"
#include "parse/Parser.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace policyc {

class DiagnosticEngine;

/// The name standard input goes by in diagnostics and outputs.
inline constexpr const char *kStandardInputName = "<stdin>";

/// How a file is named wherever it is shown (diagnostics, locations in generated outputs):
/// the path as given, made printable (basic/DisplayText.h). Source buffers are named so.
std::string displayFileName(llvm::StringRef path);

/// The bounds of basic/Limits.h, injectable so that tests can reach each one cheaply.
struct CompilationLimits {
  uint64_t maxFileSize = limits::kMaxFileSize;
  uint64_t maxPolicySize = limits::kMaxPolicySize;
  unsigned maxImportDepth = limits::kMaxImportDepth;
  unsigned maxNestingDepth = limits::kMaxNestingDepth;
  unsigned maxTokensPerStatement = limits::kMaxTokensPerStatement;
  unsigned maxStatements = limits::kMaxStatements;
  uint64_t maxTokens = limits::kMaxTokens;
};

/// What an editor adds to a compilation (the language server): its text of the files it
/// holds open, in place of what the file system holds, and the previous parse of each file
/// for incremental parsing.
class SourceOverlay {
public:
  virtual ~SourceOverlay();
  /// The editor's text of the file at `canonicalPath`, or std::nullopt to read the file.
  virtual std::optional<llvm::StringRef> openFileText(llvm::StringRef canonicalPath) = 0;
  /// What the parse of the file at `canonicalPath` may reuse and record.
  virtual parse::Incremental incrementalParse(llvm::StringRef canonicalPath) = 0;
};

class Compilation {
public:
  /// While the compilation lives, the `policyc-ignore` comments of its files silence the
  /// findings reported to `diags`.
  Compilation(llvm::SourceMgr &sources, DiagnosticEngine &diags, CompilationLimits limits = {});
  ~Compilation();
  Compilation(const Compilation &) = delete;
  Compilation &operator=(const Compilation &) = delete;

  /// Loads the policy file at `path` ("-" reads standard input) and every file it imports.
  /// Returns false when the file itself cannot be read (an I/O error, exit code 2); errors
  /// inside the policy, imports included, are diagnostics and still return true.
  bool loadRoot(llvm::StringRef path);
  /// Same, from memory (tests, fuzzers); imports resolve relative to the working directory.
  void loadRootBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);

  /// Files are read through `overlay` first (it must outlive the loading).
  void setOverlay(SourceOverlay *sourceOverlay) { overlay = sourceOverlay; }
  /// The path a file is known by: real path when it exists, else absolute without dots.
  static std::string canonicalPath(llvm::StringRef path);

  /// Runs semantic analysis over the loaded files; nullptr if nothing was loaded.
  std::unique_ptr<model::PolicyModel> analyze();
  /// Frees the syntax trees once the model is built: the model copies what it needs (names,
  /// text, source ranges into the SourceMgr), and the trees are about a third of the memory
  /// of a large policy, which the checker and generators then have for themselves. The units
  /// stay, empty.
  void releaseSyntaxTrees();

  /// Reports mistaken `policyc-ignore` comments and, when `findingsComplete` (the checker ran
  /// over the whole policy), the ones that silenced nothing. Once, after the last finding.
  void reportSuppressionProblems(bool findingsComplete) {
    suppressions.reportProblems(diags, findingsComplete);
  }

  /// Files in load order (imports before the files importing them).
  llvm::ArrayRef<std::unique_ptr<ast::TranslationUnit>> getUnits() const { return units; }
  /// The paths of the files read, as given (not display names), in load order: what a
  /// dependency file lists and what an output must not overwrite. Standard input and
  /// buffers loaded from memory are not files and are not listed.
  llvm::ArrayRef<std::string> getInputFiles() const { return files; }
  const parse::ParseStats &getParseStats() const { return parseStats; }
  llvm::SourceMgr &getSourceMgr() { return sources; }
  DiagnosticEngine &getDiagnostics() { return diags; }

private:
  struct ImportSite {
    std::string imported;  ///< display path of the imported file
    std::string canonical; ///< its canonical path
    llvm::SMRange range;   ///< the import's string in the importing file
  };

  /// Parses `buffer` (named for display) read from `path`, then what it imports. `isFile`:
  /// `path` names a file (not standard input or memory).
  void loadUnit(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path,
                const std::string &canonical, unsigned depth, bool isFile);
  /// Reads `path`, reporting at `site` (or as a command-line error when site is null).
  std::unique_ptr<llvm::MemoryBuffer> readFile(llvm::StringRef path, const ImportSite *site);
  /// The overlay's text of the file, or null when the overlay does not hold it.
  std::unique_ptr<llvm::MemoryBuffer> readOverlay(llvm::StringRef path, llvm::StringRef canonical,
                                                  const ImportSite *site, bool &tooLarge);
  void followImports(const ast::TranslationUnit &unit, unsigned depth);
  void reportCycle(const ImportSite &site);

  llvm::SourceMgr &sources;
  DiagnosticEngine &diags;
  CompilationLimits limits;
  /// Bytes of every file loaded so far, against limits.maxPolicySize.
  uint64_t bytesLoaded = 0;
  std::vector<std::unique_ptr<ast::TranslationUnit>> units;
  std::vector<std::string> files;
  /// Canonical paths loaded or being loaded; the value is true while on the import stack.
  llvm::StringMap<bool> visiting;
  /// The import chain currently being loaded, for cycle messages.
  std::vector<ImportSite> stack;
  std::string rootPath;
  std::string rootCanonical;
  parse::ParseStats parseStats;
  SourceOverlay *overlay = nullptr;
  Suppressions suppressions;
};

} // namespace policyc

#endif
