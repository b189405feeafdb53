#include "lsp/Server.h"

#include "lsp/Completion.h"
#include "lsp/Diagnostics.h"
#include "lsp/DocumentSymbols.h"
#include "lsp/Formatting.h"
#include "lsp/Hover.h"
#include "lsp/Navigation.h"
#include "lsp/Uri.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace policyc::lsp {

namespace {
const llvm::json::Object *objectAt(const llvm::json::Object &object, llvm::StringRef key) {
  const llvm::json::Value *value = object.get(key);
  return value ? value->getAsObject() : nullptr;
}

llvm::Optional<llvm::StringRef> uriOf(const llvm::json::Object &params) {
  const llvm::json::Object *document = objectAt(params, "textDocument");
  if (!document)
    return llvm::None;
  return document->getString("uri");
}

/// True when `list` (a JSON array of strings) holds `word`.
bool offers(const llvm::json::Value *list, llvm::StringRef word) {
  const llvm::json::Array *array = list ? list->getAsArray() : nullptr;
  if (!array)
    return false;
  return llvm::any_of(*array, [&](const llvm::json::Value &value) {
    llvm::Optional<llvm::StringRef> text = value.getAsString();
    return text && *text == word;
  });
}

std::string shortened(llvm::StringRef text) {
  return text.size() > 200 ? (text.take_front(200) + "...").str() : text.str();
}
} // namespace

Server::Server(Sender send, ServerOptions options)
    : send(std::move(send)), options(std::move(options)) {}

Server::~Server() = default;

void Server::logLine(const llvm::Twine &text) {
  if (!options.log)
    return;
  *options.log << "policyc lsp: " << text << "\n";
  options.log->flush();
}

void Server::reply(const llvm::json::Value &id, llvm::json::Value result) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::replyError(const llvm::json::Value &id, int code, llvm::StringRef message) {
  std::string text = llvm::json::isUTF8(message) ? message.str() : llvm::json::fixUTF8(message);
  send(llvm::json::Object{
      {"jsonrpc", "2.0"},
      {"id", id},
      {"error", llvm::json::Object{{"code", code}, {"message", std::move(text)}}}});
}

void Server::notify(llvm::StringRef method, llvm::json::Value params) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Server::handle(const Frame &frame) {
  switch (frame.kind) {
  case Frame::Kind::Message:
    handleBody(frame.body);
    return;
  case Frame::Kind::BadHeader:
  case Frame::Kind::TooLarge:
    logLine("unreadable message: " + frame.problem);
    replyError(nullptr, frame.kind == Frame::Kind::TooLarge ? InvalidRequest : ParseError,
               "unreadable message: " + frame.problem);
    return;
  case Frame::Kind::EndOfInput:
    return;
  }
}

void Server::handleBody(llvm::StringRef body) {
  llvm::Expected<llvm::json::Value> message = llvm::json::parse(body);
  if (!message) {
    std::string problem = llvm::toString(message.takeError());
    logLine("invalid JSON: " + problem);
    replyError(nullptr, ParseError, "invalid JSON: " + problem);
    return;
  }
  handleMessage(*message);
}

void Server::handleMessage(const llvm::json::Value &message) {
  const llvm::json::Object *object = message.getAsObject();
  if (!object) {
    replyError(nullptr, InvalidRequest, "a message must be a JSON object");
    return;
  }
  const llvm::json::Value *id = object->get("id");
  bool validId = id && (id->getAsString() || id->getAsInteger() || id->getAsNumber());
  if (id && !validId && id->kind() != llvm::json::Value::Null) {
    replyError(nullptr, InvalidRequest, "the id of a request must be a number or a string");
    return;
  }
  llvm::Optional<llvm::StringRef> version = object->getString("jsonrpc");
  llvm::Optional<llvm::StringRef> method = object->getString("method");
  if (!method) {
    // A response to a request of ours (we send none) or garbage.
    if (id && (object->get("result") || object->get("error")))
      return;
    replyError(id ? *id : nullptr, InvalidRequest, "a request needs a method");
    return;
  }
  if (!version || *version != "2.0") {
    if (id)
      replyError(*id, InvalidRequest, "only JSON-RPC 2.0 is spoken (\"jsonrpc\": \"2.0\")");
    return;
  }
  const llvm::json::Value *params = object->get("params");
  try {
    if (id)
      handleRequest(*method, *id, params);
    else
      handleNotification(*method, params);
  } catch (const std::exception &error) {
    logLine("internal error in " + *method + ": " + error.what());
    if (id)
      replyError(*id, InternalError, std::string("internal error: ") + error.what());
  }
}

void Server::handleRequest(llvm::StringRef method, const llvm::json::Value &id,
                           const llvm::json::Value *params) {
  auto started = std::chrono::steady_clock::now();
  if (method != "initialize" && !initialized) {
    replyError(id, ServerNotInitialized, "the server is not initialized");
    return;
  }
  if (shutdownRequested) {
    replyError(id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (method == "shutdown") {
    shutdownRequested = true;
    reply(id, nullptr);
    return;
  }
  static const llvm::json::Object kNoParams;
  const llvm::json::Object *object = params ? params->getAsObject() : &kNoParams;
  if (!object) {
    replyError(id, InvalidParams, "params must be an object");
    return;
  }
  Result result = dispatch(method, *object);
  if (auto *failure = std::get_if<Failure>(&result)) {
    logLine(method + ": error " + llvm::Twine(failure->code) + ": " + failure->message);
    replyError(id, failure->code, failure->message);
    return;
  }
  reply(id, std::move(std::get<llvm::json::Value>(result)));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  logLine(fmt::format("{}: answered in {:.1f} ms", std::string_view(method.data(), method.size()),
                      seconds * 1000));
}

Server::Result Server::dispatch(llvm::StringRef method, const llvm::json::Object &params) {
  if (method == "initialize")
    return initialize(params);
  if (method == "textDocument/hover")
    return hover(params);
  if (method == "textDocument/definition")
    return definition(params);
  if (method == "textDocument/references")
    return references(params);
  if (method == "textDocument/prepareRename")
    return prepareRename(params);
  if (method == "textDocument/rename")
    return rename(params);
  if (method == "textDocument/completion")
    return completion(params);
  if (method == "textDocument/documentSymbol")
    return documentSymbol(params);
  if (method == "textDocument/codeAction")
    return codeAction(params);
  if (method == "textDocument/formatting" && options.format)
    return formatting(params);
  return Failure{MethodNotFound, "unknown method '" + shortened(method) + "'"};
}

void Server::handleNotification(llvm::StringRef method, const llvm::json::Value *params) {
  if (method == "exit") {
    exitRequested = true;
    return;
  }
  // Before initialize, notifications are dropped (the protocol says so).
  if (!initialized || shutdownRequested)
    return;
  const llvm::json::Object *object = params ? params->getAsObject() : nullptr;
  auto needObject = [&] {
    if (!object)
      logLine(method + ": params must be an object; ignored");
    return object != nullptr;
  };
  if (method == "textDocument/didOpen") {
    if (needObject())
      didOpen(*object);
  } else if (method == "textDocument/didChange") {
    if (needObject())
      didChange(*object);
  } else if (method == "textDocument/didClose") {
    if (needObject())
      didClose(*object);
  } else if (method == "workspace/didChangeWatchedFiles") {
    if (needObject())
      didChangeWatchedFiles(*object);
  } else if (method != "initialized" && method != "textDocument/didSave" &&
             method != "workspace/didChangeConfiguration" && !method.startswith("$/")) {
    logLine("ignored notification " + shortened(method));
  }
}

Server::Result Server::initialize(const llvm::json::Object &params) {
  if (initialized)
    return Failure{InvalidRequest, "initialize was sent twice"};
  initialized = true;
  const llvm::json::Object *capabilities = objectAt(params, "capabilities");
  const llvm::json::Object *general = capabilities ? objectAt(*capabilities, "general") : nullptr;
  const llvm::json::Value *encodings = general ? general->get("positionEncodings") : nullptr;
  // clangd's extension, which Neovim sends: the same choice, under another name.
  const llvm::json::Value *offsetEncodings =
      capabilities ? capabilities->get("offsetEncoding") : nullptr;
  if (!offsetEncodings)
    offsetEncodings = params.get("offsetEncoding");
  if (offers(encodings, "utf-8") || offers(offsetEncodings, "utf-8"))
    encoding = PositionEncoding::Utf8;
  if (const llvm::json::Object *init = objectAt(params, "initializationOptions")) {
    if (const llvm::json::Array *profiles = init->getArray("profiles")) {
      for (const llvm::json::Value &value : *profiles) {
        llvm::Optional<llvm::StringRef> name = value.getAsString();
        std::optional<check::Profile> profile =
            name ? check::parseProfile(*name) : std::optional<check::Profile>();
        if (!profile)
          return Failure{InvalidParams, "initializationOptions.profiles: unknown profile"};
        if (!llvm::is_contained(options.analysis.check.profiles, *profile))
          options.analysis.check.profiles.push_back(*profile);
      }
    }
  }

  llvm::json::Object serverCapabilities{
      {"positionEncoding", encodingName(encoding)},
      {"textDocumentSync",
       llvm::json::Object{{"openClose", true},
                          {"change", 2}, // incremental; full replacements are accepted too
                          {"save", llvm::json::Object{{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", llvm::json::Object{{"prepareProvider", true}}},
      {"completionProvider", llvm::json::Object{{"triggerCharacters", llvm::json::Array{"."}},
                                                {"resolveProvider", false}}},
      {"documentSymbolProvider", true},
      {"codeActionProvider",
       llvm::json::Object{{"codeActionKinds", llvm::json::Array{"quickfix"}}}},
  };
  if (options.format)
    serverCapabilities["documentFormattingProvider"] = true;
  llvm::json::Object result{
      {"capabilities", std::move(serverCapabilities)},
      {"serverInfo", llvm::json::Object{{"name", "policyc"}, {"version", options.version}}},
  };
  if (offsetEncodings)
    result["offsetEncoding"] = encodingName(encoding);
  logLine("initialized; positions in " + encodingName(encoding));
  return llvm::json::Value(std::move(result));
}

void Server::didOpen(const llvm::json::Object &params) {
  const llvm::json::Object *document = objectAt(params, "textDocument");
  llvm::Optional<llvm::StringRef> uri = document ? document->getString("uri") : llvm::None;
  llvm::Optional<llvm::StringRef> text = document ? document->getString("text") : llvm::None;
  if (!uri || !text) {
    logLine("didOpen without textDocument.uri and text; ignored");
    return;
  }
  int64_t version = document->getInteger("version").getValueOr(0);
  Document &opened = workspace.open(*uri, text->str(), version);
  roots[opened.uri].dirty = true;
  invalidate(opened.canonical);
}

void Server::didChange(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  Document *document = uri ? workspace.find(*uri) : nullptr;
  const llvm::json::Array *contentChanges = params.getArray("contentChanges");
  if (!document || !contentChanges) {
    logLine("didChange for a document that is not open, or without contentChanges; ignored");
    return;
  }
  std::vector<TextChange> changes;
  for (const llvm::json::Value &value : *contentChanges) {
    const llvm::json::Object *change = value.getAsObject();
    llvm::Optional<llvm::StringRef> text = change ? change->getString("text") : llvm::None;
    if (!text) {
      logLine("didChange: a change without text; the notification is ignored");
      return;
    }
    TextChange parsed;
    parsed.text = text->str();
    if (const llvm::json::Value *range = change->get("range")) {
      Range changed;
      if (!fromJson(range, changed)) {
        logLine("didChange: a change with a malformed range; the notification is ignored");
        return;
      }
      parsed.range = changed;
    }
    changes.push_back(std::move(parsed));
  }
  const llvm::json::Object *versioned = objectAt(params, "textDocument");
  int64_t version = versioned->getInteger("version").getValueOr(document->version + 1);
  workspace.change(*document, changes, version, encoding);
  roots[document->uri].dirty = true;
  invalidate(document->canonical);
}

void Server::didClose(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  const Document *document = uri ? workspace.find(*uri) : nullptr;
  if (!document)
    return;
  std::string canonical = document->canonical;
  std::string closed = document->uri;
  workspace.close(closed);
  roots.erase(closed);
  notify("textDocument/publishDiagnostics",
         llvm::json::Object{{"uri", closed}, {"diagnostics", llvm::json::Array()}});
  // Analyses that read its text read the file now.
  invalidate(canonical);
}

void Server::didChangeWatchedFiles(const llvm::json::Object &params) {
  const llvm::json::Array *changes = params.getArray("changes");
  if (!changes)
    return;
  for (const llvm::json::Value &value : *changes) {
    const llvm::json::Object *change = value.getAsObject();
    llvm::Optional<llvm::StringRef> uri = change ? change->getString("uri") : llvm::None;
    if (!uri)
      continue;
    if (std::optional<std::string> path = pathFromUri(*uri))
      invalidate(Compilation::canonicalPath(*path));
  }
}

void Server::invalidate(llvm::StringRef canonical) {
  for (auto &entry : roots)
    if (entry.second.analysis && entry.second.analysis->includes(canonical))
      entry.second.dirty = true;
}

bool Server::hasPendingWork() const {
  return llvm::any_of(roots, [](const auto &entry) { return entry.second.dirty; });
}

void Server::idle() {
  for (const Document *document : workspace.documents()) {
    auto found = roots.find(document->uri);
    if (found != roots.end() && found->second.dirty)
      analyze(*document, found->second);
  }
}

void Server::analyze(const Document &document, Root &root) {
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<Analysis> next =
      Analysis::run(document, workspace, options.analysis, root.analysis.get());
  // The previous analysis is freed once the diagnostics are out: nobody waits for that.
  std::unique_ptr<Analysis> previous = std::exchange(root.analysis, std::move(next));
  root.dirty = false;
  llvm::json::Array diagnostics = publishedDiagnostics(*root.analysis, encoding);
  size_t count = diagnostics.size();
  notify("textDocument/publishDiagnostics",
         llvm::json::Object{{"uri", document.uri},
                            {"version", document.version},
                            {"diagnostics", std::move(diagnostics)}});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  previous.reset();
  const Analysis::Timing &timing = root.analysis->getTiming();
  logLine(fmt::format("analysed {} (version {}) in {:.1f} ms: parse {:.1f} ms ({} items parsed, "
                      "{} reused), sema {:.1f} ms, check {:.1f} ms (processor time {:.1f}, "
                      "{:.1f}, {:.1f} ms); {} diagnostics",
                      document.uri, document.version, seconds * 1000, timing.parse * 1000,
                      root.analysis->parsedItems(), root.analysis->reusedItems(),
                      timing.sema * 1000, timing.check * 1000, timing.parseCpu * 1000,
                      timing.semaCpu * 1000, timing.checkCpu * 1000, count));
}

const Analysis *Server::current(llvm::StringRef uri) {
  const Document *document = workspace.find(uri);
  if (!document)
    return nullptr;
  Root &root = roots[uri];
  if (root.dirty || !root.analysis)
    analyze(*document, root);
  return root.analysis.get();
}

const Analysis *Server::analysisOf(llvm::StringRef uri) const {
  auto found = roots.find(uri);
  return found == roots.end() ? nullptr : found->second.analysis.get();
}

std::optional<Server::Place> Server::place(const llvm::json::Object &params, Failure &failure) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  Position position;
  if (!uri || !fromJson(params.get("position"), position)) {
    failure = {InvalidParams, "expected textDocument.uri and position"};
    return std::nullopt;
  }
  const Analysis *analysis = current(*uri);
  if (!analysis) {
    failure = {0, ""}; // not open: nothing to say
    return std::nullopt;
  }
  const AnalyzedFile &file = analysis->getRoot();
  return Place{analysis, &file, file.lines->offset(position, encoding)};
}

Server::Result Server::hover(const llvm::json::Object &params) {
  Failure failure{0, ""};
  std::optional<Place> at = place(params, failure);
  if (!at)
    return failure.code ? Result(failure) : Result(nullptr);
  std::optional<HoverText> text = lsp::hover(*at->analysis, *at->file, at->offset);
  if (!text)
    return nullptr;
  return llvm::json::Object{
      {"contents", llvm::json::Object{{"kind", "markdown"},
                                      {"value", llvm::json::isUTF8(text->markdown)
                                                    ? text->markdown
                                                    : llvm::json::fixUTF8(text->markdown)}}},
      {"range", toJson(at->file->lines->range(text->begin, text->end, encoding))}};
}

Server::Result Server::definition(const llvm::json::Object &params) {
  Failure failure{0, ""};
  std::optional<Place> at = place(params, failure);
  if (!at)
    return failure.code ? Result(failure) : Result(nullptr);
  llvm::json::Array locations;
  for (const Location &location : lsp::definition(*at->analysis, *at->file, at->offset, encoding))
    locations.push_back(location.toJson());
  return llvm::json::Value(std::move(locations));
}

Server::Result Server::references(const llvm::json::Object &params) {
  Failure failure{0, ""};
  std::optional<Place> at = place(params, failure);
  if (!at)
    return failure.code ? Result(failure) : Result(nullptr);
  bool includeDeclaration = false;
  if (const llvm::json::Object *context = objectAt(params, "context"))
    includeDeclaration = context->getBoolean("includeDeclaration").getValueOr(false);
  llvm::json::Array locations;
  for (const Location &location :
       lsp::references(*at->analysis, *at->file, at->offset, includeDeclaration, encoding))
    locations.push_back(location.toJson());
  return llvm::json::Value(std::move(locations));
}

Server::Result Server::prepareRename(const llvm::json::Object &params) {
  Failure failure{0, ""};
  std::optional<Place> at = place(params, failure);
  if (!at)
    return failure.code ? Result(failure) : Result(nullptr);
  auto target = lsp::prepareRename(*at->analysis, *at->file, at->offset, encoding);
  if (!target)
    return Failure{RequestFailed, llvm::toString(target.takeError())};
  return llvm::json::Object{{"range", toJson(target->first)}, {"placeholder", target->second}};
}

Server::Result Server::rename(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> newName = params.getString("newName");
  if (!newName)
    return Failure{InvalidParams, "expected newName"};
  Failure failure{0, ""};
  std::optional<Place> at = place(params, failure);
  if (!at)
    return failure.code ? Result(failure) : Result(nullptr);
  // Every open policy that may see the name, brought up to date.
  std::vector<const Analysis *> others;
  for (const Document *document : workspace.documents())
    if (const Analysis *other = current(document->uri))
      others.push_back(other);
  // current() may have replaced no analysis of this document: it was up to date already.
  auto edit = lsp::rename(*at->analysis, *at->file, at->offset, *newName, others, encoding);
  if (!edit)
    return Failure{RequestFailed, llvm::toString(edit.takeError())};
  return llvm::json::Value(std::move(*edit));
}

Server::Result Server::completion(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  Position position;
  if (!uri || !fromJson(params.get("position"), position))
    return Failure{InvalidParams, "expected textDocument.uri and position"};
  const Document *document = workspace.find(*uri);
  if (!document)
    return nullptr;
  // The latest analysis, even one edit behind: names rarely change while typing, and
  // completion must not wait for an analysis.
  const Analysis *analysis = analysisOf(*uri);
  if (!analysis)
    analysis = current(*uri);
  size_t offset = document->lines().offset(position, encoding);
  return llvm::json::Value(complete(analysis, *document, offset, encoding));
}

Server::Result Server::documentSymbol(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  if (!uri)
    return Failure{InvalidParams, "expected textDocument.uri"};
  const Analysis *analysis = current(*uri);
  if (!analysis)
    return nullptr;
  return llvm::json::Value(documentSymbols(analysis->getRoot(), encoding));
}

Server::Result Server::codeAction(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  Range range;
  if (!uri || !fromJson(params.get("range"), range))
    return Failure{InvalidParams, "expected textDocument.uri and range"};
  const Analysis *analysis = current(*uri);
  if (!analysis)
    return nullptr;
  return llvm::json::Value(codeActions(*analysis, range, encoding));
}

Server::Result Server::formatting(const llvm::json::Object &params) {
  llvm::Optional<llvm::StringRef> uri = uriOf(params);
  if (!uri)
    return Failure{InvalidParams, "expected textDocument.uri"};
  const Document *document = workspace.find(*uri);
  if (!document)
    return nullptr;
  // The layout is canonical: the client's options (tab size, spaces) do not change it.
  std::optional<std::string> formatted = options.format(document->text);
  if (!formatted)
    return Failure{RequestFailed, "the policy has syntax errors; it is formatted once it parses"};
  return llvm::json::Value(formattingEdits(document->lines(), *formatted, encoding));
}

void keepFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

int runServer(ByteSource &input, llvm::raw_ostream &output, ServerOptions options) {
  keepFreedMemory();
  MessageReader reader(input);
  Server server([&](const llvm::json::Value &message) { writeMessage(output, message); },
                std::move(options));
  while (!server.exited()) {
    // Analyse when the client has nothing more to say: a burst of edits is analysed once.
    if (server.hasPendingWork() && !reader.ready()) {
      server.idle();
      continue;
    }
    Frame frame = reader.next();
    if (frame.kind == Frame::Kind::EndOfInput)
      break;
    server.handle(frame);
  }
  return server.exited() ? server.exitCode() : 1;
}

} // namespace policyc::lsp
