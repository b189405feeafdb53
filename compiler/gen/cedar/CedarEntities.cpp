// gen cedar-entities: the vocabularies as Cedar entities (JSON). Each node is an entity whose
// parent is its parent node, so that `x in E` in the policy set means "x is E or inside its
// subtree", as naming E does in a policy (docs/cpp-api.md, "Cedar").
#include "gen/Generator.h"
#include "gen/cedar/CedarSyntax.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc::gen {

bool generateCedarEntities(const GeneratorContext &context, llvm::raw_ostream &out) {
  using model::VocabularyKind;
  llvm::json::Array entities;
  for (VocabularyKind kind : {VocabularyKind::Category, VocabularyKind::Source,
                              VocabularyKind::Purpose, VocabularyKind::Recipient}) {
    const model::Vocabulary &vocabulary = context.model.vocabulary(kind);
    llvm::StringRef type = cedar::entityType(kind);
    for (const model::VocabularyNode &node : vocabulary.nodes) {
      llvm::json::Array parents;
      if (node.parent != model::kNoNode)
        parents.push_back(llvm::json::Object{{"type", type}, {"id", vocabulary[node.parent].path}});
      entities.push_back(
          llvm::json::Object{{"uid", llvm::json::Object{{"type", type}, {"id", node.path}}},
                             {"attrs", llvm::json::Object{}},
                             {"parents", std::move(parents)}});
    }
  }
  out << llvm::formatv("{0:2}", llvm::json::Value(std::move(entities))) << "\n";
  return true;
}

} // namespace policyc::gen
