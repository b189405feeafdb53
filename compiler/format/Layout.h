// The layout engine of the formatter: a document of text and break opportunities, and a
// printer that fills lines greedily up to a column limit (after Wadler's "prettier printer"
// and Prettier's `fill`, reduced to what the policy language needs).
//
// A document says what may go on one line and where a line may end; the printer decides.
// There is one kind of optional break: between the parts of a Fill. The printer keeps a part
// on the current line when the part fits there whole (measured up to its first forced line
// end) and the part before it did not end on a later line than it started; otherwise the part
// starts a new line at the Fill's indentation. Everything else is fixed: spaces, forced line
// ends, indentation. The result depends only on the document, so printing the same document
// twice gives the same text, and a document built from the printed text again is the same.
#ifndef POLICYC_FORMAT_LAYOUT_H
#define POLICYC_FORMAT_LAYOUT_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace policyc::format {

class Doc {
public:
  enum class Kind : uint8_t {
    Text,       ///< text that counts towards the line width
    Comment,    ///< text that does not (a comment at the end of a line may run past the limit)
    Space,      ///< one space, unless a line starts here
    HardLine,   ///< a line end
    FreshLine,  ///< a line end unless the line is still empty
    ForceBreak, ///< the next text starts a new line (after a `//` comment)
    Nest,       ///< the child, with new lines indented `indent` columns further
    Align,      ///< the child, with new lines indented to the column where it starts
    Concat,     ///< the children one after the other
    Fill,       ///< the children separated by a space or a line end, as fits
  };

  static Doc text(llvm::StringRef text) { return Doc(Kind::Text, text); }
  static Doc comment(llvm::StringRef text) { return Doc(Kind::Comment, text); }
  static Doc space() { return Doc(Kind::Space); }
  static Doc hardLine() { return Doc(Kind::HardLine); }
  static Doc freshLine() { return Doc(Kind::FreshLine); }
  static Doc forceBreak() { return Doc(Kind::ForceBreak); }
  static Doc nest(unsigned indent, Doc child);
  static Doc align(Doc child);
  static Doc concat(std::vector<Doc> children = {});
  static Doc fill(std::vector<Doc> parts);

  Kind kind() const { return docKind; }
  llvm::StringRef getText() const { return textValue; }
  unsigned getIndent() const { return indentValue; }
  const std::vector<Doc> &getChildren() const { return children; }

  /// Appends to a Concat or Fill.
  void append(Doc child) { children.push_back(std::move(child)); }
  bool empty() const { return docKind == Kind::Concat && children.empty(); }

private:
  explicit Doc(Kind kind, llvm::StringRef text = {}) : docKind(kind), textValue(text) {}

  Kind docKind;
  unsigned indentValue = 0;
  llvm::StringRef textValue; ///< points into the formatted file's buffer or a literal
  std::vector<Doc> children;
};

/// Prints documents into one text. Lines never end in spaces; a `\r\n` or lone `\r` in a
/// text (a block comment) becomes `\n`.
class LayoutPrinter {
public:
  explicit LayoutPrinter(unsigned columnLimit) : columnLimit(columnLimit) {}

  /// Prints `doc` at the current position; `indent` is where new lines start.
  void print(const Doc &doc, unsigned indent = 0);
  /// Ends the line (and, with `blank`, leaves one empty line) unless nothing was printed yet.
  void lineBreak(bool blank = false);
  /// The text so far, ending in one line end when anything was printed.
  std::string finish();

  /// Width in columns (code points) of `text` up to its first line end.
  static unsigned widthOf(llvm::StringRef text);

private:
  /// How wide `doc` is on one line, up to its first forced line end; stops counting beyond
  /// `limit`. Sets `ends` when a forced line end was reached.
  static unsigned measure(const Doc &doc, unsigned limit, bool &ends);
  static unsigned measureInto(const Doc &doc, unsigned width, unsigned limit, bool &ends);

  void newLine(unsigned indent);
  void emit(llvm::StringRef text, unsigned indent, bool isWord = false);
  void fill(const Doc &doc, unsigned indent);

  unsigned columnLimit;
  std::string out;
  unsigned column = 0;
  bool atLineStart = true;  ///< nothing but indentation on the current line yet
  bool pendingLine = false; ///< a ForceBreak waits for the next text
  uint64_t lines = 0;       ///< line ends printed, to see whether a part spanned lines
  static constexpr uint64_t kNoLine = UINT64_MAX;
  /// For each Fill part being printed, the line of its first word (kNoLine until printed).
  std::vector<uint64_t *> firstWordLines;
};

} // namespace policyc::format

#endif
