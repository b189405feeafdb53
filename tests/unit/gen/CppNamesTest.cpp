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

TEST_CASE("macros of the standard headers are mangled", "[gen][cpp]") {
  for (const char *macro : {"SIZE_MAX", "INT8_C", "UINT64_MAX", "WEOF", "CLOCK_REALTIME", "stdout",
                            "offsetof", "va_arg", "INT32_MAX", "RAND_MAX", "BUFSIZ"})
    CHECK(mangleIdentifier(macro) == std::string(macro) + "_");
  // Global names are no macros: an enumerator may have them, a namespace may not.
  CHECK(mangleIdentifier("size_t") == "size_t");
  CHECK(mangleIdentifier("time") == "time");
}

TEST_CASE("namespaces avoid the standard headers' global names", "[gen][cpp]") {
  CHECK(isStandardGlobal("size_t"));
  CHECK(isStandardGlobal("time"));
  CHECK(isStandardGlobal("printf"));
  CHECK_FALSE(isStandardGlobal("shop"));
  CHECK(checkNamespace("size_t"));
  CHECK(checkNamespace("time"));
  CHECK(checkNamespace("SIZE_MAX"));
  // Nested, a global name is harmless; a macro is not.
  CHECK_FALSE(checkNamespace("acme::time"));
  CHECK(checkNamespace("acme::EOF"));
  CHECK(defaultNamespace("time.policy") == "time_policy");
  CHECK(defaultNamespace("size_t.policy") == "size_t_policy");
  CHECK(defaultNamespace("SIZE_MAX.policy") == "SIZE_MAX_");
}

TEST_CASE("include guards differ for different namespaces", "[gen][cpp]") {
  CHECK(includeGuard("shop") == "POLICYC_GENERATED_shop_HPP");
  CHECK(includeGuard("a::b_c") != includeGuard("a_b::c"));
  CHECK(includeGuard("Shop") != includeGuard("shop"));
  CHECK(includeGuard("a::b") != includeGuard("a_b"));
  CHECK(includeGuard("a_0b") != includeGuard("a::b"));
  CHECK_FALSE(llvm::StringRef(includeGuard("a__b::c_")).contains("__"));
}

TEST_CASE("invisible characters are escaped in literals and comments", "[gen][cpp]") {
  // U+202E RIGHT-TO-LEFT OVERRIDE, unpaired: g++ -Wbidi-chars rejects it as itself.
  CHECK(stringLiteral("a\xe2\x80\xae"
                      "b") == "\"a\\xe2\\x80\\xae\\x62\"");
  CHECK(stringLiteral("\xe2\x80\x8b") == "\"\\xe2\\x80\\x8b\""); // zero width space
  CHECK(stringLiteral("\xef\xbb\xbf") == "\"\\xef\\xbb\\xbf\""); // byte order mark
  CHECK(stringLiteral("\xc2\xad") == "\"\\xc2\\xad\"");          // soft hyphen
  CHECK(stringLiteral("\xc2\x85") == "\"\\xc2\\x85\"");          // C1 control
  // Invalid UTF-8 is escaped byte by byte; valid text stays readable.
  CHECK(stringLiteral("\xff\xc3") == "\"\\xff\\xc3\"");
  CHECK(stringLiteral("\xe6\x97\xa5") == "\"\xe6\x97\xa5\"");
  CHECK(commentText("x\xe2\x80\xaey\\\nz") == "x<U+202E>y/ z");
  CHECK(commentText("\xe2\x81\xa6") == "<U+2066>");
  CHECK(commentText("caf\xc3\xa9\xff") == "caf\xc3\xa9?");
  CHECK(isInvisibleCodePoint(0x202e));
  CHECK(isInvisibleCodePoint(0xe0041));
  CHECK_FALSE(isInvisibleCodePoint(0xe9));
}
