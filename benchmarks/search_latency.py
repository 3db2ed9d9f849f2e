"""A reader's first search in a real browser: what it downloads and how long it takes.

A reader opens the home page, clicks the search box and types a query. Measured in Chromium, in a
fresh browser context each run (nothing cached), with the site served gzip-compressed as a static
host serves it (benchmarks/lighthouse.py's server):

  load KB     what the page load fetched for search: material's search_index.json (the whole
              index for material's own worker; a stub without documents for the site's worker)
              and the worker script
  search KB   what was fetched from the first key press to the first result on screen (the
              site's worker: the shard keys, a shard per query word, the best pages' documents)
  first s     seconds from the first key press to the first result on screen
  KB = bytes on the wire (gzip bodies and headers) / 1024.

    .venv/bin/python benchmarks/search_latency.py SITE… [--query 江云] [--throttle] [--runs 3]

`--throttle` repeats the runs on the link Lighthouse's mobile tests emulate (1.6 Mbit/s down,
150 ms round trip), made by the server: each response waits a round trip, and every response's
bytes share one 1.6 Mbit/s link (a browser's emulation would not slow its worker's requests).
`first_search(site, query)` is what bench_build.py calls. Needs Chromium (scripts/setup).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from browsing import launch  # noqa: E402 - the tests' browser
from lighthouse import GzipHandler, gzipped, serving  # noqa: E402 - the gzip server

LATENCY = 0.150  # s, Lighthouse's slow mobile round trip
THROUGHPUT = 1.6e6 / 8  # bytes/s down
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "assets/javascripts/search-worker.js")


class Link:
    """One slow link all responses share: bytes leave no faster than THROUGHPUT in all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.free_at = 0.0

    def send(self, size: int) -> None:
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + size / THROUGHPUT
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))


class SlowHandler(GzipHandler):
    link: Link

    def copyfile(self, source: BinaryIO, outputfile: Any) -> None:  # type: ignore[override]
        body = source.read()
        time.sleep(LATENCY)
        for at in range(0, len(body), 16_384):
            chunk = body[at : at + 16_384]
            self.link.send(len(chunk))
            outputfile.write(chunk)


@contextmanager
def served(site: Path, throttle: bool) -> Iterator[str]:
    handler: Any = GzipHandler
    if throttle:
        handler = type("Slow", (SlowHandler,), {"link": Link()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    with serving(server) as url:
        yield url


@dataclass
class Run:
    load_bytes: int
    search_bytes: int
    seconds: float
    requests: list[str]


def one_search(browser: Any, site: Path, url: str, query: str) -> Run:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: list[tuple[float, str, int]] = []

    def finished(request: Any) -> None:
        size = request.sizes()
        body = size["responseBodySize"] or _served_size(site, url, request.url)  # Chromium reports 0 for a worker's script
        sizes.append((time.perf_counter(), request.url, body + size["responseHeadersSize"]))

    context.on("requestfinished", finished)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        box = page.locator("input.md-search__input")
        page.wait_for_load_state("networkidle")  # the worker and material's search_index.json are in
        box.click()
        started = time.perf_counter()
        box.type(query)
        box.press("End")  # material searches on keyup; a typed Chinese character sends none
        page.wait_for_selector(".md-search-result__item", timeout=600_000)
        seconds = time.perf_counter() - started
        page.wait_for_load_state("networkidle")  # the rest of the result pages' documents
    finally:
        context.close()
    path = urlsplit(url).path

    def searching(u: str) -> bool:
        return urlsplit(u).path.removeprefix(path).startswith(SEARCH_PATHS)

    load = sum(size for at, u, size in sizes if at < started and searching(u))
    after = [(u, size) for at, u, size in sizes if at >= started]
    return Run(load, sum(size for _, size in after), seconds, [u for u, _ in after])


def _served_size(site: Path, base: str, url: str) -> int:
    """The gzip body the server sends for `url` (a file of `site`)."""
    path = site / urlsplit(url).path.removeprefix(urlsplit(base).path)
    if not path.is_file():
        return 0
    stat = path.stat()
    return len(gzipped(path, stat.st_mtime_ns, stat.st_size))


def first_search(site: Path, query: str, throttle: bool = False, runs: int = 1) -> tuple[int, float]:
    """Bytes a first search transfers (at page load and after the first key press) and the
    milliseconds to its first result, median of `runs`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, served(site, throttle) as url:
        browser = launch(pw)
        try:
            measured = [one_search(browser, site, url, query) for _ in range(runs)]
        finally:
            browser.close()
    return (
        int(statistics.median(r.load_bytes + r.search_bytes for r in measured)),
        statistics.median(r.seconds for r in measured) * 1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", type=Path, nargs="+", help="built sites (an edition's folder)")
    parser.add_argument("--query", default="江云", help="what the reader types (default: a synthetic region's name)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", action="store_true", help="also on a slow mobile link")
    parser.add_argument("--requests", action="store_true", help="list what the last run's search fetched")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"query {args.query!r}, median of {args.runs} runs")
    print(f"{'site':<40} {'link':>6} {'load KB':>8} {'search KB':>9} {'total KB':>8} {'first s':>8}")
    with sync_playwright() as pw:
        browser = launch(pw)
        for site in args.sites:
            for throttle in [False, True] if args.throttle else [False]:
                with served(site, throttle) as url:
                    runs = [one_search(browser, site, url, args.query) for _ in range(args.runs)]
                load = statistics.median(r.load_bytes for r in runs) / 1024
                search = statistics.median(r.search_bytes for r in runs) / 1024
                total = statistics.median(r.load_bytes + r.search_bytes for r in runs) / 1024
                seconds = statistics.median(r.seconds for r in runs)
                link = "slow" if throttle else "local"
                print(f"{site!s:<40} {link:>6} {load:>8.1f} {search:>9.1f} {total:>8.1f} {seconds:>8.2f}", flush=True)
                if args.requests:
                    print("\n".join(f"    {u}" for u in runs[-1].requests))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
