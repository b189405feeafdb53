// Sentences for collect / use / disclose / link statements, permits and prohibitions. A permit
// sentence states its consent condition, its `only` limit and every prohibition that carves
// into it, so that it never says more is allowed than the code allows.
#ifndef POLICYC_GEN_TEXT_RULESENTENCES_H
#define POLICYC_GEN_TEXT_RULESENTENCES_H

#include "gen/text/Phrases.h"
#include "gen/text/Prohibitions.h"

#include <string>
#include <vector>

namespace policyc::gen::text {

struct SentenceOptions {
  /// Name the sources ("through the profile form"); off where a heading already does.
  bool sources = true;
  /// List the members of categories ("contact details (e-mail address and phone)").
  bool members = false;
  /// Name the kind of each recipient.
  bool recipientKinds = true;
};

class RuleSentences {
public:
  RuleSentences(const Phrases &phrases, const Prohibitions &prohibitions)
      : phrases(phrases), prohibitions(prohibitions) {}

  /// The verb phrase of a rule without subject, condition or limits: "collect A through S for
  /// P", "use A collected through S for P", "disclose A to R for P", "link A with B".
  std::string action(const model::Rule &rule, const SentenceOptions &options) const;

  /// Every sentence a permit needs: "We use A for P only if you have opted in to K, except B.
  /// Neither we nor anyone we share this information with may use it for any other purpose."
  std::string permit(const model::Rule &rule, const SentenceOptions &options = {}) const;

  /// "We never collect A through S.", "We never use A for P, and neither does anyone we
  /// share it with.", "We never disclose A to R.", "We never link A with B."
  std::string prohibition(const model::Rule &rule, const SentenceOptions &options = {}) const;

  /// The sentence for any rule.
  std::string sentence(const model::Rule &rule, const SentenceOptions &options = {}) const;

  /// The statement and every prohibition that carves into it.
  std::vector<Trace> traces(const model::Rule &rule) const;

  /// The `only` limit alone: "Neither we nor anyone we share this information with may use it
  /// for any other purpose." or "They may not use this information for any other purpose.";
  /// "" without `only`.
  static std::string onlyLimit(const model::Rule &rule);

  /// ", except A collected through S" for the prohibitions that carve into `permit`; "" when
  /// none does; ", which we never do" when they leave nothing of it.
  std::string exceptions(const model::Rule &permit) const;

private:
  std::string exceptions(const model::Rule &permit,
                         const std::vector<const Prohibition *> &overlapping) const;
  std::string exception(const model::Rule &permit, const Prohibition &prohibition) const;

  const Phrases &phrases;
  const Prohibitions &prohibitions;
};

} // namespace policyc::gen::text

#endif
