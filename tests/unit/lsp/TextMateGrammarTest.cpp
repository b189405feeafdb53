// The VS Code grammar (editors/vscode/syntaxes/policy.tmLanguage.json) highlights exactly the
// keywords of the language, in the compiler's three classes, so the two cannot drift apart.
#include "TestSupport.h"

#include "parse/TokenClasses.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace policyc;

namespace {

/// A JSON field as a plain value, so that tests compare it with ==.
std::string str(llvm::Optional<llvm::StringRef> value) {
  return value ? value->str() : "<missing>";
}
/// The words of a pattern written `(?<!...)(?:a|b|c)(?!...)`.
std::set<std::string> alternatives(llvm::StringRef match) {
  size_t open = match.find("(?:");
  size_t close = match.find(')', open);
  // Compared here, not inside REQUIRE: Catch would bind npos by reference, and LLVM 14's
  // library defines it out of line too.
  bool wellFormed = open != llvm::StringRef::npos && close != llvm::StringRef::npos;
  REQUIRE(wellFormed);
  llvm::SmallVector<llvm::StringRef, 32> words;
  match.slice(open + 3, close).split(words, '|');
  std::set<std::string> result;
  for (llvm::StringRef word : words) {
    INFO("word " << word.str());
    bool lowercase = word.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == llvm::StringRef::npos;
    CHECK(lowercase);
    result.insert(word.str());
  }
  return result;
}

std::set<std::string> compilerKeywords(parse::TokenClass tokenClass) {
  std::set<std::string> result;
  for (const parse::KeywordSpelling &keyword : parse::keywordSpellings())
    if (keyword.tokenClass == tokenClass)
      result.insert(keyword.spelling);
  return result;
}
} // namespace

TEST_CASE("the TextMate grammar's keywords are the lexer's", "[lsp][editors]") {
  std::string text = test::readFile(std::string(POLICYC_SOURCE_DIR) +
                                    "/editors/vscode/syntaxes/policy.tmLanguage.json");
  llvm::Expected<llvm::json::Value> grammar = llvm::json::parse(text);
  REQUIRE(static_cast<bool>(grammar));
  const llvm::json::Object *repository = grammar->getAsObject()->getObject("repository");
  REQUIRE(repository);
  auto words = [&](llvm::StringRef entry) {
    const llvm::json::Object *pattern = repository->getObject(entry);
    REQUIRE(pattern);
    return alternatives(*pattern->getString("match"));
  };
  CHECK(words("statement-keywords") == compilerKeywords(parse::TokenClass::StatementKeyword));
  CHECK(words("connectives") == compilerKeywords(parse::TokenClass::Connective));
  CHECK(words("contextual-keywords") == compilerKeywords(parse::TokenClass::ContextualKeyword));
  // 19 statement keywords, 18 connectives, 11 contextual ones (docs/language.md, Keywords).
  CHECK(compilerKeywords(parse::TokenClass::StatementKeyword).size() == 19);
  CHECK(compilerKeywords(parse::TokenClass::Connective).size() == 18);
  CHECK(compilerKeywords(parse::TokenClass::ContextualKeyword).size() == 11);
  // The declarations pattern names every declaration keyword.
  const llvm::json::Object *declarations = repository->getObject("declarations");
  REQUIRE(declarations);
  llvm::StringRef match = *declarations->getString("match");
  for (llvm::StringRef keyword : {"category", "purpose", "recipient", "source", "consent", "event"})
    CHECK(match.contains(keyword));
}

TEST_CASE("the VS Code extension declares the language, grammar and server", "[lsp][editors]") {
  std::string folder = std::string(POLICYC_SOURCE_DIR) + "/editors/vscode/";
  llvm::Expected<llvm::json::Value> manifest =
      llvm::json::parse(test::readFile(folder + "package.json"));
  REQUIRE(static_cast<bool>(manifest));
  const llvm::json::Object &package = *manifest->getAsObject();
  const llvm::json::Object &contributes = *package.getObject("contributes");
  const llvm::json::Object &language = *(*contributes.getArray("languages"))[0].getAsObject();
  CHECK(str(language.getString("id")) == "policy");
  CHECK(str((*language.getArray("extensions"))[0].getAsString()) == ".policy");
  const llvm::json::Object &grammar = *(*contributes.getArray("grammars"))[0].getAsObject();
  CHECK(str(grammar.getString("scopeName")) == "source.policy");
  CHECK(str(grammar.getString("path")) == "./syntaxes/policy.tmLanguage.json");
  CHECK(str(package.getObject("dependencies")->getString("vscode-languageclient")) == "9.0.1");
  CHECK(llvm::StringRef(test::readFile(folder + "extension.js")).contains("'lsp'"));
  llvm::Expected<llvm::json::Value> configuration =
      llvm::json::parse(test::readFile(folder + "language-configuration.json"));
  REQUIRE(static_cast<bool>(configuration));
}
