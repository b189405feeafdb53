// C++ spellings of policy names: valid, unique in their scope, deterministic.
#include "gen/cpp/CppNames.h"
#include "gen/cpp/CppGenerator.h"

#include <catch2/catch.hpp>

using namespace policyc::gen::cpp;

TEST_CASE("names become valid identifiers", "[gen][cpp]") {
  CHECK(mangleIdentifier("contact.email") == "contact_email");
  CHECK(mangleIdentifier("a-b") == "a_b");
  CHECK(mangleIdentifier("1st-party") == "n1st_party");
  CHECK(mangleIdentifier("_hidden") == "n_hidden");
  // A double underscore is reserved: runs collapse.
  CHECK(mangleIdentifier("a_.b") == "a_b");
  CHECK(mangleIdentifier("x__y") == "x_y");
}

TEST_CASE("keywords and standard macros get a trailing underscore", "[gen][cpp]") {
  for (const char *keyword :
       {"class", "delete", "public", "int", "and", "co_await", "requires", "char8_t", "export"})
    CHECK(mangleIdentifier(keyword) == std::string(keyword) + "_");
  for (const char *macro : {"NULL", "errno", "linux", "unix", "EOF", "EACCES", "SIGINT", "assert"})
    CHECK(mangleIdentifier(macro) == std::string(macro) + "_");
  CHECK(mangleIdentifier("Upper") == "Upper");
  CHECK(mangleIdentifier("EU") == "EU");
}

TEST_CASE("names that collide once mangled get numbered, first come first served", "[gen][cpp]") {
  NameScope scope;
  CHECK(scope.unique("a-b") == "a_b");
  CHECK(scope.unique("a_b") == "a_b_2");
  CHECK(scope.unique("a.b") == "a_b_3");
  CHECK(scope.unique("class") == "class_");
  CHECK(scope.unique("class_") == "class_2");
  NameScope again;
  CHECK(again.unique("a-b") == "a_b");
}

TEST_CASE("namespaces are checked", "[gen][cpp]") {
  CHECK_FALSE(checkNamespace("acme"));
  CHECK_FALSE(checkNamespace("acme::privacy::v2"));
  CHECK(checkNamespace(""));
  CHECK(checkNamespace("acme::"));
  CHECK(checkNamespace("1acme"));
  CHECK(checkNamespace("acme-shop"));
  CHECK(checkNamespace("class"));
  CHECK(checkNamespace("std"));
  CHECK(checkNamespace("policyc"));
  CHECK(checkNamespace("a__b"));
  CHECK(checkNamespace("_Acme"));
}

TEST_CASE("the default namespace comes from the file name", "[gen][cpp]") {
  CHECK(defaultNamespace("policies/plantronics-corrected.policy") == "plantronics_corrected");
  CHECK(defaultNamespace("2024.policy") == "n2024");
  CHECK(defaultNamespace("class.policy") == "class_");
  CHECK(defaultNamespace("std.policy") == "std_policy");
  CHECK(defaultNamespace("-") == "policy");
}

TEST_CASE("string literals survive any text", "[gen][cpp]") {
  CHECK(stringLiteral("plain") == "\"plain\"");
  CHECK(stringLiteral("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"");
  CHECK(stringLiteral("?\?=") == "\"\\?\\?=\"");
  CHECK(stringLiteral("a\nb\tc") == "\"a\\nb\\tc\"");
  // A hex escape would swallow a following hex digit.
  CHECK(stringLiteral(llvm::StringRef("\x01"
                                      "a",
                                      2)) == "\"\\x01\\x61\"");
  CHECK(stringLiteral("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
}
