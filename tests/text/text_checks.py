#!/usr/bin/env python3
"""End-to-end checks of `policyc gen text` (run by ctest, see CMakeLists.txt here).

  compare   output equals a checked-in file, and two runs give the same bytes
  html      the HTML parses as well-formed HTML5, links resolve, no script, and every
            statement id of the policy (from `policyc gen json`) is cited
  escaping  text from the policy shows as text: no element, attribute or comment comes from it
  refuse    nothing is written for a policy with errors; a bad --format is a usage error
  incomplete  a header without controller, date or contact gets warn_text_incomplete
            (-Wtext-incomplete); under -Werror nothing is written
  markdown  GitHub's own renderer (cmark-gfm) turns the Markdown into well-formed HTML with the
            same headings, paragraphs and list items as the HTML output, comments hidden and
            no markup from the policy
"""
import argparse
import difflib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


def run(policyc, args, cwd):
    return subprocess.run([policyc] + args, cwd=cwd, capture_output=True)


def generate(policyc, cwd, policy, fmt, layer="full"):
    result = run(policyc, ["gen", "text", policy, "--format=" + fmt, "--layer=" + layer], cwd)
    if result.returncode != 0:
        sys.exit("policyc gen text %s --format=%s failed (%d):\n%s"
                 % (policy, fmt, result.returncode, result.stderr.decode(errors="replace")))
    return result.stdout


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def compare(options):
    if not os.path.exists(os.path.join(options.cwd, options.policy)):
        print("FAIL: %s does not exist" % options.policy)
        sys.exit(1)
    first = generate(options.policyc, options.cwd, options.policy, options.format, options.layer)
    second = generate(options.policyc, options.cwd, options.policy, options.format, options.layer)
    if first != second:
        fail("two runs of gen text gave different bytes: the output is not deterministic")
    expected = b""
    if os.path.exists(options.expected):
        with open(options.expected, "rb") as handle:
            expected = handle.read()
    if first == expected:
        print("OK: %s is current" % options.expected)
        return
    diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                first.decode(errors="replace").splitlines(),
                                options.expected, "generated", lineterm="", n=1)
    print("\n".join(list(diff)[:80]))
    fail("%s is out of date; if the new text is right, regenerate it with:\n  %s"
         % (options.expected, options.regenerate))


class Checker(html.parser.HTMLParser):
    """Well-formedness beyond what html.parser enforces: every element closed in order, void
    elements never closed, unique ids; collects what the checks below need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = []
        self.hrefs = []
        self.statements = set()
        self.sections = []  # (id, data-section) of every <section>
        self.elements = []
        self.text = []
        self.title = None
        self.headings = []
        self.comments = []
        self.doctype = None
        self._capture = None

    def error_at(self, message):
        line, column = self.getpos()
        self.errors.append("%d:%d: %s" % (line, column, message))

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.error_at("duplicate attribute on <%s>" % tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.error_at("event handler attribute %s" % name)
            if name == "id":
                self.ids.append(value)
            if name == "href":
                self.hrefs.append(value)
            if name == "data-statements":
                for word in (value or "").split():
                    if not word.isdigit():
                        self.error_at("data-statements holds %r" % word)
                    self.statements.add(int(word))
        if tag == "section":
            values = dict(attrs)
            self.sections.append((values.get("id"), values.get("data-section")))
        if tag in VOID_ELEMENTS:
            return
        self.stack.append(tag)
        if tag in ("title", "h1", "h2", "h3"):
            self._capture = (tag, [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.error_at("self-closing <%s/> is not HTML5" % tag)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            self.error_at("end tag for void element </%s>" % tag)
            return
        if not self.stack or self.stack[-1] != tag:
            self.error_at("</%s> does not close the open element %s" % (tag, self.stack[-1:]))
            return
        self.stack.pop()
        if self._capture and self._capture[0] == tag:
            text = "".join(self._capture[1])
            if tag == "title":
                self.title = text
            else:
                self.headings.append((tag, text))
            self._capture = None

    def handle_data(self, data):
        self.text.append(data)
        if self._capture:
            self._capture[1].append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def parse(document):
    checker = Checker()
    checker.feed(document)
    checker.close()
    if checker.stack:
        checker.errors.append("unclosed elements at the end: %s" % checker.stack)
    return checker


def statement_ids(policyc, cwd, policy):
    result = run(policyc, ["gen", "json", policy], cwd)
    if result.returncode != 0:
        sys.exit("policyc gen json failed:\n" + result.stderr.decode(errors="replace"))
    model = json.loads(result.stdout)
    ids = set()
    for kind in ("rules", "retentions", "rights", "notices", "protections", "notes"):
        ids.update(entry["id"] for entry in model[kind])
    return ids, model


def check_html(options):
    raw = generate(options.policyc, options.cwd, options.policy, "html", options.layer)
    document = raw.decode("utf-8")  # must be valid UTF-8
    if not document.startswith("<!DOCTYPE html>\n<html lang=\"en\">"):
        fail("the document does not start with the HTML5 doctype and <html lang>")
    checker = parse(document)
    problems = list(checker.errors)
    ids, model = statement_ids(options.policyc, options.cwd, options.policy)
    if not ids:
        problems.append("the policy has no statements; the check would prove nothing")
    missing = sorted(ids - checker.statements)
    if missing:
        problems.append("statement ids never cited in data-statements: %s" % missing)
    unknown = sorted(checker.statements - ids)
    if unknown:
        problems.append("data-statements cites ids the policy does not have: %s" % unknown)
    duplicates = sorted({i for i in checker.ids if checker.ids.count(i) > 1})
    if duplicates:
        problems.append("duplicate ids: %s" % duplicates)
    for href in checker.hrefs:
        if href.startswith("#") and href[1:] not in checker.ids:
            problems.append("link %s has no target" % href)
    # The stable anchors (docs/text-generation.md, "Anchors").
    anchored = {int(i[2:]) for i in checker.ids if re.fullmatch(r"s-[0-9]+", i or "")}
    if sorted(ids - anchored):
        problems.append("statements without an anchor s-N: %s" % sorted(ids - anchored))
    if not checker.sections:
        problems.append("no <section>")
    for section_id, name in checker.sections:
        if section_id != name or not re.fullmatch(r"[a-z_]+", section_id or ""):
            problems.append("section id %r is not its note section %r" % (section_id, name))
    for landmark in ("header", "nav", "main", "footer"):
        if checker.elements.count(landmark) != 1:
            problems.append("expected one <%s>, found %d" % (landmark,
                                                             checker.elements.count(landmark)))
    if "script" in checker.elements:
        problems.append("the document has a <script> element")
    if checker.elements.count("style") != 1:
        problems.append("expected one inline <style>")
    if "link" in checker.elements or "img" in checker.elements:
        problems.append("the document is not standalone (<link> or <img>)")
    title = (model.get("policy") or {}).get("title") or "Privacy Policy"
    if checker.title != title:
        problems.append("<title> is %r, expected %r" % (checker.title, title))
    h1 = [text for tag, text in checker.headings if tag == "h1"]
    if h1 != [title]:
        problems.append("expected one <h1> with the title, found %r" % h1)
    h2 = [text for tag, text in checker.headings if tag == "h2"]
    for heading in ("Contents", "How do I contact you?"):
        if model.get("policy", {}).get("contacts") or heading == "Contents":
            if heading not in h2:
                problems.append("section heading %r is missing" % heading)
    if problems:
        fail("%s:\n  %s" % (options.policy, "\n  ".join(problems)))
    print("OK: %s is well-formed HTML5; %d statement ids cited, %d sections"
          % (options.policy, len(ids), len(h2)))


HOSTILE = "<script>alert(1)</script>"


def check_escaping(options):
    html_out = generate(options.policyc, options.cwd, options.policy, "html").decode("utf-8")
    md_out = generate(options.policyc, options.cwd, options.policy, "md").decode("utf-8")
    checker = parse(html_out)
    problems = list(checker.errors)
    if "script" in checker.elements or "b" in checker.elements:
        problems.append("markup from the policy became elements: %s" % sorted(set(checker.elements)))
    text = "".join(checker.text)
    for needle in (HOSTILE, "<b>bold</b>", "\"quoted\" & 'single'", "--> not closed"):
        if needle not in text:
            problems.append("the text %r does not show verbatim in the HTML" % needle)
    for comment in checker.comments:
        if "alert" in comment or "<" in comment:
            problems.append("policy text leaked into a comment: %r" % comment)
    problems += check_links("HTML", checker.hrefs)
    # Markdown: the hostile string must be escaped, never raw HTML.
    if HOSTILE in md_out or "<b>" in md_out:
        problems.append("raw HTML from the policy in the Markdown output")
    if "&lt;script&gt;alert(1)&lt;/script&gt;" not in md_out:
        problems.append("the Markdown does not escape the <script> text")
    cmark = shutil.which("cmark-gfm")
    if cmark:
        # Without GitHub's autolink extension: our autolinks must work in any CommonMark viewer.
        rendered = subprocess.run([cmark, "-e", "table"], input=md_out.encode(),
                                  capture_output=True, check=True).stdout.decode()
        problems += check_links("Markdown (CommonMark)", parse(rendered).hrefs)
    else:
        problems.append("cmark-gfm is not installed (scripts/setup test installs it)")
    if problems:
        fail("\n  ".join(problems))
    print("OK: every text from the policy is escaped in HTML and Markdown; only https and "
          "mailto links to the policy's addresses")


# hostile.policy's addresses: these must become links, and nothing else may.
SAFE_LINKS = {"mailto:privacy@example.com", "https://example.com/privacy?a=1",
              "http://example.org/opt-out"}


def check_links(where, hrefs):
    problems = []
    external = {href for href in hrefs if not href.startswith("#")}
    for href in sorted(external - SAFE_LINKS):
        problems.append("%s: a link to %r" % (where, href))
    for href in sorted(SAFE_LINKS - external):
        problems.append("%s: %r is not a link" % (where, href))
    return problems


def check_css(options):
    """--css: the author's CSS after ours, unable to close <style>; errors write nothing."""
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "out.html")
        css = os.path.join(directory, "site.css")
        with open(css, "w", encoding="utf-8") as handle:
            handle.write("body { color: #123456; }\n/* </style><script>alert(1)</script> */\n")
        result = run(options.policyc, ["gen", "text", options.policy, "--format=html",
                                       "--css", css, "-o", out], options.cwd)
        if result.returncode != 0:
            fail("--css exited %d:\n%s" % (result.returncode, result.stderr.decode()))
        with open(out, encoding="utf-8") as handle:
            document = handle.read()
        checker = parse(document)
        problems = list(checker.errors)
        if "script" in checker.elements or checker.elements.count("style") != 1:
            problems.append("the CSS broke out of <style>: %s" % sorted(set(checker.elements)))
        style = document[document.index("<style>"):document.index("</style>")]
        ours = style.find("@media print")
        theirs = style.find("body { color: #123456; }")
        if ours < 0 or theirs < ours:
            problems.append("the author's CSS is not embedded after ours")
        if "\\3C /style>" not in style:
            problems.append("the author's `<` is not written as \\3C ")
        os.remove(out)
        for args, expected, message in (
                (["--css", os.path.join(directory, "missing.css")], 2, b"cannot open"),
                (["--css", directory], 2, b"cannot open"),
                # Read as a policy file is: an endless stream stops at the size limit.
                (["--css", "/dev/zero"], 2, b"holds more than"),
                (["--css", css, "--format=md"], 2, b"--css applies to"),
        ):
            arguments = ["gen", "text", options.policy, "-o", out] + args
            if "--format=md" not in args:
                arguments.append("--format=html")
            result = run(options.policyc, arguments, options.cwd)
            if result.returncode != expected or os.path.exists(out):
                problems.append("%s exited %d (expected %d) or wrote output"
                                % (" ".join(args), result.returncode, expected))
            if message not in result.stderr:
                problems.append("%s: no clear message: %s" % (" ".join(args),
                                                              result.stderr.decode()))
    if problems:
        fail("\n  ".join(problems))
    print("OK: --css embedded after the built-in style, escaped; unreadable file exits 2")


def check_refuse(options):
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "out.html")
        result = run(options.policyc, ["gen", "text", options.policy, "--format=html", "-o", out],
                     options.cwd)
        if result.returncode != 1:
            fail("gen text on a policy with errors exited %d, expected 1" % result.returncode)
        if os.path.exists(out):
            fail("gen text wrote %s for a policy with errors" % out)
        if b"error:" not in result.stderr:
            fail("gen text did not say what is wrong:\n%s" % result.stderr.decode())
        result = run(options.policyc,
                     ["gen", "text", options.good, "--format=pdf", "-o", out], options.cwd)
        if result.returncode != 2 or os.path.exists(out):
            fail("--format=pdf exited %d (expected 2) or wrote output" % result.returncode)
        if b"unknown text format 'pdf'" not in result.stderr:
            fail("--format=pdf gave no clear message:\n%s" % result.stderr.decode())
    print("OK: nothing written on errors; bad --format is a usage error")


def check_incomplete(options):
    """warn_text_incomplete: only `policyc gen text` produces it (listed in
    tests/unit/frontend/DiagnosticCoverageExemptions.txt)."""
    result = run(options.policyc, ["gen", "text", options.policy], options.cwd)
    stderr = result.stderr.decode(errors="replace")
    if result.returncode != 0 or not result.stdout:
        fail("gen text must still write the text, with warnings (exit %d)" % result.returncode)
    for part in ("no controller", "no 'Last updated' date", "no way to contact the controller"):
        if "the policy text has %s" % part not in stderr or "[-Wtext-incomplete]" not in stderr:
            fail("warn_text_incomplete for %r missing:\n%s" % (part, stderr))
    complete = run(options.policyc, ["gen", "text", options.good], options.cwd)
    if b"text-incomplete" in complete.stderr:
        fail("warn_text_incomplete for a complete header:\n%s" % complete.stderr.decode())
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "out.md")
        strict = run(options.policyc, ["gen", "text", options.policy, "-Werror", "-o", out],
                     options.cwd)
        if strict.returncode != 1 or os.path.exists(out):
            fail("under -Werror the warning must stop the output (exit %d)" % strict.returncode)
    print("OK: warn_text_incomplete for each missing header field; -Werror writes nothing")


class Blocks(html.parser.HTMLParser):
    """The text of every heading, paragraph and list item outside tables, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.elements = []
        self._open = []
        self._table = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag == "table":
            self._table += 1
        if tag in ("h1", "h2", "h3", "p", "li") and not self._table:
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if tag == "table":
            self._table -= 1
        if self._open and self._open[-1][0] == tag:
            name, text = self._open.pop()
            self.blocks.append((name, " ".join(text.split())))

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


def blocks_of(document):
    parser = Blocks()
    parser.feed(document)
    parser.close()
    return parser


def check_markdown(options):
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        print("FAIL: cmark-gfm is not installed (scripts/setup test installs it)")
        sys.exit(1)
    markdown = generate(options.policyc, options.cwd, options.policy, "md", options.layer)
    rendered = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "autolink"],
                              input=markdown, capture_output=True, check=True).stdout.decode()
    html_out = generate(options.policyc, options.cwd, options.policy, "html",
                        options.layer).decode()
    problems = list(parse(rendered).errors)
    for leaked in re.findall(r"&lt;!-- (?:statement|declared|Generated)", rendered):
        problems.append("a comment of ours shows as text: %r" % leaked)
    from_markdown = blocks_of(rendered)
    from_html = blocks_of(html_out)
    for tag in ("script", "img", "b", "iframe"):
        if tag in from_markdown.elements:
            problems.append("<%s> in the rendered Markdown" % tag)
    if from_markdown.elements.count("table") != from_html.elements.count("table"):
        problems.append("%d tables rendered from Markdown, %d in the HTML"
                        % (from_markdown.elements.count("table"), from_html.elements.count("table")))
    # The HTML header says "Last updated" in a <p> with a <time>; the text is the same.
    if from_markdown.blocks != from_html.blocks:
        diff = difflib.unified_diff(["%s: %s" % block for block in from_html.blocks],
                                    ["%s: %s" % block for block in from_markdown.blocks],
                                    "html", "markdown rendered by cmark-gfm", lineterm="", n=0)
        problems.append("the two formats differ:\n" + "\n".join(list(diff)[:40]))
    if problems:
        fail("%s:\n  %s" % (options.policy, "\n  ".join(problems)))
    print("OK: %s renders with cmark-gfm to the same %d headings, paragraphs and items as the HTML"
          % (options.policy, len(from_markdown.blocks)))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["compare", "html", "escaping", "refuse", "incomplete",
                                          "markdown", "css"])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--cwd", required=True, help="run policyc here (paths in the output)")
    parser.add_argument("--policy", required=True, help="relative to --cwd")
    parser.add_argument("--format", choices=["md", "html"], default="md")
    parser.add_argument("--expected", help="compare: the checked-in output")
    parser.add_argument("--regenerate", help="compare: the command that updates --expected")
    parser.add_argument("--good", help="refuse, incomplete: a policy without problems")
    parser.add_argument("--layer", choices=["full", "short", "both"], default="full",
                        help="compare, html, markdown: the layer of the text (--layer)")
    options = parser.parse_args()
    {"compare": compare, "html": check_html, "escaping": check_escaping,
     "refuse": check_refuse, "incomplete": check_incomplete,
     "markdown": check_markdown, "css": check_css}[options.check](options)


if __name__ == "__main__":
    main()
