"""Shared machinery of the browser tests: Debian's Chromium through Playwright, a loopback
server for a built site, and a tab that records console errors and every request.

Needs Debian's `chromium`, `fonts-noto-cjk`, the `playwright` Python package and axe-core from npm
(`npm ci`); `scripts/setup --browser` installs them. `REQUIRE_BROWSER_TESTS=1` (CI, scripts/test)
turns a missing browser into a failure instead of skipped tests.

Each test waits for what it looks at — the chart it reads, set up (`Tab.chart`); the next page in
place after an instant page switch (`Tab.switch`); the element it clicks, which Playwright's click
waits for until it is visible, stable and enabled — never for a fixed time. Every wait's timeout
comes from `WAIT` below; `ZR_TIMEOUT_FACTOR=3` triples them all on a slow or busy machine.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright
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
        charted = [p for p in pages if 'class="zr-plot' in (p / "index.html").read_text(encoding="utf-8")]
        return (charted or pages)[0].relative_to(self.root).as_posix() + "/"


def launch(pw: Any) -> Browser:
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


# One place for how long a browser test waits: each wait is for one condition (a page loaded, a
# chart drawn, a search result), and a machine that is slow or busy gets more time by one factor,
# ZR_TIMEOUT_FACTOR (e.g. 3 on a loaded CI runner). A wait that times out is a failure, so the
# figures are generous: on this repository's two-core machine each condition takes well under
# a second when idle, a few seconds with both cores busy (scripts/soak).
FACTOR = float(os.environ.get("ZR_TIMEOUT_FACTOR") or 1)
if not FACTOR > 0:
    raise ValueError(f"ZR_TIMEOUT_FACTOR must be a positive number, not {os.environ['ZR_TIMEOUT_FACTOR']!r}")


def timeout(seconds: float) -> float:
    """`seconds` scaled by ZR_TIMEOUT_FACTOR, in milliseconds (what Playwright takes)."""
    return seconds * FACTOR * 1000


WAIT = timeout(15)  # any wait in a page: Playwright's default for the tab's actions and waits
NAVIGATION = timeout(30)  # a page load (the search index is large)

# A chart is drawn at build time (generator/static_charts.py): it is ready when it holds its marks
# (links to its records) and charts.js has given its figure the download buttons.
CHART_DRAWN = """(i) => {
  const el = document.querySelectorAll('.zr-plot')[i];
  return !!el && !!el.querySelector('a[href]') && !!el.parentNode.querySelector('.zr-chart-tools');
}"""

# Material fades the header's tabs out while the page is scrolled down and back in (250 ms) at
# the top: settled when they show and no transition runs (a colour check meanwhile would see them
# half transparent). On a phone the tabs are not shown at all and may stay marked hidden.
TABS_SETTLED = """() => {
  const t = document.querySelector('.md-tabs');
  if (!t || getComputedStyle(t).display === 'none') return true;
  return !t.hidden && t.getAnimations({subtree: true}).length === 0;
}"""

# the page's container, which material's instant navigation replaces with the next page's
CONTAINER = "[data-md-component=container]"


@dataclass
class Tab:
    """A page with everything it logged and requested, recorded from the first request on."""

    page: Page
    url: str  # the site's root URL
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def visit(self, path: str) -> None:
        """Loads the page at `path` (its scripts have run: they run before the load event); draws
        none of its charts."""
        self.page.goto(self.url + path, wait_until="load")

    def goto(self, path: str) -> None:
        """Loads the page and draws each of its charts, as a reader scrolling through it sees
        them (draw_charts); `visit` for a test that needs none of them."""
        self.visit(path)
        self.draw_charts()

    def chart(self, i: int = 0) -> Locator:
        """The page's `i`-th chart, once it is there with its download buttons."""
        self.page.wait_for_function(CHART_DRAWN, arg=i)
        return self.page.locator(".zr-plot").nth(i)

    def draw_charts(self) -> int:
        """Waits for each of the page's charts (drawn at build time: with its marks and download
        buttons), then scrolls back to the top and waits for the header to settle; returns how
        many charts there are."""
        count = self.page.locator(".zr-plot").count()
        for i in range(count):
            self.chart(i)
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.wait_for_function(TABS_SETTLED)
        return count

    def wait_for_charts(self) -> int:
        """The older name of draw_charts."""
        return self.draw_charts()

    def switch(self, go: Callable[[], object], path: str) -> None:
        """Runs `go` (a click on a link, a step back) and waits until the page at `path` has
        replaced this one. Material's instant navigation changes the address on the click, before
        it has fetched the next page: the address alone does not say the page is there."""
        self.page.eval_on_selector(CONTAINER, "el => { el.dataset.zrLeft = '1'; }")
        go()
        self.page.wait_for_url(self.url + path)
        self.page.wait_for_function(f"() => {{ const c = document.querySelector('{CONTAINER}'); return c && !c.dataset.zrLeft; }}")

    def search(self, query: str) -> list[str]:
        """Types `query` into material's search box; the results' page URLs (query and fragment
        dropped), best first, once there are any (a timeout if none come)."""
        box = self.page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # material searches on keyup; filling text sends none
        self.page.wait_for_selector(".md-search-result__item")
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


def new_context(browser: Browser, *, width: int = 1280, scheme: str = "light", **options: Any) -> BrowserContext:
    """A fresh browser context (a reader's window) whose waits and loads take the timeouts above."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)  # type: ignore[arg-type]
    context.set_default_timeout(WAIT)
    context.set_default_navigation_timeout(NAVIGATION)
    return context


def open_tab(browser: Browser, url: str, *, width: int = 1280, scheme: str = "light") -> Tab:
    page = new_context(browser, width=width, scheme=scheme).new_page()
    tab = Tab(page, url)
    page.on("console", lambda msg: tab.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda req: tab.errors.append(f"request failed: {req.url}"))
    page.on("request", lambda req: tab.requests.append(req.url))
    return tab
