#include "frontend/Compilation.h"

#include "basic/DiagnosticEngine.h"
#include "basic/DisplayText.h"
#include "basic/InputFile.h"
#include "sema/Sema.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

namespace policyc {

std::string displayFileName(llvm::StringRef path) {
  return printableText(path);
}

SourceOverlay::~SourceOverlay() = default;

std::string Compilation::canonicalPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!llvm::sys::fs::real_path(path, real))
    return std::string(real);
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, true);
  return std::string(absolute);
}

Compilation::Compilation(llvm::SourceMgr &sources, DiagnosticEngine &diags,
                         CompilationLimits limits)
    : sources(sources), diags(diags), limits(limits) {
  diags.setSuppressor(&suppressions);
}

Compilation::~Compilation() {
  if (diags.getSuppressor() == &suppressions)
    diags.setSuppressor(nullptr);
}

std::unique_ptr<llvm::MemoryBuffer> Compilation::readFile(llvm::StringRef path,
                                                          const ImportSite *site) {
  auto report = [&](diag::Kind atImport, diag::Kind onCommandLine, auto &&...args) {
    if (site)
      diags.report(site->range, atImport, args...);
    else
      diags.report(llvm::SMRange(), onCommandLine, args...);
  };
  // `-` is standard input on the command line only; an import of "-" names a file.
  bool standardInput = !site && path == "-";
  InputFile input = standardInput
                        ? readStandardInput(kStandardInputName, limits.maxFileSize)
                        : readInputFile(path, displayFileName(path), limits.maxFileSize,
                                        site ? InputSource::Import : InputSource::CommandLine);
  switch (input.status) {
  case InputFile::Status::Read:
    return std::move(input.buffer);
  case InputFile::Status::CannotOpen:
    report(diag::err_import_not_found, diag::err_cannot_open_file, path, input.error);
    break;
  case InputFile::Status::Directory:
    report(diag::err_import_is_directory, diag::err_is_a_directory, path);
    break;
  case InputFile::Status::NotRegular:
    report(diag::err_import_not_regular, diag::err_import_not_regular, path, input.kind);
    break;
  case InputFile::Status::TooLarge:
    report(diag::err_file_too_large, diag::err_file_too_large, path, input.size,
           limits.maxFileSize);
    break;
  case InputFile::Status::StreamTooLarge:
    report(diag::err_stream_too_large, diag::err_stream_too_large,
           standardInput ? llvm::StringRef(kStandardInputName) : path, limits.maxFileSize);
    break;
  }
  return nullptr;
}

std::unique_ptr<llvm::MemoryBuffer> Compilation::readOverlay(llvm::StringRef path,
                                                             llvm::StringRef canonical,
                                                             const ImportSite *site,
                                                             bool &tooLarge) {
  tooLarge = false;
  std::optional<llvm::StringRef> text = overlay ? overlay->openFileText(canonical) : std::nullopt;
  if (!text)
    return nullptr;
  if (text->size() > limits.maxFileSize) {
    diags.report(site ? site->range : llvm::SMRange(), diag::err_file_too_large, path,
                 static_cast<uint64_t>(text->size()), limits.maxFileSize);
    tooLarge = true;
    return nullptr;
  }
  return llvm::MemoryBuffer::getMemBufferCopy(*text, displayFileName(path));
}

bool Compilation::loadRoot(llvm::StringRef path) {
  std::string canonical = path == "-" ? std::string(kStandardInputName) : canonicalPath(path);
  bool tooLarge = false;
  auto buffer = path == "-" ? nullptr : readOverlay(path, canonical, nullptr, tooLarge);
  if (!buffer && !tooLarge)
    buffer = readFile(path, nullptr);
  if (!buffer)
    return false;
  bool standardInput = path == "-";
  rootPath = standardInput ? std::string(kStandardInputName) : path.str();
  rootCanonical = std::move(canonical);
  loadUnit(std::move(buffer), rootPath, rootCanonical, 0, /*isFile=*/!standardInput);
  return true;
}

void Compilation::loadRootBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  rootPath = buffer->getBufferIdentifier().str();
  rootCanonical = canonicalPath(rootPath);
  if (!isPrintableText(rootPath))
    buffer = llvm::MemoryBuffer::getMemBufferCopy(buffer->getBuffer(), displayFileName(rootPath));
  loadUnit(std::move(buffer), rootPath, rootCanonical, 0, /*isFile=*/false);
}

/// Old Mac files end their lines with a lone CR, which SourceMgr does not count as a line
/// end. Turning each lone CR into LF keeps every byte offset (and so every column) and gives
/// such a file the line numbers its author sees. CRLF stays: SourceMgr counts its LF.
static std::unique_ptr<llvm::MemoryBuffer>
withLoneCarriageReturnsAsNewlines(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  llvm::StringRef text = buffer->getBuffer();
  auto isLoneCR = [&](size_t at) {
    return text[at] == '\r' && (at + 1 == text.size() || text[at + 1] != '\n');
  };
  std::string copy;
  for (size_t at = text.find('\r'); at != llvm::StringRef::npos; at = text.find('\r', at + 1)) {
    if (!isLoneCR(at))
      continue;
    if (copy.empty())
      copy = text.str();
    copy[at] = '\n';
  }
  if (copy.empty())
    return buffer;
  return llvm::MemoryBuffer::getMemBufferCopy(copy, buffer->getBufferIdentifier());
}

void Compilation::loadUnit(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path,
                           const std::string &canonical, unsigned depth, bool isFile) {
  visiting[canonical] = true;
  bytesLoaded += buffer->getBufferSize();
  buffer = withLoneCarriageReturnsAsNewlines(std::move(buffer));
  unsigned bufferId = sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  parse::ParseLimits parseLimits{limits.maxNestingDepth, limits.maxTokensPerStatement,
                                 limits.maxStatements, limits.maxTokens};
  parse::Incremental incremental =
      overlay ? overlay->incrementalParse(canonical) : parse::Incremental();
  auto unit = parse::parseBuffer(sources, bufferId, diags, &parseStats, parseLimits, incremental);
  suppressions.addFile(sources, *unit);
  // The buffer is named for display; imports resolve against the path as it was given.
  unit->path = path.str();
  followImports(*unit, depth);
  if (isFile)
    files.push_back(path.str());
  visiting[canonical] = false;
  units.push_back(std::move(unit));
}

void Compilation::reportCycle(const ImportSite &site) {
  // The chain from the file where the cycle starts back to it, e.g. a -> b -> a.
  std::vector<const ImportSite *> chain;
  size_t start = stack.size();
  for (size_t i = 0; i < stack.size(); ++i) {
    if (stack[i].canonical == site.canonical) {
      start = i;
      break;
    }
  }
  std::string text = start == stack.size() ? rootPath : stack[start].imported;
  for (size_t i = start == stack.size() ? 0 : start + 1; i < stack.size(); ++i)
    text += " -> " + stack[i].imported;
  text += " -> " + site.imported;
  auto builder = diags.report(site.range, diag::err_import_cycle, text);
  for (size_t i = start == stack.size() ? 0 : start; i < stack.size(); ++i)
    builder.note(stack[i].range, diag::note_imported_here, stack[i].imported);
}

void Compilation::followImports(const ast::TranslationUnit &unit, unsigned depth) {
  for (const auto &item : unit.items) {
    const auto *import = llvm::dyn_cast<ast::ImportDecl>(item.get());
    if (!import || diags.stopped() || parseStats.overLimit)
      continue;
    llvm::StringRef target = import->target.value;
    llvm::SmallString<256> path;
    if (llvm::sys::path::is_absolute(target)) {
      path = target;
    } else {
      path = llvm::sys::path::parent_path(unit.path);
      llvm::sys::path::append(path, target);
    }
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/false);
    std::string canonical = canonicalPath(path);
    ImportSite site{std::string(path), canonical, import->target.range};

    auto seen = visiting.find(canonical);
    if (seen != visiting.end()) {
      if (!seen->getValue())
        continue; // already loaded through another import
      reportCycle(site);
      continue;
    }
    if (depth + 1 > limits.maxImportDepth) {
      diags.report(site.range, diag::err_import_too_deep, limits.maxImportDepth);
      continue;
    }
    bool tooLarge = false;
    auto buffer = readOverlay(path, canonical, &site, tooLarge);
    if (!buffer && !tooLarge)
      buffer = readFile(path, &site);
    if (!buffer)
      continue;
    // Each file is within maxFileSize; together they are bounded too, or a policy of many
    // imports would claim memory without limit.
    uint64_t total = bytesLoaded + buffer->getBufferSize();
    if (total > limits.maxPolicySize) {
      diags.report(site.range, diag::err_policy_too_large, displayFileName(path), total,
                   limits.maxPolicySize);
      continue;
    }
    stack.push_back(site);
    loadUnit(std::move(buffer), site.imported, canonical, depth + 1, /*isFile=*/true);
    stack.pop_back();
  }
}

void Compilation::releaseSyntaxTrees() {
  // A policyc-ignore comment finds the statement it belongs to in the trees when the checker
  // reports; only policies without such comments give them up early.
  if (suppressions.hasDirectives())
    return;
  for (auto &unit : units) {
    unit->items.clear();
    unit->items.shrink_to_fit();
  }
}

std::unique_ptr<model::PolicyModel> Compilation::analyze() {
  // Past a limit the policy was parsed only in part: its names and statements are incomplete,
  // and the limit's error says all there is to say.
  if (units.empty() || parseStats.overLimit)
    return nullptr;
  std::vector<const ast::TranslationUnit *> ordered;
  ordered.reserve(units.size());
  for (const auto &unit : units)
    ordered.push_back(unit.get());
  return sema::analyze(ordered, diags);
}

} // namespace policyc
