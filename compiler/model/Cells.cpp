#include "model/Cells.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace policyc::model {

bool Cell::operator==(const Cell &other) const {
  if (prohibition != other.prohibition || permits.size() != other.permits.size())
    return false;
  for (size_t i = 0; i < permits.size(); ++i)
    if (permits[i].rule != other.permits[i].rule ||
        permits[i].consents != other.permits[i].consents)
      return false;
  return true;
}

bool Cell::allowedWith(const std::vector<ConsentId> &granted) const {
  if (prohibition)
    return false;
  return llvm::any_of(permits, [&](const PermitStep &step) {
    return std::includes(granted.begin(), granted.end(), step.consents.begin(),
                         step.consents.end());
  });
}

void CellState::paint(const Effect &effect) {
  if (effect.forbids) {
    if (!prohibition)
      prohibition = effect.rule;
    return;
  }
  if (lastRule == effect.statement())
    return;
  lastRule = effect.statement();
  // After a permit without consents, later permits can never decide.
  if (!permits.empty() && permits.back().consents.empty())
    return;
  permits.push_back({{effect.consents.begin(), effect.consents.end()}, effect.rule});
}

Cell CellState::cell() const {
  if (prohibition)
    return Cell{prohibition, {}};
  return Cell{nullptr, permits};
}

uint32_t CellInterner::intern(const Cell &cell) {
  std::vector<uint32_t> key;
  key.push_back(cell.prohibition ? cell.prohibition->info.id : 0);
  for (const PermitStep &step : cell.permits) {
    key.push_back(step.rule->info.id);
    key.push_back(static_cast<uint32_t>(step.consents.size()));
    key.insert(key.end(), step.consents.begin(), step.consents.end());
  }
  auto [it, inserted] = index.try_emplace(std::move(key), static_cast<uint32_t>(cells.size()));
  if (inserted)
    cells.push_back(cell);
  return it->second;
}

} // namespace policyc::model
