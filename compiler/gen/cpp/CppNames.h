// C++ spellings for policy names: node paths contain dots and hyphens, may start with digits,
// may be C++ keywords or macro names, and two of them may collide once mangled (`a-b` and
// `a_b`). Every generated identifier goes through here so that it is valid, unique in its
// scope and the same on every run; the original spelling is kept for to_string and parsing.
#ifndef POLICYC_GEN_CPP_CPPNAMES_H
#define POLICYC_GEN_CPP_CPPNAMES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

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

/// True for top-level namespaces generated code must not open: `std`, `posix`, `policyc`
/// (the runtime's) and `std` followed by digits.
bool isReservedNamespace(llvm::StringRef name);

/// Checks a namespace such as `acme::privacy`; on failure returns why.
std::optional<std::string> checkNamespace(llvm::StringRef name);

/// `text` as a C++ string literal (quotes included), escaped so that any bytes survive and
/// no trigraph, universal-character or octal ambiguity arises.
std::string stringLiteral(llvm::StringRef text);

} // namespace policyc::gen::cpp

#endif
