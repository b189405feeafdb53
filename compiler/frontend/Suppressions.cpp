#include "frontend/Suppressions.h"

#include "basic/DiagnosticEngine.h"
#include "parse/SourceTokens.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SourceMgr.h"

#include <cctype>

namespace policyc {

namespace {
constexpr llvm::StringLiteral kDirective = "policyc-ignore";

unsigned countLineEnds(llvm::StringRef text) {
  unsigned count = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++count;
  return count;
}

/// The text of a comment without its delimiters.
llvm::StringRef commentBody(llvm::StringRef comment) {
  if (comment.consume_front("//"))
    return comment;
  comment.consume_front("/*");
  comment.consume_back("*/");
  return comment;
}

/// Runs of whitespace (a reason may span the lines of a block comment) as one space.
std::string collapseSpaces(llvm::StringRef text) {
  std::string result;
  bool space = false;
  for (char c : text.trim()) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !result.empty())
      result += ' ';
    space = false;
    result += c;
  }
  return result;
}

template <typename Ranged>
const Ranged *containing(const std::vector<Ranged> &list, const char *at) {
  auto found = llvm::partition_point(
      list, [&](const Ranged &entry) { return entry.range.Start.getPointer() <= at; });
  if (found == list.begin())
    return nullptr;
  const Ranged &candidate = *std::prev(found);
  return at < candidate.range.End.getPointer() ? &candidate : nullptr;
}
} // namespace

llvm::SmallVector<Suppressions::Unit, 4> Suppressions::unitsAt(const ast::TranslationUnit &unit,
                                                               const char *at) {
  llvm::SmallVector<Unit, 4> chain;
  auto found = llvm::partition_point(unit.items, [&](const std::unique_ptr<ast::Item> &item) {
    return item->range.Start.getPointer() <= at;
  });
  if (found == unit.items.begin())
    return chain;
  const ast::Item &item = **std::prev(found);
  if (at >= item.range.End.getPointer())
    return chain;
  chain.push_back({item.range.Start.getPointer(), item.range.End.getPointer()});
  auto add = [&](const auto *member) {
    if (member)
      chain.push_back({member->range.Start.getPointer(), member->range.End.getPointer()});
    return member;
  };
  if (const auto *vocabulary = llvm::dyn_cast<ast::VocabularyDecl>(&item)) {
    // The root node is the declaration itself; its members are declarations of their own.
    for (const ast::VocabularyNode *node = containing(vocabulary->root.children, at); node;
         node = containing(node->children, at))
      add(node);
  } else if (const auto *header = llvm::dyn_cast<ast::PolicyHeader>(&item)) {
    add(containing(header->fields, at));
  } else if (const auto *consent = llvm::dyn_cast<ast::ConsentDecl>(&item)) {
    add(containing(consent->withdrawals, at));
  }
  return chain;
}

Suppressions::Directive Suppressions::parseDirective(llvm::StringRef body, llvm::SMRange range) {
  Directive directive;
  directive.range = range;
  llvm::StringRef rest = body.ltrim().drop_front(kDirective.size());
  if (!rest.consume_front("[")) {
    directive.problem = Problem{diag::err_suppression_malformed,
                                "expected '[' and the flags to silence after 'policyc-ignore'", ""};
    return directive;
  }
  size_t close = rest.find(']');
  if (close == llvm::StringRef::npos) {
    directive.problem = Problem{diag::err_suppression_malformed, "missing ']' after the flags", ""};
    return directive;
  }
  llvm::SmallVector<llvm::StringRef, 4> names;
  rest.take_front(close).split(names, ',');
  std::string spelled;
  for (llvm::StringRef name : names) {
    name = name.trim();
    if (name.consume_front("-W"))
      name = name.trim();
    if (name.empty()) {
      directive.problem = Problem{diag::err_suppression_malformed, "a flag is missing", ""};
      return directive;
    }
    if (!spelled.empty())
      spelled += ", ";
    spelled += name.str();
    directive.flags.push_back({name.str()});
  }
  for (const Flag &flag : directive.flags) {
    switch (classifyFlag(flag.name)) {
    case FlagKind::Unknown:
      directive.problem = Problem{diag::err_suppression_unknown_flag, flag.name,
                                  didYouMean(closestMatch(flag.name, allFlags()))};
      return directive;
    case FlagKind::ErrorsOnly:
      directive.problem = Problem{diag::err_suppression_not_adjustable, flag.name, ""};
      return directive;
    case FlagKind::Adjustable:
      break;
    }
  }
  rest = rest.drop_front(close + 1).ltrim();
  if (!rest.consume_front(":") || collapseSpaces(rest).empty()) {
    directive.problem = Problem{diag::err_suppression_without_reason, spelled, ""};
    return directive;
  }
  directive.justification = collapseSpaces(rest);
  return directive;
}

void Suppressions::addFile(const llvm::SourceMgr &sources, const ast::TranslationUnit &unit) {
  const llvm::MemoryBuffer *buffer = sources.getMemoryBuffer(unit.bufferId);
  llvm::StringRef text = buffer->getBuffer();
  files.push_back({&unit, buffer->getBufferStart(), buffer->getBufferEnd()});
  if (!text.contains(kDirective))
    return;
  std::vector<parse::SourceToken> tokens = parse::lexSourceTokens(text);
  auto locate = [&](uint32_t offset) { return llvm::SMLoc::getFromPointer(text.data() + offset); };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const parse::SourceToken &comment = tokens[i];
    if (!comment.isComment())
      continue;
    llvm::StringRef body = commentBody(text.slice(comment.begin, comment.end));
    llvm::StringRef start = body.ltrim();
    if (!start.startswith(kDirective))
      continue;
    // A directive goes on with `[` or `:`; "policyc-ignore comments ..." is prose.
    llvm::StringRef after = start.drop_front(kDirective.size()).ltrim();
    if (!after.empty() && after.front() != '[' && after.front() != ':')
      continue;
    Directive directive =
        parseDirective(body, llvm::SMRange(locate(comment.begin), locate(comment.end)));

    // The token the comment belongs to: the one it follows on the same line, or else the one
    // it stands above. A stray `;` between items belongs to nothing (fmt removes it).
    auto isStray = [&](size_t j) {
      return tokens[j].kind == parse::SourceTokenKind::Semi &&
             unitsAt(unit, text.data() + tokens[j].begin).empty();
    };
    std::optional<size_t> previous;
    for (size_t j = i; j-- > 0;)
      if (!tokens[j].isComment() && !isStray(j)) {
        previous = j;
        break;
      }
    if (previous && countLineEnds(text.slice(tokens[*previous].end, comment.begin)) == 0) {
      llvm::SmallVector<Unit, 4> chain = unitsAt(unit, text.data() + tokens[*previous].begin);
      if (!chain.empty())
        directive.unit = chain.back().begin;
    } else {
      size_t next = i + 1;
      bool blankLine = false;
      uint32_t gapStart = comment.end;
      for (; next < tokens.size(); ++next) {
        blankLine |= countLineEnds(text.slice(gapStart, tokens[next].begin)) >= 2;
        if (!tokens[next].isComment() && !isStray(next))
          break;
        gapStart = tokens[next].end;
      }
      if (next < tokens.size()) {
        const char *anchor = text.data() + tokens[next].begin;
        llvm::SmallVector<Unit, 4> chain = unitsAt(unit, anchor);
        // Above a statement or declaration: the outermost one starting there, unless an empty
        // line separates them. Inside one (before a clause, a member's closing brace): that one.
        const Unit *starting =
            llvm::find_if(chain, [&](const Unit &u) { return u.begin == anchor; });
        if (starting != chain.end()) {
          if (!blankLine)
            directive.unit = starting->begin;
        } else if (!chain.empty()) {
          directive.unit = chain.back().begin;
        }
      }
    }
    if (directive.unit && !directive.problem)
      directivesOfUnit[directive.unit].push_back(directives.size());
    directives.push_back(std::move(directive));
  }
}

std::optional<Suppression> Suppressions::suppress(const Diagnostic &diagnostic) {
  const char *at = diagnostic.range.Start.getPointer();
  llvm::StringRef flag = diagnostic.info().flag;
  if (!at || flag.empty() || directivesOfUnit.empty())
    return std::nullopt;
  auto file = llvm::find_if(files, [&](const File &candidate) {
    return candidate.bufferStart <= at && at <= candidate.bufferEnd;
  });
  if (file == files.end())
    return std::nullopt;
  llvm::SmallVector<Unit, 4> chain = unitsAt(*file->unit, at);
  // The innermost statement or declaration first: its own directive explains it best.
  for (const Unit &unit : llvm::reverse(chain)) {
    auto found = directivesOfUnit.find(unit.begin);
    if (found == directivesOfUnit.end())
      continue;
    for (size_t index : found->second) {
      Directive &directive = directives[index];
      for (Flag &candidate : directive.flags) {
        if (candidate.name != flag)
          continue;
        candidate.used = true;
        return Suppression{directive.justification, directive.range};
      }
    }
  }
  return std::nullopt;
}

void Suppressions::reportProblems(DiagnosticEngine &diags, bool findingsComplete) {
  if (reported)
    return;
  reported = true;
  auto flagEnabled = [&](llvm::StringRef flag) {
    for (const DiagnosticInfo &info : allDiagnostics())
      if (info.flag == flag && diags.severityOf(info.kind) != Severity::Ignored)
        return true;
    return false;
  };
  for (Directive &directive : directives) {
    if (directive.problem) {
      const Problem &problem = *directive.problem;
      switch (problem.kind) {
      case diag::err_suppression_unknown_flag:
        diags.report(directive.range, problem.kind, problem.first, problem.second);
        break;
      default:
        diags.report(directive.range, problem.kind, problem.first);
        break;
      }
      continue;
    }
    if (!findingsComplete)
      continue;
    for (const Flag &flag : directive.flags) {
      if (flag.used || !flagEnabled(flag.name))
        continue;
      diags.report(directive.range, diag::warn_unused_suppression, flag.name,
                   directive.unit ? "the statement or declaration it belongs to has no such "
                                    "finding"
                                  : "it belongs to no statement or declaration; write it on the "
                                    "line above one or at the end of one of its lines");
    }
  }
}

} // namespace policyc
