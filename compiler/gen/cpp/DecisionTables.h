// The decisions of a policy compiled into dense tables, before any C++ is written.
//
// Every vocabulary is partitioned into classes of nodes that no statement tells apart
// (nodes inside exactly the same clauses). Category and source classes combine into *data*
// classes, purpose and recipient classes into *action* classes, again merging pairs that
// every statement treats alike. A decision is then five small table reads:
//   data   = dataClass[categoryClass[c]][sourceClass[s]]
//   action = actionClass[purposeClass[p]][recipientClass[r]]
//   cell   = tupleCells[data][action]
// and the cell says what the statements covering that box decide: a fixed decision, or
// (when permits carry `when consent`) a short chain of consent tests.
#ifndef POLICYC_GEN_CPP_DECISIONTABLES_H
#define POLICYC_GEN_CPP_DECISIONTABLES_H

#include "model/Cells.h"
#include "model/Partition.h"
#include "model/Periods.h"
#include "model/PolicyModel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policyc::gen::cpp {

// The partition and cell types live in the model (model/Partition.h, model/Cells.h), shared
// with the semantic diff.
using model::Cell;
using model::Partition;
using model::PermitStep;

/// The period part of a retention decision for one data class.
using RetentionCell = model::RetentionDecision;

struct DecisionTables {
  Partition categories; ///< by category node
  Partition sources;    ///< by source node
  Partition purposes;   ///< by purpose node
  Partition recipients; ///< by recipient node
  Partition data;       ///< by categoryClass * sources.count + sourceClass
  Partition actions;    ///< by purposeClass * recipients.count + recipientClass

  /// Distinct cells; the tables below index into it.
  std::vector<Cell> cells;
  std::vector<uint32_t> tupleCells;   ///< by data * actions.count + action
  std::vector<uint32_t> collectCells; ///< by data

  Partition linkCategories;        ///< by category node, refined by link statements only
  Partition linkSources;           ///< by source node, refined by link statements only
  std::vector<uint32_t> linkCells; ///< by (a * linkCategories.count + b) * linkSources.count + s

  std::vector<RetentionCell> retentionCells; ///< distinct values
  std::vector<uint32_t> retention;           ///< by data: index into retentionCells
  std::vector<uint8_t> keptAsNeeded;         ///< by data * purposes.count + purposeClass
};

/// Why tables could not be built: which one would be too large, and how large.
struct TableTooLarge {
  std::string table;
  uint64_t entries = 0;
  uint64_t limit = 0;
};

/// Builds the tables; a TableTooLarge (and no tables) when one would exceed `maxEntries`.
std::optional<DecisionTables> buildDecisionTables(const model::PolicyModel &model,
                                                  uint64_t maxEntries, TableTooLarge &tooLarge);

} // namespace policyc::gen::cpp

#endif
