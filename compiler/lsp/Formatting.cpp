#include "lsp/Formatting.h"

#include <algorithm>

namespace policyc::lsp {

namespace {
bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// True when a cut before `text[offset]` falls inside a UTF-8 sequence or a "\r\n".
bool splitsUnit(llvm::StringRef text, size_t offset) {
  if (offset == 0 || offset >= text.size())
    return false;
  return isContinuationByte(text[offset]) || (text[offset - 1] == '\r' && text[offset] == '\n');
}
} // namespace

llvm::json::Array formattingEdits(const LineTable &lines, llvm::StringRef formatted,
                                  PositionEncoding encoding) {
  llvm::StringRef text = lines.getText();
  if (text == formatted)
    return {};
  size_t shorter = std::min(text.size(), formatted.size());
  size_t prefix = 0;
  while (prefix < shorter && text[prefix] == formatted[prefix])
    ++prefix;
  // Move the cut back to where both texts have a whole unit before it.
  while (prefix > 0 && (splitsUnit(text, prefix) || splitsUnit(formatted, prefix)))
    --prefix;
  size_t suffix = 0;
  while (suffix < shorter - prefix &&
         text[text.size() - 1 - suffix] == formatted[formatted.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && (splitsUnit(text, text.size() - suffix) ||
                        splitsUnit(formatted, formatted.size() - suffix)))
    --suffix;
  size_t end = text.size() - suffix;
  llvm::StringRef replacement = formatted.slice(prefix, formatted.size() - suffix);
  return llvm::json::Array{llvm::json::Object{
      {"range", toJson(lines.range(prefix, end, encoding))},
      // A json::Value made from a StringRef does not own it, and `formatted` dies first.
      {"newText", replacement.str()},
  }};
}

} // namespace policyc::lsp
