// Moving an item's source locations to another copy of its text. The language server parses
// only the items an edit touched (parse/ItemReuse.h); every other item is taken over from the
// previous parse of the file, whose buffer is about to be freed, and its locations are moved
// to where the same text stands in the new buffer.
#ifndef POLICYC_AST_RELOCATION_H
#define POLICYC_AST_RELOCATION_H

#include "ast/AST.h"

namespace policyc::ast {

/// Moves every location of `item` by the distance from `from` to `to`: a location `from + n`
/// becomes `to + n`. Invalid (null) locations stay invalid. `from` and `to` point at the
/// same text in the old and the new buffer.
void relocate(Item &item, const char *from, const char *to);

/// The same for one location or range.
llvm::SMLoc relocate(llvm::SMLoc loc, const char *from, const char *to);
llvm::SMRange relocate(llvm::SMRange range, const char *from, const char *to);

} // namespace policyc::ast

#endif
