// The language server in process: messages in, messages out. Diagnostics are compared with
// what `policyc check` reports for the same text; hover, definition, references, rename,
// completion, code actions and symbols are checked on small policies across an import.
#include "TestSupport.h"

#include "basic/JsonDiagnosticPrinter.h"
#include "check/Checker.h"
#include "lsp/Formatting.h"
#include "lsp/Server.h"
#include "lsp/Uri.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace policyc;
using namespace policyc::lsp;
namespace json = llvm::json;

namespace {

/// A JSON field as a plain value, so that tests compare it with ==.
std::string str(llvm::Optional<llvm::StringRef> value) {
  return value ? value->str() : "<missing>";
}
int64_t num(llvm::Optional<int64_t> value) {
  return value ? *value : -999999;
}
/// A folder of the build tree for the files of one test.
std::string scratchFolder(llvm::StringRef name) {
  std::string folder = std::string(POLICYC_BINARY_DIR) + "/lsp-tests/" + name.str();
  llvm::sys::fs::create_directories(folder);
  return folder;
}

std::string writeFile(const std::string &folder, llvm::StringRef name, llvm::StringRef text) {
  std::string path = folder + "/" + name.str();
  std::ofstream(path, std::ios::binary) << text.str();
  return path;
}

class Client {
public:
  explicit Client(ServerOptions options = {})
      : server([this](const json::Value &message) { sent.push_back(message); },
               std::move(options)) {}

  json::Value request(llvm::StringRef method, json::Value params) {
    int64_t id = ++lastId;
    send(json::Object{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (const json::Value &message : sent) {
      const json::Object *object = message.getAsObject();
      if (object && num(object->getInteger("id")) == id)
        return message;
    }
    FAIL("no response to " << method.str());
    return nullptr;
  }
  /// The result of a request that must succeed.
  json::Value result(llvm::StringRef method, json::Value params) {
    json::Value response = request(method, std::move(params));
    const json::Object *object = response.getAsObject();
    REQUIRE(object);
    INFO(llvm::formatv("{0}", response).str());
    REQUIRE(object->get("result"));
    return *object->get("result");
  }
  /// The error code of a request that must fail.
  int64_t errorCode(llvm::StringRef method, json::Value params) {
    json::Value response = request(method, std::move(params));
    const json::Object *error = response.getAsObject()->getObject("error");
    REQUIRE(error);
    return *error->getInteger("code");
  }
  void notify(llvm::StringRef method, json::Value params) {
    send(json::Object{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void send(const json::Value &message) {
    std::string body;
    llvm::raw_string_ostream(body) << message;
    server.handleBody(body);
  }

  void initialize(json::Object capabilities = {}) {
    result("initialize", json::Object{{"processId", nullptr},
                                      {"rootUri", nullptr},
                                      {"capabilities", std::move(capabilities)}});
    notify("initialized", json::Object{});
  }
  void open(const std::string &uri, llvm::StringRef text) {
    notify("textDocument/didOpen",
           json::Object{{"textDocument", json::Object{{"uri", uri},
                                                      {"languageId", "policy"},
                                                      {"version", 1},
                                                      {"text", text}}}});
    server.idle();
  }
  void change(const std::string &uri, int version, json::Array changes) {
    notify("textDocument/didChange",
           json::Object{{"textDocument", json::Object{{"uri", uri}, {"version", version}}},
                        {"contentChanges", std::move(changes)}});
    server.idle();
  }
  /// The diagnostics last published for `uri`.
  json::Array diagnostics(const std::string &uri) {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      const json::Object *object = it->getAsObject();
      if (!object || str(object->getString("method")) != "textDocument/publishDiagnostics")
        continue;
      const json::Object *params = object->getObject("params");
      if (str(params->getString("uri")) == uri)
        return *params->getArray("diagnostics");
    }
    FAIL("no diagnostics for " << uri);
    return {};
  }
  static json::Object at(const std::string &uri, int line, int character) {
    return json::Object{{"textDocument", json::Object{{"uri", uri}}},
                        {"position", json::Object{{"line", line}, {"character", character}}}};
  }

  std::vector<json::Value> sent;
  Server server;
  int64_t lastId = 0;
};

std::string text(const json::Value &value) {
  std::string out;
  llvm::raw_string_ostream(out) << value;
  return out;
}

/// Labels of a CompletionList.
std::vector<std::string> labels(const json::Value &list) {
  std::vector<std::string> result;
  for (const json::Value &item : *list.getAsObject()->getArray("items"))
    result.push_back(str(item.getAsObject()->getString("label")));
  return result;
}

bool has(const std::vector<std::string> &list, llvm::StringRef word) {
  return std::find(list.begin(), list.end(), word.str()) != list.end();
}

const char *kVocabulary = R"(category contact sensitive "contact details" {
  email "e-mail address";
  phone;
}
purpose marketing basis consent "offers" { newsletter; }
purpose billing basis contract;
recipient mailer processor "our mailing service";
source website { signup; }
consent news opt_in "the newsletter" { withdraw via link; }
event closed "you close your account";
)";

const char *kMain = R"(import "vocabulary.policy";
policy "Main" { controller "Example Inc."; }
collect contact.email from website.signup for marketing.newsletter when consent news;
disclose contact.email to mailer for marketing.newsletter when consent news;
collect contact.phone from website for billing;
retain contact until closed;
protect contact in transit with encryption;
)";
} // namespace

TEST_CASE("lsp: diagnostics have the text, place, severity, flag and notes of policyc check",
          "[lsp]") {
  std::string path = std::string(POLICYC_SOURCE_DIR) +
                     "/tests/diagnostics/check/fail-permit-prohibited-collect.policy";
  std::string source = test::readFile(path);

  // What `policyc check --diagnostics-format=json` reports.
  llvm::SourceMgr sources;
  std::string printed;
  llvm::raw_string_ostream out(printed);
  JsonDiagnosticPrinter printer(out);
  DiagnosticEngine diags(sources, printer);
  Compilation compilation(sources, diags);
  REQUIRE(compilation.loadRoot(path));
  auto model = compilation.analyze();
  REQUIRE_FALSE(diags.hasErrors());
  check::runChecks(*model, diags);
  diags.finish();
  llvm::Expected<json::Value> expected = json::parse(printed);
  REQUIRE(static_cast<bool>(expected));
  const json::Array &expectedList = *expected->getAsObject()->getArray("diagnostics");

  Client client;
  client.initialize();
  std::string uri = uriFromPath(path);
  client.open(uri, source);
  json::Array published = client.diagnostics(uri);
  REQUIRE(published.size() == expectedList.size());
  REQUIRE(published.size() == 2);
  for (size_t i = 0; i < published.size(); ++i) {
    const json::Object &got = *published[i].getAsObject();
    const json::Object &want = *expectedList[i].getAsObject();
    CHECK(str(got.getString("message")) == str(want.getString("message")));
    CHECK(str(got.getString("code")) == str(want.getString("flag")));
    CHECK(num(got.getInteger("severity")) == 1);
    const json::Object &location = *want.getObject("location");
    const json::Object &start = *got.getObject("range")->getObject("start");
    const json::Object &end = *got.getObject("range")->getObject("end");
    CHECK(*start.getInteger("line") + 1 == *location.getInteger("line"));
    CHECK(*start.getInteger("character") + 1 == *location.getInteger("column"));
    CHECK(*end.getInteger("line") + 1 == *location.getInteger("endLine"));
    CHECK(*end.getInteger("character") + 1 == *location.getInteger("endColumn"));
    const json::Array &related = *got.getArray("relatedInformation");
    const json::Array &notes = *want.getArray("notes");
    REQUIRE(related.size() == notes.size());
    for (size_t n = 0; n < notes.size(); ++n)
      CHECK(str(related[n].getAsObject()->getString("message")) ==
            str(notes[n].getAsObject()->getString("message")));
  }
}

TEST_CASE("lsp: diagnostics follow edits, incremental and whole", "[lsp]") {
  std::string folder = scratchFolder("edits");
  writeFile(folder, "vocabulary.policy", kVocabulary);
  std::string mainPath = writeFile(folder, "main.policy", kMain);
  std::string uri = uriFromPath(mainPath);
  Client client;
  client.initialize();
  client.open(uri, kMain);
  CHECK(client.diagnostics(uri).empty());

  // A typo in one statement: `email` -> `emial` on line 3 (0-based 2).
  client.change(uri, 2,
                json::Array{json::Object{
                    {"range", json::Object{{"start", json::Object{{"line", 2}, {"character", 16}}},
                                           {"end", json::Object{{"line", 2}, {"character", 21}}}}},
                    {"text", "emial"}}});
  json::Array diagnostics = client.diagnostics(uri);
  REQUIRE(diagnostics.size() == 1);
  const json::Object &typo = *diagnostics[0].getAsObject();
  CHECK(str(typo.getString("message")) ==
        "category 'contact' has no member 'emial'; did you mean 'email'?");
  CHECK(str(typo.getString("code")) == "-Wundeclared");
  CHECK(text(*typo.get("range")) ==
        R"({"end":{"character":21,"line":2},"start":{"character":16,"line":2}})");
  const Analysis *analysis = client.server.analysisOf(uri);
  REQUIRE(analysis);
  CHECK(analysis->reusedItems() >= 6); // every other item of both files was taken over
  CHECK(analysis->parsedItems() <= 1);

  // Its fix-it is a code action.
  json::Value actions =
      client.result("textDocument/codeAction",
                    json::Object{{"textDocument", json::Object{{"uri", uri}}},
                                 {"range", *typo.get("range")},
                                 {"context", json::Object{{"diagnostics", json::Array{}}}}});
  REQUIRE(actions.getAsArray()->size() == 1);
  const json::Object &action = *(*actions.getAsArray())[0].getAsObject();
  CHECK(str(action.getString("title")) == "Replace 'emial' with 'email'");
  CHECK(str(action.getString("kind")) == "quickfix");
  CHECK(
      text(*action.get("edit")) ==
      R"({"changes":{")" + uri +
          R"(":[{"newText":"email","range":{"end":{"character":21,"line":2},"start":{"character":16,"line":2}}}]}})");

  // A whole-text change puts it right.
  client.change(uri, 3, json::Array{json::Object{{"text", kMain}}});
  CHECK(client.diagnostics(uri).empty());
}

TEST_CASE("lsp: an error in an imported file is shown at the import", "[lsp]") {
  std::string folder = scratchFolder("imported-error");
  writeFile(folder, "vocabulary.policy",
            "category contact { email; }\nsource web;\npurpose ads;\n"
            "collect contact.emial from web for ads;\n");
  std::string mainPath = writeFile(folder, "main.policy", "import \"vocabulary.policy\";\n");
  Client client;
  client.initialize();
  std::string uri = uriFromPath(mainPath);
  client.open(uri, "import \"vocabulary.policy\";\n");
  json::Array diagnostics = client.diagnostics(uri);
  REQUIRE(diagnostics.size() == 1);
  const json::Object &shown = *diagnostics[0].getAsObject();
  CHECK(llvm::StringRef(*shown.getString("message"))
            .startswith("in imported file '" + folder +
                        "/vocabulary.policy': category 'contact' "
                        "has no member 'emial'"));
  CHECK(*shown.getObject("range")->getObject("start")->getInteger("line") == 0);
  const json::Object &related = *(*shown.getArray("relatedInformation"))[0].getAsObject();
  CHECK(str(related.getObject("location")->getString("uri")) ==
        uriFromPath(folder + "/vocabulary.policy"));
}

TEST_CASE("lsp: hover, definition and references across an import", "[lsp]") {
  std::string folder = scratchFolder("navigation");
  std::string vocabularyUri = uriFromPath(writeFile(folder, "vocabulary.policy", kVocabulary));
  std::string uri = uriFromPath(writeFile(folder, "main.policy", kMain));
  Client client;
  client.initialize();
  client.open(uri, kMain);

  // `email` in `contact.email` on line 3: description, inherited attribute, statements.
  json::Value hover = client.result("textDocument/hover", Client::at(uri, 2, 19));
  std::string markdown = str(hover.getAsObject()->getObject("contents")->getString("value"));
  CHECK(markdown.find("**category** `contact.email`") != std::string::npos);
  CHECK(markdown.find("e-mail address") != std::string::npos);
  CHECK(markdown.find("`sensitive` (inherited)") != std::string::npos);
  CHECK(markdown.find("Named by 2 statements:") != std::string::npos);
  CHECK(markdown.find("line 4: `disclose contact.email to mailer") != std::string::npos);

  // On `contact` in vocabulary terms: its own attribute is not marked inherited.
  json::Value parent = client.result("textDocument/hover", Client::at(uri, 2, 10));
  std::string parentText = str(parent.getAsObject()->getObject("contents")->getString("value"));
  CHECK(parentText.find("`sensitive`,") == std::string::npos);
  CHECK(parentText.find("Attributes: `sensitive`") != std::string::npos);
  CHECK(parentText.find("Members: `email`, `phone`") != std::string::npos);

  // On the verb: the statement's effects, from the model.
  json::Value verb = client.result("textDocument/hover", Client::at(uri, 2, 2));
  std::string verbText = str(verb.getAsObject()->getObject("contents")->getString("value"));
  CHECK(verbText.find("permits collecting `contact.email` from `website.signup` while consent "
                      "`news` is granted") != std::string::npos);
  CHECK(verbText.find("permits our own use of `contact.email` from `website.signup` for "
                      "`marketing.newsletter` while consent `news` is granted (collecting for a "
                      "purpose permits our own use for it)") != std::string::npos);

  // Definition of `newsletter` (line 3): in the imported file, line 5.
  json::Value definition = client.result("textDocument/definition", Client::at(uri, 2, 60));
  REQUIRE(definition.getAsArray()->size() == 1);
  const json::Object &target = *(*definition.getAsArray())[0].getAsObject();
  CHECK(str(target.getString("uri")) == vocabularyUri);
  CHECK(text(*target.get("range")) ==
        R"({"end":{"character":53,"line":4},"start":{"character":43,"line":4}})");

  // References of the consent `news`, with its declaration.
  json::Object referencesParams = Client::at(uri, 2, 81);
  referencesParams["context"] = json::Object{{"includeDeclaration", true}};
  json::Value references = client.result("textDocument/references", std::move(referencesParams));
  REQUIRE(references.getAsArray()->size() == 3);
  CHECK(str((*references.getAsArray())[0].getAsObject()->getString("uri")) == vocabularyUri);

  // The event after `until`.
  json::Value event = client.result("textDocument/definition", Client::at(uri, 5, 22));
  REQUIRE(event.getAsArray()->size() == 1);
  CHECK(*(*event.getAsArray())[0].getAsObject()->getObject("range")->getObject("start")->getInteger(
            "line") == 9);

  // Outside any name: nothing.
  CHECK(client.result("textDocument/hover", Client::at(uri, 0, 26)) == json::Value(nullptr));
}

TEST_CASE("lsp: rename edits every file and refuses what cannot be renamed", "[lsp]") {
  std::string folder = scratchFolder("rename");
  std::string vocabularyUri = uriFromPath(writeFile(folder, "vocabulary.policy", kVocabulary));
  std::string uri = uriFromPath(writeFile(folder, "main.policy", kMain));
  Client client;
  client.initialize();
  client.open(uri, kMain);

  json::Object params = Client::at(uri, 2, 19); // email
  params["newName"] = "mail_address";
  json::Value edit = client.result("textDocument/rename", std::move(params));
  const json::Object &changes = *edit.getAsObject()->getObject("changes");
  REQUIRE(changes.getArray(uri));
  REQUIRE(changes.getArray(vocabularyUri));
  CHECK(changes.getArray(uri)->size() == 2);
  CHECK(changes.getArray(vocabularyUri)->size() == 1);

  json::Value prepared = client.result("textDocument/prepareRename", Client::at(uri, 2, 19));
  CHECK(str(prepared.getAsObject()->getString("placeholder")) == "email");

  auto refused = [&](json::Object at, llvm::StringRef newName) {
    at["newName"] = newName;
    return client.errorCode("textDocument/rename", std::move(at));
  };
  CHECK(refused(Client::at(uri, 2, 19), "phone") == RequestFailed);     // a sibling's name
  CHECK(refused(Client::at(uri, 2, 19), "from") == RequestFailed);      // reserved
  CHECK(refused(Client::at(uri, 2, 19), "two words") == RequestFailed); // not a name
  CHECK(refused(Client::at(uri, 2, 19), "a.b") == RequestFailed);       // not one name
  CHECK(refused(Client::at(uri, 0, 3), "x") == RequestFailed);          // no name there
  CHECK(client.errorCode("textDocument/prepareRename", Client::at(uri, 0, 3)) == RequestFailed);

  std::string usText = "category c; purpose p; collect c for p; disclose c to us for p;\n";
  std::string usUri = uriFromPath(writeFile(folder, "us.policy", usText));
  client.open(usUri, usText);
  CHECK(refused(Client::at(usUri, 0, 55), "them") == RequestFailed); // built-in `us`

  // Another open policy that imports the vocabulary is edited too.
  std::string otherText = "import \"vocabulary.policy\";\nuse contact.email for billing;\n";
  std::string otherUri = uriFromPath(writeFile(folder, "other.policy", otherText));
  client.open(otherUri, otherText);
  json::Object again = Client::at(uri, 2, 19);
  again["newName"] = "mail_address";
  json::Value wider = client.result("textDocument/rename", std::move(again));
  const json::Object &everywhere = *wider.getAsObject()->getObject("changes");
  REQUIRE(everywhere.getArray(otherUri));
  CHECK(
      text(*everywhere.get(otherUri)) ==
      R"([{"newText":"mail_address","range":{"end":{"character":17,"line":1},"start":{"character":12,"line":1}}}])");
  CHECK(everywhere.getArray(vocabularyUri)->size() == 1);
  CHECK(everywhere.getArray(uri)->size() == 2);
  CHECK_FALSE(everywhere.getArray(usUri));

  // Decision tests name nodes and consents too.
  std::string testsText = "import \"vocabulary.policy\";\n"
                          "expect allow use contact.email for marketing when consent news;\n";
  std::string testsUri = uriFromPath(writeFile(folder, "tests.policy", testsText));
  client.open(testsUri, testsText);
  json::Object fromTest = Client::at(testsUri, 1, 26); // email
  fromTest["newName"] = "mail_address";
  json::Value inTests = client.result("textDocument/rename", std::move(fromTest));
  const json::Object &testChanges = *inTests.getAsObject()->getObject("changes");
  REQUIRE(testChanges.getArray(testsUri));
  CHECK(
      text(*testChanges.get(testsUri)) ==
      R"([{"newText":"mail_address","range":{"end":{"character":30,"line":1},"start":{"character":25,"line":1}}}])");
  CHECK(testChanges.getArray(vocabularyUri)->size() == 1);
}

TEST_CASE("lsp: completion knows the clause it is in", "[lsp]") {
  std::string folder = scratchFolder("completion");
  writeFile(folder, "vocabulary.policy", kVocabulary);
  std::string base = "import \"vocabulary.policy\";\n";
  std::string uri = uriFromPath(writeFile(folder, "main.policy", base));
  Client client;
  client.initialize();
  client.open(uri, base);

  auto complete = [&](const std::string &line) {
    client.change(uri, 2, json::Array{json::Object{{"text", base + line}}});
    return labels(client.result("textDocument/completion",
                                Client::at(uri, 1, static_cast<int>(line.size()))));
  };
  std::vector<std::string> categories = complete("collect ");
  CHECK(has(categories, "contact"));
  CHECK(has(categories, "identifying"));
  CHECK_FALSE(has(categories, "website"));
  CHECK(complete("collect contact.") == std::vector<std::string>{"email", "phone"});
  CHECK(complete("collect contact.ph") == std::vector<std::string>{"phone"});
  CHECK(complete("collect contact from ") == std::vector<std::string>{"website"});
  CHECK(complete("collect contact from website for ") ==
        std::vector<std::string>{"marketing", "billing"});
  std::vector<std::string> recipients = complete("disclose contact to ");
  CHECK(has(recipients, "mailer"));
  CHECK(has(recipients, "us"));
  CHECK(has(recipients, "external"));
  CHECK(complete("collect contact for billing when ") == std::vector<std::string>{"consent"});
  CHECK(complete("collect contact for billing when consent ") == std::vector<std::string>{"news"});
  CHECK(complete("retain contact until ") == std::vector<std::string>{"closed"});
  CHECK(has(complete("right "), "erasure"));
  CHECK(has(complete("right access via "), "email"));
  CHECK(has(complete("notify "), "policy_change"));
  CHECK(has(complete("note "), "intro"));
  CHECK(has(complete("category x "), "sensitive"));
  CHECK(has(complete("purpose x basis "), "legitimate_interest"));
  CHECK(has(complete("policy \"P\" { transfers under "), "data_privacy_framework"));
  CHECK(has(complete("collect contact "), "from"));
  // Decision tests (`policyc test`) take the clauses of a rule after their verdict.
  CHECK(complete("expect ") == std::vector<std::string>{"allow", "deny"});
  CHECK(has(complete("expect deny "), "disclose"));
  CHECK(has(complete("expect allow use "), "contact"));
  CHECK(complete("expect allow use contact for ") ==
        std::vector<std::string>{"marketing", "billing"});
  CHECK(complete("expect deny use contact for marketing without consent ") ==
        std::vector<std::string>{"news"});
  CHECK(has(complete("expect deny use contact for marketing "), "without"));
  std::vector<std::string> start = complete("");
  CHECK(has(start, "expect"));
  CHECK(has(start, "collect"));
  CHECK(has(start, "category"));
  CHECK_FALSE(has(start, "from"));

  // Items replace the word being typed.
  client.change(uri, 3, json::Array{json::Object{{"text", base + "collect contact.em"}}});
  json::Value list = client.result("textDocument/completion", Client::at(uri, 1, 18));
  const json::Object &item = *(*list.getAsObject()->getArray("items"))[0].getAsObject();
  CHECK(text(*item.getObject("textEdit")->get("range")) ==
        R"({"end":{"character":18,"line":1},"start":{"character":16,"line":1}})");
  CHECK(str(item.getString("detail")) == "category contact.email");
}

TEST_CASE("lsp: document symbols are the declarations as a tree, and the statements", "[lsp]") {
  std::string folder = scratchFolder("symbols");
  std::string uri = uriFromPath(writeFile(folder, "vocabulary.policy", kVocabulary));
  Client client;
  client.initialize();
  client.open(uri, kVocabulary);
  json::Value symbols = client.result("textDocument/documentSymbol",
                                      json::Object{{"textDocument", json::Object{{"uri", uri}}}});
  const json::Array &list = *symbols.getAsArray();
  REQUIRE(list.size() == 7);
  const json::Object &contact = *list[0].getAsObject();
  CHECK(str(contact.getString("name")) == "contact");
  CHECK(str(contact.getString("detail")) == "category - contact details");
  CHECK(contact.getArray("children")->size() == 2);
  CHECK(str(list[5].getAsObject()->getString("name")) == "news");
  CHECK(num(list[6].getAsObject()->getInteger("kind")) == 24); // Event
}

TEST_CASE("lsp: positions in UTF-16 by default, UTF-8 when the client offers it", "[lsp]") {
  std::string folder = scratchFolder("encoding");
  std::string source = "category c \"\xF0\x9D\x84\x9E\"; purpose p;\ncollect c for q;\n";
  std::string uri = uriFromPath(writeFile(folder, "x.policy", source));
  {
    Client client;
    client.initialize();
    client.open(uri, "category c \"\xF0\x9D\x84\x9E\"; purpose p; collect c for q;\n");
    json::Array diagnostics = client.diagnostics(uri);
    REQUIRE(diagnostics.size() == 1);
    CHECK(*diagnostics[0].getAsObject()->getObject("range")->getObject("start")->getInteger(
              "character") == 42);
  }
  Client client;
  json::Value response = client.request(
      "initialize",
      json::Object{{"capabilities",
                    json::Object{{"general", json::Object{{"positionEncodings",
                                                           json::Array{"utf-8", "utf-16"}}}}}}});
  CHECK(str(response.getAsObject()
                ->getObject("result")
                ->getObject("capabilities")
                ->getString("positionEncoding")) == "utf-8");
  client.notify("initialized", json::Object{});
  client.open(uri, "category c \"\xF0\x9D\x84\x9E\"; collect c for q; purpose p;\n");
  json::Array diagnostics = client.diagnostics(uri);
  REQUIRE(diagnostics.size() == 1);
  CHECK(*diagnostics[0].getAsObject()->getObject("range")->getObject("start")->getInteger(
            "character") == 33);
}

TEST_CASE("lsp: protocol errors get JSON-RPC error responses", "[lsp]") {
  Client client;
  CHECK(client.errorCode("textDocument/hover", Client::at("file:///x", 0, 0)) ==
        ServerNotInitialized);
  client.initialize();
  CHECK(client.errorCode("initialize", json::Object{}) == InvalidRequest);
  CHECK(client.errorCode("no/such/method", json::Object{}) == MethodNotFound);
  CHECK(client.errorCode("textDocument/hover", json::Object{{"textDocument", 3}}) == InvalidParams);
  CHECK(client.errorCode("textDocument/hover", json::Array{1, 2}) == InvalidParams);
  // A document that is not open has nothing to show.
  CHECK(client.result("textDocument/hover", Client::at("file:///not/open.policy", 0, 0)) ==
        json::Value(nullptr));

  client.server.handleBody("{not json");
  const json::Object &parseError = *client.sent.back().getAsObject();
  CHECK(*parseError.getObject("error")->getInteger("code") == ParseError);
  CHECK(parseError.get("id")->kind() == json::Value::Null);
  client.server.handleBody("[1,2]");
  CHECK(*client.sent.back().getAsObject()->getObject("error")->getInteger("code") ==
        InvalidRequest);
  client.server.handleBody(R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})");
  CHECK(*client.sent.back().getAsObject()->getObject("error")->getInteger("code") ==
        InvalidRequest);
  client.server.handleBody(R"({"jsonrpc":"1.0","id":7,"method":"shutdown"})");
  CHECK(*client.sent.back().getAsObject()->getObject("error")->getInteger("code") ==
        InvalidRequest);
  // Unknown notifications and malformed ones are dropped without an answer.
  size_t before = client.sent.size();
  client.notify("no/such/notification", json::Object{});
  client.notify("textDocument/didChange", json::Object{{"textDocument", 1}});
  client.notify("textDocument/didOpen", json::Array{});
  CHECK(client.sent.size() == before);

  CHECK(client.result("shutdown", nullptr) == json::Value(nullptr));
  CHECK(client.errorCode("textDocument/hover", Client::at("file:///x", 0, 0)) == InvalidRequest);
  CHECK_FALSE(client.server.exited());
  client.notify("exit", nullptr);
  CHECK(client.server.exited());
  CHECK(client.server.exitCode() == 0);

  Client abrupt;
  abrupt.initialize();
  abrupt.notify("exit", nullptr);
  CHECK(abrupt.server.exitCode() == 1);
}

namespace {
/// `text` after the TextEdit[] `edits` (ranges in `encoding`, applied from the last).
std::string applyEdits(const std::string &text, const json::Array &edits,
                       PositionEncoding encoding) {
  LineTable lines(text);
  std::vector<std::pair<Range, std::string>> sorted;
  for (const json::Value &edit : edits) {
    Range range;
    REQUIRE(fromJson(edit.getAsObject()->get("range"), range));
    sorted.emplace_back(range, str(edit.getAsObject()->getString("newText")));
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto &a, const auto &b) { return b.first.start < a.first.start; });
  std::string result = text;
  for (const auto &[range, newText] : sorted) {
    size_t begin = lines.offset(range.start, encoding), end = lines.offset(range.end, encoding);
    result.replace(begin, end - begin, newText);
  }
  return result;
}
} // namespace

TEST_CASE("lsp: formatting edits are the smallest span, whole in every encoding", "[lsp]") {
  auto check = [](const std::string &text, const std::string &formatted, size_t expected) {
    for (PositionEncoding encoding : {PositionEncoding::Utf8, PositionEncoding::Utf16}) {
      LineTable lines(text);
      json::Array edits = formattingEdits(lines, formatted, encoding);
      INFO(text << " -> " << formatted);
      CHECK(edits.size() == expected);
      CHECK(applyEdits(text, edits, encoding) == formatted);
    }
  };
  check("collect c for p;\n", "collect c for p;\n", 0);
  check("collect  c for p;\n", "collect c for p;\n", 1);
  check("", "purpose p;\n", 1);
  check("purpose p;\n", "", 1);
  // The texts differ in the last byte of a two-byte sequence, and after a lone CR.
  check("category c \"\xC3\xA9\";", "category c \"\xC3\xA8\";", 1);
  check("category c \"\xF0\x9D\x84\x9E\";", "category c \"\xF0\x9D\x84\x9F\";", 1);
  check("purpose p;\r\npurpose q;\r\n", "purpose p;\rpurpose q;\r", 1);
  check("purpose p;\rpurpose q;", "purpose p;\r\npurpose q;", 1);

  LineTable lines("category c \"\xC3\xA9\";  purpose p;\n");
  json::Array edits =
      formattingEdits(lines, "category c \"\xC3\xA9\"; purpose p;\n", PositionEncoding::Utf16);
  REQUIRE(edits.size() == 1);
  Range range;
  REQUIRE(fromJson(edits[0].getAsObject()->get("range"), range));
  // "é" is one UTF-16 unit: the extra space starts at column 16 (17 in bytes).
  CHECK(range.start == Position{0, 16});
  CHECK(range.end == Position{0, 17});
  CHECK(str(edits[0].getAsObject()->getString("newText")) == "");
}

TEST_CASE("lsp: formatting is offered when a formatter is handed in", "[lsp]") {
  std::string uri = uriFromPath(scratchFolder("formatting") + "/x.policy");
  {
    Client client;
    json::Value capabilities =
        *client.result("initialize", json::Object{{"capabilities", json::Object{}}})
             .getAsObject()
             ->get("capabilities");
    CHECK_FALSE(capabilities.getAsObject()->get("documentFormattingProvider"));
    client.notify("initialized", json::Object{});
    CHECK(client.errorCode("textDocument/formatting",
                           json::Object{{"textDocument", json::Object{{"uri", uri}}}}) ==
          MethodNotFound);
  }
  // A stand-in formatter: runs of spaces become one; a '$' is a syntax error.
  ServerOptions options;
  std::vector<std::string> seen;
  options.format = [&seen](llvm::StringRef text) -> std::optional<std::string> {
    seen.push_back(text.str());
    if (text.contains('$'))
      return std::nullopt;
    std::string out;
    for (char c : text)
      if (c != ' ' || out.empty() || out.back() != ' ')
        out += c;
    return out;
  };
  Client client(std::move(options));
  json::Value init = client.result("initialize", json::Object{{"capabilities", json::Object{}}});
  const json::Value *provider =
      init.getAsObject()->getObject("capabilities")->get("documentFormattingProvider");
  REQUIRE(provider);
  CHECK(*provider == json::Value(true));
  client.notify("initialized", json::Object{});
  json::Object params{{"textDocument", json::Object{{"uri", uri}}},
                      {"options", json::Object{{"tabSize", 8}, {"insertSpaces", false}}}};
  // Not open: nothing to format.
  CHECK(client.result("textDocument/formatting", json::Object(params)) == json::Value(nullptr));
  CHECK(seen.empty());

  std::string source = "category c \"\xC3\xA9\";\npurpose   p;\ncollect c for p;\n";
  client.open(uri, source);
  // The formatter sees the editor's text, edits included.
  client.change(uri, 2,
                json::Array{json::Object{
                    {"range", json::Object{{"start", json::Object{{"line", 2}, {"character", 7}}},
                                           {"end", json::Object{{"line", 2}, {"character", 7}}}}},
                    {"text", "  "}}});
  std::string edited = "category c \"\xC3\xA9\";\npurpose   p;\ncollect   c for p;\n";
  json::Value edits = client.result("textDocument/formatting", json::Object(params));
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == edited);
  REQUIRE(edits.getAsArray());
  CHECK(edits.getAsArray()->size() == 1);
  CHECK(applyEdits(edited, *edits.getAsArray(), PositionEncoding::Utf16) ==
        "category c \"\xC3\xA9\";\npurpose p;\ncollect c for p;\n");

  client.change(uri, 3, json::Array{json::Object{{"text", "purpose p;\n"}}});
  CHECK(client.result("textDocument/formatting", json::Object(params)) ==
        json::Value(json::Array{}));
  client.change(uri, 4, json::Array{json::Object{{"text", "purpose $;\n"}}});
  CHECK(client.errorCode("textDocument/formatting", json::Object(params)) == RequestFailed);
}
