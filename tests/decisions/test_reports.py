#!/usr/bin/env python3
"""`policyc test` end to end: exit codes, the text summary, the JSON and JUnit XML reports,
and that docs/test.md shows the test files of this folder as they are.

    test_reports.py --policyc PATH
"""
import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(policyc, *args):
    return subprocess.run([policyc, "test", *args], cwd=HERE, capture_output=True, text=True,
                          timeout=120)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--policyc", required=True)
    policyc = parser.parse_args().policyc
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    # Passing tests exit 0 and say so; the summary names the statements no test reached.
    passing = run(policyc, "shop.test.policy")
    expect(passing.returncode == 0, "passing tests exit %d: %s" % (passing.returncode,
                                                                    passing.stderr))
    expect("11 expectations, 11 passed, 0 failed" in passing.stdout,
           "text summary: " + passing.stdout)
    expect("statements that decided a test question: 6 of 6" in passing.stdout and
           "not exercised" not in passing.stdout, "every rule statement exercised: " +
           passing.stdout)

    # Failing tests exit 1 (err_expectation_failed, note_decided_by) and print where.
    failing = run(policyc, "fail-expectations.policy")
    expect(failing.returncode == 1, "failing tests exit %d" % failing.returncode)
    expect("error: expected deny, but the use of contact.email" in failing.stderr,
           "err_expectation_failed in text: " + failing.stderr)
    expect("note: 'use contact.email from website.checkout for marketing.newsletter when consent "
           "newsletter_email;' decides it (statement 3)" in failing.stderr,
           "note_decided_by names the deciding statement: " + failing.stderr)

    # JSON: one document, every expectation with its outcome and the failing question.
    report = json.loads(run(policyc, "--format=json", "shop.test.policy",
                            "fail-expectations.policy").stdout)
    expect(report["summary"] == {"expectations": 15, "passed": 11, "failed": 4},
           "JSON summary: %r" % report["summary"])
    first = report["files"][1]["expectations"][0]
    expect(first["expected"] == "deny" and not first["passed"], "JSON outcome: %r" % first)
    expect(first["failure"]["question"] == {
        "relation": "tuple", "category": "contact.email", "source": "website.checkout",
        "purpose": "marketing.newsletter", "recipient": "us"}, "JSON question: %r" % first)
    expect(first["failure"]["decision"]["statement"] == 3 and
           first["failure"]["decision"]["reason"] == "permitted", "JSON decision: %r" % first)
    expect("newsletter_email" in first["consents"] and "analytics" in first["consents"],
           "JSON consents are the defaults plus the granted ones: %r" % first["consents"])
    # The failing file never asks about statements 2 (collect online) and 6 (never use payment
    # for marketing); only rule statements count (not retain, right, ...).
    expect([entry["statement"] for entry in report["files"][1]["unexercised"]] == [2, 6],
           "JSON lists the unexercised statements: %r" % report["files"][1]["unexercised"])
    expect(report["files"][0]["unexercised"] == [], "nothing unexercised in shop.test.policy")
    text = run(policyc, "fail-expectations.policy").stdout
    expect("not exercised by any test:" in text and "never use payment for marketing;" in text,
           "the text report lists the unexercised statements: " + text)

    # JUnit XML: a suite per file, a test case per expectation, failures with messages.
    junit = run(policyc, "--format=junit", "shop.test.policy", "fail-expectations.policy")
    root = ET.fromstring(junit.stdout)
    expect(root.tag == "testsuites" and root.get("tests") == "15" and
           root.get("failures") == "4", "JUnit totals: %r" % root.attrib)
    cases = root.findall("./testsuite/testcase")
    expect(len(cases) == 15, "JUnit test cases: %d" % len(cases))
    failed = [case for case in cases if case.find("failure") is not None]
    expect(len(failed) == 4 and "decided by statement 3" in (failed[0].find("failure").text or ""),
           "JUnit failures carry the deciding statement")

    # A test that names a typo is a policy error (exit 1), with sema's did-you-mean.
    typo = subprocess.run([policyc, "test", "-"], input='import "' + os.path.join(
        ROOT, "tests/golden/cpp/shop.policy") + '";\nexpect allow use contact.emial for '
        'fulfilment;\n', capture_output=True, text=True, cwd=HERE, timeout=60)
    expect(typo.returncode == 1 and "did you mean 'email'" in typo.stderr,
           "a typo in a test: %d %s" % (typo.returncode, typo.stderr))
    # A missing file is an I/O error (exit 2).
    missing = run(policyc, "no-such-file.policy")
    expect(missing.returncode == 2, "missing file exits %d" % missing.returncode)

    # docs/test.md shows these files verbatim.
    with open(os.path.join(ROOT, "docs", "test.md")) as f:
        doc = f.read()
    for name in ("shop.test.policy",):
        with open(os.path.join(HERE, name)) as f:
            expect(f.read().strip() in doc, "docs/test.md does not show %s as it is" % name)

    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
