// The vocabulary trees behind the generated parent / within / is_* / kind / basis
// functions: per node its parent, the last node of its subtree and its inherited attributes,
// as packed tables (policyc/packed.hpp). Nodes are numbered in DFS pre-order, so the subtree
// of n is [n, last(n)].
#ifndef POLICYC_TREE_HPP
#define POLICYC_TREE_HPP

#include "policyc/packed.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace policyc::detail {

/// One vocabulary of `count` nodes.
template <unsigned NodeWidth> struct TreeTable {
  PackedTable<NodeWidth> parent; ///< a top-level node is its own parent
  PackedTable<NodeWidth> last;
  PackedTable<1> flags; ///< the attributes of Flag
  std::size_t count;
};

/// Attribute bits of TreeTable::flags (inherited down the tree).
enum Flag : unsigned { sensitive = 1, anonymous = 2, tracking = 4, abroad = 8, marketing = 16 };

template <typename Node, unsigned W>
constexpr std::optional<Node> parent_of(const TreeTable<W> &tree, Node value) noexcept {
  const std::size_t index = static_cast<std::size_t>(value);
  if (!in_range(index, tree.count) || tree.parent[index] == index)
    return std::nullopt;
  return static_cast<Node>(tree.parent[index]);
}

template <typename Node, unsigned W>
constexpr bool is_within(const TreeTable<W> &tree, Node value, Node ancestor) noexcept {
  const std::size_t index = static_cast<std::size_t>(value);
  const std::size_t top = static_cast<std::size_t>(ancestor);
  return in_range(index, tree.count) && in_range(top, tree.count) && top <= index &&
         index <= tree.last[top];
}

template <typename Node, unsigned W>
constexpr bool has_flag(const TreeTable<W> &tree, Node value, Flag flag) noexcept {
  const std::size_t index = static_cast<std::size_t>(value);
  return in_range(index, tree.count) && (tree.flags[index] & flag) != 0;
}

/// An optional attribute of each node stored as its value + 1, 0 for none.
template <typename Value, typename Node>
constexpr std::optional<Value> attribute_of(const PackedTable<1> &values, std::size_t count,
                                            Node node) noexcept {
  const std::size_t index = static_cast<std::size_t>(node);
  if (!in_range(index, count) || values[index] == 0)
    return std::nullopt;
  return static_cast<Value>(values[index] - 1);
}

} // namespace policyc::detail

#endif
