"""The tile map of the provinces (generator/pages/tilemap.py): the layout in data/provinces.yml,
the counts and shades, the links to the regions page and their anchors, escaping; in the browser,
that it fits a 390 px screen, leads to the province's regions, keeps its contrast and needs no
script."""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from browsing import Browser, Site, Tab, browser_test, new_context, open_tab

from generator import models as m
from generator import site
from generator.checks import run_checks
from generator.load import Dataset
from generator.pages import tilemap
from generator.pages.base import Ctx
from generator.paths import HOME, REGIONS
from generator.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).with_name("fixtures") / "mini"


@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = validate(ROOT)
    assert problems == []
    return dataset


def _tiles(dataset: Dataset) -> dict[str, tuple[int, int]]:
    """Each province's tile, by its ISO code (`abbr.en`)."""
    return {province.abbr.en: province.tile for _, province in dataset.provinces.values()}


# ---------------------------------------------------------------------------------------------
# the layout (data/provinces.yml)


def test_every_province_has_a_tile_of_its_own(real: Dataset) -> None:
    tiles = _tiles(real)
    assert len(tiles) == len(real.provinces) == 34  # 31 mainland, Hong Kong, Macao, Taiwan
    assert len(set(tiles.values())) == 34
    assert run_checks(real, ["province_tiles"]) == []
    rows, cols = max(r for r, _ in tiles.values()), max(c for _, c in tiles.values())
    assert (rows, cols) == (8, 7)


def test_the_layout_keeps_the_conventional_places(real: Dataset) -> None:
    t = _tiles(real)
    cols = max(c for _, c in t.values())
    assert t["HL"] == (1, cols), "Heilongjiang at the top right"
    assert t["XJ"][1] == t["XZ"][1] == 1 and t["XJ"][0] < t["XZ"][0], "Xinjiang, then Tibet, on the left"
    assert t["HI"][0] == max(r for r, _ in t.values()), "Hainan in the bottom row"
    assert t["TW"] == (t["FJ"][0], t["FJ"][1] + 1), "Taiwan east of Fujian"
    for city in ("HK", "MO"):
        assert max(abs(a - b) for a, b in zip(t[city], t["GD"], strict=True)) == 1, f"{city} beside Guangdong"
    assert t["MO"][1] < t["HK"][1], "Macao west of Hong Kong"
    assert t["BJ"][0] < t["HE"][0] < t["SD"][0] < t["JS"][0] < t["ZJ"][0] < t["FJ"][0] < t["HI"][0], "the coast, north to south"


def test_the_drawing_in_provinces_yml_is_the_layout(real: Dataset) -> None:
    """The comment that draws the grid for contributors says what the data says."""
    drawn = {}
    for line in (ROOT / "data" / "provinces.yml").read_text(encoding="utf-8").splitlines():
        row = re.fullmatch(r"#   (\d)    (.*)", line)
        if row:  # a column of five characters each: its two-letter code, or spaces
            cells = [row[2][at : at + 2] for at in range(0, len(row[2]), 5)]
            drawn.update({code: (int(row[1]), col) for col, code in enumerate(cells, 1) if code.strip()})
    assert drawn == _tiles(real)


# ---------------------------------------------------------------------------------------------
# counts, shades, links, escaping


def _with_regions(per_province: dict[str, int], provinces: dict[str, m.Province] | None = None) -> Dataset:
    """The mini dataset with copies of one region: `per_province[zh]` in each province; with
    `provinces`, the registry's provinces replaced (by Chinese name) too."""
    dataset, _ = validate(MINI)
    template = next(iter(dataset.regions.values()))
    for area in dataset.areas.values():
        area.provinces[:] = [(provinces or {}).get(p.zh, p) for p in area.provinces]
    dataset.__dict__.pop("provinces", None)  # the cached lookup, made again from the new registry
    regions = {}
    for zh, count in per_province.items():
        for _ in range(count):
            profile = template.profile.model_copy(update={"province": dataset.provinces[zh][1]})
            region = template.model_copy(update={"id": f"r{len(regions)}", "profile": profile})
            regions[region.id] = region
    dataset.regions = regions
    return dataset


class _Tiles(html.parser.HTMLParser):
    """The squares of a tile map: class, href, title and what a screen reader reads, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[dict[str, Any]] = []
        self.into = ""
        self.attributes: set[str] = set()  # every attribute name in it: a breakout would add one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.attributes |= set(a)
        if tag == "li":
            self.tiles.append({"class": a["class"], "style": a["style"], "title": a.get("title"), "href": None, "sr": "", "count": ""})
        elif tag == "a" and self.tiles:
            self.tiles[-1].update(href=a["href"], title=a["title"])
        elif tag == "span" and a.get("class") in ("zr-sr", "zr-tile-count"):
            self.into = "sr" if a["class"] == "zr-sr" else "count"

    def handle_endtag(self, tag: str) -> None:
        self.into = ""

    def handle_data(self, data: str) -> None:
        if self.into and self.tiles:
            self.tiles[-1][self.into] += data


def _parse(markup: str) -> list[dict[str, Any]]:
    return _parsed(markup).tiles


def _parsed(markup: str) -> _Tiles:
    parser = _Tiles()
    parser.feed(markup)
    return parser


def _ctx(dataset: Dataset, lang: str = "zh") -> Ctx:
    return site.context(dataset, lang=lang)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 9, 10, 29, 30, 1000])
def test_a_shade_per_step(count: int) -> None:
    expected = {0: 0, 1: 1, 2: 1, 3: 2, 9: 2, 10: 3, 29: 3, 30: 4, 1000: 4}[count]
    assert tilemap.step(count) == expected


def test_each_square_counts_its_regions_and_says_so() -> None:
    dataset = _with_regions({"北京市": 1, "上海市": 3, "四川省": 12, "广东省": 40})
    zh = {t["sr"].split("：")[0]: t for t in _parse(tilemap.tile_map(_ctx(dataset), HOME))}
    assert len(zh) == 34
    assert [zh[p]["count"] for p in ("北京市", "上海市", "四川省", "广东省", "天津市")] == ["1", "3", "12", "40", ""]
    assert [zh[p]["class"] for p in ("天津市", "北京市", "上海市", "四川省", "广东省")] == [f"zr-tile zr-step-{i}" for i in range(5)]
    assert zh["北京市"]["sr"] == zh["北京市"]["title"] == "北京市：1个地区"
    assert zh["天津市"]["sr"] == "天津市：暂无地区" and zh["天津市"]["href"] is None, "an empty square is no link"
    en = {t["sr"].split(":")[0]: t for t in _parse(tilemap.tile_map(_ctx(dataset, "en"), HOME))}
    said = (en["Beijing"]["sr"], en["Shanghai"]["sr"], en["Tianjin"]["sr"])
    assert said == ("Beijing: 1 region", "Shanghai: 3 regions", "Tianjin: no regions yet")


def test_squares_in_reading_order_at_their_tiles(real: Dataset) -> None:
    tiles = _parse(tilemap.tile_map(_ctx(real), HOME))
    places = [tuple(int(n) for n in re.findall(r"\d+", t["style"])) for t in tiles]
    assert places == sorted(places) and set(places) == set(_tiles(real).values())


def test_hundreds_of_regions_are_counted_not_named() -> None:
    dataset, _ = validate(MINI)
    names = list(dataset.provinces)
    spread = {zh: 300 // len(names) + (1 if i < 300 % len(names) else 0) for i, zh in enumerate(names)}
    tiles = _parse(tilemap.tile_map(_ctx(_with_regions(spread)), HOME))
    assert sum(int(t["count"]) for t in tiles) == 300
    assert all(t["href"] for t in tiles)


def _anchors(page: str) -> list[str]:
    return re.findall(r'<span id="(province-[^"]+)"></span>', page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_lands_on_its_provinces_first_row(lang: str) -> None:
    dataset = _with_regions({"四川省": 2, "北京市": 3, "广西壮族自治区": 1})
    pages = site.build_pages(dataset, lang=lang, parallel=False)
    listing = pages[REGIONS]
    for page in (HOME, REGIONS):
        squares = pages[page].split('<div class="zr-tilemap">')[1].split("</ol>")[0]  # (the page's other lists are not squares)
        for tile in (t for t in _parse(squares) if t["href"]):
            path, anchor = tile["href"].split("#")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) == "regions", tile
            assert _anchors(listing).count(anchor) == 1, anchor
    assert _anchors(listing) == ["province-beijing", "province-guangxi-zhuang-autonomous-region", "province-sichuan"]
    rows = re.findall(r"<tr>\n<td><a .*?</tr>", listing, re.DOTALL)  # the listing's table, made HTML by htmlblocks.py
    shown = [re.sub(r"<span[^>]*></span>", "", re.findall(r"<td>(.*?)</td>", row, re.DOTALL)[2]) for row in rows]
    name = {zh: getattr(dataset.provinces[zh][1], lang) for zh in ("北京市", "广西壮族自治区", "四川省")}
    assert shown == [name["北京市"]] * 3 + [name["广西壮族自治区"]] + [name["四川省"]] * 2, "grouped, in the registry's order"
    assert [i for i, row in enumerate(rows) if "province-" in row] == [0, 3, 4], "the anchor on each province's first row"


def test_the_same_anchor_is_never_made_twice() -> None:
    dataset, _ = validate(MINI)
    beijing, tianjin = (dataset.provinces[zh][1] for zh in ("北京市", "天津市"))
    twins = {"北京市": beijing.model_copy(update={"en": "Bei jing"}), "天津市": tianjin.model_copy(update={"en": "Bei-Jing!"})}
    anchors = tilemap.anchors(_with_regions({}, twins))
    assert (anchors["北京市"], anchors["天津市"]) == ("province-bei-jing", "province-bei-jing-2")
    assert len(set(anchors.values())) == len(anchors)


HOSTILE = '<script>x("1")</script>&amp;"\' onmouseover=x()'


def test_names_are_escaped() -> None:
    dataset, _ = validate(MINI)
    beijing = dataset.provinces["北京市"][1]
    abbr = m.Bilingual(zh="京" + HOSTILE, en="BJ" + HOSTILE)
    hostile = beijing.model_copy(update={"zh": "北京" + HOSTILE, "en": "Beijing" + HOSTILE, "abbr": abbr})
    dataset = _with_regions({hostile.zh: 1}, {"北京市": hostile})
    for lang in ("zh", "en"):
        markup = tilemap.tile_map(_ctx(dataset, lang), HOME)
        parsed = _parsed(markup)
        assert "<script" not in markup and parsed.attributes == {"class", "style", "title", "href", "aria-hidden"}
        tile = next(t for t in parsed.tiles if t["href"])
        name = getattr(hostile, lang)
        assert tile["sr"] == tile["title"] == name + (": 1 region" if lang == "en" else "：1个地区"), "shown as typed"
        assert tile["href"] == "regions/#province-beijing-script-x-1-script-amp-onmouseover-x"


# ---------------------------------------------------------------------------------------------
# in the browser (the real data's site, both editions: `site` and `tab` in conftest.py)

# a square with regions: its anchor, what a screen reader reads, and the province cell of the row
# it leads to, once the regions page has scrolled there
LANDED = """() => {
  const target = document.querySelector(':target');
  const row = target && target.closest('tr');
  return target && {id: target.id, top: target.getBoundingClientRect().top, bottom: innerHeight,
                    province: row.cells[2].innerText.trim(), highlighted: getComputedStyle(row).backgroundColor};
}"""


@browser_test
@pytest.mark.parametrize("edition", ["", "en/"])
def test_at_390px_the_map_fits_and_a_square_leads_to_its_regions(browser: Browser, site: Site, edition: str) -> None:
    tab = open_tab(browser, site.url, width=390)
    try:
        tab.visit(edition)  # the map is HTML: no chart needs drawing
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the home page scrolls sideways by {overflow}px"
        boxes = tab.page.eval_on_selector_all(".zr-tiles > li", "els => els.map(e => e.getBoundingClientRect().toJSON())")
        assert len(boxes) == 34
        assert all(b["left"] >= 0 and b["right"] <= 390 and abs(b["width"] - b["height"]) < 1 and b["width"] >= 40 for b in boxes)
        square = tab.page.locator(".zr-tiles a").first
        said, anchor = square.locator(".zr-sr").inner_text(), square.get_attribute("href").split("#")[1]
        square.click()
        tab.page.wait_for_url(f"**/{edition}regions/#{anchor}")
        in_view = "() => { const t = document.querySelector(':target'); return t && t.getBoundingClientRect().top < innerHeight; }"
        tab.page.wait_for_function(in_view)
        landed = tab.page.evaluate(LANDED)
        assert landed["id"] == anchor and 0 <= landed["top"] < landed["bottom"], landed
        assert said.startswith(landed["province"]), f"{said!r} led to a row of {landed['province']!r}"
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


# each shaded square and key chip: its background against the page (≥ 3:1), its text on it (≥ 4.5:1)
SHADES = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(v => Number(v) / 255);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = getComputedStyle(document.body).backgroundColor;
  return [...document.querySelectorAll('.zr-tilemap [class*="zr-step-"]:not(.zr-step-0)')].map(el => {
    const s = getComputedStyle(el);
    return [el.className, ratio(s.backgroundColor, page), ratio(s.color, s.backgroundColor)];
  });
}"""


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shades_keep_their_contrast(browser: Browser, site: Site, scheme: str) -> None:
    tab = open_tab(browser, site.url, scheme=scheme)
    try:
        tab.visit("")
        found = tab.page.evaluate(SHADES)
        assert {cls.split()[-1] for cls, _, _ in found} == {"zr-step-1", "zr-step-2", "zr-step-3", "zr-step-4"}
        low = [(cls, round(page, 2), round(text, 2)) for cls, page, text in found if page < 3 or text < 4.5]
        assert low == [], f"{scheme}: below 3:1 against the page or 4.5:1 for the text: {low}"
    finally:
        tab.page.context.close()


def _columns(tab: Tab) -> int:
    """How many columns the squares stand in (7 when the grid is laid out, 1 when it is not)."""
    lefts = "els => new Set(els.map(e => Math.round(e.getBoundingClientRect().left))).size"
    return int(tab.page.eval_on_selector_all(".zr-tiles > li", lefts))


@browser_test
def test_the_map_needs_no_script_and_prints(browser: Browser, site: Site) -> None:
    context = new_context(browser, width=390, java_script_enabled=False)
    try:
        tab = Tab(context.new_page(), site.url)
        tab.page.goto(site.url, wait_until="load")
        assert _columns(tab) == 7
        tab.page.emulate_media(media="print")
        assert _columns(tab) == 7
        colours = tab.page.eval_on_selector_all(".zr-tiles > .zr-step-1", "els => els.map(e => getComputedStyle(e).printColorAdjust)")
        assert colours and set(colours) == {"exact"}, "the shades are printed"
    finally:
        context.close()
