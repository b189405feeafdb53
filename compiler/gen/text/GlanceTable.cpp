// The "at a glance" table: one row per top-level kind of personal information we collect, with
// the purposes we use it for, who outside the controller receives it and how long we keep it.
// Each entry is read from the model's effects, joined with collection: a purpose or recipient
// is listed only when some question about data we may collect, through a collection point we
// may collect it through, is allowed (data never collected lists no one). Purposes and
// recipients are named by their top-level groups, once per row; the sections give the details,
// the conditions and the exceptions (docs/text-generation.md, "The at-a-glance table").
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include "model/Periods.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
std::string rowLabel(const SectionContext &context, model::NodeId id) {
  const model::VocabularyNode &node = context.model.categories()[id];
  std::string label = context.phrases.shortName(model::VocabularyKind::Category, id);
  std::vector<std::string> notes;
  if (node.has(model::NodeFlag::Sensitive))
    notes.push_back("sensitive");
  if (node.has(model::NodeFlag::Anonymous))
    notes.push_back("anonymous");
  if (!notes.empty())
    label += " (" + joinList(notes) + ")";
  return label;
}

const char *const kHeader[] = {"Information", "What we use it for", "Who else receives it",
                               "How long we keep it"};
enum Column { InformationColumn, PurposeColumn, RecipientColumn, RetentionColumn };

/// One row while it is filled: the entries of each column, with their claims.
class Row {
public:
  explicit Row(std::string label) : label(std::move(label)) {}

  /// Adds an entry once; its claims (if any) get the entry as their sentence.
  void add(Column column, const std::string &entry, std::vector<Claim> entryClaims = {}) {
    std::vector<std::string> &cell = cells[column];
    if (std::find(cell.begin(), cell.end(), entry) == cell.end())
      cell.push_back(entry);
    for (Claim &claim : entryClaims) {
      claim.sentence = label + ": " + kHeader[column] + ": " + entry;
      claims.push_back(std::move(claim));
    }
  }
  bool empty(Column column) const { return cells[column].empty(); }
  TableRow finish(std::vector<Trace> traces) {
    TableRow row;
    row.cells.push_back({label});
    for (unsigned column = PurposeColumn; column <= RetentionColumn; ++column)
      row.cells.push_back(cells[column]);
    row.traces = std::move(traces);
    row.claims = std::move(claims);
    return row;
  }

private:
  std::string label;
  std::vector<std::string> cells[RetentionColumn + 1];
  std::vector<Claim> claims;
};

/// The top-level nodes of a vocabulary, in tree order.
std::vector<model::NodeId> topLevel(const model::Vocabulary &vocabulary) {
  std::vector<model::NodeId> result;
  for (model::NodeId id = 0; id < vocabulary.size(); id = vocabulary[id].last + 1)
    result.push_back(id);
  return result;
}

/// What a row may be collected through: per collection point (a leaf source, or the unused
/// point of a policy without sources), the leaf categories of the row collected there.
struct Collected {
  model::NodeSet source;
  model::NodeSet categories;
};

std::vector<Collected> collectedOf(const SectionContext &context, model::NodeId row) {
  const model::Vocabulary &categories = context.model.categories();
  const model::Vocabulary &sources = context.model.sources();
  model::Box box = context.everything(model::Relation::Collect);
  std::vector<model::NodeSet> points;
  if (sources.size() == 0)
    points.push_back(box.sets[model::SourceAxis]);
  for (model::NodeId source = 0; source < sources.size(); ++source)
    if (sources[source].isLeaf(source))
      points.push_back(model::NodeSet::range(source, source));
  std::vector<Collected> result;
  for (const model::NodeSet &point : points) {
    Collected collected{point, {}};
    for (model::NodeId id = row; id <= categories[row].last; ++id) {
      if (!categories[id].isLeaf(id))
        continue;
      box.sets[model::CategoryAxis] = model::NodeSet::range(id, id);
      box.sets[model::SourceAxis] = point;
      if (context.regions.anyAllowed(model::Relation::Collect, box) == true)
        collected.categories.add(model::NodeSet::range(id, id));
    }
    if (!collected.categories.empty())
      result.push_back(std::move(collected));
  }
  return result;
}

/// The statements behind a summary of `box`: the permits and prohibitions that decide some
/// of its questions; their traces are added to `traces`.
std::vector<uint32_t> statementsAbout(const SectionContext &context, model::Relation relation,
                                      const model::Box &box, std::vector<Trace> &traces) {
  std::vector<uint32_t> statements;
  for (const model::Effect &effect : context.regions.getEffects().all())
    if (effect.relation == relation && effect.questions.intersects(box)) {
      addStatement(statements, effect.statement());
      addTrace(traces, context.phrases.trace(effect.rule->info));
    }
  return statements;
}

/// The retention statements that decide for some pair of the row's category, the most
/// specific per source (model/Periods.h), then the `as needed` extensions covering it.
std::vector<const model::Retention *> retentionOf(const SectionContext &context,
                                                  const std::vector<const model::Retention *> &all,
                                                  model::NodeId category) {
  const model::Vocabulary &sources = context.model.sources();
  std::vector<const model::Retention *> result;
  auto add = [&](const model::Retention *retention) {
    if (retention && std::find(result.begin(), result.end(), retention) == result.end())
      result.push_back(retention);
  };
  auto covers = [&](const model::Retention *retention, std::optional<model::NodeId> source) {
    return retention->categories.nodes.contains(category) &&
           (!source || retention->sources.nodes.contains(*source));
  };
  std::vector<const model::Retention *> periods;
  for (const model::Retention *retention : all)
    if (model::isPeriod(*retention) && covers(retention, std::nullopt))
      periods.push_back(retention);
  auto decide = [&](std::optional<model::NodeId> source) {
    std::vector<const model::Retention *> covering;
    for (const model::Retention *retention : periods)
      if (covers(retention, source))
        covering.push_back(retention);
    add(model::resolveRetention(covering).statement);
  };
  if (sources.size() == 0)
    decide(std::nullopt);
  for (model::NodeId source = 0; source < sources.size(); ++source)
    decide(source);
  std::sort(result.begin(), result.end(), [](const model::Retention *a, const model::Retention *b) {
    return a->info.id < b->info.id;
  });
  for (const model::Retention *retention : all)
    if (!model::isPeriod(*retention) && covers(retention, std::nullopt))
      add(retention);
  return result;
}

/// Fills the purpose or recipient column of a row: one entry per top-level node of `axis`
/// that some question about what the row collects allows (within `within` on that axis), or
/// `none` with its denial when no such question is.
void fillFlows(const SectionContext &context, Row &row, std::vector<Trace> &traces,
               const std::vector<Collected> &collected, Column column, model::Axis axis,
               const model::NodeSet &within, const model::Box &flows, const std::string &none) {
  const model::PolicyModel &model = context.model;
  bool recipients = axis == model::RecipientAxis;
  const model::Vocabulary &vocabulary = recipients ? model.recipients() : model.purposes();
  bool unknown = false;
  for (model::NodeId top : topLevel(vocabulary)) {
    model::NodeSet part = vocabulary.subtree(top).intersect(within);
    if (part.empty())
      continue;
    for (const Collected &each : collected) {
      model::Box box = flows;
      box.sets[model::CategoryAxis] = each.categories;
      box.sets[model::SourceAxis] = each.source;
      box.sets[axis] = part;
      std::optional<bool> any = context.regions.anyAllowed(model::Relation::Tuple, box);
      unknown |= !any;
      if (any != true)
        continue;
      std::vector<uint32_t> statements =
          statementsAbout(context, model::Relation::Tuple, box, traces);
      std::string name = context.phrases.shortName(
          recipients ? model::VocabularyKind::Recipient : model::VocabularyKind::Purpose, top);
      row.add(column, name,
              {someAllowedClaim(model::Relation::Tuple, box, context.everyConsent,
                                std::move(statements), "")});
      break;
    }
  }
  if (!row.empty(column))
    return;
  if (unknown) {
    row.add(column, "see below");
    return;
  }
  std::vector<Claim> denials;
  for (const Collected &each : collected) {
    model::Box box = flows;
    box.sets[model::CategoryAxis] = each.categories;
    box.sets[model::SourceAxis] = each.source;
    box.sets[axis] = within;
    denials.push_back(deniedClaim(model::Relation::Tuple, box, {}, ""));
  }
  row.add(column, none, std::move(denials));
}
/// Entries every row of a column has are said once, after the table: "Every kind of
/// information in the table is also used for: X." Their claims (one per row) move there; a
/// row with no other entry keeps them.
std::optional<Block> factorCommon(Table &table) {
  if (table.rows.size() < 3)
    return std::nullopt;
  std::string text;
  std::vector<Claim> claims;
  std::vector<Trace> traces;
  for (Column column : {PurposeColumn, RecipientColumn}) {
    std::vector<std::string> common;
    for (const std::string &entry : table.rows.front().cells[column]) {
      bool everywhere = true;
      for (const TableRow &row : table.rows) {
        const TableCell &cell = row.cells[column];
        everywhere &= std::find(cell.begin(), cell.end(), entry) != cell.end();
      }
      if (everywhere)
        common.push_back(entry);
    }
    if (common.empty())
      continue;
    for (TableRow &row : table.rows) {
      TableCell &cell = row.cells[column];
      // A row that has nothing else keeps them: an empty cell would say nothing.
      if (cell.size() == common.size())
        continue;
      for (const std::string &entry : common) {
        cell.erase(std::find(cell.begin(), cell.end(), entry));
        std::string sentence =
            row.cells[InformationColumn].front() + ": " + kHeader[column] + ": " + entry;
        for (auto claim = row.claims.begin(); claim != row.claims.end();)
          if (claim->sentence == sentence) {
            claims.push_back(std::move(*claim));
            claim = row.claims.erase(claim);
          } else {
            ++claim;
          }
      }
      addTraces(traces, row.traces);
    }
    text += (text.empty() ? "" : " ") +
            endSentence((column == PurposeColumn
                             ? "Every kind of information in the table is also used for: "
                             : "Every kind of information in the table may also go to: ") +
                        joinList(common));
  }
  if (text.empty())
    return std::nullopt;
  for (Claim &claim : claims)
    claim.sentence = text;
  Sentence sentence{text, std::move(claims)};
  return Block::paragraph(std::move(sentence), std::move(traces));
}
} // namespace

std::vector<Block> buildGlance(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  const model::Vocabulary &categories = model.categories();
  std::vector<const model::Retention *> retentions = model::retentionsInLoadOrder(model);

  Table table;
  table.header.assign(std::begin(kHeader), std::end(kHeader));
  for (model::NodeId id : topLevel(categories)) {
    // A row says what is done with data we collect; what we never collect has no row.
    std::vector<Collected> collected = collectedOf(context, id);
    if (collected.empty())
      continue;
    Row row(rowLabel(context, id));
    std::vector<Trace> traces;
    model::Box collectedBox = context.everything(model::Relation::Collect);
    collectedBox.sets[model::CategoryAxis] = categories.subtree(id);
    statementsAbout(context, model::Relation::Collect, collectedBox, traces);

    // Our own purposes; what recipients receive data for is in the sections.
    model::Box flows = context.everything(model::Relation::Tuple);
    flows.sets[model::RecipientAxis] = model::NodeSet::range(model.usRecipient, model.usRecipient);
    fillFlows(context, row, traces, collected, PurposeColumn, model::PurposeAxis,
              flows.sets[model::PurposeAxis], flows, "no purpose stated");
    flows = context.everything(model::Relation::Tuple);
    fillFlows(context, row, traces, collected, RecipientColumn, model::RecipientAxis,
              model.externalRecipients(), flows, "no one outside " + phrases.organization());

    for (const model::Retention *statement : retentionOf(context, retentions, id)) {
      addTrace(traces, phrases.trace(statement->info));
      // The purposes that may extend a period are the retention section's detail.
      row.add(RetentionColumn, model::isPeriod(*statement)
                                   ? retentionPeriod(context, *statement)
                                   : "longer where needed for some purposes");
    }
    if (row.empty(RetentionColumn))
      row.add(RetentionColumn, "not stated");
    table.rows.push_back(row.finish(std::move(traces)));
  }

  std::vector<Block> blocks;
  if (table.rows.empty())
    return blocks;
  std::optional<Block> common = factorCommon(table);
  // The lead-in explains the table; the rows name their statements.
  blocks.push_back(Block::paragraph(
      plainText("For each kind of personal information in this policy, the table sums up "
                "the purposes, who else gets it and how long we keep it. Some of this needs "
                "your consent or holds only for data from some places; the sections below "
                "give the details."),
      {}));
  Block tableBlock;
  tableBlock.kind = Block::Kind::Table;
  tableBlock.table = std::move(table);
  blocks.push_back(std::move(tableBlock));
  if (common)
    blocks.push_back(std::move(*common));
  return blocks;
}

} // namespace policyc::gen::text
