// How policyc's names are spelled in Cedar: entity types and uids, string literals, and the
// shapes of the requests the generated policy set decides. The policy set
// (CedarGenerator.cpp), the schema (CedarSchema.cpp) and the entities (CedarEntities.cpp)
// all read this one table, so they cannot disagree about a request (docs/cpp-api.md, "Cedar").
#ifndef POLICYC_GEN_CEDAR_CEDARSYNTAX_H
#define POLICYC_GEN_CEDAR_CEDARSYNTAX_H

#include "model/Box.h"
#include "model/Effects.h"
#include "model/PolicyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace policyc::gen::cedar {

/// The entity type of a vocabulary's nodes: "Category", "Source", "Purpose", "Recipient".
llvm::StringRef entityType(model::VocabularyKind kind);

/// A Cedar string literal, quoted and escaped.
std::string stringLiteral(llvm::StringRef text);

/// The uid of a vocabulary node: `Category::"contact.email"`.
std::string entityUid(const model::PolicyModel &model, model::VocabularyKind kind,
                      model::NodeId id);

/// Text made safe for a `//` comment (control characters become spaces).
std::string commentText(llvm::StringRef text);

/// A context attribute that names a vocabulary node, and the axis of the relation's box
/// space that it stands for.
struct ContextEntity {
  llvm::StringRef name; ///< "source", "purpose", "linked"
  model::VocabularyKind kind;
  model::Axis axis;
};

/// The request Cedar is asked for one relation of docs/semantics.md. The resource is always
/// the category (model::CategoryAxis); the context also holds `consents`, the set of granted
/// consent names.
struct RequestShape {
  model::Relation relation;
  llvm::StringRef action; ///< the id of the Action entity: "collect", "process", "link"
  /// The axis the principal stands for; none when the principal is always `us`.
  std::optional<model::Axis> principalAxis;
  llvm::ArrayRef<ContextEntity> context;
};

/// The context attribute holding the granted consents.
inline constexpr llvm::StringLiteral kConsentsAttribute = "consents";

/// The shapes of the three relations, in the order collect, process, link.
llvm::ArrayRef<RequestShape> requestShapes();
const RequestShape &requestShape(model::Relation relation);

} // namespace policyc::gen::cedar

#endif
