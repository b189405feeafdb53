#include "gen/cpp/CellEncoding.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace policyc::gen::cpp {

unsigned bitsFor(uint64_t value) {
  unsigned bits = 0;
  for (; value != 0; value >>= 1)
    ++bits;
  return bits;
}

uint64_t powerOfTwoAtLeast(uint64_t value) {
  uint64_t power = 1;
  while (power < value)
    power <<= 1;
  return power;
}

uint64_t CellEncoding::largestValue() const {
  return cellValues.empty() ? 0 : *std::max_element(cellValues.begin(), cellValues.end());
}

namespace {

using ::policyc::Reason;

/// A gate as (consent, row without it, row with it).
using Gate = std::array<uint32_t, 3>;

class Encoder {
public:
  Encoder(const DecisionTables &tables, unsigned cellBits) : tables(tables), cellBits(cellBits) {}

  std::optional<CellEncoding> encode(TableTooLarge &tooLarge) {
    row({false, Reason::no_statement, nullptr});
    std::vector<std::optional<Gate>> gates;
    uint32_t largestConsent = 0;
    for (const Cell &cell : tables.cells) {
      gates.push_back(gateOf(cell));
      if (gates.back())
        largestConsent = std::max(largestConsent, (*gates.back())[0]);
    }
    // The chains are laid out first: their total length decides how many bits a chain
    // offset needs.
    std::vector<uint64_t> chainOffset(tables.cells.size(), 0);
    for (size_t i = 0; i < tables.cells.size(); ++i)
      if (!gates[i]) {
        chainOffset[i] = result.chains.size();
        appendChain(tables.cells[i]);
      }
    bool hasChains = !result.chains.empty();
    unsigned consentBits = bitsFor(largestConsent);
    unsigned decisionBits = bitsFor(result.decisions.size() - 1);
    unsigned offsetBits = hasChains ? bitsFor(result.chains.size() - 1) : 0;
    // Chain values start at a power of two above every gate and every chain offset.
    auto bitsNeeded = [&](unsigned rowBits) {
      unsigned gateBits = consentBits + 2 * rowBits;
      return hasChains ? std::max(gateBits, offsetBits) + 1 : gateBits;
    };
    // Rows of a power-of-two width make the shift that picks one a single instruction; they
    // are used when the cells keep their integer type.
    unsigned needed = bitsNeeded(decisionBits);
    unsigned roundedBits = static_cast<unsigned>(powerOfTwoAtLeast(decisionBits));
    unsigned typeBits = std::max(8u, static_cast<unsigned>(powerOfTwoAtLeast(needed)));
    if (bitsNeeded(roundedBits) <= std::min(typeBits, cellBits)) {
      decisionBits = roundedBits;
      needed = bitsNeeded(roundedBits);
    }
    if (needed > cellBits) {
      unsigned fixedBits = consentBits + (hasChains ? 1 : 0);
      unsigned rowBits = (cellBits - std::min(cellBits, fixedBits)) / 2;
      tooLarge = {"decision", result.decisions.size(), uint64_t{1} << rowBits};
      return std::nullopt;
    }
    result.consentBits = consentBits;
    result.decisionBits = decisionBits;
    result.chainCell =
        hasChains ? uint64_t{1} << std::max(consentBits + 2 * decisionBits, offsetBits) : 0;
    for (size_t i = 0; i < tables.cells.size(); ++i) {
      if (!gates[i]) {
        result.cellValues.push_back(result.chainCell + chainOffset[i]);
        continue;
      }
      auto [consent, no, yes] = *gates[i];
      result.cellValues.push_back(uint64_t{consent} | uint64_t{no} << consentBits |
                                  uint64_t{yes} << (consentBits + decisionBits));
    }
    return std::move(result);
  }

private:
  uint32_t row(const DecisionRow &entry) {
    auto key = std::make_tuple(entry.allowed, static_cast<int>(entry.reason),
                               entry.statement ? entry.statement->id : 0);
    auto [it, inserted] = rows.try_emplace(key, static_cast<uint32_t>(result.decisions.size()));
    if (inserted)
      result.decisions.push_back(entry);
    return it->second;
  }
  uint32_t permitted(const PermitStep &step) {
    return row({true, Reason::permitted, &step.rule->info});
  }
  uint32_t consentMissing(const Cell &cell) {
    return row({false, Reason::consent_missing, &cell.permits.front().rule->info});
  }

  /// The cell as a gate, if it hangs on one consent test at most. Rows are numbered in the
  /// order the cells need them.
  std::optional<Gate> gateOf(const Cell &cell) {
    auto fixed = [](uint32_t value) { return Gate{0, value, value}; };
    if (cell.prohibition)
      return fixed(row({false, Reason::prohibited, &cell.prohibition->info}));
    if (cell.permits.empty())
      return fixed(0);
    const std::vector<PermitStep> &steps = cell.permits;
    if (steps.front().consents.empty())
      return fixed(permitted(steps.front()));
    bool oneTest = steps.size() <= 2 && steps.front().consents.size() == 1 &&
                   (steps.size() == 1 || steps[1].consents.empty());
    if (!oneTest) {
      // Rows of a chain are numbered now, as the gates' are, so that row numbers follow the
      // cells whatever their encoding.
      for (const PermitStep &step : steps)
        permitted(step);
      consentMissing(cell);
      return std::nullopt;
    }
    uint32_t yes = permitted(steps.front());
    uint32_t no = steps.size() == 2 ? permitted(steps[1]) : consentMissing(cell);
    return Gate{steps.front().consents.front(), no, yes};
  }

  void appendChain(const Cell &cell) {
    std::vector<uint64_t> &chains = result.chains;
    size_t countAt = chains.size();
    chains.push_back(0);
    // A permit without consents ends the chain (CellState::paint stops there): its row is
    // the chain's last entry, in place of consent_missing.
    std::optional<uint32_t> last;
    for (const PermitStep &step : cell.permits) {
      if (step.consents.empty()) {
        last = permitted(step);
        break;
      }
      ++chains[countAt];
      chains.push_back(step.consents.size());
      chains.insert(chains.end(), step.consents.begin(), step.consents.end());
      chains.push_back(permitted(step));
    }
    chains.push_back(last ? *last : consentMissing(cell));
  }

  const DecisionTables &tables;
  unsigned cellBits;
  CellEncoding result;
  std::map<std::tuple<bool, int, uint32_t>, uint32_t> rows;
};

} // namespace

std::optional<CellEncoding> encodeCells(const DecisionTables &tables, unsigned cellBits,
                                        TableTooLarge &tooLarge) {
  return Encoder(tables, cellBits).encode(tooLarge);
}

} // namespace policyc::gen::cpp
