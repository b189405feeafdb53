#include "DiffHarness.h"

#include "ErrorCollector.h"

#include "basic/DiagnosticEngine.h"
#include "basic/SourceLocation.h"
#include "eval/Evaluator.h"
#include "frontend/Compilation.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <vector>

namespace policyc::difftest {

namespace {

/// Enough mismatches to diagnose a bug without flooding the log.
constexpr uint64_t kReportedFailures = 30;
/// Up to this many consents every subset is tried on every tuple.
constexpr size_t kExhaustiveConsents = 8;

uint64_t maskOf(const llvm::BitVector &set) {
  uint64_t mask = 0;
  for (unsigned bit : set.set_bits())
    mask |= uint64_t{1} << bit;
  return mask;
}

llvm::BitVector setOf(uint64_t mask, size_t count) {
  llvm::BitVector set(count);
  for (size_t bit = 0; bit < count; ++bit)
    if (mask & (uint64_t{1} << bit))
      set.set(bit);
  return set;
}

::policyc::Reason runtimeReason(eval::Reason reason) {
  switch (reason) {
  case eval::Reason::Permitted:
    return ::policyc::Reason::permitted;
  case eval::Reason::NoStatement:
    return ::policyc::Reason::no_statement;
  case eval::Reason::Prohibited:
    return ::policyc::Reason::prohibited;
  case eval::Reason::ConsentMissing:
    return ::policyc::Reason::consent_missing;
  }
  return ::policyc::Reason::no_statement;
}

} // namespace

/// The comparisons of one policy.
class Check {
public:
  Check(Runner &runner, const Api &api, const model::PolicyModel &model,
        const llvm::SourceMgr &sources)
      : runner(runner), api(api), model(model), sources(sources), evaluator(model) {}

  void all() {
    size_t nk = model.consents.size();
    if (nk > 64) {
      runner.fail("more than 64 consents; the harness passes consent sets as 64-bit masks");
      return;
    }
    expect(api.counts[0] == model.categories().size() && api.counts[1] == model.sources().size() &&
               api.counts[2] == model.purposes().size() &&
               api.counts[3] == model.recipients().size() && api.counts[4] == nk &&
               api.counts[5] == model.events.size() && api.statements == model.statementCount,
           "vocabulary sizes");
    names();
    tuples();
    collectAndLink();
    retention();
    deadlines();
  }

private:
  void expect(bool ok, const std::string &what) {
    ++runner.checks;
    if (!ok)
      runner.fail(what);
  }

  std::string describe(const ::policyc::Decision &decision) const {
    return std::string(decision.allowed ? "allowed" : "denied") + " (" +
           std::string(::policyc::to_string(decision.reason)) + ", statement " +
           std::to_string(decision.statement) + " at " + decision.file + ":" +
           std::to_string(decision.line) + ")";
  }

  std::string describe(const eval::Decision &decision) const {
    std::string where;
    if (decision.rule)
      if (auto loc = presumedLoc(sources, decision.rule->info.range.Start))
        where = loc->file.str() + ":" + std::to_string(loc->line);
    return std::string(decision.allowed ? "allowed" : "denied") + " (" +
           eval::reasonName(decision.reason).str() + ", statement " +
           std::to_string(decision.statement()) + " at " + where + ")";
  }

  /// Same decision, reason, statement, file and line.
  void compare(const ::policyc::Decision &generated, const eval::Decision &expected,
               const std::string &what) {
    ++runner.checks;
    bool same = generated.allowed == expected.allowed &&
                generated.reason == runtimeReason(expected.reason) &&
                generated.statement == expected.statement();
    if (same && !expected.rule) {
      same = llvm::StringRef(generated.file).empty() && generated.line == 0;
    } else if (same) {
      auto loc = presumedLoc(sources, expected.rule->info.range.Start);
      same = loc && loc->file == generated.file && loc->line == generated.line;
    }
    if (!same)
      runner.fail(what + ": generated " + describe(generated) + ", reference " +
                  describe(expected));
  }

  void names() {
    struct Vocabulary {
      Kind kind;
      model::VocabularyKind vocabulary;
    };
    for (Vocabulary entry : {Vocabulary{Kind::Category, model::VocabularyKind::Category},
                             Vocabulary{Kind::Source, model::VocabularyKind::Source},
                             Vocabulary{Kind::Purpose, model::VocabularyKind::Purpose},
                             Vocabulary{Kind::Recipient, model::VocabularyKind::Recipient}}) {
      const model::Vocabulary &vocabulary = model.vocabulary(entry.vocabulary);
      for (model::NodeId id = 0; id < vocabulary.size(); ++id) {
        const model::VocabularyNode &node = vocabulary[id];
        expect(api.name(entry.kind, id) == node.path, "to_string of " + node.path);
        expect(api.parse(entry.kind, node.path) == std::optional<size_t>(id),
               "from_string of " + node.path);
        expect(api.description(entry.kind, id) == node.description, "description of " + node.path);
        std::optional<size_t> parent;
        if (node.parent != model::kNoNode)
          parent = node.parent;
        expect(api.parent(entry.kind, id) == parent, "parent of " + node.path);
        for (model::NodeId other = 0; other < vocabulary.size(); ++other)
          expect(api.within(entry.kind, id, other) == vocabulary.isWithin(id, other),
                 "within(" + node.path + ", " + vocabulary[other].path + ")");
        unsigned flags = node.flags;
        if (entry.kind == Kind::Purpose)
          flags &= model::Marketing;
        if (entry.kind == Kind::Source)
          flags &= model::Anonymous | model::Tracking;
        if (entry.kind == Kind::Category)
          flags &= model::Sensitive | model::Anonymous | model::Tracking;
        if (entry.kind == Kind::Recipient)
          flags &= model::Abroad;
        expect(api.flags(entry.kind, id) == flags, "attributes of " + node.path);
        if (entry.kind == Kind::Recipient) {
          std::optional<size_t> kind;
          if (node.recipientKind)
            kind = static_cast<size_t>(*node.recipientKind);
          expect(api.kind(id) == kind, "kind of " + node.path);
        }
        if (entry.kind == Kind::Purpose) {
          std::optional<size_t> basis;
          if (node.basis)
            basis = static_cast<size_t>(*node.basis);
          expect(api.basis(id) == basis, "basis of " + node.path);
        }
      }
      expect(!api.parse(entry.kind, "no such name"), "from_string of a typo");
      expect(api.name(entry.kind, vocabulary.size()).empty(), "to_string out of range");
    }
    for (size_t k = 0; k < model.consents.size(); ++k) {
      const model::Consent &consent = model.consents[k];
      expect(api.name(Kind::Consent, k) == consent.name &&
                 api.description(Kind::Consent, k) == consent.description &&
                 api.parse(Kind::Consent, consent.name) == std::optional<size_t>(k) &&
                 api.optIn(k) == consent.optIn &&
                 ((api.defaults >> k) & 1) == (consent.optIn ? 0u : 1u),
             "consent " + consent.name);
    }
    expect(maskOf(evaluator.defaultConsents()) == api.defaults, "default consents");
    for (size_t e = 0; e < model.events.size(); ++e)
      expect(api.name(Kind::Event, e) == model.events[e].name &&
                 api.description(Kind::Event, e) == model.events[e].description &&
                 api.parse(Kind::Event, model.events[e].name) == std::optional<size_t>(e),
             "event " + model.events[e].name);
  }

  /// Every tuple under every consent set (or, with many consents, every subset of the
  /// consents its permits name, with all others off and on).
  void tuples() {
    size_t nc = model.categories().size(), ns = model.sources().size(),
           np = model.purposes().size(), nr = model.recipients().size(), nk = model.consents.size();
    uint64_t tupleCount = uint64_t{nc} * ns * np * nr;
    uint64_t all = nk >= 64 ? ~uint64_t{0} : (uint64_t{1} << nk) - 1;
    bool exhaustive = nk <= kExhaustiveConsents;
    // Below this, the reference evaluates every (tuple, consent set) itself; above, once per
    // subset of the consents the tuple's permits name, which is all it ever reads.
    bool direct = exhaustive && (tupleCount << nk) <= 2'000'000;
    std::vector<llvm::BitVector> sets;
    for (uint64_t mask = 0; exhaustive && mask <= all; ++mask)
      sets.push_back(setOf(mask, nk));
    for (model::NodeId c = 0; c < nc; ++c)
      for (model::NodeId s = 0; s < ns; ++s)
        for (model::NodeId p = 0; p < np; ++p)
          for (model::NodeId r = 0; r < nr; ++r) {
            eval::Tuple tuple{c, s, p, r};
            std::vector<model::ConsentId> relevant = evaluator.consentsAt(tuple);
            std::vector<eval::Decision> byRelevant;
            if (!direct)
              for (uint64_t mask = 0; mask < (uint64_t{1} << relevant.size()); ++mask) {
                llvm::BitVector set(nk);
                for (size_t bit = 0; bit < relevant.size(); ++bit)
                  if (mask & (uint64_t{1} << bit))
                    set.set(relevant[bit]);
                byRelevant.push_back(evaluator.decide(tuple, set));
              }
            std::vector<uint64_t> masks;
            if (exhaustive) {
              for (uint64_t mask = 0; mask <= all; ++mask)
                masks.push_back(mask);
            } else {
              for (uint64_t mask = 0; mask < (uint64_t{1} << relevant.size()); ++mask) {
                uint64_t chosen = 0;
                for (size_t bit = 0; bit < relevant.size(); ++bit)
                  if (mask & (uint64_t{1} << bit))
                    chosen |= uint64_t{1} << relevant[bit];
                uint64_t others = all;
                for (model::ConsentId consent : relevant)
                  others &= ~(uint64_t{1} << consent);
                masks.push_back(chosen);
                masks.push_back(chosen | others);
              }
            }
            for (size_t i = 0; i < masks.size(); ++i) {
              uint64_t mask = masks[i];
              eval::Decision expected;
              if (direct) {
                expected = evaluator.decide(tuple, sets[mask]);
              } else {
                uint64_t projected = 0;
                for (size_t bit = 0; bit < relevant.size(); ++bit)
                  if (mask & (uint64_t{1} << relevant[bit]))
                    projected |= uint64_t{1} << bit;
                expected = byRelevant[projected];
              }
              // Alternate the two entry points for our own use.
              ::policyc::Decision generated = r == model.usRecipient && i % 2 == 0
                                                  ? api.use(c, s, p, mask)
                                                  : api.disclose(c, s, r, p, mask);
              ++runner.checks;
              if (generated.allowed == expected.allowed &&
                  generated.reason == runtimeReason(expected.reason) &&
                  generated.statement == expected.statement())
                continue;
              --runner.checks;
              compare(generated, expected,
                      "tuple (" + model.categories()[c].path + ", " + model.sources()[s].path +
                          ", " + model.purposes()[p].path + ", " + model.recipients()[r].path +
                          ") consents " + std::to_string(mask));
            }
          }
    // File and line of every decision row: once per distinct deciding statement suffices,
    // checked on the default consents.
    uint64_t defaults = maskOf(evaluator.defaultConsents());
    for (model::NodeId c = 0; c < nc; ++c)
      for (model::NodeId s = 0; s < ns; ++s)
        for (model::NodeId p = 0; p < np; ++p)
          for (model::NodeId r = 0; r < nr; ++r)
            compare(api.disclose(c, s, r, p, defaults),
                    evaluator.decide({c, s, p, r}, evaluator.defaultConsents()),
                    "location of the decision on (" + model.categories()[c].path + ", " +
                        model.sources()[s].path + ", " + model.purposes()[p].path + ", " +
                        model.recipients()[r].path + ")");
    if (!(nc && ns && np && nr))
      return;
    // A value cast from a bad integer is default deny in every position, under every consent
    // set tried, also where it falls in the padding of a table whose rows are rounded up to a
    // power of two.
    for (uint64_t mask : {uint64_t{0}, all}) {
      auto denied = [](const ::policyc::Decision &decision) {
        return !decision.allowed && decision.reason == ::policyc::Reason::no_statement &&
               decision.statement == 0;
      };
      for (size_t c : outOfRange(nc))
        expect(denied(api.disclose(c, 0, 0, 0, mask)) && denied(api.use(c, 0, 0, mask)) &&
                   denied(api.collect(c, 0, mask)) && denied(api.link(c, 0, 0, mask)) &&
                   denied(api.link(0, c, 0, mask)),
               "out-of-range category " + std::to_string(c) + " is default deny");
      for (size_t s : outOfRange(ns))
        expect(denied(api.disclose(0, s, 0, 0, mask)) && denied(api.use(0, s, 0, mask)) &&
                   denied(api.collect(0, s, mask)) && denied(api.link(0, 0, s, mask)),
               "out-of-range source " + std::to_string(s) + " is default deny");
      for (size_t p : outOfRange(np))
        expect(denied(api.disclose(0, 0, 0, p, mask)) && denied(api.use(0, 0, p, mask)),
               "out-of-range purpose " + std::to_string(p) + " is default deny");
      for (size_t r : outOfRange(nr))
        expect(denied(api.disclose(0, 0, r, 0, mask)),
               "out-of-range recipient " + std::to_string(r) + " is default deny");
    }
  }

  /// Values just past `count`, past it rounded up to a power of two, and the largest value of
  /// the enumeration's underlying type (8 bits up to 256 values, else 16).
  static std::vector<size_t> outOfRange(size_t count) {
    size_t limit = count <= 256 ? 256 : 65536;
    size_t power = 1;
    while (power < count)
      power <<= 1;
    std::vector<size_t> values;
    for (size_t value : {count, count + 1, power, power + 1, limit - 1})
      if (value >= count && value < limit && !llvm::is_contained(values, value))
        values.push_back(value);
    return values;
  }

  void collectAndLink() {
    size_t nc = model.categories().size(), ns = model.sources().size(), nk = model.consents.size();
    std::vector<uint64_t> masks;
    if (nk <= kExhaustiveConsents) {
      for (uint64_t mask = 0; mask < (uint64_t{1} << nk); ++mask)
        masks.push_back(mask);
    } else {
      masks = {0, maskOf(evaluator.defaultConsents()), maskOf(evaluator.allConsents())};
    }
    for (uint64_t mask : masks) {
      llvm::BitVector set = setOf(mask, nk);
      for (model::NodeId c = 0; c < nc; ++c)
        for (model::NodeId s = 0; s < ns; ++s) {
          compare(api.collect(c, s, mask), evaluator.mayCollect(c, s, set),
                  "collect (" + model.categories()[c].path + ", " + model.sources()[s].path +
                      ") consents " + std::to_string(mask));
          for (model::NodeId b = 0; b < nc; ++b)
            compare(api.link(c, b, s, mask), evaluator.mayLink(c, b, s, set),
                    "link (" + model.categories()[c].path + ", " + model.categories()[b].path +
                        ", " + model.sources()[s].path + ") consents " + std::to_string(mask));
        }
    }
  }

  void retention() {
    size_t nc = model.categories().size(), ns = model.sources().size(),
           np = model.purposes().size();
    for (model::NodeId c = 0; c < nc; ++c)
      for (model::NodeId s = 0; s < ns; ++s) {
        model::RetentionDecision expected = evaluator.retention(c, s);
        RetentionAnswer generated = api.retention(c, s);
        const model::Retention *statement = expected.statement;
        ::policyc::RetentionKind kind = ::policyc::RetentionKind::none;
        switch (expected.kind) {
        case model::PeriodKind::None:
          break;
        case model::PeriodKind::For:
          kind = ::policyc::RetentionKind::for_period;
          break;
        case model::PeriodKind::Until:
          kind = ::policyc::RetentionKind::until_event;
          break;
        case model::PeriodKind::While:
          kind = ::policyc::RetentionKind::while_event;
          break;
        case model::PeriodKind::Conflicting:
          kind = ::policyc::RetentionKind::conflicting;
          break;
        case model::PeriodKind::Within:
          kind = ::policyc::RetentionKind::within_period;
          break;
        }
        uint64_t hours = statement && statement->length ? statement->length->hours() : 0;
        bool hasEvent = statement && statement->event != model::kNone;
        expect(
            generated.kind == kind && generated.statement == (statement ? statement->info.id : 0) &&
                generated.hours == hours && generated.hasEvent == hasEvent &&
                (!hasEvent || generated.event == statement->event),
            "retention of (" + model.categories()[c].path + ", " + model.sources()[s].path + ")");
        for (model::NodeId p = 0; p < np; ++p)
          expect(api.keptAsNeeded(c, s, p) == evaluator.keptAsNeededFor(c, s, p),
                 "as needed for " + model.purposes()[p].path);
      }
  }

  void deadlines() {
    auto check = [&](const ::policyc::Deadline &generated, const model::DeadlineDecision &expected,
                     const std::string &what) {
      uint64_t hours = expected.duration ? expected.duration->hours() : 0;
      expect(generated.statement == (expected.statement ? expected.statement->id : 0) &&
                 generated.defined == expected.duration.has_value() &&
                 static_cast<uint64_t>(generated.within.count()) == hours,
             what);
    };
    for (size_t i = 0; i < api.rights; ++i)
      check(api.deadline(i), evaluator.rightDeadline(static_cast<model::Right>(i)),
            "deadline of right " + std::to_string(i));
    for (size_t i = 0; i < api.notices; ++i)
      check(api.lead(i), evaluator.noticeLead(static_cast<model::NoticeKind>(i)),
            "lead time of notice " + std::to_string(i));
  }

  Runner &runner;
  const Api &api;
  const model::PolicyModel &model;
  const llvm::SourceMgr &sources;
  eval::Evaluator evaluator;
};

void Runner::run(const Api &api, const std::string &path) {
  current = path;
  ++policies;
  llvm::SourceMgr sources;
  ErrorCollector errors;
  DiagnosticOptions options;
  options.errorLimit = 0;
  DiagnosticEngine diags(sources, errors, options);
  Compilation compilation(sources, diags);
  if (!compilation.loadRoot(path)) {
    fail("cannot read the policy");
    return;
  }
  std::unique_ptr<model::PolicyModel> model = compilation.analyze();
  if (!model || diags.hasErrors()) {
    fail("the policy has front-end errors:\n" + errors.messages);
    return;
  }
  Check(*this, api, *model, sources).all();
}

void Runner::fail(const std::string &message) {
  ++failures;
  if (failures <= kReportedFailures)
    llvm::errs() << current << ": MISMATCH: " << message << "\n";
}

int Runner::finish() {
  llvm::outs() << "differential test: " << policies << " policies, " << checks << " checks, "
               << failures << " mismatches\n";
  return failures == 0 && policies != 0 ? 0 : 1;
}

} // namespace policyc::difftest
