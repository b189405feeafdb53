// policyc fmt [--check] [--diff] [-i] FILE...: lays policy files out in the one canonical
// layout of docs/fmt.md. By default the formatted text goes to standard output; --check lists
// the files that are not formatted (exit 1), --diff shows what would change, -i rewrites the
// files that would change, atomically. A file with syntax errors is reported and left alone.
#include "driver/Commands.h"

#include "basic/OutputFile.h"
#include "basic/TextDiagnosticPrinter.h"
#include "format/Formatter.h"
#include "format/UnifiedDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <string>

namespace cl = llvm::cl;

namespace policyc::driver {

cl::SubCommand &fmtCommand() {
  static cl::SubCommand command(
      "fmt", "Lay out policy files in the canonical layout: policyc fmt [--check | --diff | -i] "
             "FILE...");
  return command;
}

namespace {
cl::list<std::string> Files(cl::Positional, cl::OneOrMore, cl::value_desc("file"),
                            cl::desc("<policy files ('-' reads standard input)>"),
                            cl::sub(fmtCommand()));
cl::opt<bool> Check("check",
                    cl::desc("Write nothing; list the files whose layout would change and exit "
                             "with 1 if there are any"),
                    cl::sub(fmtCommand()));
cl::opt<bool> Diff("diff",
                   cl::desc("Print what would change as a unified diff instead of the "
                            "formatted text"),
                   cl::sub(fmtCommand()));
cl::opt<bool> Write("write",
                    cl::desc("Rewrite the files whose layout changes, in place and atomically "
                             "(-i)"),
                    cl::sub(fmtCommand()));
// The alias takes its subcommand from the option it stands for.
cl::alias WriteShort("i", cl::desc("Alias for --write"), cl::aliasopt(Write));

/// Every warning off: fmt reports only what keeps it from formatting (syntax errors).
DiagnosticOptions errorsOnly() {
  DiagnosticOptions options;
  options.errorLimit = 20;
  for (const DiagnosticInfo &info : allDiagnostics())
    if (info.diagClass == DiagnosticClass::Warning)
      options.flagEnabled[info.flag] = false;
  return options;
}

/// Reads `path` ("-": standard input) in chunks up to the file size limit, so that an endless
/// stream ends in an error rather than filling memory. Reports and returns null on failure.
std::unique_ptr<llvm::MemoryBuffer> readInput(llvm::StringRef path, DiagnosticEngine &diags) {
  if (path != "-" && llvm::sys::fs::is_directory(path)) {
    diags.report(llvm::SMRange(), diag::err_is_a_directory, path);
    return nullptr;
  }
  llvm::Expected<llvm::sys::fs::file_t> fd =
      path == "-" ? llvm::sys::fs::getStdinHandle() : llvm::sys::fs::openNativeFileForRead(path);
  if (!fd) {
    diags.report(llvm::SMRange(), diag::err_cannot_open_file, path, llvm::toString(fd.takeError()));
    return nullptr;
  }
  std::string data;
  char chunk[64 * 1024];
  while (true) {
    llvm::Expected<size_t> count = llvm::sys::fs::readNativeFile(*fd, chunk);
    if (!count) {
      diags.report(llvm::SMRange(), diag::err_cannot_open_file, path,
                   llvm::toString(count.takeError()));
      data.clear();
      break;
    }
    if (*count == 0)
      break;
    if (data.size() + *count > limits::kMaxFileSize) {
      diags.report(llvm::SMRange(), diag::err_stream_too_large, path, limits::kMaxFileSize);
      if (path != "-")
        llvm::sys::fs::closeFile(*fd);
      return nullptr;
    }
    data.append(chunk, *count);
  }
  if (path != "-")
    llvm::sys::fs::closeFile(*fd);
  return llvm::MemoryBuffer::getMemBufferCopy(data, path == "-" ? "<stdin>" : path);
}

/// Rewrites `path` with `text`, keeping its permissions.
bool rewrite(llvm::StringRef path, llvm::StringRef text, DiagnosticEngine &diags) {
  llvm::ErrorOr<llvm::sys::fs::perms> permissions = llvm::sys::fs::getPermissions(path);
  WriteResult written = writeOutputFile(path, text);
  if (written.outcome == WriteOutcome::Failed) {
    diags.report(llvm::SMRange(), diag::err_cannot_write_output, written.error);
    return false;
  }
  if (written.outcome == WriteOutcome::Written && permissions)
    llvm::sys::fs::setPermissions(path, *permissions);
  return true;
}
} // namespace

int runFmt() {
  if (Write && (Check || Diff)) {
    llvm::WithColor::error(llvm::errs(), "policyc fmt")
        << "-i/--write rewrites files; it cannot be combined with --check or --diff\n";
    return ExitUsage;
  }
  if (Write && llvm::is_contained(Files, "-")) {
    llvm::WithColor::error(llvm::errs(), "policyc fmt")
        << "-i/--write cannot rewrite standard input; leave out -i to print the result\n";
    return ExitUsage;
  }
  llvm::SourceMgr sources;
  TextDiagnosticPrinter printer(llvm::errs(), llvm::errs().has_colors());
  DiagnosticEngine diags(sources, printer, errorsOnly());
  int status = ExitClean;
  auto worsen = [&](int code) { status = std::max(status, code); };
  for (const std::string &path : Files) {
    std::unique_ptr<llvm::MemoryBuffer> buffer = readInput(path, diags);
    if (!buffer) {
      worsen(ExitUsage);
      continue;
    }
    std::string name = buffer->getBufferIdentifier().str();
    unsigned bufferId = sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    llvm::StringRef original = sources.getMemoryBuffer(bufferId)->getBuffer();
    format::FormatResult result = format::formatBuffer(sources, bufferId, diags);
    if (result.status == format::FormatStatus::SyntaxError) {
      worsen(ExitFindings);
      continue;
    }
    if (result.status == format::FormatStatus::InternalError) {
      llvm::WithColor::error(llvm::errs(), "policyc fmt")
          << "internal error: " << name << ": " << result.problem
          << "; the file is left as it is; please report this\n";
      worsen(ExitUsage);
      continue;
    }
    bool changed = result.text != original;
    if (Diff) {
      llvm::outs() << format::unifiedDiff(original, result.text, name, name);
    } else if (Check) {
      if (changed)
        llvm::outs() << name << "\n";
    } else if (Write) {
      if (changed && !rewrite(path, result.text, diags))
        worsen(ExitUsage);
    } else {
      llvm::outs() << result.text;
    }
    if (Check && changed)
      worsen(ExitFindings);
  }
  llvm::outs().flush();
  diags.finish();
  return status;
}

} // namespace policyc::driver
