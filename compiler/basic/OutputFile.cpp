#include "basic/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc {

WriteResult writeOutputFile(llvm::StringRef path, llvm::StringRef contents) {
  if (path == "-") {
    llvm::outs() << contents;
    llvm::outs().flush();
    return {WriteOutcome::Written, {}};
  }
  if (auto existing = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false)) {
    if ((*existing)->getBuffer() == contents)
      return {WriteOutcome::Unchanged, {}};
  }
  llvm::SmallString<256> directory(path);
  llvm::sys::path::remove_filename(directory);
  if (directory.empty())
    directory = ".";
  llvm::SmallString<256> model(directory);
  llvm::sys::path::append(model, llvm::sys::path::filename(path) + ".tmp-%%%%%%%%");
  int fd = -1;
  llvm::SmallString<256> temporary;
  if (std::error_code error = llvm::sys::fs::createUniqueFile(model, fd, temporary))
    return {WriteOutcome::Failed,
            "cannot create a temporary file in '" + directory.str().str() + "': " +
                error.message()};
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << contents;
    out.close();
    if (out.has_error()) {
      std::string message = out.error().message();
      out.clear_error();
      llvm::sys::fs::remove(temporary);
      return {WriteOutcome::Failed, "cannot write '" + path.str() + "': " + message};
    }
  }
  if (std::error_code error = llvm::sys::fs::rename(temporary, path)) {
    llvm::sys::fs::remove(temporary);
    return {WriteOutcome::Failed, "cannot write '" + path.str() + "': " + error.message()};
  }
  return {WriteOutcome::Written, {}};
}

} // namespace policyc
