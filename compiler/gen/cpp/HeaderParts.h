// What the parts of a generated header share while gen cpp writes it: the policy, its
// tables and their encoding, the enumerations with their C++ names, the text pool and the
// files statements come from. Each part is written by its own emitter:
//   VocabularyEmitter.cpp  enumerations, names, trees and attributes, consents
//   DecisionEmitter.cpp    decision tables, decide and the may_* functions
//   ObligationEmitter.cpp  retention and deadlines
//   EnforcementEmitter.cpp PersonalData (compile-time enforcement) and the audit functions
// The policy-independent code they call is the runtime's (runtime/include/policyc/).
#ifndef POLICYC_GEN_CPP_HEADERPARTS_H
#define POLICYC_GEN_CPP_HEADERPARTS_H

#include "gen/Generator.h"
#include "gen/cpp/CellEncoding.h"
#include "gen/cpp/CppGenerator.h"
#include "gen/cpp/DecisionTables.h"
#include "gen/cpp/HeaderText.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace policyc::gen::cpp {

/// One generated enumeration: its type, identifiers and the spellings they stand for.
struct EnumInfo {
  std::string type;   ///< "Category"
  std::string plural; ///< "Categories", for table names
  std::string doc;    ///< the comment above the enum
  std::vector<std::string> identifiers;
  std::vector<std::string> spellings;
  std::vector<std::string> descriptions;

  std::string count() const { return "k" + type + "Count"; }
  size_t size() const { return spellings.size(); }
};

/// The enumerations of a header, with unique identifiers.
struct HeaderEnums {
  EnumInfo categories, sources, purposes, recipients, consents, events, rights, notices,
      recipientKinds, bases;

  /// Every enumeration, in the order the header declares them.
  std::vector<const EnumInfo *> all() const {
    return {&categories, &sources, &purposes, &recipients,     &consents,
            &events,     &rights,  &notices,  &recipientKinds, &bases};
  }
};

HeaderEnums collectEnums(const model::PolicyModel &model);

struct HeaderState {
  HeaderState(const GeneratorContext &context, const DecisionTables &tables,
              const CellEncoding &encoding, const CppLimits &limits, const HeaderEnums &enums,
              llvm::raw_ostream &out)
      : context(context), model(context.model), tables(tables), encoding(encoding), limits(limits),
        enums(enums), out(out) {}

  const GeneratorContext &context;
  const model::PolicyModel &model;
  const DecisionTables &tables;
  const CellEncoding &encoding;
  const CppLimits &limits;
  const HeaderEnums &enums;
  /// The body of the namespace; written after the text pool and file names it refers to.
  llvm::raw_ostream &out;
  TextPool text;

  /// `Type::identifier`.
  std::string enumerator(const EnumInfo &info, size_t index) const {
    return info.type + "::" + info.identifiers[index];
  }
  /// `statement, detail::kFile_N, line` for a Decision, Deadline or Retention initializer.
  std::string statementFields(const model::StatementInfo *info);
  /// `detail::kFile_N`, the NUL-terminated name of `file`.
  std::string fileConstant(llvm::StringRef file);
  /// `detail::kFile_N` in order.
  const std::vector<std::string> &files() const { return fileNames; }

private:
  std::vector<std::string> fileNames;
  llvm::StringMap<size_t> fileIndex;
};

void writeEnumerations(HeaderState &state);
void writeVocabularyDetails(HeaderState &state);
void writeConsents(HeaderState &state);
void writeDecisions(HeaderState &state);
void writeObligations(HeaderState &state);
void writeEnforcement(HeaderState &state);

} // namespace policyc::gen::cpp

#endif
