// One compilation of an open document (the root) with everything it imports, as the editor
// sees it: open documents are read from the workspace, other files from the file system.
// It keeps what the features need (diagnostics, ASTs, the model, the text of every file) and
// what the next analysis of the same root needs to parse incrementally.
//
// What is incremental: parsing. The next analysis takes over every top-level item whose text
// did not change, with its diagnostics (parse/ItemReuse.h), and parses only the others. Sema
// and the checker run over the whole policy each time: they are global (one name or one
// statement can change findings anywhere) and fast enough at 10,000 statements.
#ifndef POLICYC_LSP_ANALYSIS_H
#define POLICYC_LSP_ANALYSIS_H

#include "basic/DiagnosticEngine.h"
#include "check/Checker.h"
#include "frontend/Compilation.h"
#include "lsp/Positions.h"
#include "model/PolicyModel.h"
#include "parse/ItemReuse.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policyc::lsp {

struct Document;
class Workspace;
class SymbolIndex;

struct AnalysisOptions {
  DiagnosticOptions diagnostics;
  check::CheckOptions check;
};

/// A file of an analysis: the root or one it imports.
struct AnalyzedFile {
  std::string canonical;
  std::string uri;
  unsigned bufferId = 0;
  ast::TranslationUnit *unit = nullptr;
  std::unique_ptr<LineTable> lines; ///< of the text that was analysed
  llvm::StringRef text() const { return lines->getText(); }
};

/// A place in an analysed file, as the protocol names it.
struct FileRange {
  const AnalyzedFile *file = nullptr;
  Range range;
};

class Analysis {
public:
  /// Compiles `root`. `previous`, an earlier analysis of the same root, lends its parse:
  /// items whose text is unchanged are moved out of it, so it must not be used afterwards.
  static std::unique_ptr<Analysis> run(const Document &root, const Workspace &workspace,
                                       const AnalysisOptions &options, Analysis *previous);
  ~Analysis();
  Analysis(const Analysis &) = delete;
  Analysis &operator=(const Analysis &) = delete;

  const std::string &rootUri() const { return root->uri; }
  /// True when the file at `canonical` is part of this analysis, or was looked for (an
  /// import that could not be read is, once the editor opens it).
  bool includes(llvm::StringRef canonical) const;

  /// Every diagnostic, in the order `policyc check` reports them.
  llvm::ArrayRef<Diagnostic> getDiagnostics() const { return diagnostics; }
  /// The model; null when the root could not be read. Meaningful after errors only as far as
  /// names resolved (declarations are all there).
  const model::PolicyModel *getModel() const { return model.get(); }
  /// True when sema found no error and the checker ran.
  bool wasChecked() const { return checked; }

  const AnalyzedFile &getRoot() const { return *root; }
  llvm::ArrayRef<std::unique_ptr<AnalyzedFile>> getFiles() const { return files; }
  const AnalyzedFile *fileForUri(llvm::StringRef uri) const;
  const AnalyzedFile *fileOf(llvm::SMLoc loc) const;
  /// Offset of `loc` in its file.
  static size_t offsetOf(const AnalyzedFile &file, llvm::SMLoc loc) {
    return static_cast<size_t>(loc.getPointer() - file.text().data());
  }
  llvm::SMLoc locAt(const AnalyzedFile &file, size_t offset) const {
    return llvm::SMLoc::getFromPointer(file.text().data() + offset);
  }
  std::optional<FileRange> locate(llvm::SMRange range, PositionEncoding encoding) const;

  /// Names and where they occur, built on first use.
  const SymbolIndex &index() const;

  /// Seconds spent loading and parsing, in sema and in the checker, by the clock and in
  /// processor time of the thread (the figure that a loaded machine does not distort).
  struct Timing {
    double parse = 0;
    double sema = 0;
    double check = 0;
    double parseCpu = 0;
    double semaCpu = 0;
    double checkCpu = 0;
  };
  const Timing &getTiming() const { return timing; }
  /// Items parsed, and items taken over from the previous analysis, over all files.
  size_t parsedItems() const { return parsed; }
  size_t reusedItems() const { return reused; }

private:
  Analysis() = default;
  class Overlay;
  class Collector;

  llvm::SourceMgr sources;
  std::unique_ptr<Collector> collector;
  std::unique_ptr<DiagnosticEngine> engine;
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<model::PolicyModel> model;
  std::vector<Diagnostic> diagnostics;
  bool checked = false;
  std::vector<std::unique_ptr<AnalyzedFile>> files;
  AnalyzedFile *root = nullptr;
  llvm::DenseMap<unsigned, AnalyzedFile *> byBuffer;
  llvm::StringMap<parse::ParseRecord> records; ///< by canonical path
  llvm::StringSet<> attempted;
  mutable std::unique_ptr<SymbolIndex> symbols;
  Timing timing;
  size_t parsed = 0;
  size_t reused = 0;
};

} // namespace policyc::lsp

#endif
