#include "parse/SyntaxErrorStrategy.h"

namespace policyc::parse {

void SyntaxErrorStrategy::reset(antlr4::Parser *recognizer) {
  DefaultErrorStrategy::reset(recognizer);
  record.reset();
}

void SyntaxErrorStrategy::recordAndStop(antlr4::Token *offending,
                                        antlr4::misc::IntervalSet expected) {
  if (!record)
    record = SyntaxErrorRecord{offending ? offending->getTokenIndex() : 0, std::move(expected)};
  throw antlr4::ParseCancellationException("syntax error");
}

void SyntaxErrorStrategy::reportError(antlr4::Parser *, const antlr4::RecognitionException &e) {
  if (!record)
    record = SyntaxErrorRecord{e.getOffendingToken() ? e.getOffendingToken()->getTokenIndex() : 0,
                               e.getExpectedTokens()};
}

void SyntaxErrorStrategy::recover(antlr4::Parser *, std::exception_ptr) {
  throw antlr4::ParseCancellationException("syntax error");
}

antlr4::Token *SyntaxErrorStrategy::recoverInline(antlr4::Parser *recognizer) {
  recordAndStop(recognizer->getCurrentToken(), recognizer->getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser *recognizer) {
  recordAndStop(recognizer->getCurrentToken(), getExpectedTokens(recognizer));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser *recognizer) {
  recordAndStop(recognizer->getCurrentToken(), getExpectedTokens(recognizer));
}

} // namespace policyc::parse
