// PolicyModel: the resolved form of a policy that the checker, the reference evaluator and
// every backend read. Names are resolved to vocabulary nodes, trees are numbered in DFS
// pre-order (a subtree is an interval), attributes are inherited, statements carry ids.
//
// Ranges are llvm::SMRange into the SourceMgr of the Compilation that built the model; the
// model must not outlive it.
#ifndef POLICYC_MODEL_POLICYMODEL_H
#define POLICYC_MODEL_POLICYMODEL_H

#include "model/NodeSet.h"
#include "model/Registry.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/SMLoc.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace policyc::model {

// ---------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------

struct Date {
  int year = 0;
  unsigned month = 0; ///< 1..12
  unsigned day = 0;   ///< 1..31

  std::string iso() const; ///< YYYY-MM-DD
  /// Days since 1970-01-01 (proleptic Gregorian).
  int64_t daysSinceEpoch() const;
  static std::optional<Date> parseIso(llvm::StringRef text);
  // Spelled out, not `<=> = default`: the fuzz build compiles as C++17 (docs/robustness.md).
  auto key() const { return std::tie(year, month, day); }
  friend bool operator==(const Date &a, const Date &b) { return a.key() == b.key(); }
  friend bool operator!=(const Date &a, const Date &b) { return a.key() != b.key(); }
  friend bool operator<(const Date &a, const Date &b) { return a.key() < b.key(); }
  friend bool operator<=(const Date &a, const Date &b) { return a.key() <= b.key(); }
  friend bool operator>(const Date &a, const Date &b) { return a.key() > b.key(); }
  friend bool operator>=(const Date &a, const Date &b) { return a.key() >= b.key(); }
};

enum class DurationUnit : uint8_t { Hours, Days, Weeks, Months, Years };

struct Duration {
  uint64_t amount = 0;
  DurationUnit unit = DurationUnit::Days;

  /// Length in hours; months count 730.485 hours and years 8765.82 (the Gregorian average,
  /// as std::chrono::months and years), rounded down.
  uint64_t hours() const;
  /// "30 days", "1 month": as written, unit pluralised.
  std::string str() const;
  bool operator==(const Duration &other) const {
    return amount == other.amount && unit == other.unit;
  }
};

llvm::StringRef unitName(DurationUnit unit, bool plural);

// ---------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------

enum class VocabularyKind : uint8_t { Category, Purpose, Recipient, Source };
inline constexpr unsigned kNumVocabularies = 4;
llvm::StringRef vocabularyName(VocabularyKind kind); ///< "category", "purpose", ...

/// Attribute bits of a node; `flags` holds the inherited (effective) set.
enum NodeFlag : uint8_t {
  Sensitive = 1 << 0, ///< category
  Anonymous = 1 << 1, ///< category, source
  Tracking = 1 << 2,  ///< category, source
  Abroad = 1 << 3,    ///< recipient
  Marketing = 1 << 4, ///< purpose: direct marketing or advertising (checker class 9)
};

struct VocabularyNode {
  std::string name;        ///< the last path segment
  std::string path;        ///< dotted path from the root, e.g. "contact.email"
  std::string description; ///< as written, empty when none
  NodeId parent = kNoNode;
  NodeId last = 0;    ///< the subtree of node n is [n, last]
  uint16_t depth = 0; ///< 0 for top-level nodes
  uint8_t ownFlags = 0;
  uint8_t flags = 0;
  std::optional<RecipientKind> recipientKind; ///< recipients: own or inherited
  std::optional<LegalBasis> basis;            ///< purposes: own or inherited
  bool builtin = false;                       ///< `us`
  /// `open`: the members listed are examples, not the whole ("such as"). The node's own id
  /// then stands for its unlisted members (docs/semantics.md, "Open nodes"). Not inherited:
  /// it says something about this node's list only.
  bool open = false;
  llvm::SMRange range; ///< the node's name where declared

  bool has(NodeFlag flag) const { return (flags & flag) != 0; }
  bool isLeaf(NodeId self) const { return last == self; }
  /// True for a node that stands for data (or purposes, ...) of its own rather than only for
  /// its members: a leaf, or an open node (its unlisted members).
  bool isConcrete(NodeId self) const { return open || isLeaf(self); }
};

class Vocabulary {
public:
  VocabularyKind kind = VocabularyKind::Category;
  /// In DFS pre-order: a node's id is its index, its subtree follows it.
  std::vector<VocabularyNode> nodes;
  llvm::StringMap<NodeId> byPath;

  NodeId size() const { return static_cast<NodeId>(nodes.size()); }
  const VocabularyNode &operator[](NodeId id) const { return nodes[id]; }
  std::optional<NodeId> find(llvm::StringRef path) const {
    auto found = byPath.find(path);
    if (found == byPath.end())
      return std::nullopt;
    return found->getValue();
  }
  NodeSet subtree(NodeId id) const { return NodeSet::range(id, nodes[id].last); }
  NodeSet all() const { return nodes.empty() ? NodeSet() : NodeSet::range(0, size() - 1); }
  /// Nodes whose effective flags include `flag`.
  NodeSet withFlag(NodeFlag flag) const;
  /// Nodes that stand for something of their own (isConcrete): the leaves and the open
  /// nodes. An inner node that is not open is only the union of its members.
  NodeSet concrete() const;
  /// True for a node whose ancestor-or-self is `ancestor`.
  bool isWithin(NodeId id, NodeId ancestor) const {
    return ancestor <= id && id <= nodes[ancestor].last;
  }

  /// The nodes whose subtree meets `set`: the set and every ancestor of its nodes. A question
  /// about such a node concerns some member of the set (docs/semantics.md, "Groups").
  NodeSet upwardClosure(const NodeSet &set) const {
    NodeSet result;
    upwardClosure(set, result);
    return result;
  }
  /// The nodes whose whole subtree lies in `set`: a question about such a node concerns
  /// members of the set only.
  NodeSet downwardInterior(const NodeSet &set) const {
    NodeSet result;
    downwardInterior(set, result);
    return result;
  }
  /// The same, written over `out` (not `set` itself): Effects fills its boxes in place, which
  /// spares a copy per axis of every effect.
  void upwardClosure(const NodeSet &set, NodeSet &out) const;
  void downwardInterior(const NodeSet &set, NodeSet &out) const;
};

// ---------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------

using ConsentId = uint32_t;
using EventId = uint32_t;
inline constexpr uint32_t kNone = UINT32_MAX;

struct Channel {
  ChannelKind kind = ChannelKind::email;
  std::string address; ///< empty when none was written
  llvm::SMRange range;
};

struct Consent {
  std::string name;
  std::string description;
  bool optIn = true; ///< opt-in consents start not granted, opt-out ones granted
  std::vector<Channel> withdrawals;
  llvm::SMRange range; ///< the name where declared
};

struct Event {
  std::string name;
  std::string description;
  llvm::SMRange range;
};

struct Contact {
  ContactKind kind = ContactKind::email;
  std::string value;
  llvm::SMRange range;
};

struct FrameworkRef {
  Framework framework = Framework::standard_contractual_clauses;
  llvm::SMRange range;
};

struct PolicyInfo {
  bool present = false; ///< a `policy` header was written
  std::string title;
  std::string controller;
  std::optional<Date> effective;
  std::vector<Contact> contacts;
  std::vector<FrameworkRef> frameworks;
  std::vector<std::string> certifications;
  llvm::SMRange range;           ///< the whole header
  llvm::SMRange controllerRange; ///< the controller field, if written
  llvm::SMRange effectiveRange;  ///< the effective field, if written
};

// ---------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------

/// A name or group as written in a statement, resolved.
struct Selector {
  enum class Kind : uint8_t {
    Node,        ///< a vocabulary node (and its subtree)
    All,         ///< `*`
    Identifying, ///< categories that are not anonymous
    External,    ///< recipients that are not internal
  };
  Kind kind = Kind::Node;
  NodeId node = kNoNode; ///< for Kind::Node
  NodeSet nodes;         ///< what the selector stands for
  std::string spelling;  ///< as written: "contact.email", "*", "identifying"
  llvm::SMRange range;
};

/// A clause of selectors: `contact, payment` or `from website.profile_form`.
struct SelectorList {
  std::vector<Selector> selectors;
  NodeSet nodes;        ///< union of the selectors
  bool written = false; ///< false when the clause was omitted (the set is then everything)
  llvm::SMRange range;
};

/// Every statement has an id (1-based, in load order over all files) and a source range.
struct StatementInfo {
  uint32_t id = 0;
  llvm::SMRange range;
};

enum class RuleKind : uint8_t { Collect, Use, Disclose, Link };
llvm::StringRef ruleKeyword(RuleKind kind);
enum class Necessity : uint8_t { Unspecified, Required, Optional };

/// collect / use / disclose / link, permits or (`never`) prohibitions.
///
/// Meaning (docs/semantics.md): a permit covers the tuples (category, source, purpose,
/// recipient) in categories x sources x purposes x recipients; `collect` and `use` have
/// recipients = {us}; link rules relate `categories` with `linked`.
struct Rule {
  StatementInfo info;
  RuleKind kind = RuleKind::Collect;
  bool prohibition = false;
  SelectorList categories;
  SelectorList sources;
  SelectorList purposes;
  SelectorList recipients;
  SelectorList linked;
  Necessity necessity = Necessity::Unspecified;
  bool only = false;               ///< `for P only`: forbids every other purpose for this data
  std::vector<ConsentId> consents; ///< all must be granted
  llvm::SMRange verbRange;
  llvm::SMRange necessityRange;
  llvm::SMRange onlyRange;
  llvm::SMRange conditionRange;

  bool isPermit() const { return !prohibition; }
};

/// `For`: kept for the length; `Within`: deleted within the length at the latest (an upper
/// bound, "deleted within 30 days").
enum class RetentionKind : uint8_t { For, Within, Until, While, AsNeeded };

struct Retention {
  StatementInfo info;
  SelectorList categories;
  SelectorList sources;
  RetentionKind kind = RetentionKind::For;
  std::optional<Duration> length; ///< For, Within
  EventId event = kNone;          ///< Until, While, and For|Within ... after
  SelectorList purposes;          ///< AsNeeded
  llvm::SMRange periodRange;
};

struct RightStatement {
  StatementInfo info;
  std::vector<Right> rights;
  std::vector<llvm::SMRange> rightRanges;
  std::vector<Channel> channels;
  std::optional<Duration> deadline;
  llvm::SMRange deadlineRange;
};

struct Notice {
  StatementInfo info;
  NoticeKind notice = NoticeKind::policy_change;
  llvm::SMRange noticeRange;
  std::optional<Duration> lead;
  llvm::SMRange leadRange;
  std::vector<Channel> channels;
};

enum class ProtectionState : uint8_t { InTransit, AtRest };

struct Protection {
  StatementInfo info;
  SelectorList categories;
  SelectorList sources;
  ProtectionState state = ProtectionState::InTransit;
  std::vector<std::string> measures;
  std::string description;
};

struct Note {
  StatementInfo info;
  NoteSection section = NoteSection::intro;
  std::string text;
};

/// `expect allow|deny VERB ...`: a decision test (docs/test.md). It asks about every
/// question in the product of its clauses (each node, inner nodes included, on each axis),
/// under the default consents with `granted` added and `withdrawn` taken away. Not a
/// statement: it has no id and means nothing to the policy itself.
struct Expectation {
  bool allow = true;
  RuleKind kind = RuleKind::Collect;
  SelectorList categories;
  SelectorList sources;
  SelectorList purposes;
  SelectorList recipients; ///< `us` for collect and use
  SelectorList linked;
  std::vector<ConsentId> granted;
  std::vector<ConsentId> withdrawn;
  llvm::SMRange range;
  llvm::SMRange verdictRange;
};

// ---------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------

class Effects;

class PolicyModel {
public:
  PolicyModel();
  ~PolicyModel();
  // Effects point into the rules: a model stays where it was built.
  PolicyModel(const PolicyModel &) = delete;
  PolicyModel &operator=(const PolicyModel &) = delete;

  PolicyInfo policy;
  std::array<Vocabulary, kNumVocabularies> vocabularies;
  std::vector<Consent> consents;
  llvm::StringMap<ConsentId> consentsByName;
  std::vector<Event> events;
  llvm::StringMap<EventId> eventsByName;

  std::vector<Rule> rules;
  std::vector<Retention> retentions;
  std::vector<RightStatement> rights;
  std::vector<Notice> notices;
  std::vector<Protection> protections;
  std::vector<Note> notes;
  /// Decision tests, in load order.
  std::vector<Expectation> expectations;
  uint32_t statementCount = 0;

  /// Files in load order (every file after the files it imports; the root file last).
  std::vector<std::string> files;
  /// The built-in recipient `us`.
  NodeId usRecipient = 0;

  Vocabulary &vocabulary(VocabularyKind kind) { return vocabularies[static_cast<size_t>(kind)]; }
  const Vocabulary &vocabulary(VocabularyKind kind) const {
    return vocabularies[static_cast<size_t>(kind)];
  }
  const Vocabulary &categories() const { return vocabulary(VocabularyKind::Category); }
  const Vocabulary &purposes() const { return vocabulary(VocabularyKind::Purpose); }
  const Vocabulary &recipients() const { return vocabulary(VocabularyKind::Recipient); }
  const Vocabulary &sources() const { return vocabulary(VocabularyKind::Source); }

  /// Categories that are not anonymous (the group `identifying`).
  NodeSet identifyingCategories() const;
  /// Recipients whose kind is not internal (the group `external`).
  NodeSet externalRecipients() const;

  /// What the rule statements mean (model/Effects.h), derived on first use. The rules must
  /// not change after that.
  const Effects &effects() const;

private:
  mutable std::unique_ptr<Effects> derivedEffects;
};

} // namespace policyc::model

#endif
