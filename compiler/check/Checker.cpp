#include "check/Checker.h"

#include "check/CheckContext.h"

namespace policyc::check {

llvm::StringRef profileName(Profile profile) {
  switch (profile) {
  case Profile::Gdpr:
    return "GDPR";
  case Profile::Ccpa:
    return "CCPA";
  }
  llvm_unreachable("unknown profile");
}

std::optional<Profile> parseProfile(llvm::StringRef name) {
  if (name == "gdpr")
    return Profile::Gdpr;
  if (name == "ccpa")
    return Profile::Ccpa;
  return std::nullopt;
}

std::vector<Finding> runChecks(const model::PolicyModel &model, DiagnosticEngine &diags,
                               const CheckOptions &options) {
  CheckContext context(model, options);
  checkPermitProhibition(context);
  checkPurposeLimitation(context);
  checkAnonymity(context);
  checkLinkage(context);
  checkConsent(context);
  checkDeadlinesAndRetention(context);
  checkRegulationProfiles(context);
  checkRecipientsAndTransfers(context);
  checkSensitiveData(context);
  // Hygiene last: it marks the statements that never take effect, and the declaration pass
  // does not report those again.
  checkShadowing(context);
  checkDeclarations(context);
  return context.findings.emit(diags);
}

} // namespace policyc::check
