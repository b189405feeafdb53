// C++ spellings for policy names: node paths contain dots and hyphens, may start with digits,
// may be C++ keywords or macro names, and two of them may collide once mangled (`a-b` and
// `a_b`). Every generated identifier goes through here so that it is valid, unique in its
// scope and the same on every run; the original spelling is kept for to_string and parsing.
#ifndef POLICYC_GEN_CPP_CPPNAMES_H
#define POLICYC_GEN_CPP_CPPNAMES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <cstdint>
#include <optional>
#include <string>

namespace policyc::gen::cpp {

/// True for C++20 keywords (alternative tokens included) and for names the C and C++
/// standard libraries or common compilers define as macros, which no enumerator may use.
bool isReservedIdentifier(llvm::StringRef name);

/// A valid identifier for `spelling`: '.' and '-' become '_', runs of '_' collapse (a double
/// underscore is reserved), a leading digit or '_' gets an 'n' in front, and a reserved
/// word gets a trailing '_'. Not necessarily unique: see NameScope.
std::string mangleIdentifier(llvm::StringRef spelling);

/// The identifiers of one C++ scope; hands out unique ones in request order.
class NameScope {
public:
  /// Marks `name` as taken without handing it out (e.g. names the generator uses itself).
  void reserve(llvm::StringRef name) { used.insert(name); }
  /// mangleIdentifier(spelling), or with `_2`, `_3`, ... appended if that is taken.
  std::string unique(llvm::StringRef spelling);

private:
  llvm::StringSet<> used;
};

/// True for names the standard headers a generated header includes declare at global scope
/// (`size_t`, `time`, `std`): no generated namespace may have one.
bool isStandardGlobal(llvm::StringRef name);

/// True for top-level namespaces generated code must not open: `std`, `posix`, `policyc`
/// (the runtime's), `std` followed by digits and the standard global names.
bool isReservedNamespace(llvm::StringRef name);

/// Checks a namespace such as `acme::privacy`; on failure returns why.
std::optional<std::string> checkNamespace(llvm::StringRef name);

/// True for code points no header writes as themselves: C1 controls, line and paragraph
/// separators and format characters (Unicode Cf, bidirectional controls among them).
bool isInvisibleCodePoint(uint32_t point);

/// `text` as a C++ string literal (quotes included), escaped so that any bytes survive and
/// no trigraph, universal-character or octal ambiguity arises. Invisible code points and
/// invalid UTF-8 are byte escapes, so no compiler warns about the encoding (-Wbidi-chars).
/// The caller keeps the value within 65,536 bytes (HeaderText.h splits longer text).
std::string stringLiteral(llvm::StringRef text);

/// `text` for a `//` comment: no control characters, no backslash that could splice the
/// next line into the comment, invisible code points as `<U+XXXX>`, invalid UTF-8 as `?`.
std::string commentText(llvm::StringRef text);

/// The include guard of a header for `cppNamespace`: different namespaces give different
/// guards (`a::b_c` and `a_b::c`, `Shop` and `shop`).
std::string includeGuard(llvm::StringRef cppNamespace);

} // namespace policyc::gen::cpp

#endif
