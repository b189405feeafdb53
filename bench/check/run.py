#!/usr/bin/env python3
"""Times `policyc check` on synthetic policies and verifies their planted conflicts.

For each size N (default 1,000, 10,000 and 100,000 statements) it generates a policy with
generate.py, runs `policyc check -ftime-report -ferror-limit=0 --diagnostics-format=json`
REPEAT times, and reports the fastest wall time, the processor time (user + system) of that
run, the peak resident memory, policyc's own breakdown (load and parse, sema, check), and
whether the findings are exactly the planted ones (same id at the same line, nothing else).

    run.py --policyc build/policyc [--sizes 1000 10000 100000] [--repeat 3]
           [--workdir DIR] [--verify-only]

The generated policies go to DIR, by default bench/check/ in the build folder that holds
policyc (never the working directory: generated files do not belong in the repository).

Exit status 1 when a finding is missing or extra, or (unless --verify-only) when a target is
missed: 100,000 statements in under 2 s, and at most 15 times the time for 10 times the
statements.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIME_LINE = re.compile(
    r"load and parse ([\d.]+) s \(cpu ([\d.]+) s\), sema ([\d.]+) s \(cpu ([\d.]+) s\), "
    r"check ([\d.]+) s \(cpu ([\d.]+) s\)")


def generate(n, workdir, seed):
    policy = os.path.join(workdir, "synthetic-%d.policy" % n)
    expected = os.path.join(workdir, "synthetic-%d.expected.json" % n)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), policy,
                    "--seed", str(seed)], check=True)
    with open(expected) as f:
        return policy, json.load(f)


def run_once(policyc, policy):
    command = [policyc, "check", "-ftime-report", "-ferror-limit=0",
               "--diagnostics-format=json", policy]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        # wait4 gives this child's own processor time and peak resident memory.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024.0,
            "exit": os.waitstatus_to_exitcode(status),
            "stdout": out.read().decode(),
            "stderr": err.read().decode(),
        }


def findings_of(output):
    document = json.loads(output)
    return sorted((d["id"], d["location"]["line"] if d["location"] else 0)
                  for d in document["diagnostics"])


def measure(policyc, n, policy, expected, repeat):
    best = None
    for _ in range(repeat):
        result = run_once(policyc, policy)
        if best is None or result["wall"] < best["wall"]:
            best = result
    found = findings_of(best["stdout"])
    wanted = sorted((e["id"], e["line"]) for e in expected)
    times = TIME_LINE.search(best["stderr"])
    phases = [float(x) for x in times.groups()] if times else [float("nan")] * 6
    with open(policy) as f:
        statements = sum(1 for line in f if line.rstrip().endswith(";")
                         and not line.startswith(("category", "source", "purpose", "recipient",
                                                  "consent", "event", "  ", "policy")))
    return {
        "n": n, "statements": statements, "wall": best["wall"], "cpu": best["cpu"],
        "rss_mb": best["rss_mb"], "phases": phases, "expected": len(wanted),
        "found": len(found), "exact": found == wanted,
        "missing": sorted(set(wanted) - set(found))[:5],
        "extra": sorted(set(found) - set(wanted))[:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--workdir", help="where the generated policies go (default: "
                        "bench/check/ beside --policyc, in the build folder)")
    parser.add_argument("--verify-only", action="store_true")
    args = parser.parse_args()
    if args.workdir is None:
        args.workdir = os.path.join(os.path.dirname(os.path.abspath(args.policyc)), "bench",
                                    "check")
    os.makedirs(args.workdir, exist_ok=True)

    rows = []
    for n in args.sizes:
        policy, expected = generate(n, args.workdir, args.seed)
        rows.append(measure(os.path.abspath(args.policyc), n, policy, expected,
                            1 if args.verify_only else args.repeat))

    print("%9s %10s %9s %9s %9s  %-28s %-28s %-28s %s" % (
        "N", "statements", "wall s", "cpu s", "peak MB", "parse wall/cpu s", "sema wall/cpu s",
        "check wall/cpu s", "planted found"))
    ok = True
    for row in rows:
        p = row["phases"]
        print("%9d %10d %9.3f %9.3f %9.1f  %-28s %-28s %-28s %d/%d %s" % (
            row["n"], row["statements"], row["wall"], row["cpu"], row["rss_mb"],
            "%.3f / %.3f" % (p[0], p[1]), "%.3f / %.3f" % (p[2], p[3]),
            "%.3f / %.3f" % (p[4], p[5]), row["found"], row["expected"],
            "exact" if row["exact"] else "MISMATCH"))
        if not row["exact"]:
            ok = False
            print("  missing: %s\n  extra: %s" % (row["missing"], row["extra"]))
    if args.verify_only:
        return 0 if ok else 1
    by_size = {row["n"]: row for row in rows}
    for small, large in zip(args.sizes, args.sizes[1:]):
        if large != 10 * small:
            continue
        ratio = by_size[large]["wall"] / by_size[small]["wall"]
        print("growth %d -> %d: x%.1f (target at most x15)" % (small, large, ratio))
        ok = ok and ratio <= 15
    if 100000 in by_size:
        wall = by_size[100000]["wall"]
        print("100,000 statements: %.3f s (target under 2 s)" % wall)
        ok = ok and wall < 2.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
