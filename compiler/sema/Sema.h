// Semantic analysis: resolves the ASTs of a policy's files into one PolicyModel, reporting
// undefined and duplicate names (with suggestions), wrong kinds, bad values and attributes.
#ifndef POLICYC_SEMA_SEMA_H
#define POLICYC_SEMA_SEMA_H

#include "ast/AST.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>

namespace policyc {
class DiagnosticEngine;
}

namespace policyc::sema {

/// Builds the model of the policy made of `units` (in load order: every file after the files
/// it imports). Errors go to `diags`; the model holds what resolved, and is meaningful only
/// when no error was reported. The limits on statements and tokens are the parser's
/// (parse/Parser.h): they must hold before the trees are built.
std::unique_ptr<model::PolicyModel> analyze(llvm::ArrayRef<const ast::TranslationUnit *> units,
                                            DiagnosticEngine &diags);

/// The attribute words a node of `kind` may carry, besides `basis B` on purposes.
llvm::ArrayRef<llvm::StringLiteral> flagAttributes(model::VocabularyKind kind);

} // namespace policyc::sema

#endif
