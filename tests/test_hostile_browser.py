"""What a reader's browser may hold that the page scripts did not write: an address someone else
made (compare.js's ?regions=) and a stored colour choice of another version or tampered with
(the palette script's `__palette`). Neither may break the page. Run alone with `pytest -m browser`.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
from browsing import MARKS, Browser, Site, Tab, open_tab

pytestmark = MARKS

COMPARE = "compare/"  # the regions table with checkboxes and the grid (generator/pages/grid.py)
BOXES = "table.zr-regions tbody input[type=checkbox]"
VIEW = ".zr-grid-view"


def _compare(tab: Tab, query: str = "") -> None:
    """The comparisons page, once compare.js has added its checkboxes (and drawn in the same task)."""
    tab.page.goto(tab.url + COMPARE + query, wait_until="load")
    tab.page.locator(BOXES).first.wait_for(state="visible")


def test_ids_that_are_names_of_object_properties_are_no_regions(tab: Tab) -> None:
    """`hasOwnProperty`, `toString` and `__proto__` were found in compare.js's plain-object lookups:
    a TypeError, an empty grid. They are no region: the page is as without a choice."""
    _compare(tab)
    own = tab.page.inner_html(VIEW)  # the page's own grid (or its "pick two" line)

    _compare(tab, "?regions=hasOwnProperty,toString,__proto__,constructor")
    assert tab.errors == [], tab.errors
    boxes = tab.page.locator(BOXES)
    assert boxes.count() >= 2
    assert all(boxes.nth(i).is_enabled() and not boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert tab.page.inner_html(VIEW) == own
    assert "regions=" not in tab.page.url, "the address keeps no choice that is not a region"


def test_a_region_named_twice_is_one_column(tab: Tab, site: Site) -> None:
    _compare(tab)
    own_columns = tab.page.locator(f"{VIEW} > table thead th").count()  # (the rows one region reports: in a <details>)

    _compare(tab, "?regions=yizhuang,yizhuang,nowhere,shanghai")
    drawn = "n => document.querySelectorAll('.zr-grid-view > table thead th').length !== n"
    tab.page.wait_for_function(drawn, arg=own_columns)  # the grid of the choice has replaced the page's own
    heads = tab.page.eval_on_selector_all(f"{VIEW} > table thead th a", "as => as.map(a => a.getAttribute('href'))")
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in heads] == ["yizhuang", "shanghai"]
    assert tab.page.url.endswith("?regions=yizhuang%2Cshanghai") or tab.page.url.endswith("?regions=yizhuang,shanghai")
    checked = tab.page.eval_on_selector_all(f"{BOXES}:checked", "bs => bs.map(b => b.closest('tr').dataset.region)")
    assert sorted(checked) == ["shanghai", "yizhuang"]
    assert tab.errors == [], tab.errors


# What material's `__palette` key may hold that is no choice of this site's two palettes: a
# fraction, an index past the end or before the start, other types, not JSON at all.
BAD_CHOICES = ['{"index":0.5}', '{"index":99}', '{"index":-1}', '{"index":"1"}', "{}", "[]", "1", "null", "dark", "{"]
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("stored", BAD_CHOICES)
def test_a_stored_colour_choice_that_is_no_choice_is_ignored(browser: Browser, site: Site, stored: str, system: str) -> None:
    """The palette script (overrides/partials/javascripts/palette.html) reads the choice while the
    header is parsed: a value it cannot use threw there and left the toggle hidden on every page.
    Now it counts as no choice: the system's scheme, and a toggle that works."""
    tab = open_tab(browser, site.url, scheme=system)
    try:
        page = tab.page
        # material's key, namespaced by the site's path (__md_scope, partials/javascripts/base.html),
        # stored before the page's first script runs
        key = urllib.parse.urlsplit(site.url).path + ".__palette"
        page.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(stored)})")
        page.goto(site.url + site.resolve("methodology"), wait_until="load")
        assert page.evaluate("__md_scope.pathname + '.__palette'") == key

        assert tab.errors == [], tab.errors
        assert tab.scheme() == SCHEMES[system], "no valid choice: the system's scheme, as on a first visit"
        toggle = page.locator("form[data-zr-palette] label:visible")
        assert toggle.count() == 1
        toggle.click()
        other = SCHEMES["dark" if system == "light" else "light"]
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=other)
        kept = page.evaluate("JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette'))")
        assert kept["index"] == (1 if system == "light" else 0), json.dumps(kept)
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()
