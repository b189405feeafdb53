// The decision tables of a generated header and the functions that read them: decide,
// decide_tuple and may_collect, may_use, may_disclose, may_link. The cells come encoded
// (CellEncoding.h); the gate and chain readers are the runtime's (policyc/decide.hpp).
#include "gen/cpp/CppNames.h"
#include "gen/cpp/HeaderParts.h"

#include <map>

namespace policyc::gen::cpp {

namespace {

llvm::StringRef reasonEnumerator(::policyc::Reason reason) {
  switch (reason) {
#define POLICYC_REASON_SPELLING(name, text)                                                        \
  case ::policyc::Reason::name:                                                                    \
    return #name;
    POLICYC_REASONS(POLICYC_REASON_SPELLING)
#undef POLICYC_REASON_SPELLING
  }
  return "no_statement";
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

template <typename Values> std::vector<uint64_t> widen(const Values &values) {
  return std::vector<uint64_t>(values.begin(), values.end());
}

class DecisionWriter {
public:
  explicit DecisionWriter(HeaderState &state)
      : state(state), out(state.out), model(state.model), tables(state.tables),
        encoding(state.encoding) {}

  void write() {
    out << "\nnamespace detail {\n\n";
    writeRows();
    writeClassTables();
    writeCellTables();
    writeDecide();
    writeIndexFunctions();
    out << "} // namespace detail\n";
    writeDecisionFunctions();
  }

private:
  void writeRows() {
    out << "/// Every decision the policy can make; row 0 is default deny.\n"
        << "inline constexpr ::policyc::Decision kDecisions[] = {\n";
    for (const DecisionRow &row : encoding.decisions)
      out << "    {" << (row.allowed ? "true" : "false")
          << ", ::policyc::Reason::" << reasonEnumerator(row.reason) << ", "
          << state.statementFields(row.statement) << "},\n";
    out << "};\n"
        << "inline constexpr std::size_t kDecisionCount = " << encoding.decisions.size() << ";\n\n";
  }

  /// Data classes by (category, source) and action classes by (purpose, recipient): read
  /// straight from a node-pair table when it is small, else through the node classes.
  void writeClassTables() {
    uint64_t dataPairs = uint64_t{model.categories().size()} * model.sources().size();
    uint64_t actionPairs = uint64_t{model.purposes().size()} * model.recipients().size();
    directData = dataPairs <= state.limits.directPairLimit;
    directActions = actionPairs <= state.limits.directPairLimit;
    writeIntegerArray(out, "kPurposeClass", widen(tables.purposes.classOf),
                      "Purpose -> purpose class.");
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
      writeIntegerArray(out, "kCategoryClass", widen(tables.categories.classOf),
                        "Category -> category class (categories no statement tells apart).");
      writeIntegerArray(out, "kSourceClass", widen(tables.sources.classOf),
                        "Source -> source class.");
      out << "inline constexpr std::size_t kSourceClassCount = " << tables.sources.count << ";\n";
      writeStride("kSourceClassStride", "kDataClass", "kSourceClassCount", tables.categories.count,
                  tables.sources.count);
      writePaddedArray("kDataClass", widen(tables.data.classOf), tables.sources.count,
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
      writeIntegerArray(out, "kRecipientClass", widen(tables.recipients.classOf),
                        "Recipient -> recipient class.");
      out << "inline constexpr std::size_t kRecipientClassCount = " << tables.recipients.count
          << ";\n";
      writeStride("kRecipientClassStride", "kActionClass", "kRecipientClassCount",
                  tables.purposes.count, tables.recipients.count);
      writePaddedArray("kActionClass", widen(tables.actions.classOf), tables.recipients.count,
                       "kRecipientClassStride",
                       "[purpose class][recipient class] -> action class.");
    }
  }

  void writeCellTables() {
    auto values = [&](const std::vector<uint32_t> &cells) {
      std::vector<uint64_t> result;
      for (uint32_t cell : cells)
        result.push_back(encoding.cellValues[cell]);
      return result;
    };
    writeStride("kActionClassStride", "kTupleCell", "kActionClassCount", tables.data.count,
                tables.actions.count);
    writePaddedArray("kTupleCell", values(tables.tupleCells), tables.actions.count,
                     "kActionClassStride", "[data class][action class] -> cell (see decide).");
    writeIntegerArray(out, "kCollectCell", values(tables.collectCells),
                      "[data class] -> cell for collecting.");
    writeIntegerArray(out, "kLinkCategoryClass", widen(tables.linkCategories.classOf),
                      "Category -> class among link statements.");
    writeIntegerArray(out, "kLinkSourceClass", widen(tables.linkSources.classOf),
                      "Source -> class among link statements.");
    out << "inline constexpr std::size_t kLinkCategoryClassCount = " << tables.linkCategories.count
        << ";\n"
        << "inline constexpr std::size_t kLinkSourceClassCount = " << tables.linkSources.count
        << ";\n";
    writeIntegerArray(out, "kLinkCell", values(tables.linkCells),
                      "[first class][second class][source class] -> cell.");
  }

  /// The row length of `table` (`rows` rows of `columns` entries): `columns` rounded up to a
  /// power of two, so that the index is a shift, unless that would exceed the table limit.
  void writeStride(llvm::StringRef name, llvm::StringRef table, llvm::StringRef count,
                   uint64_t rows, uint64_t columns) {
    uint64_t stride = powerOfTwoAtLeast(columns);
    if (rows * stride > state.limits.maxTableEntries)
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
    writeIntegerArray(out, name, padRows(values, columns, strides.at(stride.str())), doc);
  }

  void writeDecide() {
    bool chains = encoding.chainCell != 0;
    out << "\n/// " << (chains ? "A cell below kChainCell" : "Every cell")
        << " is a gate (policyc/decide.hpp): the consent it tests in the low\n"
        << "/// kConsentBits, then the kDecisions row without that consent and the row with it,\n"
        << "/// kDecisionBits each.";
    if (chains)
      out << " From kChainCell up, a cell is kChainCell + the offset of a chain\n"
          << "/// of permits in kChains, whose consents are tested in load order.";
    out << "\ninline constexpr unsigned kConsentBits = " << encoding.consentBits << ";\n"
        << "inline constexpr unsigned kDecisionBits = " << encoding.decisionBits << ";\n";
    if (chains) {
      out << "inline constexpr std::uint64_t kChainCell = " << encoding.chainCell << "u;\n";
      writePackedTable(out, "kChains", encoding.chains,
                       "The chains of permits, back to back (policyc::detail::chain_row).");
    }
    out << "\nconstexpr const ::policyc::Decision &decide(std::uint64_t cell, "
        << "const Consents &granted) noexcept {\n";
    if (chains)
      out << "  if (cell >= kChainCell)\n"
          << "    return kDecisions[::policyc::detail::chain_row(kChains, cell - kChainCell, "
             "granted)];\n";
    out << "  return kDecisions[::policyc::detail::gate_row<kConsentBits, kDecisionBits>(cell, "
           "granted)];\n}\n\n";
  }

  void writeIndexFunctions() {
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
        << "                granted);\n}\n\n";
  }

  void writeDecisionFunctions() {
    std::string us = state.enumerator(state.enums.recipients, model.usRecipient);
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
        << "/// May we (" << us << ") use data of `category` from `source` for `purpose`?\n"
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

  HeaderState &state;
  llvm::raw_ostream &out;
  const model::PolicyModel &model;
  const DecisionTables &tables;
  const CellEncoding &encoding;
  bool directData = false;
  bool directActions = false;
  std::map<std::string, uint64_t> strides; ///< by constant name
};

} // namespace

void writeDecisions(HeaderState &state) {
  DecisionWriter(state).write();
}

} // namespace policyc::gen::cpp
