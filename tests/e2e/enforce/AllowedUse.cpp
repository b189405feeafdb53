// docs/cpp-api.md, "Compile-time enforcement": uses the policy allows compile. Built as
// part of the tests (policyc_generate on tests/golden/cpp/shop.policy).
#include "shop.hpp"

#include <string>

using namespace shop;

// Decisions are constant expressions.
static_assert(may_use(Category::contact_email, Source::website_checkout,
                      Purpose::fulfilment_shipping, no_consents())
                  .allowed,
              "e-mail addresses from checkout may be used for shipping");
static_assert(may_use(Category::payment_credit_card, Source::website_checkout,
                      Purpose::marketing_promotions, all_consents())
                      .reason == policyc::Reason::prohibited,
              "never use payment for marketing");

int main() {
  PersonalData<Category::contact_email, Source::website_checkout, std::string> email{
      "ada@example.com"};
  // Allowed outright: no consent needed.
  const std::string &to = email.use<Purpose::fulfilment_shipping>();
  // Allowed with consent: checked at run time, null without it.
  Consents granted = default_consents();
  const std::string *before = email.use<Purpose::marketing_newsletter>(granted);
  granted.grant(Consent::newsletter_email);
  const std::string *after = email.use<Purpose::marketing_newsletter>(granted);
  return to.empty() || before != nullptr || after == nullptr;
}
