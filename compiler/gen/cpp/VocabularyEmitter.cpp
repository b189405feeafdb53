// The enumerations of a generated header with their names and descriptions, the vocabulary
// trees and attributes, and the consent set.
#include "gen/cpp/CppNames.h"
#include "gen/cpp/HeaderParts.h"

#include "model/Registry.h"

#include "llvm/ADT/STLExtras.h"

#include "policyc/tree.hpp"

#include <numeric>
#include <optional>

namespace policyc::gen::cpp {

using model::NodeId;
using model::VocabularyKind;

// The attribute bits the header writes are the ones the runtime reads.
constexpr bool sameBit(model::NodeFlag flag, ::policyc::detail::Flag bit) {
  return static_cast<unsigned>(flag) == static_cast<unsigned>(bit);
}
static_assert(sameBit(model::Sensitive, ::policyc::detail::sensitive) &&
                  sameBit(model::Anonymous, ::policyc::detail::anonymous) &&
                  sameBit(model::Tracking, ::policyc::detail::tracking) &&
                  sameBit(model::Abroad, ::policyc::detail::abroad) &&
                  sameBit(model::Marketing, ::policyc::detail::marketing),
              "model NodeFlag and policyc/tree.hpp Flag disagree");

namespace {

EnumInfo makeEnum(std::string type, std::string plural, std::string doc,
                  std::vector<std::string> spellings, std::vector<std::string> descriptions) {
  EnumInfo info{std::move(type),      std::move(plural),      std::move(doc), {},
                std::move(spellings), std::move(descriptions)};
  NameScope scope;
  for (const std::string &spelling : info.spellings)
    info.identifiers.push_back(scope.unique(spelling));
  return info;
}

EnumInfo vocabularyEnum(const model::PolicyModel &model, VocabularyKind kind, std::string type,
                        std::string plural, std::string doc) {
  std::vector<std::string> spellings, descriptions;
  for (const model::VocabularyNode &node : model.vocabulary(kind).nodes) {
    spellings.push_back(node.path);
    descriptions.push_back(node.description);
  }
  return makeEnum(std::move(type), std::move(plural), std::move(doc), std::move(spellings),
                  std::move(descriptions));
}

template <typename Enum>
EnumInfo registryEnum(std::string type, std::string plural, std::string doc) {
  std::vector<std::string> spellings, displays;
  for (const model::RegistryEntry &entry : model::registryEntries<Enum>()) {
    spellings.push_back(entry.spelling.str());
    displays.push_back(entry.display.str());
  }
  return makeEnum(std::move(type), std::move(plural), std::move(doc), std::move(spellings),
                  std::move(displays));
}

template <typename Declaration>
EnumInfo declarationEnum(const std::vector<Declaration> &declarations, std::string type,
                         std::string plural, std::string doc) {
  std::vector<std::string> spellings, descriptions;
  for (const Declaration &declaration : declarations) {
    spellings.push_back(declaration.name);
    descriptions.push_back(declaration.description);
  }
  return makeEnum(std::move(type), std::move(plural), std::move(doc), std::move(spellings),
                  std::move(descriptions));
}

void writeEnum(HeaderState &state, const EnumInfo &info) {
  llvm::raw_ostream &out = state.out;
  out << "\n/// " << info.doc << " Numbered from 0 in this order.\n";
  out << "enum class " << info.type << " : " << integerType(info.size() == 0 ? 0 : info.size() - 1)
      << " {";
  if (info.size() != 0)
    out << "\n";
  for (const std::string &identifier : info.identifiers)
    out << "  " << identifier << ",\n";
  out << "};\n";
  out << "inline constexpr std::size_t " << info.count() << " = " << info.size() << ";\n\n";

  std::vector<uint64_t> spellings, descriptions;
  for (size_t i = 0; i < info.size(); ++i) {
    spellings.push_back(state.text.add(info.spellings[i]));
    descriptions.push_back(state.text.add(info.descriptions[i]));
  }
  std::vector<uint64_t> byName(info.size());
  std::iota(byName.begin(), byName.end(), 0);
  llvm::sort(byName, [&](uint64_t a, uint64_t b) { return info.spellings[a] < info.spellings[b]; });

  std::string names = "k" + info.type + "Names";
  out << "namespace detail {\n";
  writePackedTable(out, "k" + info.type + "Spellings", spellings,
                   "Where each enumerator's spelling in the policy is in kText.", 8);
  writePackedTable(out, "k" + info.type + "Descriptions", descriptions,
                   "Where each enumerator's description is in kText (empty when none).", 8);
  unsigned sortedWidth = writePackedTable(out, "k" + info.plural + "ByName", byName,
                                          "The enumerators sorted by spelling, for from_string.");
  out << "inline constexpr ::policyc::detail::NameTable<" << sortedWidth << "> " << names
      << "{{kText, k" << info.type << "Spellings}, {kText, k" << info.type << "Descriptions}, k"
      << info.plural << "ByName, " << info.count() << "};\n"
      << "} // namespace detail\n\n";

  const std::string &type = info.type;
  out << "constexpr std::string_view to_string(" << type << " value) noexcept {\n"
      << "  return ::policyc::detail::name_of(detail::" << names << ", value);\n}\n"
      << "constexpr std::string_view description(" << type << " value) noexcept {\n"
      << "  return ::policyc::detail::description_of(detail::" << names << ", value);\n}\n"
      << "template <>\nconstexpr std::optional<" << type << "> from_string<" << type
      << ">(std::string_view name) noexcept {\n"
      << "  return ::policyc::detail::find_name<" << type << ">(detail::" << names
      << ", name);\n}\n";
}

/// `constexpr std::optional<Value> name(Node)`: an inherited attribute of a registry enum.
template <typename Get>
void writeOptionalAttribute(HeaderState &state, const EnumInfo &info,
                            const model::Vocabulary &vocabulary, const EnumInfo &valueEnum,
                            llvm::StringRef name, llvm::StringRef table, Get get) {
  std::vector<uint64_t> values;
  for (const model::VocabularyNode &node : vocabulary.nodes) {
    std::optional<size_t> value = get(node);
    values.push_back(value ? *value + 1 : 0);
  }
  llvm::raw_ostream &out = state.out;
  out << "namespace detail {\n";
  writePackedTable(out, table, values, "The attribute's enumerator + 1, or 0 when none.");
  out << "} // namespace detail\n"
      << "constexpr std::optional<" << valueEnum.type << "> " << name << "(" << info.type
      << " value) noexcept {\n"
      << "  return ::policyc::detail::attribute_of<" << valueEnum.type << ">(detail::" << table
      << ", " << info.count() << ", value);\n}\n";
}

} // namespace

HeaderEnums collectEnums(const model::PolicyModel &model) {
  HeaderEnums enums;
  enums.categories = vocabularyEnum(model, VocabularyKind::Category, "Category", "Categories",
                                    "Kinds of personal data (`category`), in DFS pre-order.");
  enums.sources = vocabularyEnum(model, VocabularyKind::Source, "Source", "Sources",
                                 "Collection points (`source`), in DFS pre-order.");
  enums.purposes = vocabularyEnum(model, VocabularyKind::Purpose, "Purpose", "Purposes",
                                  "Purposes of processing (`purpose`), in DFS pre-order.");
  enums.recipients = vocabularyEnum(model, VocabularyKind::Recipient, "Recipient", "Recipients",
                                    "Recipients (`recipient`), in DFS pre-order; `us` is the "
                                    "controller itself.");
  enums.consents =
      declarationEnum(model.consents, "Consent", "Consents", "Consents the data subject can give.");
  enums.events =
      declarationEnum(model.events, "Event", "Events", "Events that start or end retention.");
  enums.rights = registryEnum<model::Right>("Right", "Rights", "Rights of the data subject.");
  enums.notices = registryEnum<model::NoticeKind>("Notice", "Notices",
                                                  "Notices the controller gives before a change.");
  enums.recipientKinds = registryEnum<model::RecipientKind>("RecipientKind", "RecipientKinds",
                                                            "What kind of party a recipient is.");
  enums.bases =
      registryEnum<model::LegalBasis>("LegalBasis", "LegalBases", "Legal bases of purposes.");
  return enums;
}

void writeEnumerations(HeaderState &state) {
  for (const EnumInfo *info : state.enums.all())
    writeEnum(state, *info);
}

void writeVocabularyDetails(HeaderState &state) {
  struct Entry {
    const EnumInfo *info;
    VocabularyKind kind;
  };
  const HeaderEnums &enums = state.enums;
  llvm::raw_ostream &out = state.out;
  for (Entry entry : {Entry{&enums.categories, VocabularyKind::Category},
                      Entry{&enums.sources, VocabularyKind::Source},
                      Entry{&enums.purposes, VocabularyKind::Purpose},
                      Entry{&enums.recipients, VocabularyKind::Recipient}}) {
    const EnumInfo &info = *entry.info;
    const model::Vocabulary &vocabulary = state.model.vocabulary(entry.kind);
    std::vector<uint64_t> parents, lasts, flags;
    for (NodeId id = 0; id < vocabulary.size(); ++id) {
      const model::VocabularyNode &node = vocabulary[id];
      parents.push_back(node.parent == model::kNoNode ? id : node.parent);
      lasts.push_back(node.last);
      flags.push_back(node.flags);
    }
    const std::string &type = info.type;
    unsigned width = packedWidth(vocabulary.size());
    out << "\nnamespace detail {\n";
    writePackedTable(out, "k" + type + "Parent", parents,
                     "The parent of each node; a top-level node is its own parent.", width);
    writePackedTable(out, "k" + type + "Last", lasts,
                     "The last node of each subtree: the subtree of n is [n, last].", width);
    writePackedTable(out, "k" + type + "Flags", flags,
                     "Inherited attributes (policyc::detail::Flag).");
    out << "inline constexpr ::policyc::detail::TreeTable<" << width << "> k" << type << "Tree{k"
        << type << "Parent, k" << type << "Last, k" << type << "Flags, " << info.count() << "};\n"
        << "} // namespace detail\n\n";
    std::string tree = "detail::k" + type + "Tree";
    out << "/// The node above `value`, or nothing for a top-level node.\n"
        << "constexpr std::optional<" << type << "> parent(" << type << " value) noexcept {\n"
        << "  return ::policyc::detail::parent_of(" << tree << ", value);\n}\n"
        << "/// True when `value` is `ancestor` or inside its subtree, as a statement naming\n"
        << "/// `ancestor` covers it.\n"
        << "constexpr bool within(" << type << " value, " << type << " ancestor) noexcept {\n"
        << "  return ::policyc::detail::is_within(" << tree << ", value, ancestor);\n}\n";
    auto flagFunction = [&](llvm::StringRef name, llvm::StringRef flag) {
      out << "constexpr bool " << name << "(" << type << " value) noexcept {\n"
          << "  return ::policyc::detail::has_flag(" << tree
          << ", value, ::policyc::detail::" << flag << ");\n}\n";
    };
    switch (entry.kind) {
    case VocabularyKind::Category:
      flagFunction("is_sensitive", "sensitive");
      flagFunction("is_anonymous", "anonymous");
      flagFunction("is_tracking", "tracking");
      break;
    case VocabularyKind::Source:
      flagFunction("is_anonymous", "anonymous");
      flagFunction("is_tracking", "tracking");
      break;
    case VocabularyKind::Recipient:
      flagFunction("is_abroad", "abroad");
      writeOptionalAttribute(state, info, vocabulary, enums.recipientKinds, "kind",
                             "kRecipientKind", [](const model::VocabularyNode &node) {
                               return node.recipientKind
                                          ? std::optional<size_t>(
                                                static_cast<size_t>(*node.recipientKind))
                                          : std::nullopt;
                             });
      break;
    case VocabularyKind::Purpose:
      flagFunction("is_marketing", "marketing");
      writeOptionalAttribute(state, info, vocabulary, enums.bases, "basis", "kPurposeBasis",
                             [](const model::VocabularyNode &node) {
                               return node.basis
                                          ? std::optional<size_t>(static_cast<size_t>(*node.basis))
                                          : std::nullopt;
                             });
      break;
    }
  }
}

void writeConsents(HeaderState &state) {
  llvm::raw_ostream &out = state.out;
  out << "\n/// The consents a data subject has granted.\n"
      << "using Consents = ::policyc::ConsentSet<Consent, kConsentCount>;\n\n";
  std::vector<uint64_t> optIn;
  for (const model::Consent &consent : state.model.consents)
    optIn.push_back(consent.optIn ? 1 : 0);
  out << "namespace detail {\n";
  writePackedTable(out, "kConsentOptIn", optIn, "1 for opt-in consents, 0 for opt-out ones.");
  out << "inline constexpr Consents kDefaultConsents = Consents::opt_outs(kConsentOptIn);\n"
      << "} // namespace detail\n\n"
      << "/// Opt-in consents start not granted, opt-out ones start granted.\n"
      << "constexpr bool is_opt_in(Consent value) noexcept {\n"
      << "  const std::size_t index = static_cast<std::size_t>(value);\n"
      << "  return ::policyc::detail::in_range(index, kConsentCount) &&\n"
      << "         detail::kConsentOptIn[index] != 0;\n}\n"
      << "constexpr Consents no_consents() noexcept { return Consents(); }\n"
      << "/// Before the data subject chooses: the opt-out consents.\n"
      << "constexpr Consents default_consents() noexcept { return detail::kDefaultConsents; }\n"
      << "/// Every consent granted.\n"
      << "constexpr Consents all_consents() noexcept { return Consents::all(); }\n";
}

} // namespace policyc::gen::cpp
