"""The built site in headless Chromium: charts drawn, no console errors, no request off the machine,
axe-core without serious or critical violations, Chinese search, instant navigation, colour schemes.

One real `mkdocs build --strict` per session, served by a loopback http.server on a free port;
`SITE_URL` (read by mkdocs.yml) is set to that origin, because material's `navigation.instant` only
switches on when site_url matches where the site is served. Screenshots (light/dark, desktop and
390 px) go to screenshots/ for a human to look at.

Machinery shared with the other browser tests is in `browsing.py`. Run alone with `pytest -m browser`.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
from browsing import AXE, MARKS, PAGE_KINDS, ROOT, Browser, Site, Tab, open_tab
from conftest import SHOT_KINDS, screenshot
from test_editions import CJK

from generator import static_charts
from generator.indexes import Index
from generator.pipeline import validate
from generator.text import Lang

pytestmark = MARKS

# Whether any two regions report the same measure: only then do the home and comparison pages draw bars.
COMPARABLE = bool(Index(validate(ROOT)[0]).drawn())

# Chinese queries → a page each must find among the first results (1: it must be the first).
SEARCHES = {
    "火箭": ("regions/yizhuang/", 10),
    "亦庄": ("regions/yizhuang/", 1),  # a region's page first for its name
    "集成电路": ("clusters/integrated-circuits/", 10),
    "防城港": ("regions/fangchenggang/", 1),
    "工业总产值 5200": ("regions/yizhuang/", 3),  # a fact, by its metric and its value (search.py)
    "筑牢": ("sources/yizhuang-foundations/", 3),  # an article, by a word of its title
    # the English names of a region, a cluster and a metric (search.names: not shown on the pages)
    "Beijing E-Town": ("regions/yizhuang/", 1),
    "Integrated circuits": ("clusters/integrated-circuits/", 1),
    "Gross industrial output": ("compare/economy/", 1),
}
# A metric's label → its comparison, which must be the first result (material's worker cut 工业总产值
# into 工业 and 总; the site's worker takes the index's longest words).
METRIC_LABELS = {"工业总产值": "compare/economy/", "海外仓数量": "compare/trade/"}


# ---------------------------------------------------------------------------------------------
# fixtures (conftest): one build of both editions (`site`), one server, one browser per session;
# `tab`, a fresh page


# ---------------------------------------------------------------------------------------------
# every page kind


EDITIONS = ["", "en/"]  # the Chinese edition at the root, the English one under en/


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_each_page_draws_its_charts_and_passes_axe(
    browser: Browser, site: Site, screenshots: Path, kind: str, scheme: str, edition: str
) -> None:
    """One load of each page kind, in each edition and colour scheme, and everything checked on
    the page as drawn: every chart (drawn at build time) with an accessible name and a width,
    each of its marks a link named, a link within the page leading to its row; chart colours that
    keep their contrast; no console error, no request off the machine and none for a chart
    library; axe-core."""
    tab = open_tab(browser, site.url, scheme=scheme)
    try:
        path = site.resolve(kind, edition)
        tab.visit(path)
        drawn = tab.draw_charts()
        if kind in ("region", "clusters", "timeline") or (kind in ("home", "comparison") and COMPARABLE):
            assert drawn >= 1, f"{kind} page {path} has no chart"
        assert tab.page.evaluate("document.documentElement.lang") == ("en" if edition else "zh")
        assert tab.scheme() == ("slate" if scheme == "dark" else "default")
        _charts_are_named_and_wide(tab, edition)
        _marks_lead_to_their_rows(tab)
        _chart_colours_keep_their_contrast(tab, f"{path} ({scheme})", drawn)
        assert tab.errors == [], tab.errors
        assert tab.off_machine() == [], "requests leave the machine"
        assert not [r for r in tab.requests if "vega" in r.rsplit("/", 1)[-1]], "a chart library was requested"
        if kind in SHOT_KINDS and not edition:
            screenshot(tab, screenshots, f"{kind}-{scheme}-1280")
        if not AXE.exists():  # (REQUIRE_BROWSER_TESTS, set by scripts/test, makes this a failure in browsing.py)
            pytest.skip(f"the axe-core part needs {AXE.relative_to(ROOT)}: run `npm ci`")
        assert tab.axe() == []
    finally:
        tab.page.context.close()


def _charts_are_named_and_wide(tab: Tab, edition: str) -> None:
    """Each chart's name (role=group) is the sentence stating its values (static_charts.describe)."""
    lang = Lang("en" if edition else "zh")
    named = "els => els.map(e => [e.getAttribute('role'), e.getAttribute('aria-label'), e.dataset.chart])"
    for role, label, chart in tab.page.eval_on_selector_all(".zr-plot", named):
        assert role == "group" and label == static_charts.describe(json.loads(chart), lang), "every chart needs an accessible name"
        if edition:  # the names come from the data and the catalog, in English
            assert not CJK.search(label), f"an English chart's name is not in English: {label}"
    widths = tab.page.eval_on_selector_all(".zr-plot", "els => els.map(e => e.getBoundingClientRect().width)")
    assert all(w > 100 for w in widths), f"a chart is collapsed: widths {widths}"


# each chart mark: its accessible name, and whether the row it links to is there (a link within the page)
MARKS_JS = """() => [...document.querySelectorAll('.zr-plot a[href]')].map(a => {
  const url = new URL(a.getAttribute('href'), location.href);
  const here = url.pathname === location.pathname && url.hash;
  const row = here ? !!document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  return [a.getAttribute('aria-label') || a.textContent.trim(), row];
})"""


def _marks_lead_to_their_rows(tab: Tab) -> None:
    for name, found in tab.page.evaluate(MARKS_JS):
        assert name and len(name) > 1, "a chart mark without a name"
        assert found is not False, f"{name}: its row is not on the page"


def test_every_fact_and_target_row_gets_a_complete_report_link(tab: Tab, site: Site) -> None:
    tab.visit(site.resolve("region"))
    rows = tab.page.eval_on_selector_all("span[data-line]", "els => els.map(e => e.id)")
    # this long page folds its tables: a folded row gets its link when a reader opens its block
    assert tab.page.locator("a.report").count() == 0
    for summary in tab.page.locator("article details.info > summary").all():
        summary.click()
    tab.page.wait_for_function(f"() => document.querySelectorAll('a.report').length === {len(rows)}")
    # each link: [its row's anchor id, href, the row's cited value (its first link to a quote), title]
    read = (
        "els => els.map(a => [a.closest('tr').querySelector('span[id]').id, a.href,"
        " a.closest('tr').querySelector(\"a[href*='#q-']\").textContent, a.title])"
    )
    links = tab.page.eval_on_selector_all("a.report", read)
    assert len(rows) > 10 and [row for row, *_ in links] == rows, "one link on each row that has a line"
    for row, href, value, title in links:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
        assert query["template"] == ["wrong-fact.yml"]
        assert query["fact-id"] == ["yizhuang/" + row.split("-", 1)[1]]
        file, _, line = query["file"][0].partition(":")
        assert file == "data/regions/yizhuang.yml" and int(line) > 1
        assert query["current-value"][0].startswith(value + " "), (query["current-value"], value)
        assert title == "报告问题"
    assert tab.errors == [], tab.errors


# The cited values whose quote button ("“”", tables.js) is not on the value's last line: the
# button's middle lies outside that line's box.
QUOTE_BUTTONS_OFF_THEIR_LINE = """() => [...document.querySelectorAll("a[href*='#q-'] + button.zr-tip")]
  .filter((button) => button.getClientRects().length)
  .filter((button) => {
    const lines = button.previousElementSibling.getClientRects(), last = lines[lines.length - 1];
    const box = button.getBoundingClientRect(), middle = (box.top + box.bottom) / 2;
    return middle < last.top || middle > last.bottom;
  })
  .map((button) => button.previousElementSibling.textContent.trim())"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_quote_button_sits_on_its_values_line(tab: Tab, edition: str) -> None:
    """At 1280 px, in the key figures' cards and in the tables (every folded block opened), each
    quote button sits beside its value. Before: where the two did not fit, the button went to a
    line of its own under the value (达到5200亿元 in a Chinese card, over 100 billion yuan)."""
    tab.visit(edition + "regions/yizhuang/")
    tab.page.evaluate("() => document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })")
    # (an opened block's buttons are made on its toggle event: two frames later they are there)
    tab.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert tab.page.locator(".fact-value a[href*='#q-'] + button.zr-tip").count() >= 6
    assert tab.page.evaluate(QUOTE_BUTTONS_OFF_THEIR_LINE) == []
    assert tab.errors == [], tab.errors


# ---------------------------------------------------------------------------------------------
# search, navigation, colour schemes


@pytest.mark.parametrize("label", list(METRIC_LABELS))
def test_chinese_search_finds_a_metric_by_its_label(tab: Tab, label: str) -> None:
    """Before: material's search cut 工业总产值 into 工业 and 总 and listed 未来产业（总称） first."""
    tab.visit("")
    pages = tab.search(label)
    assert pages[0] == tab.url + METRIC_LABELS[label], pages[:10]


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_page_load_fetches_no_index_and_a_search_only_what_its_words_need(tab: Tab, built: Path, edition: str) -> None:
    """material's worker fetched the whole index on every full page load (7.4 MB at 1,000
    regions); the site's worker gets a stub with no documents at load, and for a query the shard
    keys, its words' shards and the listed pages' documents (searchindex.py)."""
    tab.visit(edition)
    loaded = [urllib.parse.urlsplit(u).path for u in tab.requests]
    assert f"/{edition}assets/javascripts/search-worker.js" in loaded
    assert not [u for u in loaded if "/workers/search." in u], "material's own search worker was loaded"
    assert not json.loads((built / edition / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [u for u in loaded if "/search/zr/" in u], "the page load fetched pieces of the index"
    before = len(tab.requests)
    pages = tab.search("亦庄")
    assert pages[0] == tab.url + edition + "regions/yizhuang/"
    fetched = [urllib.parse.urlsplit(u).path for u in tab.requests[before:]]
    pieces = [u for u in fetched if "/search/" in u]
    assert pieces and all(u.startswith(f"/{edition}search/zr/") for u in pieces), pieces
    assert len([u for u in pieces if "/zr/p/" in u]) <= 20  # the listed pages' documents: search-worker.js RESULTS
    assert tab.errors == [], tab.errors


@pytest.mark.parametrize("query", list(SEARCHES))
def test_chinese_search_finds_the_page(tab: Tab, query: str) -> None:
    tab.visit("")
    pages = tab.search(query)
    expected, within = SEARCHES[query]
    assert tab.url + expected in pages[:within], f"{query}: {expected} not among the first {within} results {pages[:10]}"
    assert not any("/en/" in page for page in pages), "the Chinese search lists pages of the English edition"
    assert tab.errors == [], tab.errors


def test_compare_grid_picks_regions_and_keeps_them_in_the_url(tab: Tab, site: Site) -> None:
    """Regions side by side: the static grid lists every region (a small site); picking two draws
    their grid and puts them in the address; the address alone brings the same grid back."""
    tab.visit("compare/")
    static = tab.page.eval_on_selector_all(".zr-grid-view > table thead th", "els => els.length")  # (the rest: in a <details>)
    assert static == 1 + len(list((site.root / "regions").glob("*/index.html")))
    boxes = tab.page.locator("table.zr-regions tbody input[type=checkbox]")
    boxes.nth(2).check()
    boxes.nth(3).check()
    tab.page.wait_for_function("new URL(location.href).searchParams.get('regions')?.split(',').length === 2")
    picked = tab.page.evaluate("new URL(location.href).searchParams.get('regions')")
    tab.page.wait_for_function("document.querySelectorAll('.zr-grid-view > table thead th').length === 3")
    again = open_tab(tab.page.context.browser, site.url)  # type: ignore[arg-type]
    try:
        again.visit(f"compare/?regions={picked}")
        again.page.wait_for_function("document.querySelectorAll('.zr-grid-view > table thead th').length === 3")
        heads = again.page.eval_on_selector_all(".zr-grid-view > table thead th a", "els => els.map(a => a.getAttribute('href'))")
        assert [h.split("/")[-2] for h in heads] == picked.split(",")
        values = again.page.eval_on_selector_all(".zr-grid-view tbody td a", "els => els.length")
        assert values > 5, "the picked regions' figures"
        # filters narrow the regions table
        again.page.select_option("select[data-filter=area]", index=1)
        hidden = again.page.eval_on_selector_all("table.zr-regions tbody tr", "els => els.filter(e => e.hidden).length")
        assert hidden >= 1
        assert again.errors == [], again.errors
    finally:
        again.page.context.close()
    assert tab.errors == [], tab.errors


def test_instant_navigation_still_draws_charts(tab: Tab, site: Site) -> None:
    """After each instant page switch charts.js sets the new page up again: each of its charts is
    drawn once brought into view (the switch waited for the new page, not only its address)."""
    tab.visit("")
    tab.page.evaluate("window.__noReload = true")  # survives only an instant (XHR) page switch
    region = site.resolve("region")
    tab.switch(tab.page.locator(f"article a[href$='{region}']").first.click, region)
    assert tab.page.evaluate("window.__noReload === true"), "the link caused a full page load: navigation.instant is off"
    assert tab.draw_charts() >= 1
    # and on to a third page through the tabs, then back
    tab.switch(tab.page.locator("a.md-tabs__link[href$='timeline/']").first.click, "timeline/")
    assert tab.draw_charts() >= 1
    tab.switch(tab.page.go_back, region)
    assert tab.draw_charts() >= 1
    assert tab.page.evaluate("window.__noReload === true")
    assert tab.errors == [], tab.errors
    assert tab.off_machine() == []


# The body's colour scheme in the first frame that has the page's content (before it is painted).
FIRST_FRAME_SCHEME = """
(function look() {
  if (document.querySelector(".md-content")) {
    window.__firstFrameScheme = document.body.getAttribute("data-md-color-scheme");
  } else {
    requestAnimationFrame(look);
  }
})();
"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_colour_toggle_follows_the_system_from_the_first_frame_and_keeps_a_choice(browser: Browser, site: Site, system: str) -> None:
    """overrides/partials/javascripts/palette.html does what material's palette component did."""
    tab = open_tab(browser, site.url, scheme=system)
    tab.page.add_init_script(FIRST_FRAME_SCHEME)
    try:
        other = "default" if system == "dark" else "slate"
        visible = "form[data-zr-palette] label:visible"

        tab.visit(site.resolve("region"))
        assert tab.page.evaluate("window.__firstFrameScheme") == ("slate" if system == "dark" else "default")
        assert tab.page.locator(visible).count() == 1, "one toggle shows: the one that switches away from the current scheme"

        tab.page.locator(visible).click()
        tab.page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{other}'")
        tab.page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")  # transitions back on
        tab.page.reload()
        assert tab.page.evaluate("window.__firstFrameScheme") == other, "the reader's choice is kept from the first frame on"

        tab.page.focus("form[data-zr-palette] input:checked")
        tab.page.keyboard.press("Enter")  # as material's component did: Enter switches to the next scheme
        tab.page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{other}'")
        assert tab.page.locator(visible).count() == 1
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


def test_charts_follow_the_colour_scheme_toggle(tab: Tab, site: Site) -> None:
    tab.visit(site.resolve("region"))
    tab.chart(0)  # the chart whose colours the test reads
    colours = "() => [...document.querySelectorAll('.zr-tl text, .zr-tl .zr-dot')].map(e => getComputedStyle(e).fill)"
    light = tab.page.evaluate(colours)
    tab.page.locator("form[data-zr-palette] label:visible").first.click()
    tab.page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    dark = tab.page.evaluate(colours)
    assert light and len(light) == len(dark) and all(a != b for a, b in zip(light, dark, strict=True)), "every colour follows the scheme"
    assert tab.draw_charts() >= 1
    assert tab.errors == [], tab.errors


# every chart colour: text (SVG text's fill, HTML text's colour) and marks (SVG marks' fill, bars'
# and role squares' backgrounds), each against the page's background
CONTRAST_JS = r"""
() => {
  const parse = (c) => {  // any CSS colour → [r, g, b, alpha], channels 0–1
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.fillStyle = c; const h = ctx.fillStyle;  // "#rrggbb", or "rgba(r, g, b, a)" when not opaque
    if (h[0] === "#") return [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16) / 255).concat([1]);
    const m = h.match(/[\d.]+/g).map(Number);
    return [m[0] / 255, m[1] / 255, m[2] / 255, m[3]];
  };
  const bg = parse(getComputedStyle(document.body).backgroundColor);
  const lum = (c) => {
    const [r, g, b] = c.map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const worst = {};
  const add = (kind, colour) => {
    if (!colour || colour === "none") return;
    const c = parse(colour);
    if (c[3] === 0) return;  // a transparent helper (a mark's hit area)
    const seen = [0, 1, 2].map(i => c[i] * c[3] + bg[i] * (1 - c[3]));  // as it shows on the page
    const [x, y] = [lum(seen), lum(bg)].sort((p, q) => q - p);
    const r = (x + 0.05) / (y + 0.05);
    if (!(kind + colour in worst) || r < worst[kind + colour][2]) worst[kind + colour] = [kind, colour, r];
  };
  const each = (selector, fn) => document.querySelectorAll(selector).forEach(fn);
  each(".zr-plot svg text", el => add("text", getComputedStyle(el).fill));
  each(".zr-plot th, .zr-plot li, .zr-plot a, .zr-plot span", el => {
    if ([...el.childNodes].some(n => n.nodeType === 3 && n.data.trim())) add("text", getComputedStyle(el).color);
  });
  each(".zr-plot .zr-dot, .zr-legend svg > *", el => add("mark", getComputedStyle(el).fill));
  each(".zr-sbar > span", el => add("mark", getComputedStyle(el).backgroundColor));
  each(".zr-plot .zr-role", el => add("mark", getComputedStyle(el, "::before").backgroundColor));
  return Object.values(worst);
}
"""


def _chart_colours_keep_their_contrast(tab: Tab, page: str, charts: int) -> None:
    """Chart text ≥ 4.5:1 and marks ≥ 3:1 against the page, in the page's colour scheme."""
    found = tab.page.evaluate(CONTRAST_JS)
    if charts:
        assert any(k == "text" for k, _, _ in found), f"{page}: no chart text found"
    low = [(k, fill, round(r, 2)) for k, fill, r in found if r < (4.5 if k == "text" else 3.0)]
    assert low == [], f"{page}: colours below contrast: {low}"


# ---------------------------------------------------------------------------------------------
# screenshots for people to look at (not compared automatically)


def test_screenshots(browser: Browser, site: Site, screenshots: Path) -> None:
    """The screenshots no other test takes: phone-width pages in the dark scheme. The tests that
    load and draw the others anyway save them (1280 px in both schemes above; 390 px light in
    test_reader.py's phone test)."""
    tab = open_tab(browser, site.url, width=390, scheme="dark")
    try:
        for kind in SHOT_KINDS:
            tab.goto(site.resolve(kind))
            screenshot(tab, screenshots, f"{kind}-dark-390")
            assert (screenshots / f"{kind}-dark-390.png").stat().st_size > 0
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()
