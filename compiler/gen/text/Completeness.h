// What a privacy policy must say that only the policy header can supply: who the controller
// is, when the policy took effect, how to contact the controller. gen text warns when the
// header leaves one out, since the text would be incomplete.
#ifndef POLICYC_GEN_TEXT_COMPLETENESS_H
#define POLICYC_GEN_TEXT_COMPLETENESS_H

#include "model/PolicyModel.h"

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::gen::text {

/// Reports warn_text_incomplete for each missing part; false when none is missing.
bool reportIncompleteHeader(const model::PolicyModel &model, DiagnosticEngine &diags);

} // namespace policyc::gen::text

#endif
