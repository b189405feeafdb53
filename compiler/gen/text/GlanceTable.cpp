// The "at a glance" table: one row per kind of personal information the statements name,
// with the purposes we use it for, who receives it, the consent it needs and how long we
// keep it. A row lists the statements that cover all of it; statements about a part of it
// show in the part's own row.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
void addUnique(std::vector<std::string> &items, std::string item) {
  if (std::find(items.begin(), items.end(), item) == items.end())
    items.push_back(std::move(item));
}

TableCell cell(const std::vector<std::string> &items, llvm::StringRef empty) {
  if (items.empty())
    return {empty.str()};
  return items;
}

std::string rowLabel(const SectionContext &context, model::NodeId id) {
  const model::Vocabulary &categories = context.model.categories();
  const model::VocabularyNode &node = categories[id];
  std::string label = context.phrases.nodeName(model::VocabularyKind::Category, id);
  std::vector<std::string> notes;
  if (node.parent != model::kNoNode)
    notes.push_back("part of " +
                    context.phrases.nodeName(model::VocabularyKind::Category, node.parent));
  if (node.has(model::NodeFlag::Sensitive))
    notes.push_back("sensitive");
  if (node.has(model::NodeFlag::Anonymous))
    notes.push_back("anonymous");
  if (!notes.empty()) {
    label += " (";
    for (size_t i = 0; i < notes.size(); ++i)
      label += (i ? ", " : "") + notes[i];
    label += ")";
  }
  return label;
}

/// For each row (sorted node ids), the indices of the statements whose category set holds the
/// row's whole subtree, in load order. A set is a union of intervals, so the rows an interval
/// covers are found by binary search instead of testing every row against every statement.
template <typename Statement>
std::vector<std::vector<size_t>> coveringStatements(const model::Vocabulary &categories,
                                                    const std::vector<model::NodeId> &rows,
                                                    const std::vector<Statement> &statements) {
  std::vector<std::vector<size_t>> result(rows.size());
  for (size_t index = 0; index < statements.size(); ++index) {
    for (const model::Interval &interval : statements[index].categories.nodes.getIntervals()) {
      auto first = std::lower_bound(rows.begin(), rows.end(), interval.first);
      for (auto row = first; row != rows.end() && *row <= interval.last; ++row)
        if (categories[*row].last <= interval.last)
          result[row - rows.begin()].push_back(index);
    }
  }
  return result;
}
} // namespace

std::vector<Block> buildGlance(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  const model::Vocabulary &categories = model.categories();

  // Rows: every top-level category and every category a statement names.
  std::vector<model::NodeId> rows;
  for (model::NodeId id = 0; id < categories.size(); id = categories[id].last + 1)
    rows.push_back(id);
  auto addNamed = [&](const model::SelectorList &list) {
    for (const model::Selector &selector : list.selectors)
      if (selector.kind == model::Selector::Kind::Node)
        rows.push_back(selector.node);
  };
  for (const model::Rule &rule : model.rules)
    addNamed(rule.categories);
  for (const model::Retention &retention : model.retentions)
    addNamed(retention.categories);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

  std::vector<std::vector<size_t>> rulesOf = coveringStatements(categories, rows, model.rules);
  std::vector<std::vector<size_t>> retentionsOf =
      coveringStatements(categories, rows, model.retentions);

  Table table;
  table.header = {"Information", "What we use it for", "Who receives it", "Your consent",
                  "How long we keep it"};
  for (size_t rowIndex = 0; rowIndex < rows.size(); ++rowIndex) {
    model::NodeId id = rows[rowIndex];
    std::vector<std::string> purposes, recipients, consents, retention;
    std::vector<Trace> traces;
    bool permitted = false;
    for (size_t ruleIndex : rulesOf[rowIndex]) {
      const model::Rule &rule = model.rules[ruleIndex];
      if (rule.kind == model::RuleKind::Link)
        continue;
      // A prohibition for one collection point is a detail for the sections.
      if (rule.prohibition && rule.sources.written)
        continue;
      addTrace(traces, phrases.trace(rule.info));
      permitted |= rule.isPermit();
      if (rule.prohibition) {
        if (rule.kind == model::RuleKind::Disclose)
          addUnique(recipients, "never " + phrases.recipients(rule.recipients, false));
        else if (rule.kind == model::RuleKind::Collect)
          addUnique(purposes, "never collected");
        else
          addUnique(purposes, "never " + phrases.forPurposes(rule.purposes));
        continue;
      }
      std::string scope;
      if (rule.kind == model::RuleKind::Disclose) {
        std::string to = phrases.recipients(rule.recipients, false);
        addUnique(recipients, to);
        scope = "for disclosure to " + to;
      } else {
        addUnique(purposes, phrases.purposes(rule.purposes));
        scope = phrases.forPurposes(rule.purposes);
      }
      for (model::ConsentId consent : rule.consents)
        addUnique(consents, phrases.consentChoice(consent) + ", " + scope);
    }
    for (size_t retentionIndex : retentionsOf[rowIndex]) {
      const model::Retention &statement = model.retentions[retentionIndex];
      addTrace(traces, phrases.trace(statement.info));
      std::string period = retentionPeriod(context, statement);
      if (statement.sources.written)
        period += " (" + phrases.sources(statement.sources) + ")";
      addUnique(retention, period);
    }
    // A row says what may be done with the data; without a permit there is nothing to sum up.
    if (!permitted)
      continue;
    std::vector<TableCell> cells;
    cells.push_back({rowLabel(context, id)});
    cells.push_back(cell(purposes, "none"));
    cells.push_back(cell(recipients, "no one outside " + phrases.organization()));
    cells.push_back(cell(consents, "not needed"));
    cells.push_back(cell(retention, "not stated"));
    table.rows.push_back(TableRow{std::move(cells), std::move(traces)});
  }

  std::vector<Block> blocks;
  if (table.rows.empty())
    return blocks;
  // The lead-in explains the table; the rows name their statements.
  blocks.push_back(Block::paragraph(
      plainText("The table sums up what this policy says about each kind of personal "
                "information. The sections below give the details, including the exceptions."),
      {}));
  Block tableBlock;
  tableBlock.kind = Block::Kind::Table;
  tableBlock.table = std::move(table);
  blocks.push_back(std::move(tableBlock));
  return blocks;
}

} // namespace policyc::gen::text
