#include "ast/Relocation.h"

#include "llvm/Support/ErrorHandling.h"

namespace policyc::ast {

llvm::SMLoc relocate(llvm::SMLoc loc, const char *from, const char *to) {
  if (!loc.isValid())
    return loc;
  return llvm::SMLoc::getFromPointer(to + (loc.getPointer() - from));
}

llvm::SMRange relocate(llvm::SMRange range, const char *from, const char *to) {
  return llvm::SMRange(relocate(range.Start, from, to), relocate(range.End, from, to));
}

namespace {
/// Visits every location of an item. Each AST type has its overload, so a field added to a
/// type is one line here; the reuse test (tests/unit/parse/ItemReuseTest.cpp) compares
/// diagnostics and models of reused items with those of a fresh parse, under ASan in CI,
/// which catches a location left pointing into the freed buffer.
class Relocator {
public:
  Relocator(const char *from, const char *to) : from(from), to(to) {}

  void visit(llvm::SMRange &range) { range = relocate(range, from, to); }
  void visit(Identifier &identifier) { visit(identifier.range); }
  void visit(StringLiteral &literal) { visit(literal.range); }
  void visit(DateLiteral &literal) { visit(literal.range); }
  void visit(Path &path) {
    for (Identifier &segment : path.segments)
      visit(segment);
    visit(path.range);
  }
  void visit(PathList &list) {
    for (Path &path : list.paths)
      visit(path);
    visit(list.range);
  }
  void visit(Duration &duration) {
    visit(duration.unit);
    visit(duration.range);
  }
  void visit(Channel &channel) {
    visit(channel.kind);
    visit(channel.address);
    visit(channel.range);
  }
  void visit(Attribute &attribute) {
    visit(attribute.key);
    visit(attribute.value);
    visit(attribute.range);
  }
  void visit(Withdrawal &withdrawal) {
    visit(withdrawal.channels);
    visit(withdrawal.range);
  }
  void visit(PolicyField &field) {
    visit(field.keyword);
    visit(field.value);
    visit(field.contactKind);
    visit(field.date);
    visit(field.names);
    visit(field.range);
  }
  void visit(VocabularyNode &node) {
    visit(node.name);
    visit(node.attributes);
    visit(node.description);
    visit(node.children);
    visit(node.range);
  }
  template <typename T> void visit(std::optional<T> &value) {
    if (value)
      visit(*value);
  }
  template <typename T> void visit(std::vector<T> &values) {
    for (T &value : values)
      visit(value);
  }

  void visit(Item &item) {
    visit(item.range);
    switch (item.getKind()) {
    case Item::Kind::PolicyHeader: {
      auto &header = llvm::cast<PolicyHeader>(item);
      visit(header.title);
      visit(header.fields);
      return;
    }
    case Item::Kind::Import:
      visit(llvm::cast<ImportDecl>(item).target);
      return;
    case Item::Kind::Vocabulary:
      visit(llvm::cast<VocabularyDecl>(item).root);
      return;
    case Item::Kind::Consent: {
      auto &consent = llvm::cast<ConsentDecl>(item);
      visit(consent.name);
      visit(consent.attributes);
      visit(consent.description);
      visit(consent.withdrawals);
      return;
    }
    case Item::Kind::Event: {
      auto &event = llvm::cast<EventDecl>(item);
      visit(event.name);
      visit(event.description);
      return;
    }
    case Item::Kind::Rule: {
      auto &rule = llvm::cast<RuleStmt>(item);
      visit(rule.verbRange);
      visit(rule.what);
      visit(rule.sources);
      visit(rule.recipients);
      visit(rule.purposes);
      visit(rule.linked);
      visit(rule.necessityRange);
      visit(rule.onlyRange);
      visit(rule.consents);
      visit(rule.conditionRange);
      return;
    }
    case Item::Kind::Expect: {
      auto &expect = llvm::cast<ExpectStmt>(item);
      visit(expect.verdictRange);
      visit(expect.verbRange);
      visit(expect.what);
      visit(expect.sources);
      visit(expect.recipients);
      visit(expect.purposes);
      visit(expect.linked);
      visit(expect.granted);
      visit(expect.withdrawn);
      return;
    }
    case Item::Kind::Retain: {
      auto &retain = llvm::cast<RetainStmt>(item);
      visit(retain.what);
      visit(retain.sources);
      visit(retain.length);
      visit(retain.event);
      visit(retain.purposes);
      visit(retain.periodRange);
      return;
    }
    case Item::Kind::Right: {
      auto &right = llvm::cast<RightStmt>(item);
      visit(right.rights);
      visit(right.channels);
      visit(right.deadline);
      return;
    }
    case Item::Kind::Notify: {
      auto &notify = llvm::cast<NotifyStmt>(item);
      visit(notify.notice);
      visit(notify.lead);
      visit(notify.channels);
      return;
    }
    case Item::Kind::Protect: {
      auto &protect = llvm::cast<ProtectStmt>(item);
      visit(protect.what);
      visit(protect.sources);
      visit(protect.measures);
      visit(protect.description);
      return;
    }
    case Item::Kind::Note: {
      auto &note = llvm::cast<NoteStmt>(item);
      visit(note.section);
      visit(note.text);
      return;
    }
    }
    llvm_unreachable("unknown item kind");
  }

private:
  const char *from;
  const char *to;
};
} // namespace

void relocate(Item &item, const char *from, const char *to) {
  Relocator(from, to).visit(item);
}

} // namespace policyc::ast
