#!/usr/bin/env python3
"""Times the language server on a large policy: diagnostics after an edit, and completion.

It generates a policy of N statements (bench/check/generate.py; default 10,000), starts
`policyc lsp`, opens the policy, and then
  - makes REPEAT edits, each inside one statement (a purpose name gets a typo, then loses it
    again), and times each from sending didChange to receiving the publishDiagnostics of that
    version: the latency a user sees;
  - asks for completion REPEAT times after `for ` (the purposes) on a settled document, and
    REPEAT times in the same write as an edit (typing, then completing at once).
It prints the medians and the analysis breakdown the server logs (parse, sema, check; items
parsed and reused), and exits 1 when a target is missed: diagnostics within 100 ms and
completion within 50 ms (medians).

With --verify (ctest runs it at 1,000 statements) nothing is timed: after each edit the
published diagnostics must equal what `policyc check` reports for the edited text.

    run.py --policyc build/policyc [--statements 10000] [--repeat 30] [--workdir DIR] [--verify]
"""
import argparse
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DIAGNOSTICS_TARGET_MS = 100
COMPLETION_TARGET_MS = 50


class Server:
    """`policyc lsp` with a thread that timestamps every message as it arrives."""

    def __init__(self, policyc, log):
        self.process = subprocess.Popen([policyc, "lsp"] + (["--log"] if log else []),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE if log else subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.log_lines = []
        threading.Thread(target=self._read, daemon=True).start()
        if log:
            threading.Thread(target=self._read_log, daemon=True).start()
        self.next_id = 0

    def _read(self):
        stream = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def _read_log(self):
        for line in self.process.stderr:
            self.log_lines.append(line.decode(errors="replace").rstrip())

    def send(self, *messages):
        """Writes the messages in one write; returns the time just before it."""
        data = b""
        for message in messages:
            body = json.dumps(message).encode()
            data += b"Content-Length: %d\r\n\r\n" % len(body) + body
        started = time.perf_counter()
        self.process.stdin.write(data)
        self.process.stdin.flush()
        return started

    def request(self, method, params):
        self.next_id += 1
        return {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}

    @staticmethod
    def notification(method, params):
        return {"jsonrpc": "2.0", "method": method, "params": params}

    def wait(self, predicate, timeout=120):
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.messages.get(timeout=max(0.001, deadline - time.perf_counter()))
            if predicate(message):
                return arrived, message

    def close(self):
        self.send(self.request("shutdown", None), self.notification("exit", None))
        self.process.wait(timeout=30)


def diagnostics_of(uri, version):
    def match(message):
        params = message.get("params", {})
        return (message.get("method") == "textDocument/publishDiagnostics" and
                params.get("uri") == uri and params.get("version") == version)
    return match


def response_to(id):
    return lambda message: message.get("id") == id and ("result" in message or "error" in message)


def summary(published):
    return sorted((d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1,
                   d["message"]) for d in published)


def check_diagnostics(policyc, path, text, published):
    """The published diagnostics against `policyc check` on the same text."""
    with open(path, "w") as out:
        out.write(text)
    result = subprocess.run([policyc, "check", "--diagnostics-format=json", path],
                            capture_output=True, text=True)
    expected = sorted((d["location"]["line"], d["location"]["column"], d["message"])
                      for d in json.loads(result.stdout)["diagnostics"] if d["location"])
    got = summary(published)
    if got != expected:
        missing = [d for d in expected if d not in got][:5]
        extra = [d for d in got if d not in expected][:5]
        sys.exit("FAIL: diagnostics differ from policyc check: missing %r, extra %r"
                 % (missing, extra))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--statements", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--verify", action="store_true")
    args = parser.parse_args()
    policyc = os.path.abspath(args.policyc)
    # Generated policies go beside policyc (the build folder), never into the source tree.
    workdir = os.path.abspath(args.workdir or os.path.join(os.path.dirname(policyc), "bench-lsp"))
    os.makedirs(workdir, exist_ok=True)

    path = os.path.join(workdir, "synthetic-%d.policy" % args.statements)
    subprocess.run([sys.executable, os.path.join(HERE, "..", "check", "generate.py"),
                    str(args.statements), path, "--seed", "7"], check=True)
    with open(path) as f:
        text = f.read()
    lines = text.split("\n")
    # Edit sites: `for pN.qM;` at the end of collect statements spread over the file.
    sites = [i for i, line in enumerate(lines)
             if line.startswith("collect ") and re.search(r" for p\d\.q\d;$", line)]
    if len(sites) < 10:
        sys.exit("FAIL: the generated policy has too few edit sites")
    sites = [sites[len(sites) * k // 10] for k in range(10)]
    uri = "file://" + path
    check_copy = os.path.join(workdir, "check-copy.policy")

    server = Server(policyc, log=not args.verify)
    server.send(server.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                              "capabilities": {}}))
    server.wait(response_to(1))
    server.send(server.notification("initialized", {}))
    opened = server.send(server.notification("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "policy", "version": 1, "text": text}}))
    arrived, first = server.wait(diagnostics_of(uri, 1))
    cold_ms = (arrived - opened) * 1000
    if args.verify:
        check_diagnostics(policyc, check_copy, text, first["params"]["diagnostics"])

    version = 1
    edit_ms = []
    checked_ms = []  # edits after which the policy is valid: the checker runs in full
    repeat = min(args.repeat, 9) if args.verify else args.repeat
    for k in range(repeat):
        # Three kinds of edit of one character, in turn at each site: `pN.qM` gets a typo
        # (`xN.qM`, an unknown purpose), loses it, and becomes another valid purpose.
        line = sites[(k // 3) % len(sites)]
        column = lines[line].rindex(" for ") + len(" for ")
        if k % 3 == 0:
            column, new = column, "x"
        elif k % 3 == 1:
            column, new = column, "p"
        else:
            column = lines[line].index(".q", column) + 2
            new = str((int(lines[line][column]) + 1) % 9)
        lines[line] = lines[line][:column] + new + lines[line][column + 1:]
        version += 1
        change = {"range": {"start": {"line": line, "character": column},
                            "end": {"line": line, "character": column + 1}}, "text": new}
        sent = server.send(server.notification("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}))
        arrived, published = server.wait(diagnostics_of(uri, version))
        edit_ms.append((arrived - sent) * 1000)
        if k % 3 != 0:
            checked_ms.append((arrived - sent) * 1000)
        if args.verify:
            check_diagnostics(policyc, check_copy, "\n".join(lines),
                              published["params"]["diagnostics"])

    completion_ms = []
    typing_ms = []
    if not args.verify:
        line = sites[3]
        column = lines[line].rindex(" for p") + len(" for ")
        position = {"line": line, "character": column}
        for _ in range(args.repeat):
            request = server.request("textDocument/completion",
                                     {"textDocument": {"uri": uri}, "position": position})
            sent = server.send(request)
            arrived, answer = server.wait(response_to(request["id"]))
            labels = [item["label"] for item in answer["result"]["items"]]
            if "p3" not in labels:
                sys.exit("FAIL: completion after 'for ' lacks the purposes: %r" % labels[:10])
            completion_ms.append((arrived - sent) * 1000)
        # Typing then completing: the edit and the request in one write.
        for k in range(args.repeat):
            version += 1
            text_now = " " if k % 2 == 0 else ""
            end = column if k % 2 == 0 else column + 1
            change = {"range": {"start": position, "end": {"line": line, "character": end}},
                      "text": text_now}
            request = server.request("textDocument/completion", {
                "textDocument": {"uri": uri}, "position": position})
            sent = server.send(server.notification("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
                request)
            arrived, _ = server.wait(response_to(request["id"]))
            typing_ms.append((arrived - sent) * 1000)
            server.wait(diagnostics_of(uri, version))
    server.close()

    if args.verify:
        print("PASS: %d edits of a %d-statement policy, diagnostics equal to policyc check's"
              % (repeat, args.statements))
        return
    analyses = [l for l in server.log_lines if "analysed" in l]
    # Processor time of the analyses after the edits (parse + sema + check), from the log.
    processor = [sum(float(x) for x in m.groups()) for m in
                 (re.search(r"processor time ([\d.]+), ([\d.]+), ([\d.]+) ms", l)
                  for l in analyses[1:1 + len(edit_ms)]) if m]
    print("policyc lsp on %d statements (%d bytes)" % (args.statements, len(text)))
    print("  open (full analysis):            %7.1f ms" % cold_ms)
    print("  diagnostics after an edit:       median %6.1f ms, min %6.1f, max %6.1f (%d edits)"
          % (statistics.median(edit_ms), min(edit_ms), max(edit_ms), len(edit_ms)))
    print("    of which leave it valid:       median %6.1f ms (the checker runs in full)"
          % statistics.median(checked_ms))
    if processor:
        print("    analysis processor time:       median %6.1f ms (parse + sema + check)"
              % statistics.median(processor))
    print("  completion:                      median %6.1f ms, min %6.1f, max %6.1f"
          % (statistics.median(completion_ms), min(completion_ms), max(completion_ms)))
    print("  completion in the edit's write:  median %6.1f ms, min %6.1f, max %6.1f"
          % (statistics.median(typing_ms), min(typing_ms), max(typing_ms)))
    if len(analyses) > 2:
        print("  server log of the last edit:     " + analyses[-1].split(": ", 1)[1])
    failed = False
    if max(statistics.median(edit_ms), statistics.median(checked_ms)) > DIAGNOSTICS_TARGET_MS:
        print("FAIL: diagnostics median above %d ms" % DIAGNOSTICS_TARGET_MS)
        failed = True
    if max(statistics.median(completion_ms), statistics.median(typing_ms)) > COMPLETION_TARGET_MS:
        print("FAIL: completion median above %d ms" % COMPLETION_TARGET_MS)
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
