#include "gen/text/Claims.h"

#include <algorithm>

namespace policyc::gen::text {

void addStatement(std::vector<uint32_t> &statements, uint32_t id) {
  auto at = std::lower_bound(statements.begin(), statements.end(), id);
  if (at == statements.end() || *at != id)
    statements.insert(at, id);
}

Claim permitClaim(const model::Effect &permit, const model::Box &box,
                  llvm::ArrayRef<const model::Effect *> forbids,
                  std::vector<model::ConsentId> needed, Claim::Quantifier quantifier,
                  std::string sentence) {
  Claim claim;
  claim.relation = permit.relation;
  claim.polarity = Claim::Polarity::Allowed;
  claim.quantifier = quantifier;
  claim.box = permit.questions.intersect(box);
  for (const model::Effect *forbid : forbids) {
    model::Box excepted = forbid->questions.intersect(claim.box);
    if (excepted.empty())
      continue;
    claim.exceptions.push_back(std::move(excepted));
    addStatement(claim.statements, forbid->statement());
  }
  claim.consents.assign(permit.consents.begin(), permit.consents.end());
  claim.needed = std::move(needed);
  addStatement(claim.statements, permit.statement());
  claim.sentence = std::move(sentence);
  return claim;
}

Claim deniedClaim(model::Relation relation, model::Box box, std::vector<uint32_t> statements,
                  std::string sentence) {
  Claim claim;
  claim.relation = relation;
  claim.polarity = Claim::Polarity::Denied;
  claim.box = std::move(box);
  std::sort(statements.begin(), statements.end());
  statements.erase(std::unique(statements.begin(), statements.end()), statements.end());
  claim.statements = std::move(statements);
  claim.sentence = std::move(sentence);
  return claim;
}

Claim someAllowedClaim(model::Relation relation, model::Box box,
                       const std::vector<model::ConsentId> &everyConsent,
                       std::vector<uint32_t> statements, std::string sentence) {
  Claim claim = deniedClaim(relation, std::move(box), std::move(statements), std::move(sentence));
  claim.polarity = Claim::Polarity::Allowed;
  claim.quantifier = Claim::Quantifier::Some;
  claim.consents = everyConsent;
  return claim;
}

void append(Sentence &sentence, Sentence more) {
  if (more.text.empty())
    return;
  if (!sentence.text.empty())
    sentence.text += ' ';
  sentence.text += more.text;
  for (Claim &claim : more.claims)
    sentence.claims.push_back(std::move(claim));
}

} // namespace policyc::gen::text
