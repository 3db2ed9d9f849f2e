"""A phone reader (390 CSS px wide), both editions, every page kind: no page wider than the screen,
and every control a finger can hit (WCAG 2.2 SC 2.5.8, target size minimum).

The rule measured (TARGETS below), in the browser, on each page with every folded block opened:
a target is every visible `a[href]`, `button`, `input`, `select`, `textarea`, `summary` and
`[role=button]` (a checkbox's `<label>` counts as its target). A link that is a word inside a
sentence of running text is exempt, as WCAG exempts it: its nearest block is a paragraph, list
item, definition, quote, caption or heading whose text is more than the link's own, and it is
not in a table (cards), the header, tabs, sidebars, footer, search, a toolbar, dialog or nav.
Every other target either has a bounding box of at least 24 × 24 px, or is spaced: a circle of
24 px diameter centred on its box meets no other target's box and no other undersized target's
circle (centres 24 px apart). Off-screen targets (the closed drawer) and hidden ones are not
measured. The quotes and ≠'s meanings open by a tap or a key (tables.js): a button, not a title.

Also here: the region picker of the comparisons page comes before the grid it changes.
"""

from __future__ import annotations

import pytest
from browsing import MARKS, PAGE_KINDS, Browser, Site, Tab, open_tab

pytestmark = MARKS

WIDTH = 390
EDITIONS = ["", "en/"]
# every page kind, and the pages that are no kind of their own: the comparisons page (its picker
# and grid), the targets side by side, the downloads and the "what changed" page
PAGES = [*PAGE_KINDS, "compare/", "compare/targets/by-year/", "downloads/", "changes/"]

TARGETS = """() => {
  const SEL = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], label:has(> input)";
  const RUNNING = "p, li, dd, dt, blockquote, figcaption, h1, h2, h3, h4, h5, h6";
  const CHROME = "table, .md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, [role=toolbar], dialog, nav";
  const all = [];
  for (const el of document.querySelectorAll(SEL)) {
    if (el.matches("input") && el.closest("label") && el.closest("label").matches(SEL)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || Number(cs.opacity) === 0) continue;
    if (r.right <= 0 || r.left >= innerWidth) continue;
    if (el.closest("[hidden], [aria-hidden=true], [inert]")) continue;
    const block = el.closest(RUNNING);
    if (block && !el.closest(CHROME) && block.textContent.trim() !== el.textContent.trim()) continue;
    const x = r.left + scrollX, y = r.top + scrollY;
    all.push({el, x, y, w: r.width, h: r.height, cx: x + r.width / 2, cy: y + r.height / 2});
  }
  const small = (t) => t.w < 23.99 || t.h < 23.99;
  const name = (t) => `${t.el.tagName.toLowerCase()}${t.el.className ? "." + String(t.el.className).split(" ").join(".") : ""}` +
    ` "${(t.el.textContent || t.el.getAttribute("aria-label") || "").trim().slice(0, 20)}" ${Math.round(t.w)}×${Math.round(t.h)}`;
  const bad = [];
  for (const t of all.filter(small)) {
    const near = all.find((o) => {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) return false;
      const dx = Math.max(o.x - t.cx, 0, t.cx - (o.x + o.w)), dy = Math.max(o.y - t.cy, 0, t.cy - (o.y + o.h));
      return Math.hypot(dx, dy) < 12 || (small(o) && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24);
    });
    if (near) bad.push(`${name(t)} beside ${name(near)}`);
  }
  return {width: document.documentElement.scrollWidth, count: all.length, bad};
}"""

OPEN_ALL = """() => document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })"""


def path_of(site: Site, page: str, edition: str) -> str:
    return site.resolve(page, edition) if page in PAGE_KINDS else edition + page


def measure(tab: Tab, path: str) -> dict[str, object]:
    tab.visit(path)
    tab.page.evaluate(OPEN_ALL)
    # what scripts add to an opened block (⚑, cite, the quote buttons) is made on its toggle event,
    # a task queued by the opening: two frames later it has run
    tab.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return tab.page.evaluate(TARGETS)  # type: ignore[no-any-return]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", PAGES)
def test_a_phone_page_fits_the_screen_and_its_targets_are_big_enough(browser: Browser, site: Site, page: str, edition: str) -> None:
    """At 390 px: the page is no wider than the screen, and no control fails the target rule of
    this module's docstring."""
    tab = open_tab(browser, site.url, width=WIDTH)
    try:
        path = path_of(site, page, edition)
        found = measure(tab, path)
        assert found["width"] <= WIDTH, f"{path} is {found['width']} px wide at {WIDTH}"
        assert found["count"], f"{path}: no target measured"
        assert found["bad"] == [], f"{path}: {len(found['bad'])} undersized targets: {found['bad'][:10]}"
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_quote_and_the_meaning_of_not_equal_open_by_tap_and_key(browser: Browser, site: Site, edition: str) -> None:
    """A cited value's quote (its link's title) and ≠'s meaning (an abbr's title) each have a
    button that shows the text on the page: tapped, and from the keyboard. (On a comparison page:
    an English region page's rows show their quotes and translations in a disclosure of their own,
    tests/test_translations_browser.py.)"""
    tab = open_tab(browser, site.url, width=WIDTH)
    try:
        tab.visit(edition + "compare/economy/")
        tab.page.evaluate(OPEN_ALL)
        link = tab.page.locator("td a[href*='#q-'][title]").first
        quote = link.get_attribute("title")
        button = tab.page.locator("td a[href*='#q-'][title] + button.zr-tip").first
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-label") == ("Quote: " if edition else "原文：") + link.inner_text().strip()  # the catalog's words
        button.click()
        box = tab.page.locator("#" + str(button.get_attribute("aria-controls")))
        assert box.is_visible() and box.inner_text() == quote
        button.focus()
        tab.page.keyboard.press("Enter")
        assert not box.is_visible() and button.get_attribute("aria-expanded") == "false"

        tab.visit(edition + "compare/")
        tip = tab.page.locator("button.zr-tip:has(abbr[title])").first
        meaning = tip.locator("abbr").get_attribute("title")
        tip.focus()
        tab.page.keyboard.press("Space")
        box = tab.page.locator("#" + str(tip.get_attribute("aria-controls")))
        assert box.is_visible() and box.inner_text() == meaning
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_grid_of_picked_regions_opens_its_marks_by_tap_too(browser: Browser, site: Site, edition: str) -> None:
    """compare.js draws the grid of the regions a reader picks after tables.js gave the page's
    buttons: its ≠ marks get theirs too (they were bare tooltips), and the page's own
    grid, put back by its HTML when a region is unpicked, still opens them."""
    tab = open_tab(browser, site.url, width=WIDTH)
    try:
        tab.visit(edition + "compare/?regions=shanghai,yizhuang")
        tab.page.wait_for_function("document.querySelectorAll('.zr-grid-view > table thead th').length === 3")
        tab.page.evaluate(OPEN_ALL)
        view = tab.page.locator(".zr-grid-view")
        assert view.locator("abbr[title]").count() > 0, "the picked regions' grid has no ≠ mark to open"
        assert view.locator("abbr[title]:not(button.zr-tip abbr)").count() == 0, "a ≠ mark without its button"
        _opens_a_not_equal_mark(tab)
        tab.page.locator("input[type=checkbox][aria-label]:checked").first.uncheck()  # one region left: the page's own grid again
        tab.page.wait_for_function("document.querySelectorAll('.zr-grid-view > table thead th').length !== 3")
        tab.page.evaluate(OPEN_ALL)
        _opens_a_not_equal_mark(tab)
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()


def _opens_a_not_equal_mark(tab: Tab) -> None:
    tip = tab.page.locator(".zr-grid-view button.zr-tip:has(abbr[title])").first
    tip.click()
    box = tab.page.locator("#" + str(tip.get_attribute("aria-controls")))
    assert box.is_visible() and box.inner_text() == tip.locator("abbr").get_attribute("title")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_region_picker_comes_before_the_grid_and_takes_a_thumb(browser: Browser, site: Site, edition: str) -> None:
    """On /compare/ at 390 px the picker's checkboxes are above the grid they change (it was after
    it, ~14,000 px down), at least 24 px each way, and picking two draws their grid."""
    tab = open_tab(browser, site.url, width=WIDTH)
    try:
        tab.visit(edition + "compare/")
        boxes = tab.page.locator("table.zr-regions input[type=checkbox]")
        boxes.first.wait_for()
        grid = tab.page.locator(".zr-grid").bounding_box()
        first = boxes.first.bounding_box()
        assert grid and first
        assert first["y"] < grid["y"], "the picker is below the grid"
        for box in boxes.all():
            size = box.bounding_box()
            assert size and size["width"] >= 24 and size["height"] >= 24, size
        boxes.nth(0).click()
        boxes.nth(1).click()
        tab.page.wait_for_function("() => new URL(location.href).searchParams.get('regions')?.includes(',')")
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()
