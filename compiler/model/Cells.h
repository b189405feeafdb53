// What the effects covering one class of questions decide, as data: the decision procedure of
// docs/semantics.md applied once per cell of a partition, for tables (gen cpp) and comparisons
// (policyc diff). The evaluator applies the same procedure question by question; the
// differential tests hold the two to each other.
#ifndef POLICYC_MODEL_CELLS_H
#define POLICYC_MODEL_CELLS_H

#include "model/Effects.h"

#include <cstdint>
#include <map>
#include <vector>

namespace policyc::model {

/// One permit of a cell's chain: allowed when every consent is granted.
struct PermitStep {
  std::vector<ConsentId> consents; ///< empty: unconditional, and the chain ends here
  const Rule *rule = nullptr;
};

/// What the statements covering one cell decide (docs/semantics.md, decision procedure):
/// the first prohibition wins; else the permits in load order up to the first one without
/// consents; nothing at all is default deny.
struct Cell {
  const Rule *prohibition = nullptr;
  std::vector<PermitStep> permits;

  bool operator==(const Cell &other) const;
  /// Allowed with every consent granted (some permit and no prohibition).
  bool everAllowed() const { return !prohibition && !permits.empty(); }
  /// Allowed with `granted` (sorted consent ids).
  bool allowedWith(const std::vector<ConsentId> &granted) const;
};

/// A cell being filled by the effects that decide it, painted in load order.
class CellState {
public:
  void paint(const Effect &effect);
  Cell cell() const;

private:
  const Rule *prohibition = nullptr;
  std::vector<PermitStep> permits;
  uint32_t lastRule = UINT32_MAX; ///< the statement that permitted it last (no double permits)
};

/// Numbers distinct cells in order of first appearance.
class CellInterner {
public:
  explicit CellInterner(std::vector<Cell> &cells) : cells(cells) {}

  uint32_t intern(const Cell &cell);

private:
  std::vector<Cell> &cells;
  std::map<std::vector<uint32_t>, uint32_t> index;
};

} // namespace policyc::model

#endif
