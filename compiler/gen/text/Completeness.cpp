#include "gen/text/Completeness.h"

#include "basic/DiagnosticEngine.h"

namespace policyc::gen::text {

bool reportIncompleteHeader(const model::PolicyModel &model, DiagnosticEngine &diags) {
  const model::PolicyInfo &policy = model.policy;
  if (!policy.present) {
    diags.report(llvm::SMRange(), diag::warn_text_incomplete, "title, controller, date or contact",
                 "a header: policy \"Title\" { controller \"...\"; effective YYYY-MM-DD; "
                 "contact email \"...\"; }");
    return true;
  }
  bool missing = false;
  if (policy.controller.empty()) {
    diags.report(policy.range, diag::warn_text_incomplete, "controller (who \"we\" are)",
                 "'controller \"...\";' to the policy header");
    missing = true;
  }
  if (!policy.effective) {
    diags.report(policy.range, diag::warn_text_incomplete, "'Last updated' date",
                 "'effective YYYY-MM-DD;' to the policy header");
    missing = true;
  }
  if (policy.contacts.empty()) {
    diags.report(policy.range, diag::warn_text_incomplete, "way to contact the controller",
                 "a 'contact' (email, mail, phone, fax, web or form) to the policy header");
    missing = true;
  }
  return missing;
}

} // namespace policyc::gen::text
