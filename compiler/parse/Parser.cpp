#include "parse/Parser.h"

#include "basic/DiagnosticEngine.h"
#include "parse/AstBuilder.h"
#include "parse/ChunkTokenStream.h"
#include "parse/ItemReuse.h"
#include "parse/StatementSplitter.h"
#include "parse/SyntaxErrorStrategy.h"
#include "parse/SyntaxErrors.h"
#include "parse/TokenKinds.h"

#include "PolicyParser.h"

#include "llvm/Support/SourceMgr.h"

#include <optional>

namespace policyc::parse {

namespace {
/// Parses items with the two-stage strategy: SLL prediction with bail-out first (fast, and
/// exact for every valid item of this grammar), full LL with error recording only when SLL
/// fails, so a syntax error is always reported by the precise LL pass.
class ItemParser {
public:
  explicit ItemParser(ChunkTokenStream &tokens)
      : tokens(tokens), parser(&tokens), bail(std::make_shared<antlr4::BailErrorStrategy>()),
        recorder(std::make_shared<SyntaxErrorStrategy>()) {
    parser.removeErrorListeners();
    parser.setBuildParseTree(false);
  }

  /// The parsed item, or nullptr with error() set. Valid until the next call.
  grammar::PolicyParser::ItemContext *parse(ParseStats *stats) {
    parser.getTreeTracker().reset();
    try {
      return attempt(antlr4::atn::PredictionMode::SLL, bail)->it;
    } catch (antlr4::ParseCancellationException &) {
    }
    if (stats)
      ++stats->llFallbacks;
    parser.getTreeTracker().reset();
    try {
      return attempt(antlr4::atn::PredictionMode::LL, recorder)->it;
    } catch (antlr4::ParseCancellationException &) {
    }
    return nullptr;
  }

  const std::optional<SyntaxErrorRecord> &error() const { return recorder->error(); }

private:
  grammar::PolicyParser::UnitContext *
  attempt(antlr4::atn::PredictionMode mode,
          const std::shared_ptr<antlr4::ANTLRErrorStrategy> &strategy) {
    tokens.seek(0);
    parser.setErrorHandler(strategy);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
    return parser.unit();
  }

  ChunkTokenStream &tokens;
  grammar::PolicyParser parser;
  std::shared_ptr<antlr4::BailErrorStrategy> bail;
  std::shared_ptr<SyntaxErrorStrategy> recorder;
};

/// The token whose absence caused `error`: a ';' wherever one could come (the commonest
/// slip, `{ email; phone }`), or a '}' at the end of the item; nothing for other errors.
std::optional<size_t> missingCloser(const ChunkTokenStream &tokens,
                                    const SyntaxErrorRecord &error) {
  if (error.offendingIndex == 0)
    return std::nullopt;
  if (error.expected.contains(static_cast<size_t>(TokenKind::SEMI)))
    return TokenKind::SEMI;
  bool atEnd = error.offendingIndex + 1 == tokens.tokenCount();
  if (atEnd && error.expected.contains(static_cast<size_t>(TokenKind::RBRACE)))
    return TokenKind::RBRACE;
  return std::nullopt;
}

/// After a syntax error was reported, inserts the missing ';' and '}' tokens and parses
/// again, so that an item whose only fault is a missing closer still declares its names:
/// otherwise every later use of them would be reported too, several errors for one mistake.
/// Returns the repaired item, or nullptr when inserting closers does not make it parse.
grammar::PolicyParser::ItemContext *repairItem(ItemParser &parser, ChunkTokenStream &tokens,
                                               const Chunk &chunk, unsigned maxNestingDepth) {
  std::vector<LexToken> repaired = chunk.tokens;
  size_t lastInsertion = 0;
  // Each round inserts one closer; an item needs at most one per open block plus its ';'.
  for (unsigned round = 0; round <= maxNestingDepth + 1; ++round) {
    const SyntaxErrorRecord &error = *parser.error();
    std::optional<size_t> closer = missingCloser(tokens, error);
    // Every round must get further than the last, or the insertions are not the fix.
    if (!closer || (round > 0 && error.offendingIndex <= lastInsertion))
      return nullptr;
    size_t index = std::min(error.offendingIndex, repaired.size());
    uint32_t at = repaired[index - 1].end;
    repaired.insert(repaired.begin() + static_cast<std::ptrdiff_t>(index),
                    LexToken{*closer, at, at});
    lastInsertion = index;
    tokens.reset(repaired, chunk.endOffset);
    if (grammar::PolicyParser::ItemContext *item = parser.parse(nullptr))
      return item;
    if (!parser.error())
      return nullptr;
  }
  return nullptr;
}

/// The AST of one item, or nullptr when it has a syntax error that inserting closers does
/// not repair (the error is reported) or is an empty statement.
std::unique_ptr<ast::Item> parseItem(ItemParser &parser, ChunkTokenStream &tokens,
                                     AstBuilder &builder, const Chunk &chunk,
                                     DiagnosticEngine &diags, ParseStats *stats,
                                     const ParseLimits &limits, const char *bufferStart) {
  tokens.reset(chunk.tokens, chunk.endOffset);
  grammar::PolicyParser::ItemContext *item = parser.parse(stats);
  if (!item) {
    if (!parser.error())
      return nullptr;
    reportSyntaxError(diags, tokens, *parser.error(), bufferStart);
    item = repairItem(parser, tokens, chunk, limits.maxNestingDepth);
    if (!item)
      return nullptr;
  }
  return builder.build(item);
}
} // namespace

std::unique_ptr<ast::TranslationUnit> parseBuffer(llvm::SourceMgr &sources, unsigned bufferId,
                                                  DiagnosticEngine &diags, ParseStats *stats,
                                                  ParseLimits limits, Incremental incremental) {
  const llvm::MemoryBuffer *buffer = sources.getMemoryBuffer(bufferId);
  auto unit = std::make_unique<ast::TranslationUnit>();
  unit->path = buffer->getBufferIdentifier().str();
  unit->bufferId = bufferId;

  llvm::StringRef text = buffer->getBuffer();
  StatementSplitter splitter(text, diags, limits);
  ChunkTokenStream tokens(text.data());
  ItemParser parser(tokens);
  AstBuilder builder(text.data(), tokens, diags);
  ItemReuse reuse(incremental, text, diags);

  Chunk chunk;
  while (!diags.stopped() && (!stats || !stats->overLimit) && splitter.next(chunk)) {
    if (stats) {
      ++stats->items;
      stats->tokens += chunk.tokens.size();
    }
    if (chunk.hasError || chunk.tokens.empty())
      continue;
    // Counted before the item's tree is built, so that no input grows the trees past the
    // memory the limits are sized for (basic/Limits.h). An empty item (a stray ';') costs
    // nothing and is not counted.
    bool empty = chunk.tokens.size() == 1 &&
                 chunk.tokens.front().type == static_cast<size_t>(TokenKind::SEMI);
    if (stats &&
        ((!empty && ++stats->itemsKept > limits.maxItems) || stats->tokens > limits.maxTokens)) {
      stats->overLimit = true;
      llvm::SMLoc at = llvm::SMLoc::getFromPointer(text.data() + chunk.tokens.front().begin);
      if (stats->itemsKept > limits.maxItems)
        diags.report(at, diag::err_too_many_statements, limits.maxItems);
      else
        diags.report(at, diag::err_too_many_tokens, limits.maxTokens);
      break;
    }
    if (reuse.takeOver(chunk, *unit))
      continue;
    reuse.beginItem(chunk);
    std::unique_ptr<ast::Item> node =
        parseItem(parser, tokens, builder, chunk, diags, stats, limits, text.data());
    if (node) {
      reuse.endItem(unit->items.size());
      unit->items.push_back(std::move(node));
    } else {
      reuse.endItem(std::nullopt);
    }
  }
  return unit;
}

} // namespace policyc::parse
