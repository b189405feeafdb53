#!/usr/bin/env python3
"""Packages the VS Code extension (editors/vscode) with @vscode/vsce, as a release would, and
checks the .vsix: the manifest, the language configuration, the TextMate grammar, the client
code and its runtime dependency vscode-languageclient (installed from package-lock.json at
packaging time and bundled), and nothing else from the source tree.

    vscode_package_test.py --editors DIR --workdir DIR

Everything is written under --workdir (the build folder). vsce (a pinned version, from
tests/lsp/vsce/package.json) is installed there once; it needs the npm registry then.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit("FAIL: %s exited %d\n%s%s" % (" ".join(command), result.returncode,
                                               result.stdout, result.stderr))
    return result.stdout


def install_vsce(workdir):
    tools = os.path.join(workdir, "tools")
    wanted = json.load(open(os.path.join(HERE, "vsce", "package.json")))["dependencies"]
    installed = os.path.join(tools, "node_modules", "@vscode", "vsce", "package.json")
    if not os.path.exists(installed) or json.load(open(installed))["version"] != wanted["@vscode/vsce"]:
        os.makedirs(tools, exist_ok=True)
        shutil.copy(os.path.join(HERE, "vsce", "package.json"), tools)
        run(["npm", "install", "--no-audit", "--no-fund", "--omit=optional", "--loglevel=error"],
            tools)
    return os.path.join(tools, "node_modules", ".bin", "vsce")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--editors", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    args.workdir = os.path.abspath(args.workdir)
    args.editors = os.path.abspath(args.editors)
    os.makedirs(args.workdir, exist_ok=True)
    vsce = install_vsce(args.workdir)

    # A clean copy of the extension, its runtime dependency installed as the lock file says
    # (once per version of the lock file; later runs copy the installed modules).
    source = os.path.join(args.editors, "vscode")
    lock = open(os.path.join(source, "package-lock.json"), "rb").read()
    deps = os.path.join(args.workdir, "deps-" + hashlib.sha256(lock).hexdigest()[:16])
    if not os.path.isdir(os.path.join(deps, "node_modules")):
        shutil.rmtree(deps, ignore_errors=True)
        os.makedirs(deps)
        for name in ["package.json", "package-lock.json"]:
            shutil.copy(os.path.join(source, name), deps)
        run(["npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"], deps)
    extension = os.path.join(args.workdir, "extension")
    shutil.rmtree(extension, ignore_errors=True)
    shutil.copytree(source, extension, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    shutil.copytree(os.path.join(deps, "node_modules"), os.path.join(extension, "node_modules"))
    run(["node", "--check", "extension.js"], extension)

    vsix = os.path.join(args.workdir, "policyc.vsix")
    if os.path.exists(vsix):
        os.remove(vsix)
    run([vsce, "package", "--out", vsix, "--skip-license", "--allow-missing-repository"],
        extension)

    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        required = [
            "extension.vsixmanifest",
            "[Content_Types].xml",
            "extension/package.json",
            "extension/extension.js",
            "extension/language-configuration.json",
            "extension/syntaxes/policy.tmLanguage.json",
            "extension/README.md",
            "extension/node_modules/vscode-languageclient/package.json",
            "extension/node_modules/vscode-languageclient/node.js",
            "extension/node_modules/vscode-languageserver-protocol/package.json",
            "extension/node_modules/vscode-jsonrpc/package.json",
        ]
        missing = [name for name in required if name not in names]
        if missing:
            sys.exit("FAIL: the .vsix lacks %s (it has %s)" % (missing, sorted(names)[:40]))
        strays = [name for name in names
                  if name.startswith("extension/") and not name.startswith("extension/node_modules/")
                  and name not in required and name != "extension/package-lock.json"]
        if strays:
            sys.exit("FAIL: unexpected files in the .vsix: %s" % strays)
        manifest = json.loads(archive.read("extension/package.json"))
        if manifest["name"] != "policyc" or manifest["main"] != "./extension.js":
            sys.exit("FAIL: package.json in the .vsix: %r" % manifest)
        grammar = json.loads(archive.read("extension/syntaxes/policy.tmLanguage.json"))
        if grammar["scopeName"] != "source.policy":
            sys.exit("FAIL: grammar scope %r" % grammar["scopeName"])
        xml = archive.read("extension.vsixmanifest").decode()
        for needle in ['Id="policyc"', 'Publisher="policyc"', 'Version="0.1.0"']:
            if needle not in xml:
                sys.exit("FAIL: extension.vsixmanifest lacks %s" % needle)
    print("PASS: %s holds the extension, its grammar and vscode-languageclient (%d files)"
          % (vsix, len(names)))


if __name__ == "__main__":
    main()
