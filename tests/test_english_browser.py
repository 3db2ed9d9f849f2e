"""The English edition in headless Chromium: the language selector switches to the same page;
English search finds pages by English words with their endings ("compares" finds "compare") and a
region by its name first. (Every page kind of both editions draws its charts and passes axe in
test_browser.py.)

Uses conftest's `site` (both editions, built once per session). Run alone with `pytest -m browser`.
"""

from __future__ import annotations

import pytest
from browsing import MARKS, Tab

pytestmark = MARKS

# English queries → a page among the first results ("first": it must be the first result)
SEARCHES = {
    "robots": ("regions/yizhuang/", 10),
    "patents": ("regions/yizhuang/", 10),
    "compares": ("compare/", 10),
    "E-Town": ("regions/yizhuang/", 1),
    "Shanghai": ("regions/shanghai/", 1),
    "Fangchenggang": ("regions/fangchenggang/", 1),
    "industrial output 520": ("regions/yizhuang/", 3),  # a fact, by its metric and its value (520 billion yuan)
    "gross industrial output": ("compare/economy/", 5),  # a metric
    # the Chinese names of a region, a cluster and a metric (search.names)
    "枣庄市中区": ("regions/zaozhuang/", 1),
    "信息技术应用创新（信创）": ("clusters/xinchuang/", 1),
    "规模以上工业增加值同比增速": ("compare/economy/", 1),
}
# A metric's English label → its comparison, which must be the first result (search.names).
METRIC_LABELS = {"Gross industrial output": "compare/economy/", "Overseas warehouses": "compare/trade/"}


SWITCHES = [("regions/yizhuang/", "en", "en/regions/yizhuang/"), ("en/timeline/", "zh", "timeline/")]


@pytest.mark.parametrize(("start", "lang", "lands"), SWITCHES)
def test_the_language_selector_switches_to_the_same_page(tab: Tab, start: str, lang: str, lands: str) -> None:
    tab.visit(start)
    tab.page.locator(".md-header__option .md-select button").hover()  # material opens it on hover and focus
    tab.switch(tab.page.locator(f"a.md-select__link[hreflang={lang}]").click, lands)  # clicked once visible and still
    assert tab.page.evaluate("document.documentElement.lang") == lang
    assert tab.draw_charts() >= 1  # the page works after the switch: each of its charts is drawn
    assert tab.errors == [], tab.errors


@pytest.mark.parametrize("query", list(SEARCHES))
def test_english_search_finds_the_page(tab: Tab, query: str) -> None:
    tab.visit("en/")
    pages = tab.search(query)
    expected, within = SEARCHES[query]
    assert tab.url + "en/" + expected in pages[:within], f"{query}: en/{expected} not among the first {within} results {pages[:10]}"
    assert all("/en/" in page for page in pages), "the English search lists pages of the other edition"
    assert tab.errors == [], tab.errors


@pytest.mark.parametrize("label", list(METRIC_LABELS))
def test_english_search_finds_a_metric_by_its_label(tab: Tab, label: str) -> None:
    tab.visit("en/")
    pages = tab.search(label)
    assert pages[0] == tab.url + "en/" + METRIC_LABELS[label], pages[:10]
