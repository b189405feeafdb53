#include "gen/cedar/CedarSyntax.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policyc::gen::cedar {

using model::VocabularyKind;

llvm::StringRef entityType(VocabularyKind kind) {
  switch (kind) {
  case VocabularyKind::Category:
    return "Category";
  case VocabularyKind::Purpose:
    return "Purpose";
  case VocabularyKind::Recipient:
    return "Recipient";
  case VocabularyKind::Source:
    return "Source";
  }
  llvm_unreachable("unknown vocabulary");
}

std::string stringLiteral(llvm::StringRef text) {
  std::string result = "\"";
  for (unsigned char c : text) {
    switch (c) {
    case '"':
      result += "\\\"";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\t':
      result += "\\t";
      break;
    case '\r':
      result += "\\r";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        result += "\\u{" + llvm::utohexstr(c, /*LowerCase=*/true) + "}";
        break;
      }
      result.push_back(static_cast<char>(c));
    }
  }
  return result + "\"";
}

std::string entityUid(const model::PolicyModel &model, VocabularyKind kind, model::NodeId id) {
  return entityType(kind).str() + "::" + stringLiteral(model.vocabulary(kind)[id].path);
}

std::string commentText(llvm::StringRef text) {
  std::string result;
  for (char c : text)
    result.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
  return result;
}

namespace {
constexpr ContextEntity kCollectContext[] = {
    {"source", VocabularyKind::Source, model::SourceAxis},
};
constexpr ContextEntity kProcessContext[] = {
    {"source", VocabularyKind::Source, model::SourceAxis},
    {"purpose", VocabularyKind::Purpose, model::PurposeAxis},
};
constexpr ContextEntity kLinkContext[] = {
    {"source", VocabularyKind::Source, model::SourceAxis},
    {"linked", VocabularyKind::Category, model::LinkedAxis},
};

// Indexed by model::Relation.
const RequestShape kShapes[] = {
    {model::Relation::Collect, "collect", std::nullopt, kCollectContext},
    {model::Relation::Tuple, "process", model::RecipientAxis, kProcessContext},
    {model::Relation::Link, "link", std::nullopt, kLinkContext},
};
static_assert(std::size(kShapes) == model::kNumRelations, "one request shape per relation");
} // namespace

llvm::ArrayRef<RequestShape> requestShapes() {
  return kShapes;
}

const RequestShape &requestShape(model::Relation relation) {
  const RequestShape &shape = kShapes[static_cast<unsigned>(relation)];
  assert(shape.relation == relation && "request shapes are indexed by relation");
  return shape;
}

} // namespace policyc::gen::cedar
