"""What one full style recalculation and layout of a page costs in Chromium, unthrottled.

Lighthouse's total blocking time on a long page is mostly style and layout that material's
scripts force while the page loads, several times over; this measures one such pass directly,
without Lighthouse's noise: the page is loaded at a phone's width (412 px), then its article is
made 1 px narrower and wider again, and each time the forced style and layout is timed. Prints
the median of 21 passes per page, and the page's element count.

    .venv/bin/python benchmarks/layout_cost.py --site site / regions/yizhuang/ methodology/

Serves the built site with lighthouse.py's server on 127.0.0.1. Chromium: /usr/bin/chromium, or
CHROME_PATH.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from lighthouse import make_server, serving
from playwright.sync_api import sync_playwright

PASS = """() => {
  const article = document.querySelector('article');
  const times = [];
  for (let i = 0; i < 21; i++) {
    article.style.width = i % 2 ? '380px' : '381px';
    document.body.classList.toggle('zr-layout-cost');  // new styles for every element, too
    const start = performance.now();
    getComputedStyle(article).width;
    article.offsetHeight;
    times.push(performance.now() - start);
  }
  return {times: times, elements: document.getElementsByTagName('*').length};
}"""


def measure(base: str, pages: Sequence[str], rounds: int) -> list[tuple[str, int, float]]:
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
        for page_path in pages:
            medians, elements = [], 0
            for _ in range(rounds):  # a fresh page each round: caches warm differently
                page = browser.new_page(viewport={"width": 412, "height": 823})
                page.goto(base + page_path.lstrip("/"), wait_until="load")
                page.wait_for_timeout(1000)  # the page's scripts and material's have run
                found = page.evaluate(PASS)
                medians.append(statistics.median(found["times"]))
                elements = found["elements"]
                page.close()
            rows.append((page_path, elements, statistics.median(medians)))
        browser.close()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (scripts/build)")
    parser.add_argument("--rounds", type=int, default=3, help="page loads per page; the median is printed (default 3)")
    parser.add_argument("pages", nargs="+", help="paths such as / or regions/yizhuang/")
    args = parser.parse_args(argv)
    with serving(make_server(args.site)) as base:
        rows = measure(base, args.pages, args.rounds)
    print("| page | elements | style + layout, one pass (ms) |\n| --- | --- | --- |")
    for page_path, elements, ms in rows:
        print(f"| {page_path} | {elements} | {ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
