"""The comparisons section shaped for the comparisons the data can make (issue 21 §1).

- A group page gives a section (chart, table, look-alike boxes) to a measure two or more regions
  report; the measures one region reports are one row each in one table at the page's end, and
  every link to a measure's anchor still finds it.
- A look-alike pair is explained once on a page; under the one-region table, only a pair whose
  figures are different regions' (one a reader could set side by side by mistake).
- The grid opens on the measures two or more of its regions report; the rest is in a <details>
  that says how many rows it holds (the picked regions' grid: the browser test at the end).
- The targets, side by side by the year they are due: each once, in its year's row and its
  region's column (or row), its title linked to its row on the region page, its value cited.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path

import pytest
from browsing import MARKS, Browser, Site, open_tab

from generator import site
from generator.load import Dataset
from generator.pages import compare, grid
from generator.pages.base import Ctx
from generator.paths import group_path, metric_anchor
from generator.pipeline import validate
from generator.problems import errors

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = validate(ROOT)
    assert errors(problems) == []
    return dataset


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Six regions that share twelve metrics (charts), each with metrics of its own, and targets."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    root = tmp_path_factory.mktemp("synthetic")
    bench_build.make_project(root, regions=grid.STATIC_GRID, facts_per_region=20)
    dataset, problems = validate(root)
    assert errors(problems) == [], [p.format() for p in problems[:5]]
    return dataset


def regions_of(ctx: Ctx, metric_id: str) -> set[str]:
    return {r.id for r, _ in ctx.index.facts_of(metric_id)}


# ---- group pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["real", "synthetic"])
def test_a_measure_one_region_reports_is_a_row_and_a_shared_one_keeps_its_section(data: str, request: pytest.FixtureRequest) -> None:
    dataset: Dataset = request.getfixturevalue(data)
    ctx = site.context(dataset)
    sections = alone = 0
    for gid, metrics in ctx.index.groups.items():
        page = compare.context(ctx, dataset.groups[gid])
        anchors = [s["anchor"] for s in page["sections"]]
        starts = [r["metric_anchor"] for r in page["alone"] if r["metric_anchor"]]
        for metric in metrics:
            anchor = metric_anchor(metric.id)
            if len(regions_of(ctx, metric.id)) >= 2:
                assert anchor in anchors and anchor not in starts, f"{metric.id}: two regions report it, it keeps its section"
                sections += 1
            else:
                assert anchor not in anchors, f"{metric.id}: one region reports it: a row, not a section"
                assert starts.count(anchor) == 1, f"{metric.id}: its anchor on its first row, once"
                assert sum(1 for r in page["alone"] if r["metric"] == ctx.label(metric.label)) == len(ctx.index.facts_of(metric.id))
                alone += 1
    assert alone, "the data has measures one region reports"
    if data == "synthetic":
        assert sections >= 12, "the twelve measures every synthetic region reports keep their sections"
        drawn = [c for c in ctx.index.comparisons.values() if c.drawn]
        pages = site.build_pages(dataset, parallel=False)
        for comparison in drawn:  # their charts are where they were
            text = pages[group_path(comparison.metric.group)]
            section = text[text.index(f"{{ #{metric_anchor(comparison.metric.id)} }}") :]
            assert 'class="zr-plot' in section.split("\n## ")[0] or "vega-chart" in section.split("\n## ")[0], comparison.metric.id


def test_no_group_page_of_the_real_data_says_one_region_reports_a_measure_in_a_section(real: Dataset) -> None:
    """The 'only one region reports this measure so far' line under each of nine pages' measures."""
    pages = site.build_pages(real, parallel=False)
    ctx = site.context(real)
    for gid in ctx.index.groups:
        assert ctx.t("no_comparison") not in pages[group_path(gid)], gid


def test_the_first_screen_counts_the_one_region_measures_the_group_pages_list(real: Dataset) -> None:
    """/compare/'s "measures only one region reports: N" is the number of measures the group pages
    list in their one-region tables (it counted 57 comparisons, one per industry, while the pages
    listed 56 measures: a per-industry measure two regions report has a section of its own)."""
    ctx = site.context(real)
    listed = sum(1 for gid in ctx.index.groups for row in compare.context(ctx, real.groups[gid])["alone"] if row["metric_anchor"])
    assert ctx.t("today_alone", n=listed) in compare._today(ctx)


# every id a page has: attributes, and Markdown's `{ #anchor }`
IDS = re.compile(r'\bid="([^"]+)"|\{ #([^ }]+) \}')
# every link with an anchor: Markdown's (target#anchor) and HTML's href="target#anchor"
LINKS = re.compile(r'\]\(([^)\s#]*)#([^)\s"]+)[)\s]|href="([^"#]*)#([^"]+)"')


def resolve(page: str, target: str, pages: dict[str, str]) -> str | None:
    """The page (a key of `pages`) a relative link of `page` leads to: a .md path or a directory URL."""
    if not target:
        return page
    if target.endswith(".md"):
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    folder = page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"
    path = posixpath.normpath(posixpath.join(folder, target))
    for key in (path + ".md", path + "/index.md"):
        if key in pages:
            return key
    return None


@pytest.mark.parametrize("data", ["real", "synthetic"])
def test_every_link_to_a_measure_finds_its_anchor(data: str, request: pytest.FixtureRequest) -> None:
    """Links to a comparison page's measures (the grid's rows, other pages' look-alike boxes and
    notes, the first lines of /compare/) and the search's entries lead to an id on that page."""
    dataset: Dataset = request.getfixturevalue(data)
    pages = site.build_pages(dataset, parallel=False)
    ids = {path: {a or b for a, b in IDS.findall(text)} for path, text in pages.items() if path.endswith(".md")}
    checked = 0
    for path, text in pages.items():
        if not path.endswith((".md", ".json")):
            continue
        base = "compare/index.md" if path.startswith("compare/") and path.endswith(".json") else path
        for md_target, md_anchor, href, href_anchor in LINKS.findall(text.replace('\\"', '"')):
            target, anchor = (md_target, md_anchor) if md_anchor else (href, href_anchor)
            landing = resolve(base, html.unescape(target), pages)
            if landing is None or not landing.startswith("compare/") or landing == "compare/index.md":
                continue
            assert html.unescape(anchor) in ids[landing], f"{path}: #{anchor} is not on {landing}"
            checked += 1
    ctx = site.context(dataset)
    for gid in ctx.index.groups:
        for entry in compare._search(ctx, dataset.groups[gid]):
            assert not entry.anchor or entry.anchor in ids[group_path(gid)], f"search entry #{entry.anchor}"
            checked += 1
    assert checked > 50


def test_a_look_alike_pair_is_explained_once_on_a_page(real: Dataset) -> None:
    """Each pair once on a page (a box of a section or a line under the one-region table); under
    the table, the pairs whose figures are different regions'; never a pair of one region's."""
    pages = site.build_pages(real, parallel=False)
    ctx = site.context(real)
    noted = 0
    for gid, metrics in ctx.index.groups.items():
        text = pages[group_path(gid)]
        sectioned = {x.id for x in metrics if len(regions_of(ctx, x.id)) >= 2}
        for metric in metrics:
            for look in ctx.index.reported_look_alikes(metric.id):
                back = next(x for x in ctx.index.reported_look_alikes(look.other.id) if x.other.id == metric.id)
                said = text.count(compare.reason(ctx, metric, look)) + text.count(compare.reason(ctx, look.other, back))
                if compare.reason(ctx, metric, look) == compare.reason(ctx, look.other, back):
                    said //= 2  # a declared reason reads the same both ways
                assert said <= 1, f"{gid}: {metric.id} ≠ {look.other.id} explained {said} times"
                if metric.id in sectioned or (look.other.id in sectioned and look.other.group == gid):
                    continue
                misleading = compare.misleading(ctx, metric.id, look.other.id)
                assert said == (1 if misleading else 0), f"{gid}: {metric.id} ≠ {look.other.id}"
                noted += said
    assert noted >= 5


# ---- the grid -----------------------------------------------------------------------------------

ROW = re.compile(r'<tr data-metric="([^"]+)">(.*?)</tr>')


@pytest.mark.parametrize("data", ["real", "synthetic"])
def test_the_grid_opens_on_the_measures_two_regions_report(data: str, request: pytest.FixtureRequest) -> None:
    dataset: Dataset = request.getfixturevalue(data)
    ctx = site.context(dataset)
    shown = list(dataset.regions.values())
    table = grid.html_table(ctx, shown)
    first, _, rest = table.partition("<details")
    opened = [(mid, cells.count("<td><a")) for mid, cells in ROW.findall(first)]
    folded = [(mid, cells.count("<td><a")) for mid, cells in ROW.findall(rest)]
    assert opened, "some measure is reported by two regions"
    assert all(n >= 2 for _, n in opened), opened
    assert all(n <= 1 for _, n in folded), folded
    assert sorted(mid for mid, _ in opened + folded) == sorted(r["id"] for r in grid.rows(ctx)), "every row, once"
    summary = re.search(r"<summary>(.*?)</summary>", rest)
    assert summary and html.unescape(summary.group(1)) == ctx.t("grid_more", n=len(folded))
    assert rest.startswith(' class="zr-grid-more">'), "closed: the shared rows are what it opens on"
    # the columns with figures in those rows come first (on a phone: before a sideways scroll)
    heads = re.findall(r'<th scope="col"><a href="[^"]*regions/([^/"]+)/">', first)
    counts = [sum(1 for mid, _ in opened if mid in grid.cells(ctx, dataset.regions[r])) for r in heads]
    assert counts == sorted(counts, reverse=True)


def test_a_grid_of_regions_that_share_nothing_opens_its_rows(real: Dataset) -> None:
    ctx = site.context(real)
    lone = [real.regions["fangchenggang"], real.regions["huaying"]]
    table = grid.html_table(ctx, lone)
    assert ctx.t("grid_none_shared") in table and '<details class="zr-grid-more" open>' in table
    assert table.index("</p>") < table.index("<details"), "no empty table before the rows"
    assert "<table" not in table.split("<details")[0]


# ---- targets side by side ------------------------------------------------------------------------

CELLS = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.DOTALL)


def target_rows(page: str) -> tuple[list[str], list[list[str]]]:
    """The targets table's header and rows, as the page's finished HTML has them."""
    block = page[page.index("<table>") : page.index("</table>")]
    rows = [CELLS.findall(tr) for tr in re.findall(r"<tr>(.*?)</tr>", block, re.DOTALL)]
    return rows[0], rows[1:]


def assert_each_target_once_in_its_year(dataset: Dataset, lang: str, columns: bool) -> None:
    ctx = site.context(dataset, lang=lang)
    pages = site.build_pages(dataset, lang=lang, parallel=False)
    header, rows = target_rows(pages[compare.TARGETS])
    names = {ctx.name(r): r for r in dataset.regions.values()}
    seen = 0
    for region in dataset.regions.values():
        for target in region.targets:
            row_link = f'href="../../../regions/{region.id}/#target-{target.id}"'
            quote = f"#q-{region.id}--target-{target.id}"
            found = [(row, i) for row in rows for i, cell in enumerate(row) if row_link in cell]
            assert len(found) == 1, f"{region.id}/{target.id}: {len(found)} times"
            row, i = found[0]
            assert html.unescape(row[0]).startswith(target.deadline[:4]), f"{target.id} due {target.deadline} in the row of {row[0]}"
            if columns:
                assert names[html.unescape(header[i])] is region, f"{target.id} in the column of {header[i]}"
            else:
                assert f'regions/{region.id}/"' in row[1], f"{target.id} in the row of {row[1]}"
            cell = row[i]
            link = cell[cell.index(row_link) :]
            assert quote in link.split('class="zr-target"')[0], f"{target.id}: its value cited to its quote"
            seen += 1
    assert seen == sum(len(r.targets) for r in dataset.regions.values()) > 0
    years = [html.unescape(row[0]) for row in rows]
    assert years == sorted(years), "years in order"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_real_targets_side_by_side_by_year(real: Dataset, lang: str) -> None:
    with_targets = sum(1 for r in real.regions.values() if r.targets)
    assert 2 <= with_targets <= compare.TARGET_COLUMNS, "a column per region"
    assert_each_target_once_in_its_year(real, lang, columns=True)


def test_many_regions_targets_by_year_and_region(synthetic: Dataset) -> None:
    assert sum(1 for r in synthetic.regions.values() if r.targets) > compare.TARGET_COLUMNS, "a row per year and region"
    assert_each_target_once_in_its_year(synthetic, "zh", columns=False)


def test_the_targets_page_is_in_the_compare_section_and_named_on_its_first_screen(real: Dataset) -> None:
    ctx = site.context(real)
    listing = site.build_pages(real, parallel=False)["compare/index.md"]
    first = listing[: listing.index("## ")]
    assert "(targets/by-year.md)" in first
    assert {ctx.t("targets_by_year"): compare.TARGETS} in compare.nav(ctx)[ctx.t("compare")]


def test_a_target_s_date_status_and_scope_are_shown_when_they_say_more(real: Dataset) -> None:
    ctx = site.context(real)
    region = real.regions["yizhuang"]
    target = next(t for t in region.targets if t.inferred)
    done = target.model_copy(update={"deadline": target.deadline[:4] + "-06", "status": "achieved", "inferred": False})
    text = compare._target(ctx, compare.TARGETS, region, done)
    assert "6月" in text and ctx.t("status_achieved") in text
    plain = target.model_copy(update={"inferred": False, "cluster": None, "subject": None, "scope": None, "status": "planned"})
    assert "<small>" not in compare._target(ctx, compare.TARGETS, region, plain), "its row already says its year"


# ---- in the browser: the picked regions' grid, and the disclosure by keyboard ---------------------


@pytest.mark.parametrize("edition", ["", "en/"])
@MARKS[0]
@MARKS[1]
def test_the_picked_grid_opens_on_what_they_share_and_the_rest_by_keyboard(browser: Browser, site: Site, edition: str) -> None:
    tab = open_tab(browser, site.url, width=390)
    try:
        tab.visit(edition + "compare/?regions=shanghai,yizhuang")
        tab.page.wait_for_function("document.querySelectorAll('.zr-grid-view > table thead th').length === 3")
        counts = "els => els.map(tr => tr.querySelectorAll('td a').length)"
        shared = tab.page.eval_on_selector_all(".zr-grid-view > table tbody tr[data-metric]", counts)
        rest = tab.page.eval_on_selector_all(".zr-grid-view details.zr-grid-more tbody tr[data-metric]", counts)
        assert shared and all(n == 2 for n in shared), shared
        assert rest and all(n == 1 for n in rest), rest
        summary = tab.page.locator(".zr-grid-view details.zr-grid-more > summary")
        assert str(len(rest)) in summary.inner_text()
        assert not tab.page.locator(".zr-grid-view details.zr-grid-more tbody").is_visible()
        box = summary.bounding_box()
        assert box and box["height"] >= 24 and box["width"] <= 390
        summary.focus()
        tab.page.keyboard.press("Enter")
        assert tab.page.locator(".zr-grid-view details.zr-grid-more tbody").is_visible()
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.errors == [], tab.errors
    finally:
        tab.page.context.close()
