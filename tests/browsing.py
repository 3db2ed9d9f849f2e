"""Shared machinery of the browser tests: Debian's Chromium through Playwright, a loopback
server for a built site, and a tab that records console errors and every request.

Needs Debian's `chromium`, `fonts-noto-cjk`, the `playwright` Python package and axe-core from npm
(`npm ci`); `scripts/setup --browser` installs them. `REQUIRE_BROWSER_TESTS=1` (CI, scripts/test)
turns a missing browser into a failure instead of skipped tests.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

_missing = [
    what
    for what, ok in [
        (f"{CHROMIUM} (Debian package chromium)", CHROMIUM.exists()),
        ("the playwright Python package", sync_playwright is not None),
    ]
    if not ok
]
# CI sets REQUIRE_BROWSER_TESTS: there a missing browser must fail the run, not skip these tests
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
if REQUIRED and (_missing or not AXE.exists()):
    pytest.fail(
        "REQUIRE_BROWSER_TESTS=1, but the browser tests cannot run: missing "
        + " and ".join([*_missing, *([] if AXE.exists() else [f"{AXE.relative_to(ROOT)} (npm ci)"])]),
        pytrace=False,
    )
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(_missing), reason="browser test needs " + " and ".join(_missing) + ": run scripts/setup --browser"),
]


def browser_test(function: Any) -> Any:
    """Marks one test of a module that also has tests without a browser as a browser test."""
    for mark in MARKS:
        function = mark(function)
    return function


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path, port: int) -> Iterator[str]:
    """`folder` served on the loopback `port` while the block runs; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# Page kinds → path; `None`: the first generated page of that folder that has a chart, or any.
PAGE_KINDS: dict[str, str | None] = {
    "home": "",
    "regions": "regions/",  # the listing, with the tile map
    "region": "regions/yizhuang/",
    "clusters": "clusters/",
    "cluster": "clusters/commercial-space/",
    "timeline": "timeline/",
    "comparison": None,
    "sources": "sources/",
    "source": None,
    "methodology": "methodology/",
}
FOLDERS = {"comparison": "compare", "source": "sources"}


@dataclass
class Site:
    """A built site (both editions) served on the loopback."""

    root: Path
    url: str
    log: str = ""  # what the build wrote to stderr

    def resolve(self, kind: str, edition: str = "") -> str:
        """The path of a page of that kind (PAGE_KINDS) in an edition ("" or "en/")."""
        path = PAGE_KINDS[kind]
        if path is not None:
            assert (self.root / edition / path / "index.html").exists(), f"{kind}: {edition}{path} was not built"
            return edition + path
        pages = sorted(p.parent for p in (self.root / edition / FOLDERS[kind]).glob("*/index.html"))
        assert pages, f"no {kind} page was built"
        charted = [p for p in pages if 'class="vega-chart"' in (p / "index.html").read_text(encoding="utf-8")]
        return (charted or pages)[0].relative_to(self.root).as_posix() + "/"


def launch(pw: Any) -> Browser:
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


@dataclass
class Tab:
    """A page with everything it logged and requested, recorded from the first request on."""

    page: Page
    url: str  # the site's root URL
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.url + path, wait_until="load")
        self.wait_for_charts()

    def wait_for_charts(self) -> int:
        """Brings each chart near the viewport (charts.js draws a chart only then), waits until
        every one is drawn, scrolls back to the top; returns how many there are."""
        charts = self.page.locator(".vega-chart")
        count = charts.count()
        for i in range(count):
            charts.nth(i).scroll_into_view_if_needed()
        # (a matrix on a phone stays in its static form: charts.js marks it zr-static-only)
        drawn = "el => el.classList.contains('zr-static-only') || (el.classList.contains('zr-drawn') && el.querySelector('.zr-live svg g'))"
        self.page.wait_for_function(f"() => [...document.querySelectorAll('.vega-chart')].every({drawn})", timeout=15_000)
        self.page.evaluate("window.scrollTo(0, 0)")
        # material fades the tabs out while the page is scrolled down: wait until they are back
        # (a check of colours meanwhile would see them half transparent)
        # (on a phone the tabs are not shown at all and material may leave them marked hidden)
        tabs_back = "() => { const t = document.querySelector('.md-tabs');"
        tabs_back += " return !t || !t.hidden || getComputedStyle(t).display === 'none' }"
        self.page.wait_for_function(tabs_back, timeout=5_000)
        self.page.wait_for_timeout(400)  # material's fade-in of the tabs takes 250 ms
        return count

    def search(self, query: str) -> list[str]:
        """Types `query` into material's search box; the results' page URLs (query and fragment
        dropped), best first, once there are any (a timeout if none come)."""
        box = self.page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # material searches on keyup; filling text sends none
        self.page.wait_for_selector(".md-search-result__item", timeout=15_000)
        hrefs = self.page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
        return [urllib.parse.urlsplit(h)._replace(query="", fragment="").geturl() for h in hrefs]

    def off_machine(self) -> list[str]:
        hosts = []
        for url in self.requests:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOOPBACK:
                hosts.append(url)
        return hosts

    def axe(self) -> list[str]:
        """Serious and critical axe-core violations, one line each."""
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found = []
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
                found.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
        return found

    def scheme(self) -> str:
        return str(self.page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def open_tab(browser: Browser, url: str, *, width: int = 1280, scheme: str = "light") -> Tab:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    tab = Tab(page, url)
    page.on("console", lambda msg: tab.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda req: tab.errors.append(f"request failed: {req.url}"))
    page.on("request", lambda req: tab.requests.append(req.url))
    return tab
