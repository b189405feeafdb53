// The language server: JSON-RPC 2.0 over the base protocol (lsp/Transport.h), the document
// lifecycle, and the requests it answers. One thread: a message is handled completely before
// the next is read, and the analysis of changed documents runs when no message is waiting,
// so that a burst of edits is analysed once. Requests that need positions to agree with the
// text (hover, definition, ...) bring their document's analysis up to date first; completion
// answers from the latest analysis at once.
#ifndef POLICYC_LSP_SERVER_H
#define POLICYC_LSP_SERVER_H

#include "lsp/Analysis.h"
#include "lsp/Positions.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace llvm {
class raw_ostream;
}

namespace policyc::lsp {

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
};

struct ServerOptions {
  AnalysisOptions analysis;
  std::string version; ///< as initialize's serverInfo tells it
  /// Where to log what the server does (one line per message and analysis); none when null.
  llvm::raw_ostream *log = nullptr;
  /// The formatter behind textDocument/formatting: the formatted text, or nothing when the
  /// text cannot be formatted (it does not parse). Formatting is offered only when it is set,
  /// so that the server does not depend on the formatter's library (the driver hands it in).
  std::function<std::optional<std::string>(llvm::StringRef)> format;
};

class Server {
public:
  using Sender = std::function<void(const llvm::json::Value &)>;

  Server(Sender send, ServerOptions options);
  ~Server();

  /// Handles one frame of input.
  void handle(const Frame &frame);
  /// Handles one message body (JSON text).
  void handleBody(llvm::StringRef body);
  /// True when documents changed since they were last analysed.
  bool hasPendingWork() const;
  /// Analyses changed documents and publishes their diagnostics.
  void idle();

  bool exited() const { return exitRequested; }
  /// 0 after shutdown and exit, 1 after exit without shutdown.
  int exitCode() const { return shutdownRequested ? 0 : 1; }

  /// The latest analysis of an open document, or null (tests and benchmarks).
  const Analysis *analysisOf(llvm::StringRef uri) const;

private:
  struct Root {
    std::unique_ptr<Analysis> analysis;
    bool dirty = true;
  };
  struct Failure {
    int code;
    std::string message;
  };
  using Result = std::variant<llvm::json::Value, Failure>;

  void handleMessage(const llvm::json::Value &message);
  void handleRequest(llvm::StringRef method, const llvm::json::Value &id,
                     const llvm::json::Value *params);
  void handleNotification(llvm::StringRef method, const llvm::json::Value *params);
  Result dispatch(llvm::StringRef method, const llvm::json::Object &params);

  void reply(const llvm::json::Value &id, llvm::json::Value result);
  void replyError(const llvm::json::Value &id, int code, llvm::StringRef message);
  void notify(llvm::StringRef method, llvm::json::Value params);
  void logLine(const llvm::Twine &text);

  // Requests.
  Result initialize(const llvm::json::Object &params);
  Result hover(const llvm::json::Object &params);
  Result definition(const llvm::json::Object &params);
  Result references(const llvm::json::Object &params);
  Result prepareRename(const llvm::json::Object &params);
  Result rename(const llvm::json::Object &params);
  Result completion(const llvm::json::Object &params);
  Result documentSymbol(const llvm::json::Object &params);
  Result codeAction(const llvm::json::Object &params);
  Result formatting(const llvm::json::Object &params);

  // Notifications.
  void didOpen(const llvm::json::Object &params);
  void didChange(const llvm::json::Object &params);
  void didClose(const llvm::json::Object &params);
  void didChangeWatchedFiles(const llvm::json::Object &params);

  /// Marks for analysis the open documents whose analysis read the file at `canonical`.
  void invalidate(llvm::StringRef canonical);
  /// Brings the analysis of `uri` up to date (and publishes it); null when it is not open.
  const Analysis *current(llvm::StringRef uri);
  void analyze(const Document &document, Root &root);
  /// The document and offset a TextDocumentPositionParams names, with its current analysis.
  struct Place {
    const Analysis *analysis = nullptr;
    const AnalyzedFile *file = nullptr;
    size_t offset = 0;
  };
  std::optional<Place> place(const llvm::json::Object &params, Failure &failure);

  Sender send;
  ServerOptions options;
  Workspace workspace;
  llvm::StringMap<Root> roots;
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool initialized = false;
  bool shutdownRequested = false;
  bool exitRequested = false;
};

/// Tunes the allocator for a long-lived server: each analysis builds a model as large as the
/// last and frees the last, so freed memory is kept in the process rather than returned to
/// the system and faulted in again (with glibc, large blocks are otherwise mapped and
/// unmapped every time). runServer does this; in-process benchmarks call it too.
void keepFreedMemory();

/// Reads messages from `input` and answers on `output` until `exit` or the end of input.
/// Returns the process exit code (0 after shutdown and exit, 1 otherwise).
int runServer(ByteSource &input, llvm::raw_ostream &output, ServerOptions options);

} // namespace policyc::lsp

#endif
