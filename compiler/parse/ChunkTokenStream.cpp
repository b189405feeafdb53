#include "parse/ChunkTokenStream.h"

namespace policyc::parse {

void ChunkTokenStream::reset(const std::vector<LexToken> &lexTokens, uint32_t eofOffset) {
  tokens.clear();
  tokens.reserve(lexTokens.size() + 1);
  for (const LexToken &token : lexTokens)
    tokens.emplace_back(token, tokens.size(), buffer);
  tokens.emplace_back(LexToken{antlr4::Token::EOF, eofOffset, eofOffset}, tokens.size(), buffer);
  position = 0;
}

antlr4::Token *ChunkTokenStream::LT(ssize_t k) {
  if (k == 0)
    return nullptr;
  ssize_t i = static_cast<ssize_t>(position) + (k > 0 ? k - 1 : k);
  if (i < 0)
    return nullptr;
  if (static_cast<size_t>(i) >= tokens.size())
    return &tokens.back();
  return &tokens[i];
}

antlr4::Token *ChunkTokenStream::get(size_t index) const {
  if (index >= tokens.size())
    throw antlr4::IndexOutOfBoundsException("token index out of range");
  return const_cast<ChunkToken *>(&tokens[index]);
}

void ChunkTokenStream::consume() {
  if (tokens[position].getType() == antlr4::Token::EOF)
    throw antlr4::IllegalStateException("cannot consume EOF");
  ++position;
}

size_t ChunkTokenStream::LA(ssize_t i) {
  antlr4::Token *token = LT(i);
  return token ? token->getType() : antlr4::Token::INVALID_TYPE;
}

std::string ChunkTokenStream::getText(const antlr4::misc::Interval &interval) {
  if (interval.a < 0 || interval.b < interval.a || tokens.empty())
    return {};
  size_t first = std::min<size_t>(interval.a, tokens.size() - 1);
  size_t last = std::min<size_t>(interval.b, tokens.size() - 1);
  return std::string(buffer + tokens[first].beginOffset(),
                     tokens[last].endOffset() - tokens[first].beginOffset());
}

std::string ChunkTokenStream::getText() {
  return getText(antlr4::misc::Interval(size_t(0), tokens.size() - 1));
}

std::string ChunkTokenStream::getText(antlr4::RuleContext *ctx) {
  return getText(ctx->getSourceInterval());
}

std::string ChunkTokenStream::getText(antlr4::Token *start, antlr4::Token *stop) {
  if (!start || !stop)
    return {};
  return getText(antlr4::misc::Interval(start->getTokenIndex(), stop->getTokenIndex()));
}

} // namespace policyc::parse
