#!/usr/bin/env python3
"""Loads generated HTML in headless Chromium and checks what a reader sees.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe), so no
network port and no extra package is needed. The check: the page's title is the policy
title, every section heading of the Markdown rendering of the same policy is a visible <h2>,
and the page logs no script error or console error. A screenshot of the whole page is
written for people to look at. A deliberately broken page is loaded first to prove that
errors are detected at all.

A missing chromium fails the test: scripts/setup test installs it.
"""
import argparse
import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio", "--remote-debugging-pipe"]


class Browser:
    def __init__(self, binary, profile):
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def wire_pipes():
            # Chromium reads commands on fd 3 and writes replies on fd 4. The pipes may
            # already sit on 3 or 4, so move them out of the way first. Every other descriptor
            # of ours is close-on-exec (os.pipe), and close_fds must stay off or 3 and 4 would
            # be closed after this runs.
            commands = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [binary] + FLAGS + ["--user-data-dir=" + profile, "about:blank"],
            close_fds=False, preexec_fn=wire_pipes,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _receive(self, deadline):
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read], [], [], remaining)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=30):
        self._next_id += 1
        request = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self._write, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            message = self._receive(deadline)
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return message

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


PAGE_FACTS = """(() => {
  const visible = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  return JSON.stringify({
    title: document.title,
    h1: [...document.querySelectorAll('h1')].map(e => e.textContent),
    h2: [...document.querySelectorAll('h2')].map(e => [e.textContent, visible(e)]),
    scripts: document.scripts.length,
    textLength: document.body.innerText.length,
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  });
})()"""


def load(browser, path):
    """Opens `path` in a new tab; returns the page facts and every error it logged."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget",
                           {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.call(domain + ".enable", session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": 1024, "height": 768, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    browser.call("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    facts = json.loads(browser.call("Runtime.evaluate", {"expression": PAGE_FACTS,
                                                         "returnByValue": True},
                                    session=session)["result"]["value"])
    errors = []
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append("exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append("console.%s" % params["type"])
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append("log: " + params["entry"].get("text", ""))
    return facts, errors, session


def expected_headings(markdown_path):
    headings = []
    with open(markdown_path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("## "):
                headings.append(re.sub(r"\\(.)", r"\1", line[3:].rstrip("\n")))
    return headings


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--policy", required=True)
    parser.add_argument("--screenshot", required=True)
    options = parser.parse_args()

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("FAIL: chromium is not installed (scripts/setup test installs it)")
        sys.exit(1)

    with tempfile.TemporaryDirectory() as work:
        page = os.path.join(work, "policy.html")
        markdown = os.path.join(work, "policy.md")
        for fmt, out in (("html", page), ("md", markdown)):
            subprocess.run([options.policyc, "gen", "text", options.policy, "--format=" + fmt,
                            "-o", out], cwd=options.cwd, check=True)
        broken = os.path.join(work, "broken.html")
        with open(broken, "w") as handle:
            handle.write("<!DOCTYPE html><title>broken</title>"
                         "<script>console.error('x'); notDefined();</script>")

        browser = Browser(binary, os.path.join(work, "profile"))
        problems = []
        try:
            _, control_errors, _ = load(browser, broken)
            if len(control_errors) < 2:
                problems.append("the broken control page did not report its errors (%r): the "
                                "error detection does not work" % control_errors)
            facts, errors, session = load(browser, page)
            shot = browser.call("Page.captureScreenshot",
                                {"format": "png", "captureBeyondViewport": True,
                                 "clip": {"x": 0, "y": 0, "width": facts["width"],
                                          "height": facts["height"], "scale": 1}},
                                session=session, timeout=60)
        finally:
            browser.close()

        png = base64.b64decode(shot["data"])
        os.makedirs(os.path.dirname(os.path.abspath(options.screenshot)), exist_ok=True)
        with open(options.screenshot, "wb") as handle:
            handle.write(png)

        title = facts["h1"][0] if facts["h1"] else None
        with open(markdown, encoding="utf-8") as handle:
            first_heading = next(line for line in handle if line.startswith("# "))
        expected_title = re.sub(r"\\(.)", r"\1", first_heading[2:].rstrip("\n"))
        if facts["title"] != expected_title or title != expected_title:
            problems.append("title %r / h1 %r, expected %r" % (facts["title"], title,
                                                                expected_title))
        rendered = {text: shown for text, shown in facts["h2"]}
        for heading in expected_headings(markdown):
            if heading not in rendered:
                problems.append("section heading %r is not on the page" % heading)
            elif not rendered[heading]:
                problems.append("section heading %r is not visible" % heading)
        if errors:
            problems.append("the page logged errors: %r" % errors)
        if facts["scripts"]:
            problems.append("the page has %d scripts" % facts["scripts"])
        if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 10000:
            problems.append("the screenshot is not a plausible PNG (%d bytes)" % len(png))
        if problems:
            print("FAIL:\n  " + "\n  ".join(problems))
            sys.exit(1)
        print("OK: %r rendered with %d visible section headings, no errors; screenshot %s "
              "(%dx%d, %d bytes)" % (facts["title"], len(rendered), options.screenshot,
                                     facts["width"], facts["height"], len(png)))


if __name__ == "__main__":
    main()
