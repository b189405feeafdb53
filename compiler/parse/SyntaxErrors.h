// Turns a recorded syntax error into a message in words: "expected ';' after the 'collect'
// statement", "expected a name, found ';'", "'for' is a reserved word ...".
#ifndef POLICYC_PARSE_SYNTAXERRORS_H
#define POLICYC_PARSE_SYNTAXERRORS_H

#include "parse/ChunkTokenStream.h"
#include "parse/SyntaxErrorStrategy.h"

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::parse {

void reportSyntaxError(DiagnosticEngine &diags, const ChunkTokenStream &tokens,
                       const SyntaxErrorRecord &error, const char *bufferStart);

} // namespace policyc::parse

#endif
