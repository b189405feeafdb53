#!/usr/bin/env python3
"""The policy author's toolchain through the real executable: policyc fmt, policyc init, the
project configuration (policyc.toml) and policyc-ignore suppressions, and the examples of
docs/fmt.md, docs/init.md, docs/configuration.md and of the configuration entries of
docs/checks.md, which are run as written.

    run_format_tests.py --policyc PATH --case NAME   run one case (ctest runs each as a test)
    run_format_tests.py --policyc PATH               run every case
    run_format_tests.py --list                       print the case names

Each case prints what it checked when it fails and exits non-zero.
"""

import argparse
import glob
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time

POLICYC = None
WORK = None
SOURCE_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CASES = {}

CLEAN = """\
category contact { email; }
purpose support basis contract;
source website;
collect contact from website for support;
"""

UNFORMATTED = """\
category contact {email;phone;}
purpose support basis contract;   source website;
collect contact.email, contact.phone from website for support;
"""

FORMATTED = """\
category contact {
  email;
  phone;
}
purpose support basis contract;
source website;
collect contact.email, contact.phone from website for support;
"""

# A contradiction (permit-prohibited) accepted by a suppression comment.
SUPPRESSED = """\
category contact { email; }
purpose support basis contract;
source website;
// policyc-ignore[permit-prohibited]: support reads e-mails; legal approved (PRIV-12)
collect contact from website for support;
never use contact.email for support;
"""


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
            " ".join(result.args), result.returncode, result.stdout[:3000], result.stderr[:3000])
    raise Failure(details)


def write(name, text, mode="w"):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, newline="") as out:
        out.write(text)
    return path


def read(name):
    with open(os.path.join(WORK, name), newline="") as file:
        return file.read()


def run(*args, stdin=None, timeout=120, cwd=None):
    """Runs policyc with `args`; returns the CompletedProcess with text output."""
    result = subprocess.run([POLICYC, *args], input=stdin, capture_output=True, timeout=timeout,
                            cwd=cwd or WORK)
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def run_json(*args, **kwargs):
    result = run(*args, **kwargs)
    try:
        return result, json.loads(result.stdout)
    except ValueError as error:
        raise Failure("stdout is not JSON (%s):\n%s\n%s" % (error, result.stdout[:2000],
                                                           result.stderr[:2000]))


# --- policyc fmt --------------------------------------------------------------------------

@case
def fmt_prints_the_formatted_text():
    path = write("shop.policy", UNFORMATTED)
    result = run("fmt", "shop.policy")
    expect(result.returncode == 0, "exit 0", result)
    expect(result.stdout == FORMATTED, "the formatted text on standard output", result)
    expect(read("shop.policy") == UNFORMATTED, "the file is left alone", result)
    result = run("fmt", "-", stdin=UNFORMATTED.encode())
    expect(result.returncode == 0 and result.stdout == FORMATTED, "'-' reads standard input",
           result)
    expect(os.path.exists(path), "the file is still there")


@case
def fmt_check_lists_the_files_that_would_change():
    write("shop.policy", UNFORMATTED)
    write("tidy.policy", FORMATTED)
    result = run("fmt", "--check", "shop.policy", "tidy.policy")
    expect(result.returncode == 1, "a file that would change: exit 1", result)
    expect(result.stdout == "shop.policy\n", "only that file is listed", result)
    expect(read("shop.policy") == UNFORMATTED, "nothing is written", result)
    result = run("fmt", "--check", "tidy.policy")
    expect(result.returncode == 0 and result.stdout == "", "formatted: exit 0, silent", result)


@case
def fmt_diff_prints_a_unified_diff():
    write("shop.policy", UNFORMATTED)
    result = run("fmt", "--diff", "shop.policy")
    expect(result.returncode == 0, "--diff alone exits 0", result)
    expect(result.stdout.startswith("--- shop.policy\n+++ shop.policy\n@@ -1,3 +1,7 @@\n"),
           "a unified diff naming the file", result)
    expect("\n-category contact {email;phone;}\n" in result.stdout and
           "\n+category contact {\n+  email;\n" in result.stdout, "with the changed lines", result)
    result = run("fmt", "--diff", "--check", "shop.policy")
    expect(result.returncode == 1, "--diff --check exits 1 when there is a difference", result)
    write("tidy.policy", FORMATTED)
    result = run("fmt", "--diff", "tidy.policy")
    expect(result.returncode == 0 and result.stdout == "", "no difference, no output", result)


@case
def fmt_write_rewrites_only_changed_files_in_place():
    path = write("shop.policy", UNFORMATTED)
    tidy = write("tidy.policy", FORMATTED)
    os.chmod(path, 0o640)
    old = time.time() - 1000
    os.utime(tidy, (old, old))
    result = run("fmt", "-i", "shop.policy", "tidy.policy")
    expect(result.returncode == 0 and result.stdout == "", "-i: exit 0, silent", result)
    expect(read("shop.policy") == FORMATTED, "the file is rewritten", result)
    expect(stat.S_IMODE(os.stat(path).st_mode) == 0o640, "its permissions are kept", result)
    expect(abs(os.stat(tidy).st_mtime - old) < 1, "an unchanged file is not touched", result)
    expect(sorted(os.listdir(WORK)) == ["shop.policy", "tidy.policy"],
           "no temporary file is left behind", result)
    result = run("fmt", "--write", "shop.policy")
    expect(result.returncode == 0, "--write is -i", result)


@case
def fmt_refuses_files_with_syntax_errors():
    broken = "category contact { email; }\ncollect contact from;\n"
    path = write("broken.policy", broken)
    write("shop.policy", UNFORMATTED)
    result = run("fmt", "-i", "broken.policy", "shop.policy")
    expect(result.returncode == 1, "a syntax error exits 1", result)
    expect("broken.policy:2:21: error: expected a name or '*', found ';'" in result.stderr,
           "the syntax error is reported where it is", result)
    expect(read("broken.policy") == broken, "nothing is written to it", result)
    expect(read("shop.policy") == FORMATTED, "the other file is still formatted", result)
    result = run("fmt", "--check", "broken.policy")
    expect(result.returncode == 1 and result.stdout == "", "--check: exit 1, not listed", result)
    expect(os.path.exists(path), "the file is still there")


@case
def fmt_usage_and_io_errors_exit_2():
    write("shop.policy", UNFORMATTED)
    for args, message in ((["-i", "--check", "shop.policy"], "cannot be combined"),
                          (["-i", "--diff", "shop.policy"], "cannot be combined"),
                          (["-i", "-"], "cannot rewrite standard input"),
                          (["missing.policy"], "cannot open 'missing.policy'"),
                          ([WORK], "is a directory"),
                          ([], "at least 1 positional argument")):
        result = run("fmt", *args)
        expect(result.returncode == 2, "exit 2 for %s" % args, result)
        expect(message in result.stderr, "the error says: " + message, result)
    expect(read("shop.policy") == UNFORMATTED, "nothing is written", None)


@case
def fmt_help_lists_its_options():
    result = run("fmt", "--help")
    expect(result.returncode == 0, "exit 0", result)
    for option in ("--check", "--diff", "--write", "(-i)"):
        expect(option in result.stdout, "--help mentions " + option, result)
    result = run("--help")
    expect("policyc fmt FILE..." in result.stdout and "policyc init [DIR]" in result.stdout,
           "policyc --help lists fmt and init", result)


@case
def shipped_policies_are_formatted():
    policies = sorted(glob.glob(os.path.join(SOURCE_DIR, "policies", "*.policy")))
    expect(len(policies) >= 2, "policies/ has policies")
    result = run("fmt", "--check", *policies)
    expect(result.returncode == 0,
           "every policy of policies/ is formatted; run scripts/format-policies", result)


@case
def format_policies_script_formats_a_copy():
    # scripts/format-policies rewrites policies/ in place; run it on a copy of the tree's
    # policies (POLICYC and POLICIES_DIR select them) and check that it formats them.
    folder = os.path.join(WORK, "policies")
    os.makedirs(folder)
    write("policies/a.policy", UNFORMATTED)
    write("policies/b.policy", FORMATTED)
    script = os.path.join(SOURCE_DIR, "scripts", "format-policies")
    result = subprocess.run([script], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, POLICYC=POLICYC, POLICIES_DIR=folder))
    expect(result.returncode == 0, "the script succeeds", result)
    expect(read("policies/a.policy") == FORMATTED, "it formats the policies", result)
    expect("policies/a.policy" in result.stdout and "b.policy" not in result.stdout,
           "it names the files it changed", result)


# --- policyc init -------------------------------------------------------------------------

@case
def init_writes_a_starter_project_that_checks_clean():
    result = run("init", "project")
    expect(result.returncode == 0, "exit 0", result)
    for name in ("privacy.policy", "privacy.test.policy", "policyc.toml",
                 ".github/workflows/policyc.yml"):
        expect(os.path.isfile(os.path.join(WORK, "project", name)), name + " is written", result)
        expect("project/" + name in result.stdout, "and named", result)
    project = os.path.join(WORK, "project")
    # Its own configuration applies: the GDPR profile and -Werror.
    result = run("check", "privacy.policy", cwd=project)
    expect(result.returncode == 0 and result.stderr == "",
           "the starter policy checks clean under its configuration", result)
    result = run("check", "--profile=gdpr,ccpa", "-Werror", "privacy.policy", cwd=project)
    expect(result.returncode == 1 and "CCPA" in result.stderr,
           "the configuration is really read (CCPA is not met, GDPR is)", result)
    result = run("fmt", "--check", "privacy.policy", "privacy.test.policy", cwd=project)
    expect(result.returncode == 0, "the starter policy and its tests are formatted", result)
    result = run("test", "privacy.test.policy", cwd=project)
    expect(result.returncode == 0, "the starter tests pass", result)
    result = run("check", "privacy.test.policy", cwd=project)
    expect(result.returncode == 0 and result.stderr == "", "and check clean", result)
    result = run("gen", "cpp", "privacy.policy", cwd=project)
    expect(result.returncode == 0 and "namespace example::privacy" in result.stdout,
           "gen cpp takes the namespace of policyc.toml", result)
    workflow = read("project/.github/workflows/policyc.yml")
    expect("policyc check --diagnostics-format=sarif privacy.policy > policyc.sarif" in workflow,
           "the workflow checks with SARIF output", None)
    expect("github/codeql-action/upload-sarif" in workflow and "sarif_file: policyc.sarif"
           in workflow, "and uploads it", None)
    expect("policyc test privacy.test.policy" in workflow, "and runs the tests", None)
    expect("security-events: write" in workflow, "with the permission that needs", None)
    with open(os.path.join(SOURCE_DIR, "compiler", "driver", "init", "privacy.policy")) as source:
        expect(read("project/privacy.policy") == source.read(), "the embedded template is current")


@case
def init_refuses_to_overwrite():
    existing = write("privacy.policy", "// mine\n")
    result = run("init")
    expect(result.returncode == 2, "an existing file: exit 2", result)
    expect("privacy.policy' exists already" in result.stderr, "it is named", result)
    expect("nothing was written" in result.stderr, "and nothing else is written", result)
    expect(read("privacy.policy") == "// mine\n", "it is left alone", result)
    expect(sorted(os.listdir(WORK)) == ["privacy.policy"], "no other file is written", result)
    expect(os.path.exists(existing), "still there")


# --- the project configuration -------------------------------------------------------------

@case
def config_gives_profile_and_warnings():
    write("clean.policy", CLEAN)
    write("policyc.toml", 'profile = ["gdpr"]\n')
    result, document = run_json("check", "--diagnostics-format=json", "clean.policy")
    expect(result.returncode == 1, "the GDPR profile of the configuration applies", result)
    expect("err_profile_missing_right" in [d["id"] for d in document["diagnostics"]],
           "a GDPR finding", result)
    # The command line wins: --profile replaces the configuration's list.
    result = run("check", "--profile=ccpa", "clean.policy")
    expect("GDPR" not in result.stderr and "CCPA" in result.stderr,
           "--profile replaces the configuration's profiles", result)
    result = run("check", "--no-config", "clean.policy")
    expect(result.returncode == 0 and result.stderr == "", "--no-config ignores it", result)

    write("warning.policy", CLEAN + "category unused;\n")
    write("policyc.toml", 'warnings = ["-Werror"]\n')
    result = run("check", "warning.policy")
    expect(result.returncode == 1 and "error: category 'unused'" in result.stderr,
           "-Werror of the configuration applies", result)
    result = run("check", "-Wno-error", "warning.policy")
    expect(result.returncode == 0 and "warning: category 'unused'" in result.stderr,
           "-Wno-error on the command line wins", result)


@case
def config_is_found_upward_and_named_explicitly():
    write("project/policyc.toml", 'profile = ["gdpr"]\n')
    write("project/policies/eu/clean.policy", CLEAN)
    result = run("check", "policies/eu/clean.policy", cwd=os.path.join(WORK, "project"))
    expect(result.returncode == 1 and "GDPR" in result.stderr, "found two folders up", result)
    write("other.toml", "[gen]\n")
    result = run("check", "--config=" + os.path.join(WORK, "other.toml"),
                 "project/policies/eu/clean.policy")
    expect(result.returncode == 0, "--config names another file", result)
    result = run("check", "-", stdin=CLEAN.encode(), cwd=os.path.join(WORK, "project"))
    expect(result.returncode == 1 and "GDPR" in result.stderr,
           "standard input: found from the working directory", result)


@case
def config_errors_exit_2():
    write("clean.policy", CLEAN)
    write("policyc.toml", 'profile = ["gdpr"\n[gne]\n')
    result = run("check", "clean.policy")
    expect(result.returncode == 2, "a configuration error exits 2", result)
    expect("policyc.toml:2:1: error: expected ',' or ']' in the list [-Wconfig]" in result.stderr,
           "err_config_syntax names the place", result)
    write("policyc.toml", '[gne]\n')
    result, document = run_json("check", "--diagnostics-format=json", "clean.policy")
    expect(result.returncode == 2, "exit 2", result)
    expect([d["id"] for d in document["diagnostics"]] == ["err_config_unknown_key"],
           "err_config_unknown_key", result)
    write("policyc.toml", 'warnings = ["-Wno-syntax"]\n')
    result = run("check", "clean.policy")
    expect(result.returncode == 2 and "cannot be disabled" in result.stderr,
           "err_config_value for a -W that would disable an error", result)
    write("policyc.toml", '[gen]\nnamespace = "not a namespace"\n')
    result = run("gen", "cpp", "clean.policy")
    expect(result.returncode == 2 and "policyc.toml:2:13: error: invalid value for 'namespace'"
           in result.stderr, "gen checks the namespace of the configuration", result)
    result = run("gen", "cpp", "--namespace=acme", "clean.policy")
    expect(result.returncode == 0, "--namespace wins over the configuration", result)


@case
def config_gives_gen_options():
    write("clean.policy", CLEAN)
    write("policyc.toml", '[gen]\nnamespace = "acme::privacy"\ntext-format = "html"\n')
    result = run("gen", "cpp", "clean.policy", "-o", "clean.hpp", "--depfile", "clean.hpp.d")
    expect(result.returncode == 0, "exit 0", result)
    expect("namespace acme::privacy" in read("clean.hpp"), "the namespace of the configuration",
           result)
    expect("policyc.toml" in read("clean.hpp.d"),
           "the depfile names the configuration, so a change to it regenerates", result)
    result = run("gen", "text", "clean.policy")
    expect(result.stdout.startswith("<!DOCTYPE html>"), "text-format = html", result)
    result = run("gen", "text", "--format=md", "clean.policy")
    expect(not result.stdout.startswith("<!DOCTYPE html>"), "--format wins", result)


# --- suppressions ---------------------------------------------------------------------------

@case
def suppressed_findings_leave_text_output_and_exit_code():
    write("suppressed.policy", SUPPRESSED)
    result = run("check", "suppressed.policy")
    expect(result.returncode == 0, "a suppressed contradiction does not fail the run", result)
    expect(result.stderr == "", "nor is it printed", result)
    result = run("check", "-Werror", "suppressed.policy")
    expect(result.returncode == 0, "not under -Werror either", result)
    unsuppressed = SUPPRESSED.replace("// policyc-ignore", "// policyc-ignored")
    write("plain.policy", unsuppressed)
    result = run("check", "plain.policy")
    expect(result.returncode == 1, "without the comment it is an error", result)


@case
def suppressed_findings_in_json():
    write("suppressed.policy", SUPPRESSED)
    result, document = run_json("check", "--diagnostics-format=json", "suppressed.policy")
    expect(document["errors"] == 0 and document["warnings"] == 0,
           "a suppressed finding counts as neither", result)
    found = [d for d in document["diagnostics"] if d["id"] == "err_permit_prohibited"]
    expect(len(found) == 1, "but it is listed", result)
    suppression = found[0].get("suppression")
    expect(suppression is not None and suppression["justification"] ==
           "support reads e-mails; legal approved (PRIV-12)", "with its justification", result)
    expect(suppression["location"]["line"] == 4, "and the comment's place", result)
    write("clean.policy", CLEAN)
    result, document = run_json("check", "--diagnostics-format=json", "clean.policy")
    expect(all("suppression" not in d for d in document["diagnostics"]),
           "other documents keep their shape", result)


@case
def suppressed_findings_in_sarif():
    write("suppressed.policy", SUPPRESSED)
    result, log = run_json("check", "--diagnostics-format=sarif", "suppressed.policy")
    results = log["runs"][0]["results"]
    found = [r for r in results if r["ruleId"] == "err_permit_prohibited"]
    expect(len(found) == 1, "the finding is a result", result)
    suppressions = found[0].get("suppressions") or [{}]
    expect(len(suppressions) == 1 and suppressions[0].get("kind") == "inSource" and
           suppressions[0].get("justification") ==
           "support reads e-mails; legal approved (PRIV-12)",
           "SARIF 2.1.0 suppressions: inSource, with the justification", result)
    region = suppressions[0]["location"]["physicalLocation"]["region"]
    expect(region["startLine"] == 4, "and where the comment is", result)


@case
def suppression_survives_formatting():
    text = ("category contact { email; }\npurpose support basis contract;\nsource website;\n"
            "collect contact from website for support // policyc-ignore[permit-prohibited]: ok\n"
            ";\nnever use contact.email for support;\n")
    write("p.policy", text)
    before = run("check", "p.policy")
    expect(before.returncode == 0, "suppressed before formatting", before)
    result = run("fmt", "-i", "p.policy")
    expect(result.returncode == 0, "formatted", result)
    expect("for support; // policyc-ignore" in read("p.policy"), "the comment moved after ';'",
           result)
    after = run("check", "p.policy")
    expect(after.returncode == 0, "still suppressed after formatting", after)


# --- documentation examples -------------------------------------------------------------------

FENCE = re.compile(r"^```(\w*)\s*$")
FILE_MARKER = re.compile(r"^<!-- file: (\S+) -->\s*$")


def run_doc_sessions(document):
    """Runs the examples of a docs page as written: a fenced block right after a line
    `<!-- file: NAME -->` is written to NAME; in ```console blocks, each line starting with
    `$ ` is a command run by the shell (with this build's policyc first on the PATH) and the
    lines up to the next command are its standard output and error. `$ echo $?` prints the
    exit status of the command before it. Returns the number of commands run."""
    path = os.path.join(SOURCE_DIR, "docs", document)
    with open(path) as file:
        lines = file.read().split("\n")
    env = dict(os.environ, PATH=os.path.dirname(POLICYC) + os.pathsep + os.environ["PATH"])
    commands = 0
    pending_file = None
    i = 0
    last_status = 0
    while i < len(lines):
        marker = FILE_MARKER.match(lines[i])
        if marker:
            pending_file = marker.group(1)
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        language = fence.group(1)
        body = []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        i += 1
        if pending_file:
            write(pending_file, "\n".join(body) + "\n")
            pending_file = None
            continue
        if language != "console":
            continue
        j = 0
        while j < len(body):
            expect(body[j].startswith("$ "), "%s: a console block starts with '$ ': %r" % (
                document, body[j]))
            command = body[j][2:]
            j += 1
            expected = []
            while j < len(body) and not body[j].startswith("$ "):
                expected.append(body[j])
                j += 1
            expected_text = "".join(line + "\n" for line in expected)
            commands += 1
            if command == "echo $?":
                actual = "%d\n" % last_status
                expect(actual == expected_text, "%s: exit status of the command before: %s, "
                       "documented %s" % (document, actual.strip(), expected_text.strip()))
                continue
            result = subprocess.run(command + " 2>&1", shell=True, cwd=WORK, env=env,
                                    capture_output=True, text=True, timeout=120)
            last_status = result.returncode
            expect(result.stdout == expected_text,
                   "%s: `%s` printed\n%s\ninstead of the documented\n%s" % (
                       document, command, result.stdout, expected_text))
    return commands


@case
def docs_fmt_examples_are_true():
    expect(run_doc_sessions("fmt.md") >= 5, "docs/fmt.md has examples")


@case
def docs_init_examples_are_true():
    expect(run_doc_sessions("init.md") >= 3, "docs/init.md has examples")


@case
def docs_configuration_examples_are_true():
    expect(run_doc_sessions("configuration.md") >= 6, "docs/configuration.md has examples")


def checks_section(title):
    """The `### id` entries of a section of docs/checks.md: [(id, body)]."""
    with open(os.path.join(SOURCE_DIR, "docs", "checks.md")) as file:
        text = file.read()
    section = text[text.index("\n## %s\n" % title) + 1:]
    end = section.find("\n## ")
    if end != -1:
        section = section[:end]
    return re.findall(r"\n### (\w+)\n(.*?)(?=\n### |\Z)", section, re.S)


@case
def docs_checks_suppression_entries_are_true():
    """The entries of the section "Suppressions" of docs/checks.md: the "Triggers" policy
    produces the id, the "Fixed" one nothing at all."""
    entries = checks_section("Suppressions")
    ids = [entry[0] for entry in entries]
    expect(ids == ["err_suppression_malformed", "err_suppression_without_reason",
                   "err_suppression_unknown_flag", "err_suppression_not_adjustable",
                   "warn_unused_suppression"], "the section documents the five ids: %s" % ids)
    for identifier, body in entries:
        for label, wanted in (("Triggers:", True), ("Fixed:", False)):
            block = re.search(re.escape(label) + r"\n```policy\n(.*?)```", body, re.S)
            expect(block is not None, "%s has a %s policy block" % (identifier, label))
            write("example.policy", block.group(1))
            result, document = run_json("check", "--no-config", "--diagnostics-format=json",
                                        "example.policy")
            found = [d["id"] for d in document["diagnostics"] if "suppression" not in d]
            if wanted:
                expect(identifier in found, "%s: the Triggers example produces it" % identifier,
                       result)
            else:
                expect(found == [] and result.returncode == 0,
                       "%s: the Fixed example is clean (suppressed findings aside)" % identifier,
                       result)


@case
def docs_checks_configuration_entries_are_true():
    """The entries err_config_syntax, err_config_unknown_key, err_config_duplicate_key and
    err_config_value of docs/checks.md: the "Triggers" configuration produces the id beside a
    policy that meets every requirement (the starter policy of policyc init), the "Fixed" one
    nothing."""
    entries = checks_section("Project configuration")
    ids = [entry[0] for entry in entries]
    expect(ids == ["err_config_syntax", "err_config_unknown_key", "err_config_duplicate_key",
                   "err_config_value"], "the section documents the four ids: %s" % ids)
    with open(os.path.join(SOURCE_DIR, "compiler", "driver", "init", "privacy.policy")) as file:
        write("clean.policy", file.read())
    for identifier, body in entries:
        for label, wanted in (("Triggers:", True), ("Fixed:", False)):
            block = re.search(re.escape(label) + r"\n```toml\n(.*?)```", body, re.S)
            expect(block is not None, "%s has a %s toml block" % (identifier, label))
            write("policyc.toml", block.group(1))
            result, document = run_json("check", "--diagnostics-format=json", "clean.policy")
            found = [d["id"] for d in document["diagnostics"]]
            if wanted:
                expect(identifier in found, "%s: the Triggers example produces it" % identifier,
                       result)
            else:
                expect(found == [] and result.returncode == 0,
                       "%s: the Fixed example is clean" % identifier, result)


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
        with tempfile.TemporaryDirectory(prefix="policyc-format-") as work:
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
