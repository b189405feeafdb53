// The error strategy of the second (LL) parse: it records the first syntax error of an item
// with the tokens the grammar expected there, then stops the item. Messages are made from
// the record by SyntaxErrors.cpp; ANTLR's own messages are never shown.
#ifndef POLICYC_PARSE_SYNTAXERRORSTRATEGY_H
#define POLICYC_PARSE_SYNTAXERRORSTRATEGY_H

#include "antlr4-runtime.h"

#include <optional>

namespace policyc::parse {

struct SyntaxErrorRecord {
  size_t offendingIndex;              ///< token index in the item's stream
  antlr4::misc::IntervalSet expected; ///< token types that would have been accepted
};

class SyntaxErrorStrategy final : public antlr4::DefaultErrorStrategy {
public:
  void reset(antlr4::Parser *recognizer) override;
  void reportError(antlr4::Parser *recognizer, const antlr4::RecognitionException &e) override;
  void recover(antlr4::Parser *recognizer, std::exception_ptr e) override;
  antlr4::Token *recoverInline(antlr4::Parser *recognizer) override;

  const std::optional<SyntaxErrorRecord> &error() const { return record; }

protected:
  void reportUnwantedToken(antlr4::Parser *recognizer) override;
  void reportMissingToken(antlr4::Parser *recognizer) override;

private:
  [[noreturn]] void recordAndStop(antlr4::Token *offending, antlr4::misc::IntervalSet expected);

  std::optional<SyntaxErrorRecord> record;
};

} // namespace policyc::parse

#endif
