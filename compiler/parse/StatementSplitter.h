// Cuts the token stream of a file into top-level items (declarations and statements), and
// reports lexical errors. The parser then sees one item at a time, which
//  - keeps parser memory bounded by the longest statement, not the file;
//  - gives error recovery at statement boundaries: a missing ';' or '}' is detected when a
//    reserved statement keyword appears where a statement could end, so one mistake gives
//    one error and the next statement is still checked;
//  - bounds nesting depth before the (recursive) parser sees it.
#ifndef POLICYC_PARSE_STATEMENTSPLITTER_H
#define POLICYC_PARSE_STATEMENTSPLITTER_H

#include "parse/Lexer.h"
#include "parse/Parser.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <vector>

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::parse {

struct Chunk {
  std::vector<LexToken> tokens;
  /// Where the item ends: past its ';' or '}', or where the next item starts, or file end.
  uint32_t endOffset = 0;
  /// A lexical error inside the item was reported already; the item is not parsed.
  bool hasError = false;
};

class StatementSplitter {
public:
  StatementSplitter(llvm::StringRef text, DiagnosticEngine &diags, ParseLimits limits = {});

  /// Fills `chunk` with the next item; false at the end of the file.
  bool next(Chunk &chunk);

private:
  LexToken take();
  /// The token `n` (0 or 1) places ahead, without taking it.
  const LexToken &peek(unsigned n = 0);
  void reportErrorToken(const LexToken &token, Chunk &chunk);
  void skipToItemEnd(unsigned depth);
  bool continuesExpectation(const Chunk &chunk, const LexToken &upcoming) const;
  llvm::SMRange rangeOf(uint32_t begin, uint32_t end) const;

  llvm::StringRef text;
  DiagnosticEngine &diags;
  ParseLimits limits;
  Lexer lexer;
  LexToken buffered[2];
  unsigned bufferedCount = 0;
};

} // namespace policyc::parse

#endif
