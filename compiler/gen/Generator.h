// Backends: every generator writes into a stream (an output sink), never to files, so tests
// run in memory and the driver decides how and whether to write (atomically, and nothing
// when the policy has errors).
#ifndef POLICYC_GEN_GENERATOR_H
#define POLICYC_GEN_GENERATOR_H

#include "model/PolicyModel.h"

#include <string>

namespace llvm {
class SourceMgr;
class raw_ostream;
} // namespace llvm

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::gen {

struct GeneratorOptions {
  /// The root policy file as the user named it (banners, traceability).
  std::string sourcePath;
  /// C++ namespace of generated code (gen cpp); empty for the default.
  std::string cppNamespace;
  /// "md" or "html" (gen text).
  std::string textFormat = "md";
  /// The author's CSS for gen text --format=html (--css FILE), embedded after the built-in
  /// style; empty for none.
  std::string textCss;
  /// "full", "short" or "both" (gen text --layer).
  std::string textLayer = "full";
};

/// What a backend gets: the checked model and where its statements come from.
struct GeneratorContext {
  const model::PolicyModel &model;
  const llvm::SourceMgr &sources;
  const GeneratorOptions &options;
  DiagnosticEngine &diags;
};

/// A backend; false when it reported an error and its output must not be used.
using GeneratorFunction = bool (*)(const GeneratorContext &context, llvm::raw_ostream &out);

/// The JSON IR: the resolved model for other tools (docs/json-ir.md).
bool generateJson(const GeneratorContext &context, llvm::raw_ostream &out);

/// The privacy policy people read, as Markdown or standalone HTML by options.textFormat
/// (docs/text-generation.md).
bool generateText(const GeneratorContext &context, llvm::raw_ostream &out);

/// The C++17 enforcement header (docs/cpp-api.md); namespace from options.cppNamespace.
bool generateCpp(const GeneratorContext &context, llvm::raw_ostream &out);

/// The policy as a Cedar policy set (docs/cpp-api.md, "Cedar").
bool generateCedar(const GeneratorContext &context, llvm::raw_ostream &out);

/// The vocabularies as Cedar entities (JSON), the hierarchy the Cedar policy set relies on.
bool generateCedarEntities(const GeneratorContext &context, llvm::raw_ostream &out);

/// The Cedar schema (human-readable format) of the requests the Cedar policy set decides.
bool generateCedarSchema(const GeneratorContext &context, llvm::raw_ostream &out);

} // namespace policyc::gen

#endif
