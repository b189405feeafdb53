// Sentences for collect / use / disclose / link statements, permits and prohibitions, with the
// claims they make. What a statement permits is read from the model's effects: a permit
// sentence states its consent condition ("only if" when no other statement allows the same
// without it), every prohibition that carves into it ("except ...") and its `only` limit, so
// that it never says more is allowed than the evaluator allows; a permit that prohibitions
// leave nothing of says so ("We do not ..., because ...").
#ifndef POLICYC_GEN_TEXT_RULESENTENCES_H
#define POLICYC_GEN_TEXT_RULESENTENCES_H

#include "gen/text/Phrases.h"
#include "gen/text/Regions.h"

#include <memory>
#include <optional>
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
  /// Name the recipients of a disclosure; off where a lead-in already does.
  bool recipients = true;
};

/// One permit effect of a statement and what the prohibitions leave of it.
struct PermitPart {
  const model::Effect *effect = nullptr;
  /// The prohibitions that decide some of its questions, in load order.
  std::vector<const model::Effect *> forbids;
  /// Its questions minus theirs; nullopt when too complex to work out.
  std::optional<Region> allowed;

  /// True when the prohibitions leave nothing of it.
  bool none() const { return allowed && allowed->empty(); }
};

/// A permit statement as its effects state it: its own effect first, then our use of what it
/// collects or its mirrored link; and the limit of its `only`.
struct PermitView {
  const model::Rule *rule = nullptr;
  std::vector<PermitPart> parts;
  const model::Effect *limit = nullptr;
};

/// What a consent makes possible, for "How can I opt in or opt out?": one statement's action.
struct ConsentAction {
  std::string text; ///< "disclose your e-mail address to our partners, except ..."
  std::vector<Claim> claims;
  bool needed = false; ///< withdrawing the consent stops all of it
  std::vector<Trace> traces;
};

class RuleSentences {
public:
  RuleSentences(const Phrases &phrases, const Regions &regions)
      : phrases(phrases), regions(regions), model(phrases.getModel()) {}

  const Regions &getRegions() const { return regions; }

  /// The verb phrase of a rule without subject, condition or limits: "collect A through S for
  /// P", "use A collected through S for P", "disclose A to R for P", "link A with B".
  std::string action(const model::Rule &rule, const SentenceOptions &options) const;

  /// The effects of a permit and what prohibitions leave of them (worked out once).
  const PermitView &view(const model::Rule &rule) const;

  /// Every sentence a statement needs, with its claims: "We use A for P only if you have
  /// opted in to K, except B. Neither we nor anyone we share this information with may use it
  /// for any other purpose."; "We never collect A through S."
  Sentence sentence(const model::Rule &rule, const SentenceOptions &options = {}) const;

  /// What `rule` (a permit naming `consent`) does with the consent; nullopt when prohibitions
  /// leave nothing of it.
  std::optional<ConsentAction> consentAction(const model::Rule &rule,
                                             model::ConsentId consent) const;

  /// The statement and every prohibition that carves into it.
  std::vector<Trace> traces(const model::Rule &rule) const;

private:
  std::string action(const model::Rule &rule, const SentenceOptions &options,
                     bool withPurposes) const;
  PermitView computeView(const model::Rule &rule) const;
  /// "collected through S"; "collected anywhere except through E" when that is shorter, E
  /// being the collection points of the rule's data that S leaves out; "" when S holds every
  /// collection point of that data (data collected nowhere keeps the list).
  std::string collectedThrough(const model::Rule &rule) const;
  Sentence permit(const model::Rule &rule, const SentenceOptions &options) const;
  Sentence prohibition(const model::Rule &rule, const SentenceOptions &options) const;
  /// "We ACTION[ condition][, except ...]." over the parts that stay allowed.
  Sentence allowed(const model::Rule &rule, const std::string &action,
                   const std::vector<const PermitPart *> &parts) const;
  /// "We do not ACTION, because ..." over parts the prohibitions leave nothing of.
  Sentence denied(const model::Rule &rule, const std::string &action,
                  const std::vector<const PermitPart *> &parts) const;
  /// The `only` limit: "Neither we nor anyone we share this information with may use it for
  /// any other purpose." or "They may not use this information for any other purpose."
  Sentence limit(const PermitView &view) const;
  /// ", except A collected through S, B for marketing"; "" when nothing carves in.
  std::string exceptions(const std::vector<const PermitPart *> &parts) const;
  std::string exception(const model::Effect &part, const model::Effect &forbid) const;
  /// Why a prohibition forbids: "we never disclose A to R", "A may be used only for P".
  std::string reason(const model::Effect &forbid) const;
  /// True when withdrawing any of `consents` stops every part.
  bool neededEverywhere(const std::vector<const PermitPart *> &parts,
                        llvm::ArrayRef<model::ConsentId> consents) const;

  const Phrases &phrases;
  const Regions &regions;
  const model::PolicyModel &model;
  /// By rule index, filled on first use (the document is assembled twice).
  mutable std::vector<std::unique_ptr<PermitView>> views;
};

} // namespace policyc::gen::text

#endif
