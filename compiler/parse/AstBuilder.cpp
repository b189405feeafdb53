#include "parse/AstBuilder.h"

#include "basic/DiagnosticEngine.h"
#include "parse/ChunkTokenStream.h"
#include "parse/Lexer.h"
#include "parse/TokenKinds.h"

namespace policyc::parse {

namespace {
const ChunkToken &chunkToken(antlr4::Token *token) {
  return *static_cast<const ChunkToken *>(token);
}

ast::Verb verbOf(antlr4::Token *token) {
  switch (token->getType()) {
  case TokenKind::USE:
    return ast::Verb::Use;
  case TokenKind::DISCLOSE:
    return ast::Verb::Disclose;
  case TokenKind::LINK:
    return ast::Verb::Link;
  default:
    return ast::Verb::Collect;
  }
}

void appendUtf8(std::string &out, uint32_t codePoint) {
  if (codePoint < 0x80) {
    out += static_cast<char>(codePoint);
  } else if (codePoint < 0x800) {
    out += static_cast<char>(0xC0 | (codePoint >> 6));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    out += static_cast<char>(0xE0 | (codePoint >> 12));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (codePoint >> 18));
    out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  }
}
} // namespace

llvm::SMRange AstBuilder::range(antlr4::Token *token) const {
  const ChunkToken &chunk = chunkToken(token);
  return llvm::SMRange(loc(chunk.beginOffset()), loc(chunk.endOffset()));
}

llvm::SMRange AstBuilder::range(antlr4::Token *first, antlr4::Token *last) const {
  return llvm::SMRange(loc(chunkToken(first).beginOffset()), loc(chunkToken(last).endOffset()));
}

llvm::SMRange AstBuilder::range(antlr4::ParserRuleContext *context) const {
  return range(context->start, context->stop ? context->stop : context->start);
}

llvm::StringRef AstBuilder::text(antlr4::Token *token) const {
  return chunkToken(token).text();
}

ast::Identifier AstBuilder::identifier(antlr4::Token *token) const {
  return ast::Identifier{text(token).str(), range(token)};
}

ast::Identifier AstBuilder::identifier(P::NameContext *context) const {
  return identifier(context->start);
}

std::string AstBuilder::decodeString(antlr4::Token *token) {
  const ChunkToken &chunk = chunkToken(token);
  llvm::StringRef raw = chunk.text().drop_front().drop_back(); // the quotes
  uint32_t base = chunk.beginOffset() + 1;
  auto at = [&](size_t from, size_t to) {
    return llvm::SMRange(loc(base + static_cast<uint32_t>(from)),
                         loc(base + static_cast<uint32_t>(to)));
  };
  std::string out;
  out.reserve(raw.size());
  bool reportedEncoding = false;
  size_t i = 0;
  while (i < raw.size()) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '\\') {
      // The lexer guarantees a character after every backslash.
      char escape = raw[i + 1];
      switch (escape) {
      case '"':
      case '\\':
        out += escape;
        i += 2;
        continue;
      case 'n':
        out += '\n';
        i += 2;
        continue;
      case 't':
        out += '\t';
        i += 2;
        continue;
      case 'u': {
        size_t open = i + 2;
        size_t close = raw.find('}', open);
        llvm::StringRef digits;
        if (open < raw.size() && raw[open] == '{' && close != llvm::StringRef::npos)
          digits = raw.slice(open + 1, close);
        uint32_t codePoint = 0;
        if (digits.empty() || digits.size() > 6 || digits.getAsInteger(16, codePoint)) {
          size_t end = close == llvm::StringRef::npos ? i + 2 : close + 1;
          diags.report(at(i, end), diag::err_bad_unicode_escape,
                       "write \\u{ and 1 to 6 hexadecimal digits, then }");
          i = end;
          continue;
        }
        if (codePoint == 0 || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
          diags.report(at(i, close + 1), diag::err_bad_unicode_escape,
                       fmt::format("U+{:04X} is not an allowed character", codePoint));
        } else {
          appendUtf8(out, codePoint);
        }
        i = close + 1;
        continue;
      }
      default: {
        unsigned length = utf8SequenceLength(raw.data() + i + 1, raw.size() - i - 1);
        if (length == 0)
          length = 1;
        diags.report(at(i, i + 1 + length), diag::err_unknown_escape, raw.substr(i + 1, length));
        i += 1 + length;
        continue;
      }
      }
    }
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      diags.report(at(i, i + 1), diag::err_control_character_in_string, static_cast<unsigned>(c));
      ++i;
      continue;
    }
    if (c >= 0x80) {
      unsigned length = utf8SequenceLength(raw.data() + i, raw.size() - i);
      if (length == 0) {
        if (!reportedEncoding)
          diags.report(at(i, i + 1), diag::err_invalid_utf8, static_cast<unsigned>(c));
        reportedEncoding = true;
        ++i;
        continue;
      }
      out.append(raw.data() + i, length);
      i += length;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

ast::StringLiteral AstBuilder::strings(P::StringsContext *context) {
  ast::StringLiteral literal;
  for (antlr4::Token *part : context->parts)
    literal.value += decodeString(part);
  literal.range = range(context->parts.front(), context->parts.back());
  return literal;
}

ast::PathList AstBuilder::pathList(P::PathListContext *context) const {
  // The grammar has checked the shape; the tokens are `*` or `name (. name)* .*?`, separated
  // by commas.
  ast::PathList result;
  size_t first = context->start->getTokenIndex();
  size_t last = context->stop->getTokenIndex();
  // Sized first: lists are built by the hundred thousand in large policies.
  size_t commas = 0;
  for (size_t i = first; i <= last; ++i)
    commas += tokens.token(i).getType() == TokenKind::COMMA;
  result.paths.reserve(commas + 1);
  // Names of the path starting at token `start`: every other token up to the next comma
  // (`a . b . c`), so the count stops at that comma, whatever follows it.
  auto segmentsFrom = [&](size_t start) {
    size_t count = 0;
    for (size_t i = start; i <= last && tokens.token(i).getType() != TokenKind::COMMA; ++i)
      count += tokens.token(i).getType() != TokenKind::DOT &&
               tokens.token(i).getType() != TokenKind::DOT_STAR &&
               tokens.token(i).getType() != TokenKind::STAR;
    return count;
  };
  ast::Path path;
  path.segments.reserve(segmentsFrom(first));
  size_t pathStart = first;
  auto finish = [&](size_t pathLast) {
    path.range = range(tokens.token(pathStart), tokens.token(pathLast));
    result.paths.push_back(std::move(path));
    path = ast::Path();
  };
  for (size_t i = first; i <= last; ++i) {
    const ChunkToken &token = tokens.token(i);
    switch (token.getType()) {
    case TokenKind::COMMA:
      finish(i - 1);
      pathStart = i + 1;
      path.segments.reserve(segmentsFrom(pathStart));
      break;
    case TokenKind::DOT:
    case TokenKind::STAR:
      break;
    case TokenKind::DOT_STAR:
      path.wildcard = true;
      break;
    default:
      path.segments.push_back(ast::Identifier{token.text().str(), range(token, token)});
      break;
    }
  }
  finish(last);
  result.range = range(context);
  return result;
}

std::optional<ast::PathList> AstBuilder::optionalPathList(P::PathListContext *context) const {
  if (!context)
    return std::nullopt;
  return pathList(context);
}

ast::Duration AstBuilder::duration(P::DurationContext *context) const {
  return ast::Duration{text(context->amount).str(), identifier(context->unitName), range(context)};
}

ast::Channel AstBuilder::channel(P::ChannelContext *context) {
  ast::Channel result;
  result.kind = identifier(context->kind->start);
  if (context->address)
    result.address = strings(context->address);
  result.range = range(context);
  return result;
}

std::vector<ast::Channel> AstBuilder::channels(const std::vector<P::ChannelContext *> &contexts) {
  std::vector<ast::Channel> result;
  result.reserve(contexts.size());
  for (P::ChannelContext *context : contexts)
    result.push_back(channel(context));
  return result;
}

ast::Attribute AstBuilder::attribute(P::AttributeContext *context) const {
  ast::Attribute result;
  result.key = identifier(context->key);
  if (context->value)
    result.value = identifier(context->value->start);
  result.range = range(context);
  return result;
}

ast::VocabularyNode AstBuilder::vocabularyNode(P::VocabularyNodeContext *context) {
  ast::VocabularyNode node;
  node.name = identifier(context->id);
  for (P::AttributeContext *entry : context->attributes)
    node.attributes.push_back(attribute(entry));
  if (context->description)
    node.description = strings(context->description);
  node.hasBody = context->close != nullptr;
  node.children.reserve(context->children.size());
  for (P::VocabularyNodeContext *child : context->children)
    node.children.push_back(vocabularyNode(child));
  node.range = range(context);
  return node;
}

std::unique_ptr<ast::Item> AstBuilder::build(P::ItemContext *item) {
  std::unique_ptr<ast::Item> result;
  if (item->policy)
    result = policyHeader(item->policy);
  else if (item->importItem)
    result = importDecl(item->importItem);
  else if (item->vocabulary)
    result = vocabularyDecl(item->vocabulary);
  else if (item->consent)
    result = consentDecl(item->consent);
  else if (item->event)
    result = eventDecl(item->event);
  else if (item->permit)
    result = ruleStmt(item->permit);
  else if (item->never)
    result = neverStmt(item->never);
  else if (item->retain)
    result = retainStmt(item->retain);
  else if (item->right)
    result = rightStmt(item->right);
  else if (item->notify)
    result = notifyStmt(item->notify);
  else if (item->protect)
    result = protectStmt(item->protect);
  else if (item->note)
    result = noteStmt(item->note);
  else if (item->expect)
    result = expectStmt(item->expect);
  if (result) {
    result->range = range(item);
    return result;
  }
  if (item->empty) {
    llvm::SMRange semi = range(item->empty);
    diags.report(semi, diag::warn_extra_semicolon).fixIt(semi, "");
  }
  return nullptr;
}

std::unique_ptr<ast::Item> AstBuilder::policyHeader(P::PolicyDeclContext *context) {
  auto header = std::make_unique<ast::PolicyHeader>();
  header->title = strings(context->title);
  for (P::PolicyFieldContext *fieldContext : context->fields) {
    ast::PolicyField field;
    field.keyword = identifier(fieldContext->kw);
    field.range = range(fieldContext);
    switch (fieldContext->kw->getType()) {
    case TokenKind::CONTROLLER:
      field.kind = ast::PolicyField::Kind::Controller;
      field.value = strings(fieldContext->value);
      break;
    case TokenKind::EFFECTIVE:
      field.kind = ast::PolicyField::Kind::Effective;
      field.date = ast::DateLiteral{text(fieldContext->date).str(), range(fieldContext->date)};
      break;
    case TokenKind::CONTACT:
      field.kind = ast::PolicyField::Kind::Contact;
      field.contactKind = identifier(fieldContext->kind);
      field.value = strings(fieldContext->value);
      break;
    case TokenKind::TRANSFERS:
      field.kind = ast::PolicyField::Kind::Transfers;
      for (P::NameContext *name : fieldContext->frameworks)
        field.names.push_back(identifier(name));
      break;
    default:
      field.kind = ast::PolicyField::Kind::Certification;
      field.value = strings(fieldContext->value);
      break;
    }
    header->fields.push_back(std::move(field));
  }
  return header;
}

std::unique_ptr<ast::Item> AstBuilder::importDecl(P::ImportDeclContext *context) {
  auto decl = std::make_unique<ast::ImportDecl>();
  decl->target = ast::StringLiteral{decodeString(context->target), range(context->target)};
  return decl;
}

std::unique_ptr<ast::Item> AstBuilder::vocabularyDecl(P::VocabularyDeclContext *context) {
  auto decl = std::make_unique<ast::VocabularyDecl>();
  switch (context->kind->getType()) {
  case TokenKind::PURPOSE:
    decl->vocabulary = ast::VocabularyKind::Purpose;
    break;
  case TokenKind::RECIPIENT:
    decl->vocabulary = ast::VocabularyKind::Recipient;
    break;
  case TokenKind::SOURCE:
    decl->vocabulary = ast::VocabularyKind::Source;
    break;
  default:
    decl->vocabulary = ast::VocabularyKind::Category;
    break;
  }
  decl->root = vocabularyNode(context->root);
  return decl;
}

std::unique_ptr<ast::Item> AstBuilder::consentDecl(P::ConsentDeclContext *context) {
  auto decl = std::make_unique<ast::ConsentDecl>();
  decl->name = identifier(context->id);
  for (P::AttributeContext *entry : context->attributes)
    decl->attributes.push_back(attribute(entry));
  if (context->description)
    decl->description = strings(context->description);
  for (P::WithdrawalContext *withdrawal : context->withdrawals)
    decl->withdrawals.push_back(ast::Withdrawal{channels(withdrawal->channels), range(withdrawal)});
  return decl;
}

std::unique_ptr<ast::Item> AstBuilder::eventDecl(P::EventDeclContext *context) {
  auto decl = std::make_unique<ast::EventDecl>();
  decl->name = identifier(context->id);
  if (context->description)
    decl->description = strings(context->description);
  return decl;
}

std::unique_ptr<ast::Item> AstBuilder::ruleStmt(P::RuleStmtContext *context) {
  auto rule = std::make_unique<ast::RuleStmt>();
  rule->verb = verbOf(context->verb);
  rule->verbRange = range(context->verb);
  rule->what = pathList(context->what);
  rule->sources = optionalPathList(context->sources);
  rule->recipients = optionalPathList(context->recipients);
  rule->purposes = optionalPathList(context->purposes);
  rule->linked = optionalPathList(context->linked);
  if (context->necessity) {
    rule->necessity = context->necessity->getType() == TokenKind::REQUIRED
                          ? ast::Necessity::Required
                          : ast::Necessity::Optional;
    rule->necessityRange = range(context->necessity);
  }
  if (context->only) {
    rule->only = true;
    rule->onlyRange = range(context->only);
  }
  if (context->condition) {
    for (P::NameContext *consent : context->condition->consents)
      rule->consents.push_back(identifier(consent));
    rule->conditionRange = range(context->condition);
  }
  return rule;
}

std::unique_ptr<ast::Item> AstBuilder::neverStmt(P::NeverStmtContext *context) {
  auto rule = std::make_unique<ast::RuleStmt>();
  rule->never = true;
  rule->verb = verbOf(context->verb);
  rule->verbRange = range(context->start, context->verb);
  rule->what = pathList(context->what);
  rule->sources = optionalPathList(context->sources);
  rule->recipients = optionalPathList(context->recipients);
  rule->purposes = optionalPathList(context->purposes);
  rule->linked = optionalPathList(context->linked);
  return rule;
}

std::unique_ptr<ast::Item> AstBuilder::expectStmt(P::ExpectStmtContext *context) {
  auto expect = std::make_unique<ast::ExpectStmt>();
  ast::Identifier verdict = identifier(context->verdict);
  expect->verdictRange = verdict.range;
  if (verdict.text == "allow" || verdict.text == "deny") {
    expect->allow = verdict.text == "allow";
  } else {
    diags.report(verdict.range, diag::err_expected, "'allow' or 'deny'", "'" + verdict.text + "'");
    return nullptr;
  }
  expect->verb = verbOf(context->verb);
  expect->verbRange = range(context->verb);
  expect->what = pathList(context->what);
  expect->sources = optionalPathList(context->sources);
  expect->recipients = optionalPathList(context->recipients);
  expect->purposes = optionalPathList(context->purposes);
  expect->linked = optionalPathList(context->linked);
  if (context->condition)
    for (P::NameContext *consent : context->condition->consents)
      expect->granted.push_back(identifier(consent));
  if (context->without) {
    ast::Identifier without = identifier(context->without);
    if (without.text != "without") {
      diags.report(without.range, diag::err_expected, "'without consent' or ';'",
                   "'" + without.text + "'");
      return nullptr;
    }
    for (P::NameContext *consent : context->withdrawn)
      expect->withdrawn.push_back(identifier(consent));
  }
  return expect;
}

std::unique_ptr<ast::Item> AstBuilder::retainStmt(P::RetainStmtContext *context) {
  auto retain = std::make_unique<ast::RetainStmt>();
  retain->what = pathList(context->what);
  retain->sources = optionalPathList(context->sources);
  P::RetentionContext *period = context->period;
  retain->periodRange = range(period);
  switch (period->kw->getType()) {
  case TokenKind::FOR:
  case TokenKind::WITHIN:
    retain->retention = period->kw->getType() == TokenKind::FOR ? ast::RetentionKind::For
                                                                : ast::RetentionKind::Within;
    retain->length = duration(period->length);
    if (period->after)
      retain->event = identifier(period->after);
    break;
  case TokenKind::UNTIL:
    retain->retention = ast::RetentionKind::Until;
    retain->event = identifier(period->event);
    break;
  case TokenKind::WHILE:
    retain->retention = ast::RetentionKind::While;
    retain->event = identifier(period->event);
    break;
  default:
    retain->retention = ast::RetentionKind::AsNeeded;
    retain->purposes = pathList(period->purposes);
    break;
  }
  return retain;
}

std::unique_ptr<ast::Item> AstBuilder::rightStmt(P::RightStmtContext *context) {
  auto right = std::make_unique<ast::RightStmt>();
  for (P::NameContext *name : context->rights)
    right->rights.push_back(identifier(name));
  right->channels = channels(context->channels);
  if (context->deadline)
    right->deadline = duration(context->deadline);
  return right;
}

std::unique_ptr<ast::Item> AstBuilder::notifyStmt(P::NotifyStmtContext *context) {
  auto notify = std::make_unique<ast::NotifyStmt>();
  notify->notice = identifier(context->notice);
  if (context->lead)
    notify->lead = duration(context->lead);
  notify->channels = channels(context->channels);
  return notify;
}

std::unique_ptr<ast::Item> AstBuilder::protectStmt(P::ProtectStmtContext *context) {
  auto protect = std::make_unique<ast::ProtectStmt>();
  protect->what = pathList(context->what);
  protect->sources = optionalPathList(context->sources);
  protect->state =
      context->state->atRest ? ast::ProtectionState::AtRest : ast::ProtectionState::InTransit;
  for (P::NameContext *measure : context->measures)
    protect->measures.push_back(identifier(measure));
  if (context->description)
    protect->description = strings(context->description);
  return protect;
}

std::unique_ptr<ast::Item> AstBuilder::noteStmt(P::NoteStmtContext *context) {
  auto note = std::make_unique<ast::NoteStmt>();
  P::SectionNameContext *section = context->section;
  note->section = section->id ? identifier(section->id) : identifier(section->useWord);
  note->text = strings(context->text);
  return note;
}

} // namespace policyc::parse
