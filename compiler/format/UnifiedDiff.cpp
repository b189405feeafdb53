#include "format/UnifiedDiff.h"

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace policyc::format {

namespace {
constexpr size_t kContext = 3;
/// Myers' algorithm keeps O(D^2) state for D edits; past this many, the differing region
/// is replaced whole.
constexpr int kMaxEdits = 2000;

enum class Op : uint8_t { Keep, Remove, Add };

struct Edit {
  Op op;
  size_t before; ///< line index in `before` (Keep, Remove)
  size_t after;  ///< line index in `after` (Keep, Add)
};

std::vector<llvm::StringRef> splitLines(llvm::StringRef text) {
  std::vector<llvm::StringRef> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    size_t length = end == llvm::StringRef::npos ? text.size() : end + 1;
    lines.push_back(text.take_front(length));
    text = text.drop_front(length);
  }
  return lines;
}

/// The shortest edit script from a[0..n) to b[0..m) (Myers 1986), or nothing when it needs
/// more than kMaxEdits edits.
std::optional<std::vector<Edit>> shortestEdits(llvm::ArrayRef<llvm::StringRef> a,
                                               llvm::ArrayRef<llvm::StringRef> b, size_t aBase,
                                               size_t bBase) {
  int n = static_cast<int>(a.size());
  int m = static_cast<int>(b.size());
  int limit = std::min(n + m, kMaxEdits);
  int offset = limit + 1;
  std::vector<int> v(2 * static_cast<size_t>(limit) + 3, 0);
  std::vector<std::vector<int>> trace;
  for (int d = 0; d <= limit; ++d) {
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) {
        ++x;
        ++y;
      }
      v[offset + k] = x;
      if (x < n || y < m)
        continue;
      // Walk back: trace[e] is V as step e found it (after step e - 1), over -e..e.
      std::vector<Edit> edits;
      int cx = n;
      int cy = m;
      for (int e = d; e > 0; --e) {
        const std::vector<int> &previous = trace[e];
        auto at = [&](int kk) { return previous[kk + e]; };
        int ck = cx - cy;
        bool down = ck == -e || (ck != e && at(ck - 1) < at(ck + 1));
        int pk = down ? ck + 1 : ck - 1;
        int px = at(pk);
        int py = px - pk;
        // The snake after the move, then the move itself (an added or a removed line).
        while (cx > px + (down ? 0 : 1) && cy > py + (down ? 1 : 0)) {
          --cx;
          --cy;
          edits.push_back({Op::Keep, aBase + cx, bBase + cy});
        }
        if (down) {
          --cy;
          edits.push_back({Op::Add, aBase + cx, bBase + cy});
        } else {
          --cx;
          edits.push_back({Op::Remove, aBase + cx, bBase + cy});
        }
      }
      while (cx > 0 && cy > 0) {
        --cx;
        --cy;
        edits.push_back({Op::Keep, aBase + cx, bBase + cy});
      }
      std::reverse(edits.begin(), edits.end());
      return edits;
    }
  }
  return std::nullopt;
}

void appendLine(std::string &out, char prefix, llvm::StringRef line) {
  out += prefix;
  out += line.str();
  if (!line.endswith("\n"))
    out += "\n\\ No newline at end of file\n";
}

std::string range(size_t start, size_t count) {
  // diff -u: the first line's number, and the count unless it is 1; an empty range names the
  // line before it.
  size_t first = count == 0 ? start : start + 1;
  if (count == 1)
    return std::to_string(first);
  return std::to_string(first) + "," + std::to_string(count);
}
} // namespace

std::string unifiedDiff(llvm::StringRef before, llvm::StringRef after, llvm::StringRef beforeName,
                        llvm::StringRef afterName) {
  if (before == after)
    return {};
  std::vector<llvm::StringRef> a = splitLines(before);
  std::vector<llvm::StringRef> b = splitLines(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
    ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;

  std::vector<Edit> edits;
  for (size_t i = 0; i < prefix; ++i)
    edits.push_back({Op::Keep, i, i});
  llvm::ArrayRef<llvm::StringRef> middleA =
      llvm::ArrayRef(a).slice(prefix, a.size() - prefix - suffix);
  llvm::ArrayRef<llvm::StringRef> middleB =
      llvm::ArrayRef(b).slice(prefix, b.size() - prefix - suffix);
  if (auto middle = shortestEdits(middleA, middleB, prefix, prefix)) {
    edits.insert(edits.end(), middle->begin(), middle->end());
  } else {
    for (size_t i = 0; i < middleA.size(); ++i)
      edits.push_back({Op::Remove, prefix + i, prefix});
    for (size_t i = 0; i < middleB.size(); ++i)
      edits.push_back({Op::Add, prefix + middleA.size(), prefix + i});
  }
  for (size_t i = 0; i < suffix; ++i)
    edits.push_back({Op::Keep, a.size() - suffix + i, b.size() - suffix + i});

  std::string out = "--- " + beforeName.str() + "\n+++ " + afterName.str() + "\n";
  size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == Op::Keep)
      ++i;
    if (i == edits.size())
      break;
    // A hunk: context before, then changes until more than 2 * kContext unchanged lines.
    size_t start = i >= kContext ? i - kContext : 0;
    size_t end = i;
    while (end < edits.size()) {
      size_t keep = end;
      while (keep < edits.size() && edits[keep].op == Op::Keep)
        ++keep;
      if (keep == edits.size() || keep - end > 2 * kContext) {
        end = std::min(edits.size(), end + kContext);
        break;
      }
      end = keep;
      while (end < edits.size() && edits[end].op != Op::Keep)
        ++end;
    }
    size_t beforeStart = edits[start].before;
    size_t afterStart = edits[start].after;
    size_t beforeCount = 0;
    size_t afterCount = 0;
    for (size_t j = start; j < end; ++j) {
      beforeCount += edits[j].op != Op::Add;
      afterCount += edits[j].op != Op::Remove;
    }
    out +=
        "@@ -" + range(beforeStart, beforeCount) + " +" + range(afterStart, afterCount) + " @@\n";
    for (size_t j = start; j < end; ++j) {
      const Edit &edit = edits[j];
      if (edit.op == Op::Keep)
        appendLine(out, ' ', a[edit.before]);
      else if (edit.op == Op::Remove)
        appendLine(out, '-', a[edit.before]);
      else
        appendLine(out, '+', b[edit.after]);
    }
    i = end;
  }
  return out;
}

} // namespace policyc::format
