// docs/cpp-api.md, "Compile-time enforcement": the newsletter use needs consent, so the
// overload without a consent set does not compile.
#include "shop.hpp"

#include <string>

using namespace shop;

int main() {
  PersonalData<Category::contact_email, Source::website_checkout, std::string> email{
      "ada@example.com"};
  const std::string &to = email.use<Purpose::marketing_newsletter>();
  return to.empty();
}
