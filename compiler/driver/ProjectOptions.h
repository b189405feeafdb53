// Which project configuration (policyc.toml, docs/configuration.md) a command uses for each
// policy: the file --config names, none under --no-config, else the one found in the policy's
// folder or above.
#ifndef POLICYC_DRIVER_PROJECTOPTIONS_H
#define POLICYC_DRIVER_PROJECTOPTIONS_H

#include "frontend/ProjectConfig.h"

#include "llvm/ADT/StringRef.h"

namespace llvm {
class SourceMgr;
}

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::driver {

/// The configuration for the policy at `policyPath`, read once per run however many policies
/// share it; nullptr when there is none. Sets `failed` when the file has an error, which was
/// reported (the command then exits with 2).
const ProjectConfig *projectConfigFor(llvm::StringRef policyPath, llvm::SourceMgr &sources,
                                      DiagnosticEngine &diags, bool &failed);

} // namespace policyc::driver

#endif
