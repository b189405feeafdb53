// Builds the policy text from a checked model: the introduction, the "at a glance" table and
// one section per question, in the order of the note sections of model/Registry.def, each
// with the notes written for it.
#ifndef POLICYC_GEN_TEXT_DOCUMENTBUILDER_H
#define POLICYC_GEN_TEXT_DOCUMENTBUILDER_H

#include "gen/text/TextDocument.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/StringRef.h"

namespace llvm {
class SourceMgr;
}

namespace policyc::gen::text {

/// The id of the "at a glance" section.
inline constexpr llvm::StringLiteral kGlanceSection = "glance";
/// The id of the short notice's section.
inline constexpr llvm::StringLiteral kShortSection = "short";

/// Which layers of the text a document holds (`--layer`): the full text, the short notice
/// alone (its references to the full text are then titles, not links), or both on one page,
/// the short notice first.
enum class Layer { Full, Short, Both };

Document buildDocument(const model::PolicyModel &model, const llvm::SourceMgr &sources,
                       llvm::StringRef sourcePath, Layer layer = Layer::Full);

} // namespace policyc::gen::text

#endif
