// policyc diff OLD NEW: what a change to a policy changes in meaning (docs/diff.md). Either
// side is a file or `rev:path` (read from git, with the files it imports, at that revision).
// Output for people (text), pull requests (Markdown) or tools (JSON); --fail-on turns classes
// of change into exit code 1 for CI.
#include "driver/Commands.h"

#include "basic/SourceLocation.h"
#include "diff/PolicyDiff.h"
#include "frontend/Compilation.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace policyc::driver {

namespace {
enum class DiffFormat { Text, Markdown, Json };
enum class FailOn { None, Material, Any };

cl::opt<std::string> OldPolicy(cl::Positional, cl::Required, cl::value_desc("old"),
                               cl::desc("<old policy: FILE or REV:PATH>"), cl::sub(diffCommand()));
cl::opt<std::string> NewPolicy(cl::Positional, cl::Required, cl::value_desc("new"),
                               cl::desc("<new policy: FILE or REV:PATH>"), cl::sub(diffCommand()));

cl::opt<DiffFormat>
    Format("format", cl::init(DiffFormat::Text), cl::desc("How the differences are printed"),
           cl::values(clEnumValN(DiffFormat::Text, "text", "a report for people"),
                      clEnumValN(DiffFormat::Markdown, "markdown", "Markdown, for a PR comment"),
                      clEnumValN(DiffFormat::Json, "json", "one JSON document")),
           cl::sub(diffCommand()));

cl::opt<FailOn>
    FailOnOption("fail-on", cl::init(FailOn::None),
                 cl::desc("Exit with 1 when a change of this class is found (default none)"),
                 cl::values(clEnumValN(FailOn::None, "none", "exit 0 whatever changed"),
                            clEnumValN(FailOn::Material, "material", "exit 1 on a material change"),
                            clEnumValN(FailOn::Any, "any", "exit 1 on any change of meaning")),
                 cl::sub(diffCommand()));

constexpr uint64_t kMaxDiffCells = uint64_t{1} << 26;

/// One side of the comparison, loaded.
struct Side {
  std::string label;    ///< as given on the command line
  std::string path;     ///< the file read
  std::string tempRoot; ///< for rev:path, the folder the revision was unpacked into
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<model::PolicyModel> model;
};

bool run(llvm::ArrayRef<llvm::StringRef> args, llvm::StringRef outputFile = "") {
  auto git = llvm::sys::findProgramByName(args[0]);
  if (!git)
    return false;
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::None, outputFile, llvm::None};
  if (outputFile.empty())
    return llvm::sys::ExecuteAndWait(*git, args) == 0;
  return llvm::sys::ExecuteAndWait(*git, args, llvm::None, redirects) == 0;
}

/// Unpacks the revision's tree into a temporary folder, so that imports resolve as they did
/// at that revision. The path is relative to the top of the repository.
bool checkoutRevision(Side &side, llvm::StringRef revision, llvm::StringRef path) {
  llvm::SmallString<128> root;
  if (llvm::sys::fs::createUniqueDirectory("policyc-diff", root))
    return false;
  side.tempRoot = std::string(root);
  llvm::SmallString<128> top(root), tar(root);
  llvm::sys::path::append(top, "toplevel");
  llvm::sys::path::append(tar, "tree.tar");
  if (!run({"git", "rev-parse", "--show-toplevel"}, top))
    return false;
  auto topText = llvm::MemoryBuffer::getFile(top);
  if (!topText)
    return false;
  std::string repository = (*topText)->getBuffer().trim().str();
  if (!run({"git", "-C", repository, "archive", "--format=tar", "-o", tar, revision}) ||
      !run({"tar", "-xf", tar, "-C", root}))
    return false;
  llvm::SmallString<128> file(root);
  llvm::sys::path::append(file, path);
  side.path = std::string(file);
  return llvm::sys::fs::exists(file);
}

bool load(Side &side, llvm::SourceMgr &sources, DiagnosticEngine &diags) {
  side.path = side.label;
  if (!llvm::sys::fs::exists(side.label)) {
    auto [revision, path] = llvm::StringRef(side.label).split(':');
    if (!path.empty() && !revision.empty() && !checkoutRevision(side, revision, path)) {
      llvm::WithColor::error(llvm::errs(), "policyc")
          << "cannot read '" << path << "' at revision '" << revision << "' with git\n";
      return false;
    }
  }
  unsigned errorsBefore = diags.errorCount();
  side.compilation = std::make_unique<Compilation>(sources, diags);
  if (!side.compilation->loadRoot(side.path))
    return false;
  side.model = side.compilation->analyze();
  return side.model && diags.errorCount() == errorsBefore && !diags.stopped();
}

class Printer {
public:
  Printer(const diff::PolicyDiff &result, const llvm::SourceMgr &sources,
          const std::array<const Side *, 2> &sides)
      : result(result), sources(sources), sides(sides) {}

  /// "file:line", with a revision's temporary folder shown as the revision.
  std::string place(llvm::SMLoc loc) const {
    auto presumed = presumedLoc(sources, loc);
    if (!presumed)
      return "";
    std::string file = presumed->file.str();
    for (const Side *side : sides)
      if (!side->tempRoot.empty() && llvm::StringRef(file).startswith(side->tempRoot)) {
        llvm::StringRef revision = llvm::StringRef(side->label).split(':').first;
        file = revision.str() + ":" +
               llvm::StringRef(file).drop_front(side->tempRoot.size() + 1).str();
      }
    return file + ":" + std::to_string(presumed->line);
  }

  std::vector<std::string> places(const std::vector<const model::StatementInfo *> &list) const {
    std::vector<std::string> out;
    for (const model::StatementInfo *info : list)
      out.push_back(place(info->range.Start));
    return out;
  }

  static std::string requirement(const diff::ConsentRequirement &sets) {
    if (sets.empty())
      return "denied";
    if (sets.size() == 1 && sets.front().empty())
      return "allowed";
    std::string text = "allowed";
    for (size_t i = 0; i < sets.size(); ++i) {
      text += i == 0 ? " with " : " or with ";
      text += llvm::join(sets[i], " and ");
    }
    return text;
  }

  static std::string headline(const diff::DecisionChange &change) {
    std::string verb = ast::verbKeyword(change.verb).str();
    return verb + ": now " + requirement(change.after) + " (was " + requirement(change.before) +
           ")";
  }

  /// (label, names) per axis shown for the verb.
  static std::vector<std::pair<std::string, std::vector<std::string>>>
  axes(const diff::DecisionChange &change) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    auto add = [&](const char *label, unsigned axis) {
      if (!change.axes[axis].empty())
        out.emplace_back(label, change.axes[axis]);
    };
    add("categories", model::CategoryAxis);
    add("sources", model::SourceAxis);
    if (change.verb == diff::Verb::Use || change.verb == diff::Verb::Disclose)
      add("purposes", model::PurposeAxis);
    if (change.verb == diff::Verb::Disclose)
      add("recipients", model::RecipientAxis);
    if (change.verb == diff::Verb::Link)
      add("linked with", model::LinkedAxis);
    return out;
  }

  std::string noticeText() const {
    const model::Notice *notice = result.promisedNotice;
    if (!notice)
      return "the new version promises no notice of material changes";
    return "the new version promises `notify " + model::spelling(notice->notice).str() +
           (notice->lead ? " at least " + notice->lead->str() + " before" : std::string()) + "` (" +
           place(notice->info.range.Start) + ")";
  }

  size_t materialCount() const {
    size_t count = 0;
    for (const auto &change : result.decisions)
      count += change.material;
    for (const auto &change : result.others)
      count += change.material;
    return count;
  }

  void summary(llvm::raw_ostream &out) const {
    size_t total = result.decisions.size() + result.others.size();
    out << total << (total == 1 ? " change" : " changes") << ", " << materialCount() << " material";
  }

  void text(llvm::raw_ostream &out) const {
    out << "policyc diff " << sides[0]->label << " " << sides[1]->label << ": ";
    summary(out);
    out << "\n";
    if (!result.decisions.empty())
      out << "\nDecisions:\n";
    for (const diff::DecisionChange &change : result.decisions) {
      out << "  " << (change.material ? "[material] " : "") << headline(change) << "\n";
      for (const auto &[label, names] : axes(change))
        out << "    " << label << ": " << llvm::join(names, ", ") << "\n";
      out << "    old: " << statements(change.oldStatements)
          << "; new: " << statements(change.newStatements) << "\n";
    }
    if (!result.others.empty())
      out << "\nOther changes:\n";
    for (const diff::OtherChange &change : result.others)
      out << "  " << (change.material ? "[material] " : "") << diff::areaName(change.area) << ": "
          << change.summary << where(change) << "\n";
    if (materialCount())
      out << "\nNotice: " << noticeText() << "\n";
  }

  void markdown(llvm::raw_ostream &out) const {
    out << "### Policy diff: `" << sides[0]->label << "` → `" << sides[1]->label << "`\n\n";
    summary(out);
    out << ".\n";
    if (materialCount())
      out << "\n**Material changes**: " << noticeText() << ".\n";
    if (!result.decisions.empty())
      out << "\n#### Decisions\n\n";
    for (const diff::DecisionChange &change : result.decisions) {
      out << "- " << (change.material ? "**material** " : "") << headline(change) << "\n";
      for (const auto &[label, names] : axes(change)) {
        out << "  - " << label << ":";
        for (size_t i = 0; i < names.size(); ++i)
          out << (i ? ", `" : " `") << names[i] << "`";
        out << "\n";
      }
      out << "  - old: " << statements(change.oldStatements)
          << "; new: " << statements(change.newStatements) << "\n";
    }
    if (!result.others.empty())
      out << "\n#### Other changes\n\n";
    for (const diff::OtherChange &change : result.others)
      out << "- " << (change.material ? "**material** " : "") << diff::areaName(change.area) << ": "
          << change.summary << where(change) << "\n";
  }

  void json(llvm::raw_ostream &out) const {
    auto strings = [](const std::vector<std::string> &list) {
      llvm::json::Array array;
      for (const std::string &item : list)
        array.push_back(item);
      return array;
    };
    auto consents = [&](const diff::ConsentRequirement &sets) {
      llvm::json::Array array;
      for (const auto &set : sets)
        array.push_back(strings(set));
      return array;
    };
    llvm::json::Array decisions, others;
    for (const diff::DecisionChange &change : result.decisions) {
      llvm::json::Object object{{"verb", ast::verbKeyword(change.verb)},
                                {"change", diff::decisionChangeName(change.kind)},
                                {"material", change.material},
                                {"before", consents(change.before)},
                                {"after", consents(change.after)},
                                {"old", strings(places(change.oldStatements))},
                                {"new", strings(places(change.newStatements))}};
      for (const auto &[label, names] : axes(change))
        object[label == "linked with" ? "linked" : label] = strings(names);
      decisions.push_back(std::move(object));
    }
    for (const diff::OtherChange &change : result.others) {
      llvm::json::Object object{{"area", diff::areaName(change.area)},
                                {"material", change.material},
                                {"summary", change.summary}};
      if (change.oldLoc.isValid())
        object["old"] = place(change.oldLoc);
      if (change.newLoc.isValid())
        object["new"] = place(change.newLoc);
      others.push_back(std::move(object));
    }
    llvm::json::Object notice{{"promised", result.promisedNotice != nullptr}};
    if (const model::Notice *promised = result.promisedNotice) {
      notice["kind"] = model::spelling(promised->notice);
      if (promised->lead)
        notice["lead"] = promised->lead->str();
      notice["at"] = place(promised->info.range.Start);
    }
    llvm::json::Object root{{"old", sides[0]->label},
                            {"new", sides[1]->label},
                            {"changes", int64_t(result.decisions.size() + result.others.size())},
                            {"material", int64_t(materialCount())},
                            {"decisions", std::move(decisions)},
                            {"others", std::move(others)},
                            {"notice", std::move(notice)}};
    out << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
  }

private:
  std::string statements(const std::vector<const model::StatementInfo *> &list) const {
    return list.empty() ? "no statement (default deny)" : llvm::join(places(list), ", ");
  }

  std::string where(const diff::OtherChange &change) const {
    std::vector<std::string> at;
    if (change.oldLoc.isValid())
      at.push_back("old " + place(change.oldLoc));
    if (change.newLoc.isValid())
      at.push_back("new " + place(change.newLoc));
    return at.empty() ? "" : " (" + llvm::join(at, ", ") + ")";
  }

  const diff::PolicyDiff &result;
  const llvm::SourceMgr &sources;
  std::array<const Side *, 2> sides;
};
} // namespace

int runDiff() {
  llvm::SourceMgr sources;
  DiagnosticSetup setup;
  if (!setup.initialize(sources, false))
    return ExitUsage;
  DiagnosticEngine &diags = setup.engine();
  Side oldSide, newSide;
  oldSide.label = OldPolicy;
  newSide.label = NewPolicy;
  bool loaded = load(oldSide, sources, diags) && load(newSide, sources, diags);
  int status = ExitUsage;
  if (loaded) {
    diff::DiffTooLarge tooLarge;
    std::optional<diff::PolicyDiff> result =
        diff::diffPolicies(*oldSide.model, *newSide.model, kMaxDiffCells, tooLarge);
    if (!result) {
      llvm::WithColor::error(llvm::errs(), "policyc")
          << "the policies are too large to compare: " << tooLarge.cells << " " << tooLarge.what
          << " entries, more than the limit of " << tooLarge.limit << "\n";
    } else {
      Printer printer(*result, sources, {&oldSide, &newSide});
      switch (Format) {
      case DiffFormat::Text:
        printer.text(llvm::outs());
        break;
      case DiffFormat::Markdown:
        printer.markdown(llvm::outs());
        break;
      case DiffFormat::Json:
        printer.json(llvm::outs());
        break;
      }
      bool fail = (FailOnOption == FailOn::Any && result->anyChange()) ||
                  (FailOnOption == FailOn::Material && result->anyMaterial());
      status = fail ? ExitFindings : ExitClean;
    }
  }
  int diagnosticStatus = setup.finish(!loaded);
  for (const Side *side : {&oldSide, &newSide})
    if (!side->tempRoot.empty())
      llvm::sys::fs::remove_directories(side->tempRoot);
  return diagnosticStatus == ExitUsage || !loaded ? ExitUsage : status;
}

} // namespace policyc::driver
