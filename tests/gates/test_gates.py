#!/usr/bin/env python3
"""Tests of the repository gates (scripts/check-file-sizes, check-layering, check-format).

Each gate runs on temporary git trees made here: it must fail, naming the offending file,
on a tree with one violation, and pass on the same tree without it. Then it must pass on the
repository itself, as .ci/run requires.

    test_gates.py file-sizes|layering|format --source-dir DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


class Failure(Exception):
    pass


def write(root, name, text):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(text if isinstance(text, bytes) else text.encode())


def tree(files):
    """A temporary git work tree holding `files` (name -> contents), all tracked."""
    root = tempfile.mkdtemp(prefix="policyc-gates-")
    subprocess.run(["git", "init", "-q", root], check=True)
    for name, text in files.items():
        write(root, name, text)
    subprocess.run(["git", "-C", root, "add", "-A"], check=True)
    return root


def gate(source_dir, name, root):
    return subprocess.run([sys.executable, os.path.join(source_dir, "scripts", "check-" + name),
                           root], capture_output=True, text=True, timeout=100)


def expect(source_dir, name, files, passes, needle=None):
    root = tree(files)
    try:
        result = gate(source_dir, name, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    output = result.stdout + result.stderr
    if passes and result.returncode != 0:
        raise Failure("check-%s fails on a clean tree:\n%s" % (name, output))
    if not passes and result.returncode != 1:
        raise Failure("check-%s passes (exit %d) on a tree with a violation:\n%s"
                      % (name, result.returncode, output))
    if needle and needle not in output:
        raise Failure("check-%s does not name %r:\n%s" % (name, needle, output))
    print("OK: check-%s %s%s" % (name, "passes" if passes else "fails",
                                  " naming " + needle if needle else ""))


def test_file_sizes(source_dir):
    limit = 1024 * 1024
    expect(source_dir, "file-sizes", {"small.txt": "x", "exact.bin": b"x" * limit}, True)
    expect(source_dir, "file-sizes", {"small.txt": "x", "big/synthetic.policy": b"x" * (limit + 1)},
           False, "big/synthetic.policy")


STAGES = "add_subdirectory(basic)\n# add_subdirectory(commented)\nadd_subdirectory(parse)\n" \
         "add_subdirectory(sema)\n"


def test_layering(source_dir):
    clean = {
        "compiler/CMakeLists.txt": STAGES,
        "grammar/Policy.g4": "grammar Policy;\n",
        "compiler/basic/Text.h": '#include "llvm/ADT/StringRef.h"\n',
        "compiler/parse/Parser.cpp": '#include "parse/Parser.h"\n#include "basic/Text.h"\n'
                                     '#include "PolicyParser.h"\n#include "antlr4-runtime.h"\n',
        "compiler/sema/Sema.cpp": '#include "sema/Sema.h"\n#include "parse/Parser.h"\n'
                                  '#include <basic/Text.h>\n',
    }
    expect(source_dir, "layering", clean, True)
    upward = dict(clean)
    upward["compiler/basic/Text.cpp"] = '#include "basic/Text.h"\n\n#include "sema/Sema.h"\n'
    expect(source_dir, "layering", upward, False, "compiler/basic/Text.cpp:3")
    angled = dict(clean)
    angled["compiler/parse/Lexer.cpp"] = "#include <sema/Sema.h>\n"
    expect(source_dir, "layering", angled, False, "compiler/parse/Lexer.cpp:1")
    generated = dict(clean)
    generated["compiler/sema/Names.cpp"] = '#include "PolicyLexer.h"\n'
    expect(source_dir, "layering", generated, False, "compiler/sema/Names.cpp:1")
    stray = dict(clean)
    stray["compiler/extra/Thing.cpp"] = '#include "basic/Text.h"\n'
    expect(source_dir, "layering", stray, False, "compiler/extra")


def test_format(source_dir):
    with open(os.path.join(source_dir, ".clang-format")) as handle:
        style = handle.read()
    formatted = "int answer() {\n  return 42;\n}\n"
    clean = {".clang-format": style, "compiler/basic/A.cpp": formatted,
             "compiler/basic/A.h": "#pragma once\nint answer();\n",
             # Goldens are compared byte for byte with the generator's output, not formatted.
             "tests/golden/cpp/g.hpp": "int   golden( ){return 1;}\n",
             "notes.txt": "int   not_cpp( ){return 1;}\n"}
    expect(source_dir, "format", clean, True)
    messy = dict(clean)
    messy["compiler/basic/B.cpp"] = "int   answer2( ){return 42;}\n"
    expect(source_dir, "format", messy, False, "compiler/basic/B.cpp")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gate", choices=["file-sizes", "layering", "format"])
    parser.add_argument("--source-dir", required=True)
    options = parser.parse_args()
    tests = {"file-sizes": test_file_sizes, "layering": test_layering, "format": test_format}
    try:
        tests[options.gate](options.source_dir)
        result = gate(options.source_dir, options.gate, options.source_dir)
        if result.returncode != 0:
            raise Failure("the repository fails check-%s:\n%s"
                          % (options.gate, result.stdout + result.stderr))
        print("OK: the repository passes check-%s" % options.gate)
    except Failure as failure:
        print("FAIL: %s" % failure)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
