// One standalone HTML5 file: semantic elements and landmarks that read well with CSS and
// script off, inline CSS for screen, phones and print, no script. Every element written from
// statements carries data-statements (their ids) and data-source (file:line of each); every
// section and every statement has a stable anchor (docs/text-generation.md, "Anchors").
#include "gen/text/Escaping.h"
#include "gen/text/Renderers.h"
#include "gen/text/WebLinks.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

namespace policyc::gen::text {

namespace {
constexpr const char *kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 17px/1.6 Georgia, "Times New Roman", Times, serif; }
.page { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 .8rem; padding-top: .8rem;
  border-top: 1px solid #d6d6d6; }
h3 { font-size: 1.12rem; margin: 1.6rem 0 .5rem; }
p, li { margin: 0 0 .8rem; }
.updated { color: #555; font-style: italic; }
nav ol { padding-left: 1.6rem; }
nav li { margin: 0 0 .25rem; }
a { color: #0b57a4; }
.skip { position: absolute; left: -100vw; top: 0; }
.skip:focus { left: 1rem; top: 1rem; padding: .3rem .6rem; background: #fff;
  outline: 2px solid #0b57a4; }
:has(> .anchor:target) { background: #fff4c2; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid #d6d6d6;
  font-size: .9rem; }
.table { margin: 1rem 0; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; line-height: 1.45; }
th, td { border: 1px solid #c9c9c9; padding: .45rem .55rem; text-align: left;
  vertical-align: top; }
td ul { margin: 0; padding-left: 1rem; }
td li { margin: 0 0 .35rem; }
thead th { background: #f1f1f1; }
tbody th { font-weight: 600; }
@media (min-width: 56rem) {
  .table { --wide: min(calc(100vw - 3rem), 68rem); width: var(--wide);
    margin: 1rem calc((100% - var(--wide)) / 2); }
}
@media (max-width: 40rem) {
  body { font-size: 16px; }
  .page { padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.7rem; }
  h2 { font-size: 1.25rem; }
}
@media (max-width: 55.99rem) {
  .table table, .table thead, .table tbody, .table tr, .table th, .table td {
    display: block; }
  .table thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .table tr { border: 1px solid #c9c9c9; margin: 0 0 1rem; }
  .table th, .table td { border: none; }
  .table td { border-top: 1px solid #e3e3e3; }
  .table tbody th { background: #f1f1f1; font-size: 1rem; }
  .table td::before { content: attr(data-label); display: block; font-weight: 600;
    font-size: .8rem; color: #555; }
}
@media print {
  body { font-size: 11pt; color: #000; }
  .page { max-width: none; padding: 0; }
  .skip, nav, footer { display: none; }
  *, *::before, *::after { background: none !important; }
  h2 { border-top: none; break-after: avoid; }
  h3 { break-after: avoid; }
  p, li, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { width: auto; margin: 1rem 0; overflow: visible; }
  table { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
  th, td { border-color: #777; }
}
)css";

/// Which element holds the anchor `s-N` of each statement: the first that cites it in
/// reading order, the at-a-glance table last (a statement's own sentence says more than a
/// table entry), and in a list the items before the lead-in that sums them up.
class StatementAnchors {
public:
  void visit(const std::vector<Block> &blocks) {
    for (const Block &block : blocks) {
      if (block.kind == Block::Kind::Table) {
        for (const TableRow &row : block.table.rows)
          claim(&row, row.traces);
        continue;
      }
      if (block.kind == Block::Kind::Subheading)
        continue; // a heading cites nothing
      for (const ListItem &item : block.items)
        claim(&item, item.traces);
      claim(&block, block.traces);
    }
  }

  void visit(const std::vector<Section> &sections) {
    for (const Section &section : sections)
      if (section.id != "glance")
        visit(section.blocks);
    for (const Section &section : sections)
      if (section.id == "glance")
        visit(section.blocks);
  }

  /// The statements whose anchor `element` holds, by id.
  const std::vector<uint32_t> &heldBy(const void *element) const {
    static const std::vector<uint32_t> kNone;
    auto found = held.find(element);
    return found == held.end() ? kNone : found->second;
  }

private:
  void claim(const void *element, const std::vector<Trace> &traces) {
    for (const Trace &trace : sortedTraces(traces))
      if (trace.statement && placed.insert(trace.statement).second)
        held[element].push_back(trace.statement);
  }

  std::set<uint32_t> placed;
  std::map<const void *, std::vector<uint32_t>> held;
};

/// The author's CSS (--css) as it can stand inside <style>: `<` written as the CSS escape
/// `\3C `, so that no `</style>` or `<!--` can end the element or start markup; control
/// characters other than line breaks and tabs as spaces; invalid UTF-8 as U+FFFD.
std::string authorStyle(llvm::StringRef css) {
  std::string result;
  const auto *bytes = reinterpret_cast<const llvm::UTF8 *>(css.data());
  for (size_t i = 0; i < css.size();) {
    char c = css[i];
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      unsigned length = llvm::getNumBytesForUTF8(bytes[i]);
      if (i + length <= css.size() && llvm::isLegalUTF8Sequence(bytes + i, bytes + i + length)) {
        result.append(css.data() + i, length);
        i += length;
      } else {
        result += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
        ++i;
      }
      continue;
    }
    if (c == '<')
      result += "\\3C ";
    else if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f)
      result += ' ';
    else
      result += c;
    ++i;
  }
  return result;
}

class HtmlWriter {
public:
  HtmlWriter(llvm::raw_ostream &out, const StatementAnchors &anchors)
      : out(out), anchors(anchors) {}

  void document(const Document &document, llvm::StringRef authorCss) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"generator\" content=\"policyc\">\n"
        << "<title>" << text(document.title) << "</title>\n"
        << "<style>" << kStyle;
    if (!authorCss.empty()) {
      // After ours, so that the author's rules win at equal specificity.
      std::string css = authorStyle(authorCss);
      out << css << (llvm::StringRef(css).endswith("\n") ? "" : "\n");
    }
    out << "</style>\n</head>\n<body>\n"
        << "<!-- Generated by policyc from " << escapeHtml(commentText(document.sourcePath))
        << ". Do not edit: change the policy and run policyc gen text --format=html"
        << (document.layerOption.empty() ? "" : " " + document.layerOption) << ". -->\n"
        << "<a class=\"skip\" href=\"#main\">Skip to the policy</a>\n"
        << "<div class=\"page\">\n<header id=\"top\">\n<h1>" << text(document.title) << "</h1>\n";
    if (!document.lastUpdated.empty())
      out << "<p class=\"updated\"" << attributes({document.lastUpdatedTrace})
          << ">Last updated <time datetime=\"" << escapeHtml(document.lastUpdatedIso) << "\">"
          << text(document.lastUpdated) << "</time></p>\n";
    out << "</header>\n<main id=\"main\">\n";
    blocks(document.introduction);
    if (!document.sections.empty()) {
      out << "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n";
      for (const Section &section : document.sections)
        out << "<li><a href=\"#" << escapeHtml(section.id) << "\">" << text(section.title)
            << "</a></li>\n";
      out << "</ol>\n</nav>\n";
    }
    for (const Section &section : document.sections)
      this->section(section);
    out << "</main>\n<footer>\n<a href=\"#top\">Back to the top</a>\n</footer>\n</div>\n"
        << "</body>\n</html>\n";
  }

  /// The section's id is its note section's name (`retention`), a stable link target; its
  /// heading keeps the anchor of the title (as in the Markdown), so both kinds of link work.
  /// ("Children" has the same for both.)
  void section(const Section &section) {
    out << "<section id=\"" << escapeHtml(section.id) << "\" data-section=\""
        << escapeHtml(section.id) << "\">\n<h2";
    if (section.anchor != section.id)
      out << " id=\"" << escapeHtml(section.anchor) << "\"";
    out << ">" << text(section.title) << "</h2>\n";
    sectionTitle = section.title;
    blocks(section.blocks);
    out << "</section>\n";
  }

private:
  static std::string text(llvm::StringRef value) { return escapeHtml(cleanText(value)); }

  /// Text from the policy with its web and e-mail addresses as links. A long address may
  /// wrap after `/`, `.`, `?`, `#` or `=` (<wbr>), so that it fits a phone's width without a
  /// word being broken inside.
  static std::string linkedText(llvm::StringRef value) {
    std::string result;
    for (const TextPiece &piece : findWebLinks(cleanText(value))) {
      if (!piece.isLink()) {
        result += escapeHtml(piece.text);
        continue;
      }
      result += "<a href=\"" + escapeHtml(piece.href) + "\">";
      llvm::StringRef address(piece.text);
      for (size_t i = 0; i < address.size(); ++i) {
        result += escapeHtml(address.substr(i, 1));
        if (i + 1 < address.size() && llvm::StringRef("/.?#=").contains(address[i]) &&
            address[i + 1] != '/')
          result += "<wbr>";
      }
      result += "</a>";
    }
    return result;
  }

  static std::string attributes(const std::vector<Trace> &traces) {
    if (traces.empty())
      return std::string();
    std::string ids;
    std::string places;
    for (const Trace &trace : sortedTraces(traces)) {
      if (trace.statement) {
        if (!ids.empty())
          ids += ' ';
        ids += std::to_string(trace.statement);
      }
      if (!places.empty())
        places += ' ';
      places += trace.file + ":" + std::to_string(trace.line);
    }
    std::string result;
    if (!ids.empty())
      result += " data-statements=\"" + ids + "\"";
    result += " data-source=\"" + escapeHtml(cleanText(places)) + "\"";
    return result;
  }

  /// The empty anchors `s-N` of the statements `element` holds (StatementAnchors), written
  /// first inside it: one element may hold several, and an element has one id.
  std::string statementAnchors(const void *element) const {
    std::string result;
    for (uint32_t statement : anchors.heldBy(element))
      result += "<span class=\"anchor\" id=\"s-" + std::to_string(statement) + "\"></span>";
    return result;
  }

  static std::string inlineText(const Inline &spans) {
    std::string result;
    for (const Span &span : spans) {
      switch (span.kind) {
      case Span::Kind::Text:
        result += linkedText(span.text);
        break;
      case Span::Kind::Strong:
        result += "<strong>" + linkedText(span.text) + "</strong>";
        break;
      case Span::Kind::Link:
        result += "<a href=\"#" + escapeHtml(span.target) + "\">" + text(span.text) + "</a>";
        break;
      }
    }
    return result;
  }

  void blocks(const std::vector<Block> &blocks) {
    for (const Block &block : blocks)
      this->block(block);
  }

  void block(const Block &block) {
    switch (block.kind) {
    case Block::Kind::Paragraph:
      out << "<p" << attributes(block.traces) << ">" << statementAnchors(&block)
          << inlineText(block.text) << "</p>\n";
      return;
    case Block::Kind::Subheading:
      out << "<h3>" << inlineText(block.text) << "</h3>\n";
      return;
    case Block::Kind::List:
      if (!block.text.empty())
        out << "<p" << attributes(block.traces) << ">" << statementAnchors(&block)
            << inlineText(block.text) << "</p>\n";
      out << "<ul>\n";
      for (size_t i = 0; i < block.items.size(); ++i) {
        const ListItem &item = block.items[i];
        out << "<li" << attributes(item.traces) << ">" << statementAnchors(&item);
        // A list without a lead-in holds the anchors its lead-in would.
        if (i == 0 && block.text.empty())
          out << statementAnchors(&block);
        out << inlineText(item.text) << "</li>\n";
      }
      out << "</ul>\n";
      return;
    case Block::Kind::Table:
      table(block.table);
      return;
    }
  }

  /// A table that reads as stacked cards on a narrow screen: each data cell carries its
  /// column's heading in data-label, which the phone layout shows above the cell.
  /// The table's box scrolls sideways only when a policy's words cannot fit a wide window
  /// (none of ours: tests/text/browser_check.py); it is then a named region that the keyboard
  /// can scroll.
  void table(const Table &table) {
    out << "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"" << text(sectionTitle)
        << "\">\n<table>\n<thead>\n<tr>";
    for (const std::string &heading : table.header)
      out << "<th scope=\"col\">" << text(heading) << "</th>";
    out << "</tr>\n</thead>\n<tbody>\n";
    for (const TableRow &row : table.rows) {
      out << "<tr" << attributes(row.traces) << ">";
      for (size_t i = 0; i < row.cells.size(); ++i) {
        if (i == 0)
          out << "<th scope=\"row\">" << statementAnchors(&row);
        else if (i < table.header.size())
          out << "<td data-label=\"" << text(table.header[i]) << "\">";
        else
          out << "<td>";
        const TableCell &cell = row.cells[i];
        if (cell.size() == 1) {
          out << linkedText(cell.front());
        } else {
          out << "<ul>";
          for (const std::string &entry : cell)
            out << "<li>" << linkedText(entry) << "</li>";
          out << "</ul>";
        }
        out << "</" << (i == 0 ? "th" : "td") << ">";
      }
      out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n</div>\n";
  }

  llvm::raw_ostream &out;
  const StatementAnchors &anchors;
  std::string sectionTitle; ///< of the section being written, which names its table
};
} // namespace

void renderHtml(const Document &document, llvm::raw_ostream &out, llvm::StringRef authorCss) {
  StatementAnchors anchors;
  anchors.visit(document.introduction);
  anchors.visit(document.sections);
  HtmlWriter(out, anchors).document(document, authorCss);
}

void renderHtmlSection(const Section &section, llvm::raw_ostream &out) {
  StatementAnchors anchors;
  anchors.visit(section.blocks);
  HtmlWriter(out, anchors).section(section);
}

} // namespace policyc::gen::text
