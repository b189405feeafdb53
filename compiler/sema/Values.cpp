// Values: durations, dates, channels and the built-in words of the registries.
#include "sema/SemaImpl.h"

namespace policyc::sema {

namespace {
/// Amounts above this are surely mistakes, and keep every duration representable in
/// std::chrono types of generated code.
constexpr uint64_t kMaxDurationAmount = 100000;

std::optional<model::DurationUnit> parseUnit(llvm::StringRef word) {
  using model::DurationUnit;
  if (word == "hour" || word == "hours")
    return DurationUnit::Hours;
  if (word == "day" || word == "days")
    return DurationUnit::Days;
  if (word == "week" || word == "weeks")
    return DurationUnit::Weeks;
  if (word == "month" || word == "months")
    return DurationUnit::Months;
  if (word == "year" || word == "years")
    return DurationUnit::Years;
  return std::nullopt;
}
} // namespace

template <typename Enum>
std::optional<Enum> SemaImpl::registryWord(const ast::Identifier &word, diag::Kind kind) {
  if (auto value = model::lookup<Enum>(word.text))
    return value;
  std::vector<std::string> candidates;
  for (const model::RegistryEntry &entry : model::registryEntries<Enum>())
    candidates.push_back(entry.spelling.str());
  std::string suggestion = closestMatch(word.text, candidates);
  auto builder = diags.report(word.range, kind, word.text, didYouMean(suggestion));
  if (!suggestion.empty())
    builder.fixIt(word.range, suggestion);
  return std::nullopt;
}

template std::optional<model::Right> SemaImpl::registryWord<model::Right>(const ast::Identifier &,
                                                                          diag::Kind);
template std::optional<model::ChannelKind>
SemaImpl::registryWord<model::ChannelKind>(const ast::Identifier &, diag::Kind);
template std::optional<model::NoticeKind>
SemaImpl::registryWord<model::NoticeKind>(const ast::Identifier &, diag::Kind);
template std::optional<model::NoteSection>
SemaImpl::registryWord<model::NoteSection>(const ast::Identifier &, diag::Kind);
template std::optional<model::ContactKind>
SemaImpl::registryWord<model::ContactKind>(const ast::Identifier &, diag::Kind);
template std::optional<model::LegalBasis>
SemaImpl::registryWord<model::LegalBasis>(const ast::Identifier &, diag::Kind);
template std::optional<model::Framework>
SemaImpl::registryWord<model::Framework>(const ast::Identifier &, diag::Kind);

std::optional<model::Duration> SemaImpl::duration(const ast::Duration &literal) {
  auto unit = parseUnit(literal.unit.text);
  if (!unit) {
    static const std::vector<std::string> kUnits = {"hour",  "hours", "day",    "days", "week",
                                                    "weeks", "month", "months", "year", "years"};
    std::string suggestion = closestMatch(literal.unit.text, kUnits);
    auto builder = diags.report(literal.unit.range, diag::err_bad_duration_unit, literal.unit.text,
                                didYouMean(suggestion));
    if (!suggestion.empty())
      builder.fixIt(literal.unit.range, suggestion);
    return std::nullopt;
  }
  uint64_t amount = 0;
  std::string spelled = literal.amountText + " " + literal.unit.text;
  if (llvm::StringRef(literal.amountText).getAsInteger(10, amount) || amount > kMaxDurationAmount) {
    diags.report(literal.range, diag::err_bad_duration_amount, spelled,
                 fmt::format("the amount must be at most {}", kMaxDurationAmount));
    return std::nullopt;
  }
  if (amount == 0) {
    diags.report(literal.range, diag::err_bad_duration_amount, spelled,
                 "a duration must be at least 1");
    return std::nullopt;
  }
  return model::Duration{amount, *unit};
}

std::optional<model::Date> SemaImpl::date(const ast::DateLiteral &literal) {
  if (auto parsed = model::Date::parseIso(literal.text))
    return parsed;
  llvm::StringRef text = literal.text;
  unsigned month = 0;
  std::string reason = "no such day in that month";
  if (!text.substr(5, 2).getAsInteger(10, month) && (month < 1 || month > 12))
    reason = "the month must be 01 to 12";
  else if (text.substr(8, 2) == "00")
    reason = "the day must be 01 to 31";
  diags.report(literal.range, diag::err_bad_date, literal.text, reason);
  return std::nullopt;
}

std::optional<model::Channel> SemaImpl::channel(const ast::Channel &literal) {
  auto kind = registryWord<model::ChannelKind>(literal.kind, diag::err_unknown_channel);
  if (!kind)
    return std::nullopt;
  return model::Channel{*kind, literal.address ? literal.address->value : std::string(),
                        literal.range};
}

std::optional<std::vector<model::Channel>>
SemaImpl::channels(const std::vector<ast::Channel> &list) {
  std::vector<model::Channel> result;
  bool ok = true;
  for (const ast::Channel &literal : list) {
    if (auto resolvedChannel = channel(literal))
      result.push_back(std::move(*resolvedChannel));
    else
      ok = false;
  }
  if (!ok)
    return std::nullopt;
  return result;
}

} // namespace policyc::sema
