"""Evidence in English, as a phone reader sees it (390 px): on an English region page a row's quote
opens by a tap and shows the Chinese original (lang="zh") with its translation under it, labelled;
an English source page shows each quote's translation under it. (What the pages hold, unit by unit,
is in test_translations.py.)

Uses conftest's `site` (both editions, built once per session). Run alone with `pytest -m browser`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browsing import MARKS, Tab, open_tab

pytestmark = MARKS

PHONE = 390


@pytest.fixture
def phone(browser: Any, site: Any) -> Iterator[Tab]:
    """A fresh page 390 px wide on the served site."""
    tab = open_tab(browser, site.url, width=PHONE)
    yield tab
    tab.page.context.close()


def _shown_as_translation(tab: Tab, translation: Any) -> None:
    """`translation` (a .zr-translation) is visible, starts with its label, is not marked Chinese,
    and follows the Chinese original, which keeps lang="zh"; nothing is wider than the phone."""
    translation.wait_for(state="visible")
    assert translation.locator(".zr-translation-label").inner_text().strip() == "Translation:"
    assert len(translation.inner_text()) > len("Translation: ") + 5
    facts = translation.evaluate(
        """(el) => {
          let zh = el.previousElementSibling;
          while (zh && !zh.matches('[lang="zh"]')) zh = zh.previousElementSibling;
          const box = zh ? zh.getBoundingClientRect() : null;
          return {
            lang: el.closest('[lang]').getAttribute('lang'),
            zh: zh ? zh.textContent : '',
            zhShown: !!box && box.width > 0 && box.height > 0,
            above: !!box && box.top < el.getBoundingClientRect().top,
            width: document.documentElement.scrollWidth,
          };
        }"""
    )
    assert facts["lang"] == "en", "the translation is English"
    assert facts["zh"] and facts["zhShown"] and facts["above"], "the Chinese original, shown above its translation"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in facts["zh"])
    assert facts["width"] <= PHONE, f"the page is {facts['width']} px wide"


def test_a_region_row_opens_its_quote_and_translation_by_tap(phone: Tab) -> None:
    phone.visit("en/regions/yizhuang/")
    block = phone.page.locator("details.zr-facts").first  # a long page's fact tables start folded
    block.locator(":scope > summary").click()
    evidence = block.locator("details.zr-evidence").first
    translation = evidence.locator(".zr-translation")
    assert not translation.is_visible()  # closed until asked for: a long page stays short
    summary = evidence.locator(":scope > summary")
    box = summary.bounding_box()
    assert box and box["height"] >= 24, "a thumb's target (WCAG 2.5.8)"
    summary.click()
    _shown_as_translation(phone, translation)
    assert phone.errors == [], phone.errors


def test_a_source_page_shows_each_translation_under_its_quote(phone: Tab) -> None:
    phone.visit("en/sources/yizhuang-chases-new/")
    translations = phone.page.locator("td .zr-translation")
    assert translations.count() >= 10
    translation = translations.first
    translation.scroll_into_view_if_needed()
    _shown_as_translation(phone, translation)
    authors = phone.page.locator("td", has_text="Tu Ming").first
    assert authors.inner_text().startswith("Tu Ming, Guo Yujing, Zhang Xiao")
    assert phone.errors == [], phone.errors
