// How the cells of DecisionTables become the integers a generated header stores, before any
// C++ is written (docs/cpp-api.md, "How decisions are compiled").
//
// Every decision a policy can make is a row (allowed, reason, deciding statement); row 0 is
// default deny. A cell that hangs on one consent test at most is a *gate*: the consent it
// tests in the low consentBits, then the row without that consent and the row with it,
// decisionBits each. Any other cell is chainCell + the offset of its *chain* in `chains`: the
// permits covering it in load order with the consents each needs, read by
// policyc::detail::chain_row (runtime/include/policyc/decide.hpp), which also documents the
// layout. The encoding is read back by the runtime's own gate_row and chain_row.
#ifndef POLICYC_GEN_CPP_CELLENCODING_H
#define POLICYC_GEN_CPP_CELLENCODING_H

#include "gen/cpp/DecisionTables.h"

#include "policyc/decision.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace policyc::gen::cpp {

/// How many bits `value` needs (0 for 0).
unsigned bitsFor(uint64_t value);

/// The smallest power of two not below `value`.
uint64_t powerOfTwoAtLeast(uint64_t value);

/// One row of the header's decision table.
struct DecisionRow {
  bool allowed = false;
  ::policyc::Reason reason = ::policyc::Reason::no_statement;
  const model::StatementInfo *statement = nullptr;
};

struct CellEncoding {
  std::vector<DecisionRow> decisions; ///< row 0 is default deny
  std::vector<uint64_t> cellValues;   ///< by index into DecisionTables::cells
  unsigned consentBits = 0;
  unsigned decisionBits = 0;
  /// The first value that is a chain; 0 when every cell is a gate.
  uint64_t chainCell = 0;
  /// The chains, back to back (policyc/decide.hpp); empty when every cell is a gate.
  std::vector<uint64_t> chains;

  bool isGate(uint64_t value) const { return chainCell == 0 || value < chainCell; }
  /// The largest value a table of cells holds.
  uint64_t largestValue() const;
};

/// Encodes the cells of `tables` into integers of `cellBits` bits; nullopt, with `tooLarge`
/// saying how many decision rows there are and how many would fit, when they do not fit.
std::optional<CellEncoding> encodeCells(const DecisionTables &tables, unsigned cellBits,
                                        TableTooLarge &tooLarge);

} // namespace policyc::gen::cpp

#endif
