#include "gen/cpp/HeaderText.h"

#include "gen/cpp/CppNames.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace policyc::gen::cpp {

llvm::StringRef integerType(uint64_t maxValue) {
  if (maxValue <= UINT8_MAX)
    return "std::uint8_t";
  if (maxValue <= UINT16_MAX)
    return "std::uint16_t";
  if (maxValue <= UINT32_MAX)
    return "std::uint32_t";
  return "std::uint64_t";
}

unsigned packedWidth(uint64_t maxValue) {
  if (maxValue <= UINT8_MAX)
    return 1;
  if (maxValue <= UINT16_MAX)
    return 2;
  if (maxValue <= UINT32_MAX)
    return 4;
  return 8;
}

std::string packBytes(const std::vector<uint64_t> &values, unsigned width) {
  std::string bytes;
  bytes.reserve(values.size() * width);
  for (uint64_t value : values)
    for (unsigned byte = 0; byte < width; ++byte)
      bytes.push_back(static_cast<char>((value >> (8 * byte)) & 0xff));
  return bytes;
}

namespace {

/// Binary bytes as string literals of about 100 columns: printable ASCII as itself, anything
/// else as an octal escape, of three digits only where a digit follows (an octal escape
/// takes up to three digits; unlike a hex escape it never absorbs more).
void writeBinaryLiteral(llvm::raw_ostream &out, llvm::StringRef bytes) {
  if (bytes.empty()) {
    out << "    \"\"";
    return;
  }
  auto printable = [](unsigned char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?';
  };
  std::string line;
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    bool last = i + 1 == bytes.size() || line.size() >= 92;
    if (printable(c)) {
      line.push_back(static_cast<char>(c));
    } else {
      bool digitFollows = !last && printable(static_cast<unsigned char>(bytes[i + 1])) &&
                          llvm::isDigit(bytes[i + 1]);
      line.push_back('\\');
      if (digitFollows || c >= 0100)
        line.push_back(static_cast<char>('0' + (c >> 6)));
      if (digitFollows || c >= 010)
        line.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
      line.push_back(static_cast<char>('0' + (c & 7)));
    }
    if (last) {
      out << "    \"" << line << "\"" << (i + 1 == bytes.size() ? "" : "\n");
      line.clear();
    }
  }
}

} // namespace

std::string charArrayInitializer(llvm::StringRef text) {
  if (text.size() <= kChunkBytes)
    return stringLiteral(text);
  std::string result = "{";
  for (size_t i = 0; i < text.size(); ++i) {
    result += std::to_string(static_cast<int>(static_cast<signed char>(text[i])));
    result += i % 24 == 23 ? ",\n" : ", ";
  }
  return result + "0}";
}

void writeIntegerArray(llvm::raw_ostream &out, llvm::StringRef name,
                       const std::vector<uint64_t> &values, llvm::StringRef doc) {
  uint64_t maxValue = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  out << "/// " << doc << "\n";
  out << "inline constexpr " << integerType(maxValue) << " " << name << "[] = {";
  if (values.empty()) {
    out << "0}; // padding: the table is empty\n";
    return;
  }
  std::string line = "   ";
  for (size_t i = 0; i < values.size(); ++i) {
    std::string item = " " + std::to_string(values[i]) + (i + 1 < values.size() ? "," : "");
    if (line.size() + item.size() > 100) {
      out << "\n" << line;
      line = "   ";
    }
    line += item;
  }
  out << "\n" << line << "};\n";
}

unsigned writePackedTable(llvm::raw_ostream &out, llvm::StringRef name,
                          const std::vector<uint64_t> &values, llvm::StringRef doc,
                          unsigned minWidth) {
  uint64_t maxValue = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  unsigned width = std::max(minWidth, packedWidth(maxValue));
  std::string bytes = packBytes(values, width);
  std::vector<std::string> chunkNames;
  for (size_t start = 0; start == 0 || start < bytes.size(); start += kChunkBytes) {
    std::string chunk = name.str() + "_" + std::to_string(chunkNames.size());
    out << "inline constexpr char " << chunk << "[] =\n";
    writeBinaryLiteral(out, llvm::StringRef(bytes).substr(start, kChunkBytes));
    out << ";\n";
    chunkNames.push_back(chunk);
  }
  out << "inline constexpr const char *" << name << "Chunks[] = {" << llvm::join(chunkNames, ", ")
      << "};\n";
  out << "/// " << doc << "\n";
  out << "inline constexpr ::policyc::detail::PackedTable<" << width << "> " << name << "{" << name
      << "Chunks, " << values.size() << "};\n";
  return width;
}

uint64_t TextPool::add(llvm::StringRef text) {
  if (text.empty())
    return 0;
  auto [it, inserted] = refs.try_emplace(text, 0);
  if (!inserted)
    return it->second;
  if (text.size() > kChunkBytes) {
    // A chunk of its own; short strings go on in a new chunk after it.
    chunks.push_back(Chunk{{text.str()}, text.size()});
    it->second = uint64_t{chunks.size() - 1} << 48 | text.size();
    chunks.emplace_back();
    return it->second;
  }
  if (chunks.back().size + text.size() > kChunkBytes)
    chunks.emplace_back();
  Chunk &chunk = chunks.back();
  it->second = uint64_t{chunks.size() - 1} << 48 | uint64_t{chunk.size} << 32 | text.size();
  chunk.pieces.push_back(text.str());
  chunk.size += text.size();
  return it->second;
}

void TextPool::write(llvm::raw_ostream &out) const {
  out << "\nnamespace detail {\n"
      << "/// Every name and description of the policy, each once (policyc/packed.hpp).\n";
  std::vector<std::string> names;
  for (const Chunk &chunk : chunks) {
    std::string name = "kText_" + std::to_string(names.size());
    names.push_back(name);
    if (chunk.size > kChunkBytes) {
      out << "inline constexpr char " << name << "[] = " << charArrayInitializer(chunk.pieces[0])
          << ";\n";
      continue;
    }
    out << "inline constexpr char " << name << "[] =";
    if (chunk.pieces.empty())
      out << " \"\"";
    for (const std::string &piece : chunk.pieces)
      out << "\n    " << stringLiteral(piece);
    out << ";\n";
  }
  out << "inline constexpr const char *kText[] = {" << llvm::join(names, ", ") << "};\n"
      << "} // namespace detail\n";
}

} // namespace policyc::gen::cpp
