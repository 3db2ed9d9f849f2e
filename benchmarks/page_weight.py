"""What a page has loaded by its end: every resource's bytes, uncompressed, in headless Chromium.

A reader who scrolls to the end of a page has made it load everything it loads lazily (a chart
that waited for the viewport, its library); this loads each page, scrolls down to its end in
steps, waits until the network is quiet, and sums the decoded bytes of every response (Chromium's
`Network.dataReceived`, through a CDP session: the bytes the browser had to parse, whatever
compression a host adds). One row per site and page, with the largest resources.

    .venv/bin/python benchmarks/page_weight.py --site /tmp/before-site --site /tmp/after-site
    .venv/bin/python benchmarks/page_weight.py --site site --pages regions/yizhuang/ en/regions/yizhuang/ --budget 800

Exit status 2 when a page is over `--budget` KB (1 KB = 1000 bytes). Chromium: /usr/bin/chromium,
or CHROME_PATH.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lighthouse import make_server, serving
from playwright.sync_api import Browser, sync_playwright

DEFAULT_PAGES = ("regions/yizhuang/", "en/regions/yizhuang/")
SCROLL_STEP = 600  # px: each step brings the next part of the page near the viewport


@dataclass(frozen=True)
class Weight:
    total: int
    resources: dict[str, int]  # URL path → bytes


def weigh(browser: Browser, url: str, width: int) -> Weight:
    """The bytes the page at `url` has loaded once scrolled to its end."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))

        def received(event: dict[str, object]) -> None:
            length = event["dataLength"]
            assert isinstance(length, int)
            sizes[str(event["requestId"])] = sizes.get(str(event["requestId"]), 0) + length

        cdp.on("Network.dataReceived", received)
        page.goto(url, wait_until="load")
        height = int(page.evaluate("document.documentElement.scrollHeight"))
        for y in range(0, height + SCROLL_STEP, SCROLL_STEP):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        by_path: dict[str, int] = {}
        for request, size in sizes.items():
            path = urls.get(request, "?").split("://", 1)[-1].split("/", 1)[-1]
            by_path["/" + path] = by_path.get("/" + path, 0) + size
        return Weight(sum(by_path.values()), by_path)
    finally:
        context.close()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, action="append", required=True, help="a built site (both editions); repeat to compare")
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES), metavar="PATH", help="paths such as regions/yizhuang/")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in px (default 1280)")
    parser.add_argument("--top", type=int, default=4, help="the largest resources listed per page (default 4)")
    parser.add_argument("--budget", type=float, metavar="KB", help="exit 2 when a page loads more than this")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    over = False
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), args=["--no-sandbox"])
        try:
            print(f"{'site':<28} {'page':<24} {'KB':>8}  largest resources")
            for site in args.site:
                with serving(make_server(site)) as root:
                    for path in args.pages:
                        weight = weigh(browser, root + path.lstrip("/"), args.width)
                        top = sorted(weight.resources.items(), key=lambda item: -item[1])[: args.top]
                        largest = ", ".join(f"{p.rsplit('/', 1)[-1] or p} {b / 1000:.0f}" for p, b in top)
                        print(f"{site!s:<28} {path:<24} {weight.total / 1000:>8.1f}  {largest}")
                        over = over or (args.budget is not None and weight.total > args.budget * 1000)
        finally:
            browser.close()
    return 2 if over else 0


if __name__ == "__main__":
    sys.exit(main())
