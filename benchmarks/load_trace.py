"""Where a page load's main-thread time goes once material's script starts: a devtools trace in
Chromium at 4× CPU slowdown (Lighthouse's mobile factor), several loads per page.

Lighthouse's total blocking time varies by ±100 ms from one run to the next on a two-core machine;
this shows the parts it is made of, steadier: for each page, the median over the loads of

- style: the time Chromium spent recalculating styles after material's bundle began evaluating
  (material's components force several recalculations while they mount; each attribute they set
  on <body> or on every link can make the next one a full pass over the page),
- layout: the same for layout,
- long-task excess: the sum over main-thread tasks from then on of their time beyond 50 ms —
  what total blocking time adds up, without Lighthouse's simulation.

    .venv/bin/python benchmarks/load_trace.py --site site --loads 7 / regions/yizhuang/ compare/
    .venv/bin/python benchmarks/load_trace.py --site site --switch compare/ regions/yizhuang/

Give several sites (each built with its own SITE_URL, or served under its folder name with
--root) to compare variants side by side: the loads alternate between them, so a busy moment of
the machine falls on each alike. `--switch TO` times a page switch instead: a click from each page
to its link to TO, until that page has loaded. Chromium: /usr/bin/chromium, or CHROME_PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from lighthouse import make_server, serving
from playwright.sync_api import Browser, BrowserContext, sync_playwright

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"]
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")
T = TypeVar("T")


@dataclass(frozen=True)
class Load:
    style_ms: float
    layout_ms: float
    excess_ms: float


def main_thread(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page renderer's main-thread complete events."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"}
    main = {key for key, name in names.items() if name == "CrRendererMain"}
    return [e for e in events if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and "dur" in e]


def summarise(events: list[dict[str, Any]]) -> Load:
    main = main_thread(events)
    bundle = [e["ts"] for e in main if e["name"] == "EvaluateScript" and "/bundle." in e.get("args", {}).get("data", {}).get("url", "")]
    if not bundle:
        raise SystemExit("no evaluation of material's bundle in the trace: is this a page of the site?")
    start = min(bundle)

    def total(name: str) -> float:
        return float(sum(e["dur"] for e in main if e["name"] == name and e["ts"] >= start)) / 1000

    tasks = [e for e in main if e["name"] in TASKS and e["ts"] + e["dur"] > start]
    return Load(total("UpdateLayoutTree"), total("Layout"), sum(max(0.0, e["dur"] / 1000 - 50) for e in tasks))


def phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)


def load(browser: Browser, url: str) -> Load:
    context = phone(browser)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        browser.start_tracing(page=page, categories=CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(2500)  # material's components and the site's scripts have run
        return summarise(json.loads(browser.stop_tracing())["traceEvents"])
    finally:
        context.close()


def switch(browser: Browser, url: str, to: str) -> float:
    """Milliseconds from a click on the page's first link to `to` (a path ending, such as
    compare/) until that page has loaded, at the same slowdown; the site's assets already cached,
    as for a reader's second page. With `navigation.instant` material fetches the page and swaps
    it in; without, the browser loads it."""
    context = phone(browser)
    try:
        page = context.new_page()
        for _ in range(2):  # the first load fills the cache
            page.goto(url, wait_until="load")
            page.wait_for_timeout(1500)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        click = "(to) => { const t = performance.timeOrigin + performance.now(); document.querySelector(`a[href$='${to}']`).click();"
        click += " return t; }"
        start = float(page.evaluate(click, to))
        loaded = "(to) => location.pathname.endsWith(to) && document.readyState === 'complete' && !!document.querySelector('article h1')"
        page.wait_for_function(loaded, arg=to, polling=10)
        return float(page.evaluate("() => performance.timeOrigin + performance.now()")) - start
    finally:
        context.close()


def measure(urls: Sequence[str], loads: int, once: Callable[[Browser, str], T]) -> dict[str, list[T]]:
    """`once` for each URL, `loads` times, the URLs alternating: a busy moment of the machine falls
    on every page alike."""
    found: dict[str, list[T]] = {url: [] for url in urls}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
        for _ in range(loads):
            for url in urls:
                found[url].append(once(browser, url))
        browser.close()
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--site", type=Path, help="a built site (scripts/build)")
    source.add_argument("--root", type=Path, help="a folder of built sites: each page is measured in each of them")
    parser.add_argument("--loads", type=int, default=5, help="page loads per page; medians are printed (default 5)")
    parser.add_argument("--port", type=int, default=0, help="serve here: instant navigation needs the built SITE_URL")
    parser.add_argument("--switch", metavar="TO", help="instead: time a click from each page to its link to TO (such as compare/)")
    parser.add_argument("pages", nargs="+", help="paths such as / or regions/yizhuang/")
    args = parser.parse_args(argv)
    served = args.site or args.root
    sites = [""] if args.site else sorted(f"{d.name}/" for d in args.root.iterdir() if (d / "index.html").exists())
    with serving(make_server(served, args.port)) as base:
        urls = [f"{base}{site}{page.lstrip('/')}" for site in sites for page in args.pages]
        if args.switch:
            print_switches(measure(urls, args.loads, partial(switch, to=args.switch)), args.switch, base)
        else:
            print_loads(measure(urls, args.loads, load), base)
    return 0


def print_loads(found: dict[str, list[Load]], base: str) -> None:
    print("| page | style (ms) | layout (ms) | long-task excess (ms) | excess of each load |\n| --- | --- | --- | --- | --- |")
    for url, runs in found.items():
        each = " ".join(str(round(run.excess_ms)) for run in runs)
        style, layout, excess = (statistics.median(getattr(run, key) for run in runs) for key in ("style_ms", "layout_ms", "excess_ms"))
        print(f"| {url.removeprefix(base)} | {style:.0f} | {layout:.0f} | {excess:.0f} | {each} |")


def print_switches(times: dict[str, list[float]], to: str, base: str) -> None:
    print(f"| page | click → {to} loaded (ms) | each |\n| --- | --- | --- |")
    for url, ms in times.items():
        print(f"| {url.removeprefix(base)} | {statistics.median(ms):.0f} | {' '.join(str(round(t)) for t in ms)} |")


if __name__ == "__main__":
    sys.exit(main())
