#!/usr/bin/env python3
"""Times `policyc diff` on two versions of a synthetic 10,000-statement policy that differ in one
statement (bench/check/generate.py writes the policy; the new version drops its first `disclose`
statement). Prints the wall time of each run and their median; fails when the diff reports no
change or the median exceeds the limit (default 1 s).

    bench/diff/run.py --policyc build/policyc [--statements N] [--limit SECONDS]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATE = os.path.join(os.path.dirname(HERE), "check", "generate.py")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--statements", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=1.0)
    parser.add_argument("--workdir", default=os.getcwd())
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    old = os.path.join(args.workdir, "diff-old-%d.policy" % args.statements)
    new = os.path.join(args.workdir, "diff-new-%d.policy" % args.statements)
    subprocess.run([sys.executable, GENERATE, str(args.statements), old], check=True)
    with open(old) as handle:
        lines = handle.read().split("\n")
    edit = next(i for i, line in enumerate(lines) if line.startswith("disclose "))
    del lines[edit]
    with open(new, "w") as handle:
        handle.write("\n".join(lines))
    times = []
    for _ in range(args.repeat):
        start = time.monotonic()
        result = subprocess.run([args.policyc, "diff", "--format=json", old, new],
                                capture_output=True, text=True)
        times.append(time.monotonic() - start)
        if result.returncode != 0:
            sys.exit("policyc diff failed (%d):\n%s" % (result.returncode, result.stderr))
    report = json.loads(result.stdout)
    median = statistics.median(times)
    print("policyc diff, %d statements, one removed: %d changes (%d material); "
          "wall %s s, median %.3f s (limit %.1f s)"
          % (args.statements, report["changes"], report["material"],
             ", ".join("%.3f" % t for t in times), median, args.limit))
    if report["changes"] == 0:
        sys.exit("bench/diff: removing a statement was reported as no change")
    if median > args.limit:
        sys.exit("bench/diff: median %.3f s is over the limit of %.1f s" % (median, args.limit))


if __name__ == "__main__":
    main()
