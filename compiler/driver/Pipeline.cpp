#include "driver/Pipeline.h"

#include "basic/DiagnosticEngine.h"

namespace policyc::driver {

CompiledPolicy compilePolicy(llvm::StringRef path, llvm::SourceMgr &sources,
                             DiagnosticEngine &diags) {
  CompiledPolicy result;
  result.compilation = std::make_unique<Compilation>(sources, diags);
  if (!result.compilation->loadRoot(path)) {
    result.ioError = true;
    return result;
  }
  result.model = result.compilation->analyze();
  return result;
}

} // namespace policyc::driver
