#include "basic/SarifDiagnosticPrinter.h"

#include "basic/SourceLocation.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace policyc {

namespace {
/// A rule's position in the rules array: the kinds that are not notes, in table order.
std::optional<size_t> ruleIndex(diag::Kind kind) {
  size_t index = 0;
  for (const DiagnosticInfo &info : allDiagnostics()) {
    if (info.diagClass == DiagnosticClass::Note)
      continue;
    if (info.kind == kind)
      return index;
    ++index;
  }
  return std::nullopt;
}

llvm::StringRef level(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Ignored:
    return "none";
  case Severity::Error:
  case Severity::Fatal:
    break;
  }
  return "error";
}

/// "err_permit_prohibited" -> "PermitProhibited".
std::string ruleName(llvm::StringRef id) {
  for (llvm::StringRef prefix : {"err_", "warn_", "fatal_", "note_"})
    if (id.consume_front(prefix))
      break;
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

/// The message template with its placeholders shown as "...".
std::string describeTemplate(llvm::StringRef message) {
  std::string text;
  for (size_t i = 0; i < message.size(); ++i) {
    if (message.substr(i).startswith("{{") || message.substr(i).startswith("}}")) {
      text += message[i];
      ++i;
      continue;
    }
    if (message[i] == '{') {
      size_t close = message.find('}', i);
      if (close != llvm::StringRef::npos) {
        text += "...";
        i = close;
        continue;
      }
    }
    text += message[i];
  }
  return text;
}

llvm::json::Array rules() {
  llvm::json::Array result;
  for (const DiagnosticInfo &info : allDiagnostics()) {
    if (info.diagClass == DiagnosticClass::Note)
      continue;
    std::string description = describeTemplate(info.message);
    std::string flag = info.flag.empty() ? std::string() : "-W" + info.flag.str();
    std::string help = llvm::formatv("{0}. Default severity: {1}{2}. docs/checks.md#{3} "
                                     "explains it with a failing and a fixed example.",
                                     description, diagnosticClassName(info.diagClass),
                                     flag.empty() ? std::string() : "; flag " + flag, info.id)
                           .str();
    llvm::json::Array tags{"policyc"};
    if (!info.flag.empty())
      tags.push_back(info.flag);
    result.push_back(llvm::json::Object{
        {"id", info.id},
        {"name", ruleName(info.id)},
        {"shortDescription", llvm::json::Object{{"text", description}}},
        {"fullDescription", llvm::json::Object{{"text", description}}},
        {"help", llvm::json::Object{{"text", help}}},
        {"defaultConfiguration",
         llvm::json::Object{
             {"level", info.diagClass == DiagnosticClass::Warning ? "warning" : "error"}}},
        {"properties", llvm::json::Object{{"tags", std::move(tags)}}},
    });
  }
  return result;
}

/// 1-based column in UTF-16 code units of `loc`, which lies `byteColumn` bytes into its line.
unsigned utf16Column(llvm::SMLoc loc, unsigned byteColumn) {
  const char *lineStart = loc.getPointer() - (byteColumn - 1);
  unsigned units = 0;
  for (const char *p = lineStart; p < loc.getPointer(); ++p) {
    auto byte = static_cast<unsigned char>(*p);
    if ((byte & 0xC0) == 0x80)
      continue; // continuation byte
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units + 1;
}

std::optional<llvm::json::Object> physicalLocation(const llvm::SourceMgr &sources,
                                                   llvm::SMRange range) {
  auto start = presumedLoc(sources, range.Start);
  if (!start)
    return std::nullopt;
  llvm::json::Object region{{"startLine", start->line},
                            {"startColumn", utf16Column(range.Start, start->column)}};
  auto end = presumedLoc(sources, range.End);
  if (end && end->bufferId == start->bufferId &&
      range.End.getPointer() >= range.Start.getPointer()) {
    region["endLine"] = end->line;
    region["endColumn"] = utf16Column(range.End, end->column);
  }
  return llvm::json::Object{
      {"artifactLocation", llvm::json::Object{{"uri", SarifDiagnosticPrinter::fileUri(start->file)},
                                              {"uriBaseId", "%SRCROOT%"}}},
      {"region", std::move(region)}};
}
} // namespace

std::string SarifDiagnosticPrinter::fileUri(llvm::StringRef path) {
  std::string normal = path.str();
  for (char &c : normal)
    if (c == '\\')
      c = '/';
  bool absolute = llvm::sys::path::is_absolute(path);
  std::string encoded;
  for (unsigned char c : normal) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      encoded += static_cast<char>(c);
      continue;
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    encoded += '%';
    encoded += kHex[c >> 4];
    encoded += kHex[c & 0xF];
  }
  if (absolute)
    return "file://" + encoded;
  if (llvm::StringRef(encoded).startswith("./"))
    encoded.erase(0, 2);
  return encoded;
}

void SarifDiagnosticPrinter::handleDiagnostic(const Diagnostic &diagnostic,
                                              const llvm::SourceMgr &sources) {
  const DiagnosticInfo &info = diagnostic.info();
  std::optional<llvm::json::Object> location = physicalLocation(sources, diagnostic.range);
  if (!location) {
    notifications.push_back(llvm::json::Object{
        {"level", level(diagnostic.severity)},
        {"message", llvm::json::Object{{"text", diagnostic.message}}},
        {"descriptor", llvm::json::Object{{"id", info.id}}},
    });
    return;
  }
  llvm::json::Object result{
      {"ruleId", info.id},
      {"level", level(diagnostic.severity)},
      {"message", llvm::json::Object{{"text", diagnostic.message}}},
      {"locations",
       llvm::json::Array{llvm::json::Object{{"physicalLocation", std::move(*location)}}}},
  };
  if (auto index = ruleIndex(diagnostic.kind))
    result["ruleIndex"] = static_cast<int64_t>(*index);
  llvm::json::Array related;
  int64_t id = 1;
  for (const DiagnosticNote &note : diagnostic.notes) {
    llvm::json::Object entry{{"id", id++}, {"message", llvm::json::Object{{"text", note.message}}}};
    if (auto noteLocation = physicalLocation(sources, note.range))
      entry["physicalLocation"] = std::move(*noteLocation);
    related.push_back(std::move(entry));
  }
  if (!related.empty())
    result["relatedLocations"] = std::move(related);
  llvm::json::Array fixes;
  for (const FixIt &fix : diagnostic.fixIts) {
    std::optional<llvm::json::Object> where = physicalLocation(sources, fix.range);
    if (!where)
      continue;
    llvm::json::Value artifact = std::move((*where)["artifactLocation"]);
    llvm::json::Value region = std::move((*where)["region"]);
    fixes.push_back(llvm::json::Object{
        {"description", llvm::json::Object{{"text", "replace with '" + fix.replacement + "'"}}},
        {"artifactChanges",
         llvm::json::Array{llvm::json::Object{
             {"artifactLocation", std::move(artifact)},
             {"replacements",
              llvm::json::Array{llvm::json::Object{
                  {"deletedRegion", std::move(region)},
                  {"insertedContent", llvm::json::Object{{"text", fix.replacement}}}}}}}}}});
  }
  if (!fixes.empty())
    result["fixes"] = std::move(fixes);
  // SARIF 2.1.0 section 3.35: a finding the source itself accepts (a policyc-ignore comment).
  if (diagnostic.suppression) {
    llvm::json::Object suppression{{"kind", "inSource"},
                                   {"justification", diagnostic.suppression->justification}};
    if (auto where = physicalLocation(sources, diagnostic.suppression->range))
      suppression["location"] = llvm::json::Object{{"physicalLocation", std::move(*where)}};
    result["suppressions"] = llvm::json::Array{std::move(suppression)};
  }
  results.push_back(std::move(result));
}

void SarifDiagnosticPrinter::finish(const llvm::SourceMgr &) {
  llvm::json::Object driver{{"name", "policyc"},
                            {"version", toolVersion},
                            {"semanticVersion", toolVersion},
                            {"rules", rules()}};
  llvm::json::Object invocation{{"executionSuccessful", true}};
  if (!notifications.empty())
    invocation["toolExecutionNotifications"] = std::move(notifications);
  llvm::json::Object run{
      {"tool", llvm::json::Object{{"driver", std::move(driver)}}},
      {"invocations", llvm::json::Array{std::move(invocation)}},
      {"columnKind", "utf16CodeUnits"},
      {"originalUriBaseIds",
       llvm::json::Object{
           {"%SRCROOT%",
            llvm::json::Object{{"description", llvm::json::Object{{"text", "the directory "
                                                                           "policyc ran in"}}}}}}},
      {"results", std::move(results)},
  };
  llvm::json::Object log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                         {"version", "2.1.0"},
                         {"runs", llvm::json::Array{std::move(run)}}};
  out << llvm::formatv("{0:2}", llvm::json::Value(std::move(log))) << '\n';
  out.flush();
  results = llvm::json::Array();
  notifications = llvm::json::Array();
}

} // namespace policyc
