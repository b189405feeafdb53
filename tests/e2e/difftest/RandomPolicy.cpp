#include "RandomPolicy.h"

#include <array>
#include <set>
#include <string_view>
#include <vector>

namespace policyc::test {

namespace {

/// splitmix64: small, fast and fully specified, so policies are the same everywhere.
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform-enough in [0, bound).
  size_t below(size_t bound) { return bound == 0 ? 0 : static_cast<size_t>(next() % bound); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T, size_t N> const T &pick(const std::array<T, N> &items) {
    return items[below(N)];
  }

private:
  uint64_t state;
};

// Names that stress C++ generation: keywords, macros, leading digits, hyphens, pairs that
// collide once mangled (a-b / a_b, x--y is not a name but x-y / x_y is), and contextual
// keywords of the language itself.
constexpr std::array<std::string_view, 40> kNames = {
    "class",    "delete",   "public",   "int",     "new",       "a-b",     "a_b",     "1st-party",
    "2fa",      "NULL",     "errno",    "linux",   "EOF",       "contact", "transit", "email",
    "profile",  "billing",  "support",  "x-y",     "x_y",       "Upper",   "_hidden", "and",
    "register", "co_await", "export",   "9lives",  "default",   "struct",  "union",   "main",
    "std",      "detail",   "Category", "may_use", "to_string", "kind",    "value",   "us2",
};
constexpr std::array<std::string_view, 5> kRecipientKinds = {"internal", "processor", "third_party",
                                                             "public", "authority"};
constexpr std::array<std::string_view, 6> kBases = {"consent",          "contract",
                                                    "legal_obligation", "legitimate_interest",
                                                    "vital_interest",   "public_task"};
constexpr std::array<std::string_view, 5> kUnits = {"hours", "days", "weeks", "months", "years"};
constexpr std::array<std::string_view, 4> kRights = {"access", "erasure", "portability",
                                                     "objection"};
constexpr std::array<std::string_view, 3> kNotices = {"policy_change", "breach",
                                                      "ownership_change"};

enum class Vocab { Category, Source, Purpose, Recipient };

class Generator {
public:
  Generator(uint64_t seed, const RandomPolicyShape &shape) : random(seed), shape(shape) {}

  std::string run() {
    out += "// Random policy for the differential test.\n";
    declareVocabulary(Vocab::Category, "category", 1 + random.below(shape.categoryRoots));
    declareVocabulary(Vocab::Source, "source", 1 + random.below(shape.sourceRoots));
    declareVocabulary(Vocab::Purpose, "purpose", 1 + random.below(shape.purposeRoots));
    declareVocabulary(Vocab::Recipient, "recipient", 1 + random.below(shape.recipientRoots));
    size_t consentCount = random.below(shape.maxConsents + 1);
    for (size_t i = 0; i < consentCount; ++i) {
      std::string name = uniqueName(consentNames);
      consents.push_back(name);
      out += "consent " + name + (random.chance(60) ? " opt_in" : " opt_out") +
             " { withdraw via link; }\n";
    }
    size_t eventCount = random.below(3);
    for (size_t i = 0; i < eventCount; ++i) {
      std::string name = uniqueName(eventNames);
      events.push_back(name);
      out += "event " + name + ";\n";
    }
    size_t statements = 4 + random.below(14);
    for (size_t i = 0; i < statements; ++i)
      statement();
    return out;
  }

private:
  std::string uniqueName(std::set<std::string> &taken) {
    for (;;) {
      std::string name(random.pick(kNames));
      if (taken.size() >= kNames.size() / 2)
        name += std::to_string(taken.size());
      if (taken.insert(name).second)
        return name;
    }
  }

  /// Declares `roots` trees of depth up to 3; records every path.
  void declareVocabulary(Vocab vocab, const char *keyword, size_t roots) {
    std::set<std::string> rootNames;
    for (size_t i = 0; i < roots; ++i) {
      out += keyword;
      out += " ";
      node(vocab, "", uniqueName(rootNames), 0, /*top=*/true);
    }
  }

  void node(Vocab vocab, const std::string &prefix, const std::string &name, unsigned depth,
            bool top) {
    std::string path = prefix.empty() ? name : prefix + "." + name;
    paths[static_cast<size_t>(vocab)].push_back(path);
    out += name;
    switch (vocab) {
    case Vocab::Category:
      if (random.chance(15))
        out += " sensitive";
      if (random.chance(15))
        out += " anonymous";
      if (random.chance(10))
        out += " tracking";
      break;
    case Vocab::Source:
      if (random.chance(10))
        out += " tracking";
      break;
    case Vocab::Purpose:
      if (random.chance(10))
        out += " marketing";
      if (random.chance(40))
        out += std::string(" basis ") + std::string(random.pick(kBases));
      break;
    case Vocab::Recipient:
      if (top || random.chance(30))
        out += " " + std::string(random.pick(kRecipientKinds));
      if (random.chance(20))
        out += " abroad";
      break;
    }
    if (random.chance(30))
      out += " \"about " + name + "\"";
    size_t children =
        depth < shape.maxDepth && random.chance(60) ? 1 + random.below(shape.maxChildren) : 0;
    if (children == 0) {
      out += ";\n";
      return;
    }
    out += " {\n";
    std::set<std::string> siblings;
    for (size_t i = 0; i < children; ++i) {
      out += std::string(2 * (depth + 1), ' ');
      node(vocab, path, uniqueName(siblings), depth + 1, false);
    }
    out += std::string(2 * depth, ' ') + "}\n";
  }

  /// One path of a vocabulary: a node, a subtree wildcard, `*` or a built-in group.
  std::string selector(Vocab vocab) {
    const std::vector<std::string> &list = paths[static_cast<size_t>(vocab)];
    size_t roll = random.below(100);
    if (roll < 6)
      return "*";
    if (vocab == Vocab::Category && roll < 12)
      return "identifying";
    if (vocab == Vocab::Recipient && roll < 12)
      return "external";
    if (vocab == Vocab::Recipient && roll < 18)
      return "us";
    const std::string &path = list[random.below(list.size())];
    return random.chance(10) ? path + ".*" : path;
  }

  std::string selectors(Vocab vocab) {
    std::string result = selector(vocab);
    if (random.chance(30))
      result += ", " + selector(vocab);
    return result;
  }

  std::string condition() {
    if (consents.empty() || !random.chance(45))
      return "";
    std::string result = " when consent " + consents[random.below(consents.size())];
    if (consents.size() > 1 && random.chance(30))
      result += ", " + consents[random.below(consents.size())];
    return result;
  }

  std::string from() {
    return random.chance(65) ? " from " + selectors(Vocab::Source) : std::string();
  }

  void statement() {
    size_t roll = random.below(100);
    if (roll < 18) {
      std::string text =
          "collect " + selectors(Vocab::Category) + " from " + selectors(Vocab::Source);
      if (random.chance(30))
        text += random.chance(50) ? " required" : " optional";
      if (random.chance(75)) {
        text += " for " + selectors(Vocab::Purpose);
        if (random.chance(25))
          text += " only";
      }
      out += text + condition() + ";\n";
    } else if (roll < 36) {
      std::string text =
          "use " + selectors(Vocab::Category) + from() + " for " + selectors(Vocab::Purpose);
      if (random.chance(20))
        text += " only";
      out += text + condition() + ";\n";
    } else if (roll < 54) {
      std::string text =
          "disclose " + selectors(Vocab::Category) + from() + " to " + selectors(Vocab::Recipient);
      if (random.chance(75)) {
        text += " for " + selectors(Vocab::Purpose);
        if (random.chance(25))
          text += " only";
      }
      out += text + condition() + ";\n";
    } else if (roll < 60) {
      out += "link " + selectors(Vocab::Category) + " with " + selectors(Vocab::Category) + from() +
             condition() + ";\n";
    } else if (roll < 64) {
      out += "never collect " + selectors(Vocab::Category) + from() + ";\n";
    } else if (roll < 71) {
      std::string text = "never use " + selectors(Vocab::Category) + from();
      if (random.chance(70))
        text += " for " + selectors(Vocab::Purpose);
      out += text + ";\n";
    } else if (roll < 78) {
      std::string text = "never disclose " + selectors(Vocab::Category) + from() + " to " +
                         selectors(Vocab::Recipient);
      if (random.chance(60))
        text += " for " + selectors(Vocab::Purpose);
      out += text + ";\n";
    } else if (roll < 81) {
      out += "never link " + selectors(Vocab::Category) + " with " + selectors(Vocab::Category) +
             from() + ";\n";
    } else if (roll < 93) {
      retain();
    } else if (roll < 97) {
      std::string text = "right " + std::string(random.pick(kRights));
      if (random.chance(40))
        text += ", " + std::string(random.pick(kRights));
      text += " via email \"privacy@example.com\"";
      if (random.chance(70))
        text += " within " + duration();
      out += text + ";\n";
    } else {
      std::string text = "notify " + std::string(random.pick(kNotices));
      if (random.chance(70))
        text += " at least " + duration() + " before";
      out += text + " via email;\n";
    }
  }

  std::string duration() {
    return std::to_string(1 + random.below(40)) + " " + std::string(random.pick(kUnits));
  }

  void retain() {
    std::string text = "retain " + selectors(Vocab::Category) + from();
    size_t roll = random.below(100);
    if (roll >= 75) {
      text += " as needed for " + selectors(Vocab::Purpose);
    } else if (roll < 45 || events.empty()) {
      // `within` (an upper bound) for some of them, chosen without drawing from the random
      // stream, so that every other statement of a seeded policy stays as it was.
      text += text.size() % 3 == 0 ? " within " : " for ";
      text += duration();
      if (!events.empty() && random.chance(30))
        text += " after " + events[random.below(events.size())];
    } else if (roll < 60) {
      text += " until " + events[random.below(events.size())];
    } else {
      text += " while " + events[random.below(events.size())];
    }
    out += text + ";\n";
  }

  Random random;
  RandomPolicyShape shape;
  std::string out;
  std::array<std::vector<std::string>, 4> paths;
  std::vector<std::string> consents;
  std::vector<std::string> events;
  std::set<std::string> consentNames;
  std::set<std::string> eventNames;
};

} // namespace

std::string randomPolicy(uint64_t seed, const RandomPolicyShape &shape) {
  return Generator(seed, shape).run();
}

} // namespace policyc::test
