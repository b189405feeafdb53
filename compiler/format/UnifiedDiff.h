// A unified diff between two texts, as `diff -u` writes it, for `policyc fmt --diff`.
#ifndef POLICYC_FORMAT_UNIFIEDDIFF_H
#define POLICYC_FORMAT_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace policyc::format {

/// The unified diff (three lines of context) that turns `before` into `after`, headed
/// `--- beforeName` and `+++ afterName`; empty when the texts are equal. Lines are compared
/// with their line ends. Edits are found with Myers' algorithm; when they are very many,
/// the region that differs becomes one hunk that replaces it whole (a correct diff, if not
/// the shortest).
std::string unifiedDiff(llvm::StringRef before, llvm::StringRef after, llvm::StringRef beforeName,
                        llvm::StringRef afterName);

} // namespace policyc::format

#endif
