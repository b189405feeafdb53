#include "ClaimChecker.h"

#include "gen/text/DocumentBuilder.h"
#include "gen/text/English.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <set>

namespace policyc::test {

using gen::text::Claim;

std::string Contradiction::str() const {
  std::string statementList;
  for (uint32_t id : statements)
    statementList += (statementList.empty() ? "" : " ") + std::to_string(id);
  return "“" + sentence + "” " + problem + " at " + tuple + " with consents {" + consents +
         "} (statements " + statementList + ")";
}

GeneratedText generateText(const std::string &source, const std::string &name) {
  GeneratedText result;
  result.compiled = compileText(source, name);
  if (!result.compiled->model)
    return result;
  for (const std::string &id : result.compiled->consumer.ids)
    for (const DiagnosticInfo &info : allDiagnostics())
      if (info.id == id &&
          (info.diagClass == DiagnosticClass::Error || info.diagClass == DiagnosticClass::Fatal))
        return result;
  result.evaluator = std::make_unique<eval::Evaluator>(*result.compiled->model);
  result.document =
      gen::text::buildDocument(*result.compiled->model, result.compiled->sources, name);
  return result;
}

std::vector<const Claim *> allClaims(const gen::text::Document &document) {
  std::vector<const Claim *> claims;
  auto add = [&](const std::vector<Claim> &more) {
    for (const Claim &claim : more)
      claims.push_back(&claim);
  };
  auto blocks = [&](const std::vector<gen::text::Block> &list) {
    for (const gen::text::Block &block : list) {
      add(block.claims);
      for (const gen::text::ListItem &item : block.items)
        add(item.claims);
      for (const gen::text::TableRow &row : block.table.rows)
        add(row.claims);
    }
  };
  blocks(document.introduction);
  for (const gen::text::Section &section : document.sections)
    blocks(section.blocks);
  return claims;
}

ClaimChecker::ClaimChecker(const eval::Evaluator &evaluator)
    : evaluator(evaluator), model(evaluator.getModel()) {}

namespace {
std::vector<model::NodeId> nodesOf(const model::NodeSet &set) {
  std::vector<model::NodeId> nodes;
  for (const model::Interval &interval : set.getIntervals())
    for (uint64_t id = interval.first; id <= interval.last; ++id)
      nodes.push_back(static_cast<model::NodeId>(id));
  return nodes;
}

std::string consentNames(const model::PolicyModel &model, const eval::ConsentSet &granted) {
  std::string names;
  for (size_t i = 0; i < granted.size(); ++i)
    if (granted.test(i))
      names += (names.empty() ? "" : ", ") + model.consents[i].name;
  return names;
}
} // namespace

std::string ClaimChecker::describe(model::Relation relation, const model::Point &point) const {
  static const char *const kAxisNames[] = {"category", "source", "purpose", "recipient"};
  std::array<const model::Vocabulary *, model::kNumAxes> vocabularies =
      model.effects().axisVocabularies(relation);
  std::string text = "(";
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis) {
    const model::Vocabulary *vocabulary = vocabularies[axis];
    if (!vocabulary)
      continue;
    std::string name = relation == model::Relation::Link && axis == model::LinkedAxis
                           ? "linked category"
                           : kAxisNames[axis];
    std::string node =
        point[axis] < vocabulary->size() ? (*vocabulary)[point[axis]].path : std::string("(none)");
    if (node.empty())
      node = "us";
    text += (axis ? ", " : "") + name + " " + node;
  }
  return text + ")";
}

std::vector<Contradiction> ClaimChecker::check(const Claim &claim) {
  ++stats.claims;
  std::vector<Contradiction> found;
  eval::ConsentSet stated = evaluator.noConsents();
  for (model::ConsentId consent : claim.consents)
    stated.set(consent);
  eval::ConsentSet all = evaluator.allConsents();
  auto report = [&](const std::string &problem, const model::Point &point,
                    const eval::ConsentSet &granted, const eval::Decision &decision) {
    Contradiction contradiction;
    contradiction.sentence = claim.sentence;
    contradiction.problem =
        problem + " (" + eval::reasonName(decision.reason).str() +
        (decision.statement() ? ", statement " + std::to_string(decision.statement())
                              : std::string()) +
        ")";
    contradiction.tuple = describe(claim.relation, point);
    contradiction.consents = consentNames(model, granted);
    contradiction.statements = claim.statements;
    found.push_back(std::move(contradiction));
  };
  auto decide = [&](const model::Point &point, const eval::ConsentSet &granted) {
    ++stats.decisions;
    return evaluator.decide(claim.relation, point, granted);
  };

  std::array<std::vector<model::NodeId>, model::kNumAxes> axes;
  for (unsigned axis = 0; axis < model::kNumAxes; ++axis)
    axes[axis] = nodesOf(claim.box.sets[axis]);
  bool every = claim.quantifier == Claim::Quantifier::Every;
  bool inRegion = false;
  bool witnessed = false;
  model::Point point;
  // Depth-first over the product of the axes: every node of each set, inner nodes included.
  std::function<bool(unsigned)> visit = [&](unsigned axis) -> bool {
    if (axis == model::kNumAxes) {
      ++stats.tuples;
      bool excepted = llvm::any_of(claim.exceptions,
                                   [&](const model::Box &box) { return box.contains(point); });
      if (excepted) {
        // The sentence says the exceptions are not done.
        if (claim.allowed() && every) {
          eval::Decision decision = decide(point, all);
          if (decision.allowed)
            report("excepts this, but the evaluator allows it", point, all, decision);
        }
        return found.empty();
      }
      inRegion = true;
      if (!claim.allowed()) {
        eval::Decision decision = decide(point, all);
        if (decision.allowed)
          report("says denied, but the evaluator allows it", point, all, decision);
        return found.empty();
      }
      bool holds = true;
      eval::Decision decision = decide(point, stated);
      if (!decision.allowed) {
        holds = false;
        if (every)
          report("says allowed, but the evaluator denies it", point, stated, decision);
      }
      for (model::ConsentId consent : claim.needed) {
        if (!holds)
          break;
        eval::ConsentSet withdrawn = all;
        withdrawn.reset(consent);
        eval::Decision without = decide(point, withdrawn);
        if (without.allowed) {
          holds = false;
          if (every)
            report("says it needs consent " + model.consents[consent].name +
                       ", but the evaluator allows it without",
                   point, withdrawn, without);
        }
      }
      if (!every && holds) {
        witnessed = true;
        return false; // one tuple is enough
      }
      return found.empty();
    }
    for (model::NodeId node : axes[axis]) {
      point[axis] = node;
      if (!visit(axis + 1))
        return false;
    }
    return true;
  };
  visit(0);
  if (found.empty() && claim.allowed()) {
    Contradiction contradiction;
    contradiction.sentence = claim.sentence;
    contradiction.consents = consentNames(model, stated);
    contradiction.statements = claim.statements;
    contradiction.tuple = "no tuple";
    if (every && !inRegion) {
      contradiction.problem = "says allowed, but its exceptions leave nothing";
      found.push_back(std::move(contradiction));
    } else if (!every && !witnessed) {
      contradiction.problem = "says some of it is allowed, but the evaluator allows none";
      found.push_back(std::move(contradiction));
    }
  }
  return found;
}

std::vector<Contradiction> ClaimChecker::check(const gen::text::Document &document) {
  std::vector<Contradiction> found;
  for (const Claim *claim : allClaims(document))
    for (Contradiction &contradiction : check(*claim))
      found.push_back(std::move(contradiction));
  return found;
}

namespace {
/// Words that state a flow of data.
bool isFlowWord(llvm::StringRef word) {
  static const std::set<std::string> kWords = {
      "collect", "collects", "collected", "collecting", "use",         "uses",
      "used",    "using",    "disclose",  "discloses",  "disclosed",   "disclosing",
      "share",   "shares",   "shared",    "sharing",    "link",        "links",
      "linked",  "linking",  "transfer",  "transfers",  "transferred", "transferring",
      "receive", "receives", "received",  "receiving",  "sell",        "sells",
      "sold",    "selling"};
  return kWords.count(word.lower()) != 0;
}

/// Generated sentences that speak of flows without claiming any: what the policy is about.
const char *const kNoClaim[] = {
    "This privacy policy explains how we collect, use, disclose, keep and protect personal "
    "information.",
};

void eraseAll(std::string &text, llvm::StringRef piece) {
  if (piece.empty())
    return;
  for (size_t at = text.find(piece.data(), 0, piece.size()); at != std::string::npos;
       at = text.find(piece.data(), at, piece.size()))
    text.replace(at, piece.size(), " ");
}

template <typename Enum> void registryWords(std::vector<std::string> &words) {
  for (size_t i = 0; i < model::registrySize<Enum>(); ++i)
    words.push_back(model::display(static_cast<Enum>(i)).str());
}

/// The policy's own words, longest first: they may hold any word and claim nothing.
std::vector<std::string> policyWords(const model::PolicyModel &model) {
  std::vector<std::string> words;
  for (const model::Vocabulary &vocabulary : model.vocabularies)
    for (const model::VocabularyNode &node : vocabulary.nodes) {
      words.push_back(node.description);
      words.push_back(gen::text::identifierWords(node.name));
    }
  for (const model::Consent &consent : model.consents) {
    words.push_back(consent.description);
    words.push_back(gen::text::identifierWords(consent.name));
    for (const model::Channel &channel : consent.withdrawals)
      words.push_back(channel.address);
  }
  for (const model::Event &event : model.events) {
    words.push_back(event.description);
    words.push_back(gen::text::identifierWords(event.name));
  }
  words.push_back(model.policy.title);
  words.push_back(model.policy.controller);
  for (const model::Contact &contact : model.policy.contacts)
    words.push_back(contact.value);
  for (const std::string &certification : model.policy.certifications)
    words.push_back(certification);
  for (const model::RightStatement &right : model.rights)
    for (const model::Channel &channel : right.channels)
      words.push_back(channel.address);
  for (const model::Notice &notice : model.notices)
    for (const model::Channel &channel : notice.channels)
      words.push_back(channel.address);
  for (const model::Protection &protection : model.protections) {
    words.push_back(protection.description);
    for (const std::string &measure : protection.measures)
      words.push_back(gen::text::identifierWords(measure));
  }
  // The registries' words ("knowing what personal information we collect, use and ...").
  registryWords<model::Right>(words);
  registryWords<model::ChannelKind>(words);
  registryWords<model::NoticeKind>(words);
  registryWords<model::NoteSection>(words);
  registryWords<model::ContactKind>(words);
  registryWords<model::LegalBasis>(words);
  registryWords<model::RecipientKind>(words);
  registryWords<model::Framework>(words);
  std::sort(words.begin(), words.end(), [](const std::string &a, const std::string &b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string joined(const gen::text::Inline &text) {
  std::string result;
  for (const gen::text::Span &span : text)
    result += span.text;
  return result;
}
} // namespace

std::vector<std::string> uncoveredSentences(const gen::text::Document &document,
                                            const model::PolicyModel &model) {
  std::vector<std::string> words = policyWords(model);
  std::set<uint32_t> notes;
  for (const model::Note &note : model.notes)
    notes.insert(note.info.id);
  std::vector<std::string> uncovered;
  // What is left of `text` once the claims' sentences and the policy's words are taken out
  // must hold no flow word.
  auto check = [&](const std::string &text, const std::vector<const Claim *> &claims) {
    std::string rest = text;
    for (const Claim *claim : claims)
      eraseAll(rest, claim->sentence);
    for (const char *sentence : kNoClaim)
      eraseAll(rest, sentence);
    for (const std::string &word : words)
      eraseAll(rest, word);
    // "collected through S" names data by where it came from.
    eraseAll(rest, "collected through");
    llvm::SmallVector<llvm::StringRef, 32> tokens;
    llvm::StringRef(rest).split(tokens, ' ', -1, false);
    for (llvm::StringRef token : tokens) {
      llvm::StringRef word = token.trim(".,;:!?()“”\"'");
      if (isFlowWord(word)) {
        uncovered.push_back(text);
        return;
      }
    }
  };
  auto pointers = [](const std::vector<Claim> &claims, std::vector<const Claim *> more = {}) {
    for (const Claim &claim : claims)
      more.push_back(&claim);
    return more;
  };
  auto blocks = [&](const std::vector<gen::text::Block> &list) {
    for (const gen::text::Block &block : list) {
      bool note = !block.traces.empty() && llvm::all_of(block.traces, [&](const auto &trace) {
        return notes.count(trace.statement) != 0;
      });
      if (note)
        continue;
      std::string text = joined(block.text);
      switch (block.kind) {
      case gen::text::Block::Kind::Paragraph:
        check(text, pointers(block.claims));
        break;
      case gen::text::Block::Kind::Subheading:
        break;
      case gen::text::Block::Kind::List:
        if (block.items.empty())
          check(text, pointers(block.claims));
        for (const gen::text::ListItem &item : block.items)
          check(text + " " + joined(item.text), pointers(item.claims, pointers(block.claims)));
        break;
      case gen::text::Block::Kind::Table:
        for (const gen::text::TableRow &row : block.table.rows)
          for (size_t column = 1; column < row.cells.size(); ++column)
            for (const std::string &entry : row.cells[column])
              check(row.cells[0].front() + ": " + block.table.header[column] + ": " + entry,
                    pointers(row.claims));
        break;
      }
    }
  };
  blocks(document.introduction);
  for (const gen::text::Section &section : document.sections)
    blocks(section.blocks);
  return uncovered;
}

} // namespace policyc::test
