#include "parse/Parser.h"

#include "basic/DiagnosticEngine.h"
#include "parse/AstBuilder.h"
#include "parse/ChunkTokenStream.h"
#include "parse/StatementSplitter.h"
#include "parse/SyntaxErrorStrategy.h"
#include "parse/SyntaxErrors.h"

#include "PolicyParser.h"

#include "llvm/Support/SourceMgr.h"

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
} // namespace

std::unique_ptr<ast::TranslationUnit> parseBuffer(llvm::SourceMgr &sources, unsigned bufferId,
                                                  DiagnosticEngine &diags, ParseStats *stats) {
  const llvm::MemoryBuffer *buffer = sources.getMemoryBuffer(bufferId);
  auto unit = std::make_unique<ast::TranslationUnit>();
  unit->path = buffer->getBufferIdentifier().str();
  unit->bufferId = bufferId;

  llvm::StringRef text = buffer->getBuffer();
  StatementSplitter splitter(text, diags);
  ChunkTokenStream tokens(text.data());
  ItemParser parser(tokens);
  AstBuilder builder(text.data(), diags);

  Chunk chunk;
  while (!diags.stopped() && splitter.next(chunk)) {
    if (stats) {
      ++stats->items;
      stats->tokens += chunk.tokens.size();
    }
    if (chunk.hasError || chunk.tokens.empty())
      continue;
    tokens.reset(chunk.tokens, chunk.endOffset);
    grammar::PolicyParser::ItemContext *item = parser.parse(stats);
    if (!item) {
      if (parser.error())
        reportSyntaxError(diags, tokens, *parser.error(), text.data());
      continue;
    }
    if (auto node = builder.build(item))
      unit->items.push_back(std::move(node));
  }
  return unit;
}

} // namespace policyc::parse
