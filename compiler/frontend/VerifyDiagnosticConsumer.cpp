#include "frontend/VerifyDiagnosticConsumer.h"

#include "basic/SourceLocation.h"
#include "parse/Comments.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc {

namespace {
struct Directive {
  std::string kind; ///< error, warning, note
  std::string file; ///< the file the diagnostic is expected in
  unsigned line = 0;
  std::string text;
  std::string where; ///< for messages: "File f Line n"
  bool matched = false;
};

bool sameFile(llvm::StringRef expected, llvm::StringRef actual) {
  if (expected == actual)
    return true;
  // @other.policy:3 names a file by its trailing path components.
  return actual.endswith(expected) &&
         llvm::sys::path::is_separator(actual[actual.size() - expected.size() - 1]);
}

/// Parses the directives in `comment`; problems are appended to `problems`.
void parseDirectives(const llvm::SourceMgr &sources, unsigned bufferId,
                     const parse::Comment &comment, llvm::StringRef file,
                     std::vector<Directive> &directives, bool &noDiagnostics,
                     std::vector<std::string> &problems) {
  const char *bufferStart = sources.getMemoryBuffer(bufferId)->getBufferStart();
  llvm::StringRef text = comment.text;
  size_t position = 0;
  while (true) {
    size_t found = text.find("expected-", position);
    if (found == llvm::StringRef::npos)
      return;
    llvm::SMLoc loc = llvm::SMLoc::getFromPointer(bufferStart + comment.offset + found);
    unsigned line = sources.getLineAndColumn(loc, bufferId).first;
    llvm::StringRef rest = text.substr(found + 9);
    position = found + 9;
    if (rest.startswith("no-diagnostics")) {
      noDiagnostics = true;
      continue;
    }
    Directive directive;
    for (llvm::StringRef kind : {"error", "warning", "note"}) {
      if (rest.startswith(kind)) {
        directive.kind = kind.str();
        rest = rest.drop_front(kind.size());
        break;
      }
    }
    if (directive.kind.empty())
      continue; // prose that happens to contain "expected-"
    auto where = [&] { return "File " + file.str() + " Line " + std::to_string(line); };
    directive.file = file.str();
    directive.line = line;
    if (rest.consume_front("@")) {
      llvm::StringRef spec = rest.take_until([](char c) { return c == ' ' || c == '{'; });
      rest = rest.drop_front(spec.size());
      int offset = 0;
      if (spec.consume_front("+")) {
        if (spec.getAsInteger(10, offset)) {
          problems.push_back(where() + ": bad line offset in '@+" + spec.str() + "'");
          continue;
        }
        directive.line = line + offset;
      } else if (spec.startswith("-")) {
        spec = spec.drop_front();
        if (spec.getAsInteger(10, offset) || static_cast<unsigned>(offset) >= line) {
          problems.push_back(where() + ": bad line offset in '@-" + spec.str() + "'");
          continue;
        }
        directive.line = line - offset;
      } else {
        auto [name, number] = spec.rsplit(':');
        if (!number.empty()) {
          directive.file = name.str();
          spec = number;
        }
        unsigned absolute = 0;
        if (spec.getAsInteger(10, absolute)) {
          problems.push_back(where() + ": bad location '@" + spec.str() + "'");
          continue;
        }
        directive.line = absolute;
      }
    }
    rest = rest.ltrim(" \t");
    if (!rest.consume_front("{{")) {
      problems.push_back(where() + ": expected '{{' after expected-" + directive.kind);
      continue;
    }
    size_t close = rest.find("}}");
    if (close == llvm::StringRef::npos) {
      problems.push_back(where() + ": missing '}}' after expected-" + directive.kind);
      continue;
    }
    directive.text = rest.substr(0, close).str();
    directive.where = "File " + directive.file + " Line " + std::to_string(directive.line);
    position = (rest.data() + close + 2) - text.data();
    directives.push_back(std::move(directive));
  }
}
} // namespace

void VerifyDiagnosticConsumer::record(llvm::StringRef kind, llvm::SMRange range,
                                      llvm::StringRef message, const llvm::SourceMgr &sources) {
  Seen entry;
  entry.kind = kind.str();
  entry.message = message.str();
  if (auto loc = presumedLoc(sources, range.Start)) {
    entry.file = loc->file.str();
    entry.line = loc->line;
  }
  seen.push_back(std::move(entry));
}

void VerifyDiagnosticConsumer::handleDiagnostic(const Diagnostic &diagnostic,
                                                const llvm::SourceMgr &sources) {
  ids.push_back(diagnostic.info().id.str());
  // A suppressed finding is not shown to the user, so a test does not expect it either; that
  // it is reported at all is what the ids above record.
  if (diagnostic.suppression)
    return;
  llvm::StringRef kind = diagnostic.severity == Severity::Warning ? "warning"
                         : diagnostic.severity == Severity::Note  ? "note"
                                                                  : "error";
  record(kind, diagnostic.range, diagnostic.message, sources);
  for (const DiagnosticNote &note : diagnostic.notes) {
    ids.push_back(getDiagnosticInfo(note.kind).id.str());
    record("note", note.range, note.message, sources);
  }
}

void VerifyDiagnosticConsumer::finish(const llvm::SourceMgr &sources) {
  std::vector<Directive> directives;
  std::vector<std::string> problems;
  bool noDiagnostics = false;
  for (unsigned id = 1; id <= sources.getNumBuffers(); ++id) {
    const llvm::MemoryBuffer *buffer = sources.getMemoryBuffer(id);
    for (const parse::Comment &comment : parse::lexComments(buffer->getBuffer()))
      parseDirectives(sources, id, comment, buffer->getBufferIdentifier(), directives,
                      noDiagnostics, problems);
  }

  std::vector<bool> used(seen.size(), false);
  for (Directive &directive : directives) {
    for (size_t i = 0; i < seen.size(); ++i) {
      const Seen &entry = seen[i];
      if (used[i] || entry.kind != directive.kind || entry.line != directive.line ||
          !sameFile(directive.file, entry.file) ||
          entry.message.find(directive.text) == std::string::npos)
        continue;
      used[i] = true;
      directive.matched = true;
      break;
    }
  }

  bool ok = problems.empty();
  for (const std::string &problem : problems)
    out << "error: invalid -verify directive: " << problem << "\n";
  if (directives.empty() && !noDiagnostics) {
    out << "error: no expected-* directives found: add 'expected-no-diagnostics' to a file that "
           "must compile cleanly\n";
    ok = false;
  }
  for (llvm::StringRef kind : {"error", "warning", "note"}) {
    std::string expectedButNotSeen;
    for (const Directive &directive : directives)
      if (directive.kind == kind && !directive.matched)
        expectedButNotSeen += "  " + directive.where + ": " + directive.text + "\n";
    std::string seenButNotExpected;
    for (size_t i = 0; i < seen.size(); ++i) {
      if (used[i] || seen[i].kind != kind)
        continue;
      std::string where = seen[i].line
                              ? "File " + seen[i].file + " Line " + std::to_string(seen[i].line)
                              : std::string("(no location)");
      seenButNotExpected += "  " + where + ": " + seen[i].message + "\n";
    }
    if (!expectedButNotSeen.empty()) {
      out << "error: 'expected-" << kind << "' diagnostics expected but not seen:\n"
          << expectedButNotSeen;
      ok = false;
    }
    if (!seenButNotExpected.empty()) {
      out << "error: 'expected-" << kind << "' diagnostics seen but not expected:\n"
          << seenButNotExpected;
      ok = false;
    }
  }
  out.flush();
  success = ok;
}

} // namespace policyc
