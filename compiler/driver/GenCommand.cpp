// policyc gen KIND FILE [-o OUT]: run one backend on a checked policy. Nothing is written
// when the policy has errors; outputs are written atomically and left alone when unchanged
// (basic/OutputFile.h), never over the policy's own files, and at most a bounded multiple of
// the policy's size (basic/Limits.h).
#include "driver/Commands.h"
#include "driver/Pipeline.h"
#include "driver/ProjectOptions.h"

#include "basic/InputFile.h"
#include "basic/Limits.h"
#include "basic/OutputFile.h"
#include "gen/Generator.h"
#include "gen/cpp/CppNames.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
struct Backend {
  const char *name;
  const char *description;
  gen::GeneratorFunction generate;
};

/// Every backend of `policyc gen`.
constexpr Backend kBackends[] = {
    {"json", "the resolved model as JSON (docs/json-ir.md)", gen::generateJson},
    {"text", "the privacy policy people read, Markdown or HTML (--format)", gen::generateText},
    {"cpp", "a C++17 header that enforces the policy (docs/cpp-api.md)", gen::generateCpp},
    {"cedar", "the policy as a Cedar policy set (docs/cpp-api.md)", gen::generateCedar},
    {"cedar-entities", "the vocabularies as Cedar entities (JSON)", gen::generateCedarEntities},
    {"cedar-schema", "the Cedar schema of the requests (docs/cpp-api.md)",
     gen::generateCedarSchema},
};

cl::opt<std::string>
    Kind(cl::Positional, cl::Required, cl::value_desc("kind"),
         cl::desc("<what to generate: json, text, cpp, cedar, cedar-entities, cedar-schema>"),
         cl::sub(genCommand()));
cl::opt<std::string> File(cl::Positional, cl::Required, cl::value_desc("file"),
                          cl::desc("<policy file>"), cl::sub(genCommand()));
cl::opt<std::string> TextFormat("format", cl::init("md"), cl::value_desc("md|html"),
                                cl::desc("Format of 'gen text': md (Markdown, the default) or "
                                         "html (one standalone HTML5 file)"),
                                cl::sub(genCommand()));
cl::opt<std::string> Css("css", cl::value_desc("file"),
                         cl::desc("CSS of your own for 'gen text --format=html', embedded after "
                                  "the built-in style so that its rules win"),
                         cl::sub(genCommand()));
cl::opt<std::string> TextLayer("layer", cl::init("full"), cl::value_desc("full|short|both"),
                               cl::desc("Layer of 'gen text': full (the whole policy, the "
                                        "default), short (the short notice) or both (one page, "
                                        "the short notice first)"),
                               cl::sub(genCommand()));
cl::opt<std::string> Namespace("namespace", cl::value_desc("ns"),
                               cl::desc("C++ namespace of 'gen cpp' (e.g. acme::privacy); the "
                                        "default is the policy file's name"),
                               cl::sub(genCommand()));
cl::opt<std::string> DepFile("depfile", cl::value_desc("path"),
                             cl::desc("Also write a Makefile-style dependency file naming the "
                                      "policy and every file it imports (for build systems)"),
                             cl::sub(genCommand()));
// The bound of basic/Limits.h is far above any real output; tests lower it to reach it.
cl::opt<uint64_t> MaxOutputBytes("max-output-bytes", cl::Hidden, cl::init(0), cl::value_desc("n"),
                                 cl::desc("Lower the bound on the size of the output to N bytes"),
                                 cl::sub(genCommand()));
cl::opt<std::string> Output("o", cl::init("-"), cl::value_desc("path"),
                            cl::desc("Output file ('-', the default, is standard output)"),
                            cl::sub(genCommand()));

/// A character Make cannot be made to read as part of a file name in a rule: a line break
/// or control character, `;` (a recipe follows), `|` (order-only prerequisites), `=` (a
/// variable assignment), `:` (another rule), `%`, `*`, `?`, `[`, `]` (patterns and wildcards),
/// `(` and `)` (archive members), `\` (escapes that Make and Ninja read differently).
bool unsafeForMake(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7F ||
         llvm::StringRef(";|=:%*?[]()\\").contains(c);
}

/// `path` absolute, escaped as Make and Ninja read it (`\ `, `\#`, `$$`); false with the
/// offending character in `bad` when it holds one Make cannot read as part of a file name.
bool makeFileName(llvm::StringRef path, std::string &result, char &bad) {
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  result.clear();
  for (char c : absolute) {
    if (unsafeForMake(c)) {
      bad = c;
      return false;
    }
    if (c == ' ' || c == '#')
      result.push_back('\\');
    else if (c == '$')
      result.push_back('$');
    result.push_back(c);
  }
  return true;
}

/// How a character Make cannot read is named in the diagnostic.
std::string describeCharacter(char c) {
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
    return fmt::format("the control character U+{:04X}", static_cast<unsigned>(c));
  return fmt::format("'{}'", c);
}

/// Reports and returns true when `output` would overwrite one of the policy's files.
bool overwritesInput(DiagnosticEngine &diags, llvm::StringRef output,
                     llvm::ArrayRef<std::string> inputs) {
  for (const std::string &input : inputs) {
    if (sameOutputTarget(output, input)) {
      diags.report(llvm::SMRange(), diag::err_output_is_input, output, input);
      return true;
    }
  }
  return false;
}

/// An output stream that keeps at most `limit` bytes and notes whether more came: a
/// generator whose output would grow past the bound cannot fill memory first.
class BoundedStringStream : public llvm::raw_ostream {
public:
  BoundedStringStream(std::string &text, uint64_t limit) : text(text), limit(limit) {}
  ~BoundedStringStream() override { flush(); }
  bool overflowed() const { return overflow; }

private:
  void write_impl(const char *data, size_t size) override {
    if (overflow || text.size() + size > limit) {
      overflow = true;
      return;
    }
    text.append(data, size);
  }
  uint64_t current_pos() const override { return text.size(); }

  std::string &text;
  uint64_t limit;
  bool overflow = false;
};

/// Total size of the policy's sources, the measure of the output bound.
uint64_t inputBytes(const llvm::SourceMgr &sources) {
  uint64_t total = 0;
  for (unsigned id = 1; id <= sources.getNumBuffers(); ++id)
    total += sources.getMemoryBuffer(id)->getBufferSize();
  return total;
}
} // namespace

int runGen() {
  const Backend *backend = nullptr;
  for (const Backend &candidate : kBackends)
    if (Kind == candidate.name)
      backend = &candidate;
  if (!backend) {
    llvm::errs() << "policyc gen: error: unknown output kind '" << Kind << "'; known:";
    for (const Backend &candidate : kBackends)
      llvm::errs() << " " << candidate.name;
    llvm::errs() << "\n";
    return ExitUsage;
  }
  if (TextFormat != "md" && TextFormat != "html") {
    llvm::errs() << "policyc gen: error: unknown text format '" << TextFormat
                 << "'; known: md html\n";
    return ExitUsage;
  }
  if (TextLayer != "full" && TextLayer != "short" && TextLayer != "both") {
    llvm::errs() << "policyc gen: error: unknown text layer '" << TextLayer
                 << "'; known: full short both\n";
    return ExitUsage;
  }

  if (!Namespace.empty()) {
    if (std::optional<std::string> problem = gen::cpp::checkNamespace(Namespace)) {
      llvm::errs() << "policyc gen: error: invalid --namespace '" << Namespace << "': " << *problem
                   << "\n";
      return ExitUsage;
    }
  }

  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, /*verify=*/false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  bool configFailed = false;
  const ProjectConfig *config = projectConfigFor(File, sources, diags, configFailed);
  if (configFailed)
    return setup.finish(/*ioError=*/true);
  setup.useConfig(config);

  // The command line wins over the project configuration.
  std::string textFormat = TextFormat;
  std::string cppNamespace = Namespace;
  if (config && config->textFormat && TextFormat.getNumOccurrences() == 0)
    textFormat = config->textFormat->value;
  if (config && config->cppNamespace && Namespace.getNumOccurrences() == 0) {
    cppNamespace = config->cppNamespace->value;
    if (std::optional<std::string> problem = gen::cpp::checkNamespace(cppNamespace)) {
      diags.report(config->cppNamespace->range, diag::err_config_value, "namespace", *problem);
      return setup.finish(/*ioError=*/true);
    }
  }

  if (!Css.empty() && (backend->generate != gen::generateText || textFormat != "html")) {
    llvm::errs() << "policyc gen: error: --css applies to 'gen text --format=html' only\n";
    return ExitUsage;
  }
  // Read before compiling: an unreadable file is an error whatever the policy says. Read as
  // the policy file is, so that a FIFO or /dev/zero cannot hang or exhaust the run.
  std::string authorCss;
  if (!Css.empty()) {
    InputFile css = readInputFile(Css, Css, limits::kMaxFileSize, InputSource::CommandLine);
    switch (css.status) {
    case InputFile::Status::Read:
      authorCss = css.buffer->getBuffer().str();
      break;
    case InputFile::Status::CannotOpen:
    case InputFile::Status::NotRegular:
    case InputFile::Status::Directory: {
      std::string why = css.status == InputFile::Status::CannotOpen ? css.error
                        : css.status == InputFile::Status::Directory
                            ? std::string("it is a directory")
                            : std::string("it is ") + css.kind;
      diags.report(llvm::SMRange(), diag::err_cannot_open_file, Css, why);
      return setup.finish(/*ioError=*/true);
    }
    case InputFile::Status::TooLarge:
      diags.report(llvm::SMRange(), diag::err_file_too_large, Css, css.size, limits::kMaxFileSize);
      return setup.finish(/*ioError=*/true);
    case InputFile::Status::StreamTooLarge:
      diags.report(llvm::SMRange(), diag::err_stream_too_large, Css, limits::kMaxFileSize);
      return setup.finish(/*ioError=*/true);
    }
  }

  CompiledPolicy policy = compilePolicy(File, sources, diags, config);
  if (policy.ioError || !policy.model || diags.hasErrors())
    return setup.finish(policy.ioError);

  // Outputs never overwrite the policy's files, nor each other. A changed configuration
  // (profiles, -W flags, namespace) must regenerate the output, so the depfile names it too.
  std::vector<std::string> inputs = policy.compilation->getInputFiles().vec();
  if (overwritesInput(diags, Output, inputs))
    return setup.finish(/*ioError=*/true);
  if (config)
    inputs.push_back(config->path);
  std::string dependencies;
  if (!DepFile.empty()) {
    if (sameOutputTarget(DepFile, Output)) {
      diags.report(llvm::SMRange(), diag::err_depfile_is_output, DepFile);
      return setup.finish(/*ioError=*/true);
    }
    if (overwritesInput(diags, DepFile, inputs))
      return setup.finish(/*ioError=*/true);
    // `output: input...` with absolute paths, as Ninja and Make read it.
    std::string name;
    char bad = 0;
    llvm::StringRef unsafe;
    if (!makeFileName(Output, dependencies, bad))
      unsafe = Output;
    dependencies += ":";
    for (const std::string &input : inputs) {
      if (!unsafe.empty())
        break;
      if (!makeFileName(input, name, bad))
        unsafe = input;
      dependencies += " \\\n  " + name;
    }
    if (!unsafe.empty()) {
      diags.report(llvm::SMRange(), diag::err_depfile_unsafe_path, unsafe, describeCharacter(bad));
      return setup.finish(/*ioError=*/true);
    }
    dependencies += "\n";
  }

  // Opened before generating: an unwritable path fails at once, and the temporary files
  // exist (and are removed on a signal) while the output is generated.
  std::string openError;
  std::unique_ptr<OutputFile> output = OutputFile::open(Output, openError);
  std::unique_ptr<OutputFile> depfile;
  if (output && !DepFile.empty())
    depfile = OutputFile::open(DepFile, openError);
  if (!output || (!DepFile.empty() && !depfile)) {
    diags.report(llvm::SMRange(), diag::err_cannot_write_output, openError);
    return setup.finish(/*ioError=*/true);
  }

  gen::GeneratorOptions options;
  options.sourcePath = displayFileName(File);
  options.textFormat = textFormat;
  options.textCss = std::move(authorCss);
  options.textLayer = TextLayer;
  options.cppNamespace = cppNamespace;
  uint64_t bytesIn = inputBytes(sources);
  uint64_t bound = limits::kOutputAllowance + limits::kMaxOutputGrowth * bytesIn;
  if (MaxOutputBytes != 0 && MaxOutputBytes < bound)
    bound = MaxOutputBytes;
  std::string text;
  BoundedStringStream out(text, bound);
  gen::GeneratorContext context{*policy.model, sources, options, diags};
  bool generated = backend->generate(context, out);
  out.flush();
  if (out.overflowed()) {
    diags.report(llvm::SMRange(), diag::err_output_too_large, backend->name, bound, bytesIn);
    return setup.finish(false);
  }
  if (!generated || diags.hasErrors()) {
    diags.report(llvm::SMRange(), diag::err_output_not_written);
    return setup.finish(false);
  }
  WriteResult written = output->commit(text);
  if (written.outcome != WriteOutcome::Failed && depfile)
    written = depfile->commit(dependencies);
  if (written.outcome == WriteOutcome::Failed) {
    diags.report(llvm::SMRange(), diag::err_cannot_write_output, written.error);
    return setup.finish(/*ioError=*/true);
  }
  return setup.finish(false);
}

} // namespace policyc::driver
