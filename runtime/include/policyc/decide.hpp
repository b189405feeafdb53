// How a generated header turns a table cell into a row of its kDecisions table
// (docs/cpp-api.md, "How decisions are compiled").
//
// A *gate* is a cell that hangs on one consent test at most: the consent it tests in the low
// ConsentBits, then the row without that consent and the row with it, DecisionBits each. It
// is read without a branch on the data: a `switch` or `?:` would be mispredicted on a mix of
// questions. Any other cell holds the offset of a *chain* in a packed table: the permits
// that cover the cell in load order, each with the consents it needs (docs/semantics.md,
// steps 2 and 3), tested by a small loop, so that the header stays data however many
// chains a policy has.
#ifndef POLICYC_DECIDE_HPP
#define POLICYC_DECIDE_HPP

#include "policyc/packed.hpp"

#include <cstddef>
#include <cstdint>

namespace policyc::detail {

/// The row a gate picks under `granted`.
template <unsigned ConsentBits, unsigned DecisionBits, typename Consents>
constexpr std::size_t gate_row(std::uint64_t cell, const Consents &granted) noexcept {
  constexpr std::uint64_t consent_mask = (std::uint64_t{1} << ConsentBits) - 1;
  constexpr std::uint64_t decision_mask = (std::uint64_t{1} << DecisionBits) - 1;
  using Consent = typename Consents::consent_type;
  const bool consented = granted.has(static_cast<Consent>(cell & consent_mask));
  const unsigned shift = ConsentBits + DecisionBits * static_cast<unsigned>(consented);
  return static_cast<std::size_t>((cell >> shift) & decision_mask);
}

/// The row the chain at `offset` of `chains` picks under `granted`. A chain is
///   steps, then per step: consents, the consent indexes, the row when all are granted,
///   then the row when no step's consents are all granted
/// (the first permit's consent_missing row, or the row of a permit without consents that
/// ends the chain).
template <unsigned Width, typename Consents>
constexpr std::size_t chain_row(const PackedTable<Width> &chains, std::uint64_t offset,
                                const Consents &granted) noexcept {
  using Consent = typename Consents::consent_type;
  std::size_t at = static_cast<std::size_t>(offset);
  for (std::uint64_t steps = chains[at++]; steps != 0; --steps) {
    const std::size_t consents = static_cast<std::size_t>(chains[at++]);
    bool all = true;
    for (std::size_t k = 0; k < consents && all; ++k)
      all = granted.has(static_cast<Consent>(chains[at + k]));
    at += consents;
    if (all)
      return static_cast<std::size_t>(chains[at]);
    ++at;
  }
  return static_cast<std::size_t>(chains[at]);
}

} // namespace policyc::detail

#endif
