// Retention and deadlines in a generated header: retention(Category, Source),
// kept_as_needed_for, deadline(Right), offers(Right) and lead_time(Notice). The periods come
// resolved from the model (model/Periods.h); this file only prints them.
#include "gen/cpp/HeaderParts.h"

#include "model/Periods.h"
#include "model/Registry.h"

#include <optional>

namespace policyc::gen::cpp {

namespace {

std::string hours(const std::optional<model::Duration> &duration) {
  return "std::chrono::hours{" + std::to_string(duration ? duration->hours() : 0) + "}";
}

llvm::StringRef retentionKind(model::PeriodKind kind) {
  switch (kind) {
  case model::PeriodKind::None:
    return "none";
  case model::PeriodKind::For:
    return "for_period";
  case model::PeriodKind::Until:
    return "until_event";
  case model::PeriodKind::While:
    return "while_event";
  case model::PeriodKind::Conflicting:
    return "conflicting";
  case model::PeriodKind::Within:
    return "within_period";
  }
  return "none";
}

void writeRetention(HeaderState &state) {
  llvm::raw_ostream &out = state.out;
  const DecisionTables &tables = state.tables;
  out << "\n/// How long data of one category from one source is kept (policyc/obligations.hpp).\n"
      << "using Retention = ::policyc::Retention<Event>;\n\n"
      << "namespace detail {\n"
      << "inline constexpr Retention kRetentions[] = {\n";
  for (const RetentionCell &cell : tables.retentionCells) {
    const model::Retention *statement = cell.statement;
    bool hasEvent = statement && statement->event != model::kNone;
    out << "    {::policyc::RetentionKind::" << retentionKind(cell.kind) << ", "
        << hours(statement ? statement->length : std::nullopt) << ", "
        << (hasEvent ? "true" : "false") << ", "
        << (hasEvent ? state.enumerator(state.enums.events, statement->event) : "Event{}") << ", "
        << state.statementFields(statement ? &statement->info : nullptr) << "},\n";
  }
  out << "};\n";
  writeIntegerArray(out, "kRetentionOfData",
                    std::vector<uint64_t>(tables.retention.begin(), tables.retention.end()),
                    "[data class] -> kRetentions row.");
  writePackedTable(out, "kKeptAsNeeded",
                   std::vector<uint64_t>(tables.keptAsNeeded.begin(), tables.keptAsNeeded.end()),
                   "[data class][purpose class] -> 1 when `retain ... as needed for` names it.");
  out << "} // namespace detail\n\n"
      << "constexpr Retention retention(Category category, Source source) noexcept {\n"
      << "  const std::size_t c = static_cast<std::size_t>(category);\n"
      << "  const std::size_t s = static_cast<std::size_t>(source);\n"
      << "  if (!::policyc::detail::in_range(c, kCategoryCount) ||\n"
      << "      !::policyc::detail::in_range(s, kSourceCount))\n"
      << "    return detail::kRetentions[0];\n"
      << "  return detail::kRetentions[detail::kRetentionOfData[detail::data_class(c, s)]];\n"
      << "}\n\n"
      << "/// May the data be kept beyond its period while needed for `purpose`\n"
      << "/// (`retain ... as needed for`)?\n"
      << "constexpr bool kept_as_needed_for(Category category, Source source, Purpose purpose) "
         "noexcept {\n"
      << "  const std::size_t c = static_cast<std::size_t>(category);\n"
      << "  const std::size_t s = static_cast<std::size_t>(source);\n"
      << "  const std::size_t p = static_cast<std::size_t>(purpose);\n"
      << "  if (!::policyc::detail::in_range(c, kCategoryCount) ||\n"
      << "      !::policyc::detail::in_range(s, kSourceCount) ||\n"
      << "      !::policyc::detail::in_range(p, kPurposeCount))\n"
      << "    return false;\n"
      << "  return detail::kKeptAsNeeded[detail::data_class(c, s) * detail::kPurposeClassCount +\n"
      << "                               detail::kPurposeClass[p]] != 0;\n}\n";
}

void writeDeadlines(HeaderState &state) {
  llvm::raw_ostream &out = state.out;
  auto deadlineRow = [&](const model::DeadlineDecision &decision) {
    return std::string("{") + (decision.duration ? "true" : "false") + ", " +
           hours(decision.duration) + ", " + state.statementFields(decision.statement) + "}";
  };
  const HeaderEnums &enums = state.enums;
  out << "\nnamespace detail {\ninline constexpr ::policyc::Deadline kRightDeadlines[] = {\n";
  for (size_t i = 0; i < enums.rights.size(); ++i)
    out << "    " << deadlineRow(model::rightDeadline(state.model, static_cast<model::Right>(i)))
        << ", // " << enums.rights.spellings[i] << "\n";
  out << "};\ninline constexpr ::policyc::Deadline kNoticeLeads[] = {\n";
  for (size_t i = 0; i < enums.notices.size(); ++i)
    out << "    " << deadlineRow(model::noticeLead(state.model, static_cast<model::NoticeKind>(i)))
        << ", // " << enums.notices.spellings[i] << "\n";
  out << "};\n} // namespace detail\n\n"
      << "/// Within how long the controller answers `right` (`right ... within D`); `defined`\n"
      << "/// is false without a deadline, `statement` is 0 when the policy does not offer it.\n"
      << "constexpr ::policyc::Deadline deadline(Right right) noexcept {\n"
      << "  const std::size_t index = static_cast<std::size_t>(right);\n"
      << "  if (!::policyc::detail::in_range(index, kRightCount))\n"
      << "    return ::policyc::Deadline{false, std::chrono::hours{0}, 0, \"\", 0};\n"
      << "  return detail::kRightDeadlines[index];\n}\n"
      << "/// Does the policy grant `right` (some `right` statement names it)?\n"
      << "constexpr bool offers(Right right) noexcept { return deadline(right).statement != 0; "
         "}\n"
      << "/// How long before taking effect `notice` is given (`notify N at least D before`).\n"
      << "constexpr ::policyc::Deadline lead_time(Notice notice) noexcept {\n"
      << "  const std::size_t index = static_cast<std::size_t>(notice);\n"
      << "  if (!::policyc::detail::in_range(index, kNoticeCount))\n"
      << "    return ::policyc::Deadline{false, std::chrono::hours{0}, 0, \"\", 0};\n"
      << "  return detail::kNoticeLeads[index];\n}\n";
}

} // namespace

void writeObligations(HeaderState &state) {
  writeRetention(state);
  writeDeadlines(state);
}

} // namespace policyc::gen::cpp
