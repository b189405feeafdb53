// gen cpp: one self-contained C++17 header that enforces a policy (docs/cpp-api.md).
//
// Decisions come from the dense tables of DecisionTables.h; this file only prints them. The
// header is written for the strictest consumers: -Wall -Wextra -Werror -pedantic with g++ and
// clang++ at -std=c++17 and -std=c++20, with no name taken from the policy unmangled.
#include "gen/cpp/CppGenerator.h"

#include "basic/DiagnosticEngine.h"
#include "basic/SourceLocation.h"
#include "gen/cpp/CppNames.h"
#include "gen/cpp/DecisionTables.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>

namespace policyc::gen::cpp {

namespace {

using model::NodeId;
using model::VocabularyKind;

/// The smallest unsigned type that holds `maxValue`.
llvm::StringRef integerType(uint64_t maxValue) {
  if (maxValue <= UINT8_MAX)
    return "std::uint8_t";
  if (maxValue <= UINT16_MAX)
    return "std::uint16_t";
  if (maxValue <= UINT32_MAX)
    return "std::uint32_t";
  return "std::uint64_t";
}

/// How many bits `value` needs (0 for 0).
unsigned bitsFor(uint64_t value) {
  unsigned bits = 0;
  for (; value != 0; value >>= 1)
    ++bits;
  return bits;
}

/// The smallest power of two not below `value`.
uint64_t powerOfTwoAtLeast(uint64_t value) {
  uint64_t power = 1;
  while (power < value)
    power <<= 1;
  return power;
}

/// `values`, rows of `columns` entries, with every row padded with zeros to `stride` entries.
std::vector<uint64_t> padRows(const std::vector<uint64_t> &values, uint64_t columns,
                              uint64_t stride) {
  if (stride == columns)
    return values;
  std::vector<uint64_t> padded;
  for (size_t start = 0; start < values.size(); start += columns) {
    padded.insert(padded.end(), values.begin() + start, values.begin() + start + columns);
    padded.resize(padded.size() + (stride - columns), 0);
  }
  return padded;
}

/// Text for a `//` comment: no control characters, and no backslash that could splice the
/// next line into the comment.
std::string commentText(llvm::StringRef text) {
  std::string result;
  for (char c : text)
    result.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c == '\\' ? '/' : c);
  return result;
}

/// One generated enumeration: its type, identifiers and the spellings they stand for.
struct EnumInfo {
  std::string type;   ///< "Category"
  std::string plural; ///< "Categories", for table names
  std::string doc;    ///< the comment above the enum
  std::vector<std::string> identifiers;
  std::vector<std::string> spellings;
  std::vector<std::string> descriptions;
  bool hasDescriptions = false; ///< generate description()

  std::string count() const { return "k" + type + "Count"; }
  size_t size() const { return spellings.size(); }
};

EnumInfo makeEnum(std::string type, std::string plural, std::string doc,
                  const std::vector<std::string> &spellings) {
  EnumInfo info{std::move(type), std::move(plural), std::move(doc), {}, spellings, {}};
  NameScope scope;
  for (const std::string &spelling : spellings)
    info.identifiers.push_back(scope.unique(spelling));
  return info;
}

enum class Reason : uint8_t { Permitted, NoStatement, Prohibited, ConsentMissing };

llvm::StringRef reasonEnumerator(Reason reason) {
  switch (reason) {
  case Reason::Permitted:
    return "permitted";
  case Reason::NoStatement:
    return "no_statement";
  case Reason::Prohibited:
    return "prohibited";
  case Reason::ConsentMissing:
    return "consent_missing";
  }
  return "no_statement";
}

/// One row of the header's decision table.
struct DecisionEntry {
  bool allowed = false;
  Reason reason = Reason::NoStatement;
  const model::StatementInfo *statement = nullptr;

  auto key() const {
    return std::make_tuple(allowed, static_cast<int>(reason), statement ? statement->id : 0);
  }
};

class HeaderWriter {
public:
  HeaderWriter(const GeneratorContext &context, const DecisionTables &tables,
               llvm::raw_ostream &out, const CppLimits &limits)
      : context(context), model(context.model), tables(tables), out(out), limits(limits) {}

  /// Writes the header; false, having written nothing, when the decision rows do not fit in
  /// a cell (`tooLarge` says how many there are and how many would).
  bool write(TableTooLarge &tooLarge) {
    collectEnums();
    if (!numberDecisions(tooLarge))
      return false;
    writePrologue();
    for (const EnumInfo *info : {&categories, &sources, &purposes, &recipients, &consents, &events,
                                 &rights, &notices, &recipientKinds, &bases})
      writeEnum(*info);
    writeVocabularyDetails();
    writeConsents();
    writeDecisionTables();
    writeDecisionFunctions();
    writeRetention();
    writeDeadlines();
    writeTypedHelpers();
    writeAudit();
    out << "\n} // namespace " << ns << "\n\n#endif // " << guard << "\n";
    return true;
  }

private:
  // ---------------------------------------------------------------------------------------
  // Names
  // ---------------------------------------------------------------------------------------

  EnumInfo vocabularyEnum(VocabularyKind kind, std::string type, std::string plural,
                          std::string doc) {
    const model::Vocabulary &vocabulary = model.vocabulary(kind);
    std::vector<std::string> spellings;
    for (const model::VocabularyNode &node : vocabulary.nodes)
      spellings.push_back(node.path);
    EnumInfo info = makeEnum(std::move(type), std::move(plural), std::move(doc), spellings);
    for (const model::VocabularyNode &node : vocabulary.nodes)
      info.descriptions.push_back(node.description);
    info.hasDescriptions = true;
    return info;
  }

  template <typename Enum>
  EnumInfo registryEnum(std::string type, std::string plural, std::string doc) {
    std::vector<std::string> spellings;
    std::vector<std::string> displays;
    for (const model::RegistryEntry &entry : model::registryEntries<Enum>()) {
      spellings.push_back(entry.spelling.str());
      displays.push_back(entry.display.str());
    }
    EnumInfo info = makeEnum(std::move(type), std::move(plural), std::move(doc), spellings);
    info.descriptions = std::move(displays);
    info.hasDescriptions = true;
    return info;
  }

  void collectEnums() {
    categories = vocabularyEnum(VocabularyKind::Category, "Category", "Categories",
                                "Kinds of personal data (`category`), in DFS pre-order.");
    sources = vocabularyEnum(VocabularyKind::Source, "Source", "Sources",
                             "Collection points (`source`), in DFS pre-order.");
    purposes = vocabularyEnum(VocabularyKind::Purpose, "Purpose", "Purposes",
                              "Purposes of processing (`purpose`), in DFS pre-order.");
    recipients = vocabularyEnum(VocabularyKind::Recipient, "Recipient", "Recipients",
                                "Recipients (`recipient`), in DFS pre-order; `us` is the "
                                "controller itself.");
    std::vector<std::string> names;
    for (const model::Consent &consent : model.consents)
      names.push_back(consent.name);
    consents = makeEnum("Consent", "Consents", "Consents the data subject can give.", names);
    for (const model::Consent &consent : model.consents)
      consents.descriptions.push_back(consent.description);
    consents.hasDescriptions = true;
    names.clear();
    for (const model::Event &event : model.events)
      names.push_back(event.name);
    events = makeEnum("Event", "Events", "Events that start or end retention.", names);
    for (const model::Event &event : model.events)
      events.descriptions.push_back(event.description);
    events.hasDescriptions = true;
    rights = registryEnum<model::Right>("Right", "Rights", "Rights of the data subject.");
    notices = registryEnum<model::NoticeKind>("Notice", "Notices",
                                              "Notices the controller gives before a change.");
    recipientKinds = registryEnum<model::RecipientKind>("RecipientKind", "RecipientKinds",
                                                        "What kind of party a recipient is.");
    bases = registryEnum<model::LegalBasis>("LegalBasis", "LegalBases", "Legal bases of purposes.");
  }

  std::string enumerator(const EnumInfo &info, size_t index) const {
    return info.type + "::" + info.identifiers[index];
  }

  // ---------------------------------------------------------------------------------------
  // Output helpers
  // ---------------------------------------------------------------------------------------

  /// `inline constexpr TYPE NAME[] = {...};` wrapped at 100 columns. An empty table gets one
  /// padding element (C++ has no empty arrays); range checks keep it from being read.
  void writeArray(llvm::StringRef type, llvm::StringRef name, const std::vector<uint64_t> &values,
                  llvm::StringRef doc) {
    out << "/// " << doc << "\n";
    out << "inline constexpr " << type << " " << name << "[] = {";
    if (values.empty()) {
      out << "0}; // padding: the table is empty\n";
      return;
    }
    std::string line = "   ";
    for (size_t i = 0; i < values.size(); ++i) {
      std::string item = " " + std::to_string(values[i]) + (i + 1 < values.size() ? "," : "");
      if (line.size() + item.size() > 100) {
        out << "\n" << line;
        line = "   ";
      }
      line += item;
    }
    out << "\n" << line << "};\n";
  }

  template <typename Values>
  void writeIntegerArray(llvm::StringRef name, const Values &values, llvm::StringRef doc) {
    std::vector<uint64_t> numbers(values.begin(), values.end());
    uint64_t maxValue = numbers.empty() ? 0 : *std::max_element(numbers.begin(), numbers.end());
    writeArray(integerType(maxValue), name, numbers, doc);
  }

  void writeStringArray(llvm::StringRef name, const std::vector<std::string> &values,
                        llvm::StringRef doc) {
    out << "/// " << doc << "\n";
    out << "inline constexpr std::string_view " << name << "[] = {";
    if (values.empty()) {
      out << "\"\"}; // padding: the table is empty\n";
      return;
    }
    out << "\n";
    for (const std::string &value : values)
      out << "    " << stringLiteral(value) << ",\n";
    out << "};\n";
  }

  /// Where a statement is written, as the header reports it.
  std::pair<std::string, unsigned> location(const model::StatementInfo &info) const {
    auto loc = presumedLoc(context.sources, info.range.Start);
    if (!loc)
      return {"", 0};
    return {loc->file.str(), loc->line};
  }

  /// `statement, "file", line` for a Decision, Deadline or Retention initializer.
  std::string statementFields(const model::StatementInfo *info) const {
    if (!info)
      return "0, \"\", 0";
    auto [file, line] = location(*info);
    return std::to_string(info->id) + ", " + stringLiteral(file) + ", " + std::to_string(line);
  }

  static std::string hours(const std::optional<model::Duration> &duration) {
    return "std::chrono::hours{" + std::to_string(duration ? duration->hours() : 0) + "}";
  }

  // ---------------------------------------------------------------------------------------
  // Prologue
  // ---------------------------------------------------------------------------------------

  void writePrologue() {
    ns = context.options.cppNamespace.empty() ? defaultNamespace(context.options.sourcePath)
                                              : context.options.cppNamespace;
    std::string nsName = ns;
    std::string guardName;
    for (char c : llvm::StringRef(ns).str())
      guardName.push_back(c == ':' ? '_' : llvm::toUpper(c));
    while (guardName.find("__") != std::string::npos)
      guardName.replace(guardName.find("__"), 2, "_");
    guard = "POLICYC_GENERATED_" + guardName + "_HPP";

    std::string source = commentText(context.options.sourcePath);
    out << "// Generated by policyc from " << source << ". DO NOT EDIT.\n"
        << "// Change the policy and run `policyc gen cpp " << source
        << "` again; the API is described in\n"
        << "// docs/cpp-api.md of policyc. Requires C++17 and the policyc runtime headers.\n"
        << "#ifndef " << guard << "\n#define " << guard << "\n\n"
        << "#include <policyc/runtime.hpp>\n\n"
        << "#include <chrono>\n#include <cstddef>\n#include <cstdint>\n#include <optional>\n"
        << "#include <string_view>\n#include <type_traits>\n#include <utility>\n\n"
        << "static_assert(POLICYC_RUNTIME_VERSION == " << kRuntimeVersion << ",\n"
        << "              \"this header was generated for policyc runtime version "
        << kRuntimeVersion << "; regenerate it \"\n"
        << "              \"with the policyc that installed the policyc/ headers in use\");\n\n"
        << "namespace " << ns << " {\n\n";

    const model::PolicyInfo &policy = model.policy;
    out << "/// The policy file this header was generated from, as given to policyc.\n"
        << "inline constexpr std::string_view kSourcePath = "
        << stringLiteral(context.options.sourcePath) << ";\n"
        << "inline constexpr std::string_view kTitle = " << stringLiteral(policy.title) << ";\n"
        << "inline constexpr std::string_view kController = " << stringLiteral(policy.controller)
        << ";\n"
        << "/// ISO date from `effective`, or empty.\n"
        << "inline constexpr std::string_view kEffective = "
        << stringLiteral(policy.effective ? policy.effective->iso() : "") << ";\n"
        << "/// Every statement has an id 1..kStatementCount (docs/semantics.md).\n"
        << "inline constexpr std::uint32_t kStatementCount = " << model.statementCount << ";\n\n"
        << "/// from_string<E>(name): the enumerator spelled `name` in the policy, if any.\n"
        << "template <typename Enum>\n"
        << "constexpr std::optional<Enum> from_string(std::string_view name) noexcept;\n";
  }

  // ---------------------------------------------------------------------------------------
  // Enumerations
  // ---------------------------------------------------------------------------------------

  void writeEnum(const EnumInfo &info) {
    out << "\n/// " << info.doc << "\n";
    out << "enum class " << info.type << " : "
        << integerType(info.size() == 0 ? 0 : info.size() - 1) << " {";
    if (info.size() != 0)
      out << "\n";
    for (size_t i = 0; i < info.size(); ++i) {
      out << "  " << info.identifiers[i] << " = " << i << ",";
      if (info.identifiers[i] != info.spellings[i])
        out << " // " << commentText(info.spellings[i]);
      out << "\n";
    }
    out << "};\n";
    out << "inline constexpr std::size_t " << info.count() << " = " << info.size() << ";\n\n";

    out << "namespace detail {\n";
    writeStringArray("k" + info.type + "Names", info.spellings,
                     "Spellings in the policy, by enumerator.");
    if (info.hasDescriptions)
      writeStringArray("k" + info.type + "Descriptions", info.descriptions,
                       "Descriptions as written (empty when none), by enumerator.");
    std::vector<size_t> order(info.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    llvm::sort(order, [&](size_t a, size_t b) { return info.spellings[a] < info.spellings[b]; });
    out << "/// Sorted by spelling for from_string.\n";
    out << "inline constexpr ::policyc::NameEntry<" << info.type << "> k" << info.plural
        << "ByName[] = {";
    if (order.empty()) {
      out << "{\"\", " << info.type << "{}}}; // padding: the table is empty\n";
    } else {
      out << "\n";
      for (size_t index : order)
        out << "    {" << stringLiteral(info.spellings[index]) << ", " << enumerator(info, index)
            << "},\n";
      out << "};\n";
    }
    out << "} // namespace detail\n\n";

    std::string index = "static_cast<std::size_t>(value)";
    out << "constexpr std::string_view to_string(" << info.type << " value) noexcept {\n"
        << "  return ::policyc::detail::in_range(" << index << ", " << info.count() << ")\n"
        << "             ? detail::k" << info.type << "Names[" << index << "]\n"
        << "             : std::string_view();\n}\n";
    if (info.hasDescriptions)
      out << "constexpr std::string_view description(" << info.type << " value) noexcept {\n"
          << "  return ::policyc::detail::in_range(" << index << ", " << info.count() << ")\n"
          << "             ? detail::k" << info.type << "Descriptions[" << index << "]\n"
          << "             : std::string_view();\n}\n";
    out << "template <>\nconstexpr std::optional<" << info.type << "> from_string<" << info.type
        << ">(std::string_view name) noexcept {\n"
        << "  return ::policyc::find_name(detail::k" << info.plural << "ByName, " << info.count()
        << ", name);\n}\n";
  }

  /// parent(), within() and attributes of the four vocabularies.
  void writeVocabularyDetails() {
    struct Entry {
      const EnumInfo *info;
      VocabularyKind kind;
    };
    for (Entry entry :
         {Entry{&categories, VocabularyKind::Category}, Entry{&sources, VocabularyKind::Source},
          Entry{&purposes, VocabularyKind::Purpose},
          Entry{&recipients, VocabularyKind::Recipient}}) {
      const EnumInfo &info = *entry.info;
      const model::Vocabulary &vocabulary = model.vocabulary(entry.kind);
      std::vector<uint64_t> parents, lasts, flags;
      for (NodeId id = 0; id < vocabulary.size(); ++id) {
        const model::VocabularyNode &node = vocabulary[id];
        parents.push_back(node.parent == model::kNoNode ? id : node.parent);
        lasts.push_back(node.last);
        flags.push_back(node.flags);
      }
      out << "\nnamespace detail {\n";
      writeIntegerArray("k" + info.type + "Parent", parents,
                        "The parent of each node; a top-level node is its own parent.");
      writeIntegerArray("k" + info.type + "Last", lasts,
                        "The last node of each subtree: the subtree of n is [n, last].");
      writeIntegerArray("k" + info.type + "Flags", flags,
                        "Attributes with inheritance: 1 sensitive, 2 anonymous, 4 tracking, 8 "
                        "abroad, 16 marketing.");
      out << "} // namespace detail\n\n";
      std::string type = info.type;
      std::string count = info.count();
      out << "/// The node above `value`, or nothing for a top-level node.\n"
          << "constexpr std::optional<" << type << "> parent(" << type << " value) noexcept {\n"
          << "  const std::size_t index = static_cast<std::size_t>(value);\n"
          << "  if (!::policyc::detail::in_range(index, " << count << ") ||\n"
          << "      detail::k" << type << "Parent[index] == index)\n"
          << "    return std::nullopt;\n"
          << "  return static_cast<" << type << ">(detail::k" << type << "Parent[index]);\n}\n"
          << "/// True when `value` is `ancestor` or inside its subtree, as a statement naming\n"
          << "/// `ancestor` covers it.\n"
          << "constexpr bool within(" << type << " value, " << type << " ancestor) noexcept {\n"
          << "  const std::size_t index = static_cast<std::size_t>(value);\n"
          << "  const std::size_t top = static_cast<std::size_t>(ancestor);\n"
          << "  return ::policyc::detail::in_range(index, " << count << ") &&\n"
          << "         ::policyc::detail::in_range(top, " << count << ") &&\n"
          << "         top <= index && index <= detail::k" << type << "Last[top];\n}\n";
      auto flagFunction = [&](llvm::StringRef name, unsigned bit) {
        out << "constexpr bool " << name << "(" << type << " value) noexcept {\n"
            << "  const std::size_t index = static_cast<std::size_t>(value);\n"
            << "  return ::policyc::detail::in_range(index, " << count << ") &&\n"
            << "         (detail::k" << type << "Flags[index] & " << bit << "u) != 0;\n}\n";
      };
      switch (entry.kind) {
      case VocabularyKind::Category:
        flagFunction("is_sensitive", model::NodeFlag::Sensitive);
        flagFunction("is_anonymous", model::NodeFlag::Anonymous);
        flagFunction("is_tracking", model::NodeFlag::Tracking);
        break;
      case VocabularyKind::Source:
        flagFunction("is_anonymous", model::NodeFlag::Anonymous);
        flagFunction("is_tracking", model::NodeFlag::Tracking);
        break;
      case VocabularyKind::Recipient:
        flagFunction("is_abroad", model::NodeFlag::Abroad);
        writeOptionalAttribute(
            info, vocabulary, recipientKinds, "kind", [](const model::VocabularyNode &node) {
              return node.recipientKind
                         ? std::optional<size_t>(static_cast<size_t>(*node.recipientKind))
                         : std::nullopt;
            });
        break;
      case VocabularyKind::Purpose:
        flagFunction("is_marketing", model::NodeFlag::Marketing);
        writeOptionalAttribute(
            info, vocabulary, bases, "basis", [](const model::VocabularyNode &node) {
              return node.basis ? std::optional<size_t>(static_cast<size_t>(*node.basis))
                                : std::nullopt;
            });
        break;
      }
    }
  }

  /// `constexpr std::optional<Value> name(Node)`: an inherited attribute of a registry enum.
  template <typename Get>
  void writeOptionalAttribute(const EnumInfo &info, const model::Vocabulary &vocabulary,
                              const EnumInfo &valueEnum, llvm::StringRef name, Get get) {
    // The value + 1, or 0 for none.
    std::vector<uint64_t> values;
    for (const model::VocabularyNode &node : vocabulary.nodes) {
      std::optional<size_t> value = get(node);
      values.push_back(value ? *value + 1 : 0);
    }
    std::string table = "k" + info.type + (name == "kind" ? "Kind" : "Basis");
    out << "namespace detail {\n";
    writeIntegerArray(table, values, "The attribute's enumerator + 1, or 0 when none.");
    out << "} // namespace detail\n";
    out << "constexpr std::optional<" << valueEnum.type << "> " << name << "(" << info.type
        << " value) noexcept {\n"
        << "  const std::size_t index = static_cast<std::size_t>(value);\n"
        << "  if (!::policyc::detail::in_range(index, " << info.count() << ") ||\n"
        << "      detail::" << table << "[index] == 0)\n"
        << "    return std::nullopt;\n"
        << "  return static_cast<" << valueEnum.type << ">(detail::" << table << "[index] - 1);\n"
        << "}\n";
  }

  void writeConsents() {
    out << "\n/// The consents a data subject has granted.\n"
        << "using Consents = ::policyc::ConsentSet<Consent, kConsentCount>;\n\n";
    std::vector<uint64_t> optIn;
    for (const model::Consent &consent : model.consents)
      optIn.push_back(consent.optIn ? 1 : 0);
    out << "namespace detail {\n";
    writeIntegerArray("kConsentOptIn", optIn, "1 for opt-in consents, 0 for opt-out ones.");
    out << "} // namespace detail\n\n";
    out << "/// Opt-in consents start not granted, opt-out ones start granted.\n"
        << "constexpr bool is_opt_in(Consent value) noexcept {\n"
        << "  const std::size_t index = static_cast<std::size_t>(value);\n"
        << "  return ::policyc::detail::in_range(index, kConsentCount) &&\n"
        << "         detail::kConsentOptIn[index] != 0;\n}\n";
    out << "constexpr Consents no_consents() noexcept { return Consents(); }\n";
    auto setOf = [&](llvm::StringRef name, llvm::StringRef doc, bool (*wanted)(bool optIn)) {
      out << "/// " << doc << "\n";
      out << "constexpr Consents " << name << "() noexcept {\n  Consents granted;\n";
      for (size_t i = 0; i < model.consents.size(); ++i)
        if (wanted(model.consents[i].optIn))
          out << "  granted.grant(" << enumerator(consents, i) << ");\n";
      out << "  return granted;\n}\n";
    };
    setOf("default_consents", "Before the data subject chooses: the opt-out consents.",
          [](bool optIn) { return !optIn; });
    setOf("all_consents", "Every consent granted.", [](bool) { return true; });
  }

  // ---------------------------------------------------------------------------------------
  // Decisions
  // ---------------------------------------------------------------------------------------

  uint32_t decisionIndex(const DecisionEntry &entry) {
    auto [it, inserted] =
        decisionIndexes.try_emplace(entry.key(), static_cast<uint32_t>(decisions.size()));
    if (inserted)
      decisions.push_back(entry);
    return it->second;
  }

  /// A cell decided by one consent test at most (see gates), as (consent, yes, no).
  std::optional<std::array<uint32_t, 3>> gateOf(const Cell &cell, uint32_t fixed) {
    if (fixed != UINT32_MAX)
      return std::array<uint32_t, 3>{0, fixed, fixed};
    const std::vector<PermitStep> &steps = cell.permits;
    bool oneTest = steps.size() <= 2 && steps.front().consents.size() == 1 &&
                   (steps.size() == 1 || steps[1].consents.empty());
    if (!oneTest)
      return std::nullopt;
    uint32_t yes = decisionIndex({true, Reason::Permitted, &steps.front().rule->info});
    uint32_t no = steps.size() == 2
                      ? decisionIndex({true, Reason::Permitted, &steps[1].rule->info})
                      : decisionIndex({false, Reason::ConsentMissing, &steps.front().rule->info});
    return std::array<uint32_t, 3>{steps.front().consents.front(), yes, no};
  }

  /// Gives every decision a row and every cell the value the tables hold (see decide). A cell
  /// that hangs on one consent test at most is a *gate*: the consent it tests in the low
  /// consentBits, then the row without that consent and the row with it, decisionBits each;
  /// it is read without a branch on the data and without a further table. Longer chains of
  /// consent tests, rare, hold chainCell + k and are decided by case k of a switch. False when
  /// a gate would not fit in limits.cellBits.
  bool numberDecisions(TableTooLarge &tooLarge) {
    decisionIndex({false, Reason::NoStatement, nullptr});
    for (const Cell &cell : tables.cells) {
      if (cell.prohibition) {
        cellDecision.push_back(decisionIndex({false, Reason::Prohibited, &cell.prohibition->info}));
        continue;
      }
      if (cell.permits.empty()) {
        cellDecision.push_back(0);
        continue;
      }
      const PermitStep &first = cell.permits.front();
      if (first.consents.empty()) {
        cellDecision.push_back(decisionIndex({true, Reason::Permitted, &first.rule->info}));
        continue;
      }
      cellDecision.push_back(UINT32_MAX);
      for (const PermitStep &step : cell.permits)
        decisionIndex({true, Reason::Permitted, &step.rule->info});
      decisionIndex({false, Reason::ConsentMissing, &first.rule->info});
    }
    std::vector<std::optional<std::array<uint32_t, 3>>> gates;
    uint32_t largestConsent = 0;
    size_t chains = 0;
    for (size_t i = 0; i < tables.cells.size(); ++i) {
      gates.push_back(gateOf(tables.cells[i], cellDecision[i]));
      if (gates.back())
        largestConsent = std::max(largestConsent, (*gates.back())[0]);
      else
        ++chains;
    }
    consentBits = bitsFor(largestConsent);
    decisionBits = bitsFor(decisions.size() - 1);
    // Chain values start at a power of two above every gate and below the cell's width.
    auto bitsNeeded = [&](unsigned rowBits) {
      unsigned gateBits = consentBits + 2 * rowBits;
      return chains == 0 ? gateBits : std::max(gateBits, bitsFor(chains - 1)) + 1;
    };
    // Rows of a power-of-two width make the shift that picks one a single instruction; they
    // are used when the cells keep their integer type.
    unsigned needed = bitsNeeded(decisionBits);
    unsigned roundedBits = static_cast<unsigned>(powerOfTwoAtLeast(decisionBits));
    unsigned typeBits = std::max(8u, static_cast<unsigned>(powerOfTwoAtLeast(needed)));
    if (bitsNeeded(roundedBits) <= std::min(typeBits, limits.cellBits)) {
      decisionBits = roundedBits;
      needed = bitsNeeded(roundedBits);
    }
    unsigned gateBits = consentBits + 2 * decisionBits;
    unsigned chainBits = chains == 0 ? 0 : std::max(gateBits, bitsFor(chains - 1));
    if (needed > limits.cellBits) {
      unsigned fixedBits = consentBits + (chains == 0 ? 0 : 1);
      unsigned rowBits = (limits.cellBits - std::min(limits.cellBits, fixedBits)) / 2;
      tooLarge = {"decision", decisions.size(), uint64_t{1} << rowBits};
      return false;
    }
    chainCell = chains == 0 ? 0 : uint64_t{1} << chainBits;
    for (size_t i = 0; i < tables.cells.size(); ++i) {
      if (!gates[i]) {
        cellValue.push_back(chainCell + chainCells.size());
        chainCells.push_back(i);
        continue;
      }
      auto [consent, yes, no] = *gates[i];
      cellValue.push_back(uint64_t{consent} | uint64_t{no} << consentBits |
                          uint64_t{yes} << (consentBits + decisionBits));
    }
    return true;
  }

  void writeDecisionTables() {
    out << "\nnamespace detail {\n\n";
    out << "/// Every decision the policy can make; row 0 is default deny.\n"
        << "inline constexpr ::policyc::Decision kDecisions[] = {\n";
    for (const DecisionEntry &entry : decisions)
      out << "    {" << (entry.allowed ? "true" : "false")
          << ", ::policyc::Reason::" << reasonEnumerator(entry.reason) << ", "
          << statementFields(entry.statement) << "},\n";
    out << "};\n"
        << "inline constexpr std::size_t kDecisionCount = " << decisions.size() << ";\n\n";

    // Data classes by (category, source) and action classes by (purpose, recipient): read
    // straight from a node-pair table when it is small, else through the node classes.
    uint64_t dataPairs = uint64_t{model.categories().size()} * model.sources().size();
    uint64_t actionPairs = uint64_t{model.purposes().size()} * model.recipients().size();
    directData = dataPairs <= limits.directPairLimit;
    directActions = actionPairs <= limits.directPairLimit;
    writeIntegerArray("kPurposeClass", tables.purposes.classOf, "Purpose -> purpose class.");
    out << "inline constexpr std::size_t kPurposeClassCount = " << tables.purposes.count << ";\n"
        << "inline constexpr std::size_t kActionClassCount = " << tables.actions.count << ";\n";
    if (directData) {
      std::vector<uint64_t> byNodes;
      for (uint32_t c : tables.categories.classOf)
        for (uint32_t s : tables.sources.classOf)
          byNodes.push_back(tables.data.classOf[c * tables.sources.count + s]);
      writeStride("kSourceStride", "kDataOfNodes", "kSourceCount", model.categories().size(),
                  model.sources().size());
      writePaddedArray("kDataOfNodes", byNodes, model.sources().size(), "kSourceStride",
                       "[category][source] -> data class.");
    } else {
      writeIntegerArray("kCategoryClass", tables.categories.classOf,
                        "Category -> category class (categories no statement tells apart).");
      writeIntegerArray("kSourceClass", tables.sources.classOf, "Source -> source class.");
      out << "inline constexpr std::size_t kSourceClassCount = " << tables.sources.count << ";\n";
      writeStride("kSourceClassStride", "kDataClass", "kSourceClassCount", tables.categories.count,
                  tables.sources.count);
      writePaddedArray("kDataClass", tables.data.classOf, tables.sources.count,
                       "kSourceClassStride", "[category class][source class] -> data class.");
    }
    if (directActions) {
      std::vector<uint64_t> byNodes;
      for (uint32_t p : tables.purposes.classOf)
        for (uint32_t r : tables.recipients.classOf)
          byNodes.push_back(tables.actions.classOf[p * tables.recipients.count + r]);
      writeStride("kRecipientStride", "kActionOfNodes", "kRecipientCount", model.purposes().size(),
                  model.recipients().size());
      writePaddedArray("kActionOfNodes", byNodes, model.recipients().size(), "kRecipientStride",
                       "[purpose][recipient] -> action class.");
    } else {
      writeIntegerArray("kRecipientClass", tables.recipients.classOf,
                        "Recipient -> recipient class.");
      out << "inline constexpr std::size_t kRecipientClassCount = " << tables.recipients.count
          << ";\n";
      writeStride("kRecipientClassStride", "kActionClass", "kRecipientClassCount",
                  tables.purposes.count, tables.recipients.count);
      writePaddedArray("kActionClass", tables.actions.classOf, tables.recipients.count,
                       "kRecipientClassStride",
                       "[purpose class][recipient class] -> action class.");
    }
    auto values = [&](const std::vector<uint32_t> &cells) {
      std::vector<uint64_t> result;
      for (uint32_t cell : cells)
        result.push_back(cellValue[cell]);
      return result;
    };
    writeStride("kActionClassStride", "kTupleCell", "kActionClassCount", tables.data.count,
                tables.actions.count);
    writePaddedArray("kTupleCell", values(tables.tupleCells), tables.actions.count,
                     "kActionClassStride", "[data class][action class] -> cell (see decide).");
    writeIntegerArray("kCollectCell", values(tables.collectCells),
                      "[data class] -> cell for collecting.");
    writeIntegerArray("kLinkCategoryClass", tables.linkCategories.classOf,
                      "Category -> class among link statements.");
    writeIntegerArray("kLinkSourceClass", tables.linkSources.classOf,
                      "Source -> class among link statements.");
    out << "inline constexpr std::size_t kLinkCategoryClassCount = " << tables.linkCategories.count
        << ";\n"
        << "inline constexpr std::size_t kLinkSourceClassCount = " << tables.linkSources.count
        << ";\n";
    writeIntegerArray("kLinkCell", values(tables.linkCells),
                      "[first class][second class][source class] -> cell.");
    writeDecide();

    out << "constexpr std::size_t data_class(std::size_t category, std::size_t source) noexcept "
           "{\n";
    if (directData)
      out << "  return kDataOfNodes[category * kSourceStride + source];\n}\n\n";
    else
      out << "  return kDataClass[kCategoryClass[category] * kSourceClassStride + "
             "kSourceClass[source]];\n}\n\n";
    out << "constexpr std::size_t action_class(std::size_t purpose, std::size_t recipient) "
           "noexcept {\n";
    if (directActions)
      out << "  return kActionOfNodes[purpose * kRecipientStride + recipient];\n}\n\n";
    else
      out << "  return kActionClass[kPurposeClass[purpose] * kRecipientClassStride +\n"
             "                      kRecipientClass[recipient]];\n}\n\n";
    out << "constexpr const ::policyc::Decision &decide_tuple(std::size_t category, "
           "std::size_t source,\n"
        << "                                                  std::size_t purpose, "
           "std::size_t recipient,\n"
        << "                                                  const Consents &granted) "
           "noexcept {\n"
        << "  // One test for the four inputs: indexes and counts are below 2^32, so index - "
           "count\n"
        << "  // has its top bit set exactly when the index is in range.\n"
        << "  const std::uint64_t in_range = (category - std::uint64_t{kCategoryCount}) &\n"
        << "                                 (source - std::uint64_t{kSourceCount}) &\n"
        << "                                 (purpose - std::uint64_t{kPurposeCount}) &\n"
        << "                                 (recipient - std::uint64_t{kRecipientCount});\n"
        << "  if ((in_range >> 63) == 0)\n"
        << "    return kDecisions[0];\n"
        << "  return decide(kTupleCell[data_class(category, source) * kActionClassStride +\n"
        << "                           action_class(purpose, recipient)],\n"
        << "                granted);\n}\n\n"
        << "} // namespace detail\n";
  }

  /// The row length of `table` (`rows` rows of `columns` entries): `columns` rounded up to a
  /// power of two, so that the index is a shift, unless that would exceed the table limit.
  void writeStride(llvm::StringRef name, llvm::StringRef table, llvm::StringRef count,
                   uint64_t rows, uint64_t columns) {
    uint64_t stride = powerOfTwoAtLeast(columns);
    if (rows * stride > limits.maxTableEntries)
      stride = columns;
    strides[name.str()] = stride;
    out << "/// Row length of " << table << ": " << count
        << (stride == columns
                ? ".\n"
                : ",\n/// rounded up to a power of two (the padding is never read).\n")
        << "inline constexpr std::size_t " << name << " = " << stride << ";\n";
  }

  void writePaddedArray(llvm::StringRef name, const std::vector<uint64_t> &values, uint64_t columns,
                        llvm::StringRef stride, llvm::StringRef doc) {
    writeIntegerArray(name, padRows(values, columns, strides.at(stride.str())), doc);
  }

  template <typename Values>
  void writePaddedArray(llvm::StringRef name, const Values &values, uint64_t columns,
                        llvm::StringRef stride, llvm::StringRef doc) {
    writePaddedArray(name, std::vector<uint64_t>(values.begin(), values.end()), columns, stride,
                     doc);
  }

  /// decide(cell, granted): a gate is one consent test that picks a row, without a branch on
  /// the data (a `switch` or `?:` here would be mispredicted on a mix of questions).
  void writeDecide() {
    out << "\n/// " << (chainCells.empty() ? "Every cell" : "A cell below kChainCell")
        << " is a gate: the consent it tests in the low kConsentBits,\n"
        << "/// then the kDecisions row without that consent and the row with it, kDecisionBits\n"
        << "/// each (the same row twice when no consent matters).";
    if (!chainCells.empty())
      out << " From kChainCell up, a chain of\n/// permits whose consents are tested in load "
             "order (docs/semantics.md, steps 2 and 3).";
    out << "\ninline constexpr unsigned kConsentBits = " << consentBits << ";\n"
        << "inline constexpr unsigned kDecisionBits = " << decisionBits << ";\n"
        << "inline constexpr std::uint64_t kConsentMask = (std::uint64_t{1} << kConsentBits) - 1;\n"
        << "inline constexpr std::uint64_t kDecisionMask = (std::uint64_t{1} << kDecisionBits) - "
           "1;\n";
    if (!chainCells.empty()) {
      out << "inline constexpr std::uint64_t kChainCell = " << chainCell << "u;\n\n"
          << "constexpr const ::policyc::Decision &decide_chain(std::uint64_t chain, "
             "const Consents &granted) noexcept {\n"
          << "  switch (chain) {\n";
      uint64_t chain = 0;
      for (size_t i : chainCells) {
        const Cell &cell = tables.cells[i];
        out << "  case " << chain++ << ":\n";
        bool closed = false;
        for (const PermitStep &step : cell.permits) {
          uint32_t permitted = decisionIndex({true, Reason::Permitted, &step.rule->info});
          if (step.consents.empty()) {
            out << "    return kDecisions[" << permitted << "];\n";
            closed = true;
            break;
          }
          out << "    if (";
          for (size_t k = 0; k < step.consents.size(); ++k)
            out << (k ? " && " : "") << "granted.has(" << enumerator(consents, step.consents[k])
                << ")";
          out << ")\n      return kDecisions[" << permitted << "];\n";
        }
        if (!closed)
          out << "    return kDecisions["
              << decisionIndex({false, Reason::ConsentMissing, &cell.permits.front().rule->info})
              << "];\n";
      }
      out << "  default:\n    break;\n  }\n"
          << "  return kDecisions[0];\n}\n";
    }
    out << "\nconstexpr const ::policyc::Decision &decide(std::uint64_t cell, "
        << "const Consents &granted) noexcept {\n";
    if (!chainCells.empty())
      out << "  if (cell >= kChainCell)\n    return decide_chain(cell - kChainCell, granted);\n";
    out << "  const bool consented = granted.has(static_cast<Consent>(cell & kConsentMask));\n"
        << "  const unsigned shift = kConsentBits + kDecisionBits * static_cast<unsigned>"
           "(consented);\n"
        << "  return kDecisions[(cell >> shift) & kDecisionMask];\n}\n\n";
  }

  void writeDecisionFunctions() {
    std::string us = enumerator(recipients, model.usRecipient);
    out << "\n/// May data of `category` be collected from `source`?\n"
        << "constexpr const ::policyc::Decision &\n"
        << "may_collect(Category category, Source source,\n"
        << "            const Consents &granted = default_consents()) noexcept {\n"
        << "  const std::size_t c = static_cast<std::size_t>(category);\n"
        << "  const std::size_t s = static_cast<std::size_t>(source);\n"
        << "  if (!::policyc::detail::in_range(c, kCategoryCount) ||\n"
        << "      !::policyc::detail::in_range(s, kSourceCount))\n"
        << "    return detail::kDecisions[0];\n"
        << "  return detail::decide(detail::kCollectCell[detail::data_class(c, s)], granted);\n"
        << "}\n\n"
        << "/// May we (" << commentText(us)
        << ") use data of `category` from `source` for "
           "`purpose`?\n"
        << "constexpr const ::policyc::Decision &may_use(Category category, Source source,\n"
        << "                                             Purpose purpose,\n"
        << "                                             const Consents &granted) noexcept {\n"
        << "  return detail::decide_tuple(static_cast<std::size_t>(category),\n"
        << "                              static_cast<std::size_t>(source),\n"
        << "                              static_cast<std::size_t>(purpose),\n"
        << "                              static_cast<std::size_t>(" << us << "), granted);\n"
        << "}\n\n"
        << "/// May data of `category` from `source` go to `recipient` for `purpose`?\n"
        << "constexpr const ::policyc::Decision &may_disclose(Category category, Source source,\n"
        << "                                                  Recipient recipient, Purpose "
           "purpose,\n"
        << "                                                  const Consents &granted) noexcept "
           "{\n"
        << "  return detail::decide_tuple(static_cast<std::size_t>(category),\n"
        << "                              static_cast<std::size_t>(source),\n"
        << "                              static_cast<std::size_t>(purpose),\n"
        << "                              static_cast<std::size_t>(recipient), granted);\n"
        << "}\n\n"
        << "/// May data of `first` be joined with data of `second` (both from `source`)?\n"
        << "constexpr const ::policyc::Decision &may_link(Category first, Category second,\n"
        << "                                              Source source,\n"
        << "                                              const Consents &granted) noexcept {\n"
        << "  const std::size_t a = static_cast<std::size_t>(first);\n"
        << "  const std::size_t b = static_cast<std::size_t>(second);\n"
        << "  const std::size_t s = static_cast<std::size_t>(source);\n"
        << "  if (!::policyc::detail::in_range(a, kCategoryCount) ||\n"
        << "      !::policyc::detail::in_range(b, kCategoryCount) ||\n"
        << "      !::policyc::detail::in_range(s, kSourceCount))\n"
        << "    return detail::kDecisions[0];\n"
        << "  const std::size_t cell =\n"
        << "      (detail::kLinkCategoryClass[a] * detail::kLinkCategoryClassCount +\n"
        << "       detail::kLinkCategoryClass[b]) * detail::kLinkSourceClassCount +\n"
        << "      detail::kLinkSourceClass[s];\n"
        << "  return detail::decide(detail::kLinkCell[cell], granted);\n}\n";
  }

  // ---------------------------------------------------------------------------------------
  // Retention and deadlines
  // ---------------------------------------------------------------------------------------

  void writeRetention() {
    out << "\n/// How long data of one category from one source is kept (docs/semantics.md,\n"
        << "/// \"Retention\"): the most specific covering `retain ... for|until|while`.\n"
        << "struct Retention {\n"
        << "  ::policyc::RetentionKind kind;\n"
        << "  /// for_period: the length (months and years count as in std::chrono).\n"
        << "  std::chrono::hours period;\n"
        << "  /// `after E` (for_period), `until E`, `while E`.\n"
        << "  bool has_event;\n"
        << "  Event event;\n"
        << "  /// The deciding `retain`; 0 for none.\n"
        << "  std::uint32_t statement;\n"
        << "  const char *file;\n"
        << "  std::uint32_t line;\n"
        << "};\n\n"
        << "namespace detail {\n"
        << "inline constexpr Retention kRetentions[] = {\n";
    for (const RetentionCell &cell : tables.retentionCells) {
      const model::Retention *statement = cell.statement;
      llvm::StringRef kind;
      switch (cell.kind) {
      case model::PeriodKind::None:
        kind = "none";
        break;
      case model::PeriodKind::For:
        kind = "for_period";
        break;
      case model::PeriodKind::Until:
        kind = "until_event";
        break;
      case model::PeriodKind::While:
        kind = "while_event";
        break;
      case model::PeriodKind::Conflicting:
        kind = "conflicting";
        break;
      }
      bool hasEvent = statement && statement->event != model::kNone;
      out << "    {::policyc::RetentionKind::" << kind << ", "
          << hours(statement ? statement->length : std::nullopt) << ", "
          << (hasEvent ? "true" : "false") << ", "
          << (hasEvent ? enumerator(events, statement->event) : "Event{}") << ", "
          << statementFields(statement ? &statement->info : nullptr) << "},\n";
    }
    out << "};\n";
    writeIntegerArray("kRetentionOfData", tables.retention, "[data class] -> kRetentions row.");
    writeIntegerArray("kKeptAsNeeded", tables.keptAsNeeded,
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
        << "  return detail::kKeptAsNeeded[detail::data_class(c, s) * detail::kPurposeClassCount "
           "+\n"
        << "                               detail::kPurposeClass[p]] != 0;\n}\n";
  }

  void writeDeadlines() {
    auto deadlineRow = [&](const model::DeadlineDecision &decision) {
      return std::string("{") + (decision.duration ? "true" : "false") + ", " +
             hours(decision.duration) + ", " + statementFields(decision.statement) + "}";
    };
    out << "\nnamespace detail {\ninline constexpr ::policyc::Deadline kRightDeadlines[] = {\n";
    for (size_t i = 0; i < rights.size(); ++i)
      out << "    " << deadlineRow(model::rightDeadline(model, static_cast<model::Right>(i)))
          << ", // " << rights.spellings[i] << "\n";
    out << "};\ninline constexpr ::policyc::Deadline kNoticeLeads[] = {\n";
    for (size_t i = 0; i < notices.size(); ++i)
      out << "    " << deadlineRow(model::noticeLead(model, static_cast<model::NoticeKind>(i)))
          << ", // " << notices.spellings[i] << "\n";
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

  // ---------------------------------------------------------------------------------------
  // Compile-time enforcement and auditing
  // ---------------------------------------------------------------------------------------

  void writeTypedHelpers() {
    out << R"(
namespace detail {
/// Carries a decision into a type, so that a failed static_assert shows the reason and the
/// deciding statement in the compiler's "required from" notes.
template <bool Allowed, ::policyc::Reason Why, std::uint32_t Statement> struct Verdict {
  static constexpr bool value = Allowed;
};
} // namespace detail

/// A value of personal data that knows its category and source. Access goes through the
/// purpose (and recipient) it is for; a use the policy never allows does not compile.
///
///   PersonalData<Category::contact_email, Source::website, std::string> email{address};
///   const std::string *to = email.use<Purpose::marketing>(consents); // null without consent
template <Category C, Source S, typename T> class PersonalData {
public:
  constexpr explicit PersonalData(T value) noexcept(std::is_nothrow_move_constructible<T>::value)
      : value_(std::move(value)) {}

  /// For a use that needs no consent: compiles only if the policy allows it outright.
  template <Purpose P> constexpr const T &use() const noexcept {
    constexpr ::policyc::Decision decision = may_use(C, S, P, no_consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy does not allow this use without consent: pass the consents");
    return value_;
  }
  /// For a use that may need consent: compiles only if some consents allow it; null when
  /// `granted` does not.
  template <Purpose P> constexpr const T *use(const Consents &granted) const noexcept {
    constexpr ::policyc::Decision decision = may_use(C, S, P, all_consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy never allows this category from this source for this purpose");
    return may_use(C, S, P, granted).allowed ? &value_ : nullptr;
  }
  template <Recipient R, Purpose P> constexpr const T &disclose() const noexcept {
    constexpr ::policyc::Decision decision = may_disclose(C, S, R, P, no_consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy does not allow this disclosure without consent: pass the consents");
    return value_;
  }
  template <Recipient R, Purpose P>
  constexpr const T *disclose(const Consents &granted) const noexcept {
    constexpr ::policyc::Decision decision = may_disclose(C, S, R, P, all_consents());
    static_assert(detail::Verdict<decision.allowed, decision.reason, decision.statement>::value,
                  "the policy never allows this disclosure");
    return may_disclose(C, S, R, P, granted).allowed ? &value_ : nullptr;
  }

  static constexpr Category category = C;
  static constexpr Source source = S;

private:
  T value_;
};
)";
  }

  void writeAudit() {
    std::string us = enumerator(recipients, model.usRecipient);
    out << R"(
/// The decision functions with a record of each decision sent to `hook`.
inline const ::policyc::Decision &audit_collect(::policyc::AuditHook &hook, Category category,
                                         Source source, const Consents &granted) noexcept {
  const ::policyc::Decision &decision = may_collect(category, source, granted);
  hook.record({::policyc::Action::collect, kSourcePath, to_string(category), to_string(source),
               std::string_view(), std::string_view(), decision});
  return decision;
}
inline const ::policyc::Decision &audit_use(::policyc::AuditHook &hook, Category category, Source source,
                                     Purpose purpose, const Consents &granted) noexcept {
  const ::policyc::Decision &decision = may_use(category, source, purpose, granted);
  hook.record({::policyc::Action::use, kSourcePath, to_string(category), to_string(source),
               to_string(purpose), to_string()"
        << us << R"(), decision});
  return decision;
}
inline const ::policyc::Decision &audit_disclose(::policyc::AuditHook &hook, Category category,
                                          Source source, Recipient recipient, Purpose purpose,
                                          const Consents &granted) noexcept {
  const ::policyc::Decision &decision =
      may_disclose(category, source, recipient, purpose, granted);
  hook.record({::policyc::Action::disclose, kSourcePath, to_string(category), to_string(source),
               to_string(purpose), to_string(recipient), decision});
  return decision;
}
inline const ::policyc::Decision &audit_link(::policyc::AuditHook &hook, Category first,
                                      Category second, Source source,
                                      const Consents &granted) noexcept {
  const ::policyc::Decision &decision = may_link(first, second, source, granted);
  hook.record({::policyc::Action::link, kSourcePath, to_string(first), to_string(source),
               to_string(second), std::string_view(), decision});
  return decision;
}
)";
  }

  static constexpr int kRuntimeVersion = 1;

  const GeneratorContext &context;
  const model::PolicyModel &model;
  const DecisionTables &tables;
  llvm::raw_ostream &out;
  const CppLimits &limits;
  bool directData = false;
  bool directActions = false;
  std::string ns;
  std::string guard;
  EnumInfo categories, sources, purposes, recipients, consents, events, rights, notices,
      recipientKinds, bases;
  std::vector<DecisionEntry> decisions;
  std::map<std::tuple<bool, int, uint32_t>, uint32_t> decisionIndexes;
  std::vector<uint32_t> cellDecision; ///< by cell: decision row, or UINT32_MAX if conditional
  std::vector<uint64_t> cellValue;    ///< by cell: the value the tables hold (see numberDecisions)
  unsigned consentBits = 0;
  unsigned decisionBits = 0;
  uint64_t chainCell = 0;
  std::map<std::string, uint64_t> strides; ///< by constant name
  std::vector<size_t> chainCells;          ///< cells decided by a longer chain, in code order
};

} // namespace

std::string defaultNamespace(llvm::StringRef sourcePath) {
  if (sourcePath.empty() || sourcePath == "-")
    return "policy";
  // Mangling already keeps a namespace name valid (no leading digit or underscore, no
  // keyword); the namespaces of the standard library and of the runtime stay untouched.
  std::string name = mangleIdentifier(llvm::sys::path::stem(sourcePath));
  if (isReservedNamespace(name))
    name += "_policy";
  return name;
}

bool generateCppHeader(const GeneratorContext &context, llvm::raw_ostream &out,
                       const CppLimits &limits) {
  TableTooLarge tooLarge;
  std::optional<DecisionTables> tables =
      buildDecisionTables(context.model, limits.maxTableEntries, tooLarge);
  if (!tables) {
    context.diags.report(llvm::SMRange(), diag::err_cpp_table_too_large, tooLarge.table,
                         tooLarge.entries, tooLarge.limit);
    return false;
  }
  if (!HeaderWriter(context, *tables, out, limits).write(tooLarge)) {
    context.diags.report(llvm::SMRange(), diag::err_cpp_table_too_large, tooLarge.table,
                         tooLarge.entries, tooLarge.limit);
    return false;
  }
  return true;
}

} // namespace policyc::gen::cpp

namespace policyc::gen {

bool generateCpp(const GeneratorContext &context, llvm::raw_ostream &out) {
  return cpp::generateCppHeader(context, out, cpp::CppLimits());
}

} // namespace policyc::gen
