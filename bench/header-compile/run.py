#!/usr/bin/env python3
"""bench/header-compile: how long g++ takes to compile the headers gen cpp writes for policies
of hostile shapes, and how large they are.

  run.py --policyc build/policyc --workdir build/bench/header-compile [--shapes NAME ...]

Shapes (written under --workdir only):
  chains-9k      50 categories, 50 sources, 8 consents, 20 `use ... when consent kA, kB`
                 rules, each naming half of the categories and half of the sources (8.6 KB)
  chains-37k     the same shape with 97 rules (37 KB)
  categories-100k  100,000 categories (1,000 groups of 99) with a few rules
  deep-names     60 nested levels of 2,000-character names, many subtrees (2 MB)

For each: policyc gen cpp (its wall time), the header's size, and `g++ -O2 -std=c++17 -c`
on a file that includes it (wall and processor time, peak memory). A shape may be refused by
gen cpp with a diagnostic (no header is written); every header that is written must compile
within --limit seconds of processor time (3 by default), or the run fails. Processor time is
the figure because the wall clock of a shared machine counts time spent waiting for a core.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time


def chains(rules):
    rng = random.Random(20261201 + rules)
    out = ['policy "Chains" { controller "Acme"; effective 2024-01-01; }']
    out.append("category c { " + " ".join(f"c{i};" for i in range(50)) + " }")
    out.append("source s { " + " ".join(f"s{i};" for i in range(50)) + " }")
    out.append("purpose p basis consent;")
    out.append("purpose q basis contract;")
    out.append("collect c from s for q;")
    for k in range(8):
        out.append(f"consent k{k} opt_in {{ withdraw via link; }}")
    for _ in range(rules):
        cats = ", ".join(f"c.c{i}" for i in sorted(rng.sample(range(50), 25)))
        srcs = ", ".join(f"s.s{i}" for i in sorted(rng.sample(range(50), 25)))
        a, b = rng.sample(range(8), 2)
        out.append(f"use {cats} from {srcs} for p when consent k{a}, k{b};")
    return "\n".join(out) + "\n"


def categories(count):
    out = ['policy "Many categories" { controller "Acme"; effective 2024-01-01; }']
    groups = count // 100
    for g in range(groups):
        out.append(f"category g{g} {{ " + " ".join(f"c{i};" for i in range(99)) + " }")
    out.append("source web { form; app; }")
    out.append("purpose service basis contract { billing; support; }")
    out.append("recipient carriers processor;")
    out.append("consent news opt_in { withdraw via link; }")
    for g in range(0, groups, 50):
        out.append(f"use g{g} from web.form for service.billing;")
        out.append(f"disclose g{g + 1} to carriers for service.support when consent news;")
    out.append("never use g2 for service.support;")
    return "\n".join(out) + "\n"


def deep_names(levels, name_length, target_bytes):
    out = ['policy "Deep" { controller "Acme"; effective 2024-01-01; }']
    size = 0
    tree = 0
    while size < target_bytes:
        parts = []
        for level in range(levels):
            name = f"t{tree}l{level}" + "x" * (name_length - len(f"t{tree}l{level}"))
            parts.append(f"{name} {{ leaf; ")
        block = f"category root{tree} {{ " + "".join(parts) + "}" * levels + " }"
        out.append(block)
        size += len(block)
        tree += 1
    out.append("source web;")
    out.append("purpose service basis contract;")
    out.append("use root0 from web for service;")
    return "\n".join(out) + "\n"


SHAPES = {
    "chains-9k": lambda: chains(20),
    "chains-37k": lambda: chains(97),
    "categories-100k": lambda: categories(100_000),
    "deep-names": lambda: deep_names(60, 2_000, 2_000_000),
}


def run_timed(command, **kwargs):
    """Runs `command`; returns (exit code, wall s, processor s, peak MB, stderr)."""
    with tempfile.TemporaryFile() as errors:
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, **kwargs)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    return (os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, stderr)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--cxx", default="g++")
    parser.add_argument("--runtime-include",
                        default=os.path.join(here, "..", "..", "runtime", "include"))
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--limit", type=float, default=3.0,
                        help="most processor seconds a header may take to compile")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)

    failed = False
    print(f"{'shape':16} {'policy':>9} {'header':>10} {'gen s':>6} {'g++ wall s':>10} "
          f"{'g++ cpu s':>9} {'g++ MB':>7}  result")
    for shape in args.shapes:
        policy = os.path.join(args.workdir, shape + ".policy")
        header = os.path.join(args.workdir, shape + ".hpp")
        with open(policy, "w") as f:
            f.write(SHAPES[shape]())
        if os.path.exists(header):
            os.remove(header)
        code, gen_wall, _, _, stderr = run_timed(
            [args.policyc, "gen", "cpp", policy, "-o", header, "--namespace", "bench"])
        policy_kb = f"{os.path.getsize(policy) / 1024:.1f} KB"
        if code != 0:
            refused = "err_cpp" in stderr or "too large" in stderr or "too long" in stderr
            errors = [line for line in stderr.splitlines() if ": error: " in line]
            message = errors[0].split(": error: ", 1)[1] if errors else f"exit {code}"
            print(f"{shape:16} {policy_kb:>9} {'-':>10} {gen_wall:6.2f} {'-':>10} {'-':>9} "
                  f"{'-':>7}  refused: {message}")
            if not refused or os.path.exists(header):
                failed = True
            continue
        source = os.path.join(args.workdir, shape + ".cpp")
        with open(source, "w") as f:
            f.write(f'#include "{shape}.hpp"\n'
                    "int main() { return bench::may_use(bench::Category{}, bench::Source{},\n"
                    "                                   bench::Purpose{}, bench::all_consents())\n"
                    "                       .allowed ? 0 : 1; }\n")
        code, wall, cpu, peak, stderr = run_timed(
            [args.cxx, "-O2", "-std=c++17", "-I", args.runtime_include, "-I", args.workdir, "-c",
             source, "-o", os.path.join(args.workdir, shape + ".o")])
        header_size = os.path.getsize(header)
        ok = code == 0 and cpu <= args.limit
        failed = failed or not ok
        result = "ok" if ok else (f"FAILED: {stderr.strip()[:200]}" if code else
                                  f"SLOW: over {args.limit} s")
        print(f"{shape:16} {policy_kb:>9} {header_size / 1024:8.0f} KB {gen_wall:6.2f} "
              f"{wall:10.2f} {cpu:9.2f} {peak:7.0f}  {result}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
