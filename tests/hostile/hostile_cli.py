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
  output-targets  -o to devices, FIFOs, /dev/stdout, symbolic links, the policy itself:
                written in place or through, never replaced, never read, never hanging
  output-errors a full disk, /dev/full, a closed descriptor or pipe on standard output or
                error: exit 2 with a message, never a crash, no temporary file left
  signals       SIGTERM or SIGINT while an output is prepared leaves no temporary file
  import-paths  imports of /proc/self/fd/1, "-", a FIFO, 25 x /dev/zero: refused at once
  names         file names with line breaks, Markdown, escape sequences, bytes that are not
                UTF-8: shown printable everywhere; Make-unsafe names refused in depfiles
  output-size   an output larger than the documented multiple of the input is refused
  memory        a 99,990-name list fits in 1 GiB; past the memory budget, exit 2, no abort

Every run of policyc here is bounded: a hang (past its time-out) or a crash (a signal, or an
exit status other than 0, 1 and 2) fails the check.
"""
import argparse
import html.parser
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

ALLOWED_ELEMENTS = {"a", "body", "div", "footer", "h1", "h2", "h3", "head", "header",
                    "html", "li", "main", "meta", "nav", "ol", "p", "section", "span", "strong",
                    "style", "table", "tbody", "td", "th", "thead", "time", "title", "tr", "ul", "wbr"}
KINDS = ["Category", "Source", "Purpose", "Recipient", "Consent", "Event"]
JSON_KINDS = ["categories", "sources", "purposes", "recipients", "consents", "events"]


class Failure(Exception):
    pass


def fail(message):
    raise Failure(message)


def run(options, args, cwd, expect=0, stdin=None, timeout=300, **popen):
    """Runs policyc; fails on a hang (past `timeout` seconds), a crash (a signal, or an exit
    status other than 0, 1 and 2) or, unless `expect` is None, another exit status."""
    started = time.monotonic()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    streams.update({k: popen.pop(k) for k in ("stdout", "stderr") if k in popen})
    try:
        result = subprocess.run([options.policyc] + args, cwd=cwd, timeout=timeout,
                                stdin=stdin if stdin is not None else subprocess.DEVNULL,
                                **streams, **popen)
    except subprocess.TimeoutExpired:
        fail("policyc %s: hangs (no exit within %d s)" % (" ".join(a[:80] for a in args), timeout))
    elapsed = time.monotonic() - started
    if result.stdout is None:
        result.stdout = b""
    if result.stderr is None:
        result.stderr = b""
    if result.returncode not in (0, 1, 2):
        fail("policyc %s: crashed (exit %d)\n%s" % (" ".join(a[:80] for a in args),
                                                   result.returncode,
                                                   result.stderr.decode(errors="replace")[:4000]))
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

GOOD = (b'category a "the data";\nsource s;\npurpose p basis contract;\nevent closed;\n'
        b'collect a from s for p;\nretain a until closed;\n')


def gen_json_expected(options, work):
    """The bytes `gen json good.policy` writes, for comparison with other targets."""
    write(os.path.join(work, "good.policy"), GOOD)
    result, _ = run(options, ["gen", "json", "good.policy"], work)
    return result.stdout


def is_char_device(path):
    return stat.S_ISCHR(os.stat(path).st_mode)


def check_output_targets(options, work):
    expected = gen_json_expected(options, work)
    # Devices are written in place, never read back (reading /dev/zero never ends) and never
    # replaced (as root, a rename over /dev/null would replace the device).
    result, _ = run(options, ["gen", "json", "good.policy", "-o", "/dev/full"], work, expect=2,
                    timeout=60)
    if b"/dev/full" not in result.stderr:
        fail("no message for -o /dev/full:\n" + result.stderr.decode(errors="replace"))
    run(options, ["gen", "json", "good.policy", "-o", "/dev/zero"], work, timeout=60)
    try:
        run(options, ["gen", "json", "good.policy", "-o", "/dev/null"], work, timeout=60)
    finally:
        if not is_char_device("/dev/null"):
            # Put the machine right before failing.
            os.remove("/dev/null")
            os.mknod("/dev/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            os.chmod("/dev/null", 0o666)
            fail("-o /dev/null replaced the device with a regular file")
    for device in ("/dev/full", "/dev/zero"):
        if not is_char_device(device):
            fail("%s is no longer a character device" % device)
    # A device node of our own (root can make one): written in place, still a device.
    node = os.path.join(work, "null-device")
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        usable = True
    except PermissionError:
        usable = False
    if usable:
        result, _ = run(options, ["gen", "json", "good.policy", "-o", node], work, expect=None,
                        timeout=60)
        if not is_char_device(node):
            fail("-o on a device node replaced it with a regular file")
    # /dev/stdout is standard output: a file it is redirected to gets the output...
    with open(os.path.join(work, "stdout.json"), "wb") as handle:
        run(options, ["gen", "json", "good.policy", "-o", "/dev/stdout"], work, stdout=handle,
            timeout=60)
    with open(os.path.join(work, "stdout.json"), "rb") as handle:
        if handle.read() != expected:
            fail("-o /dev/stdout with standard output in a file lost the output")
    # ... and so does a pipe, without a hang.
    result, _ = run(options, ["gen", "json", "good.policy", "-o", "/dev/stdout"], work,
                    timeout=60)
    if result.stdout != expected:
        fail("-o /dev/stdout into a pipe did not write the output")
    # A FIFO: written when read, an error (not a hang) when nobody reads it.
    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    for flag in ("-o", "--depfile"):
        args = ["gen", "json", "good.policy"] + (["-o", fifo] if flag == "-o" else
                                                 ["-o", "out.json", "--depfile", fifo])
        result, elapsed = run(options, args, work, expect=2, timeout=60)
        if b"no process reads" not in result.stderr:
            fail("%s FIFO without a reader: %s" % (flag, result.stderr.decode(errors="replace")))
        received = []
        reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
        reader.start()
        result, _ = run(options, args, work, expect=None, timeout=60)
        if result.returncode != 0:
            open(fifo, "wb").close()  # unblocks the reader
        reader.join(60)
        if result.returncode != 0 or not received:
            fail("%s FIFO with a reader: exit %d" % (flag, result.returncode))
        if flag == "-o" and received[0] != expected:
            fail("the FIFO's reader did not get the output")
        if flag == "--depfile" and b"good.policy" not in received[0]:
            fail("the FIFO's reader did not get the dependency file")
        if not stat.S_ISFIFO(os.stat(fifo).st_mode):
            fail("%s replaced the FIFO" % flag)
    # A symbolic link is written through, and the file keeps its permissions.
    write(os.path.join(work, "real.json"), b"old\n")
    os.chmod(os.path.join(work, "real.json"), 0o640)
    os.symlink("real.json", os.path.join(work, "link.json"))
    run(options, ["gen", "json", "good.policy", "-o", "link.json"], work, timeout=60)
    if not os.path.islink(os.path.join(work, "link.json")):
        fail("-o replaced the symbolic link")
    with open(os.path.join(work, "real.json"), "rb") as handle:
        if handle.read() != expected:
            fail("-o did not write through the symbolic link")
    mode = stat.S_IMODE(os.stat(os.path.join(work, "real.json")).st_mode)
    if mode != 0o640:
        fail("-o changed the file's mode from 0640 to %o" % mode)
    # Never over the policy or what it imports; the dependency file is not the output.
    write(os.path.join(work, "vocabulary.policy"), b"category b;\n")
    write(os.path.join(work, "root.policy"), b'import "vocabulary.policy";\n' + GOOD)
    os.symlink("root.policy", os.path.join(work, "root-link.policy"))
    for args, needle in (
            (["-o", "root.policy"], b"err_output_is_input"),
            (["-o", "./vocabulary.policy"], b"err_output_is_input"),
            (["-o", "root-link.policy"], b"err_output_is_input"),
            (["-o", "out.json", "--depfile", "root.policy"], b"err_output_is_input"),
            (["-o", "out.json", "--depfile", "./out.json"], b"err_depfile_is_output"),
            (["--depfile", "-"], b"err_depfile_is_output")):
        before = {name: snapshot(os.path.join(work, name))
                  for name in ("root.policy", "vocabulary.policy")}
        result, _ = run(options, ["gen", "json", "root.policy", "--diagnostics-format=json"]
                        + args, work, expect=2, timeout=60)
        if needle not in result.stdout:
            fail("gen json %s: expected %s, got\n%s" % (" ".join(args), needle.decode(),
                                                         result.stdout.decode()))
        for name, data in before.items():
            if snapshot(os.path.join(work, name)) != data:
                fail("gen json %s overwrote %s" % (" ".join(args), name))
    leftovers = [entry for entry in os.listdir(work) if ".tmp-" in entry]
    if leftovers:
        fail("temporary files left behind: %s" % leftovers)
    print("OK: /dev/full, /dev/zero, /dev/null%s, /dev/stdout (file and pipe), FIFOs, "
          "symbolic links and the policy's own files as -o and --depfile"
          % (", a device node" if usable else ""))


def check_output_errors(options, work):
    gen_json_expected(options, work)
    cases = []
    # Standard output on a full device, closed, or a pipe nobody reads any more.
    with open("/dev/full", "wb") as full:
        cases.append(("standard output on /dev/full", ["gen", "json", "good.policy"],
                      {"stdout": full}))
        cases.append(("--help on /dev/full", ["--help"], {"stdout": full}))
        cases.append(("JSON diagnostics on /dev/full",
                      ["check", "--diagnostics-format=json", "good.policy"], {"stdout": full}))
        # Diagnostics on a full standard error.
        write(os.path.join(work, "broken.policy"), GOOD + b"use nothing for p;\n")
        cases.append(("standard error on /dev/full", ["check", "broken.policy"],
                      {"stderr": full}))
        cases.append(("closed standard output", ["gen", "json", "good.policy"],
                      {"preexec_fn": lambda: os.close(1)}))
        cases.append(("closed standard error", ["check", "broken.policy"],
                      {"preexec_fn": lambda: os.close(2)}))
        for name, args, streams in cases:
            result, _ = run(options, args, work, expect=2, timeout=60, **streams)
            print("OK: %s: exit 2 %s" % (name, result.stderr.decode(errors="replace")
                                         .strip().splitlines()[-1:] or ""))
    # A pipe whose reader is gone.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result, _ = run(options, ["gen", "json", "good.policy"], work, expect=2, timeout=60,
                        stdout=write_end)
    finally:
        os.close(write_end)
    if b"standard output" not in result.stderr:
        fail("no message for a closed pipe:\n" + result.stderr.decode(errors="replace"))
    print("OK: a closed pipe: exit 2: %s" % result.stderr.decode().strip())
    # A full disk, as a file size limit: the previous output stays, no temporary file is left.
    output = os.path.join(work, "out.json")
    write(output, b"previous\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))
    result, _ = run(options, ["gen", "json", "good.policy", "-o", "out.json"], work, expect=2,
                    timeout=60, preexec_fn=small_files)
    with open(output, "rb") as handle:
        if handle.read() != b"previous\n":
            fail("a failed write changed the previous output")
    leftovers = [entry for entry in os.listdir(work) if ".tmp-" in entry]
    if leftovers:
        fail("temporary files left behind: %s" % leftovers)
    print("OK: a full disk: exit 2, previous output kept: %s"
          % result.stderr.decode().strip().splitlines()[0])


def check_signals(options, work):
    gen_json_expected(options, work)
    # A FIFO that nobody reads as the dependency file holds policyc for its short wait, with
    # the output's temporary file already made: a window that does not depend on speed.
    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    for sig in (signal.SIGTERM, signal.SIGINT, None):
        process = subprocess.Popen([options.policyc, "gen", "json", "good.policy", "-o",
                                    "out.json", "--depfile", fifo], cwd=work,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        temporary = []
        while not temporary and time.monotonic() < deadline and process.poll() is None:
            temporary = [entry for entry in os.listdir(work) if ".tmp-" in entry]
            time.sleep(0.005)
        if not temporary:
            process.kill()
            fail("no temporary file appeared while the output was prepared")
        if sig is not None:
            process.send_signal(sig)
        try:
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            fail("policyc does not end after %s" % (sig.name if sig else "its wait"))
        expected = -sig if sig is not None else 2
        if process.returncode != expected:
            fail("exit %d after %s, expected %d" % (process.returncode,
                                                    sig.name if sig else "its wait", expected))
        leftovers = [entry for entry in os.listdir(work) if ".tmp-" in entry]
        if leftovers:
            fail("%s left %s behind" % (sig.name if sig else "a failed depfile", leftovers))
        if os.path.exists(os.path.join(work, "out.json")):
            fail("an interrupted run wrote its output")
        print("OK: %s while %s was being prepared: no temporary file left"
              % (sig.name if sig else "a failing dependency file", temporary[0]))


def check_import_paths(options, work):
    write(os.path.join(work, "good.policy"), GOOD)
    # Standard output as an import: with standard output a pipe, reading it never ended.
    write(os.path.join(work, "fd.policy"), b'import "/proc/self/fd/1";\n' + GOOD)
    result, elapsed = run(options, ["check", "fd.policy"], work, expect=1, timeout=30)
    if b"only regular files can be imported" not in result.stderr:
        fail("import of /proc/self/fd/1:\n" + result.stderr.decode(errors="replace"))
    # "-" is standard input on the command line only; in an import it is a file named "-".
    write(os.path.join(work, "dash.policy"), b'import "-";\n' + GOOD)
    read_end, write_end = os.pipe()  # standard input that never ends
    try:
        result, _ = run(options, ["check", "dash.policy"], work, expect=1, timeout=30,
                        stdin=read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    if b"cannot open imported file '-'" not in result.stderr:
        fail('import "-" without a file named -:\n' + result.stderr.decode(errors="replace"))
    write(os.path.join(work, "-"), b"category from_dash;\n")
    write(os.path.join(work, "dash.policy"),
          b'import "-";\n' + GOOD + b"collect from_dash from s for p;\nretain from_dash until closed;\n")
    run(options, ["check", "dash.policy"], work, timeout=30)
    result, _ = run(options, ["check", "-"], work, stdin=open(os.path.join(work, "good.policy")),
                    timeout=30)
    # A FIFO, and 25 imports of /dev/zero: refused at once, none of them read.
    fifo = os.path.join(work, "vocabulary.fifo")
    os.mkfifo(fifo)
    write(os.path.join(work, "fifo.policy"), b'import "vocabulary.fifo";\n' + GOOD)
    run(options, ["check", "fifo.policy"], work, expect=1, timeout=30)
    write(os.path.join(work, "zeros.policy"), b'import "/dev/zero";\n' * 25 + GOOD)
    result, elapsed = run(options, ["check", "-ferror-limit=0", "zeros.policy"], work, expect=1,
                          timeout=60)
    if elapsed > 10:
        fail("25 imports of /dev/zero took %.1f s" % elapsed)
    print("OK: /proc/self/fd/1, \"-\", a FIFO and 25 x /dev/zero as imports: refused, "
          "the last in %.2f s" % elapsed)


def utf8_or_fail(data, what):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail("%s is not UTF-8: %s" % (what, error))
    for ch in text:
        if ord(ch) < 0x20 and ch not in "\n\t" or 0x7f <= ord(ch) < 0xa0 or ch == "\x1b":
            fail("%s holds the control character U+%04X" % (what, ord(ch)))
    return text


def check_names(options, work):
    # An imported file whose name holds blank lines, Markdown and HTML.
    evil = "a\n\n# Injected heading\n\n![img](http:y.png) [link](http:x) <b>bold\n\nend.policy"
    write(os.path.join(work, evil), b'category imported "imported data";\n')
    literal = evil.replace("\n", "\\n").encode()
    write(os.path.join(work, "root.policy"), b'import "' + literal + b'";\n' + GOOD +
          b"collect imported from s for p;\nretain imported until closed;\n")
    run(options, ["check", "root.policy"], work, timeout=60)
    markdown, _ = run(options, ["gen", "text", "--format=md", "root.policy"], work, timeout=60)
    text = utf8_or_fail(markdown.stdout, "the Markdown")
    for line in text.split("\n"):
        if "Injected" in line and not ("<!--" in line and "-->" in line[line.index("Injected"):]):
            fail("the file name escaped its comment in the Markdown:\n%s" % line)
    html, _ = run(options, ["gen", "text", "--format=html", "root.policy"], work, timeout=60)
    if "<b>bold" in utf8_or_fail(html.stdout, "the HTML"):
        fail("the file name is live HTML")
    for kind in ("cpp", "json", "cedar"):
        result, _ = run(options, ["gen", kind, "root.policy"], work, timeout=60)
        utf8_or_fail(result.stdout, "gen " + kind)
    # Escape sequences in a path are not sent to the terminal.
    write(os.path.join(work, "escape.policy"),
          b'import "\\u{1b}[2J\\u{1b}[31mmissing.policy";\n' + GOOD)
    result, _ = run(options, ["check", "escape.policy"], work, expect=1, timeout=60)
    stderr = utf8_or_fail(result.stderr, "the diagnostics")
    if "<U+001B>[2J" not in stderr:
        fail("the escape sequence is not shown spelled out:\n" + stderr)
    # A root file whose name is not UTF-8: every output is UTF-8.
    bad = os.path.join(work.encode(), b"bad\xffname.policy")
    write(bad, GOOD)
    for kind in (["cpp"], ["json"], ["cedar"], ["text", "--format=md"], ["text", "--format=html"]):
        result, _ = run(options, ["gen"] + kind + [bad], work, timeout=60)
        utf8_or_fail(result.stdout, "gen %s of bad\\xffname.policy" % " ".join(kind))
    result, _ = run(options, ["check", bad + b"x"], work, expect=2, timeout=60)
    if b"<FF>" not in result.stderr:
        fail("the byte 0xFF is not spelled out:\n" + result.stderr.decode(errors="replace"))
    # Dependency files: what Make can read is escaped (make reads the names back), what it
    # cannot is refused; nothing a file name says is ever run.
    tricky = "with space # and $dollar.policy"
    write(os.path.join(work, tricky), b"category tricky;\n")
    write(os.path.join(work, "deps.policy"),
          b'import "' + tricky.encode() + b'";\n' + GOOD +
          b"collect tricky from s for p;\nretain tricky until closed;\n")
    past = time.time() - 3600
    for name in (tricky, "deps.policy"):
        os.utime(os.path.join(work, name), (past, past))
    run(options, ["gen", "json", "deps.policy", "-o", "deps.json", "--depfile", "deps.d"],
        work, timeout=60)
    # The rule's target is the output's absolute path; a recipe makes Make compare times.
    target = os.path.join(os.path.realpath(work), "deps.json")
    write(os.path.join(work, "Makefile"), b"include deps.d\n%s:\n\ttouch $@\n" % target.encode())
    make = subprocess.run(["make", "-q", target], cwd=work, capture_output=True, timeout=60)
    if make.returncode != 0:
        fail("make does not read the dependency file back (exit %d):\n%s\n%s"
             % (make.returncode, make.stderr.decode(errors="replace"),
                open(os.path.join(work, "deps.d")).read()))
    os.utime(os.path.join(work, tricky), None)
    make = subprocess.run(["make", "-q", target], cwd=work, capture_output=True, timeout=60)
    if make.returncode != 1:
        fail("make does not see the import with a space, # and $ in its name as a prerequisite")
    for hostile in (";touch${IFS}PWNED.policy", "a\nall:;touch PWNED\n.policy",
                    "x|y.policy", "a=b.policy", "c:d.policy"):
        write(os.path.join(work, hostile), b"category hostile;\n")
        literal = hostile.replace("\n", "\\n").encode()
        write(os.path.join(work, "unsafe.policy"),
              b'import "' + literal + b'";\n' + GOOD +
              b"collect hostile from s for p;\nretain hostile until closed;\n")
        result, _ = run(options, ["gen", "json", "unsafe.policy", "-o", "unsafe.json",
                                  "--depfile", "unsafe.d", "--diagnostics-format=json"], work,
                        expect=2, timeout=60)
        if b"err_depfile_unsafe_path" not in result.stdout:
            fail("the name %r reached a dependency file:\n%s" % (hostile, result.stdout.decode()))
        for written in ("unsafe.d", "unsafe.json"):
            if os.path.exists(os.path.join(work, written)):
                fail("%s was written although the dependency file was refused" % written)
        os.remove(os.path.join(work, hostile))
    if os.path.exists(os.path.join(work, "PWNED")):
        fail("a file name ran a command")
    print("OK: file names with line breaks, Markdown, HTML, escape sequences and a byte that "
          "is not UTF-8 are shown printable; Make reads space, # and $ back; ; | = : and line "
          "breaks are refused in dependency files")


def check_output_size(options, work):
    # Every generator stays far below the bound (1 MiB + 64 x the input) on the policies of
    # this suite, the largest multiples there being about 15; past it nothing is written.
    policy_dir, policy = os.path.split(options.policy)
    size = os.path.getsize(options.policy)
    kinds = [["json"], ["cpp"], ["cedar"], ["cedar-entities"], ["cedar-schema"],
             ["text", "--format=md"],
             ["text", "--format=html"]]
    for args in kinds:
        result, _ = run(options, ["gen"] + args + [policy], policy_dir, timeout=120)
        if len(result.stdout) > 1024 * 1024 + 64 * size:
            fail("gen %s wrote %d bytes for %d" % (" ".join(args), len(result.stdout), size))
        output = os.path.join(work, "out")
        write(output, b"previous\n")
        bound = len(result.stdout) - 1
        result, _ = run(options, ["gen"] + args + [policy, "-o", output, "--max-output-bytes",
                                                   str(bound), "--diagnostics-format=json"],
                        policy_dir, expect=1, timeout=120)
        if b"err_output_too_large" not in result.stdout:
            fail("gen %s past its bound: no err_output_too_large:\n%s"
                 % (" ".join(args), result.stdout.decode()))
        with open(output, "rb") as handle:
            if handle.read() != b"previous\n":
                fail("gen %s past its bound changed the previous output" % " ".join(args))
        run(options, ["gen"] + args + [policy, "-o", output, "--max-output-bytes",
                                       str(bound + 1)], policy_dir, timeout=120)
    print("OK: %d kinds of output within the bound; one byte past it, nothing is written"
          % len(kinds))


def check_memory(options, work):
    # One statement listing 99,990 names: the path list reserved room for every remaining
    # name at each path (4.6 GB of address space) and took 26 s. Now it fits in 1 GiB.
    count = 99_990
    text = "".join("category x%d;\n" % i for i in range(count))
    text += "source s;\npurpose p basis contract;\nevent closed;\n"
    text += "collect %s from s for p;\n" % ", ".join("x%d" % i for i in range(count))
    write(os.path.join(work, "list.policy"), text.encode())

    def one_gigabyte():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    result, elapsed = run(options, ["check", "list.policy"], work, timeout=120,
                          preexec_fn=one_gigabyte)
    print("OK: a collect of %d names checked in %.1f s within 1 GiB of address space"
          % (count, elapsed))
    # Past the memory budget: an error and exit 2, never an abort; no output, no temporary.
    tiny = ['policy "Tiny" { controller "Acme"; effective 2024-01-01; }',
            "category c {" + "".join(" x%d;" % i for i in range(1000)) + " }",
            "source s;", "purpose p basis contract { a; b; }", "event closed;",
            "retain c until closed;"]
    tiny += ["use c.x%d for p.%s;" % (i % 1000, "ab"[(i // 1000) % 2]) for i in range(100_000)]
    write(os.path.join(work, "tiny.policy"), "\n".join(tiny).encode() + b"\n")
    write(os.path.join(work, "out.json"), b"previous\n")
    for args in (["check", "tiny.policy"], ["gen", "json", "tiny.policy", "-o", "out.json"]):
        result, _ = run(options, args + ["--memory-budget=150000000"], work, expect=2,
                        timeout=300)
        if b"out of memory" not in result.stderr:
            fail("%s past the memory budget:\n%s" % (" ".join(args),
                                                     result.stderr.decode(errors="replace")))
    with open(os.path.join(work, "out.json"), "rb") as handle:
        if handle.read() != b"previous\n":
            fail("a run out of memory changed the previous output")
    leftovers = [entry for entry in os.listdir(work) if ".tmp-" in entry]
    if leftovers:
        fail("temporary files left behind: %s" % leftovers)
    print("OK: 100,000 statements past a 150 MB budget: exit 2 with a message, nothing written")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["descriptions", "line-ends", "long-line", "long-name",
                                          "imports", "outputs", "output-targets",
                                          "output-errors", "signals", "import-paths", "names",
                                          "output-size", "memory"])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--policy", help="descriptions.policy (absolute path)")
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--runtime-include", dest="runtime_include")
    options = parser.parse_args()
    checks = {"descriptions": check_descriptions, "line-ends": check_line_ends,
              "long-line": check_long_line, "long-name": check_long_name,
              "imports": check_imports, "outputs": check_outputs,
              "output-targets": check_output_targets, "output-errors": check_output_errors,
              "signals": check_signals, "import-paths": check_import_paths,
              "names": check_names, "output-size": check_output_size,
              "memory": check_memory}
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
