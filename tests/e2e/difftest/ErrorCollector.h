// Keeps the error messages of a compilation, for the difftest tools to print when a policy
// they were given does not compile.
#ifndef POLICYC_TESTS_DIFFTEST_ERRORCOLLECTOR_H
#define POLICYC_TESTS_DIFFTEST_ERRORCOLLECTOR_H

#include "basic/DiagnosticEngine.h"

#include <string>

namespace policyc::difftest {

class ErrorCollector : public DiagnosticConsumer {
public:
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &) override {
    if (diagnostic.severity >= Severity::Error)
      messages += diagnostic.message + "\n";
  }
  std::string messages;
};

} // namespace policyc::difftest

#endif
