"""The "what changed" and downloads pages as a reader meets them in Chromium, on a wide screen and
a phone: axe-core finds nothing serious, nothing runs off the side, nothing is asked of another
host, and a record's link on the changes page lands on its row, opened, on its region's page."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import Tab, open_tab

pytestmark = pytest.mark.browser

PAGES = ["changes/", "downloads/"]
SHOWN = "id => { const row = document.getElementById(id); return !!row && row.closest('tr, li, div').getClientRects().length > 0 }"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_the_page_reads_on_a_screen_and_a_phone(browser: Any, site: Any, path: str, edition: str, width: int) -> None:
    tab: Tab = open_tab(browser, site.url, width=width)
    try:
        tab.visit(edition + path)
        assert tab.axe() == []
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{edition}{path} is {overflow} px wider than a {width} px screen"
        assert tab.errors == [] and tab.off_machine() == []
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("edition", ["", "en/"])
def test_a_record_link_lands_on_its_row_opened(browser: Any, site: Any, edition: str) -> None:
    tab: Tab = open_tab(browser, site.url, width=390)
    try:
        tab.visit(edition + "changes/")
        record = tab.page.locator("article a[href*='regions/'][href*='#']").first
        anchor = str(record.get_attribute("href")).rpartition("#")[2]
        record.click()
        tab.page.wait_for_url(f"**/regions/**#{anchor}")
        row = tab.page.locator(f"[id='{anchor}']")
        row.wait_for(state="attached")
        # the row's table may sit in a folded block on a long region page: the link opens it
        tab.page.wait_for_function(SHOWN, arg=anchor)
        assert tab.errors == []
    finally:
        tab.page.context.close()
