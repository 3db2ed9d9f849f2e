"""Time to the first search result in a real browser: a reader opens the home page, clicks the
search box and types a query; material's search then downloads search/search_index.json, builds
its index in a web worker, and shows results. Timed from the first key press to the first result
on screen, in a fresh browser context each run (nothing cached), for each built site given — e.g.
the sites `bench_build.py --keep DIR --against …` keeps (site-300-before, site-300-after).

    .venv/bin/python benchmarks/search_latency.py /tmp/b/site-300-before /tmp/b/site-300-after --query 江云
    .venv/bin/python benchmarks/search_latency.py SITE… --throttle   # a slow mobile link as well

`--throttle` adds runs on the link Lighthouse's mobile tests emulate (1.6 Mbit/s down, 150 ms
round trip), where the index's size is most of the wait. Needs Chromium (scripts/setup --browser).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browsing import free_port, launch, serving  # noqa: E402 - the tests' browser and server helpers

SLOW_MOBILE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


def first_result(browser: Any, url: str, query: str, throttle: bool) -> float:
    """Seconds from typing `query` on the home page to the first result shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        if throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_MOBILE)
        page.goto(url, wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        started = time.perf_counter()
        box.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=600_000)
        return time.perf_counter() - started
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", type=Path, nargs="+", help="built sites (each with search/search_index.json)")
    parser.add_argument("--query", default="江云", help="what the reader types (default: a synthetic region's name)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", action="store_true", help="also on a slow mobile link")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'site':<40} {'index MB':>8} {'link':>6} {'first result s (median of ' + str(args.runs) + ')':>32}")
    with sync_playwright() as pw:
        browser = launch(pw)
        for site in args.sites:
            size = (site / "search" / "search_index.json").stat().st_size / 2**20
            with serving(site, free_port()) as url:
                for throttle in [False, True] if args.throttle else [False]:
                    times = [first_result(browser, url, args.query, throttle) for _ in range(args.runs)]
                    link = "slow" if throttle else "local"
                    print(f"{site!s:<40} {size:>8.2f} {link:>6} {statistics.median(times):>32.2f}", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
