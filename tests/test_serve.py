"""`mkdocs serve` while a contributor edits: a save that breaks the data shows the problems on the
page being looked at, the last good site stays up, and the next good save removes them.

A real `mkdocs serve` (with livereload, as `scripts/serve` starts it) on a copy of the small test
project, and a real browser tab on a region page that the test never reloads: the page's own
livereload script reloads it after each rebuild, as it would for a contributor.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import Browser, Tab, browser_test, free_port, open_tab, timeout
from conftest import site_project

from generator import preview
from generator.problems import Problem
from generator.text import Lang

MINI = Path(__file__).parent / "fixtures" / "mini"
REGION = "data/regions/sample-zone.yml"
GOOD = "metric: industrial_output\n    value: 1200"  # line 11 of the region file
PAGE = "regions/sample-zone/"
BANNER = ".zr-problems"
# what a test allows a save to show (scaled by ZR_TIMEOUT_FACTOR, browsing.py); the real time is
# about 1 s (benchmarks/serve_reload.py)
RELOAD = timeout(10)


@dataclass
class Server:
    root: Path
    url: str
    log: Path

    def edit(self, old: str, new: str) -> None:
        path = self.root / REGION
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")


def _project(dest: Path) -> Path:
    return site_project(dest, MINI / "data")


def _served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextlib.contextmanager
def serve(root: Path, **more_env: str) -> Iterator[Server]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = root.parent / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, **more_env}
    with log.open("w") as out:  # a file, not a pipe: an unread pipe would block the server
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout(120) / 1000
            while not _served(url):
                assert process.poll() is None, "mkdocs serve exited:\n" + log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "mkdocs serve did not start:\n" + log.read_text(encoding="utf-8")
                time.sleep(0.1)
            yield Server(root, url, log)
        finally:
            process.terminate()
            process.wait(timeout=20)


def _banner(tab: Tab) -> str:
    """The banner's text once the page shows it (the page reloads itself after a rebuild)."""
    tab.page.wait_for_selector(BANNER, timeout=RELOAD)
    return tab.page.inner_text(BANNER)


def _no_banner(tab: Tab) -> None:
    tab.page.wait_for_function(f"() => document.readyState === 'complete' && !document.querySelector('{BANNER}')", timeout=RELOAD)


@browser_test
def test_a_broken_save_shows_its_problems_on_the_page_and_the_fix_removes_them(browser: Browser, tmp_path: Path) -> None:
    with serve(_project(tmp_path / "project")) as server:
        tab = open_tab(browser, server.url)
        try:
            tab.visit(PAGE)
            assert tab.page.query_selector(BANNER) is None
            heading = tab.page.inner_text("h1")

            server.edit(GOOD, GOOD.replace("output", "outptu"))  # a typo
            text = _banner(tab)
            assert f"{REGION}:11: unknown metric 'industrial_outptu'" in text
            assert "did you mean 'industrial_output'" in text
            assert tab.page.inner_text("h1") == heading, "the last good page is still shown"

            server.edit(GOOD.replace("output", "outptu"), GOOD.replace(":", "："))  # a Chinese keyboard's colon
            assert f"{REGION}:" in _banner(tab)

            server.edit(GOOD.replace(":", "："), GOOD)  # fixed
            _no_banner(tab)
            assert tab.page.inner_text("h1") == heading
        finally:
            tab.page.context.close()
        assert "Traceback" not in server.log.read_text(encoding="utf-8")


@browser_test
def test_a_preview_started_on_broken_data_lists_the_problems_until_they_are_fixed(browser: Browser, tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    Server(root, "", root).edit(GOOD, GOOD.replace("output", "outptu"))
    with serve(root) as server:
        tab = open_tab(browser, server.url)
        try:
            tab.visit("")
            assert f"{REGION}:11: unknown metric" in _banner(tab)
            server.edit(GOOD.replace("output", "outptu"), GOOD)
            _no_banner(tab)
            tab.visit(PAGE)  # the region's page exists now
            assert tab.page.query_selector(BANNER) is None
        finally:
            tab.page.context.close()


def test_the_banner_escapes_what_it_shows() -> None:
    problem = Problem("data/regions/x.yml", 3, "unknown metric '<img src=x onerror=alert(1)>'", "valid: a & b")
    html = preview.with_banner("<html><body><main>page</main></body></html>", [problem], Lang("zh"))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "a &amp; b" in html
    assert html.index('class="zr-problems"') < html.index("<main")


def test_no_banner_without_problems() -> None:
    page = "<html><body><main>page</main></body></html>"
    assert preview.with_banner(page, [], Lang("en")) == page


def test_a_long_list_is_cut_and_counted() -> None:
    problems = [Problem("data/regions/x.yml", n, "wrong") for n in range(1, 31)]
    banner = preview.banner(problems, Lang("en"))
    assert banner.count("<li><code>") == preview.SHOWN and f"+{30 - preview.SHOWN}" in banner


pytestmark = pytest.mark.slow


@browser_test
def test_a_focused_preview_shows_one_region_says_so_and_follows_its_edits(browser: Browser, tmp_path: Path) -> None:
    """scripts/serve --region ID: the region's page and the pages that aggregate it, each with a note
    of what is left out; the other regions' pages are not built; a save shows up as in a full preview."""
    with serve(_project(tmp_path / "project"), ZONE_REPORT_FOCUS="sample-zone") as server:
        assert not _served(server.url + "regions/other-city/")
        tab = open_tab(browser, server.url)
        try:
            tab.page.goto(server.url + PAGE)
            note = tab.page.inner_text(".zr-focus")
            assert "样例区" in note and "其余 1 个地区未包含" in note and "scripts/serve" in note
            tab.page.goto(server.url + "compare/economy/")
            assert tab.page.locator(".zr-focus").count() == 1
            assert "另一城市" not in tab.page.inner_text("article")
            tab.page.goto(server.url + PAGE)
            server.edit("测试用的开发区。", "聚焦预览里改过的简介。")
            # (the page reloads itself: between two documents there is no body yet)
            tab.page.wait_for_function("() => document.body?.innerText.includes('聚焦预览里改过的简介')", timeout=RELOAD)
            assert tab.page.locator(".zr-focus").count() == 1
        finally:
            tab.page.context.close()
