// Compile-time enforcement and auditing in a generated header: the header's types for the
// runtime's templates, PersonalData, and the audit_* functions. Their bodies are the
// runtime's (policyc/enforce.hpp, policyc/audit.hpp); this file names them for the policy.
#include "gen/cpp/HeaderParts.h"

namespace policyc::gen::cpp {

void writeEnforcement(HeaderState &state) {
  llvm::raw_ostream &out = state.out;
  std::string us = state.enumerator(state.enums.recipients, state.model.usRecipient);
  out << "\nnamespace detail {\n"
      << "/// This header's types, for the runtime's templates (policyc/enforce.hpp, audit.hpp).\n"
      << "struct Types {\n"
      << "  using category = Category;\n"
      << "  using source = Source;\n"
      << "  using purpose = Purpose;\n"
      << "  using recipient = Recipient;\n"
      << "  using consents = Consents;\n"
      << "  static constexpr std::string_view policy = kSourcePath;\n"
      << "  static constexpr Recipient us = " << us << ";\n"
      << "};\n"
      << "} // namespace detail\n\n"
      << "/// A value of personal data that knows its category and source; a use the policy\n"
      << "/// never allows does not compile (policyc/enforce.hpp).\n"
      << "///\n"
      << "///   PersonalData<Category::contact_email, Source::website, std::string> "
         "email{address};\n"
      << "///   const std::string *to = email.use<Purpose::marketing>(consents); // null without "
         "consent\n"
      << "template <Category C, Source S, typename T>\n"
      << "using PersonalData = ::policyc::PersonalData<detail::Types, C, S, T>;\n\n"
      << "/// The decision functions with a record of each decision sent to `hook`.\n"
      << "inline const ::policyc::Decision &audit_collect(::policyc::AuditHook &hook, Category "
         "category,\n"
      << "                                                Source source,\n"
      << "                                                const Consents &granted) noexcept {\n"
      << "  return ::policyc::detail::audit_collect<detail::Types>(hook, category, source, "
         "granted);\n}\n"
      << "inline const ::policyc::Decision &audit_use(::policyc::AuditHook &hook, Category "
         "category,\n"
      << "                                            Source source, Purpose purpose,\n"
      << "                                            const Consents &granted) noexcept {\n"
      << "  return ::policyc::detail::audit_use<detail::Types>(hook, category, source, purpose, "
         "granted);\n}\n"
      << "inline const ::policyc::Decision &audit_disclose(::policyc::AuditHook &hook,\n"
      << "                                                 Category category, Source source,\n"
      << "                                                 Recipient recipient, Purpose "
         "purpose,\n"
      << "                                                 const Consents &granted) noexcept {\n"
      << "  return ::policyc::detail::audit_disclose<detail::Types>(hook, category, source, "
         "recipient,\n"
      << "                                                        purpose, granted);\n}\n"
      << "inline const ::policyc::Decision &audit_link(::policyc::AuditHook &hook, Category "
         "first,\n"
      << "                                             Category second, Source source,\n"
      << "                                             const Consents &granted) noexcept {\n"
      << "  return ::policyc::detail::audit_link<detail::Types>(hook, first, second, source, "
         "granted);\n}\n";
}

} // namespace policyc::gen::cpp
