// Names behind the generated to_string / description / from_string functions: each
// enumeration's spellings and descriptions as a StringTable, and its enumerators sorted by
// spelling for a constexpr binary search.
#ifndef POLICYC_NAMES_HPP
#define POLICYC_NAMES_HPP

#include "policyc/packed.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace policyc::detail {

/// The names of one enumeration of `count` enumerators.
template <unsigned SortedWidth> struct NameTable {
  StringTable spellings;            ///< by enumerator
  StringTable descriptions;         ///< by enumerator; empty when none
  PackedTable<SortedWidth> by_name; ///< enumerators sorted by spelling
  std::size_t count;
};

/// The spelling of `value`, or an empty view for a value outside the enumeration.
template <typename Enum, unsigned W>
constexpr std::string_view name_of(const NameTable<W> &names, Enum value) noexcept {
  const std::size_t index = static_cast<std::size_t>(value);
  return in_range(index, names.count) ? names.spellings[index] : std::string_view();
}

template <typename Enum, unsigned W>
constexpr std::string_view description_of(const NameTable<W> &names, Enum value) noexcept {
  const std::size_t index = static_cast<std::size_t>(value);
  return in_range(index, names.count) ? names.descriptions[index] : std::string_view();
}

/// The enumerator spelled `name`, if any.
template <typename Enum, unsigned W>
constexpr std::optional<Enum> find_name(const NameTable<W> &names, std::string_view name) noexcept {
  std::size_t low = 0;
  std::size_t high = names.count;
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (names.spellings[static_cast<std::size_t>(names.by_name[middle])] < name)
      low = middle + 1;
    else
      high = middle;
  }
  if (low < names.count) {
    const std::size_t index = static_cast<std::size_t>(names.by_name[low]);
    if (names.spellings[index] == name)
      return static_cast<Enum>(index);
  }
  return std::nullopt;
}

} // namespace policyc::detail

#endif
