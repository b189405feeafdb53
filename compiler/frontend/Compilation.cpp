#include "frontend/Compilation.h"

#include "basic/DiagnosticEngine.h"
#include "sema/Sema.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

namespace policyc {

namespace {
std::string canonicalPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!llvm::sys::fs::real_path(path, real))
    return std::string(real);
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, true);
  return std::string(absolute);
}

/// Reads what `fd` holds when its size is not known beforehand (standard input, a pipe, a
/// device) in chunks, and stops at `limit` bytes: an endless input such as /dev/zero would
/// otherwise fill memory. Sets `tooLarge` and returns null when there was more.
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readStream(llvm::sys::fs::file_t fd, llvm::StringRef name, uint64_t limit, bool &tooLarge) {
  std::string data;
  char chunk[64 * 1024];
  while (true) {
    llvm::Expected<size_t> count = llvm::sys::fs::readNativeFile(fd, chunk);
    if (!count)
      return llvm::errorToErrorCode(count.takeError());
    if (*count == 0)
      return llvm::MemoryBuffer::getMemBufferCopy(data, name);
    if (data.size() + *count > limit) {
      tooLarge = true;
      return nullptr;
    }
    data.append(chunk, *count);
  }
}
} // namespace

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
  if (path != "-" && llvm::sys::fs::is_directory(path)) {
    report(diag::err_import_is_directory, diag::err_is_a_directory, path);
    return nullptr;
  }
  if (path != "-") {
    uint64_t size = 0;
    if (!llvm::sys::fs::file_size(path, size) && size > limits.maxFileSize) {
      if (site)
        diags.report(site->range, diag::err_file_too_large, path, size, limits.maxFileSize);
      else
        diags.report(llvm::SMRange(), diag::err_file_too_large, path, size, limits.maxFileSize);
      return nullptr;
    }
  }
  llvm::sys::fs::file_status status;
  bool isStream = path == "-" || (!llvm::sys::fs::status(path, status) &&
                                  status.type() != llvm::sys::fs::file_type::regular_file);
  if (isStream) {
    llvm::Expected<llvm::sys::fs::file_t> fd =
        path == "-" ? llvm::sys::fs::getStdinHandle() : llvm::sys::fs::openNativeFileForRead(path);
    if (!fd) {
      report(diag::err_import_not_found, diag::err_cannot_open_file, path,
             llvm::toString(fd.takeError()));
      return nullptr;
    }
    bool tooLarge = false;
    auto stream = readStream(*fd, path == "-" ? "<stdin>" : path, limits.maxFileSize, tooLarge);
    if (path != "-")
      llvm::sys::fs::closeFile(*fd);
    if (tooLarge) {
      report(diag::err_stream_too_large, diag::err_stream_too_large, path, limits.maxFileSize);
      return nullptr;
    }
    if (!stream) {
      report(diag::err_import_not_found, diag::err_cannot_open_file, path,
             stream.getError().message());
      return nullptr;
    }
    return std::move(*stream);
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/true);
  if (!buffer) {
    report(diag::err_import_not_found, diag::err_cannot_open_file, path,
           buffer.getError().message());
    return nullptr;
  }
  if ((*buffer)->getBufferSize() > limits.maxFileSize) {
    uint64_t size = (*buffer)->getBufferSize();
    if (site)
      diags.report(site->range, diag::err_file_too_large, path, size, limits.maxFileSize);
    else
      diags.report(llvm::SMRange(), diag::err_file_too_large, path, size, limits.maxFileSize);
    return nullptr;
  }
  return std::move(*buffer);
}

bool Compilation::loadRoot(llvm::StringRef path) {
  auto buffer = readFile(path, nullptr);
  if (!buffer)
    return false;
  rootPath = path.str();
  rootCanonical = path == "-" ? std::string("<stdin>") : canonicalPath(path);
  loadUnit(std::move(buffer), rootCanonical, 0);
  return true;
}

void Compilation::loadRootBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  rootPath = buffer->getBufferIdentifier().str();
  rootCanonical = canonicalPath(rootPath);
  loadUnit(std::move(buffer), rootCanonical, 0);
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

void Compilation::loadUnit(std::unique_ptr<llvm::MemoryBuffer> buffer, const std::string &canonical,
                           unsigned depth) {
  visiting[canonical] = true;
  buffer = withLoneCarriageReturnsAsNewlines(std::move(buffer));
  unsigned bufferId = sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  parse::ParseLimits parseLimits{limits.maxNestingDepth, limits.maxTokensPerStatement};
  auto unit = parse::parseBuffer(sources, bufferId, diags, &parseStats, parseLimits);
  suppressions.addFile(sources, *unit);
  followImports(*unit, depth);
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
    if (!import || diags.stopped())
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
    auto buffer = readFile(path, &site);
    if (!buffer)
      continue;
    stack.push_back(site);
    loadUnit(std::move(buffer), canonical, depth + 1);
    stack.pop_back();
  }
}

std::unique_ptr<model::PolicyModel> Compilation::analyze() {
  if (units.empty())
    return nullptr;
  std::vector<const ast::TranslationUnit *> ordered;
  ordered.reserve(units.size());
  for (const auto &unit : units)
    ordered.push_back(unit.get());
  return sema::analyze(ordered, diags, limits.maxStatements);
}

} // namespace policyc
