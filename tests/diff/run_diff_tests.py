#!/usr/bin/env python3
"""policyc diff: the three output formats against goldens, the examples of docs/diff.md,
--fail-on exit codes, and rev:path read from a temporary git repository.

    run_diff_tests.py --policyc PATH --case NAME   run one case (ctest runs each as a test)
    run_diff_tests.py --policyc PATH --update      rewrite the goldens (scripts/update-goldens)

Each pair is a folder under tests/diff/ with old.policy and new.policy; its goldens are
expected.txt, expected.md and expected.json next to them.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


def pairs():
    return sorted(name for name in os.listdir(HERE)
                  if os.path.isfile(os.path.join(HERE, name, "old.policy")))


def run(policyc, *args, cwd=None):
    return subprocess.run([policyc, "diff", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


def diff_pair(policyc, pair, fmt):
    # Relative paths, so that the goldens name the files the same on every machine.
    return run(policyc, f"--format={fmt}", "old.policy", "new.policy",
               cwd=os.path.join(HERE, pair))


@case
def goldens(policyc, update=False):
    for pair in pairs():
        for fmt, name in FORMATS.items():
            result = diff_pair(policyc, pair, fmt)
            if result.returncode != 0:
                sys.exit(f"{pair} --format={fmt}: exit {result.returncode}\n{result.stderr}")
            path = os.path.join(HERE, pair, name)
            if update:
                with open(path, "w") as handle:
                    handle.write(result.stdout)
                continue
            with open(path) as handle:
                expected = handle.read()
            if result.stdout != expected:
                sys.exit(f"{pair} --format={fmt} differs from {path}:\n{result.stdout}")


@case
def same_policy_has_no_changes(policyc, update=False):
    for pair in pairs():
        for side in ("old.policy", "new.policy"):
            result = run(policyc, "--fail-on=any", side, side, cwd=os.path.join(HERE, pair))
            if result.returncode != 0 or "0 changes, 0 material" not in result.stdout:
                sys.exit(f"{pair}/{side} against itself: exit {result.returncode}\n"
                         f"{result.stdout}{result.stderr}")


@case
def docs_examples(policyc, update=False):
    """Every ```text block of docs/diff.md that follows a `policyc diff` command line in a
    ```sh block is that command's output, run in tests/diff/."""
    with open(os.path.join(ROOT, "docs", "diff.md")) as handle:
        lines = handle.read().split("\n")
    checked = 0
    i = 0
    while i < len(lines):
        if lines[i] == "```sh" and lines[i + 1].startswith("$ policyc diff "):
            args = lines[i + 1][len("$ policyc diff "):].split()
            j = lines.index("```text", i + 2)
            k = lines.index("```", j + 1)
            expected = "\n".join(lines[j + 1:k]) + "\n"
            result = run(policyc, *args, cwd=HERE)
            if result.stdout != expected:
                sys.exit(f"docs/diff.md: `policyc diff {' '.join(args)}` prints:\n"
                         f"{result.stdout}\nnot:\n{expected}")
            checked += 1
            i = k
        i += 1
    if checked == 0:
        sys.exit("docs/diff.md has no example to check")


@case
def fail_on(policyc, update=False):
    cwd = os.path.join(HERE, "shop")
    expectations = [("none", 0), ("material", 1), ("any", 1)]
    for option, code in expectations:
        result = run(policyc, f"--fail-on={option}", "old.policy", "new.policy", cwd=cwd)
        if result.returncode != code:
            sys.exit(f"--fail-on={option}: exit {result.returncode}, expected {code}")
    # The reverse change only narrows and denies: a change, but not a material one.
    result = run(policyc, "--fail-on=material", "new.policy", "old.policy", cwd=cwd)
    if result.returncode != 1:
        sys.exit(f"new -> old with --fail-on=material: exit {result.returncode}")
    missing = run(policyc, "old.policy", "no-such.policy", cwd=cwd)
    if missing.returncode != 2:
        sys.exit(f"a missing file: exit {missing.returncode}, expected 2")
    bad = run(policyc, "--fail-on=sometimes", "old.policy", "new.policy", cwd=cwd)
    if bad.returncode != 2:
        sys.exit(f"a bad --fail-on: exit {bad.returncode}, expected 2")


@case
def git_revisions(policyc, update=False):
    git = shutil.which("git")
    if not git:
        sys.exit("git is needed for rev:path")
    with tempfile.TemporaryDirectory() as work:
        def sh(*args):
            subprocess.run([git, "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=work,
                           check=True, capture_output=True)
        sh("init", "-q")
        os.makedirs(os.path.join(work, "policy"))
        # The policy imports its vocabulary: rev:path reads imports at that revision too.
        for name in ("old.policy", "new.policy"):
            with open(os.path.join(HERE, "shop", name)) as handle:
                text = handle.read()
            with open(os.path.join(work, "policy", "shop.policy"), "w") as handle:
                handle.write(text)
            sh("add", "-A")
            sh("commit", "-q", "-m", name)
        result = run(policyc, "--fail-on=material", "HEAD~1:policy/shop.policy",
                     "policy/shop.policy", cwd=work)
        if result.returncode != 1:
            sys.exit(f"rev:path: exit {result.returncode}\n{result.stdout}{result.stderr}")
        if "HEAD~1:policy/shop.policy:" not in result.stdout:
            sys.exit(f"rev:path: statements are not named by revision:\n{result.stdout}")
        with open(os.path.join(HERE, "shop", "expected.txt")) as handle:
            golden = handle.read()
        if golden.count("[material]") != result.stdout.count("[material]"):
            sys.exit(f"rev:path differs from the files:\n{result.stdout}")
        same = run(policyc, "--fail-on=any", "HEAD:policy/shop.policy", "policy/shop.policy",
                   cwd=work)
        if same.returncode != 0:
            sys.exit(f"HEAD against the work tree: exit {same.returncode}\n{same.stdout}")
        missing = run(policyc, "HEAD:nothing.policy", "policy/shop.policy", cwd=work)
        if missing.returncode != 2:
            sys.exit(f"a path missing at a revision: exit {missing.returncode}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--policyc")
    parser.add_argument("--case")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.policyc:
        args.policyc = os.path.abspath(args.policyc)
    if args.list:
        print("\n".join(CASES))
        return
    if args.update:
        goldens(args.policyc, update=True)
        return
    for name, function in CASES.items():
        if args.case in (None, name):
            function(args.policyc)


if __name__ == "__main__":
    main()
