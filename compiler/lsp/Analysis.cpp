#include "lsp/Analysis.h"

#include "lsp/SymbolIndex.h"
#include "lsp/Uri.h"
#include "lsp/Workspace.h"

#include "llvm/Support/MemoryBuffer.h"

#include <chrono>
#include <ctime>

namespace policyc::lsp {

/// Keeps every diagnostic the engine lets through.
class Analysis::Collector : public DiagnosticConsumer {
public:
  explicit Collector(std::vector<Diagnostic> &into) : into(into) {}
  void handleDiagnostic(const Diagnostic &diagnostic, const llvm::SourceMgr &) override {
    into.push_back(diagnostic);
  }

private:
  std::vector<Diagnostic> &into;
};

/// What the compilation reads through: open documents, and the previous parse of each file.
class Analysis::Overlay : public SourceOverlay {
public:
  Overlay(const Workspace &workspace, Analysis &current, Analysis *previous)
      : workspace(workspace), current(current), previous(previous) {}

  std::optional<llvm::StringRef> openFileText(llvm::StringRef canonical) override {
    current.attempted.insert(canonical);
    const Document *document = workspace.findByCanonical(canonical);
    if (!document)
      return std::nullopt;
    return llvm::StringRef(document->text);
  }

  parse::Incremental incrementalParse(llvm::StringRef canonical) override {
    parse::Incremental incremental;
    incremental.record = &current.records[canonical];
    if (!previous)
      return incremental;
    auto record = previous->records.find(canonical);
    if (record == previous->records.end())
      return incremental;
    for (const auto &file : previous->files) {
      if (file->canonical == canonical && file->unit) {
        incremental.previousUnit = file->unit;
        incremental.previous = &record->second;
      }
    }
    return incremental;
  }

private:
  const Workspace &workspace;
  Analysis &current;
  Analysis *previous;
};

namespace {
/// Wall-clock and thread processor time.
struct Stamp {
  double wall;
  double cpu;

  static Stamp now() {
    timespec cpu;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    return {
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(),
        static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9};
  }
};
} // namespace

Analysis::~Analysis() = default;

std::unique_ptr<Analysis> Analysis::run(const Document &rootDocument, const Workspace &workspace,
                                        const AnalysisOptions &options, Analysis *previous) {
  std::unique_ptr<Analysis> analysis(new Analysis());
  Analysis &self = *analysis;
  self.collector = std::make_unique<Collector>(self.diagnostics);
  self.engine =
      std::make_unique<DiagnosticEngine>(self.sources, *self.collector, options.diagnostics);
  self.compilation = std::make_unique<Compilation>(self.sources, *self.engine);

  Stamp start = Stamp::now();
  Overlay overlay(workspace, self, previous);
  self.compilation->setOverlay(&overlay);
  bool loaded = self.compilation->loadRoot(rootDocument.path);
  self.compilation->setOverlay(nullptr);
  Stamp parsed = Stamp::now();
  Stamp analyzed = parsed;
  Stamp checked = parsed;
  if (loaded) {
    self.model = self.compilation->analyze();
    analyzed = Stamp::now();
    // As `policyc check` does: the checker reasons about a sound model only.
    if (self.model && !self.engine->hasErrors() && !self.engine->stopped()) {
      check::runChecks(*self.model, *self.engine, options.check);
      self.checked = true;
    }
    checked = Stamp::now();
  }
  self.timing = {parsed.wall - start.wall,     analyzed.wall - parsed.wall,
                 checked.wall - analyzed.wall, parsed.cpu - start.cpu,
                 analyzed.cpu - parsed.cpu,    checked.cpu - analyzed.cpu};
  self.engine->finish();

  for (const auto &unit : self.compilation->getUnits()) {
    auto file = std::make_unique<AnalyzedFile>();
    file->canonical = Compilation::canonicalPath(unit->path);
    if (file->canonical == rootDocument.canonical)
      file->uri = rootDocument.uri;
    else if (const Document *open = workspace.findByCanonical(file->canonical))
      file->uri = open->uri;
    else
      file->uri = uriFromPath(file->canonical);
    file->bufferId = unit->bufferId;
    file->unit = unit.get();
    file->lines =
        std::make_unique<LineTable>(self.sources.getMemoryBuffer(unit->bufferId)->getBuffer());
    self.byBuffer[file->bufferId] = file.get();
    if (file->uri == rootDocument.uri)
      self.root = file.get();
    self.files.push_back(std::move(file));
  }
  if (!self.root) {
    // The root could not be loaded (it is too large): its text still gets a file, so that
    // the diagnostic saying so has a place to go.
    auto file = std::make_unique<AnalyzedFile>();
    file->canonical = rootDocument.canonical;
    file->uri = rootDocument.uri;
    file->bufferId = self.sources.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBuffer("", rootDocument.path), llvm::SMLoc());
    file->lines =
        std::make_unique<LineTable>(self.sources.getMemoryBuffer(file->bufferId)->getBuffer());
    self.byBuffer[file->bufferId] = file.get();
    self.root = file.get();
    self.files.push_back(std::move(file));
  }
  for (const auto &entry : self.records) {
    self.reused += entry.second.reused();
    self.parsed += entry.second.size() - entry.second.reused();
  }
  return analysis;
}

bool Analysis::includes(llvm::StringRef canonical) const {
  return attempted.contains(canonical);
}

const AnalyzedFile *Analysis::fileForUri(llvm::StringRef uri) const {
  for (const auto &file : files)
    if (file->uri == uri)
      return file.get();
  return nullptr;
}

const AnalyzedFile *Analysis::fileOf(llvm::SMLoc loc) const {
  if (!loc.isValid())
    return nullptr;
  unsigned bufferId = sources.FindBufferContainingLoc(loc);
  auto found = byBuffer.find(bufferId);
  return found == byBuffer.end() ? nullptr : found->second;
}

std::optional<FileRange> Analysis::locate(llvm::SMRange range, PositionEncoding encoding) const {
  const AnalyzedFile *file = fileOf(range.Start);
  if (!file)
    return std::nullopt;
  size_t begin = offsetOf(*file, range.Start);
  size_t end = begin;
  if (range.End.isValid() && fileOf(range.End) == file)
    end = std::max(begin, offsetOf(*file, range.End));
  return FileRange{file, file->lines->range(begin, end, encoding)};
}

const SymbolIndex &Analysis::index() const {
  if (!symbols)
    symbols = std::make_unique<SymbolIndex>(*this);
  return *symbols;
}

} // namespace policyc::lsp
