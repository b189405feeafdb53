#include "format/Formatter.h"

#include "format/Layout.h"

#include "ast/AST.h"
#include "basic/DiagnosticEngine.h"
#include "parse/Parser.h"
#include "parse/SourceTokens.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace policyc::format {

namespace {
using parse::SourceToken;
using TokenKind = parse::SourceTokenKind;

/// Statements continue on lines indented this much; blocks indent their members by kBlockIndent.
constexpr unsigned kContinuationIndent = 4;
constexpr unsigned kBlockIndent = 2;

struct AttachedComment {
  uint32_t begin;
  uint32_t end;
  bool isLine;      ///< a `//` comment, which ends its line
  bool blankBefore; ///< an empty line separates it from what comes before
};

/// A token with the comments that belong to it. A comment that starts on the line where the
/// previous token ends trails that token; any other comment leads the next token.
struct FormatToken {
  SourceToken token;
  std::vector<AttachedComment> leading;
  std::vector<AttachedComment> trailing;
  bool blankBefore =
      false; ///< an empty line between it and its leading comments (or what precedes)
  bool leadingPrinted = false; ///< its leading comments are printed by the enclosing block
};

/// Line ends in `text`: `\n`, `\r\n` or a lone `\r`.
unsigned countLineEnds(llvm::StringRef text) {
  unsigned count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n')
      ++count;
    else if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
      ++count;
  }
  return count;
}

bool isCloser(TokenKind kind) {
  return kind == TokenKind::Comma || kind == TokenKind::Semi;
}

/// One space between two tokens of a line, except before `,` `;` `.` `.*` and after `.`.
bool spaceBetween(TokenKind before, TokenKind after) {
  if (before == TokenKind::Dot)
    return false;
  return after != TokenKind::Comma && after != TokenKind::Semi && after != TokenKind::Dot &&
         after != TokenKind::DotStar;
}

/// Top-level `;` that belong to no item (`-Wextra-semi`): the formatter drops them.
std::vector<bool> strayItemSeparators(const std::vector<SourceToken> &tokens,
                                      const ast::TranslationUnit &unit, const char *bufferStart) {
  std::vector<bool> stray(tokens.size(), false);
  size_t item = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Semi)
      continue;
    while (item < unit.items.size() &&
           static_cast<uint32_t>(unit.items[item]->range.End.getPointer() - bufferStart) <=
               tokens[i].begin)
      ++item;
    bool inside = item < unit.items.size() &&
                  static_cast<uint32_t>(unit.items[item]->range.Start.getPointer() - bufferStart) <=
                      tokens[i].begin;
    stray[i] = !inside;
  }
  return stray;
}

/// The tokens of the file with their comments attached; stray separators left out.
struct TokenTable {
  std::vector<FormatToken> tokens;
  std::vector<AttachedComment> endComments; ///< comments after the last token

  TokenTable(llvm::StringRef text, const std::vector<SourceToken> &all,
             const std::vector<bool> &dropped) {
    uint32_t previousEnd = 0;      // end of the previous token or comment
    uint32_t previousTokenEnd = 0; // end of the previous token
    bool haveToken = false;
    std::vector<AttachedComment> pending;
    tokens.reserve(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
      // A dropped `;` leaves no empty line where it stood.
      if (dropped[i]) {
        previousEnd = all[i].end;
        continue;
      }
      const SourceToken &token = all[i];
      unsigned lineEnds = countLineEnds(text.slice(previousEnd, token.begin));
      if (token.isComment()) {
        bool onTokenLine = haveToken && pending.empty() &&
                           countLineEnds(text.slice(previousTokenEnd, token.begin)) == 0;
        AttachedComment comment{token.begin, token.end, token.kind == TokenKind::LineComment,
                                lineEnds >= 2};
        if (onTokenLine)
          tokens.back().trailing.push_back(comment);
        else
          pending.push_back(comment);
      } else {
        FormatToken entry;
        entry.token = token;
        entry.leading = std::move(pending);
        pending.clear();
        entry.blankBefore = lineEnds >= 2;
        tokens.push_back(std::move(entry));
        previousTokenEnd = token.end;
        haveToken = true;
      }
      previousEnd = token.end;
    }
    endComments = std::move(pending);
    // A comment after the last token before a `,` or `;` goes after the punctuation, where
    // it stays when the line is laid out again.
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      FormatToken &next = tokens[i + 1];
      if (tokens[i].trailing.empty() || !isCloser(next.token.kind) || !next.leading.empty())
        continue;
      next.trailing.insert(next.trailing.begin(), tokens[i].trailing.begin(),
                           tokens[i].trailing.end());
      tokens[i].trailing.clear();
    }
  }
};

/// A comma-separated list inside an item, by token indices (inclusive).
struct ListRange {
  size_t first;
  size_t last;
};

/// Builds the layout document of each item from its AST (which says where clauses, lists and
/// blocks are) and its tokens (which give the text and the comments).
class ItemLayout {
public:
  ItemLayout(llvm::StringRef text, TokenTable &table) : text(text), table(table) {}

  Doc item(const ast::Item &item);
  /// The own-line comments before token `index`, ending in a line end, with the empty lines
  /// the author left (none before the first thing of a block).
  Doc leadingBlock(size_t index, bool firstInBlock);
  size_t at(llvm::SMLoc loc);
  Doc comments(const std::vector<AttachedComment> &comments, bool firstInBlock);

  bool failed() const { return !problem.empty(); }
  const std::string &getProblem() const { return problem; }

private:
  size_t endingAt(llvm::SMLoc loc);
  llvm::StringRef spelling(uint32_t begin, uint32_t end) const { return text.slice(begin, end); }
  TokenKind kindOf(size_t index) const { return table.tokens[index].token.kind; }

  Doc token(size_t index);
  Doc run(size_t first, size_t last);
  Doc segment(size_t first, size_t last, llvm::ArrayRef<ListRange> lists);
  Doc statement(size_t first, size_t last, std::vector<size_t> clauseStarts,
                llvm::ArrayRef<ListRange> lists);
  Doc block(std::vector<std::pair<size_t, Doc>> members, size_t close);
  size_t openBrace(size_t first, size_t last);

  ListRange list(const ast::PathList &paths) {
    return {at(paths.range.Start), endingAt(paths.range.End)};
  }
  ListRange list(const std::vector<ast::Identifier> &names) {
    return {at(names.front().range.Start), endingAt(names.back().range.End)};
  }
  ListRange list(const std::vector<ast::Channel> &channels) {
    return {at(channels.front().range.Start), endingAt(channels.back().range.End)};
  }

  Doc policyHeader(const ast::PolicyHeader &header, size_t first, size_t last);
  Doc vocabularyNode(const ast::VocabularyNode &node);
  Doc consent(const ast::ConsentDecl &consent, size_t first, size_t last);
  Doc rule(const ast::RuleStmt &rule, size_t first, size_t last);
  Doc retain(const ast::RetainStmt &retain, size_t first, size_t last);
  Doc right(const ast::RightStmt &right, size_t first, size_t last);
  Doc notify(const ast::NotifyStmt &notify, size_t first, size_t last);
  Doc protect(const ast::ProtectStmt &protect, size_t first, size_t last);
  Doc expect(const ast::ExpectStmt &expect, size_t first, size_t last);

  llvm::StringRef text;
  TokenTable &table;
  std::string problem;
};

size_t ItemLayout::at(llvm::SMLoc loc) {
  auto offset = static_cast<uint32_t>(loc.getPointer() - text.data());
  auto found = llvm::partition_point(
      table.tokens, [&](const FormatToken &entry) { return entry.token.begin < offset; });
  if (found == table.tokens.end() || found->token.begin != offset) {
    if (problem.empty())
      problem = "no token starts at byte " + std::to_string(offset);
    return 0;
  }
  return static_cast<size_t>(found - table.tokens.begin());
}

size_t ItemLayout::endingAt(llvm::SMLoc loc) {
  auto offset = static_cast<uint32_t>(loc.getPointer() - text.data());
  auto found = llvm::partition_point(
      table.tokens, [&](const FormatToken &entry) { return entry.token.end < offset; });
  if (found == table.tokens.end() || found->token.end != offset) {
    if (problem.empty())
      problem = "no token ends at byte " + std::to_string(offset);
    return 0;
  }
  return static_cast<size_t>(found - table.tokens.begin());
}

Doc ItemLayout::comments(const std::vector<AttachedComment> &list, bool firstInBlock) {
  Doc doc = Doc::concat();
  bool first = firstInBlock;
  for (const AttachedComment &comment : list) {
    if (comment.blankBefore && !first)
      doc.append(Doc::hardLine());
    doc.append(Doc::comment(spelling(comment.begin, comment.end)));
    doc.append(Doc::hardLine());
    first = false;
  }
  return doc;
}

Doc ItemLayout::leadingBlock(size_t index, bool firstInBlock) {
  FormatToken &entry = table.tokens[index];
  Doc doc = comments(entry.leading, firstInBlock);
  if (entry.blankBefore && !(firstInBlock && entry.leading.empty()))
    doc.append(Doc::hardLine());
  entry.leadingPrinted = true;
  return doc;
}

Doc ItemLayout::token(size_t index) {
  const FormatToken &entry = table.tokens[index];
  Doc doc = Doc::concat();
  if (!entry.leadingPrinted) {
    // A comment inside an item keeps a line of its own.
    for (const AttachedComment &comment : entry.leading) {
      doc.append(Doc::freshLine());
      doc.append(Doc::comment(spelling(comment.begin, comment.end)));
      doc.append(Doc::forceBreak());
    }
  }
  doc.append(Doc::text(spelling(entry.token.begin, entry.token.end)));
  for (const AttachedComment &comment : entry.trailing) {
    llvm::StringRef commentText = spelling(comment.begin, comment.end);
    doc.append(Doc::space());
    doc.append(Doc::comment(commentText));
    if (comment.isLine || commentText.find_first_of("\r\n") != llvm::StringRef::npos)
      doc.append(Doc::forceBreak());
  }
  return doc;
}

Doc ItemLayout::run(size_t first, size_t last) {
  Doc doc = Doc::concat();
  for (size_t i = first; i <= last && i < table.tokens.size(); ++i) {
    if (i > first && spaceBetween(kindOf(i - 1), kindOf(i)))
      doc.append(Doc::space());
    if (kindOf(i) != TokenKind::String) {
      doc.append(token(i));
      continue;
    }
    // Adjacent string literals make one text: one literal a line, aligned under the first.
    Doc literals = Doc::concat();
    literals.append(token(i));
    while (i + 1 <= last && kindOf(i + 1) == TokenKind::String) {
      ++i;
      literals.append(Doc::hardLine());
      literals.append(token(i));
    }
    doc.append(Doc::align(std::move(literals)));
  }
  return doc;
}

Doc ItemLayout::segment(size_t first, size_t last, llvm::ArrayRef<ListRange> lists) {
  const ListRange *found = nullptr;
  for (const ListRange &candidate : lists)
    if (candidate.first >= first && candidate.last <= last && candidate.first <= candidate.last)
      if (!found || candidate.first < found->first)
        found = &candidate;
  if (!found)
    return run(first, last);
  Doc doc = Doc::concat();
  if (found->first > first) {
    doc.append(run(first, found->first - 1));
    if (spaceBetween(kindOf(found->first - 1), kindOf(found->first)))
      doc.append(Doc::space());
  }
  // The elements, each with its comma; what follows the list (`only`, a text, the `;`) stays
  // with the last element, so that the element is measured with it.
  std::vector<Doc> parts;
  size_t start = found->first;
  for (size_t i = found->first; i <= found->last; ++i) {
    if (kindOf(i) != TokenKind::Comma)
      continue;
    Doc part = Doc::concat();
    if (i > start)
      part.append(run(start, i - 1));
    part.append(token(i));
    parts.push_back(std::move(part));
    start = i + 1;
  }
  Doc lastPart = run(start, found->last);
  if (found->last < last) {
    if (spaceBetween(kindOf(found->last), kindOf(found->last + 1)))
      lastPart.append(Doc::space());
    lastPart.append(run(found->last + 1, last));
  }
  parts.push_back(std::move(lastPart));
  doc.append(Doc::align(Doc::fill(std::move(parts))));
  return doc;
}

Doc ItemLayout::statement(size_t first, size_t last, std::vector<size_t> clauseStarts,
                          llvm::ArrayRef<ListRange> lists) {
  llvm::sort(clauseStarts);
  clauseStarts.erase(std::unique(clauseStarts.begin(), clauseStarts.end()), clauseStarts.end());
  std::vector<Doc> parts;
  size_t start = first;
  for (size_t clause : clauseStarts) {
    if (clause <= start || clause > last)
      continue;
    parts.push_back(segment(start, clause - 1, lists));
    start = clause;
  }
  parts.push_back(segment(start, last, lists));
  return Doc::nest(kContinuationIndent, Doc::fill(std::move(parts)));
}

Doc ItemLayout::block(std::vector<std::pair<size_t, Doc>> members, size_t close) {
  FormatToken &closer = table.tokens[close];
  if (members.empty() && closer.leading.empty())
    return token(close);
  Doc inner = Doc::concat();
  for (auto &member : members) {
    inner.append(Doc::hardLine());
    inner.append(std::move(member.second));
  }
  // Comments after the last member stay inside the block.
  for (const AttachedComment &comment : closer.leading) {
    inner.append(Doc::hardLine());
    if (comment.blankBefore && (!members.empty() || &comment != &closer.leading.front()))
      inner.append(Doc::hardLine());
    inner.append(Doc::comment(spelling(comment.begin, comment.end)));
  }
  closer.leadingPrinted = true;
  Doc doc = Doc::concat();
  doc.append(Doc::nest(kBlockIndent, std::move(inner)));
  doc.append(Doc::hardLine());
  doc.append(token(close));
  return doc;
}

size_t ItemLayout::openBrace(size_t first, size_t last) {
  for (size_t i = first; i <= last; ++i)
    if (kindOf(i) == TokenKind::LBrace)
      return i;
  if (problem.empty())
    problem = "a block without '{'";
  return last;
}

Doc ItemLayout::policyHeader(const ast::PolicyHeader &header, size_t first, size_t last) {
  size_t open = openBrace(first, last);
  std::vector<std::pair<size_t, Doc>> members;
  for (const ast::PolicyField &field : header.fields) {
    size_t fieldFirst = at(field.range.Start);
    size_t fieldLast = endingAt(field.range.End);
    Doc lead = leadingBlock(fieldFirst, members.empty());
    std::vector<ListRange> lists;
    if (field.kind == ast::PolicyField::Kind::Transfers && !field.names.empty())
      lists.push_back(list(field.names));
    lead.append(segment(fieldFirst, fieldLast, lists));
    members.emplace_back(fieldFirst, std::move(lead));
  }
  Doc doc = run(first, open - 1);
  doc.append(Doc::space());
  doc.append(token(open));
  doc.append(block(std::move(members), last));
  return doc;
}

Doc ItemLayout::vocabularyNode(const ast::VocabularyNode &node) {
  size_t first = at(node.range.Start);
  size_t last = endingAt(node.range.End);
  if (!node.hasBody)
    return run(first, last);
  size_t open = openBrace(first, last);
  std::vector<std::pair<size_t, Doc>> members;
  for (const ast::VocabularyNode &child : node.children) {
    size_t childFirst = at(child.range.Start);
    Doc lead = leadingBlock(childFirst, members.empty());
    lead.append(vocabularyNode(child));
    members.emplace_back(childFirst, std::move(lead));
  }
  Doc doc = run(first, open - 1);
  doc.append(Doc::space());
  doc.append(token(open));
  doc.append(block(std::move(members), last));
  return doc;
}

Doc ItemLayout::consent(const ast::ConsentDecl &consent, size_t first, size_t last) {
  if (kindOf(last) != TokenKind::RBrace)
    return run(first, last);
  size_t open = openBrace(first, last);
  std::vector<std::pair<size_t, Doc>> members;
  for (const ast::Withdrawal &withdrawal : consent.withdrawals) {
    size_t withdrawalFirst = at(withdrawal.range.Start);
    size_t withdrawalLast = endingAt(withdrawal.range.End);
    Doc lead = leadingBlock(withdrawalFirst, members.empty());
    std::vector<ListRange> lists;
    if (!withdrawal.channels.empty())
      lists.push_back(list(withdrawal.channels));
    lead.append(segment(withdrawalFirst, withdrawalLast, lists));
    members.emplace_back(withdrawalFirst, std::move(lead));
  }
  Doc doc = run(first, open - 1);
  doc.append(Doc::space());
  doc.append(token(open));
  doc.append(block(std::move(members), last));
  return doc;
}

Doc ItemLayout::rule(const ast::RuleStmt &rule, size_t first, size_t last) {
  std::vector<size_t> clauses;
  std::vector<ListRange> lists{list(rule.what)};
  // Each optional list is introduced by its keyword, the token before it.
  for (const std::optional<ast::PathList> *paths :
       {&rule.sources, &rule.recipients, &rule.purposes, &rule.linked}) {
    if (!*paths)
      continue;
    ListRange range = list(**paths);
    lists.push_back(range);
    clauses.push_back(range.first - 1);
  }
  // `required` and `optional` stay with what comes before them (`from S required`): a line
  // never starts with them.
  if (!rule.consents.empty()) {
    lists.push_back(list(rule.consents));
    clauses.push_back(at(rule.conditionRange.Start));
  }
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::retain(const ast::RetainStmt &retain, size_t first, size_t last) {
  std::vector<size_t> clauses;
  std::vector<ListRange> lists{list(retain.what)};
  if (retain.sources) {
    lists.push_back(list(*retain.sources));
    clauses.push_back(lists.back().first - 1);
  }
  clauses.push_back(at(retain.periodRange.Start));
  if (retain.purposes)
    lists.push_back(list(*retain.purposes));
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::right(const ast::RightStmt &right, size_t first, size_t last) {
  std::vector<size_t> clauses;
  std::vector<ListRange> lists{list(right.rights)};
  if (!right.channels.empty()) {
    lists.push_back(list(right.channels));
    clauses.push_back(lists.back().first - 1);
  }
  if (right.deadline)
    clauses.push_back(at(right.deadline->range.Start) - 1);
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::notify(const ast::NotifyStmt &notify, size_t first, size_t last) {
  std::vector<size_t> clauses;
  std::vector<ListRange> lists;
  if (notify.lead)
    clauses.push_back(at(notify.lead->range.Start) - 2); // `at least`
  if (!notify.channels.empty()) {
    lists.push_back(list(notify.channels));
    clauses.push_back(lists.back().first - 1);
  }
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::protect(const ast::ProtectStmt &protect, size_t first, size_t last) {
  std::vector<size_t> clauses;
  std::vector<ListRange> lists{list(protect.what)};
  if (protect.sources) {
    lists.push_back(list(*protect.sources));
    clauses.push_back(lists.back().first - 1);
  }
  if (!protect.measures.empty()) {
    lists.push_back(list(protect.measures));
    size_t with = lists.back().first - 1;
    clauses.push_back(with);
    clauses.push_back(with - 2); // `in transit` or `at rest`
  }
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::expect(const ast::ExpectStmt &expect, size_t first, size_t last) {
  // Laid out as the rule statement it tests: `expect allow` and the verb head the first line.
  std::vector<size_t> clauses;
  std::vector<ListRange> lists{list(expect.what)};
  for (const std::optional<ast::PathList> *paths :
       {&expect.sources, &expect.recipients, &expect.purposes, &expect.linked}) {
    if (!*paths)
      continue;
    lists.push_back(list(**paths));
    clauses.push_back(lists.back().first - 1);
  }
  // `when consent a, b` and `without consent c`: two keywords before each list.
  for (const std::vector<ast::Identifier> *consents : {&expect.granted, &expect.withdrawn}) {
    if (consents->empty())
      continue;
    lists.push_back(list(*consents));
    clauses.push_back(lists.back().first - 2);
  }
  return statement(first, last, std::move(clauses), lists);
}

Doc ItemLayout::item(const ast::Item &item) {
  size_t first = at(item.range.Start);
  size_t last = endingAt(item.range.End);
  if (failed())
    return Doc::concat();
  switch (item.getKind()) {
  case ast::Item::Kind::PolicyHeader:
    return policyHeader(llvm::cast<ast::PolicyHeader>(item), first, last);
  case ast::Item::Kind::Vocabulary: {
    Doc doc = token(first);
    doc.append(Doc::space());
    doc.append(vocabularyNode(llvm::cast<ast::VocabularyDecl>(item).root));
    return doc;
  }
  case ast::Item::Kind::Consent:
    return consent(llvm::cast<ast::ConsentDecl>(item), first, last);
  case ast::Item::Kind::Rule:
    return rule(llvm::cast<ast::RuleStmt>(item), first, last);
  case ast::Item::Kind::Retain:
    return retain(llvm::cast<ast::RetainStmt>(item), first, last);
  case ast::Item::Kind::Right:
    return right(llvm::cast<ast::RightStmt>(item), first, last);
  case ast::Item::Kind::Notify:
    return notify(llvm::cast<ast::NotifyStmt>(item), first, last);
  case ast::Item::Kind::Protect:
    return protect(llvm::cast<ast::ProtectStmt>(item), first, last);
  case ast::Item::Kind::Expect:
    return expect(llvm::cast<ast::ExpectStmt>(item), first, last);
  case ast::Item::Kind::Import:
  case ast::Item::Kind::Event:
  case ast::Item::Kind::Note:
    return run(first, last);
  }
  return run(first, last);
}

/// A comment as compared before and after formatting: without spaces at line ends, with
/// `\n` line ends.
std::string normalizedComment(llvm::StringRef comment) {
  std::string result;
  size_t start = 0;
  while (true) {
    size_t end = comment.find_first_of("\r\n", start);
    result += comment.slice(start, end).rtrim(" \t").str();
    if (end == llvm::StringRef::npos)
      return result;
    result += '\n';
    start = end +
            (comment[end] == '\r' && end + 1 < comment.size() && comment[end + 1] == '\n' ? 2 : 1);
  }
}

/// What differs between the tokens of `input` (dropped ones left out) and those of `output`,
/// or an empty string. Tokens and comments are compared as two sequences: the layout may move
/// a comment past a `,` or `;`, never past another comment or a word.
std::string compareTokens(llvm::StringRef input, const std::vector<SourceToken> &inputTokens,
                          const std::vector<bool> &dropped, llvm::StringRef output) {
  std::vector<SourceToken> outputTokens = parse::lexSourceTokens(output);
  for (bool comments : {false, true}) {
    auto next = [&](const std::vector<SourceToken> &tokens, size_t &i,
                    const std::vector<bool> *skip) -> const SourceToken * {
      for (; i < tokens.size(); ++i)
        if (tokens[i].isComment() == comments && !(skip && (*skip)[i]))
          return &tokens[i++];
      return nullptr;
    };
    size_t i = 0;
    size_t j = 0;
    while (true) {
      const SourceToken *before = next(inputTokens, i, &dropped);
      const SourceToken *after = next(outputTokens, j, nullptr);
      if (!before && !after)
        break;
      if (!before || !after)
        return before ? "the output lacks '" + input.slice(before->begin, before->end).str() + "'"
                      : "the output adds '" + output.slice(after->begin, after->end).str() + "'";
      llvm::StringRef beforeText = input.slice(before->begin, before->end);
      llvm::StringRef afterText = output.slice(after->begin, after->end);
      bool same = before->kind == after->kind &&
                  (comments ? normalizedComment(beforeText) == normalizedComment(afterText)
                            : beforeText == afterText);
      if (!same)
        return "'" + beforeText.str() + "' became '" + afterText.str() + "'";
    }
  }
  return {};
}

/// Discards diagnostics: formatSource reports only whether the text parsed.
class DiscardingConsumer : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &, const llvm::SourceMgr &) override {}
};
} // namespace

FormatResult formatBuffer(llvm::SourceMgr &sources, unsigned bufferId, DiagnosticEngine &diags,
                          const FormatOptions &options) {
  FormatResult result;
  unsigned errorsBefore = diags.errorCount();
  std::unique_ptr<ast::TranslationUnit> unit = parse::parseBuffer(sources, bufferId, diags);
  if (diags.errorCount() != errorsBefore || diags.stopped()) {
    result.status = FormatStatus::SyntaxError;
    return result;
  }
  llvm::StringRef text = sources.getMemoryBuffer(bufferId)->getBuffer();
  std::vector<SourceToken> tokens = parse::lexSourceTokens(text);
  std::vector<bool> dropped = strayItemSeparators(tokens, *unit, text.data());
  TokenTable table(text, tokens, dropped);
  ItemLayout layout(text, table);

  LayoutPrinter printer(options.columnLimit);
  bool first = true;
  for (const auto &item : unit->items) {
    size_t index = layout.at(item->range.Start);
    if (layout.failed())
      break;
    printer.lineBreak();
    printer.print(layout.leadingBlock(index, first));
    printer.print(layout.item(*item));
    first = false;
  }
  if (!table.endComments.empty()) {
    printer.lineBreak();
    printer.print(layout.comments(table.endComments, first));
  }
  result.text = printer.finish();
  if (layout.failed()) {
    result.status = FormatStatus::InternalError;
    result.problem = layout.getProblem();
    return result;
  }
  std::string difference = compareTokens(text, tokens, dropped, result.text);
  if (!difference.empty()) {
    result.status = FormatStatus::InternalError;
    result.problem = "the formatted text would change the policy: " + difference;
  }
  return result;
}

std::optional<std::string> formatSource(llvm::StringRef text, const FormatOptions &options) {
  llvm::SourceMgr sources;
  unsigned bufferId = sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "<input>"), llvm::SMLoc());
  DiscardingConsumer consumer;
  DiagnosticEngine diags(sources, consumer);
  FormatResult result = formatBuffer(sources, bufferId, diags, options);
  if (result.status != FormatStatus::Formatted)
    return std::nullopt;
  return std::move(result.text);
}

} // namespace policyc::format
