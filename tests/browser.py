"""A page opened in headless Chromium, driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on fds 3 and 4), so no websocket
library is needed.

Without Chromium the browser tests are skipped, saying how to run them; under CI
(``SALESPLAN_REQUIRE_BROWSER=1``, set by .ci/run) they fail instead.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REQUIRED_VAR = "SALESPLAN_REQUIRE_BROWSER"
NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    message = "Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"
    if os.environ.get(REQUIRED_VAR) == "1":
        pytest.fail(message + f"; {REQUIRED_VAR}=1 requires it")
    pytest.skip(message)


@dataclass
class Opened:
    """What the browser saw of one page at one width."""

    width: int
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, log errors
    facts: dict[str, Any] = field(default_factory=dict)  # what the DOM check returned
    screenshot: Path | None = None


# Read in the page by the test (the page itself carries no script).
DOM_CHECK = """JSON.stringify({
  charts: [...document.querySelectorAll('svg.chart')].map(e => {
    const r = e.getBoundingClientRect(); return [r.width, r.height]; }),
  headings: [...document.querySelectorAll('h1,h2,h3,h4,figcaption')].map(e => e.innerText),
  text: document.body.innerText,
  scrollWidth: document.documentElement.scrollWidth,
  fonts: document.fonts.size,
})"""


class Browser:
    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="salesplan-chromium.")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds() -> None:  # the child's fd 3 reads commands, fd 4 writes answers
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,  # a pipe on fds 3 and 4 is the protocol's transport
            pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except Exception:  # noqa: BLE001 - it may be gone already
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        sent = {"id": self._next, "method": method, "params": params}
        if session:
            sent["sessionId"] = session
        os.write(self._to_browser, json.dumps(sent).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            got = self._read(deadline)
            if got.get("id") == self._next:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                return got.get("result", {})
            self.events.append(got)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for n, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(n)
        while True:
            got = self._read(deadline)
            if got.get("method") == method:
                return got
            self.events.append(got)

    def open(self, page: Path, width: int, screenshot: Path) -> Opened:
        """``page`` at ``width`` CSS pixels (a phone's under 500): every request it made, every
        error it logged, the DOM check's facts, and a full-page screenshot."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.events.clear()
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 500,
        )
        self.send("Page.navigate", session, url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        facts = json.loads(
            self.send("Runtime.evaluate", session, expression=DOM_CHECK, returnByValue=True)[
                "result"
            ]["value"]
        )
        shot = self.send(
            "Page.captureScreenshot", session, format="png", captureBeyondViewport=True
        )
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        seen = Opened(width, facts=facts, screenshot=screenshot)
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                seen.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                seen.errors.append(str(params.get("exceptionDetails")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                seen.errors.append(str(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                seen.errors.append(params["entry"].get("text", ""))
        self.send("Target.closeTarget", targetId=target)
        return seen


def check_in_browser(page: Path, shots: Path, name: str, widths=(375, 1280)) -> list[Opened]:
    """Open ``page`` at each width: no request beyond the file itself, no error, every chart a
    box of its own, nothing wider than the screen; screenshots kept in ``shots``."""
    browser = Browser()
    try:
        seen = [browser.open(page, w, shots / f"{name}-{w}.png") for w in widths]
    finally:
        browser.close()
    for opened in seen:
        assert opened.requests == [page.resolve().as_uri()], opened.requests
        assert opened.errors == [], opened.errors
        charts = opened.facts["charts"]
        assert charts and all(w > 50 and h > 30 for w, h in charts), charts
        assert opened.facts["scrollWidth"] <= opened.width, (opened.width, opened.facts)
        assert opened.screenshot is not None and opened.screenshot.stat().st_size > 10_000
    return seen
