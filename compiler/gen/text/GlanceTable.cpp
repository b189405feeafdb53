// The "at a glance" table: one row per kind of personal information the statements name,
// with the purposes we use it for, who receives it, the consent it needs and how long we
// keep it. A row sums up the statements that are about all of it (a statement about a part
// shows in the part's row), read from the model's effects: an entry is listed only when some
// question of it is allowed, and each entry claims just that (docs/text-generation.md).
#include "gen/text/English.h"
#include "gen/text/Sections.h"

#include "model/Periods.h"

#include <algorithm>

namespace policyc::gen::text {

namespace {
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

const char *const kHeader[] = {"Information", "What we use it for", "Who receives it",
                               "Your consent", "How long we keep it"};
enum Column { InformationColumn, PurposeColumn, RecipientColumn, ConsentColumn, RetentionColumn };

/// One row while it is filled: the entries of each column, with their claims.
class Row {
public:
  Row(std::string label) : label(std::move(label)) {}

  /// Adds an entry once; its claims (if any) get the entry as their sentence.
  void add(Column column, const std::string &entry, std::vector<Claim> entryClaims = {}) {
    std::vector<std::string> &cell = cells[column];
    if (std::find(cell.begin(), cell.end(), entry) == cell.end())
      cell.push_back(entry);
    for (Claim &claim : entryClaims) {
      claim.sentence = sentence(column, entry);
      claims.push_back(std::move(claim));
    }
  }
  bool empty(Column column) const { return cells[column].empty(); }
  std::string sentence(Column column, const std::string &entry) const {
    return label + ": " + kHeader[column] + ": " + entry;
  }
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

/// For each row (sorted node ids), the effects whose category set holds the row's whole
/// subtree, in load order. A set is a union of intervals, so the rows an interval covers are
/// found by binary search instead of testing every row against every effect.
std::vector<std::vector<const model::Effect *>> effectsAbout(const model::Vocabulary &categories,
                                                             const std::vector<model::NodeId> &rows,
                                                             const model::Effects &effects) {
  std::vector<std::vector<const model::Effect *>> result(rows.size());
  for (const model::Effect &effect : effects.all())
    for (const model::Interval &interval :
         effect.members.sets[model::CategoryAxis].getIntervals()) {
      auto first = std::lower_bound(rows.begin(), rows.end(), interval.first);
      for (auto row = first; row != rows.end() && *row <= interval.last; ++row)
        if (categories[*row].last <= interval.last)
          result[row - rows.begin()].push_back(&effect);
    }
  return result;
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
  // The periods about the category, then per source those about it too.
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
} // namespace

std::vector<Block> buildGlance(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  const model::Vocabulary &categories = model.categories();
  const Regions &regions = context.regions;
  const model::Effects &effects = regions.getEffects();

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
  std::vector<const model::Retention *> retentions = model::retentionsInLoadOrder(model);

  std::vector<std::vector<const model::Effect *>> about = effectsAbout(categories, rows, effects);

  Table table;
  table.header.assign(std::begin(kHeader), std::end(kHeader));
  for (size_t rowIndex = 0; rowIndex < rows.size(); ++rowIndex) {
    model::NodeId id = rows[rowIndex];
    model::NodeSet members = categories.subtree(id);
    Row row(rowLabel(context, id));
    std::vector<Trace> traces;
    bool permitted = false;
    bool consentFree = true;
    for (const model::Effect *each : about[rowIndex]) {
      const model::Effect &effect = *each;
      const model::Rule &rule = *effect.rule;
      // Links and the limits and consequences of other statements are details for the
      // sections; so is a prohibition for one collection point.
      if (effect.relation == model::Relation::Link ||
          effect.origin == model::EffectOrigin::PurposeLimit ||
          effect.origin == model::EffectOrigin::NeverCollected)
        continue;
      model::Box box = effect.questions;
      box.sets[model::CategoryAxis] = members;
      if (effect.forbids) {
        if (rule.sources.written)
          continue;
        std::string entry;
        Column column = PurposeColumn;
        if (effect.relation == model::Relation::Collect) {
          entry = "never collected";
        } else if (rule.kind == model::RuleKind::Disclose) {
          entry = "never " + phrases.recipients(rule.recipients, false);
          column = RecipientColumn;
        } else {
          entry = "never " + phrases.forPurposes(rule.purposes);
        }
        row.add(column, entry, {deniedClaim(effect.relation, box, {rule.info.id}, "")});
        addTrace(traces, phrases.trace(rule.info));
        continue;
      }
      permitted = true;
      if (effect.relation == model::Relation::Collect) {
        addTrace(traces, phrases.trace(rule.info));
        continue;
      }
      std::optional<Region> allowed = regions.allowedBy(effect, box);
      // An entry nothing is left of (or that could not be worked out) is not listed.
      if (!allowed || allowed->empty())
        continue;
      addTrace(traces, phrases.trace(rule.info));
      std::vector<const model::Effect *> forbids = regions.forbidsOf(effect, box);
      for (const model::Effect *forbid : forbids)
        addTrace(traces, phrases.trace(forbid->rule->info));
      bool disclosure = rule.kind == model::RuleKind::Disclose;
      std::string entry =
          disclosure ? phrases.recipients(rule.recipients, false) : phrases.purposes(rule.purposes);
      row.add(disclosure ? RecipientColumn : PurposeColumn, entry,
              {permitClaim(effect, box, forbids, {}, Claim::Quantifier::Some, "")});
      consentFree &= effect.consents.empty();
      std::string scope =
          disclosure ? "for disclosure to " + entry : phrases.forPurposes(rule.purposes);
      for (model::ConsentId consent : effect.consents)
        if (regions.neededSomewhere(effect, *allowed, consent))
          row.add(ConsentColumn, phrases.consentChoice(consent) + ", " + scope,
                  {permitClaim(effect, box, forbids, {consent}, Claim::Quantifier::Some, "")});
    }
    // A row says what may be done with the data; without a permit there is nothing to sum up.
    if (!permitted)
      continue;

    // Empty cells: "none" and "no one outside" only when no member of the row goes there;
    // when part of it does, the rows of its parts and the sections say which.
    auto fill = [&](Column column, model::Box box, const std::string &none) {
      if (!row.empty(column))
        return;
      std::optional<bool> any = regions.anyAllowed(model::Relation::Tuple, box);
      if (any == false)
        row.add(column, none, {deniedClaim(model::Relation::Tuple, box, {}, "")});
      else if (any == true)
        row.add(column, "some of it: see below",
                {someAllowedClaim(model::Relation::Tuple, box, context.everyConsent, {}, "")});
      else
        row.add(column, "see below");
    };
    model::Box used = context.everything(model::Relation::Tuple);
    used.sets[model::CategoryAxis] = members;
    model::Box disclosed = used;
    used.sets[model::RecipientAxis] = model::NodeSet::range(model.usRecipient, model.usRecipient);
    disclosed.sets[model::RecipientAxis] = model.externalRecipients();
    fill(PurposeColumn, used, "none");
    fill(RecipientColumn, disclosed, "no one outside " + phrases.organization());
    if (row.empty(ConsentColumn))
      row.add(ConsentColumn, consentFree ? "not needed" : "see below");

    for (const model::Retention *statement : retentionOf(context, retentions, id)) {
      addTrace(traces, phrases.trace(statement->info));
      std::string period = retentionPeriod(context, *statement);
      if (statement->sources.written)
        period += " (" + phrases.sources(statement->sources) + ")";
      row.add(RetentionColumn, period);
    }
    if (row.empty(RetentionColumn))
      row.add(RetentionColumn, "not stated");
    table.rows.push_back(row.finish(std::move(traces)));
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
