#include "lsp/Positions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <optional>

namespace policyc::lsp {

namespace {
/// Length of the UTF-8 sequence that starts with `lead`; a stray byte counts as one.
unsigned sequenceLength(unsigned char lead) {
  if (lead < 0xC0)
    return 1;
  if (lead < 0xE0)
    return 2;
  if (lead < 0xF0)
    return 3;
  return 4;
}

/// Code units of one character of `length` UTF-8 bytes in `encoding`.
unsigned unitsOf(unsigned length, PositionEncoding encoding) {
  switch (encoding) {
  case PositionEncoding::Utf8:
    return length;
  case PositionEncoding::Utf16:
    return length == 4 ? 2 : 1;
  case PositionEncoding::Utf32:
    return 1;
  }
  llvm_unreachable("unknown encoding");
}
} // namespace

llvm::StringRef encodingName(PositionEncoding encoding) {
  switch (encoding) {
  case PositionEncoding::Utf8:
    return "utf-8";
  case PositionEncoding::Utf16:
    return "utf-16";
  case PositionEncoding::Utf32:
    return "utf-32";
  }
  llvm_unreachable("unknown encoding");
}

llvm::json::Value toJson(const Position &position) {
  return llvm::json::Object{{"line", position.line}, {"character", position.character}};
}

llvm::json::Value toJson(const Range &range) {
  return llvm::json::Object{{"start", toJson(range.start)}, {"end", toJson(range.end)}};
}

bool fromJson(const llvm::json::Value *value, Position &position) {
  const llvm::json::Object *object = value ? value->getAsObject() : nullptr;
  if (!object)
    return false;
  llvm::Optional<int64_t> line = object->getInteger("line");
  llvm::Optional<int64_t> character = object->getInteger("character");
  if (!line || !character || *line < 0 || *character < 0 || *line > UINT32_MAX ||
      *character > UINT32_MAX)
    return false;
  position.line = static_cast<uint32_t>(*line);
  position.character = static_cast<uint32_t>(*character);
  return true;
}

bool fromJson(const llvm::json::Value *value, Range &range) {
  const llvm::json::Object *object = value ? value->getAsObject() : nullptr;
  return object && fromJson(object->get("start"), range.start) &&
         fromJson(object->get("end"), range.end);
}

LineTable::LineTable(llvm::StringRef text) : text(text) {
  starts.push_back(0);
  bool lineIsAscii = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80)
      lineIsAscii = false;
    bool lineEnd = c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
    if (!lineEnd)
      continue;
    ascii.push_back(lineIsAscii);
    lineIsAscii = true;
    starts.push_back(static_cast<uint32_t>(i + 1));
  }
  ascii.push_back(lineIsAscii);
}

size_t LineTable::lineStart(size_t line) const {
  return line < starts.size() ? starts[line] : text.size();
}

size_t LineTable::lineEnd(size_t line) const {
  if (line >= starts.size())
    return text.size();
  size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
  if (end > starts[line] && text[end - 1] == '\n')
    --end;
  if (end > starts[line] && text[end - 1] == '\r')
    --end;
  return end;
}

size_t LineTable::lineOf(size_t offset) const {
  auto after = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<size_t>(after - starts.begin()) - 1;
}

Position LineTable::position(size_t offset, PositionEncoding encoding) const {
  offset = std::min(offset, text.size());
  size_t line = lineOf(offset);
  size_t start = starts[line];
  if (encoding == PositionEncoding::Utf8 || ascii[line])
    return {static_cast<uint32_t>(line), static_cast<uint32_t>(offset - start)};
  uint32_t units = 0;
  for (size_t i = start; i < offset;) {
    unsigned length = sequenceLength(static_cast<unsigned char>(text[i]));
    length = static_cast<unsigned>(std::min<size_t>(length, offset - i));
    units += unitsOf(length, encoding);
    i += length;
  }
  return {static_cast<uint32_t>(line), units};
}

Range LineTable::range(size_t begin, size_t end, PositionEncoding encoding) const {
  return {position(begin, encoding), position(std::max(begin, end), encoding)};
}

size_t LineTable::offset(Position position, PositionEncoding encoding) const {
  if (position.line >= starts.size())
    return text.size();
  size_t start = starts[position.line];
  size_t end = lineEnd(position.line);
  if (encoding == PositionEncoding::Utf8 || ascii[position.line])
    return std::min(start + position.character, end);
  uint32_t units = 0;
  size_t i = start;
  while (i < end && units < position.character) {
    unsigned length = sequenceLength(static_cast<unsigned char>(text[i]));
    length = static_cast<unsigned>(std::min<size_t>(length, end - i));
    units += unitsOf(length, encoding);
    i += length;
  }
  return i;
}

} // namespace policyc::lsp
