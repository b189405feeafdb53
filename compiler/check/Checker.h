// The checker: proves the statements of a policy consistent, or reports where they are not.
// One pass per class of contradiction (docs/checks.md, "Contradictions" and "Hygiene"), each
// in its own file; this is the stage's entry point.
#ifndef POLICYC_CHECK_CHECKER_H
#define POLICYC_CHECK_CHECKER_H

#include "basic/Diagnostic.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::check {

/// A regulation whose requirements `--profile` adds to the checks.
enum class Profile : uint8_t { Gdpr, Ccpa };

/// "GDPR", "CCPA": how findings name the law.
llvm::StringRef profileName(Profile profile);
/// "gdpr" -> Profile::Gdpr; std::nullopt for an unknown name.
std::optional<Profile> parseProfile(llvm::StringRef name);

struct CheckOptions {
  std::vector<Profile> profiles;
};

/// One finding as tools and tests see it, besides the diagnostic that reports it.
struct Finding {
  diag::Kind kind;
  uint32_t statement = 0; ///< the statement reported at; 0 for a declaration or the policy
  uint32_t other = 0;     ///< the other statement of a clash; 0 when there is none
  /// The witness: (category, source, purpose, recipient); for links (category, source,
  /// linked category, unused). Absent for findings that are not about a tuple.
  std::optional<std::array<model::NodeId, 4>> witness;
};

/// Runs every pass over `model`, which sema must have built without errors, and reports the
/// findings to `diags` ordered by the statement they are about. Returns them in that order.
std::vector<Finding> runChecks(const model::PolicyModel &model, DiagnosticEngine &diags,
                               const CheckOptions &options = {});

} // namespace policyc::check

#endif
