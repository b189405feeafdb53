#!/usr/bin/env python3
"""Command-line behaviour of policyc: exit codes, -W options, the error limit, output formats,
colour, help and version, standard input, and hostile files through the real executable.

    run_cli_tests.py --policyc PATH --case NAME   run one case (ctest runs each as a test)
    run_cli_tests.py --policyc PATH               run every case
    run_cli_tests.py --list                       print the case names

Each case prints what it checked when it fails and exits non-zero.
"""

import argparse
import json
import os
import pty
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

POLICYC = None
WORK = None
CASES = {}

# A policy that is clean for the front end and the checker.
CLEAN = """\
category contact { email; }
purpose support basis contract;
source website;
collect contact from website for support;
"""

# Clean but for one warning (an extra ';', -Wextra-semi).
WARNING_ONLY = CLEAN.replace("category contact { email; }", "category contact { email; };")

# The acceptance example: a misspelt purpose.
MISSPELT_PURPOSE = """\
category contact { email; }
purpose marketing basis consent;
consent newsletter { withdraw via link; }
use contact.email for marketng when consent newsletter;
"""

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def case(function):
    CASES[function.__name__] = function
    return function


class Failure(Exception):
    pass


def expect(condition, message, result=None):
    if condition:
        return
    details = message
    if result is not None:
        details += "\n  command: %s\n  exit status: %s\n  stdout: %r\n  stderr: %r" % (
            " ".join(result.args), result.returncode, result.stdout[:2000], result.stderr[:2000])
    raise Failure(details)


def write(name, text, mode="w"):
    path = os.path.join(WORK, name)
    with open(path, mode) as out:
        out.write(text)
    return path


def run(*args, stdin=None, timeout=120, cwd=None):
    """Runs policyc with `args`; returns the CompletedProcess with text output."""
    started = time.monotonic()
    result = subprocess.run([POLICYC, *args], input=stdin, capture_output=True, timeout=timeout,
                            cwd=cwd or WORK)
    result.seconds = time.monotonic() - started
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def run_json(command, *args, **kwargs):
    result = run(command, "--diagnostics-format=json", *args, **kwargs)
    try:
        document = json.loads(result.stdout)
    except ValueError as error:
        raise Failure("stdout is not JSON (%s):\n%s" % (error, result.stdout[:2000]))
    return result, document


def ids_of(document):
    ids = []
    for diagnostic in document["diagnostics"]:
        ids.append(diagnostic["id"])
        ids.extend(note["id"] for note in diagnostic["notes"])
    return ids


# --- exit codes -------------------------------------------------------------------------

@case
def exit_0_when_clean():
    result = run("check", write("clean.policy", CLEAN))
    expect(result.returncode == 0, "a clean policy exits 0", result)
    expect(result.stderr == "", "a clean policy prints nothing", result)


@case
def exit_0_with_warnings():
    result = run("check", write("warning.policy", WARNING_ONLY))
    expect(result.returncode == 0, "warnings alone exit 0", result)
    expect("warning: extra ';' outside a statement [-Wextra-semi]" in result.stderr,
           "the warning is printed", result)
    expect(result.stderr.endswith("1 warning generated.\n"), "a count ends the output", result)


@case
def exit_1_on_errors():
    result = run("check", write("error.policy", CLEAN + "use contact for nothing;\n"))
    expect(result.returncode == 1, "an error exits 1", result)
    expect("error: unknown purpose 'nothing'" in result.stderr, "the error is printed", result)
    expect(result.stderr.endswith("1 error generated.\n"), "a count ends the output", result)


@case
def exit_zero_reports_errors_but_exits_0():
    result = run("check", "--exit-zero", write("error.policy", CLEAN + "use contact for nothing;\n"))
    expect(result.returncode == 0, "--exit-zero exits 0 despite an error", result)
    expect("error: unknown purpose 'nothing'" in result.stderr, "the error is still printed",
           result)
    missing = run("check", "--exit-zero", "no-such-file.policy")
    expect(missing.returncode == 2, "--exit-zero keeps exit 2 for a missing file", missing)


@case
def exit_2_on_a_missing_file():
    result = run("check", "no-such-file.policy")
    expect(result.returncode == 2, "a missing file exits 2", result)
    expect("policyc: error: cannot open 'no-such-file.policy'" in result.stderr,
           "the missing file is named", result)


@case
def exit_2_on_a_directory():
    result = run("check", WORK)
    expect(result.returncode == 2, "a directory exits 2", result)
    expect("is a directory" in result.stderr, "the error says it is a directory", result)


@case
def exit_2_when_one_of_several_files_is_missing():
    clean = write("clean.policy", CLEAN)
    bad = write("bad.policy", "use a for b;\n")
    result = run("check", clean, "missing.policy", bad)
    expect(result.returncode == 2, "an I/O error wins over findings: exit 2", result)
    expect("unknown category 'a'" in result.stderr, "the other files are still checked", result)


@case
def exit_1_for_several_files_with_errors():
    first = write("first.policy", "use a for b;\n")
    second = write("second.policy", CLEAN)
    result = run("check", first, second)
    expect(result.returncode == 1, "errors in any file exit 1", result)
    expect("first.policy:1:5: error" in result.stderr, "errors name their file", result)


@case
def exit_2_on_an_unknown_option():
    result = run("check", "--frobnicate", write("clean.policy", CLEAN))
    expect(result.returncode == 2, "an unknown option exits 2", result)
    expect("--frobnicate" in result.stderr, "the option is named", result)


@case
def exit_2_on_a_mistyped_command():
    result = run("chek", write("clean.policy", CLEAN))
    expect(result.returncode == 2, "an unknown command exits 2", result)
    expect("policyc: error: unknown command 'chek'; did you mean 'check'?" in result.stderr,
           "the nearest command is suggested", result)
    expect(result.stderr.count("\n") == 1, "in one line", result)


@case
def exit_2_without_a_command():
    result = run()
    expect(result.returncode == 2, "no command exits 2", result)
    expect("no command given" in result.stderr, "the error says what is missing", result)
    result = run("frobnicate", write("clean.policy", CLEAN))
    expect(result.returncode == 2, "an unknown command exits 2", result)


@case
def exit_2_on_bad_w_usage():
    path = write("clean.policy", CLEAN)
    for option in ("-Wno-syntax", "-Wno-error=undeclared"):
        result = run("check", option, path)
        expect(result.returncode == 2, option + " cannot turn an error off: exit 2", result)
        expect("cannot be disabled or downgraded" in result.stderr, "the error says why", result)


# --- -W options and the error limit ----------------------------------------------------

@case
def unknown_warning_option_is_a_warning():
    path = write("clean.policy", CLEAN)
    result, document = run_json("check", "-Wno-mumble", path)
    expect(result.returncode == 0, "an unknown -W option is only a warning", result)
    expect("warn_unknown_warning_option" in ids_of(document),
           "warn_unknown_warning_option is reported", result)
    result = run("check", "-Wno-extra-semis", path)
    expect(result.returncode == 0, "a misspelt -W option is only a warning", result)
    expect("unknown warning option '-Wno-extra-semis'; did you mean '-Wno-extra-semi'?"
           in result.stderr, "the closest flag is suggested", result)
    result, document = run_json("check", "-Wextra-semis", path)
    expect("warn_unknown_warning_option_suggest" in ids_of(document),
           "warn_unknown_warning_option_suggest is reported", result)


@case
def werror_turns_warnings_into_errors():
    path = write("warning.policy", WARNING_ONLY)
    result = run("check", "-Werror", path)
    expect(result.returncode == 1, "-Werror: a warning exits 1", result)
    expect("error: extra ';' outside a statement [-Wextra-semi]" in result.stderr,
           "the warning is printed as an error", result)
    result = run("check", "-Werror=extra-semi", path)
    expect(result.returncode == 1, "-Werror=extra-semi: exits 1", result)
    result = run("check", "-Werror", "-Wno-error=extra-semi", path)
    expect(result.returncode == 0, "-Wno-error=extra-semi keeps it a warning", result)
    expect("warning: extra ';'" in result.stderr, "still printed as a warning", result)


@case
def wno_flag_silences():
    path = write("warning.policy", WARNING_ONLY)
    result = run("check", "-Wno-extra-semi", path)
    expect(result.returncode == 0, "exit 0", result)
    expect(result.stderr == "", "-Wno-extra-semi silences the warning", result)
    result = run("check", "-Wno-extra-semi", "-Werror", path)
    expect(result.returncode == 0, "a silenced warning is not promoted by -Werror", result)


@case
def error_limit_stops_with_a_fatal_error():
    text = CLEAN + "".join("use contact for missing%d;\n" % i for i in range(30))
    path = write("many.policy", text)
    result = run("check", "-ferror-limit=3", path)
    expect(result.returncode == 1, "exit 1", result)
    expect(result.stderr.count(": error: unknown purpose") == 3, "exactly 3 errors", result)
    # As clang counts it, the fatal error is one of the errors generated.
    expect(result.stderr.endswith(
        "policyc: fatal error: too many errors emitted, stopping now; use -ferror-limit=0 to "
        "see all\n4 errors generated.\n"), "then the fatal message, and the count last", result)
    result = run("check", path)
    expect(result.stderr.count(": error: unknown purpose") == 20, "the default limit is 20",
           result)
    result = run("check", "-ferror-limit=0", path)
    expect(result.stderr.count(": error: unknown purpose") == 30, "0: no limit", result)
    expect("fatal error" not in result.stderr, "no fatal message without a limit", result)


# --- output formats ---------------------------------------------------------------------

@case
def json_output_is_valid_json():
    path = write("mixed.policy", CLEAN + "use contact.emial for support;;\n")
    result, document = run_json("check", path)
    expect(result.returncode == 1, "exit 1", result)
    expect(result.stderr == "", "JSON mode prints nothing on stderr", result)
    expect(document["version"] == 1, "the document has a version", result)
    expect(document["errors"] == 1 and document["warnings"] == 1, "counts are right", result)
    first = document["diagnostics"][0]
    for key in ("id", "severity", "flag", "message", "location", "notes", "fixIts"):
        expect(key in first, "every diagnostic has '%s'" % key, result)
    locations = [d["location"] for d in document["diagnostics"]]
    expect(all(l["file"].endswith("mixed.policy") and l["line"] == 5 for l in locations),
           "locations name file and line", result)
    error = next(d for d in document["diagnostics"] if d["severity"] == "error")
    expect(error["id"] == "err_no_member" and error["flag"] == "-Wundeclared",
           "id and flag of the error", result)
    expect(error["fixIts"] and error["fixIts"][0]["replacement"] == "email",
           "the did-you-mean fix-it is in the JSON", result)


@case
def json_output_for_a_clean_policy():
    result, document = run_json("check", write("clean.policy", CLEAN))
    expect(result.returncode == 0, "exit 0", result)
    expect(document["diagnostics"] == [] and document["errors"] == 0,
           "an empty list of diagnostics", result)


@case
def json_output_without_location():
    result, document = run_json("check", "missing.policy")
    expect(result.returncode == 2, "exit 2", result)
    expect(document["diagnostics"][0]["id"] == "err_cannot_open_file", "the I/O error", result)
    expect(document["diagnostics"][0]["location"] is None, "no location: null", result)


@case
def no_colour_when_stderr_is_not_a_terminal():
    result = run("check", write("error.policy", MISSPELT_PURPOSE))
    expect(not ANSI_ESCAPE.search(result.stderr), "no ANSI escapes in a pipe", result)


@case
def colour_with_color_always():
    result = run("check", "--color=always", write("error.policy", MISSPELT_PURPOSE))
    expect(ANSI_ESCAPE.search(result.stderr), "--color=always colours even a pipe", result)
    plain = ANSI_ESCAPE.sub("", result.stderr)
    expect("error: unknown purpose 'marketng'" in plain, "the text is the same", result)


def run_on_terminal(*args):
    """Runs policyc with stderr on a pseudo-terminal; returns (status, what it printed)."""
    master, slave = pty.openpty()
    # A terminal type with colours: CI runs without TERM, and LLVM asks terminfo.
    environment = dict(os.environ, TERM="xterm-256color")
    process = subprocess.Popen([POLICYC, *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=slave, cwd=WORK,
                               env=environment)
    os.close(slave)
    output = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            raise Failure("policyc on a terminal did not finish")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


@case
def colour_on_a_terminal_unless_never():
    path = write("error.policy", MISSPELT_PURPOSE)
    status, output = run_on_terminal("check", path)
    expect(status == 1, "exit 1 on a terminal too (got %d)" % status)
    expect(ANSI_ESCAPE.search(output), "colour when stderr is a terminal:\n" + output)
    status, output = run_on_terminal("check", "--color=never", path)
    expect(not ANSI_ESCAPE.search(output), "--color=never: no colour:\n" + output)


@case
def help_and_version_exit_0():
    result = run("--help")
    expect(result.returncode == 0, "--help exits 0", result)
    expect("check" in result.stdout and "gen" in result.stdout, "--help lists the commands",
           result)
    result = run("check", "--help")
    expect(result.returncode == 0, "check --help exits 0", result)
    for option in ("-W", "--ferror-limit", "--diagnostics-format", "--color", "--verify"):
        expect(option in result.stdout, "check --help documents " + option, result)
    result = run("--version")
    expect(result.returncode == 0, "--version exits 0", result)
    expect(re.match(r"policyc \d+\.\d+\.\d+", result.stdout), "--version prints one", result)


@case
def list_diagnostics_prints_the_table():
    result = run("--list-diagnostics")
    expect(result.returncode == 0, "exit 0", result)
    rows = json.loads(result.stdout)
    ids = {row["id"] for row in rows}
    for id in ("err_undeclared", "err_expected_semi", "err_cannot_open_file"):
        expect(id in ids, id + " is listed", result)
    expect(all(set(row) == {"id", "class", "flag", "message"} for row in rows),
           "every row has id, class, flag and message", result)


# --- standard input, the acceptance example, -verify ------------------------------------

@case
def standard_input_with_a_dash():
    result = run("check", "-", stdin=CLEAN.encode())
    expect(result.returncode == 0, "a clean policy on stdin exits 0", result)
    result = run("check", "-", stdin=MISSPELT_PURPOSE.encode())
    expect(result.returncode == 1, "an error on stdin exits 1", result)
    expect("<stdin>:4:23: error: unknown purpose 'marketng'" in result.stderr,
           "diagnostics name <stdin>", result)
    result = run("check", "-", stdin=b"")
    expect(result.returncode == 0, "empty stdin is an empty policy", result)


@case
def misspelt_purpose_suggests_marketing():
    path = write("policy.policy", MISSPELT_PURPOSE)
    result = run("check", "policy.policy")
    expect(result.returncode == 1, "exit 1", result)
    first = result.stderr.splitlines()[0]
    expect(re.fullmatch(r"policy\.policy:4:23: error: .*did you mean 'marketing'\? "
                        r"\[-Wundeclared\]", first),
           "file:L:C: error: ... did you mean 'marketing'?", result)
    lines = result.stderr.splitlines()
    expect(lines[1] == "use contact.email for marketng when consent newsletter;",
           "the source line follows", result)
    expect(lines[2] == " " * 22 + "^~~~~~~~", "a caret and range under the name", result)
    expect(lines[3] == " " * 22 + "marketing", "the fix-it under it", result)


@case
def verify_mode_fails_on_a_wrong_expectation():
    good = write("good.policy", "use a for b; // expected-error {{unknown category 'a'}} "
                 "expected-error {{unknown purpose 'b'}}\n")
    result = run("check", "-verify", good)
    expect(result.returncode == 0, "-verify passes when expectations hold", result)
    wrong = write("wrong.policy", "use a for b; // expected-error {{unknown category 'x'}}\n")
    result = run("check", "-verify", wrong)
    expect(result.returncode == 1, "-verify fails on a wrong expectation", result)
    expect("expected but not seen" in result.stderr and "seen but not expected" in
           result.stderr, "both directions are reported", result)
    none = write("none.policy", CLEAN)
    result = run("check", "-verify", none)
    expect(result.returncode == 1, "a file without directives fails -verify", result)


@case
def output_is_deterministic():
    path = write("mixed.policy", MISSPELT_PURPOSE + "use contact.emial for marketing;;\n")
    first = run("check", "--diagnostics-format=json", path)
    second = run("check", "--diagnostics-format=json", path)
    expect(first.stdout == second.stdout, "the same input gives the same output", second)


# --- policyc gen errors ------------------------------------------------------------------

@case
def gen_reports_an_unwritable_output():
    path = write("clean.policy", CLEAN)
    target = os.path.join(WORK, "no-such-folder", "policy.json")
    result, document = run_json("gen", "json", path, "-o", target)
    expect(result.returncode == 2, "an unwritable output exits 2", result)
    expect("err_cannot_write_output" in ids_of(document), "err_cannot_write_output", result)
    expect(not os.path.exists(target), "nothing is written", result)


@case
def gen_writes_nothing_for_a_policy_with_errors():
    target = os.path.join(WORK, "out.json")
    result = run("gen", "json", write("bad.policy", MISSPELT_PURPOSE), "-o", target)
    expect(result.returncode == 1, "errors exit 1", result)
    expect(not os.path.exists(target), "no output file", result)


@case
def gen_writes_nothing_when_werror_promotes_a_generator_warning():
    # The text generator warns about a policy without a header; -Werror makes that an error,
    # and an output made despite an error is not written.
    target = os.path.join(WORK, "policy.md")
    path = write("clean.policy", CLEAN)
    result = run("gen", "text", path, "-o", target)
    expect(result.returncode == 0 and "warning:" in result.stderr,
           "without -Werror: a warning, and the text is written", result)
    os.remove(target)
    result, document = run_json("gen", "-Werror", "text", path, "-o", target)
    expect(result.returncode == 1, "-Werror: exit 1", result)
    expect("err_output_not_written" in ids_of(document), "err_output_not_written", result)
    expect(not os.path.exists(target), "nothing is written", result)


# --- policyc query: answers for pipelines ------------------------------------------------

# A group question: `contact` is allowed for support, but one of its members is prohibited
# for research.
GROUPS = """\
category contact { email; phone; }
purpose support basis contract;
purpose research basis legitimate_interest;
source app;
collect contact from app for support;
never use contact.phone for research;
"""


def query(path, *args):
    return run("query", path, *args)


@case
def query_exit_status_tells_allowed_from_denied():
    path = write("groups.policy", GROUPS)
    allowed = ("--category", "contact", "--purpose", "support")
    denied = ("--category", "contact", "--purpose", "research")
    result = query(path, *allowed, "--exit-status")
    expect(result.returncode == 0 and "decision: allowed" in result.stdout,
           "--exit-status: allowed exits 0", result)
    result = query(path, *denied, "--exit-status")
    expect(result.returncode == 1 and "decision: denied" in result.stdout,
           "--exit-status: denied exits 1", result)
    result = query(path, *denied)
    expect(result.returncode == 0, "without --exit-status a denial exits 0", result)
    result = query(path, *denied, "--exit-status", "--format=json")
    expect(result.returncode == 1 and json.loads(result.stdout)["allowed"] is False,
           "--exit-status with --format=json: exit 1", result)
    # No answer is never 0 or 1.
    result = query(path, "--category", "contact.fax", "--purpose", "support", "--exit-status")
    expect(result.returncode == 2, "--exit-status: an unknown name exits 2", result)
    result = query("missing.policy", *allowed, "--exit-status")
    expect(result.returncode == 2, "--exit-status: a missing file exits 2", result)
    broken = write("broken.policy", GROUPS + "use contact for nothing;\n")
    result = query(broken, *allowed, "--exit-status")
    expect(result.returncode == 2 and "unknown purpose 'nothing'" in result.stderr,
           "--exit-status: a policy with errors has no answer, exit 2", result)
    result = query(broken, *allowed)
    expect(result.returncode == 1, "without --exit-status a policy with errors exits 1", result)
    contradiction = write("contradiction.policy", GROUPS + "use contact for research;\n")
    result = query(contradiction, *allowed, "--exit-status")
    expect(result.returncode == 2, "--exit-status: a contradiction (default error) exits 2",
           result)
    result = query(contradiction, *allowed, "--exit-status", "-Wno-error=permit-prohibited")
    expect(result.returncode == 0, "... and answers once it is downgraded to a warning", result)


@case
def query_names_the_prohibited_member_of_a_group():
    path = write("groups.policy", GROUPS)
    result = query(path, "--category", "contact", "--purpose", "research", "--source", "app")
    expect(result.returncode == 0, "exit 0", result)
    expect(result.stdout.endswith(
        "decision: denied\nreason: prohibited\n"
        "statement: 2 at %s:6:1: never use contact.phone for research;\n"
        "prohibited member: use of contact.phone from app for research\n" % path),
        "the answer names the prohibition and the member it reaches", result)
    result = query(path, "--category", "contact.phone", "--purpose", "research")
    expect("reason: prohibited" in result.stdout and "member" not in result.stdout,
           "a question about a leaf is its own member, not repeated", result)
    result = query(path, "--category", "contact.email", "--purpose", "research")
    expect("reason: no statement" in result.stdout and "member" not in result.stdout,
           "a member that is not prohibited is denied for want of a statement", result)


@case
def query_json_for_pipelines():
    path = write("groups.policy", GROUPS)
    result = query(path, "--category", "contact", "--purpose", "research", "--format=json")
    expect(result.returncode == 0 and result.stderr == "", "exit 0, nothing on stderr", result)
    document = json.loads(result.stdout)
    expect(document["schema"] == "policyc-query/1" and document["version"]["major"] == 1,
           "the document names its schema and version", result)
    expect(document["question"] == {"relation": "tuple", "kind": "use", "category": "contact",
                                    "source": None, "purpose": "research", "recipient": "us"},
           "the question as resolved", result)
    expect(document["allowed"] is False and len(document["answers"]) == 1,
           "one answer per source asked", result)
    answer = document["answers"][0]
    expect(answer["reason"] == "prohibited" and answer["statement"]["id"] == 2 and
           answer["statement"]["location"]["line"] == 6 and
           answer["statement"]["location"]["file"] == path,
           "the deciding statement with its file and line", result)
    expect(answer["effect"]["origin"] == "statement" and answer["effect"]["forbids"],
           "the deciding effect", result)
    expect(answer["member"] == {"category": "contact.phone", "source": "app",
                                "purpose": "research", "recipient": "us"},
           "the member the prohibition reaches", result)
    result = query(path, "--category", "contact", "--purpose", "support", "--source", "app",
                   "--format=json")
    answer = json.loads(result.stdout)["answers"][0]
    expect(answer["allowed"] and answer["effect"]["origin"] == "collected-use" and
           answer["member"] is None, "a permit: collected for support, so used for it", result)
    first = query(path, "--category", "contact", "--purpose", "research", "--format=json")
    expect(first.stdout == query(path, "--category", "contact", "--purpose", "research",
                                 "--format=json").stdout, "deterministic", first)


@case
def docs_query_example_is_real_output():
    # docs/cli.md shows `policyc query` on the golden shop policy; it must be what policyc prints.
    source_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(source_dir, "docs", "cli.md")) as handle:
        text = handle.read()
    match = re.search(r"```\n\$ policyc (query shop\.policy [^\n]*)\n(.*?)```", text, re.S)
    expect(match, "docs/cli.md has a `$ policyc query shop.policy ...` example")
    shutil.copy(os.path.join(source_dir, "tests", "golden", "cpp", "shop.policy"), WORK)
    result = run(*match.group(1).split())
    expect(result.returncode == 0 and result.stdout == match.group(2),
           "docs/cli.md's query example is what policyc prints", result)


# --- hostile files through the executable ------------------------------------------------

def expect_survives(result, what, bounded=True):
    expect(result.returncode in (0, 1), what + ": a diagnostic or success, never a crash",
           result)
    # Under the error limit, at most 20 diagnostics with a source line window each.
    if bounded:
        expect(len(result.stderr) < 100_000, what + ": bounded output", result)


@case
def hostile_files():
    rng = random.Random(1234)
    inputs = {
        "empty": b"",
        "garbage": bytes(rng.randrange(256) for _ in range(1 << 20)),
        "invalid-utf8": b"category caf\xe9;\nnote intro \"\xff\xfe\";\n",
        "nul-bytes": b"category a;\x00\x00category b;\n",
        "unterminated-string": b"note intro \"never closed",
        "unterminated-comment": b"category a; /* never closed",
        "nested-braces": b"category a " + b"{ b " * 10000 + b"}" * 10000,
        "long-line": b"category a;" + b" use a for b;" * 80000,
        "long-name": b"category " + b"n" * 100000 + b";",
        "crlf-bom": b"\xef\xbb\xbfcategory a;\r\nuse a for b;\r\n",
    }
    for name, data in inputs.items():
        path = write(name + ".policy", data, "wb")
        expect_survives(run("check", path, timeout=60), name)
        expect_survives(run("check", "-ferror-limit=0", path, timeout=120),
                        name + " without error limit", bounded=False)


@case
def hostile_import_chain():
    # 100 files, each importing the next: the chain is cut at 64 with one error.
    for i in range(100):
        imports = 'import "f%d.policy";\n' % (i + 1) if i + 1 < 100 else ""
        write("f%d.policy" % i, imports + "category c%d;\n" % i)
    result, document = run_json("check", os.path.join(WORK, "f0.policy"), timeout=60)
    expect(result.returncode == 1, "exit 1", result)
    expect(ids_of(document) == ["err_import_too_deep"], "one err_import_too_deep", result)
    write("self.policy", 'import "self.policy";\n')
    result, document = run_json("check", os.path.join(WORK, "self.policy"))
    expect(ids_of(document) == ["err_import_cycle"], "a file importing itself", result)


@case
def hostile_50mb_file():
    # 50 MB of declarations and statements; the error at the end keeps the checker out, so
    # that this measures the front end (the checker has its own benchmarks). Descriptions
    # make each block about 300 bytes, which keeps the file's statements
    # and declarations inside the limits: hostile_too_many_statements goes past them.
    description = ' "' + "described at length so that the block is long " * 4 + '"'
    block = (CLEAN.replace("contact", "c#").replace("support", "p#").replace("website", "s#")
             .replace(" { email; }", description + " { email; }"))
    blocks = 50_000_000 // len(block) + 1
    expect(4 * blocks < 800_000, "the blocks stay within the statement limit")
    text = "".join(block.replace("#", str(i)) for i in range(blocks))
    path = write("fifty.policy", text + "use c0 for missing;\n")
    expect(os.path.getsize(path) >= 50_000_000, "the file is 50 MB")
    result = run("check", path, timeout=300)
    expect(result.returncode == 1, "exit 1 for the one error at the end", result)
    expect(result.stderr.count("error:") == 1, "only that error", result)


@case
def hostile_too_many_statements():
    # One declaration past the statement limit (800,000, which keeps the largest policy the
    # limits admit within about 2 GB): an error while parsing, never a run out of memory.
    text = "".join("category c%d;\n" % i for i in range(800_001))
    path = write("million.policy", text)
    result = run("check", path, timeout=300)
    expect(result.returncode == 1, "exit 1", result)
    expect("more than 800000 statements" in result.stderr, "the limit is named", result)
    expect("[-Wlimits]" in result.stderr, "under -Wlimits", result)
    expect(result.stderr.count("error:") == 1, "only that error: nothing past it is analysed",
           result)


@case
def hostile_too_many_tokens():
    # Few statements, many tokens: 41 categories of 99,990 members each (two tokens a member,
    # 8.2 million in all, each declaration within the 200,000 tokens of one statement) pass
    # the token limit, which bounds what the trees and the model cost.
    member = " m%d;"
    blocks = []
    for g in range(41):
        blocks.append("category c%d {" % g + "".join(member % i for i in range(99_990)) + " }\n")
    path = write("members.policy", "".join(blocks))
    result = run("check", path, timeout=300)
    expect(result.returncode == 1, "exit 1", result)
    expect("more than 8000000 tokens" in result.stderr, "the limit is named", result)
    expect(result.stderr.count("error:") == 1, "only that error", result)


@case
def hostile_policy_too_large():
    # Every file within the file limit, together past the policy limit (64 MiB): the import
    # that crosses it is refused with its own error.
    chunk = "// " + "x" * 1020 + "\n"
    names = []
    for i in range(3):
        name = "part%d.policy" % i
        write(name, chunk * (24 * 1024))  # 24 MiB of comments each
        names.append(name)
    path = write("parts.policy", "".join('import "%s";\n' % name for name in names))
    result = run("check", path, timeout=300)
    expect(result.returncode == 1, "exit 1", result)
    expect("importing" in result.stderr and "part2.policy" in result.stderr
           and "[-Wlimits]" in result.stderr, "the third import is refused", result)
    expect(result.stderr.count("error:") == 1, "only that error", result)


def main():
    global POLICYC, WORK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policyc", help="the policyc executable")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the case names")
    options = parser.parse_args()
    if options.list:
        print("\n".join(CASES))
        return 0
    if not options.policyc:
        parser.error("--policyc is required")
    POLICYC = os.path.abspath(options.policyc)
    names = options.case or list(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error("unknown case: " + ", ".join(unknown))
    failures = 0
    for name in names:
        with tempfile.TemporaryDirectory(prefix="policyc-cli-") as work:
            WORK = work
            try:
                CASES[name]()
                print("PASS", name)
            except (Failure, subprocess.TimeoutExpired) as error:
                failures += 1
                print("FAIL", name, "\n ", error)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
