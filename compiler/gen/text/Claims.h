// Making the claims of docs/text-generation.md ("Claims") from the model's effects: every
// sentence about data flows says which questions it speaks of, allowed or denied, under
// which consents, resting on which statements.
#ifndef POLICYC_GEN_TEXT_CLAIMS_H
#define POLICYC_GEN_TEXT_CLAIMS_H

#include "gen/text/TextDocument.h"

#include "llvm/ADT/ArrayRef.h"

namespace policyc::gen::text {

/// "`permit` allows the questions of `box` (within its own questions) with its consents,
/// except where `forbids` decide": the exceptions are the forbids' questions within the box.
/// `needed` are the consents the sentence says the flow needs.
Claim permitClaim(const model::Effect &permit, const model::Box &box,
                  llvm::ArrayRef<const model::Effect *> forbids,
                  std::vector<model::ConsentId> needed, Claim::Quantifier quantifier,
                  std::string sentence);

/// "Every question of `box` is denied", resting on `statements`.
Claim deniedClaim(model::Relation relation, model::Box box, std::vector<uint32_t> statements,
                  std::string sentence);

/// "Some question of `box` is allowed with every consent granted": a summary that names a
/// flow without its conditions. `statements` are those it was written from.
Claim someAllowedClaim(model::Relation relation, model::Box box,
                       const std::vector<model::ConsentId> &everyConsent,
                       std::vector<uint32_t> statements, std::string sentence);

/// Adds `id` to a sorted list of statement ids.
void addStatement(std::vector<uint32_t> &statements, uint32_t id);

/// Appends `more` to `sentence` (a space between) with its claims.
void append(Sentence &sentence, Sentence more);

} // namespace policyc::gen::text

#endif
