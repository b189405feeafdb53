// The generated policy text before it is rendered: sections of blocks (paragraphs, lists,
// tables), each block with the statements it was written from and the claims its sentences
// make about data flows. Section builders fill it; the Markdown and HTML renderers read it,
// so both formats always say the same thing; the claims test holds every claim to the
// evaluator (docs/text-generation.md, "Claims").
#ifndef POLICYC_GEN_TEXT_TEXTDOCUMENT_H
#define POLICYC_GEN_TEXT_TEXTDOCUMENT_H

#include "model/Box.h"
#include "model/Effects.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace policyc::gen::text {

/// Where a piece of text comes from: a statement (ids are 1-based) or, with id 0, a field of
/// the policy header or a declaration; and the file and line that wrote it.
struct Trace {
  uint32_t statement = 0;
  std::string file;
  unsigned line = 0;

  // Spelled out, not `<=> = default`: the fuzz build compiles as C++17 (docs/robustness.md).
  auto key() const { return std::tie(statement, file, line); }
  friend bool operator==(const Trace &a, const Trace &b) { return a.key() == b.key(); }
  friend bool operator!=(const Trace &a, const Trace &b) { return a.key() != b.key(); }
  friend bool operator<(const Trace &a, const Trace &b) { return a.key() < b.key(); }
};

/// Adds `trace` (a list may hold a trace twice; sortedTraces drops the repeats).
void addTrace(std::vector<Trace> &traces, const Trace &trace);
void addTraces(std::vector<Trace> &traces, const std::vector<Trace> &more);
/// Traces in citation order, each once: statements by id, then header fields and
/// declarations by place.
std::vector<Trace> sortedTraces(const std::vector<Trace> &traces);

/// A run of text. Text is plain (never markup); renderers escape it.
struct Span {
  enum class Kind : uint8_t {
    Text,
    Strong,
    Link, ///< to `target`, the anchor of a section of the same document
  };
  Kind kind = Kind::Text;
  std::string text;
  std::string target;
};

using Inline = std::vector<Span>;

Inline plainText(std::string text);

/// What a sentence says about data flows, in the evaluator's question space
/// (docs/text-generation.md, "Claims"). The claim speaks of the region `box` minus the
/// `exceptions`, every node of each axis set included, inner nodes too.
struct Claim {
  enum class Polarity : uint8_t {
    Allowed, ///< "we collect / use / disclose / link ..."
    Denied,  ///< "we never ...", "we do not ..."
  };
  enum class Quantifier : uint8_t {
    Every, ///< the sentence holds for every tuple of the region
    Some,  ///< a summary: it holds for at least one tuple of the region
  };
  model::Relation relation = model::Relation::Tuple;
  Polarity polarity = Polarity::Allowed;
  Quantifier quantifier = Quantifier::Every;
  model::Box box;
  /// Allowed claims: the parts the sentence excepts ("except ..."), which it says are denied.
  /// Denied claims: the parts it leaves to other sentences ("except as described below").
  std::vector<model::Box> exceptions;
  /// Allowed claims: the consents under which the sentence says the flow happens (it must
  /// then be allowed with exactly these granted), sorted, each once.
  std::vector<model::ConsentId> consents;
  /// The consents the sentence says the flow needs ("only if you have opted in to K",
  /// "unless you opt out of K"): withdrawing any one of them must deny it. A subset of
  /// `consents`.
  std::vector<model::ConsentId> needed;
  /// The statements the claim rests on: the permit or prohibition, and every prohibition
  /// whose exception it states.
  std::vector<uint32_t> statements;
  /// The sentence (or table entry) that makes the claim, as generated.
  std::string sentence;

  bool allowed() const { return polarity == Polarity::Allowed; }
};

/// A sentence with the claims it makes.
struct Sentence {
  std::string text;
  std::vector<Claim> claims;
};

struct ListItem {
  Inline text;
  std::vector<Trace> traces;
  std::vector<Claim> claims;
};

/// A cell holds one or more entries: HTML lists them, Markdown joins them with semicolons (a
/// Markdown table cell is one line).
using TableCell = std::vector<std::string>;

struct TableRow {
  std::vector<TableCell> cells;
  std::vector<Trace> traces;
  std::vector<Claim> claims; ///< each with the cell entry that makes it as its sentence
};

struct Table {
  std::vector<std::string> header;
  std::vector<TableRow> rows;
};

struct Block {
  enum class Kind : uint8_t {
    Paragraph,
    Subheading, ///< a heading one level below the section's
    List,
    Table,
  };
  Kind kind = Kind::Paragraph;
  Inline text;                 ///< Paragraph, Subheading; for List, the lead-in (may be empty)
  std::vector<ListItem> items; ///< List
  Table table;                 ///< Table
  std::vector<Trace> traces;   ///< every statement the block says something about
  std::vector<Claim> claims;   ///< of the paragraph, or of the list's lead-in

  static Block paragraph(Inline text, std::vector<Trace> traces);
  static Block paragraph(Sentence sentence, std::vector<Trace> traces);
  static Block subheading(std::string text);
};

struct Section {
  std::string id;    ///< the registry word (`collection`), or `glance` for the table
  std::string title; ///< the question the section answers
  std::string anchor;
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::string lastUpdated;    ///< "28 July 2016"; empty when the policy has no effective date
  std::string lastUpdatedIso; ///< "2016-07-28", for machines (HTML <time>)
  Trace lastUpdatedTrace;
  std::string sourcePath; ///< the policy file, for the banner
  /// The option that regenerates this layer ("--layer=short"), for the banner; empty for the
  /// full text, the default.
  std::string layerOption;
  std::vector<Block> introduction; ///< before the contents list, without a heading
  std::vector<Section> sections;   ///< in reading order; each one is in the contents list
};

} // namespace policyc::gen::text

#endif
