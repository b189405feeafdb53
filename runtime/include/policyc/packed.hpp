// Tables that generated headers write as text rather than as braced lists of integers.
//
// A compiler reads a string literal many times faster than a braced list (g++ 12 -O2 takes
// about 3 us per integer of a list and about 0.2 us per byte of a literal), so every table
// that is not on the path of a decision (names, descriptions, the vocabulary trees and
// attributes) is packed into literals. No literal is longer than 65,536 characters, the
// longest a C++ compiler must support (clang++ -pedantic enforces it on the concatenated
// literal); a longer table is split into chunks of that size.
#ifndef POLICYC_PACKED_HPP
#define POLICYC_PACKED_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace policyc::detail {

/// The longest string literal a header writes.
inline constexpr std::size_t kChunkBytes = 65536;

/// Unsigned integers of Width bytes each, little-endian, kChunkBytes / Width per chunk.
template <unsigned Width> struct PackedTable {
  static_assert(Width == 1 || Width == 2 || Width == 4 || Width == 8, "a power of two up to 8");
  static constexpr std::size_t chunk_entries = kChunkBytes / Width;

  const char *const *chunks;
  std::size_t size;

  /// The entry at `index`, which the caller has checked against `size`.
  constexpr std::uint64_t operator[](std::size_t index) const noexcept {
    const char *at = chunks[index / chunk_entries] + (index % chunk_entries) * Width;
    std::uint64_t value = 0;
    for (unsigned byte = 0; byte < Width; ++byte)
      value |= std::uint64_t{static_cast<unsigned char>(at[byte])} << (8 * byte);
    return value;
  }
};

/// Strings kept in chunks of text. Entry i of `refs` says where string i is: its chunk in
/// the top 16 bits, its offset in that chunk in the next 16, its length in the low 32. A
/// string longer than a chunk has a chunk of its own (a braced list of characters).
struct StringTable {
  const char *const *chunks;
  PackedTable<8> refs;

  constexpr std::string_view operator[](std::size_t index) const noexcept {
    const std::uint64_t ref = refs[index];
    return std::string_view(chunks[ref >> 48] + ((ref >> 32) & 0xffffu),
                            static_cast<std::size_t>(ref & 0xffffffffu));
  }
};

/// `index < count`, written as a call so that a policy with an empty vocabulary (count 0)
/// draws no "comparison is always false" warning in generated code.
constexpr bool in_range(std::size_t index, std::size_t count) noexcept {
  return index < count;
}

} // namespace policyc::detail

#endif
