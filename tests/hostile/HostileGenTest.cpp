// Hostile input through the whole pipeline, in-process: text that breaks out of literals,
// comments and markup, line ends of every kind, a 1 MB line, a 100,000-character name and
// nesting at the limit, through the checker and every generator. The front end alone is
// covered by tests/unit/frontend/HostileInputTest.cpp; the same inputs through the command
// line, with the generated C++ compiled and run, are in hostile_cli.py and the differential
// test of this folder.
#include "TestSupport.h"

#include "OutputInvariants.h"
#include "check/Checker.h"
#include "gen/Generator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace policyc;

namespace {
struct Outputs {
  std::string json;
  std::string cpp;
  std::string markdown;
  std::string html;
};

/// Compiles `text` as `name`, requires it to check clean, and runs every generator on it.
Outputs generateAll(llvm::StringRef text, llvm::StringRef name = "hostile.policy") {
  auto compiled = test::compileText(text, name);
  INFO(llvm::join(compiled->consumer.entries, "\n").substr(0, 4000));
  REQUIRE(compiled->model);
  REQUIRE_FALSE(compiled->diags->hasErrors());
  check::runChecks(*compiled->model, *compiled->diags);
  REQUIRE_FALSE(compiled->diags->hasErrors());
  auto run = [&](gen::GeneratorFunction generate, const char *format) {
    gen::GeneratorOptions options;
    options.sourcePath = name.str();
    options.textFormat = format;
    std::string result;
    llvm::raw_string_ostream out(result);
    gen::GeneratorContext context{*compiled->model, compiled->sources, options, *compiled->diags};
    REQUIRE(generate(context, out));
    out.flush();
    REQUIRE_FALSE(result.empty());
    return result;
  };
  Outputs outputs{run(gen::generateJson, "md"), run(gen::generateCpp, "md"),
                  run(gen::generateText, "md"), run(gen::generateText, "html")};
  return outputs;
}

/// Every output has the properties the fuzzers check (fuzz/OutputInvariants.h).
void checkInvariants(const Outputs &outputs) {
  for (const std::string *text : {&outputs.json, &outputs.cpp, &outputs.markdown, &outputs.html})
    CHECK(fuzz::checkUtf8(*text) == std::nullopt);
  CHECK(fuzz::checkJson(outputs.json) == std::nullopt);
  CHECK(fuzz::checkCppTokens(outputs.cpp) == std::nullopt);
  CHECK(fuzz::checkHtml(outputs.html) == std::nullopt);
}

/// The values of the string literals of a generated header, adjacent literals joined, as the
/// C++ compiler reads them (the escapes the generator uses).
llvm::StringSet<> cppStringValues(llvm::StringRef header) {
  llvm::StringSet<> values;
  std::string current;
  bool inValue = false;
  size_t i = 0;
  while (i < header.size()) {
    if (header.substr(i).startswith("//")) {
      i = std::min(header.find('\n', i), header.size());
      continue;
    }
    if (header[i] != '"') {
      if (inValue && !llvm::isSpace(header[i])) {
        values.insert(current);
        current.clear();
        inValue = false;
      }
      ++i;
      continue;
    }
    inValue = true;
    for (++i; i < header.size() && header[i] != '"'; ++i) {
      if (header[i] != '\\') {
        current += header[i];
        continue;
      }
      char escaped = header[++i];
      if (escaped == 'n') {
        current += '\n';
      } else if (escaped == 't') {
        current += '\t';
      } else if (escaped == 'x') {
        unsigned value = 0;
        while (i + 1 < header.size() && llvm::isHexDigit(header[i + 1]))
          value = value * 16 + llvm::hexDigitValue(header[++i]);
        current += static_cast<char>(value);
      } else if (escaped >= '0' && escaped <= '7') {
        unsigned value = static_cast<unsigned>(escaped - '0');
        for (int digits = 1; digits < 3 && header[i + 1] >= '0' && header[i + 1] <= '7'; ++digits)
          value = value * 8 + static_cast<unsigned>(header[++i] - '0');
        current += static_cast<char>(value);
      } else {
        std::string simple = "a\ab\bf\fr\rv\v";
        size_t at = simple.find(escaped);
        current += at != std::string::npos && at % 2 == 0 ? simple[at + 1] : escaped;
      }
    }
    ++i; // the closing quote
  }
  if (inValue)
    values.insert(current);
  return values;
}

/// The values of the char arrays a generated header writes as braced lists of characters
/// (text longer than a string literal may be: gen/cpp/HeaderText.h).
std::vector<std::string> cppCharArrays(llvm::StringRef header) {
  std::vector<std::string> values;
  for (size_t at = header.find("[] = {"); at != llvm::StringRef::npos;
       at = header.find("[] = {", at + 1)) {
    llvm::StringRef list = header.substr(at + 6, header.find('}', at) - at - 6);
    std::string value;
    llvm::SmallVector<llvm::StringRef, 64> items;
    list.split(items, ',');
    bool chars = true;
    for (llvm::StringRef item : items) {
      int character = 0;
      if (item.trim().getAsInteger(10, character)) {
        chars = false;
        break;
      }
      if (character != 0)
        value.push_back(static_cast<char>(character));
    }
    if (chars)
      values.push_back(std::move(value));
  }
  return values;
}

/// Does `text` lie inside one of `values`? Names and descriptions are kept in chunks of
/// text, back to back, so each is part of a literal's value rather than all of it.
bool withinSome(const llvm::StringSet<> &values, llvm::StringRef text) {
  for (const auto &value : values)
    if (value.getKey().contains(text))
      return true;
  return false;
}

/// Every string value anywhere in a JSON document.
void jsonStrings(const llvm::json::Value &value, llvm::StringSet<> &out) {
  if (auto text = value.getAsString()) {
    out.insert(*text);
  } else if (const auto *array = value.getAsArray()) {
    for (const llvm::json::Value &element : *array)
      jsonStrings(element, out);
  } else if (const auto *object = value.getAsObject()) {
    for (const auto &member : *object)
      jsonStrings(member.second, out);
  }
}
} // namespace

TEST_CASE("hostile: descriptions that break out of literals, comments and markup", "[hostile]") {
  std::string policy = test::readFile(POLICYC_SOURCE_DIR "/tests/hostile/descriptions.policy");
  Outputs outputs = generateAll(policy, "descriptions.policy");
  checkInvariants(outputs);

  auto compiled = test::compileText(policy, "descriptions.policy");
  REQUIRE(compiled->model);
  const model::PolicyModel &model = *compiled->model;
  std::vector<std::string> texts = {model.policy.title, model.policy.controller};
  for (const model::Vocabulary &vocabulary : model.vocabularies)
    for (const model::VocabularyNode &node : vocabulary.nodes)
      texts.push_back(node.description);
  for (const model::Consent &consent : model.consents)
    texts.push_back(consent.description);
  for (const model::Event &event : model.events)
    texts.push_back(event.description);

  // C++: each text is in a literal's value, as written (hostile/differential compiles the
  // header and compares every name and description with the model).
  llvm::StringSet<> literals = cppStringValues(outputs.cpp);
  for (const std::string &text : texts) {
    INFO("text: " << text);
    CHECK(withinSome(literals, text));
  }
  // JSON: the same, after a full parse.
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(outputs.json);
  REQUIRE(bool(json));
  llvm::StringSet<> strings;
  jsonStrings(*json, strings);
  for (const std::string &text : texts) {
    INFO("text: " << text);
    CHECK(strings.contains(text));
  }
  // HTML and Markdown: the markup shows as text.
  CHECK(
      llvm::StringRef(outputs.html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  CHECK_FALSE(llvm::StringRef(outputs.html).contains("<script"));
  CHECK_FALSE(llvm::StringRef(outputs.html).contains("<img"));
  CHECK_FALSE(llvm::StringRef(outputs.markdown).contains("<script"));
  CHECK_FALSE(llvm::StringRef(outputs.markdown).contains("<img"));
  // Terminal escapes and other control characters do not reach either text format.
  CHECK_FALSE(llvm::StringRef(outputs.html).contains('\x1B'));
  CHECK_FALSE(llvm::StringRef(outputs.markdown).contains('\x1B'));
}

TEST_CASE("hostile: CRLF, CR, a byte order mark and LF give the same outputs", "[hostile]") {
  std::string lf = test::readFile(POLICYC_SOURCE_DIR "/tests/hostile/descriptions.policy");
  std::string crlf = "\xEF\xBB\xBF";
  std::string cr;
  for (char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  Outputs expected = generateAll(lf, "descriptions.policy");
  for (const std::string *variant : {&crlf, &cr}) {
    Outputs outputs = generateAll(*variant, "descriptions.policy");
    CHECK(outputs.cpp == expected.cpp);
    CHECK(outputs.markdown == expected.markdown);
    CHECK(outputs.html == expected.html);
    // The JSON IR holds source columns, which the byte order mark does not shift.
    CHECK(outputs.json == expected.json);
  }
}

TEST_CASE("hostile: a 1 MB line through the checker and every generator", "[hostile]") {
  std::string line = "policy \"One line\" { controller \"Acme\"; effective 2024-01-01; } "
                     "category c {";
  for (int i = 0; i < 200; ++i)
    line += " x" + std::to_string(i) + ";";
  line += " } source website { form; app; } purpose p basis contract { a; b; c; } "
          "recipient carriers processor; event closed; ";
  for (int i = 0; i < 200; ++i)
    for (const char *purpose : {"p.a", "p.b"})
      line += "use c.x" + std::to_string(i) + " from website.form for " + purpose + "; ";
  line += "disclose c to carriers for p.c; retain c until closed; ";
  while (line.size() < 1'000'000)
    line += "note security \"A sentence that is one of very many on one line.\"; ";
  REQUIRE(line.find('\n') == std::string::npos);
  Outputs outputs = generateAll(line, "one-line.policy");
  checkInvariants(outputs);
  CHECK(llvm::StringRef(outputs.cpp).contains("x199"));
}

TEST_CASE("hostile: a 100,000-character name through every generator", "[hostile]") {
  std::string name = "n" + std::string(99'999, 'a');
  std::string policy = "policy \"Long\" { controller \"Acme\"; effective 2024-01-01; }\n"
                       "category " +
                       name + " \"a very long name\" { " + name +
                       "; }\n"
                       "source website;\npurpose p basis contract;\nevent closed;\n"
                       "collect " +
                       name + "." + name +
                       " from website for p;\n"
                       "retain " +
                       name + " until closed;\n";
  Outputs outputs = generateAll(policy);
  checkInvariants(outputs);
  // The name is kept whole, as a spelling and as an identifier.
  // Longer than a string literal may be, the spelling is a braced list of its characters.
  std::vector<std::string> arrays = cppCharArrays(outputs.cpp);
  CHECK(llvm::is_contained(arrays, name + "." + name));
  CHECK(llvm::StringRef(outputs.cpp).contains(name + "_" + name + ","));
  CHECK(llvm::StringRef(outputs.json).contains(name + "." + name));
}

TEST_CASE("hostile: vocabularies nested to the limit through every generator", "[hostile]") {
  // kMaxNestingDepth blocks deep: the deepest the parser accepts, and every tree walk of
  // sema, the checker and the generators must cope with it.
  std::string open;
  std::string path = "deep";
  std::string close;
  for (unsigned depth = 1; depth < limits::kMaxNestingDepth; ++depth) {
    open += " l" + std::to_string(depth) + " \"level " + std::to_string(depth) + "\" {";
    path += ".l" + std::to_string(depth);
    close += " }";
  }
  std::string policy = "policy \"Deep\" { controller \"Acme\"; effective 2024-01-01; }\n"
                       "category deep {" +
                       open + " leaf;" + close +
                       " }\n"
                       "source website;\npurpose p basis contract;\nevent closed;\n"
                       "collect " +
                       path +
                       ".leaf from website for p;\n"
                       "retain deep until closed;\n";
  auto compiled = test::compileText(policy);
  INFO(llvm::join(compiled->consumer.entries, "\n"));
  REQUIRE_FALSE(compiled->hasError("err_nesting_too_deep"));
  Outputs outputs = generateAll(policy);
  checkInvariants(outputs);
  CHECK(llvm::StringRef(outputs.json).contains(path + ".leaf"));
}
