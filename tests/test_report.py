"""``mocctl report``: one self-contained HTML page with an inline SVG timeline; and the page in
headless Chromium (DevTools protocol over a pipe): it loads without console errors and its
timeline has the expected elements.

The notices and activities written here are FICTIONAL test data.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

NOTICE = """
    # FICTIONAL
    apiVersion: mocctl/v1
    kind: Notice
    id: uk-notice-2027
    type: discontinuation
    by: UK
    form: written
    dated: 2027-02-20
    received: 2027-02-28
"""
ACTIVITIES = """
    # FICTIONAL
    apiVersion: mocctl/v1
    kind: Activity
    id: exchange
    title: Researcher exchange <script>alert("x")</script> & co
    areas: [education-exchange]
    start: 2026-01-01
    end: 2028-03-31
    ---
    apiVersion: mocctl/v1
    kind: Activity
    id: roadmap
    title: Standards roadmap
    areas: [standards-governance]
    start: 2025-09-01
    end: 2026-12-31
"""


@pytest.fixture
def scenario(write: WriteRecord, records: Path) -> Path:
    write("notices/uk.yaml", NOTICE)
    write("activities/all.yaml", ACTIVITIES)
    return records


def report(run: Run, records: Path, *args: str, as_of: str = "2027-03-01", code: int = 0) -> str:
    result = run("--records", str(records), "--as-of", as_of, "report", *args)
    assert result.exit_code == code, result.output
    return result.stdout


class Elements(HTMLParser):
    """Every element's tag and classes, and the text of <title> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.found if name in (a.get("class") or "").split()]


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_the_report_is_one_self_contained_page(run: Run, scenario: Path) -> None:
    page = report(run, scenario)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>jp-uk-quantum-2025: In force, discontinuation pending (as of 2027-03-01)" in page
    # No external scripts, styles, fonts or images: no script at all, no link, no src, and
    # every href and url() points inside the page.
    for bad in ("<script", "<link", "src=", "@import", "http://", "https://", "<img"):
        assert bad not in page.replace("&lt;script", ""), bad
    assert set(re.findall(r'href="([^"]*)"', page)) <= {"#text"}
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {"#hatch-grey", "#hatch-blue"}
    # Record text is escaped, never markup.
    assert "Researcher exchange &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    # Reproducible: the same bytes twice.
    assert report(run, scenario) == page


def test_the_timeline_has_a_band_per_notice_a_bar_per_activity_and_the_line(
    run: Run, scenario: Path
) -> None:
    page = report(run, scenario)
    found = parse(page)
    svg = [a for tag, a in found.found if tag == "svg" and a.get("role") == "img"]
    assert len(svg) == 1 and svg[0]["aria-labelledby"] == "tl-title tl-desc"
    assert '<title id="tl-title">Timeline of jp-uk-quantum-2025</title>' in page
    assert '<desc id="tl-desc">' in page
    assert len(found.with_class("notice-band")) == 1
    assert len(found.with_class("activity-bar")) == 2
    assert len(found.with_class("discontinuation-line")) == 1
    # The exchange runs past the discontinuation (2.4): its continuation is drawn.
    assert len(found.with_class("activity-continuation")) == 1
    # A tick for the date under every rule, the governing one marked.
    ticks = found.with_class("rule-tick")
    assert sorted(t["data-rule"] or "" for t in ticks) == sorted(
        ["safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary"]
    )
    assert [t["data-rule"] for t in ticks if "governing" in (t["class"] or "")] == ["safe-harbour"]
    # The dates come from the one history: 1 June 2027 under safe-harbour (jp-civil-code).
    assert "discontinued from 2027-06-01" in page
    assert "Tue 1 Jun 2027" in page  # the rules table
    # The text alternative: every event in a table, the consolidated text, the findings.
    assert "Every dated event (the timeline in words)" in page
    assert '<h2 id="text">Consolidated text</h2>' in page and "<h3>" in page
    assert '<h2 id="findings">Findings</h2>' in page
    assert "@media print" in page


def test_revoked_and_void_are_drawn_as_such(run: Run) -> None:
    page = report(run, EXAMPLES / "revoked-then-discontinued")
    found = parse(page)
    bands = found.with_class("notice-band")
    assert sorted(b["class"] or "" for b in bands) == [
        "notice-band revoked",
        "notice-band scheduled",
    ]
    assert len(found.with_class("strike")) == 1  # the revoked notice struck through
    assert len(found.with_class("revocation")) == 1
    assert len(found.with_class("activity-bar")) == 3
    assert len(found.with_class("discontinuation-line")) == 1


def test_the_portfolio_page_has_a_row_and_a_timeline_each_most_urgent_first(run: Run) -> None:
    page = report(run, EXAMPLES, code=1)  # MOC204: the examples share one id
    found = parse(page)
    assert len([a for tag, a in found.found if tag == "svg" and a.get("role") == "img"]) == 7
    paths = re.findall(r"<code>[^<]*?(examples/[a-z-]+)</code>", page)
    assert paths == [  # (the fixed-term example-marine-2023's id is its own: no path shown)
        "examples/six-months-modification",  # 2027-04-01
        "examples/notice-across-time-zones",  # 2027-04-12
        "examples/revoked-then-discontinued",  # 2027-06-30
        # 2030-12-01, the last day for notice of non-renewal; the two with a repeated id
        # (MOC204, an error) before the first of the three
        "examples/non-renewal-in-time",
        "examples/non-renewal-too-late",
        "examples/five-year-term-renewing",
    ]
    ids = [a["id"] for _, a in found.found if a.get("id")]
    assert len(ids) == len(set(ids))  # every id on the page once


def test_an_existing_file_is_not_replaced_without_force(
    run: Run, scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep me", encoding="utf-8")
    result = run("--records", str(scenario), "report", "-o", str(out))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    result = run(
        "--records", str(scenario), "--as-of", "2027-03-01", "report", "-o", str(out), "--force"
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- in a browser ----------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class DevTools:
    """The Chrome DevTools protocol over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # The child gets the pipe's ends as its fds 3 and 4.
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-extensions",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(self._read(deadline - time.monotonic()))

    def _read(self, timeout: float = 30) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_chrome], [], [], max(timeout, 0))
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, EOFError, TimeoutError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


COUNT = """JSON.stringify({
  svg: document.querySelectorAll('svg[role=img]').length,
  svgTitle: document.querySelector('svg[role=img] > title')?.textContent ?? null,
  svgDesc: !!document.querySelector('svg[role=img] > desc'),
  bands: document.querySelectorAll('svg .notice-band').length,
  bars: document.querySelectorAll('svg .activity-bar').length,
  lines: document.querySelectorAll('svg .discontinuation-line').length,
  barWidths: [...document.querySelectorAll('svg .activity-bar')].map(b => b.getBBox().width),
  external: [...document.querySelectorAll('script,link,img,iframe,[src]')].length,
  title: document.title
})"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it: .ci/run)")
def test_the_report_in_headless_chromium(run: Run, scenario: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    out = tmp_path / "report.html"
    result = run("--records", str(scenario), "--as-of", "2027-03-01", "report", "-o", str(out))
    assert result.exit_code == 0, result.output
    browser = DevTools(CHROMIUM, tmp_path / "profile")
    try:
        targets = browser.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        session = browser.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session)
        browser.send("Emulation.setDeviceMetricsOverride", session, width=1100, height=1400,
                     deviceScaleFactor=1, mobile=False)  # fmt: skip
        browser.events.clear()
        browser.send("Page.navigate", session, url=out.as_uri())
        browser.wait_for("Page.loadEventFired")
        counted = browser.send("Runtime.evaluate", session, expression=COUNT, returnByValue=True)
        shot = browser.send("Page.captureScreenshot", session, format="png")
        problems = [
            e
            for e in browser.events
            if e.get("method") == "Runtime.exceptionThrown"
            or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")
            or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        ]
    finally:
        browser.close()
    assert not problems, problems
    data = json.loads(counted["result"]["value"])
    assert data["svg"] == 1 and data["svgDesc"]
    assert data["svgTitle"] == "Timeline of jp-uk-quantum-2025"
    assert (data["bands"], data["bars"], data["lines"]) == (1, 2, 1)
    assert all(width > 10 for width in data["barWidths"])  # drawn, not collapsed
    assert data["external"] == 0
    assert data["title"].startswith("jp-uk-quantum-2025: In force, discontinuation pending")
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    (tmp_path / "report.png").write_bytes(png)


def test_an_expiry_is_drawn_as_the_end_and_activities_continue_past_it(
    run: Run, tmp_path: Path
) -> None:
    """The FICTIONAL three-year memorandum expires on 2026-10-16; its cruise runs to 2027-03-31."""
    records = Path(__file__).resolve().parents[1] / "examples" / "three-year-term-expiring"
    page = tmp_path / "marine.html"
    result = run("--records", str(records), "report", "-o", str(page), "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    assert "expired from 2026-10-16 (term 1 ended on 2026-10-15)" in html
    assert "continues after the expiry (Paragraph 2.4)" in html
    assert "Expired on 2026-10-16, at the end of its last term." in html
