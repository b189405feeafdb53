// The front half every command shares: load a policy with its imports, analyse it, and run
// the checker when the model is sound.
#ifndef POLICYC_DRIVER_PIPELINE_H
#define POLICYC_DRIVER_PIPELINE_H

#include "frontend/Compilation.h"
#include "frontend/ProjectConfig.h"

#include <memory>

namespace policyc::driver {

struct CompiledPolicy {
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<model::PolicyModel> model; ///< null when the file could not be read
  bool ioError = false;                      ///< the file itself could not be read (exit 2)
};

/// `config` (the project configuration, or nullptr) gives the checker's profiles unless the
/// command line does.
CompiledPolicy compilePolicy(llvm::StringRef path, llvm::SourceMgr &sources,
                             DiagnosticEngine &diags, const ProjectConfig *config = nullptr);

} // namespace policyc::driver

#endif
