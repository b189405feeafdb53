#include "ast/AST.h"

#include "llvm/Support/ErrorHandling.h"

namespace policyc::ast {

Item::~Item() = default;

std::string Path::spelling() const {
  if (isStar())
    return "*";
  std::string result;
  for (const Identifier &segment : segments) {
    if (!result.empty())
      result += '.';
    result += segment.text;
  }
  if (wildcard)
    result += ".*";
  return result;
}

llvm::StringRef vocabularyKeyword(VocabularyKind kind) {
  switch (kind) {
  case VocabularyKind::Category:
    return "category";
  case VocabularyKind::Purpose:
    return "purpose";
  case VocabularyKind::Recipient:
    return "recipient";
  case VocabularyKind::Source:
    return "source";
  }
  llvm_unreachable("unknown vocabulary kind");
}

llvm::StringRef verbKeyword(Verb verb) {
  switch (verb) {
  case Verb::Collect:
    return "collect";
  case Verb::Use:
    return "use";
  case Verb::Disclose:
    return "disclose";
  case Verb::Link:
    return "link";
  }
  llvm_unreachable("unknown verb");
}

} // namespace policyc::ast
