"""What readers take away, in headless Chromium: every page fits a phone; every chart has a static
form without JavaScript and loads its library only when near; charts download as SVG, PNG and CSV;
records and pages cite themselves (copied in one click); a region page prints whole.

Uses conftest's `site` (the real data, both editions). Run alone with `pytest -m browser`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from browsing import MARKS, PAGE_KINDS, Browser, Site, Tab, new_context, open_tab
from conftest import SHOT_KINDS, screenshot

pytestmark = MARKS

# elements that must not be wider than they show (material wraps tables in .md-typeset__scrollwrap)
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('.md-typeset__scrollwrap, .vega-chart, .md-content, figure, table')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map(el => (el.className || el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth);
  return {page: root.scrollWidth > root.clientWidth + 1 ? root.scrollWidth : 0, wide: wide};
}"""


# each drawn chart: the width of its container, and of its drawing
CHART_WIDTHS = "els => els.map(e => [e.clientWidth, e.querySelector('.zr-live svg').getBoundingClientRect().width])"


@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, site: Site, screenshots: Path, kind: str, edition: str) -> None:
    """At 390 px, with each chart drawn: neither the page nor any block is wider than it shows,
    each drawn chart fits its container (a clusters matrix stays in its static form on a
    phone), and nothing failed on the page. (The Chinese pages of SHOT_KINDS are saved to
    screenshots/ while they are loaded.)"""
    tab = open_tab(browser, site.url, width=390)
    try:
        path = site.resolve(kind, edition)
        tab.goto(path)  # its charts drawn
        found = tab.page.evaluate(OVERFLOW)
        assert found == {"page": 0, "wide": []}, path
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path}: the page scrolls sideways by {overflow}px at 390px"
        for container, drawn in tab.page.eval_on_selector_all(".vega-chart.zr-drawn", CHART_WIDTHS):
            assert drawn <= container + 1, f"{path}: chart {drawn}px in a {container}px container"
        assert tab.errors == [], tab.errors
        if kind in SHOT_KINDS and not edition:
            screenshot(tab, screenshots, f"{kind}-light-390")
    finally:
        tab.page.context.close()


CHARTED = ["region", "clusters", "timeline"]  # page kinds that always have a chart


@pytest.mark.parametrize("kind", CHARTED)
def test_without_javascript_every_chart_shows_its_values(browser: Browser, site: Site, kind: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + site.resolve(kind), wait_until="load")
        figures = page.locator("figure.zr-chart")
        assert figures.count() >= 1
        for i in range(figures.count()):
            figure = figures.nth(i)
            assert figure.locator("figcaption").inner_text().strip(), "a title, as text"
            static = figure.locator(".zr-static")
            assert static.is_visible() and static.locator("li").count() >= 1
            assert len(static.inner_text()) > 10, "the values, as text"
            assert figure.locator(".zr-chart-source a").count() >= 1, "the source line links its articles"
    finally:
        context.close()


SET_UP = "() => [...document.querySelectorAll('.vega-chart')].every(c => c.parentNode.querySelector('.zr-chart-tools'))"
FRAMES = "n => new Promise(done => { const next = () => (n-- ? requestAnimationFrame(next) : done()); next(); })"


def test_the_chart_library_loads_only_when_a_chart_comes_near(tab: Tab, site: Site) -> None:
    tab.visit(site.resolve("region"))
    # charts.js has set the page up (each chart has its download buttons, added just before it
    # asks an IntersectionObserver which charts are near); the observer answers after the next
    # frame is laid out: three frames on, a chart it found near would have had the library asked for
    tab.page.wait_for_function(SET_UP)
    tab.page.evaluate(FRAMES, 3)
    first = tab.page.locator(".vega-chart").first
    assert first.evaluate("el => el.getBoundingClientRect().top") > 2000, "the test needs a chart far below the fold"
    assert tab.page.locator("script[src$='vega-bundle.js']").count() == 0, "asked for before any chart was near"
    assert not any(r.endswith("vega-bundle.js") for r in tab.requests), "loaded before any chart was near"
    first = tab.chart(0)  # brought near: drawn
    assert sum(r.endswith("vega-bundle.js") for r in tab.requests) == 1
    assert first.locator(".zr-live").get_attribute("aria-label") == first.get_attribute("data-alt")
    assert tab.errors == [], tab.errors


def _download(tab: Tab, button: Any) -> tuple[str, bytes]:
    with tab.page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_each_chart_downloads_as_svg_png_and_csv(tab: Tab, site: Site) -> None:
    tab.visit(site.resolve("timeline"))  # the buttons draw their own copy: nothing drawn on the page is needed
    figure = tab.page.locator("figure.zr-chart").first
    title = figure.locator("figcaption").inner_text().strip()
    rows = figure.locator(".zr-static li").count()
    name, svg = _download(tab, figure.locator("button[data-format=svg]"))
    assert name == "timeline-chart-1.svg" and svg.startswith(b"<svg") and title.encode() in svg, "the title is in the image"
    name, png = _download(tab, figure.locator("button[data-format=png]"))
    assert name == "timeline-chart-1.png" and png.startswith(b"\x89PNG") and len(png) > 5_000
    name, data = _download(tab, figure.locator("button[data-format=csv]"))
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert name == "timeline-chart-1.csv" and table[0][:3] == ["date", "when", "region"]
    assert len(table) == rows + 1
    assert all(row[table[0].index("href")].startswith(tab.url) for row in table[1:]), "links work outside the site"
    assert tab.errors == [], tab.errors


def test_a_record_and_a_page_cite_themselves_in_both_languages(browser: Browser, site: Site) -> None:
    tab = open_tab(browser, site.url)
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        tab.visit(site.resolve("region"))
        # the facts are folded by topic on this long page: a reader opens the first group
        group = tab.page.locator("#facts ~ details.info").first
        group.locator("summary").click()
        button = group.locator("button.zr-cite").first
        record = button.get_attribute("data-record")
        button.click()
        box = tab.page.locator("dialog#zr-cite-dialog")
        box.wait_for(state="visible")
        zh, en = (box.locator(f".zr-cite-body[lang={lang}]").inner_text() for lang in ("zh", "en"))
        today = dt.date.today().isoformat()
        assert "[DB/OL]" in zh and f"[{today}]" in zh and f"/regions/yizhuang/#{record}" in zh
        assert f"(accessed {today})" in en and f"/en/regions/yizhuang/#{record}" in en
        box.locator(".zr-copy").first.click()
        assert tab.page.evaluate("navigator.clipboard.readText()") == zh
        box.locator("button", has_text="关闭").click()
        page_cite = tab.page.locator("details.zr-cite-page")
        page_cite.locator("summary").click()
        page_cite.locator(".zr-copy").first.click()
        copied = tab.page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("开发区与城市新质生产力比较报告. ") and "/regions/yizhuang/." in copied
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


def test_a_region_page_prints_whole_in_a_few_sheets(tab: Tab, site: Site) -> None:
    tab.goto(site.resolve("region"))  # charts drawn: print must still show the static forms
    tab.page.emulate_media(media="print")
    shown = tab.page.evaluate(
        "() => [...document.querySelectorAll('.vega-chart')].map(el => ["
        " getComputedStyle(el.querySelector('.zr-static')).display, getComputedStyle(el.querySelector('.zr-live')).display])"
    )
    assert shown and all(static != "none" and live == "none" for static, live in shown)
    assert tab.page.locator(".md-sidebar--primary").evaluate("el => getComputedStyle(el).display") == "none"
    # the folded tables (facts by topic, targets, events) print open: what each block holds when printing starts
    record = "() => { window.zrPrinted = [...document.querySelectorAll('article details')].map(d => d.open); }"
    tab.page.evaluate(f"() => addEventListener('beforeprint', {record})")
    pdf = tab.page.pdf(format="A4")
    printed = tab.page.evaluate("window.zrPrinted")
    assert len(printed) >= 5 and all(printed), printed
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= sheets <= 15, f"{sheets} sheets"


def test_without_javascript_a_region_page_prints_its_folded_tables(browser: Browser, site: Site) -> None:
    """With scripts off nothing opens the folded blocks when printing starts; every row still prints."""
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + site.resolve("region"), wait_until="load")
        assert page.locator("article details:not([open])").count() >= 5, "the test needs a page whose tables start folded"
        shown = "() => [...document.querySelectorAll('article details tbody tr')].map(tr => tr.checkVisibility())"
        on_screen = page.evaluate(shown)
        assert on_screen and not any(on_screen), "on screen, a folded block's rows are hidden"
        page.emulate_media(media="print")
        assert all(page.evaluate(shown)), "in print, every row shows"
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_link_to_a_row_in_a_folded_block_opens_it(browser: Browser, site: Site, width: int) -> None:
    """A fact's permalink (from a citation, a search result, a source page's quote) lands on its
    row even where the page starts with the facts folded."""
    tab = open_tab(browser, site.url, width=width)
    try:
        row_id = tab.page.context.request.get(site.url + site.resolve("region")).text().split('<span id="fact-', 1)[1].split('"', 1)[0]
        tab.page.goto(f"{site.url}{site.resolve('region')}#fact-{row_id}", wait_until="load")
        tab.page.wait_for_function(f"() => document.getElementById('fact-{row_id}').closest('details').open")
        row = tab.page.locator(f"tr:has(#fact-{row_id})")
        box = row.bounding_box()
        assert box is not None and 0 <= box["y"] < 900 and box["height"] > 0, box
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()
