#include "lsp/Diagnostics.h"

#include "frontend/Compilation.h"
#include "lsp/Analysis.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"

#include <map>

namespace policyc::lsp {

namespace {
/// LSP DiagnosticSeverity.
int severityOf(Severity severity) {
  switch (severity) {
  case Severity::Fatal:
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
  case Severity::Ignored:
    return 3;
  }
  return 1;
}

/// JSON strings must be UTF-8; messages quote the input, which may not be.
std::string utf8(llvm::StringRef text) {
  return llvm::json::isUTF8(text) ? text.str() : llvm::json::fixUTF8(text);
}

std::string codeOf(const Diagnostic &diagnostic) {
  llvm::StringRef flag = diagnostic.info().flag;
  // As the text printer: fatal errors show no flag.
  if (flag.empty() || diagnostic.severity == Severity::Fatal)
    return diagnostic.info().id.str();
  return ("-W" + flag).str();
}

/// For each file an import of the root brings in (directly or through other imports), the
/// root's import that does, so that its diagnostics can be shown there.
class ImportSites {
public:
  explicit ImportSites(const Analysis &analysis) {
    llvm::StringMap<const AnalyzedFile *> byCanonical;
    for (const auto &file : analysis.getFiles())
      byCanonical[file->canonical] = file.get();
    const AnalyzedFile &root = analysis.getRoot();
    if (!root.unit)
      return;
    for (const auto &item : root.unit->items) {
      const auto *import = llvm::dyn_cast<ast::ImportDecl>(item.get());
      if (!import)
        continue;
      std::vector<const AnalyzedFile *> pending;
      if (const AnalyzedFile *file = target(*root.unit, *import, byCanonical))
        pending.push_back(file);
      while (!pending.empty()) {
        const AnalyzedFile *file = pending.back();
        pending.pop_back();
        if (file == &root || !sites.try_emplace(file, import->target.range).second)
          continue;
        if (!file->unit)
          continue;
        for (const auto &inner : file->unit->items)
          if (const auto *next = llvm::dyn_cast<ast::ImportDecl>(inner.get()))
            if (const AnalyzedFile *imported = target(*file->unit, *next, byCanonical))
              pending.push_back(imported);
      }
    }
  }

  /// The import in the root that brings `file` in; an invalid range when none does.
  llvm::SMRange siteOf(const AnalyzedFile *file) const {
    auto found = sites.find(file);
    return found == sites.end() ? llvm::SMRange() : found->second;
  }

private:
  /// The file an import names, resolved as the compilation resolves it.
  static const AnalyzedFile *target(const ast::TranslationUnit &unit, const ast::ImportDecl &import,
                                    const llvm::StringMap<const AnalyzedFile *> &byCanonical) {
    llvm::StringRef name = import.target.value;
    llvm::SmallString<256> path;
    if (llvm::sys::path::is_absolute(name)) {
      path = name;
    } else {
      path = llvm::sys::path::parent_path(unit.path);
      llvm::sys::path::append(path, name);
    }
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/false);
    auto found = byCanonical.find(Compilation::canonicalPath(path));
    return found == byCanonical.end() ? nullptr : found->second;
  }

  std::map<const AnalyzedFile *, llvm::SMRange> sites;
};

llvm::json::Object location(const FileRange &place) {
  return llvm::json::Object{{"uri", place.file->uri}, {"range", lsp::toJson(place.range)}};
}

/// One diagnostic as the protocol has it, or std::nullopt when it belongs to no file of the
/// root (never: every diagnostic is placed somewhere).
llvm::json::Object toJson(const Analysis &analysis, const ImportSites &sites,
                          const Diagnostic &diagnostic, PositionEncoding encoding) {
  const AnalyzedFile &root = analysis.getRoot();
  std::optional<FileRange> place = analysis.locate(diagnostic.range, encoding);
  std::string message = utf8(diagnostic.message);
  llvm::json::Array related;
  Range range; // the start of the root when the diagnostic has no place
  if (place && place->file == &root) {
    range = place->range;
  } else if (place) {
    // In an imported file: at the import, with the real place as related information.
    if (std::optional<FileRange> site = analysis.locate(sites.siteOf(place->file), encoding))
      range = site->range;
    related.push_back(llvm::json::Object{{"location", location(*place)}, {"message", message}});
    message = "in imported file '" + utf8(place->file->unit ? place->file->unit->path : "") +
              "': " + message;
  }
  for (const DiagnosticNote &note : diagnostic.notes) {
    std::optional<FileRange> notePlace = analysis.locate(note.range, encoding);
    if (!notePlace) {
      message += "\nnote: " + utf8(note.message);
      continue;
    }
    related.push_back(
        llvm::json::Object{{"location", location(*notePlace)}, {"message", utf8(note.message)}});
  }
  llvm::json::Object result{
      {"range", lsp::toJson(range)},   {"severity", severityOf(diagnostic.severity)},
      {"code", codeOf(diagnostic)},    {"source", "policyc"},
      {"message", std::move(message)}, {"data", llvm::json::Object{{"id", diagnostic.info().id}}},
  };
  if (!related.empty())
    result["relatedInformation"] = std::move(related);
  if (diagnostic.info().flag == "unused-declaration")
    result["tags"] = llvm::json::Array{1}; // Unnecessary: editors grey the name out
  return result;
}

/// "Insert ';'", "Replace 'emial' with 'email'", "Remove ';'".
std::string titleOf(const Analysis &analysis, const FixIt &fix) {
  std::string replaced;
  if (const AnalyzedFile *file = analysis.fileOf(fix.range.Start)) {
    if (fix.range.End.isValid() && analysis.fileOf(fix.range.End) == file) {
      size_t begin = Analysis::offsetOf(*file, fix.range.Start);
      size_t end = Analysis::offsetOf(*file, fix.range.End);
      if (end > begin)
        replaced = utf8(file->text().slice(begin, end).take_front(40));
    }
  }
  std::string replacement = utf8(llvm::StringRef(fix.replacement).take_front(40));
  if (replaced.empty())
    return "Insert '" + replacement + "'";
  if (replacement.empty())
    return "Remove '" + replaced + "'";
  return "Replace '" + replaced + "' with '" + replacement + "'";
}
} // namespace

llvm::json::Array publishedDiagnostics(const Analysis &analysis, PositionEncoding encoding) {
  ImportSites sites(analysis);
  llvm::json::Array result;
  for (const Diagnostic &diagnostic : analysis.getDiagnostics())
    result.push_back(toJson(analysis, sites, diagnostic, encoding));
  return result;
}

llvm::json::Array codeActions(const Analysis &analysis, const Range &range,
                              PositionEncoding encoding) {
  ImportSites sites(analysis);
  llvm::json::Array actions;
  for (const Diagnostic &diagnostic : analysis.getDiagnostics()) {
    if (diagnostic.fixIts.empty())
      continue;
    llvm::json::Object published = toJson(analysis, sites, diagnostic, encoding);
    std::optional<Range> shown;
    if (const llvm::json::Value *value = published.get("range")) {
      Range parsed;
      if (fromJson(value, parsed))
        shown = parsed;
    }
    if (!shown || range.end < shown->start || shown->end < range.start)
      continue;
    llvm::json::Object changes;
    bool placed = true;
    for (const FixIt &fix : diagnostic.fixIts) {
      std::optional<FileRange> place = analysis.locate(fix.range, encoding);
      if (!place) {
        placed = false;
        break;
      }
      llvm::json::Value *edits = changes.get(place->file->uri);
      if (!edits)
        edits = &(changes[place->file->uri] = llvm::json::Array());
      edits->getAsArray()->push_back(llvm::json::Object{{"range", lsp::toJson(place->range)},
                                                        {"newText", utf8(fix.replacement)}});
    }
    if (!placed)
      continue;
    actions.push_back(llvm::json::Object{
        {"title", titleOf(analysis, diagnostic.fixIts.front())},
        {"kind", "quickfix"},
        {"isPreferred", diagnostic.fixIts.size() == 1},
        {"diagnostics", llvm::json::Array{std::move(published)}},
        {"edit", llvm::json::Object{{"changes", std::move(changes)}}},
    });
  }
  return actions;
}

} // namespace policyc::lsp
