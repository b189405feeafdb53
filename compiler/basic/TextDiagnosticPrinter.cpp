#include "basic/TextDiagnosticPrinter.h"

#include "basic/DisplayText.h"
#include "basic/SourceLocation.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/Unicode.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace policyc {

namespace {
/// How much of a source line is shown: whole lines up to kMaxShownLine bytes; longer ones as
/// a window of about kWindowSize bytes around the caret. A minified or hostile file must not
/// print megabytes per diagnostic, nor cost time in the length of its lines.
constexpr size_t kMaxShownLine = 200;
constexpr size_t kWindowBefore = 80;
constexpr size_t kWindowSize = 160;
constexpr unsigned kTabStop = 8;

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// One source line made safe to print: tabs expanded, control characters, invalid UTF-8 and
/// invisible characters spelled as <U+XXXX> or <XX> (never sent raw to a terminal), and a
/// display column for every byte of the shown window.
struct ShownLine {
  const char *begin = nullptr; ///< first byte shown
  const char *end = nullptr;   ///< one past the last byte shown
  std::string text;
  unsigned width = 0;            ///< display columns of `text`
  std::vector<unsigned> columns; ///< display column of each byte of [begin, end], end included

  void append(llvm::StringRef piece, unsigned pieceWidth) {
    text += piece;
    width += pieceWidth;
  }

  unsigned columnOf(const char *p) const {
    if (p <= begin)
      return columns.front();
    if (p >= end)
      return columns.back();
    return columns[p - begin];
  }
  bool contains(const char *p) const { return p >= begin && p <= end; }
};

/// The part of the line that starts at `lineBegin` to show for a caret at `caret`.
ShownLine showLine(const char *lineBegin, const char *bufferEnd, const char *caret) {
  ShownLine line;
  line.begin = lineBegin;
  if (static_cast<size_t>(caret - lineBegin) > kMaxShownLine) {
    line.begin = caret - kWindowBefore;
    while (line.begin > lineBegin && isContinuationByte(*line.begin))
      --line.begin;
    line.append("...", 3);
  }
  // The end of the line is searched for only as far as it would be shown.
  size_t shown =
      std::max<size_t>(kMaxShownLine, (caret - line.begin) + kWindowSize - kWindowBefore);
  const char *limit = line.begin + std::min<size_t>(shown, bufferEnd - line.begin);
  line.end = caret;
  while (line.end < limit && *line.end != '\n')
    ++line.end;
  bool cut = line.end == limit && limit < bufferEnd && *limit != '\n';
  if (cut) {
    while (line.end > caret && isContinuationByte(*line.end))
      --line.end;
  } else if (line.end > line.begin && line.end[-1] == '\r' && line.end - 1 >= caret) {
    --line.end; // the '\r' of a CRLF line end
  }
  auto escaped = [&](const std::string &spelling) {
    line.append(spelling, static_cast<unsigned>(spelling.size()));
  };
  line.columns.assign(line.end - line.begin + 1, 0);
  const char *p = line.begin;
  while (p < line.end) {
    size_t index = p - line.begin;
    line.columns[index] = line.width;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\t') {
      unsigned spaces = kTabStop - line.width % kTabStop;
      line.append(std::string(spaces, ' '), spaces);
      ++p;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      escaped(fmt::format("<U+{:04X}>", c));
      ++p;
      continue;
    }
    unsigned length = utf8SequenceLength(p, static_cast<size_t>(line.end - p));
    if (length == 0) {
      escaped(fmt::format("<{:02X}>", c));
      ++p;
      continue;
    }
    llvm::StringRef sequence(p, length);
    int width = length == 1 ? 1 : llvm::sys::unicode::columnWidthUTF8(sequence);
    if (width <= 0) {
      uint32_t codePoint = c & (0x7F >> length);
      for (char byte : sequence.drop_front())
        codePoint = (codePoint << 6) | (static_cast<unsigned char>(byte) & 0x3F);
      escaped(fmt::format("<U+{:04X}>", codePoint));
    } else {
      line.append(sequence, static_cast<unsigned>(width));
    }
    for (unsigned i = 1; i < length; ++i)
      line.columns[index + i] = line.columns[index];
    p += length;
  }
  line.columns.back() = line.width;
  if (cut)
    line.append("...", 3);
  return line;
}

llvm::ColorMode colorMode(bool useColors) {
  return useColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable;
}
} // namespace

void TextDiagnosticPrinter::printLabel(Severity severity) {
  switch (severity) {
  case Severity::Note:
    llvm::WithColor(out, llvm::HighlightColor::Note, colorMode(useColors)) << "note: ";
    return;
  case Severity::Warning:
    llvm::WithColor(out, llvm::HighlightColor::Warning, colorMode(useColors)) << "warning: ";
    return;
  case Severity::Fatal:
    llvm::WithColor(out, llvm::HighlightColor::Error, colorMode(useColors)) << "fatal error: ";
    return;
  case Severity::Ignored:
  case Severity::Error:
    break;
  }
  llvm::WithColor(out, llvm::HighlightColor::Error, colorMode(useColors)) << "error: ";
}

void TextDiagnosticPrinter::print(llvm::SMRange range, Severity severity, llvm::StringRef message,
                                  llvm::ArrayRef<FixIt> fixIts, const llvm::SourceMgr &sources) {
  auto bold = [&]() {
    return llvm::WithColor(out, llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true, /*BG=*/false,
                           colorMode(useColors));
  };
  std::optional<PresumedLoc> where = presumedLoc(sources, range.Start);
  if (!where) {
    // Not about a place in a file: `policyc: error: ...`, like a compiler driver.
    bold() << programName << ": ";
    printLabel(severity);
    bold() << message << '\n';
    return;
  }
  // Buffer names are display names already (frontend/Compilation); names from elsewhere
  // (tests, tools) are made printable here, where they reach the terminal.
  bold() << printableText(where->file) << ':' << where->line << ':' << where->column << ": ";
  printLabel(severity);
  bold() << message << '\n';

  const char *bufferEnd = sources.getMemoryBuffer(where->bufferId)->getBufferEnd();
  const char *caret = range.Start.getPointer();
  ShownLine line = showLine(caret - (where->column - 1), bufferEnd, caret);

  std::string caretLine(line.width + 1, ' ');
  const char *rangeEnd = range.End.isValid() ? range.End.getPointer() : caret;
  if (rangeEnd > caret) {
    unsigned first = line.columnOf(caret);
    unsigned last = line.columnOf(std::min(rangeEnd, line.end));
    for (unsigned column = first; column < last && column < caretLine.size(); ++column)
      caretLine[column] = '~';
  }
  caretLine[std::min<size_t>(line.columnOf(caret), caretLine.size() - 1)] = '^';
  caretLine.erase(caretLine.find_last_not_of(' ') + 1);

  std::string fixItLine;
  for (const FixIt &fix : fixIts) {
    const char *at = fix.range.Start.getPointer();
    if (!fix.range.Start.isValid() || fix.replacement.empty() || !line.contains(at))
      continue;
    bool printable = std::all_of(fix.replacement.begin(), fix.replacement.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && c != 0x7F;
    });
    if (!printable)
      continue;
    size_t column = line.columnOf(at);
    if (fixItLine.size() > column)
      continue; // overlaps the previous fix-it
    fixItLine.resize(column, ' ');
    fixItLine += fix.replacement;
  }

  out << line.text << '\n';
  llvm::WithColor(out, llvm::raw_ostream::GREEN, /*Bold=*/true, /*BG=*/false, colorMode(useColors))
      << caretLine << '\n';
  if (!fixItLine.empty())
    out << fixItLine << '\n';
}

void TextDiagnosticPrinter::handleDiagnostic(const Diagnostic &diagnostic,
                                             const llvm::SourceMgr &sources) {
  // A suppressed finding was accepted in the policy itself; only machine formats list it.
  if (diagnostic.suppression)
    return;
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

void TextDiagnosticPrinter::finish(const llvm::SourceMgr &) {
  out.flush();
}

} // namespace policyc
