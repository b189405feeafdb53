#include "basic/TextDiagnosticPrinter.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc {

namespace {
llvm::SourceMgr::DiagKind toDiagKind(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return llvm::SourceMgr::DK_Note;
  case Severity::Warning:
    return llvm::SourceMgr::DK_Warning;
  case Severity::Ignored:
  case Severity::Error:
  case Severity::Fatal:
    break;
  }
  return llvm::SourceMgr::DK_Error;
}
} // namespace

void TextDiagnosticPrinter::print(llvm::SMRange range, Severity severity,
                                  llvm::StringRef message, llvm::ArrayRef<FixIt> fixIts,
                                  const llvm::SourceMgr &sources) {
  if (!range.Start.isValid() || sources.FindBufferContainingLoc(range.Start) == 0) {
    // Not about a place in a file: `policyc: error: ...`, like a compiler driver.
    llvm::WithColor(out, llvm::raw_ostream::SAVEDCOLOR, true, false,
                    useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
        << programName << ": ";
    switch (severity) {
    case Severity::Note:
      llvm::WithColor(out, llvm::HighlightColor::Note,
                      useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
          << "note: ";
      break;
    case Severity::Warning:
      llvm::WithColor(out, llvm::HighlightColor::Warning,
                      useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
          << "warning: ";
      break;
    default:
      llvm::WithColor(out, llvm::HighlightColor::Error,
                      useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
          << (severity == Severity::Fatal ? "fatal error: " : "error: ");
      break;
    }
    llvm::WithColor(out, llvm::raw_ostream::SAVEDCOLOR, true, false,
                    useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
        << message << '\n';
    return;
  }
  llvm::SmallVector<llvm::SMRange, 1> ranges;
  if (range.End.isValid() && range.End.getPointer() > range.Start.getPointer())
    ranges.push_back(range);
  llvm::SmallVector<llvm::SMFixIt, 1> fixes;
  for (const FixIt &fix : fixIts) {
    // SourceMgr prints fix-its that sit on the diagnostic's line only.
    if (fix.range.Start.isValid())
      fixes.emplace_back(fix.range, fix.replacement);
  }
  sources.PrintMessage(out, range.Start, toDiagKind(severity), message, ranges, fixes, useColors);
}

void TextDiagnosticPrinter::handleDiagnostic(const Diagnostic &diagnostic,
                                             const llvm::SourceMgr &sources) {
  std::string message = diagnostic.message;
  llvm::StringRef flag = diagnostic.info().flag;
  if (!flag.empty() && diagnostic.severity != Severity::Fatal) {
    message += " [-W";
    message += flag.str();
    message += "]";
  }
  print(diagnostic.range, diagnostic.severity, message, diagnostic.fixIts, sources);
  for (const DiagnosticNote &note : diagnostic.notes)
    print(note.range, Severity::Note, note.message, {}, sources);
}

void TextDiagnosticPrinter::finish(const llvm::SourceMgr &) { out.flush(); }

} // namespace policyc
