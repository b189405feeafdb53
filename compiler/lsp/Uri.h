// file: URIs, as the protocol names documents, and the paths they stand for.
#ifndef POLICYC_LSP_URI_H
#define POLICYC_LSP_URI_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace policyc::lsp {

/// The absolute path of a `file:` URI (percent-escapes decoded; `file://localhost/` too), or
/// std::nullopt for another scheme or a malformed URI.
std::optional<std::string> pathFromUri(llvm::StringRef uri);

/// The `file:` URI of an absolute path, escaping what RFC 3986 does not allow in a path.
std::string uriFromPath(llvm::StringRef path);

} // namespace policyc::lsp

#endif
