// Name tables behind the generated to_string / from_string functions and the vocabulary
// tree queries. Lookups are constexpr binary searches over sorted, static tables.
#ifndef POLICYC_NAMES_HPP
#define POLICYC_NAMES_HPP

#include <cstddef>
#include <optional>
#include <string_view>

namespace policyc {

template <typename Enum> struct NameEntry {
  std::string_view name;
  Enum value;
};

/// The value named `name` in `entries[0, count)`, which is sorted by name.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> find_name(const NameEntry<Enum> (&entries)[N], std::size_t count,
                                        std::string_view name) noexcept {
  std::size_t low = 0;
  std::size_t high = count < N ? count : N;
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (entries[middle].name < name)
      low = middle + 1;
    else
      high = middle;
  }
  if (low < count && low < N && entries[low].name == name)
    return entries[low].value;
  return std::nullopt;
}

namespace detail {
/// `index < count`, written as a call so that a policy with an empty vocabulary (count 0)
/// draws no "comparison is always false" warning in generated code.
constexpr bool in_range(std::size_t index, std::size_t count) noexcept {
  return index < count;
}
} // namespace detail

} // namespace policyc

#endif
