#include "PolicyGenerator.h"

#include <array>
#include <random>
#include <vector>

namespace policyc::bench {

namespace {
constexpr std::array<const char *, 24> kWords = {
    "account", "address", "billing", "browser",  "contact", "device",  "email",  "feedback",
    "health",  "history", "invoice", "location", "login",   "message", "order",  "payment",
    "phone",   "profile", "review",  "session",  "support", "survey",  "ticket", "usage"};
constexpr std::array<const char *, 9> kRights = {
    "access",    "rectification",    "erasure", "portability",    "restriction",
    "objection", "withdraw_consent", "know",    "opt_out_of_sale"};
constexpr std::array<const char *, 6> kChannels = {"email", "mail", "phone",
                                                   "web",   "form", "settings"};
constexpr std::array<const char *, 5> kNotices = {"policy_change", "material_change",
                                                  "ownership_change", "purpose_change", "breach"};
constexpr std::array<const char *, 8> kSections = {
    "intro", "collection", "retention", "security", "children", "links", "legal", "contact"};
constexpr std::array<const char *, 4> kBases = {"contract", "consent", "legitimate_interest",
                                                "legal_obligation"};
constexpr std::array<const char *, 4> kRecipientKinds = {"processor", "third_party", "authority",
                                                         "public"};
constexpr std::array<const char *, 5> kUnits = {"hours", "days", "weeks", "months", "years"};
constexpr std::array<const char *, 6> kSentences = {
    "We keep what we collect only as long as we need it.",
    "Nothing sent over the Internet is entirely secure.",
    "You may ask us at any time what we hold about you.",
    "Our partners are bound by contract to protect your data.",
    "Children under 13 should not use the \\\"services\\\" without a parent.",
    "Links to other sites are not covered by this policy."};

class Generator {
public:
  explicit Generator(const GeneratorOptions &options) : options(options), random(options.seed) {}

  std::string run() {
    out.reserve(options.targetBytes + 4096);
    header();
    vocabulary("category", categories, 40, {"sensitive", "anonymous", "tracking"});
    vocabulary("purpose", purposes, 30, {});
    vocabulary("recipient", recipients, 20, {"abroad"});
    vocabulary("source", sources, 20, {"anonymous", "tracking"});
    declareConsents(40);
    declareEvents(20);
    unsigned count = 0;
    while (out.size() < options.targetBytes) {
      if (++count % 12 == 0)
        out += "\n// Section " + std::to_string(count / 12) + ": what the next statements cover.\n";
      statement();
    }
    return std::move(out);
  }

private:
  // mt19937's output is fixed by the standard, the distributions' are not: reduce it by hand
  // so that every platform generates the same text.
  size_t below(size_t n) { return static_cast<size_t>(random() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename Array> const char *pick(const Array &array) {
    return array[below(array.size())];
  }
  const std::string &pick(const std::vector<std::string> &list) { return list[below(list.size())]; }

  std::string name(unsigned index) {
    return std::string(kWords[index % kWords.size()]) + "_" + std::to_string(index);
  }

  void header() {
    out += "// A generated policy for benchmarks (bench/parse): valid, large, realistic in shape.\n"
           "policy \"Generated Privacy Policy\" \"(benchmark)\" {\n"
           "  controller \"Example Holdings, Inc.\";\n"
           "  effective 2024-03-01;\n"
           "  contact email \"privacy@example.com\";\n"
           "  contact mail \"1 Main Street, Springfield\";\n"
           "  transfers under data_privacy_framework, standard_contractual_clauses;\n"
           "  certification \"Example Privacy Seal\";\n"
           "}\n\n";
  }

  /// A forest of `roots` trees, two or three levels deep; all node paths go to `paths`.
  void vocabulary(const char *keyword, std::vector<std::string> &paths, unsigned roots,
                  const std::vector<const char *> &flags) {
    bool isRecipient = std::string(keyword) == "recipient";
    bool isPurpose = std::string(keyword) == "purpose";
    for (unsigned r = 0; r < roots; ++r) {
      std::string root = name(nextName++);
      paths.push_back(root);
      out += keyword;
      out += ' ' + root;
      if (isRecipient)
        out += std::string(" ") + pick(kRecipientKinds);
      if (isPurpose)
        out += std::string(" basis ") + pick(kBases);
      for (const char *flag : flags)
        if (chance(10))
          out += std::string(" ") + flag;
      if (chance(50))
        out += " \"the " + root + " of a person\"";
      unsigned children = static_cast<unsigned>(below(8));
      if (children == 0) {
        out += ";\n";
        continue;
      }
      out += " {\n";
      for (unsigned c = 0; c < children; ++c) {
        std::string child = name(nextName++);
        paths.push_back(root + "." + child);
        out += "  " + child;
        if (isPurpose && chance(15))
          out += std::string(" basis ") + pick(kBases);
        if (chance(30))
          out += " \"" + child + " details\"";
        unsigned grandchildren = chance(40) ? static_cast<unsigned>(below(5)) : 0;
        if (grandchildren == 0) {
          out += ";\n";
          continue;
        }
        out += " {";
        for (unsigned g = 0; g < grandchildren; ++g) {
          std::string leaf = name(nextName++);
          paths.push_back(root + "." + child + "." + leaf);
          out += ' ' + leaf + ';';
        }
        out += " }\n";
      }
      out += "}\n";
    }
    out += '\n';
  }

  void declareConsents(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      consents.push_back("consent_" + std::to_string(i));
      out += "consent " + consents.back() + (chance(70) ? " opt_in" : " opt_out");
      out += " \"agreeing to " + consents.back() + "\" {\n";
      out += std::string("  withdraw via ") + pick(kChannels) + " \"privacy@example.com\";\n";
      if (chance(50))
        out += "  withdraw via link, settings;\n";
      out += "}\n";
    }
  }

  void declareEvents(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      events.push_back("event_" + std::to_string(i));
      out += "event " + events.back() + " \"when " + events.back() + " happens\";\n";
    }
    out += '\n';
  }

  /// A clause of 1 to 3 paths, sometimes `x.*`, `*` or a built-in group.
  std::string list(const std::vector<std::string> &paths, const char *group) {
    if (chance(3))
      return "*";
    std::string result;
    size_t count = 1 + below(3);
    for (size_t i = 0; i < count; ++i) {
      if (i != 0)
        result += ", ";
      if (group && chance(4)) {
        result += group;
        continue;
      }
      result += pick(paths);
      if (chance(5))
        result += ".*";
    }
    return result;
  }

  std::string duration() { return std::to_string(1 + below(365)) + " " + pick(kUnits); }

  std::string channels() {
    std::string result = pick(kChannels);
    if (chance(50))
      result += " \"privacy@example.com\"";
    if (chance(30))
      result += std::string(", ") + pick(kChannels);
    return result;
  }

  void rule(bool never) {
    static constexpr std::array<const char *, 4> kVerbs = {"collect", "use", "disclose", "link"};
    const char *verb = kVerbs[chance(85) ? below(3) : 3];
    std::string verbText = verb;
    out += never ? "never " + verbText + " " : verbText + " ";
    out += list(categories, "identifying");
    if (verbText == "link") {
      out += " with " + list(categories, "identifying");
      if (chance(40))
        out += " from " + list(sources, nullptr);
    } else {
      bool fromRequired = !never && verbText == "collect";
      if (fromRequired || chance(50))
        out += " from " + list(sources, nullptr);
      if (verbText == "disclose")
        out += " to " + list(recipients, "external");
      if (!never && verbText == "collect" && chance(40))
        out += chance(70) ? " required" : " optional";
      if (!never || verbText != "collect") {
        if (!never || chance(60)) {
          out += " for " + list(purposes, nullptr);
          if (!never && chance(10))
            out += " only";
        }
      }
    }
    if (!never && chance(25)) {
      out += " when consent " + pick(consents);
      if (chance(20))
        out += ", " + pick(consents);
    }
    out += ";\n";
  }

  void statement() {
    size_t roll = below(100);
    if (roll < 60)
      return rule(false);
    if (roll < 70)
      return rule(true);
    if (roll < 82) {
      out += "retain " + list(categories, "identifying");
      if (chance(30))
        out += " from " + list(sources, nullptr);
      switch (below(5)) {
      case 0:
        out += " until " + pick(events) + ";\n";
        return;
      case 1:
        out += " while " + pick(events) + ";\n";
        return;
      case 2:
        out += " as needed for " + list(purposes, nullptr) + ";\n";
        return;
      case 3:
        out += " for " + duration() + " after " + pick(events) + ";\n";
        return;
      default:
        out += " for " + duration() + ";\n";
        return;
      }
    }
    if (roll < 85) {
      out += std::string("right ") + pick(kRights);
      if (chance(50))
        out += std::string(", ") + pick(kRights);
      out += " via " + channels();
      if (chance(70))
        out += " within " + duration();
      out += ";\n";
      return;
    }
    if (roll < 87) {
      out += std::string("notify ") + pick(kNotices);
      if (chance(60))
        out += " at least " + duration() + " before";
      out += " via " + channels() + ";\n";
      return;
    }
    if (roll < 93) {
      out += "protect " + list(categories, nullptr);
      if (chance(30))
        out += " from " + list(sources, nullptr);
      out += chance(50) ? " in transit" : " at rest";
      out += " with encryption";
      if (chance(40))
        out += ", access_control \"only staff who need it\"";
      out += ";\n";
      return;
    }
    out += std::string("note ") + pick(kSections) + " \"" + pick(kSentences) + "\"";
    if (chance(30))
      out += "\n  \" " + std::string(pick(kSentences)) + "\"";
    out += ";\n";
  }

  const GeneratorOptions &options;
  std::mt19937 random;
  std::string out;
  unsigned nextName = 0;
  std::vector<std::string> categories, purposes, recipients, sources, consents, events;
};
} // namespace

std::string generatePolicy(const GeneratorOptions &options) {
  return Generator(options).run();
}

} // namespace policyc::bench
