// The encoding of decision cells (gen/cpp/CellEncoding.h), read back by the runtime's own
// gate_row and chain_row (policyc/decide.hpp): no C++ text is generated or parsed here.
#include "TestSupport.h"

#include "gen/cpp/CellEncoding.h"
#include "gen/cpp/CppGenerator.h"
#include "gen/cpp/HeaderText.h"

#include "policyc/consent_set.hpp"
#include "policyc/decide.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace policyc;
using namespace policyc::gen::cpp;

namespace {

enum class Consent : uint8_t {};
using Consents = ::policyc::ConsentSet<Consent, 200>;

/// The tables and their encoding for `text`.
struct Encoded {
  std::unique_ptr<test::CompiledText> compiled;
  DecisionTables tables;
  CellEncoding encoding;
};

Encoded encode(const std::string &text, unsigned cellBits = 64) {
  Encoded result{test::compileText(text), {}, {}};
  REQUIRE(result.compiled->model);
  TableTooLarge tooLarge;
  auto tables = buildDecisionTables(*result.compiled->model, CppLimits().maxTableEntries, tooLarge);
  REQUIRE(tables);
  auto encoding = encodeCells(*tables, cellBits, tooLarge);
  REQUIRE(encoding);
  result.tables = std::move(*tables);
  result.encoding = std::move(*encoding);
  return result;
}

template <unsigned ConsentBits, unsigned... DecisionBits>
void dispatchDecisionBits(std::integer_sequence<unsigned, DecisionBits...>,
                          const CellEncoding &encoding, uint64_t value, const Consents &granted,
                          size_t &row) {
  auto one = [&](unsigned decisionBits, auto gate) {
    if (encoding.consentBits == ConsentBits && encoding.decisionBits == decisionBits)
      row = gate(value, granted);
  };
  (one(DecisionBits, ::policyc::detail::gate_row<ConsentBits, DecisionBits, Consents>), ...);
}

template <unsigned... ConsentBits>
void dispatchGate(std::integer_sequence<unsigned, ConsentBits...>, const CellEncoding &encoding,
                  uint64_t value, const Consents &granted, size_t &row) {
  (dispatchDecisionBits<ConsentBits>(std::make_integer_sequence<unsigned, 9>(), encoding, value,
                                     granted, row),
   ...);
}

/// The row the runtime reads for cell `cell` under `granted`, through the encoding and the
/// packed chain table a header would hold.
size_t rowOf(const CellEncoding &encoding, uint64_t value, const Consents &granted) {
  if (!encoding.isGate(value)) {
    unsigned width = packedWidth(*std::max_element(encoding.chains.begin(), encoding.chains.end()));
    std::string bytes = packBytes(encoding.chains, width);
    REQUIRE(bytes.size() <= kChunkBytes);
    const char *chunks[] = {bytes.data()};
    uint64_t offset = value - encoding.chainCell;
    switch (width) {
    case 1:
      return ::policyc::detail::chain_row(::policyc::detail::PackedTable<1>{chunks, 0}, offset,
                                          granted);
    case 2:
      return ::policyc::detail::chain_row(::policyc::detail::PackedTable<2>{chunks, 0}, offset,
                                          granted);
    default:
      FAIL("unexpected chain width " << width);
    }
  }
  // The template arguments are a header's constants: instantiate every width a small
  // policy can have and pick the one the encoding chose.
  size_t row = SIZE_MAX;
  dispatchGate(std::make_integer_sequence<unsigned, 4>(), encoding, value, granted, row);
  if (row == SIZE_MAX)
    FAIL("no instance for " << encoding.consentBits << " consent bits and " << encoding.decisionBits
                            << " decision bits");
  return row;
}

Consents grant(std::initializer_list<unsigned> consents) {
  Consents granted;
  for (unsigned consent : consents)
    granted.grant(static_cast<Consent>(consent));
  return granted;
}

/// The rows of a cell under every subset of the first `consents` consents, as the model's
/// Cell says (the decision procedure of docs/semantics.md, steps 1 to 3).
size_t expectedRow(const Encoded &encoded, const Cell &cell, const Consents &granted) {
  auto rowFor = [&](bool allowed, ::policyc::Reason reason, const model::Rule *rule) {
    const std::vector<DecisionRow> &rows = encoded.encoding.decisions;
    for (size_t i = 0; i < rows.size(); ++i)
      if (rows[i].allowed == allowed && rows[i].reason == reason &&
          rows[i].statement == (rule ? &rule->info : nullptr))
        return i;
    FAIL("no decision row for the cell");
    return size_t{0};
  };
  if (cell.prohibition)
    return rowFor(false, ::policyc::Reason::prohibited, cell.prohibition);
  if (cell.permits.empty())
    return 0;
  for (const PermitStep &step : cell.permits) {
    bool all = true;
    for (model::ConsentId consent : step.consents)
      all = all && granted.has(static_cast<Consent>(consent));
    if (all)
      return rowFor(true, ::policyc::Reason::permitted, step.rule);
  }
  return rowFor(false, ::policyc::Reason::consent_missing, cell.permits.front().rule);
}

void checkEveryCell(const Encoded &encoded, unsigned consents) {
  for (size_t i = 0; i < encoded.tables.cells.size(); ++i)
    for (unsigned subset = 0; subset < (1u << consents); ++subset) {
      Consents granted;
      for (unsigned k = 0; k < consents; ++k)
        if (subset & (1u << k))
          granted.grant(static_cast<Consent>(k));
      INFO("cell " << i << ", consents " << subset);
      CHECK(rowOf(encoded.encoding, encoded.encoding.cellValues[i], granted) ==
            expectedRow(encoded, encoded.tables.cells[i], granted));
    }
}

const char *const kConsents = "consent k0 opt_in { withdraw via link; }\n"
                              "consent k1 opt_in { withdraw via link; }\n"
                              "consent k2 opt_out { withdraw via link; }\n";

} // namespace

TEST_CASE("bit helpers", "[gen][cpp][encoding]") {
  CHECK(bitsFor(0) == 0);
  CHECK(bitsFor(1) == 1);
  CHECK(bitsFor(255) == 8);
  CHECK(bitsFor(256) == 9);
  CHECK(powerOfTwoAtLeast(0) == 1);
  CHECK(powerOfTwoAtLeast(5) == 8);
  CHECK(powerOfTwoAtLeast(8) == 8);
}

TEST_CASE("cells without consents are gates that pick the same row twice", "[gen][cpp][encoding]") {
  Encoded encoded = encode("category a;\ncategory b;\nsource s;\npurpose p;\n"
                           "use a for p;\nnever use b for p;\n");
  const CellEncoding &encoding = encoded.encoding;
  CHECK(encoding.chainCell == 0);
  CHECK(encoding.chains.empty());
  CHECK(encoding.consentBits == 0);
  // Default deny, the permit and the prohibition: 2 bits, rounded to a power of two.
  REQUIRE(encoding.decisions.size() == 3);
  CHECK(encoding.decisionBits == 2);
  CHECK(encoding.decisions[0].reason == ::policyc::Reason::no_statement);
  for (uint64_t value : encoding.cellValues) {
    CHECK(encoding.isGate(value));
    CHECK((value & 3) == ((value >> 2) & 3));
  }
  checkEveryCell(encoded, 0);
}

TEST_CASE("one consent test is a gate: consent, row without, row with", "[gen][cpp][encoding]") {
  Encoded encoded = encode(std::string("category a;\nsource s;\npurpose p;\n") + kConsents +
                           "use a for p when consent k2;\n");
  const CellEncoding &encoding = encoded.encoding;
  CHECK(encoding.chainCell == 0);
  CHECK(encoding.consentBits == 2); // consent 2 is tested
  bool found = false;
  for (uint64_t value : encoding.cellValues) {
    if ((value & 3) != 2)
      continue;
    found = true;
    unsigned bits = encoding.decisionBits;
    uint64_t mask = (uint64_t{1} << bits) - 1;
    uint64_t without = (value >> 2) & mask, with = (value >> (2 + bits)) & mask;
    CHECK(encoding.decisions[without].reason == ::policyc::Reason::consent_missing);
    CHECK(encoding.decisions[with].reason == ::policyc::Reason::permitted);
  }
  CHECK(found);
  checkEveryCell(encoded, 3);
}

TEST_CASE("longer chains are data the runtime loop reads, in load order", "[gen][cpp][encoding]") {
  Encoded encoded = encode(std::string("category a { b; }\nsource s;\npurpose p;\n") + kConsents +
                           "use a for p when consent k0, k1;\n"
                           "use a.b for p when consent k2;\n"
                           "use a.b for p when consent k1;\n"
                           "use a for p;\n");
  const CellEncoding &encoding = encoded.encoding;
  REQUIRE(encoding.chainCell != 0);
  // Chains start at a power of two above every gate.
  CHECK((encoding.chainCell & (encoding.chainCell - 1)) == 0);
  size_t chains = 0;
  for (uint64_t value : encoding.cellValues)
    if (!encoding.isGate(value)) {
      ++chains;
      uint64_t offset = value - encoding.chainCell;
      REQUIRE(offset < encoding.chains.size());
    }
  CHECK(chains == 2); // a and a.b
  // The cell of a.b: three conditional permits, then the unconditional one ends the chain.
  CHECK(std::find(encoding.chains.begin(), encoding.chains.end(), 3) != encoding.chains.end());
  checkEveryCell(encoded, 3);
  // a.b with only k1: the third statement decides.
  Consents onlyK1 = grant({1});
  bool checked = false;
  for (size_t i = 0; i < encoded.tables.cells.size(); ++i)
    if (encoded.tables.cells[i].permits.size() == 4) {
      size_t row = rowOf(encoding, encoding.cellValues[i], onlyK1);
      CHECK(encoding.decisions[row].statement->id == 3);
      checked = true;
    }
  CHECK(checked);
}

TEST_CASE("chain offsets widen the cell, not the gates' rows", "[gen][cpp][encoding]") {
  std::string text = "category a;\nsource s;\npurpose p;\n";
  text += kConsents;
  for (int i = 0; i < 20; ++i)
    text += "category c" + std::to_string(i) + ";\nuse c" + std::to_string(i) +
            " for p when consent k" + std::to_string(i % 2) + ", k2;\n";
  Encoded encoded = encode(text);
  const CellEncoding &encoding = encoded.encoding;
  REQUIRE(encoding.chainCell != 0);
  CHECK(encoding.largestValue() >= encoding.chainCell);
  CHECK(encoding.largestValue() < 2 * encoding.chainCell);
  checkEveryCell(encoded, 3);
}

TEST_CASE("rows that do not fit a cell are refused", "[gen][cpp][encoding]") {
  auto compiled = test::compileText("category a;\ncategory b;\ncategory c;\nsource s;\n"
                                    "purpose p;\nuse a for p;\nuse b for p;\nuse c for p;\n");
  REQUIRE(compiled->model);
  TableTooLarge tooLarge;
  auto tables = buildDecisionTables(*compiled->model, CppLimits().maxTableEntries, tooLarge);
  REQUIRE(tables);
  CHECK_FALSE(encodeCells(*tables, 3, tooLarge));
  CHECK(tooLarge.table == "decision");
  CHECK(tooLarge.entries == 4);
  CHECK(tooLarge.limit == 2);
  CHECK(encodeCells(*tables, 4, tooLarge));
}
