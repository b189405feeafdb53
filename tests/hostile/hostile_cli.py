#!/usr/bin/env python3
"""Hostile input through the `policyc` command line (run by ctest, see CMakeLists.txt here).

  descriptions  text that breaks out of C++ literals and comments, HTML and Markdown: the
                generated header compiles warning-free and a program built on it reads back
                every name and description exactly and decides every use as `policyc query`;
                the HTML shows the text as text (no element, handler or javascript: URL)
  line-ends     CRLF, CR and a byte order mark give the same outputs as LF
  long-line     a valid 1 MB policy on one line: checked and generated, the header compiles
  long-name     a 100,000-character name: the header compiles and agrees with `policyc query`
  imports       an import of a folder, of a missing file, of itself, of a device: an error,
                nothing written, a previous output left as it was
  outputs       reruns are byte-identical and leave an unchanged file alone (mtime kept);
                errors leave the previous output; unwritable outputs are I/O errors (exit 2)
"""
import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ALLOWED_ELEMENTS = {"a", "article", "body", "div", "h1", "h2", "h3", "head", "header", "html",
                    "li", "meta", "nav", "ol", "p", "section", "strong", "style", "table",
                    "tbody", "td", "th", "thead", "time", "title", "tr", "ul"}
KINDS = ["Category", "Source", "Purpose", "Recipient", "Consent", "Event"]
JSON_KINDS = ["categories", "sources", "purposes", "recipients", "consents", "events"]


class Failure(Exception):
    pass


def fail(message):
    raise Failure(message)


def run(options, args, cwd, expect=0, stdin=None):
    started = time.monotonic()
    result = subprocess.run([options.policyc] + args, cwd=cwd, capture_output=True,
                            stdin=stdin if stdin is not None else subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    if expect is not None and result.returncode != expect:
        fail("policyc %s: exit %d, expected %d\n%s" % (" ".join(a[:80] for a in args),
                                                      result.returncode, expect,
                                                      result.stderr.decode(errors="replace")[:4000]))
    return result, elapsed


def compile_and_run(options, work, header_dir, source, name):
    path = os.path.join(work, name + ".cpp")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(source)
    binary = os.path.join(work, name)
    command = [options.cxx, "-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O0",
               "-I", options.runtime_include, "-I", header_dir, path, "-o", binary]
    result = subprocess.run(command, capture_output=True)
    if result.returncode != 0:
        fail("the generated header does not compile:\n%s"
             % result.stderr.decode(errors="replace")[:6000])
    result = subprocess.run([binary], capture_output=True)
    if result.returncode != 0:
        fail("%s failed (%d):\n%s" % (name, result.returncode, result.stderr.decode()[:4000]))
    return result.stdout.decode("utf-8")


READER = r"""
#include "%(header)s"
#include <cstdio>
#include <string_view>

namespace {
void print(std::string_view text) {
  // One JSON string per line, so that Python reads every byte back exactly.
  std::putchar('"');
  for (unsigned char c : text) {
    if (c == '"' || c == '\\')
      std::printf("\\%%c", c);
    else if (c < 0x20)
      std::printf("\\u%%04x", c);
    else
      std::putchar(c);
  }
  std::printf("\"\n");
}
template <typename E> void names(std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    print(%(ns)s::to_string(static_cast<E>(i)));
    print(%(ns)s::description(static_cast<E>(i)));
    if (%(ns)s::from_string<E>(%(ns)s::to_string(static_cast<E>(i))) != static_cast<E>(i))
      std::printf("\"from_string does not invert to_string\"\n");
  }
}
} // namespace

int main() {
  using namespace %(ns)s;
  print(kTitle);
  print(kController);
  names<Category>(kCategoryCount);
  names<Source>(kSourceCount);
  names<Purpose>(kPurposeCount);
  names<Recipient>(kRecipientCount);
  names<Consent>(kConsentCount);
  names<Event>(kEventCount);
  // Every use by us: category, source, purpose, with the default consents.
  for (std::size_t c = 0; c < kCategoryCount; ++c)
    for (std::size_t s = 0; s < kSourceCount; ++s)
      for (std::size_t p = 0; p < kPurposeCount; ++p) {
        auto decision = may_use(static_cast<Category>(c), static_cast<Source>(s),
                                static_cast<Purpose>(p), default_consents());
        std::printf("use %%zu %%zu %%zu %%s\n", c, s, p, decision.allowed ? "allowed" : "denied");
      }
  return 0;
}
"""


def generated_program(options, work, policy_dir, policy, namespace):
    """Generates the header of `policy` and runs READER over it: (strings, decisions)."""
    header = os.path.join(work, namespace + ".h")
    run(options, ["gen", "cpp", policy, "--namespace", namespace, "-o", header], policy_dir)
    output = compile_and_run(options, work, work,
                             READER % {"header": namespace + ".h", "ns": namespace},
                             "reader_" + namespace)
    strings, decisions = [], {}
    # Only "\n" ends a line here: descriptions hold U+2028 and other characters that
    # str.splitlines() would also split at.
    for line in output.split("\n")[:-1]:
        if line.startswith("use "):
            _, c, s, p, verdict = line.split(" ")
            decisions[(int(c), int(s), int(p))] = verdict
        else:
            strings.append(json.loads(line))
    return strings, decisions


def expected_strings(model):
    """What READER prints, from the JSON IR: title, controller, then (path, description) of
    every node of every vocabulary in the generated order (DFS, as the IR lists them)."""
    policy = model.get("policy") or {}
    strings = [policy.get("title", ""), policy.get("controller", "")]
    paths = {}
    for kind in JSON_KINDS:
        paths[kind] = []
        for entry in model[kind]:
            path = entry.get("path", entry.get("name"))
            paths[kind].append(path)
            strings += [path, entry.get("description", "")]
    return strings, paths


def query(options, policy_dir, policy, category, source, purpose):
    args = ["query", policy, "--category", category, "--source", source, "--purpose", purpose]
    if sum(len(arg) for arg in args) > 64 * 1024:
        # Linux caps one argument at 128 kB: long names go through a response file, as
        # users of such names would call policyc.
        response = os.path.join(policy_dir, "query.rsp")
        with open(response, "w") as handle:
            handle.write("\n".join(args) + "\n")
        args = ["@" + response]
    result, _ = run(options, args, policy_dir)
    for line in result.stdout.decode().splitlines():
        if line.startswith("decision: "):
            return line[len("decision: "):]
    fail("policyc query printed no decision:\n" + result.stdout.decode())


def compare_meaning(options, work, policy_dir, policy, namespace, every=1):
    """The header against the JSON IR (names, descriptions) and `policyc query` (uses)."""
    result, _ = run(options, ["gen", "json", policy], policy_dir)
    model = json.loads(result.stdout)
    strings, decisions = generated_program(options, work, policy_dir, policy, namespace)
    expected, paths = expected_strings(model)
    if strings != expected:
        for index, (got, want) in enumerate(zip(strings, expected)):
            if got != want:
                fail("string %d of the header is %r, the policy says %r" % (index, got, want))
        fail("the header has %d names and descriptions, the policy %d"
             % (len(strings), len(expected)))
    checked = 0
    for index, ((c, s, p), verdict) in enumerate(sorted(decisions.items())):
        if index % every:
            continue
        answer = query(options, policy_dir, policy, paths["categories"][c],
                       paths["sources"][s], paths["purposes"][p])
        if answer != verdict:
            fail("use of %s from %s for %s: the header says %s, policyc query says %s"
                 % (paths["categories"][c], paths["sources"][s], paths["purposes"][p],
                    verdict, answer))
        checked += 1
    return len(strings), checked


class Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_ELEMENTS:
            self.problems.append("element <%s> that the renderer does not emit" % tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler attribute %s on <%s>" % (name, tag))
            cleaned = "".join(ch for ch in (value or "") if ch > " ").lower()
            if name in ("href", "src") and cleaned.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append("%s=%r on <%s>" % (name, value, tag))

    def handle_data(self, data):
        self.text.append(data)


def check_descriptions(options, work):
    policy_dir, policy = os.path.split(options.policy)
    run(options, ["check", policy], policy_dir)
    names, queries = compare_meaning(options, work, policy_dir, policy, "hostile")
    result, _ = run(options, ["gen", "text", "--format=html", policy], policy_dir)
    document = result.stdout.decode("utf-8")
    parser = Elements()
    parser.feed(document)
    parser.close()
    text = " ".join("".join(parser.text).split())
    for needle in ('<script>alert("x")</script>', "<img src=x onerror=alert(1)>",
                   "javascript:alert(1)", "{{title}}"):
        if needle not in text:
            parser.problems.append("%r does not show as text in the HTML" % needle)
    if any(ch in document for ch in "\x1b\x07\x7f\x85"):
        parser.problems.append("a control character reached the HTML")
    if parser.problems:
        fail("HTML:\n  " + "\n  ".join(parser.problems))
    markdown, _ = run(options, ["gen", "text", "--format=md", policy], policy_dir)
    markdown = markdown.stdout.decode("utf-8")
    for raw in ("<script", "<img", "\x1b"):
        if raw in markdown:
            fail("raw %r in the Markdown" % raw)
    print("OK: %d names and descriptions read back from the compiled header, %d uses agree "
          "with policyc query, the HTML and Markdown escape the text" % (names, queries))


def check_line_ends(options, work):
    with open(options.policy, "rb") as handle:
        lf = handle.read()
    variants = {"lf": lf, "crlf-bom": b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"),
                "cr": lf.replace(b"\n", b"\r"), "mixed": lf.replace(b";\n", b";\r\n", 7)}
    outputs = {}
    for name, data in variants.items():
        folder = os.path.join(work, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "policy.policy"), "wb") as handle:
            handle.write(data)
        run(options, ["check", "policy.policy"], folder)
        generated = []
        for args in (["json"], ["cpp"], ["cedar"], ["text", "--format=md"], ["text", "--format=html"]):
            result, _ = run(options, ["gen"] + args + ["policy.policy"], folder)
            generated.append(result.stdout)
        outputs[name] = generated
    for name, generated in outputs.items():
        if generated != outputs["lf"]:
            fail("%s line ends give other outputs than LF" % name)
    print("OK: %s give the same five outputs" % ", ".join(sorted(variants)))


def one_line_policy():
    parts = ['policy "One line" { controller "Acme"; effective 2024-01-01; }',
             "category c {" + "".join(" x%d;" % i for i in range(200)) + " }",
             "source website { form; app; }", "purpose p basis contract { a; b; c; }",
             "recipient carriers processor;", "event closed;"]
    for i in range(200):
        parts.append("use c.x%d from website.form for p.a;" % i)
        parts.append("use c.x%d from website.app for p.b;" % i)
    parts += ["disclose c to carriers for p.c;", "retain c until closed;"]
    text = " ".join(parts)
    note = ' note security "A sentence that is one of very many on one line.";'
    text += note * ((1_000_000 - len(text)) // len(note) + 1)
    return text.encode()


def check_long_line(options, work):
    data = one_line_policy()
    assert b"\n" not in data and len(data) >= 1_000_000
    with open(os.path.join(work, "line.policy"), "wb") as handle:
        handle.write(data)
    _, elapsed = run(options, ["check", "line.policy"], work)
    run(options, ["gen", "cpp", "line.policy", "-o", "line.h"], work)
    compile_and_run(options, work, work, '#include "line.h"\nint main() {\n'
                    "  return line::may_use(line::Category::c_x7, line::Source::website_form,\n"
                    "                       line::Purpose::p_a, line::default_consents())\n"
                    "                 .allowed ? 0 : 1;\n}\n", "line_main")
    for args in (["json"], ["text", "--format=md"], ["text", "--format=html"]):
        result, _ = run(options, ["gen"] + args + ["line.policy"], work)
        if len(result.stdout) == 0:
            fail("gen %s wrote nothing" % " ".join(args))
    # A broken statement at the end of the line: the diagnostic shows a window of the line.
    with open(os.path.join(work, "broken.policy"), "wb") as handle:
        handle.write(data + b" use c.nothing for p;")
    result, _ = run(options, ["check", "broken.policy"], work, expect=1)
    if len(result.stderr) > 4000 or b"broken.policy:1:" not in result.stderr:
        fail("the diagnostic on a 1 MB line is %d bytes:\n%s"
             % (len(result.stderr), result.stderr[:2000].decode(errors="replace")))
    print("OK: %d bytes on one line: checked in %.2f s, generated, the header compiles, "
          "a diagnostic in it is %d bytes" % (len(data), elapsed, len(result.stderr)))


def check_long_name(options, work):
    name = "n" + "a" * 99_999
    policy = ('policy "Long" { controller "Acme"; effective 2024-01-01; }\n'
              'category %s "a long name" { %s; short; }\n'
              "source website;\npurpose p basis contract;\nevent closed;\n"
              "collect %s.%s from website for p;\nretain %s until closed;\n"
              % (name, name, name, name, name))
    with open(os.path.join(work, "long.policy"), "w") as handle:
        handle.write(policy)
    run(options, ["check", "long.policy"], work)
    names, queries = compare_meaning(options, work, work, "long.policy", "longname")
    # A typo of it: a bounded error, not a 100 kB suggestion.
    typo = name[:50_000] + "b" + name[50_001:]
    with open(os.path.join(work, "typo.policy"), "w") as handle:
        handle.write(policy + "use %s for p;\n" % typo)
    result, _ = run(options, ["check", "typo.policy"], work, expect=1)
    if b"undeclared" not in result.stderr and b"unknown" not in result.stderr:
        fail("no error for the misspelt long name:\n" + result.stderr[:2000].decode())
    print("OK: a 100,000-character name: %d names read back, %d uses agree with policyc query"
          % (names, queries))


def write(path, data):
    with open(path, "wb") as handle:
        handle.write(data)


def snapshot(path):
    with open(path, "rb") as handle:
        data = handle.read()
    return data, os.stat(path).st_mtime_ns


def backdate(path):
    past = time.time() - 3600
    os.utime(path, (past, past))


def check_imports(options, work):
    good = b'category a;\nsource s;\npurpose p basis contract;\ncollect a from s for p;\n'
    write(os.path.join(work, "good.policy"), good)
    os.makedirs(os.path.join(work, "a-folder.policy"))
    cases = {
        "folder": b'import "a-folder.policy";\n',
        "missing": b'import "missing.policy";\n',
        "self": b'import "self.policy";\n',
        "device": b'import "/dev/zero";\n',
    }
    for name, imports in cases.items():
        policy = name + ".policy"
        write(os.path.join(work, policy), imports + good)
        for kind in ("cpp", "json", "text"):
            output = os.path.join(work, "%s.%s.out" % (name, kind))
            # Nothing is written...
            result, elapsed = run(options, ["gen", kind, policy, "-o", output], work, expect=1)
            if os.path.exists(output):
                fail("gen %s of %s wrote %s despite the error" % (kind, policy, output))
            if elapsed > 60:
                fail("gen %s of %s took %.0f s" % (kind, policy, elapsed))
            # ... and a previous output stays as it was.
            write(output, b"previous output\n")
            backdate(output)
            before = snapshot(output)
            run(options, ["gen", kind, policy, "-o", output], work, expect=1)
            if snapshot(output) != before:
                fail("gen %s of %s changed the previous output" % (kind, policy))
        print("OK: import of a %s: %s" % (name, result.stderr.decode().splitlines()[0]))
    # The root itself a device or a folder: an I/O error.
    for root in ("/dev/zero", "a-folder.policy"):
        result, elapsed = run(options, ["check", root], work, expect=2)
        print("OK: policyc check %s: exit 2 in %.1f s: %s"
              % (root, elapsed, result.stderr.decode().splitlines()[0]))


def check_outputs(options, work):
    policy_dir, policy = os.path.split(options.policy)
    kinds = [["json"], ["cpp"], ["cedar"], ["cedar-entities"], ["cedar-schema"],
             ["text", "--format=md"], ["text", "--format=html"]]
    for args in kinds:
        output = os.path.join(work, "-".join(args).replace("--format=", "") + ".out")
        depfile = output + ".d"
        command = ["gen"] + args + [policy, "-o", output, "--depfile", depfile]
        run(options, command, policy_dir)
        first = snapshot(output)
        backdate(output)
        backdate(depfile)
        before, dep_before = snapshot(output), snapshot(depfile)
        run(options, command, policy_dir)
        if snapshot(output) != before or snapshot(depfile) != dep_before:
            fail("gen %s rewrote an unchanged output (bytes or mtime changed)" % " ".join(args))
        if first[0] != before[0]:
            fail("gen %s is not byte-identical from one run to the next" % " ".join(args))
        # Another run into a fresh file gives the same bytes.
        other = output + ".again"
        run(options, ["gen"] + args + [policy, "-o", other], policy_dir)
        if snapshot(other)[0] != first[0]:
            fail("gen %s gave different bytes in a second file" % " ".join(args))
        leftovers = [entry for entry in os.listdir(work) if ".tmp" in entry]
        if leftovers:
            fail("temporary files left behind: %s" % leftovers)
    # A policy with an error leaves the previous output alone.
    broken = os.path.join(work, "broken.policy")
    with open(options.policy, "rb") as handle:
        write(broken, handle.read() + b"\nuse nothing for fulfilment;\n")
    output = os.path.join(work, "cpp.out")
    backdate(output)
    before = snapshot(output)
    run(options, ["gen", "cpp", "broken.policy", "-o", output], work, expect=1)
    if snapshot(output) != before:
        fail("gen cpp of a policy with errors touched the previous output")
    # Outputs that cannot be written: exit 2, a message, nothing left behind.
    for target in (os.path.join(work, "missing", "out.h"), os.path.join(work, "folder")):
        if target.endswith("folder"):
            os.makedirs(os.path.join(target, "inside"))
        result, _ = run(options, ["gen", "cpp", policy, "-o", target], policy_dir, expect=2)
        if b"error" not in result.stderr:
            fail("no error message for the unwritable output %s" % target)
    print("OK: %d kinds of output byte-identical on rerun, unchanged files not rewritten, "
          "errors leave previous outputs" % len(kinds))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["descriptions", "line-ends", "long-line", "long-name",
                                          "imports", "outputs"])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--policy", help="descriptions.policy (absolute path)")
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--runtime-include", dest="runtime_include")
    options = parser.parse_args()
    checks = {"descriptions": check_descriptions, "line-ends": check_line_ends,
              "long-line": check_long_line, "long-name": check_long_name,
              "imports": check_imports, "outputs": check_outputs}
    work = tempfile.mkdtemp(prefix="policyc-hostile-")
    try:
        checks[options.check](options, work)
    except Failure as failure:
        print("FAIL: %s" % failure)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
