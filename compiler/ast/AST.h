// The syntax tree of one policy file: owned nodes with source ranges, built from the parse
// tree of each statement and independent of ANTLR (the parse tree is dropped at once).
#ifndef POLICYC_AST_AST_H
#define POLICYC_AST_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policyc::ast {

struct Identifier {
  std::string text;
  llvm::SMRange range;
};

/// One or more adjacent string literals, escapes decoded and concatenated.
struct StringLiteral {
  std::string value;
  llvm::SMRange range;
};

/// `*`, `a`, `a.b.c` or `a.b.*`.
struct Path {
  std::vector<Identifier> segments; ///< empty for the bare `*`
  bool wildcard = false;            ///< a trailing `.*`
  llvm::SMRange range;

  bool isStar() const { return segments.empty(); }
  /// The path as written, normalised: "a.b", "a.b.*", "*".
  std::string spelling() const;
};

struct PathList {
  std::vector<Path> paths;
  llvm::SMRange range;
};

struct Duration {
  std::string amountText; ///< digits as written (the amount may not fit any integer)
  Identifier unit;
  llvm::SMRange range;
};

struct DateLiteral {
  std::string text;
  llvm::SMRange range;
};

/// `withdraw via email "privacy@example.com"`, `via link`, `via web "Settings page"`.
struct Channel {
  Identifier kind;
  std::optional<StringLiteral> address;
  llvm::SMRange range;
};

/// `sensitive`, `processor`, `opt_in`, or `basis consent` (key `basis`, value `consent`).
struct Attribute {
  Identifier key;
  std::optional<Identifier> value;
  llvm::SMRange range;
};

class Item {
public:
  enum class Kind : uint8_t {
    PolicyHeader,
    Import,
    Vocabulary,
    Consent,
    Event,
    Expect,
    Rule,
    Retain,
    Right,
    Notify,
    Protect,
    Note,
  };

  virtual ~Item();
  Kind getKind() const { return kind; }
  /// True for the items that become statements (and get statement ids) in the model.
  bool isStatement() const { return kind >= Kind::Rule; }

  llvm::SMRange range;

protected:
  explicit Item(Kind kind) : kind(kind) {}

private:
  Kind kind;
};

struct PolicyField {
  enum class Kind : uint8_t { Controller, Effective, Contact, Transfers, Certification };
  Kind kind;
  Identifier keyword;
  StringLiteral value;           ///< controller, contact, certification
  Identifier contactKind;        ///< contact
  DateLiteral date;              ///< effective
  std::vector<Identifier> names; ///< transfers under
  llvm::SMRange range;
};

class PolicyHeader : public Item {
public:
  PolicyHeader() : Item(Kind::PolicyHeader) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::PolicyHeader; }

  StringLiteral title;
  std::vector<PolicyField> fields;
};

class ImportDecl : public Item {
public:
  ImportDecl() : Item(Kind::Import) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Import; }

  StringLiteral target;
};

enum class VocabularyKind : uint8_t { Category, Purpose, Recipient, Source };
inline constexpr unsigned kNumVocabularies = 4;
llvm::StringRef vocabularyKeyword(VocabularyKind kind);

struct VocabularyNode {
  Identifier name;
  std::vector<Attribute> attributes;
  std::optional<StringLiteral> description;
  std::vector<VocabularyNode> children;
  bool hasBody = false; ///< written with { } (possibly empty)
  llvm::SMRange range;
};

class VocabularyDecl : public Item {
public:
  VocabularyDecl() : Item(Kind::Vocabulary) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Vocabulary; }

  VocabularyKind vocabulary = VocabularyKind::Category;
  VocabularyNode root;
};

struct Withdrawal {
  std::vector<Channel> channels;
  llvm::SMRange range;
};

class ConsentDecl : public Item {
public:
  ConsentDecl() : Item(Kind::Consent) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Consent; }

  Identifier name;
  std::vector<Attribute> attributes;
  std::optional<StringLiteral> description;
  std::vector<Withdrawal> withdrawals;
};

class EventDecl : public Item {
public:
  EventDecl() : Item(Kind::Event) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Event; }

  Identifier name;
  std::optional<StringLiteral> description;
};

enum class Verb : uint8_t { Collect, Use, Disclose, Link };
llvm::StringRef verbKeyword(Verb verb);
enum class Necessity : uint8_t { Unspecified, Required, Optional };

/// collect / use / disclose / link, and their `never` forms.
class RuleStmt : public Item {
public:
  RuleStmt() : Item(Kind::Rule) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Rule; }

  Verb verb = Verb::Collect;
  bool never = false;
  llvm::SMRange verbRange; ///< `collect`, or `never collect`
  PathList what;
  std::optional<PathList> sources;
  std::optional<PathList> recipients;
  std::optional<PathList> purposes;
  std::optional<PathList> linked;
  Necessity necessity = Necessity::Unspecified;
  llvm::SMRange necessityRange;
  bool only = false;
  llvm::SMRange onlyRange;
  std::vector<Identifier> consents;
  llvm::SMRange conditionRange; ///< `when consent a, b`
};

/// expect allow|deny ...: a decision test, not a statement of the policy (docs/test.md).
class ExpectStmt : public Item {
public:
  ExpectStmt() : Item(Kind::Expect) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Expect; }

  bool allow = true;
  llvm::SMRange verdictRange;
  Verb verb = Verb::Collect;
  llvm::SMRange verbRange;
  PathList what;
  std::optional<PathList> sources;
  std::optional<PathList> recipients;
  std::optional<PathList> purposes;
  std::optional<PathList> linked;
  std::vector<Identifier> granted;   ///< `when consent a, b`
  std::vector<Identifier> withdrawn; ///< `without consent c`
};

/// `For`: kept for the length; `Within`: deleted within the length (an upper bound).
enum class RetentionKind : uint8_t { For, Within, Until, While, AsNeeded };

class RetainStmt : public Item {
public:
  RetainStmt() : Item(Kind::Retain) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Retain; }

  PathList what;
  std::optional<PathList> sources;
  RetentionKind retention = RetentionKind::For;
  std::optional<Duration> length;   ///< for, within
  std::optional<Identifier> event;  ///< until, while, for|within ... after
  std::optional<PathList> purposes; ///< as needed for
  llvm::SMRange periodRange;
};

class RightStmt : public Item {
public:
  RightStmt() : Item(Kind::Right) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Right; }

  std::vector<Identifier> rights;
  std::vector<Channel> channels;
  std::optional<Duration> deadline;
};

class NotifyStmt : public Item {
public:
  NotifyStmt() : Item(Kind::Notify) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Notify; }

  Identifier notice;
  std::optional<Duration> lead;
  std::vector<Channel> channels;
};

enum class ProtectionState : uint8_t { InTransit, AtRest };

class ProtectStmt : public Item {
public:
  ProtectStmt() : Item(Kind::Protect) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Protect; }

  PathList what;
  std::optional<PathList> sources;
  ProtectionState state = ProtectionState::InTransit;
  std::vector<Identifier> measures;
  std::optional<StringLiteral> description;
};

class NoteStmt : public Item {
public:
  NoteStmt() : Item(Kind::Note) {}
  static bool classof(const Item *item) { return item->getKind() == Kind::Note; }

  Identifier section;
  StringLiteral text;
};

/// One parsed file.
struct TranslationUnit {
  std::string path; ///< as the user or the importing file named it
  unsigned bufferId = 0;
  std::vector<std::unique_ptr<Item>> items;
};

} // namespace policyc::ast

#endif
