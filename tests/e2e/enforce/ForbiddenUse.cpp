// docs/cpp-api.md, "Compile-time enforcement": `never use payment for marketing;` makes this
// use of a card number for promotions a compile error, whatever the consents.
#include "shop.hpp"

#include <string>

using namespace shop;

int main() {
  PersonalData<Category::payment_credit_card, Source::website_checkout, std::string> card{
      "4111 1111 1111 1111"};
  const std::string *number = card.use<Purpose::marketing_promotions>(all_consents());
  return number != nullptr;
}
