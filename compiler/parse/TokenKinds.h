// Token types of the grammar, shared by the hand-written lexer, the statement splitter and
// the error messages. Private to compiler/parse: only this stage sees generated ANTLR code.
#ifndef POLICYC_PARSE_TOKENKINDS_H
#define POLICYC_PARSE_TOKENKINDS_H

#include "PolicyLexer.h"

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <string>

namespace policyc::parse {

using TokenKind = grammar::PolicyLexer;

/// The keyword token type for `text`, or IDENT when `text` is not a keyword.
size_t keywordOrIdentifier(llvm::StringRef text);

/// Keywords that begin a declaration or statement. They are reserved: the statement splitter
/// starts a new statement at one when the previous statement lacks its ';' or '}'.
bool isStatementKeyword(size_t type);

/// Any keyword, reserved or contextual.
bool isKeyword(size_t type);

/// Keywords the grammar also accepts as names (rule `name`).
bool isContextualKeyword(size_t type);

/// How a token type is named in "expected ..." messages: "';'", "'from'", "a name".
std::string describeTokenType(size_t type);

} // namespace policyc::parse

#endif
