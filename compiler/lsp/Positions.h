// Positions as the protocol counts them (0-based line, and a column in UTF-16 code units
// unless the client agreed on another encoding), converted to and from byte offsets.
#ifndef POLICYC_LSP_POSITIONS_H
#define POLICYC_LSP_POSITIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <vector>

namespace policyc::lsp {

enum class PositionEncoding : uint8_t { Utf8, Utf16, Utf32 };
llvm::StringRef encodingName(PositionEncoding encoding); ///< "utf-8", "utf-16", "utf-32"

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;

  bool operator==(const Position &other) const {
    return line == other.line && character == other.character;
  }
  bool operator<(const Position &other) const {
    return line < other.line || (line == other.line && character < other.character);
  }
  bool operator<=(const Position &other) const { return !(other < *this); }
};

struct Range {
  Position start;
  Position end;

  bool contains(Position position) const { return start <= position && position <= end; }
  bool operator==(const Range &other) const { return start == other.start && end == other.end; }
};

llvm::json::Value toJson(const Position &position);
llvm::json::Value toJson(const Range &range);
bool fromJson(const llvm::json::Value *value, Position &position);
bool fromJson(const llvm::json::Value *value, Range &range);

/// Where the lines of a text start. Lines end at "\n", "\r\n" or a lone "\r", as the
/// protocol and the compiler (which reads a lone CR as a line end) both count them.
class LineTable {
public:
  explicit LineTable(llvm::StringRef text);

  llvm::StringRef getText() const { return text; }
  size_t lineCount() const { return starts.size(); }
  /// Byte offset where `line` starts; the end of the text past the last line.
  size_t lineStart(size_t line) const;
  /// Byte offset where `line` ends, before its line terminator.
  size_t lineEnd(size_t line) const;

  Position position(size_t offset, PositionEncoding encoding) const;
  Range range(size_t begin, size_t end, PositionEncoding encoding) const;
  /// The byte offset of `position`. A column past the end of its line means the end of the
  /// line and a line past the last one the end of the text, as the protocol asks.
  size_t offset(Position position, PositionEncoding encoding) const;

private:
  size_t lineOf(size_t offset) const;

  llvm::StringRef text;
  std::vector<uint32_t> starts;
  /// Per line: only ASCII, so that a column is a byte count (the common case, and the one
  /// that keeps very long lines cheap).
  std::vector<bool> ascii;
};

} // namespace policyc::lsp

#endif
