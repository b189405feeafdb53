#!/usr/bin/env python3
"""Loads generated HTML in headless Chromium and checks what a reader sees.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe), so no
network port and no extra package is needed. A deliberately broken page is loaded first to
prove that errors are detected at all. Then, at a phone's width (390 px) and a desktop's
(1280 px), each from the page's own measurements:

- the page's title is the policy title, every section heading of the Markdown rendering of the
  same policy is a visible <h2>, and the page logs no script error or console error;
- nothing scrolls sideways: document.documentElement.scrollWidth <= innerWidth, every box
  lies within the window, and no table cell, nor a box that clips or scrolls (the table's),
  has content wider than itself (scrollWidth <= clientWidth);
- no word is broken across lines: every word of every text node lies on one line
  (Range.getClientRects of the word);
- a screenshot of the whole page at each width, PREFIX-390.png and PREFIX-1280.png.

Printed (Emulation.setEmulatedMedia print): the skip link, the contents and the footer are
hidden, no element has a background colour, the text is black, and every link to a web or
e-mail address prints its address. With --axe, axe-core (tests/text/axe) audits the page at
both widths for WCAG 2.0/2.1 A and AA and axe's best practices (one main landmark, all content
in landmarks, one h1, ...) and no violation is allowed; a page with known violations is
audited first to prove that the audit finds them.

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


def load(browser, path, width=1024):
    """Opens `path` in a new tab `width` pixels wide; returns the page facts, every error it
    logged and the DevTools session."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget",
                           {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.call(domain + ".enable", session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 844 if width < 600 else 800,
                  "deviceScaleFactor": 1, "mobile": width < 600},
                 session=session)
    browser.call("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    facts = evaluate(browser, session, PAGE_FACTS)
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


def evaluate(browser, session, expression, timeout=30):
    """The JSON a page-side expression returns (awaited when it is a promise)."""
    reply = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                              "awaitPromise": True},
                         session=session, timeout=timeout)
    if "exceptionDetails" in reply:
        raise RuntimeError("the page could not run a check: %s"
                           % reply["exceptionDetails"].get("exception", {}).get("description"))
    return json.loads(reply["result"]["value"])


# What a reader at this width would have to scroll sideways for, and every word broken across
# two lines. A word is a run of letters and digits: a line may break after a hyphen or a slash,
# never inside "Information". Elements hidden on purpose (visually hidden table headers kept
# for screen readers, the skip link until it has focus) are left out.
LAYOUT = r"""(() => {
  const hidden = (e) => { for (; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (s.position === 'absolute' && (s.overflow === 'hidden' || e.classList.contains('skip')))
        return true; }
    return false; };
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth)
    problems.push(`the page is ${root.scrollWidth} px wide in a ${innerWidth} px window`);
  let boxes = 0;
  const name = (e) => `<${e.localName}> "${e.textContent.trim().slice(0, 40)}"`;
  for (const e of document.body.querySelectorAll('*')) {
    if (!e.clientWidth || hidden(e)) continue;
    boxes++;
    // A cell's content must fit the cell; a box that clips or scrolls must not need to. Other
    // boxes may let content spill (the wide table does, on purpose), but never out of the
    // window, on either side.
    const s = getComputedStyle(e);
    const cell = e.localName === 'td' || e.localName === 'th';
    if ((cell || s.overflowX !== 'visible') && e.scrollWidth > e.clientWidth + 1)
      problems.push(`${name(e)} is ${e.scrollWidth} px wide in a ${e.clientWidth} px box`);
    const box = e.getBoundingClientRect();
    if (box.left < -0.5 || box.right > root.clientWidth + 0.5)
      problems.push(`${name(e)} lies outside the window (${Math.round(box.left)} to ` +
                    `${Math.round(box.right)} px of ${root.clientWidth})`);
  }
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let node; (node = walker.nextNode());) {
    if (hidden(node.parentElement)) continue;
    for (const match of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                      .map(r => Math.round(r.top)));
      words++;
      if (lines.size > 1)
        problems.push(`"${match[0]}" is broken across ${lines.size} lines`);
    }
  }
  return JSON.stringify({problems: problems.slice(0, 20), count: problems.length, boxes, words});
})()"""

# Printed: what must not be printed, backgrounds, and the addresses of links.
PRINT = r"""(() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none';
  const problems = [];
  const hide = ['nav', '.skip', 'footer'];
  for (const selector of hide) {
    const found = document.querySelectorAll(selector);
    if (!found.length) problems.push(`no ${selector} on the page: the check would prove nothing`);
    for (const e of found) if (shown(e)) problems.push(`${selector} is printed`);
  }
  let backgrounds = 0;
  for (const e of document.querySelectorAll('*'))
    for (const pseudo of [null, '::before', '::after']) {
      const colour = getComputedStyle(e, pseudo).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
        backgrounds++;
        problems.push(`<${e.localName}>${pseudo || ''} prints a background ${colour}`);
      }
    }
  let links = 0;
  for (const a of document.querySelectorAll('a[href^="http"], a[href^="mailto:"]')) {
    if (!shown(a)) continue;
    links++;
    const address = a.getAttribute('href').replace(/^mailto:/, '');
    const after = getComputedStyle(a, '::after').content;
    const printed = a.innerText + (after.startsWith('"') ? after : '');
    if (!printed.includes(address)) problems.push(`the link to ${address} prints "${printed}"`);
  }
  return JSON.stringify({problems: problems.slice(0, 20), links, backgrounds,
                         colour: getComputedStyle(document.body).color});
})()"""

# The same measure on screen, so that the print check cannot pass for want of backgrounds.
SCREEN_BACKGROUNDS = r"""(() => JSON.stringify([...document.querySelectorAll('*')].filter(e => {
  const colour = getComputedStyle(e).backgroundColor;
  return colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent'; }).length))()"""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = """axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))""" % (
    json.dumps(AXE_TAGS))

# A page with violations of WCAG 2 A and AA that axe must find: no lang, low contrast.
AXE_CONTROL = ("<!DOCTYPE html><html><head><title>control</title></head><body><main>"
               "<p style=\"color:#ddd;background:#fff\">hard to read</p></main></body></html>")


def audit(browser, session, axe_source):
    """axe-core's violations of the page (a list of dicts), injected over DevTools."""
    evaluate(browser, session, "(() => { %s\n; return JSON.stringify(typeof axe); })()"
             % axe_source)
    return evaluate(browser, session, AXE_RUN, timeout=120)


def screenshot(browser, session, facts, path):
    # Very long pages are cut at 16000 px, about what Chromium can capture in one image.
    height = min(facts["height"], 16000)
    shot = browser.call("Page.captureScreenshot",
                        {"format": "png", "captureBeyondViewport": True,
                         "clip": {"x": 0, "y": 0, "width": facts["width"], "height": height,
                                  "scale": 1}},
                        session=session, timeout=120)
    png = base64.b64decode(shot["data"])
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(png)
    return png


def expected_headings(markdown_path):
    headings = []
    with open(markdown_path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("## "):
                headings.append(re.sub(r"\\(.)", r"\1", line[3:].rstrip("\n")))
    return headings


WIDTHS = (390, 1280)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--policyc", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--policy", required=True)
    parser.add_argument("--screenshots", required=True,
                        help="writes PREFIX-390.png and PREFIX-1280.png")
    parser.add_argument("--axe", help="axe.min.js: audit the page for WCAG 2.1 A and AA")
    parser.add_argument("--layer", default="full", choices=("full", "short", "both"),
                        help="the layer of gen text to load (the short notice, the full text)")
    options = parser.parse_args()

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("FAIL: chromium is not installed (scripts/setup test installs it)")
        sys.exit(1)
    axe_source = None
    if options.axe:
        with open(options.axe, encoding="utf-8") as handle:
            axe_source = handle.read()

    with tempfile.TemporaryDirectory() as work:
        page = os.path.join(work, "policy.html")
        markdown = os.path.join(work, "policy.md")
        for fmt, out in (("html", page), ("md", markdown)):
            subprocess.run([options.policyc, "gen", "text", options.policy, "--format=" + fmt,
                            "--layer=" + options.layer, "-o", out], cwd=options.cwd, check=True)
        broken = os.path.join(work, "broken.html")
        with open(broken, "w") as handle:
            handle.write("<!DOCTYPE html><title>broken</title>"
                         "<script>console.error('x'); notDefined();</script>")
        control = os.path.join(work, "control.html")
        with open(control, "w") as handle:
            handle.write(AXE_CONTROL)
        with open(markdown, encoding="utf-8") as handle:
            first_heading = next(line for line in handle if line.startswith("# "))
        expected_title = re.sub(r"\\(.)", r"\1", first_heading[2:].rstrip("\n"))
        headings = expected_headings(markdown)

        browser = Browser(binary, os.path.join(work, "profile"))
        problems = []
        report = []
        try:
            _, control_errors, _ = load(browser, broken)
            if len(control_errors) < 2:
                problems.append("the broken control page did not report its errors (%r): the "
                                "error detection does not work" % control_errors)
            if axe_source:
                _, _, session = load(browser, control)
                found = {violation["id"] for violation in audit(browser, session, axe_source)}
                if not {"html-has-lang", "color-contrast"} <= found:
                    problems.append("axe did not find the control page's violations (found %s): "
                                    "the audit does not work" % sorted(found))
            for width in WIDTHS:
                facts, errors, session = load(browser, page, width)
                where = "at %d px" % width
                if facts["title"] != expected_title or facts["h1"] != [expected_title]:
                    problems.append("%s: title %r / h1 %r, expected %r"
                                    % (where, facts["title"], facts["h1"], expected_title))
                rendered = {text: shown for text, shown in facts["h2"]}
                for heading in headings:
                    if heading not in rendered:
                        problems.append("%s: section heading %r is not on the page"
                                        % (where, heading))
                    elif not rendered[heading]:
                        problems.append("%s: section heading %r is not visible"
                                        % (where, heading))
                if errors:
                    problems.append("%s: the page logged errors: %r" % (where, errors))
                if facts["scripts"]:
                    problems.append("%s: the page has %d scripts" % (where, facts["scripts"]))
                layout = evaluate(browser, session, LAYOUT, timeout=120)
                problems += ["%s: %s" % (where, problem) for problem in layout["problems"]]
                if layout["count"] > len(layout["problems"]):
                    problems.append("%s: and %d more" % (where, layout["count"] -
                                                         len(layout["problems"])))
                if layout["words"] < 50 or layout["boxes"] < 20:
                    problems.append("%s: only %d words in %d boxes measured: the check would "
                                    "prove nothing" % (where, layout["words"], layout["boxes"]))
                path = "%s-%d.png" % (options.screenshots, width)
                png = screenshot(browser, session, facts, path)
                if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 10000:
                    problems.append("%s: the screenshot is not a plausible PNG (%d bytes)"
                                    % (where, len(png)))
                report.append("%d px: %d words in %d boxes, none broken or overflowing; %s "
                              "(%dx%d)" % (width, layout["words"], layout["boxes"], path,
                                           facts["width"], min(facts["height"], 16000)))
                if axe_source:
                    violations = audit(browser, session, axe_source)
                    for violation in violations:
                        problems.append("%s: axe %s (%s): %s; %s"
                                        % (where, violation["id"], violation["impact"],
                                           violation["help"], " | ".join(violation["nodes"])))
                    report.append("%d px: axe-core, tags %s: %d violations"
                                  % (width, ",".join(AXE_TAGS), len(violations)))
            screen_backgrounds = evaluate(browser, session, SCREEN_BACKGROUNDS)
            browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
            printed = evaluate(browser, session, PRINT)
            problems += ["printed: %s" % problem for problem in printed["problems"]]
            if not screen_backgrounds:
                problems.append("no element has a background on screen: the print check "
                                "would prove nothing")
            if printed["colour"] != "rgb(0, 0, 0)":
                problems.append("printed: the text is %s, not black" % printed["colour"])
            report.append("printed: contents, skip link and footer hidden, no background "
                          "(%d on screen), %d links print their address"
                          % (screen_backgrounds, printed["links"]))
        finally:
            browser.close()

        if problems:
            print("FAIL:\n  " + "\n  ".join(problems))
            sys.exit(1)
        print("OK: %r, %d section headings visible, no errors\n  %s"
              % (expected_title, len(headings), "\n  ".join(report)))


if __name__ == "__main__":
    main()
