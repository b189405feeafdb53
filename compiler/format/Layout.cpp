#include "format/Layout.h"

#include <algorithm>

namespace policyc::format {

Doc Doc::nest(unsigned indent, Doc child) {
  Doc doc(Kind::Nest);
  doc.indentValue = indent;
  doc.children.push_back(std::move(child));
  return doc;
}

Doc Doc::align(Doc child) {
  Doc doc(Kind::Align);
  doc.children.push_back(std::move(child));
  return doc;
}

Doc Doc::concat(std::vector<Doc> children) {
  Doc doc(Kind::Concat);
  doc.children = std::move(children);
  return doc;
}

Doc Doc::fill(std::vector<Doc> parts) {
  Doc doc(Kind::Fill);
  doc.children = std::move(parts);
  return doc;
}

unsigned LayoutPrinter::widthOf(llvm::StringRef text) {
  unsigned width = 0;
  for (char c : text) {
    if (c == '\n' || c == '\r')
      break;
    // Count code points: every byte but UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++width;
  }
  return width;
}

unsigned LayoutPrinter::measure(const Doc &doc, unsigned limit, bool &ends) {
  ends = false;
  return measureInto(doc, 0, limit, ends);
}

unsigned LayoutPrinter::measureInto(const Doc &doc, unsigned width, unsigned limit, bool &ends) {
  if (ends || width > limit)
    return width;
  switch (doc.kind()) {
  case Doc::Kind::Text:
  case Doc::Kind::Comment: {
    llvm::StringRef text = doc.getText();
    if (doc.kind() == Doc::Kind::Text)
      width += widthOf(text);
    ends = text.find_first_of("\r\n") != llvm::StringRef::npos;
    return width;
  }
  case Doc::Kind::Space:
    return width + 1;
  case Doc::Kind::HardLine:
  case Doc::Kind::FreshLine:
  case Doc::Kind::ForceBreak:
    ends = true;
    return width;
  case Doc::Kind::Nest:
  case Doc::Kind::Align:
  case Doc::Kind::Concat:
    for (const Doc &child : doc.getChildren()) {
      width = measureInto(child, width, limit, ends);
      if (ends || width > limit)
        break;
    }
    return width;
  case Doc::Kind::Fill: {
    bool first = true;
    for (const Doc &child : doc.getChildren()) {
      if (!first)
        ++width;
      first = false;
      width = measureInto(child, width, limit, ends);
      if (ends || width > limit)
        break;
    }
    return width;
  }
  }
  return width;
}

void LayoutPrinter::newLine(unsigned indent) {
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  out += '\n';
  ++lines;
  column = indent;
  atLineStart = true;
  pendingLine = false;
}

void LayoutPrinter::emit(llvm::StringRef text, unsigned indent, bool isWord) {
  if (pendingLine)
    newLine(indent);
  if (text.empty())
    return;
  if (atLineStart) {
    out.append(column, ' ');
    atLineStart = false;
  }
  if (isWord)
    for (uint64_t *slot : firstWordLines)
      if (*slot == kNoLine)
        *slot = lines;
  // Text holds a line end only inside a block comment, whose later lines are kept as written.
  size_t start = 0;
  while (true) {
    size_t end = text.find_first_of("\r\n", start);
    llvm::StringRef line = text.slice(start, end);
    out.append(line.data(), line.size());
    column += widthOf(line);
    if (end == llvm::StringRef::npos)
      return;
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    out += '\n';
    ++lines;
    column = 0;
  }
}

void LayoutPrinter::fill(const Doc &doc, unsigned indent) {
  bool first = true;
  bool previousSpannedLines = false;
  for (const Doc &part : doc.getChildren()) {
    if (!first) {
      bool breakHere = previousSpannedLines || pendingLine || column + 1 > columnLimit;
      if (!breakHere) {
        bool ends = false;
        unsigned available = columnLimit - column - 1;
        breakHere = measure(part, available, ends) > available;
      }
      if (breakHere)
        newLine(indent);
      else if (!atLineStart)
        emit(" ", indent);
    }
    first = false;
    // A part spans lines when it ends below the line of its first word (comments before that
    // word do not count).
    uint64_t firstWordLine = kNoLine;
    firstWordLines.push_back(&firstWordLine);
    print(part, indent);
    firstWordLines.pop_back();
    previousSpannedLines = firstWordLine != kNoLine && lines != firstWordLine;
  }
}

void LayoutPrinter::print(const Doc &doc, unsigned indent) {
  switch (doc.kind()) {
  case Doc::Kind::Text:
  case Doc::Kind::Comment:
    emit(doc.getText(), indent, doc.kind() == Doc::Kind::Text);
    return;
  case Doc::Kind::Space:
    if (!atLineStart && !pendingLine)
      emit(" ", indent);
    return;
  case Doc::Kind::HardLine:
    newLine(indent);
    return;
  case Doc::Kind::FreshLine:
    if (!atLineStart || pendingLine)
      newLine(indent);
    return;
  case Doc::Kind::ForceBreak:
    pendingLine = true;
    return;
  case Doc::Kind::Nest:
    for (const Doc &child : doc.getChildren())
      print(child, indent + doc.getIndent());
    return;
  case Doc::Kind::Align: {
    if (pendingLine)
      newLine(indent);
    unsigned here = column;
    for (const Doc &child : doc.getChildren())
      print(child, here);
    return;
  }
  case Doc::Kind::Concat:
    for (const Doc &child : doc.getChildren())
      print(child, indent);
    return;
  case Doc::Kind::Fill:
    fill(doc, indent);
    return;
  }
}

void LayoutPrinter::lineBreak(bool blank) {
  if (out.empty() && atLineStart)
    return;
  newLine(0);
  if (blank)
    newLine(0);
}

std::string LayoutPrinter::finish() {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
    out.pop_back();
  if (!out.empty())
    out += '\n';
  return std::move(out);
}

} // namespace policyc::format
