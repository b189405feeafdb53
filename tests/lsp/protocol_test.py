#!/usr/bin/env python3
"""The language server through the real executable: `policyc lsp` is fed framed JSON-RPC on
standard input, and what it writes on standard output is read back and checked. Covers the
lifecycle (initialize, shutdown, exit and their exit codes), diagnostics after an edit, and
malformed input: bad headers, invalid JSON, unknown methods, requests out of order, a stream
cut short and random bytes. Every case must end with the process exiting, never a crash.

    protocol_test.py --policyc PATH [--case NAME]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

POLICYC = None
CASES = {}
TIMEOUT = 20


def case(function):
    CASES[function.__name__] = function
    return function


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(id, method, params=None):
    message = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return frame(message)


def notification(method, params=None):
    message = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    return frame(message)


INITIALIZE = request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
INITIALIZED = notification("initialized", {})
SHUTDOWN_EXIT = request(99, "shutdown") + notification("exit")


def run(stdin):
    """Runs the server on `stdin`; returns (exit code, messages written, standard error)."""
    process = subprocess.run([POLICYC, "lsp"], input=stdin, capture_output=True, timeout=TIMEOUT)
    expect(process.returncode >= 0, "the server was killed by signal %d" % -process.returncode)
    return process.returncode, parse(process.stdout), process.stderr.decode(errors="replace")


def converse(first, wait_for, rest):
    """Writes `first`, reads until a message satisfies `wait_for`, then writes `rest` and
    closes the input. Returns (exit code, every message written)."""
    process = subprocess.Popen([POLICYC, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    try:
        process.stdin.write(first)
        process.stdin.flush()
        messages = []
        while not any(wait_for(m) for m in messages):
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = process.stdout.read(1)
                expect(byte, "the server ended before the awaited message")
                header += byte
            length = int(header.split(b":")[1])
            messages.append(json.loads(process.stdout.read(length)))
        process.stdin.write(rest)
        process.stdin.close()
        messages += parse(process.stdout.read())
        return process.wait(timeout=TIMEOUT), messages
    finally:
        process.kill()
        process.wait()


def parse(output):
    """Splits standard output into messages; fails on anything that is not framed JSON."""
    messages = []
    while output:
        header, separator, rest = output.partition(b"\r\n\r\n")
        expect(separator, "output ends inside a header: %r" % output[:80])
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        expect(set(fields) == {b"Content-Length"}, "unexpected header %r" % header)
        length = int(fields[b"Content-Length"])
        expect(len(rest) >= length, "output ends inside a body")
        messages.append(json.loads(rest[:length]))
        output = rest[length:]
    return messages


def response(messages, id):
    found = [m for m in messages if m.get("id") == id and ("result" in m or "error" in m)]
    expect(len(found) == 1, "expected one response to %r, got %r" % (id, found))
    return found[0]


def error_code(messages, id):
    answer = response(messages, id)
    expect("error" in answer, "expected an error for %r, got %r" % (id, answer))
    return answer["error"]["code"]


def uncalled_errors(messages):
    """Error responses with a null id: answers to input that was not a request."""
    return [m["error"]["code"] for m in messages if "error" in m and m.get("id") is None]


@case
def lifecycle():
    code, messages, _ = run(INITIALIZE + INITIALIZED + SHUTDOWN_EXIT)
    expect(code == 0, "shutdown then exit must exit 0, got %d" % code)
    capabilities = response(messages, 1)["result"]["capabilities"]
    expect(capabilities["textDocumentSync"]["change"] == 2, "incremental sync")
    for provider in ["hoverProvider", "definitionProvider", "referencesProvider",
                     "renameProvider", "completionProvider", "documentSymbolProvider",
                     "codeActionProvider", "documentFormattingProvider"]:
        expect(provider in capabilities, "capability %s missing" % provider)
    expect(response(messages, 99)["result"] is None, "shutdown answers null")


@case
def exit_codes():
    code, _, _ = run(INITIALIZE + notification("exit"))
    expect(code == 1, "exit without shutdown must exit 1, got %d" % code)
    code, _, _ = run(INITIALIZE)
    expect(code == 1, "end of input without exit must exit 1, got %d" % code)
    code, _, _ = run(b"")
    expect(code == 1, "empty input must exit 1, got %d" % code)


@case
def diagnostics_after_edit():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "p.policy")
        text = "category contact { email; }\npurpose ads;\ncollect contact.email for ads;\n"
        with open(path, "w") as out:
            out.write(text)
        uri = "file://" + path
        edit = {"range": {"start": {"line": 2, "character": 16},
                          "end": {"line": 2, "character": 21}}, "text": "emial"}
        opened = (INITIALIZE + INITIALIZED +
                  notification("textDocument/didOpen", {"textDocument": {
                      "uri": uri, "languageId": "policy", "version": 1, "text": text}}))
        changed = notification("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2}, "contentChanges": [edit]})

        def published_version(version):
            return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and
                              m["params"]["version"] == version)
        # The server analyses when no message is waiting: each step waits for its answer.
        code, _ = converse(opened, published_version(1), b"")
        expect(code == 1, "end of input without exit: 1")
        code, messages = converse(opened + changed, published_version(2), SHUTDOWN_EXIT)
    expect(code == 0, "exit code %d" % code)
    published = [m["params"] for m in messages
                 if m.get("method") == "textDocument/publishDiagnostics"]
    expect(published, "no diagnostics were published")
    last = published[-1]
    expect(last["uri"] == uri and last["version"] == 2, "diagnostics of version 2: %r" % last)
    messages_text = [d["message"] for d in last["diagnostics"]]
    expect(messages_text == ["category 'contact' has no member 'emial'; did you mean 'email'?"],
           "diagnostics %r" % messages_text)


@case
def malformed_input():
    stdin = (INITIALIZE +
             b"Content-Type: text/plain\r\n\r\n" +             # no length at all
             b"Content-Length: abc\r\n\r\n{}" +               # a length that is no number
             b"Content-Length: 9\r\n\r\n{not json" +
             b"Content-Length: 5\r\n\r\n[1,2]" +               # not an object
             request(2, "no/such/method", {}) +
             request(3, "textDocument/hover", {"textDocument": 1}) +
             request(4, "initialize", {"capabilities": {}}) +
             frame({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}) +
             frame({"jsonrpc": "2.0", "id": 5}) +               # no method
             notification("no/such/notification", {}) +
             notification("textDocument/didChange", [1]) +
             SHUTDOWN_EXIT)
    code, messages, _ = run(stdin)
    expect(code == 0, "the server must survive malformed input and exit 0, got %d" % code)
    expect(error_code(messages, 2) == -32601, "unknown method: MethodNotFound")
    expect(error_code(messages, 3) == -32602, "bad params: InvalidParams")
    expect(error_code(messages, 4) == -32600, "second initialize: InvalidRequest")
    expect(error_code(messages, 5) == -32600, "no method: InvalidRequest")
    expect(uncalled_errors(messages) == [-32700, -32700, -32700, -32600, -32600],
           "bad header x2, invalid JSON, non-object, bad id: %r" % uncalled_errors(messages))


@case
def before_initialize():
    stdin = (request(1, "textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                               "position": {"line": 0, "character": 0}}) +
             notification("textDocument/didOpen", {"textDocument": {
                 "uri": "file:///x.policy", "languageId": "policy", "version": 1,
                 "text": "collect x;"}}) +
             request(2, "shutdown") + notification("exit"))
    code, messages, _ = run(stdin)
    expect(error_code(messages, 1) == -32002, "ServerNotInitialized")
    expect(error_code(messages, 2) == -32002, "shutdown before initialize")
    expect(not any(m.get("method") == "textDocument/publishDiagnostics" for m in messages),
           "a notification before initialize is dropped")
    expect(code == 1, "exit without a successful shutdown exits 1, got %d" % code)


@case
def truncated_stream():
    for cut in [b"Content-Length: 100\r\n\r\n{\"jsonrpc\"", b"Content-Len", b"Content-Length: 5\r\n"]:
        code, _, _ = run(INITIALIZE + cut)
        expect(code == 1, "a stream cut short ends the server with 1, got %d" % code)


@case
def random_bytes():
    generator = random.Random(20240611)
    for _ in range(20):
        noise = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 2000)))
        pieces = [INITIALIZE, noise, b"Content-Length: 7\r\n\r\n", noise[:50], INITIALIZE]
        generator.shuffle(pieces)
        code, _, _ = run(b"".join(pieces) + SHUTDOWN_EXIT)
        expect(code in (0, 1), "random input: exit code %d" % code)


def main():
    global POLICYC
    parser = argparse.ArgumentParser()
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--case", choices=sorted(CASES))
    args = parser.parse_args()
    POLICYC = args.policyc
    failed = 0
    for name in [args.case] if args.case else sorted(CASES):
        try:
            CASES[name]()
            print("PASS", name)
        except (Failure, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
            failed += 1
            print("FAIL", name + ":", error)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
