#include "model/PolicyModel.h"

#include "model/Effects.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

#include <fmt/format.h>

#include <cassert>
#include <vector>

namespace policyc::model {

std::string Date::iso() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

int64_t Date::daysSinceEpoch() const {
  // Howard Hinnant's days_from_civil.
  int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (static_cast<int64_t>(month) + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + static_cast<int64_t>(day) - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<Date> Date::parseIso(llvm::StringRef text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  Date date;
  unsigned year = 0;
  if (text.substr(0, 4).getAsInteger(10, year) || text.substr(5, 2).getAsInteger(10, date.month) ||
      text.substr(8, 2).getAsInteger(10, date.day))
    return std::nullopt;
  date.year = static_cast<int>(year);
  static constexpr unsigned kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.month < 1 || date.month > 12 || date.day < 1)
    return std::nullopt;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  unsigned days = kDaysInMonth[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  if (date.day > days)
    return std::nullopt;
  return date;
}

uint64_t Duration::hours() const {
  switch (unit) {
  case DurationUnit::Hours:
    return amount;
  case DurationUnit::Days:
    return amount * 24;
  case DurationUnit::Weeks:
    return amount * 24 * 7;
  case DurationUnit::Months:
    return amount * 2629746 / 3600; // std::chrono::months
  case DurationUnit::Years:
    return amount * 31556952 / 3600; // std::chrono::years
  }
  llvm_unreachable("unknown duration unit");
}

llvm::StringRef unitName(DurationUnit unit, bool plural) {
  switch (unit) {
  case DurationUnit::Hours:
    return plural ? "hours" : "hour";
  case DurationUnit::Days:
    return plural ? "days" : "day";
  case DurationUnit::Weeks:
    return plural ? "weeks" : "week";
  case DurationUnit::Months:
    return plural ? "months" : "month";
  case DurationUnit::Years:
    return plural ? "years" : "year";
  }
  llvm_unreachable("unknown duration unit");
}

std::string Duration::str() const {
  return fmt::format("{} {}", amount, unitName(unit, amount != 1).str());
}

llvm::StringRef vocabularyName(VocabularyKind kind) {
  switch (kind) {
  case VocabularyKind::Category:
    return "category";
  case VocabularyKind::Purpose:
    return "purpose";
  case VocabularyKind::Recipient:
    return "recipient";
  case VocabularyKind::Source:
    return "source";
  }
  llvm_unreachable("unknown vocabulary kind");
}

llvm::StringRef ruleKeyword(RuleKind kind) {
  switch (kind) {
  case RuleKind::Collect:
    return "collect";
  case RuleKind::Use:
    return "use";
  case RuleKind::Disclose:
    return "disclose";
  case RuleKind::Link:
    return "link";
  }
  llvm_unreachable("unknown rule kind");
}

NodeSet Vocabulary::withFlag(NodeFlag flag) const {
  NodeSet result;
  for (NodeId id = 0; id < size(); ++id) {
    if (!nodes[id].has(flag))
      continue;
    // Flags are inherited, so a flagged node's whole subtree is flagged: skip over it.
    result.add(Interval{id, nodes[id].last});
    id = nodes[id].last;
  }
  return result;
}

NodeSet Vocabulary::concrete() const {
  NodeSet result;
  for (NodeId id = 0; id < size(); ++id)
    if (nodes[id].isConcrete(id))
      result.add(Interval{id, id});
  return result;
}

// In pre-order every ancestor of a node of [first, last] is either inside the interval or an
// ancestor of `first`, and the nodes of the interval whose subtree reaches past `last` are
// the ancestors of `last + 1` inside it. Both closures therefore cost the depth per interval.
void Vocabulary::upwardClosure(const NodeSet &set, NodeSet &result) const {
  assert(&set != &result && "the closure is written over its own input");
  result = set;
  for (const Interval &interval : set.getIntervals()) {
    if (interval.first >= size())
      continue; // the single point of an unused axis
    for (NodeId id = nodes[interval.first].parent; id != kNoNode; id = nodes[id].parent)
      result.add(Interval{id, id});
  }
}

void Vocabulary::downwardInterior(const NodeSet &set, NodeSet &result) const {
  assert(&set != &result && "the interior is written over its own input");
  // Most sets are unions of whole subtrees, which are their own interior: check first, so
  // that the common case costs one parent lookup per interval and one copy.
  auto cuts = [&](const Interval &interval) {
    return interval.last + 1 < size() && nodes[interval.last + 1].parent != kNoNode &&
           nodes[interval.last + 1].parent >= interval.first;
  };
  if (llvm::none_of(set.getIntervals(), cuts)) {
    result = set;
    return;
  }
  result = NodeSet();
  std::vector<NodeId> cut;
  for (const Interval &interval : set.getIntervals()) {
    if (!cuts(interval)) {
      result.add(interval);
      continue;
    }
    // Walk the ancestors of last + 1 that lie inside the interval, outermost last; the rest
    // of the interval is kept in the runs between them.
    cut.clear();
    for (NodeId id = nodes[interval.last + 1].parent; id != kNoNode && id >= interval.first;
         id = nodes[id].parent)
      cut.push_back(id);
    NodeId from = interval.first;
    for (auto it = cut.rbegin(); it != cut.rend(); ++it) {
      if (*it > from)
        result.add(Interval{from, *it - 1});
      from = *it + 1;
    }
    if (from <= interval.last)
      result.add(Interval{from, interval.last});
  }
}

PolicyModel::PolicyModel() = default;
PolicyModel::~PolicyModel() = default;

const Effects &PolicyModel::effects() const {
  if (!derivedEffects)
    derivedEffects = std::make_unique<Effects>(*this);
  return *derivedEffects;
}

NodeSet PolicyModel::identifyingCategories() const {
  const Vocabulary &vocabulary = categories();
  return vocabulary.withFlag(NodeFlag::Anonymous).complement(vocabulary.size());
}

NodeSet PolicyModel::externalRecipients() const {
  const Vocabulary &vocabulary = recipients();
  NodeSet result;
  for (NodeId id = 0; id < vocabulary.size(); ++id)
    if (vocabulary[id].recipientKind != RecipientKind::internal)
      result.add(Interval{id, id});
  return result;
}

} // namespace policyc::model
