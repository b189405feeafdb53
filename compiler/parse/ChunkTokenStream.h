// An ANTLR token stream over the tokens of one statement, held in a reusable buffer. It saves
// the per-token allocations and bookkeeping of CommonTokenStream, and keeps parser memory
// bounded by the longest statement instead of the file.
#ifndef POLICYC_PARSE_CHUNKTOKENSTREAM_H
#define POLICYC_PARSE_CHUNKTOKENSTREAM_H

#include "parse/Lexer.h"

#include "antlr4-runtime.h"

#include <vector>

namespace policyc::parse {

/// A token that knows its byte offsets in the file; text comes from the file buffer.
class ChunkToken final : public antlr4::Token {
public:
  ChunkToken() = default;
  ChunkToken(const LexToken &token, size_t index, const char *buffer)
      : type(token.type), begin(token.begin), end(token.end), index(index), buffer(buffer) {}

  uint32_t beginOffset() const { return begin; }
  uint32_t endOffset() const { return end; }
  llvm::StringRef text() const { return llvm::StringRef(buffer + begin, end - begin); }

  std::string getText() const override { return text().str(); }
  size_t getType() const override { return type; }
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() const override { return 0; }
  size_t getChannel() const override { return DEFAULT_CHANNEL; }
  size_t getTokenIndex() const override { return index; }
  size_t getStartIndex() const override { return begin; }
  size_t getStopIndex() const override { return end == 0 ? 0 : end - 1; }
  antlr4::TokenSource *getTokenSource() const override { return nullptr; }
  antlr4::CharStream *getInputStream() const override { return nullptr; }
  std::string toString() const override { return getText(); }

private:
  size_t type = EOF;
  uint32_t begin = 0;
  uint32_t end = 0;
  size_t index = 0;
  const char *buffer = nullptr;
};

class ChunkTokenStream final : public antlr4::TokenStream {
public:
  explicit ChunkTokenStream(const char *buffer) : buffer(buffer) {}

  /// Replaces the contents with `tokens` followed by an EOF token at `eofOffset`.
  void reset(const std::vector<LexToken> &tokens, uint32_t eofOffset);
  const ChunkToken &token(size_t i) const { return tokens[i]; }
  size_t tokenCount() const { return tokens.size(); }

  antlr4::Token *LT(ssize_t k) override;
  antlr4::Token *get(size_t index) const override;
  antlr4::TokenSource *getTokenSource() const override { return nullptr; }
  std::string getText(const antlr4::misc::Interval &interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext *ctx) override;
  std::string getText(antlr4::Token *start, antlr4::Token *stop) override;

  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return position; }
  void seek(size_t index) override { position = std::min(index, tokens.size() - 1); }
  size_t size() override { return tokens.size(); }
  std::string getSourceName() const override { return "policy"; }

private:
  const char *buffer;
  std::vector<ChunkToken> tokens; ///< always ends with EOF
  size_t position = 0;
};

} // namespace policyc::parse

#endif
