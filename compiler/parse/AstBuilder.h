// Builds AST items from the labelled contexts of one parsed item. The parser runs with parse
// tree building off, so only labelled fields are read, never children lists; path lists, which
// the grammar keeps flat, are read from their tokens.
#ifndef POLICYC_PARSE_ASTBUILDER_H
#define POLICYC_PARSE_ASTBUILDER_H

#include "ast/AST.h"
#include "parse/ChunkTokenStream.h"

#include "PolicyParser.h"

#include <memory>

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::parse {

class AstBuilder {
public:
  /// `tokens` is the stream the items to build were parsed from.
  AstBuilder(const char *bufferStart, const ChunkTokenStream &tokens, DiagnosticEngine &diags)
      : bufferStart(bufferStart), tokens(tokens), diags(diags) {}

  /// The AST of `item`, or nullptr for an empty statement (which gets a warning).
  std::unique_ptr<ast::Item> build(grammar::PolicyParser::ItemContext *item);

private:
  using P = grammar::PolicyParser;

  llvm::SMLoc loc(uint32_t offset) const {
    return llvm::SMLoc::getFromPointer(bufferStart + offset);
  }
  llvm::SMRange range(antlr4::Token *token) const;
  llvm::SMRange range(antlr4::ParserRuleContext *context) const;
  llvm::SMRange range(antlr4::Token *first, antlr4::Token *last) const;
  llvm::SMRange range(const ChunkToken &first, const ChunkToken &last) const {
    return llvm::SMRange(loc(first.beginOffset()), loc(last.endOffset()));
  }
  llvm::StringRef text(antlr4::Token *token) const;

  ast::Identifier identifier(P::NameContext *context) const;
  ast::Identifier identifier(antlr4::Token *token) const;
  ast::StringLiteral strings(P::StringsContext *context);
  std::string decodeString(antlr4::Token *token);
  ast::PathList pathList(P::PathListContext *context) const;
  std::optional<ast::PathList> optionalPathList(P::PathListContext *context) const;
  ast::Duration duration(P::DurationContext *context) const;
  ast::Channel channel(P::ChannelContext *context);
  std::vector<ast::Channel> channels(const std::vector<P::ChannelContext *> &contexts);
  ast::Attribute attribute(P::AttributeContext *context) const;
  ast::VocabularyNode vocabularyNode(P::VocabularyNodeContext *context);

  std::unique_ptr<ast::Item> policyHeader(P::PolicyDeclContext *context);
  std::unique_ptr<ast::Item> importDecl(P::ImportDeclContext *context);
  std::unique_ptr<ast::Item> vocabularyDecl(P::VocabularyDeclContext *context);
  std::unique_ptr<ast::Item> consentDecl(P::ConsentDeclContext *context);
  std::unique_ptr<ast::Item> eventDecl(P::EventDeclContext *context);
  std::unique_ptr<ast::Item> ruleStmt(P::RuleStmtContext *context);
  std::unique_ptr<ast::Item> neverStmt(P::NeverStmtContext *context);
  std::unique_ptr<ast::Item> expectStmt(P::ExpectStmtContext *context);
  std::unique_ptr<ast::Item> retainStmt(P::RetainStmtContext *context);
  std::unique_ptr<ast::Item> rightStmt(P::RightStmtContext *context);
  std::unique_ptr<ast::Item> notifyStmt(P::NotifyStmtContext *context);
  std::unique_ptr<ast::Item> protectStmt(P::ProtectStmtContext *context);
  std::unique_ptr<ast::Item> noteStmt(P::NoteStmtContext *context);

  const char *bufferStart;
  const ChunkTokenStream &tokens;
  DiagnosticEngine &diags;
};

} // namespace policyc::parse

#endif
