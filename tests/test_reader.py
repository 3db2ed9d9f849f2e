"""What readers take away, in headless Chromium: every page fits a phone; every chart is drawn
without JavaScript and no page loads a chart library (a page with charts stays within a byte
budget); charts download as SVG, PNG and CSV;
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
  const wide = [...document.querySelectorAll('.md-typeset__scrollwrap, .zr-plot, .md-content, figure, table')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map(el => (el.className || el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth);
  return {page: root.scrollWidth > root.clientWidth + 1 ? root.scrollWidth : 0, wide: wide};
}"""


# each chart: the width of its container, and of its drawing (a matrix's table scrolls in its own box)
CHART_WIDTHS = "els => els.map(e => [e.clientWidth, e.firstElementChild.getBoundingClientRect().width])"


@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, site: Site, screenshots: Path, kind: str, edition: str) -> None:
    """At 390 px, with each chart drawn: neither the page nor any block is wider than it shows,
    each chart fits its container (a wide matrix scrolls inside its own box), and nothing failed
    on the page. (The Chinese pages of SHOT_KINDS are saved to
    screenshots/ while they are loaded.)"""
    tab = open_tab(browser, site.url, width=390)
    try:
        path = site.resolve(kind, edition)
        tab.goto(path)  # its charts drawn
        found = tab.page.evaluate(OVERFLOW)
        assert found == {"page": 0, "wide": []}, path
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path}: the page scrolls sideways by {overflow}px at 390px"
        for container, drawn in tab.page.eval_on_selector_all(".zr-plot", CHART_WIDTHS):
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
            drawn = figure.locator(".zr-plot")
            assert drawn.is_visible() and drawn.locator("a[href]").count() >= 1, "every record a link"
            assert len(drawn.inner_text()) > 10, "the values, as text"
            assert figure.locator(".zr-chart-source a").count() >= 1, "the source line links its articles"
    finally:
        context.close()


WEIGHT = """() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
  .map(e => [e.name, e.decodedBodySize])"""
BUDGET = 800_000  # bytes a page with charts may have loaded by its end, uncompressed (issue 21)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_no_page_loads_a_chart_library_and_a_charted_page_keeps_its_budget(browser: Browser, site: Site, edition: str) -> None:
    """The charts are drawn at build time: scrolled to its end, the region page (the heaviest page
    with charts) has asked for no chart library and loaded ≤ BUDGET bytes (every resource, decoded;
    benchmarks/page_weight.py prints the same figure). The region page loaded 1.4 MB with vega."""
    tab = open_tab(browser, site.url)
    try:
        tab.goto(site.resolve("region", edition))
        tab.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        tab.page.wait_for_load_state("networkidle")
        assert tab.page.locator("figure.zr-chart").count() >= 1
        assert not [r for r in tab.requests if "vega" in r.rsplit("/", 1)[-1]], "a chart library was requested"
        loaded = sum(size for _, size in tab.page.evaluate(WEIGHT))
        assert loaded <= BUDGET, f"{edition}regions/yizhuang/ loaded {loaded} bytes by its end"
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


def _download(tab: Tab, button: Any) -> tuple[str, bytes]:
    with tab.page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_each_chart_downloads_as_svg_png_and_csv(tab: Tab, site: Site) -> None:
    tab.visit(site.resolve("timeline"))
    tab.chart(0)
    figure = tab.page.locator("figure.zr-chart").first
    title = figure.locator("figcaption").inner_text().strip()
    rows = figure.locator(".zr-plot a[href]").count()
    name, svg = _download(tab, figure.locator("button[data-format=svg]"))
    assert name == "timeline-chart-1.svg" and svg.startswith(b"<svg") and title.encode() in svg, "the title is in the image"
    assert svg.count(b"<circle") + svg.count(b"<path") >= rows, "the drawn marks are in the image"
    assert b"var(" not in svg, "colours written out: a file has no page's custom properties"
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
    tab.goto(site.resolve("region"))
    tab.page.emulate_media(media="print")
    shown = tab.page.evaluate(
        "() => [...document.querySelectorAll('.zr-plot')].map(el => [getComputedStyle(el).display, el.getBoundingClientRect().height])"
    )
    assert shown and all(display != "none" and height > 50 for display, height in shown), "print shows each chart"
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
