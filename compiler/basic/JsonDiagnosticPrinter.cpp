#include "basic/JsonDiagnosticPrinter.h"

#include "basic/SourceLocation.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc {

llvm::json::Value locationToJson(const llvm::SourceMgr &sources, llvm::SMRange range) {
  auto start = presumedLoc(sources, range.Start);
  if (!start)
    return nullptr;
  llvm::json::Object location{
      {"file", start->file}, {"line", start->line}, {"column", start->column}};
  auto end = presumedLoc(sources, range.End);
  if (end && end->bufferId == start->bufferId) {
    location["endLine"] = end->line;
    location["endColumn"] = end->column;
  } else {
    location["endLine"] = start->line;
    location["endColumn"] = start->column;
  }
  return llvm::json::Value(std::move(location));
}

void JsonDiagnosticPrinter::handleDiagnostic(const Diagnostic &diagnostic,
                                             const llvm::SourceMgr &sources) {
  const DiagnosticInfo &info = diagnostic.info();
  if (!diagnostic.suppression && diagnostic.severity == Severity::Warning)
    ++warnings;
  if (!diagnostic.suppression && diagnostic.severity >= Severity::Error)
    ++errors;
  llvm::json::Array notes;
  for (const DiagnosticNote &note : diagnostic.notes)
    notes.push_back(llvm::json::Object{{"id", getDiagnosticInfo(note.kind).id},
                                       {"message", note.message},
                                       {"location", locationToJson(sources, note.range)}});
  llvm::json::Array fixIts;
  for (const FixIt &fix : diagnostic.fixIts)
    fixIts.push_back(llvm::json::Object{{"location", locationToJson(sources, fix.range)},
                                        {"replacement", fix.replacement}});
  llvm::json::Object entry{
      {"id", info.id},
      {"severity", severityName(diagnostic.severity)},
      {"flag", info.flag.empty() ? llvm::json::Value(nullptr)
                                 : llvm::json::Value(("-W" + info.flag).str())},
      {"message", diagnostic.message},
      {"location", locationToJson(sources, diagnostic.range)},
      {"notes", std::move(notes)},
      {"fixIts", std::move(fixIts)},
  };
  // Only suppressed findings carry the key, so documents without suppressions keep their shape.
  if (diagnostic.suppression)
    entry["suppression"] =
        llvm::json::Object{{"justification", diagnostic.suppression->justification},
                           {"location", locationToJson(sources, diagnostic.suppression->range)}};
  diagnostics.push_back(std::move(entry));
}

void JsonDiagnosticPrinter::finish(const llvm::SourceMgr &) {
  llvm::json::Object document{{"version", 1},
                              {"errors", errors},
                              {"warnings", warnings},
                              {"diagnostics", std::move(diagnostics)}};
  out << llvm::formatv("{0:2}", llvm::json::Value(std::move(document))) << '\n';
  out.flush();
  diagnostics = llvm::json::Array();
}

} // namespace policyc
