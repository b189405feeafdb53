#include "frontend/ProjectConfig.h"

#include "basic/DiagnosticEngine.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <array>

namespace policyc {

namespace {
/// Configuration files are a few lines; anything much larger is not one.
constexpr uint64_t kMaxConfigSize = 1 << 20;

struct Value {
  enum class Kind { String, Array, Boolean };
  Kind kind = Kind::String;
  std::string text; ///< a string's contents, or "true"/"false"
  std::vector<Value> items;
  llvm::SMRange range;
};

/// The keys each section knows; the top level is the section "".
struct KnownKey {
  llvm::StringLiteral section;
  llvm::StringLiteral key;
};
constexpr std::array<KnownKey, 4> kKnownKeys = {{
    {"", "profile"},
    {"", "warnings"},
    {"gen", "namespace"},
    {"gen", "text-format"},
}};

bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// Reads the TOML subset: `# comments`, `[section]` headers, and `key = value` lines whose
/// value is a string ("..." with \" \\ \n \t \uXXXX escapes, or '...'), `true`, `false`, or a
/// list of those in [ ] that may span lines. Stops at the first syntax error.
class ConfigReader {
public:
  ConfigReader(llvm::StringRef text, DiagnosticEngine &diags)
      : p(text.data()), end(text.data() + text.size()), diags(diags) {}

  /// Calls `onSection(name, range)` and `onKey(section, key, keyRange, value)`; false after a
  /// syntax error.
  template <typename OnSection, typename OnKey> bool read(OnSection onSection, OnKey onKey) {
    std::string section;
    while (p < end) {
      skipBlanks();
      if (atLineEnd()) {
        skipLineEnd();
        continue;
      }
      if (*p == '#') {
        skipComment();
        continue;
      }
      if (*p == '[') {
        const char *open = p++;
        skipBlanks();
        llvm::StringRef name = readKey();
        if (name.empty())
          return fail(p, "expected a section name after '['");
        llvm::SMRange range(loc(open), loc(p));
        skipBlanks();
        if (p == end || *p != ']')
          return fail(p, "expected ']' after the section name");
        ++p;
        range.End = loc(p);
        if (!finishLine())
          return false;
        section = name.str();
        if (!onSection(section, range))
          return false;
        continue;
      }
      const char *keyStart = p;
      llvm::StringRef key = readKey();
      if (key.empty())
        return fail(p, "expected a key, a [section] or a # comment");
      llvm::SMRange keyRange(loc(keyStart), loc(p));
      skipBlanks();
      if (p == end || *p != '=')
        return fail(p, "expected '=' after the key '" + key.str() + "'");
      ++p;
      skipBlanks();
      std::optional<Value> value = readValue();
      if (!value || !finishLine())
        return false;
      onKey(section, key.str(), keyRange, std::move(*value));
    }
    return true;
  }

private:
  llvm::SMLoc loc(const char *at) const { return llvm::SMLoc::getFromPointer(at); }
  bool atLineEnd() const { return p == end || *p == '\n' || *p == '\r'; }
  void skipBlanks() {
    while (p < end && (*p == ' ' || *p == '\t'))
      ++p;
  }
  void skipComment() {
    while (!atLineEnd())
      ++p;
  }
  void skipLineEnd() {
    if (p < end && *p == '\r')
      ++p;
    if (p < end && *p == '\n')
      ++p;
  }
  /// Blanks, line ends and comments (inside a list).
  void skipSpace() {
    while (p < end) {
      skipBlanks();
      if (p < end && *p == '#')
        skipComment();
      if (p < end && (*p == '\n' || *p == '\r')) {
        skipLineEnd();
        continue;
      }
      return;
    }
  }
  llvm::StringRef readKey() {
    const char *first = p;
    while (p < end && isKeyChar(*p))
      ++p;
    return llvm::StringRef(first, p - first);
  }
  /// After a value or header: blanks, an optional comment, then the line end.
  bool finishLine() {
    skipBlanks();
    if (p < end && *p == '#')
      skipComment();
    if (!atLineEnd())
      return fail(p, "expected the end of the line");
    skipLineEnd();
    return true;
  }
  bool fail(const char *at, const std::string &message) {
    const char *to = at < end ? at + 1 : at;
    diags.report(llvm::SMRange(loc(at), loc(to)), diag::err_config_syntax, message);
    return false;
  }

  std::optional<Value> readValue() {
    const char *first = p;
    Value value;
    if (p < end && (*p == '"' || *p == '\'')) {
      if (!readString(value.text))
        return std::nullopt;
    } else if (p < end && *p == '[') {
      value.kind = Value::Kind::Array;
      ++p;
      while (true) {
        skipSpace();
        if (p == end) {
          fail(first, "this list has no closing ']'");
          return std::nullopt;
        }
        if (*p == ']') {
          ++p;
          break;
        }
        std::optional<Value> item = readValue();
        if (!item)
          return std::nullopt;
        value.items.push_back(std::move(*item));
        skipSpace();
        if (p == end) {
          fail(first, "this list has no closing ']'");
          return std::nullopt;
        }
        if (*p == ',') {
          ++p;
          continue;
        }
        if (*p == ']') {
          ++p;
          break;
        }
        fail(p, "expected ',' or ']' in the list");
        return std::nullopt;
      }
    } else {
      llvm::StringRef word = readKey();
      if (word != "true" && word != "false") {
        fail(first, "expected a value: a string in quotes, a list in [ ], true or false");
        return std::nullopt;
      }
      value.kind = Value::Kind::Boolean;
      value.text = word.str();
    }
    value.range = llvm::SMRange(loc(first), loc(p));
    return value;
  }

  bool readString(std::string &out) {
    char quote = *p++;
    while (true) {
      if (atLineEnd())
        return fail(p, "missing terminating " + std::string(1, quote) + " character");
      char c = *p++;
      if (c == quote)
        return true;
      if (c != '\\' || quote == '\'') {
        out += c;
        continue;
      }
      if (p == end)
        return fail(p, "missing terminating \" character");
      char escape = *p++;
      switch (escape) {
      case '"':
      case '\\':
        out += escape;
        continue;
      case 'n':
        out += '\n';
        continue;
      case 't':
        out += '\t';
        continue;
      case 'u': {
        unsigned codePoint = 0;
        if (end - p < 4 || llvm::StringRef(p, 4).getAsInteger(16, codePoint) ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF))
          return fail(p - 2, "expected four hexadecimal digits after \\u");
        p += 4;
        appendUtf8(out, codePoint);
        continue;
      }
      default:
        return fail(p - 2, std::string("unknown escape sequence '\\") + escape +
                               "' in string; known: \\\" \\\\ \\n \\t \\uXXXX");
      }
    }
  }

  static void appendUtf8(std::string &out, unsigned codePoint) {
    if (codePoint < 0x80) {
      out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
      out += static_cast<char>(0xC0 | (codePoint >> 6));
      out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (codePoint >> 12));
      out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
  }

  const char *p;
  const char *end;
  DiagnosticEngine &diags;
};

/// The strings of `value`, a string or a list of strings; reports and returns nothing when it
/// is neither.
std::optional<std::vector<const Value *>> stringsOf(const Value &value, llvm::StringRef key,
                                                    DiagnosticEngine &diags) {
  std::vector<const Value *> strings;
  if (value.kind == Value::Kind::String) {
    strings.push_back(&value);
    return strings;
  }
  const Value *wrong = value.kind == Value::Kind::Boolean ? &value : nullptr;
  for (const Value &item : value.items) {
    if (item.kind != Value::Kind::String && !wrong)
      wrong = &item;
    strings.push_back(&item);
  }
  if (wrong) {
    diags.report(wrong->range, diag::err_config_value, key,
                 "expected a string or a list of strings");
    return std::nullopt;
  }
  return strings;
}

/// `path` relative to the working directory when it lies below it, as diagnostics name it.
std::string displayPath(llvm::StringRef path) {
  llvm::SmallString<256> here;
  if (llvm::sys::fs::current_path(here))
    return path.str();
  llvm::sys::path::remove_dots(here, /*remove_dot_dot=*/true);
  llvm::StringRef rest = path;
  if (rest.consume_front(here) && !rest.empty() && llvm::sys::path::is_separator(rest.front()))
    return rest.drop_front().str();
  return path.str();
}
} // namespace

std::optional<std::string> findProjectConfig(llvm::StringRef policyPath) {
  llvm::SmallString<256> folder;
  if (policyPath == "-") {
    if (llvm::sys::fs::current_path(folder))
      return std::nullopt;
  } else {
    folder = policyPath;
    llvm::sys::fs::make_absolute(folder);
    llvm::sys::path::remove_dots(folder, /*remove_dot_dot=*/true);
    llvm::sys::path::remove_filename(folder);
  }
  while (!folder.empty()) {
    llvm::SmallString<256> candidate(folder);
    llvm::sys::path::append(candidate, kProjectConfigName);
    if (llvm::sys::fs::is_regular_file(candidate))
      return displayPath(candidate);
    llvm::StringRef parent = llvm::sys::path::parent_path(folder);
    if (parent == folder)
      break;
    folder = parent.str();
  }
  return std::nullopt;
}

std::unique_ptr<ProjectConfig> loadProjectConfig(llvm::StringRef path, llvm::SourceMgr &sources,
                                                 DiagnosticEngine &diags) {
  uint64_t size = 0;
  if (!llvm::sys::fs::file_size(path, size) && size > kMaxConfigSize) {
    diags.report(llvm::SMRange(), diag::err_file_too_large, path, size, kMaxConfigSize);
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    diags.report(llvm::SMRange(), diag::err_cannot_open_file, path, buffer.getError().message());
    return nullptr;
  }
  unsigned bufferId = sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  llvm::StringRef text = sources.getMemoryBuffer(bufferId)->getBuffer();

  auto config = std::make_unique<ProjectConfig>();
  config->path = path.str();
  unsigned errorsBefore = diags.errorCount();
  llvm::StringMap<llvm::SMRange> seen; // "section.key" and "[section]" -> first place
  auto firstTime = [&](const std::string &name, llvm::SMRange range) {
    auto [entry, inserted] = seen.try_emplace(name, range);
    if (inserted)
      return true;
    diags.report(range, diag::err_config_duplicate_key, name)
        .note(entry->second, diag::note_previous_definition);
    return false;
  };
  auto onSection = [&](const std::string &name, llvm::SMRange range) {
    bool known = false;
    std::vector<std::string> sections;
    for (const KnownKey &entry : kKnownKeys) {
      known |= entry.section == name;
      if (!entry.section.empty())
        sections.push_back(entry.section.str());
    }
    if (!known) {
      diags.report(range, diag::err_config_unknown_key, "section", name,
                   didYouMean(closestMatch(name, sections)));
      return false;
    }
    return firstTime("[" + name + "]", range);
  };
  auto onKey = [&](const std::string &section, const std::string &key, llvm::SMRange keyRange,
                   Value value) {
    std::string qualified = section.empty() ? key : section + "." + key;
    bool known = false;
    std::vector<std::string> keys;
    std::string elsewhere;
    for (const KnownKey &entry : kKnownKeys) {
      if (entry.section == section) {
        known |= entry.key == key;
        keys.push_back(entry.key.str());
      } else if (entry.key == key) {
        elsewhere = entry.section.empty()
                        ? "; it belongs before the first [section]"
                        : "; it belongs in the [" + entry.section.str() + "] section";
      }
    }
    if (!known) {
      diags.report(keyRange, diag::err_config_unknown_key, "key", key,
                   elsewhere.empty() ? didYouMean(closestMatch(key, keys)) : elsewhere);
      return;
    }
    if (!firstTime(qualified, keyRange))
      return;
    if (qualified == "profile") {
      auto strings = stringsOf(value, key, diags);
      if (!strings)
        return;
      std::vector<check::Profile> profiles;
      for (const Value *item : *strings) {
        std::optional<check::Profile> profile = check::parseProfile(item->text);
        if (!profile) {
          diags.report(item->range, diag::err_config_value, key,
                       "'" + item->text + "' is not a regulation profile; known: gdpr, ccpa");
          return;
        }
        if (std::find(profiles.begin(), profiles.end(), *profile) == profiles.end())
          profiles.push_back(*profile);
      }
      config->profiles = std::move(profiles);
      return;
    }
    if (qualified == "warnings") {
      auto strings = stringsOf(value, key, diags);
      if (!strings)
        return;
      DiagnosticOptions scratch;
      for (const Value *item : *strings) {
        llvm::StringRef option = item->text;
        if (!option.startswith("-W") || option.size() == 2) {
          diags.report(item->range, diag::err_config_value, key,
                       "'" + item->text + "' is not a -W option (-Werror, -Wno-shadowed, ...)");
          return;
        }
        WarningOptionResult result = applyWarningOption(scratch, option.drop_front(2));
        if (result.status == WarningOptionResult::NotAdjustable) {
          diags.report(item->range, diag::err_config_value, key,
                       "'" + item->text +
                           "': errors of this group cannot be disabled or downgraded");
          return;
        }
        if (result.status == WarningOptionResult::UnknownFlag) {
          if (result.suggestion.empty())
            diags.report(item->range, diag::warn_unknown_warning_option, option);
          else
            diags.report(item->range, diag::warn_unknown_warning_option_suggest, option,
                         "-W" + result.suggestion);
        }
        config->warnings.push_back({item->text, item->range});
      }
      return;
    }
    if (value.kind != Value::Kind::String) {
      diags.report(value.range, diag::err_config_value, key, "expected a string");
      return;
    }
    if (qualified == "gen.namespace") {
      config->cppNamespace = ProjectConfig::Setting{value.text, value.range};
      return;
    }
    if (value.text != "md" && value.text != "html") {
      diags.report(value.range, diag::err_config_value, key,
                   "'" + value.text + "' is not a text format; known: md, html");
      return;
    }
    config->textFormat = ProjectConfig::Setting{value.text, value.range};
  };
  ConfigReader reader(text, diags);
  if (!reader.read(onSection, onKey) || diags.errorCount() != errorsBefore)
    return nullptr;
  return config;
}

} // namespace policyc
