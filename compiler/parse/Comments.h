// The comments of a policy file, for tools that read them (the -verify mode).
#ifndef POLICYC_PARSE_COMMENTS_H
#define POLICYC_PARSE_COMMENTS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace policyc::parse {

struct Comment {
  uint32_t offset;      ///< byte offset of the comment's first character
  llvm::StringRef text; ///< the whole comment, delimiters included
};

std::vector<Comment> lexComments(llvm::StringRef text);

} // namespace policyc::parse

#endif
