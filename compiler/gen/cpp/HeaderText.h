// Writing tables and text into a generated header so that it compiles fast and every string
// literal stays within 65,536 characters (the longest a C++ compiler must support; clang++
// -pedantic rejects longer ones even when they are concatenated from short pieces).
//
// Tables on the path of a decision are braced lists of integers of the smallest type.
// Everything else is *packed* into string literals (policyc/packed.hpp), which g++ reads
// more than ten times faster. Strings live once each in a TextPool of chunks.
#ifndef POLICYC_GEN_CPP_HEADERTEXT_H
#define POLICYC_GEN_CPP_HEADERTEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace policyc::gen::cpp {

/// The longest string literal written (policyc::detail::kChunkBytes).
inline constexpr size_t kChunkBytes = 65536;

/// The smallest unsigned type that holds `maxValue`.
llvm::StringRef integerType(uint64_t maxValue);

/// The byte width (1, 2, 4 or 8) of a packed table whose largest value is `maxValue`.
unsigned packedWidth(uint64_t maxValue);

/// `values` as packed bytes of `width` each, little-endian (what PackedTable reads).
std::string packBytes(const std::vector<uint64_t> &values, unsigned width);

/// The initializer of a `char` array holding `text` and a terminating NUL: a string literal,
/// or a braced list of characters when `text` is longer than kChunkBytes.
std::string charArrayInitializer(llvm::StringRef text);

/// `inline constexpr TYPE NAME[] = {...};` of the smallest type, wrapped at 100 columns. An
/// empty table gets one padding element (C++ has no empty arrays); range checks keep it
/// from being read.
void writeIntegerArray(llvm::raw_ostream &out, llvm::StringRef name,
                       const std::vector<uint64_t> &values, llvm::StringRef doc);

/// `inline constexpr ::policyc::detail::PackedTable<W> NAME{...};` with its chunks, W at least
/// `minWidth`; returns W.
unsigned writePackedTable(llvm::raw_ostream &out, llvm::StringRef name,
                          const std::vector<uint64_t> &values, llvm::StringRef doc,
                          unsigned minWidth = 1);

/// Every string of a header, each once, in chunks of at most kChunkBytes (a longer string
/// has a chunk of its own). A reference packs chunk, offset and length as StringTable reads
/// them.
class TextPool {
public:
  uint64_t add(llvm::StringRef text);
  /// `detail::kText` and its chunks.
  void write(llvm::raw_ostream &out) const;

private:
  struct Chunk {
    std::vector<std::string> pieces;
    size_t size = 0;
  };
  std::vector<Chunk> chunks{Chunk()};
  llvm::StringMap<uint64_t> refs;
};

} // namespace policyc::gen::cpp

#endif
