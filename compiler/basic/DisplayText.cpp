#include "basic/DisplayText.h"

#include <fmt/format.h>

#include <cstdint>

namespace policyc {

unsigned utf8SequenceLength(const char *p, size_t available) {
  auto byte = [&](unsigned i) { return static_cast<unsigned char>(p[i]); };
  unsigned char lead = byte(0);
  if (lead < 0x80)
    return 1;
  unsigned length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
  if (length == 0 || available < length)
    return 0;
  for (unsigned i = 1; i < length; ++i)
    if ((byte(i) & 0xC0) != 0x80)
      return 0;
  if ((lead == 0xE0 && byte(1) < 0xA0) || (lead == 0xED && byte(1) >= 0xA0) ||
      (lead == 0xF0 && byte(1) < 0x90) || (lead == 0xF4 && byte(1) >= 0x90))
    return 0;
  return length;
}

namespace {
uint32_t decode(const char *p, unsigned length) {
  uint32_t codePoint = static_cast<unsigned char>(p[0]) & (0x7F >> length);
  for (unsigned i = 1; i < length; ++i)
    codePoint = (codePoint << 6) | (static_cast<unsigned char>(p[i]) & 0x3F);
  return length == 1 ? static_cast<unsigned char>(p[0]) : codePoint;
}

/// Characters that are never shown as themselves.
bool isHidden(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF;
}

/// Calls `visit(offset, length, codePoint, valid)` for each character or invalid byte.
template <typename Visit> bool forEachCharacter(llvm::StringRef text, Visit visit) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned length = utf8SequenceLength(text.data() + i, text.size() - i);
    bool valid = length != 0;
    if (!valid)
      length = 1;
    if (!visit(i, length, valid ? decode(text.data() + i, length) : 0, valid))
      return false;
    i += length;
  }
  return true;
}
} // namespace

bool isPrintableText(llvm::StringRef text) {
  return forEachCharacter(
      text, [](size_t, unsigned, uint32_t c, bool valid) { return valid && !isHidden(c); });
}

std::string printableText(llvm::StringRef text) {
  if (isPrintableText(text))
    return text.str();
  std::string result;
  result.reserve(text.size() + 16);
  forEachCharacter(text, [&](size_t at, unsigned length, uint32_t c, bool valid) {
    if (!valid)
      result += fmt::format("<{:02X}>", static_cast<unsigned char>(text[at]));
    else if (isHidden(c))
      result += fmt::format("<U+{:04X}>", c);
    else
      result.append(text.data() + at, length);
    return true;
  });
  return result;
}

} // namespace policyc
