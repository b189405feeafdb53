// Prints decisions of the generated header so the test can see regenerations take effect.
#include "shop.hpp"

#include <iostream>

int main() {
  using namespace shop;
  static_assert(may_collect(Category::contact_email, Source::website_checkout).allowed,
                "the policy collects e-mail addresses at checkout");
  Consents granted = default_consents();
  const policyc::Decision before = may_use(Category::contact_email, Source::website_checkout,
                                           Purpose::marketing_newsletter, granted);
  granted.grant(Consent::newsletter_email);
  const policyc::Decision after = may_use(Category::contact_email, Source::website_checkout,
                                          Purpose::marketing_newsletter, granted);
  std::cout << (before.allowed ? "allowed" : "denied") << " " << policyc::to_string(before.reason)
            << "|" << (after.allowed ? "allowed" : "denied") << " "
            << policyc::to_string(after.reason) << "|" << description(Consent::newsletter_email)
            << "|" << kEffective << "|" << after.file << ":" << after.line << "\n";
  return 0;
}
