"""Pages and downloads from generator.site — without MkDocs."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import Project

from generator import models as m
from generator import paths as c
from generator import site
from generator.history import History
from generator.indexes import Index
from generator.load import Dataset
from generator.pages import regions as region_pages
from generator.pages import sources as source_pages
from generator.pages.figures import REGION_BAR_LIMIT, shown
from generator.paths import url
from generator.pipeline import validate
from generator.search import search_words

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).with_name("fixtures") / "mini"
# the golden pages' dates: fixed, not the day the tests run
HISTORY = History("2024-04-01", "2024-03-20 · 1a2b3c4", {"data/regions/sample-zone.yml": "2024-03-18"})
GOLDEN = Path(__file__).with_name("golden") / "pages"


@pytest.fixture(scope="module")
def mini_pages() -> dict[str, str]:
    dataset, problems = validate(MINI)
    assert problems == []
    return site.build_pages(
        dataset, issues_url="https://example.org/repo/issues/new", site_url="https://example.org/site/", history=HISTORY
    )


@pytest.fixture(scope="module")
def mini_pages_en() -> dict[str, str]:
    dataset, _ = validate(MINI)
    return site.build_pages(
        dataset, lang="en", issues_url="https://example.org/repo/issues/new", site_url="https://example.org/site/en/", history=HISTORY
    )


PAGES = [
    "index.md",
    "regions/index.md",
    "regions/sample-zone.md",
    "compare/economy.md",
    "clusters/index.md",
    "clusters/robotics.md",
    "timeline/index.md",
    "sources/sample-report.md",
    "downloads/index.md",
]


def test_one_set_of_downloads_for_every_edition(mini_pages: dict[str, str], mini_pages_en: dict[str, str]) -> None:
    assert "downloads/facts.csv" in mini_pages and not any(p.startswith("downloads/") and p != "downloads/index.md" for p in mini_pages_en)
    assert 'href="../../downloads/facts.csv"' in mini_pages_en["downloads/index.md"]


@pytest.mark.parametrize("edition", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_golden_markdown(
    page: str, edition: str, mini_pages: dict[str, str], mini_pages_en: dict[str, str], request: pytest.FixtureRequest
) -> None:
    """One page of each kind in each edition, compared with its golden file (English ones in
    golden/pages/en/; `pytest --update-golden` rewrites)."""
    golden = GOLDEN / ("en" if edition == "en" else "") / page.replace("/", "__")
    made = (mini_pages_en if edition == "en" else mini_pages)[page]
    if request.config.getoption("--update-golden", default=False):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(made, encoding="utf-8")
    assert made == golden.read_text(encoding="utf-8")


def test_every_number_links_to_its_quote(mini_pages: dict[str, str]) -> None:
    page = mini_pages["regions/sample-zone.md"]
    assert '[达到1200亿元](../sources/sample-report.md#q-sample-zone--fact-industrial-output-2023 "' in page
    assert '<span id="fact-industrial-output-2023"' in page
    assert '<span id="q-sample-zone--fact-industrial-output-2023"></span>' in mini_pages["sources/sample-report.md"]


def test_a_fact_and_an_event_with_one_id_keep_their_own_quote_anchors(project: Project) -> None:
    """Facts and events have separate id namespaces; the quote anchors name the kind, so both are
    valid data and each number links to its own quote."""
    project.replace("regions/r.yml", "  - id: eleven-satellites\n", "  - id: high-tech-firms\n")
    dataset, problems = validate(project.root)
    assert problems == []
    page = site.build_pages(dataset, parallel=False)["sources/first-article.md"]
    assert page.count('<span id="q-r--fact-high-tech-firms">') == 1
    assert page.count('<span id="q-r--event-high-tech-firms">') == 1


def test_comparison_charts_both_regions_of_a_metric(mini_pages: dict[str, str]) -> None:
    page = mini_pages["compare/economy.md"]
    assert page.count('class="zr-plot') == 1
    assert "样例区" in page and "另一城市" in page


def test_report_link_is_prefilled(mini_pages: dict[str, str]) -> None:
    page = mini_pages["regions/sample-zone.md"]
    assert 'class="report-base" href="https://example.org/repo/issues/new?template=wrong-fact.yml&amp;fact-id=sample-zone/"' in page
    # report.js adds a link to each row whose anchor carries its line (the browser test checks them)
    assert '<span id="fact-industrial-output-2023" data-line="10"></span>' in page
    assert '<span id="target-industrial-output-2025" data-line="41"></span>' in page
    assert "data-line" not in mini_pages["compare/economy.md"], "only on the fact's own page"


def test_downloads_round_trip_every_fact_event_and_target() -> None:
    dataset, problems = validate(ROOT)
    assert problems == []
    pages = site.build_pages(dataset, site_url="https://example.org/")
    ids = {f"{r.id}/{f.id}" for r in dataset.regions.values() for f in r.facts}
    assert ids, "the real data has no facts"
    from_json = {row["id"] for row in json.loads(pages["downloads/facts.json"])}
    from_csv = {row["id"] for row in csv.DictReader(io.StringIO(pages["downloads/facts.csv"].lstrip("\ufeff")))}
    assert from_json == ids == from_csv
    events = {f"{r.id}/{e.id}" for r in dataset.regions.values() for e in r.events}
    assert {row["id"] for row in json.loads(pages["downloads/events.json"])} == events
    targets = {f"{r.id}/{t.id}" for r in dataset.regions.values() for t in r.targets}
    assert {row["id"] for row in json.loads(pages["downloads/targets.json"])} == targets
    row = json.loads(pages["downloads/facts.json"])[0]
    for key in ("region", "metric", "value", "unit", "period", "qualifier", "source", "quote", "citation_zh", "citation_en", "normalized"):
        assert key in row


def test_search_words_keep_names_whole() -> None:
    dataset, _ = validate(ROOT)
    words = search_words(dataset)
    assert "北京经济技术开发区" in words or not (ROOT / "data/regions/yizhuang.yml").exists()
    assert "防城港" in " ".join(words)


@pytest.mark.parametrize(
    ("page", "target", "anchor", "expected"),
    [
        ("compare/economy.md", "regions/yizhuang.md", "fact-x", "../../regions/yizhuang/#fact-x"),
        ("index.md", "regions/yizhuang.md", "", "regions/yizhuang/"),
        ("regions/yizhuang.md", "regions/yizhuang.md", "a", "./#a"),
        ("regions/index.md", "clusters/index.md", "", "../clusters/"),
    ],
)
def test_chart_urls_are_relative_directory_urls(page: str, target: str, anchor: str, expected: str) -> None:
    assert url(page, target, anchor) == expected


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    dataset, problems = validate(ROOT)
    assert problems == []
    return site.build_pages(dataset)


def test_look_alikes_are_shown_apart_with_their_figures_and_reason(real_pages: dict[str, str]) -> None:
    page = real_pages["compare/industry-structure.md"]
    warning = page[page.index("!!! warning") :]
    # (its measures are each one region's: one box of their pairs, a pair a line, under their table)
    item = warning[warning.index("\n    - ") :].split("\n")[1]
    reason, figures = item.split("<br>")
    assert "上海 [达到43.9%]" in figures  # the look-alike's figure, with its region
    reason = reason.split(")：", 1)[1]
    assert "不能直接比较" in reason
    assert "亦庄" not in reason and "上海" not in reason, "a reason speaks of definitions, not of regions (it would go stale)"


def test_every_markdown_table_starts_after_a_blank_line(real_pages: dict[str, str]) -> None:
    """A table glued to the paragraph above renders as text: keep templates' blank lines."""
    for path, text in real_pages.items():
        if not path.endswith(".md"):
            continue
        lines = text.split("\n")
        for number, line in enumerate(lines[1:], start=1):
            above = lines[number - 1]
            if line.lstrip().startswith("|") and not above.lstrip().startswith("|"):
                assert not above.strip(), f"{path}:{number + 1}: table starts right after {above[:60]!r}"


def test_no_python_objects_leak_into_pages(real_pages: dict[str, str]) -> None:
    for path, text in real_pages.items():
        assert "<built-in method" not in text and "object at 0x" not in text, path


def test_squeeze_html_keeps_preformatted_text() -> None:
    html = "<div>\n    <p>a</p>\n\n   <pre>  x\n\n    y</pre>\n  <textarea>\n  t</textarea>\n</div>"
    assert site.squeeze_html(html) == "<div>\n<p>a</p>\n<pre>  x\n\n    y</pre>\n<textarea>\n  t</textarea>\n</div>"


def test_region_page_charts_the_leaders_and_the_region_itself(tmp_path: Path) -> None:
    """With more regions than a region page's charts hold, each chart keeps the largest values and
    adds the page's own region, wherever it ranks (the benchmark's synthetic regions)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    bench_build.make_project(tmp_path, regions=12, facts_per_region=20)
    dataset, problems = validate(tmp_path)
    assert problems == []
    index = Index(dataset)
    for region in dataset.regions.values():
        for comparison in index.drawn(region)[:3]:
            chosen = shown(comparison, region, REGION_BAR_LIMIT)
            largest = sorted(comparison.entries, key=lambda pair: -pair[1].normalized)[:REGION_BAR_LIMIT]
            assert chosen[:REGION_BAR_LIMIT] == largest
            assert [pair for pair in chosen if pair[0] is region], "the region's own bar"
            assert len({r.id for r, _ in chosen}) == len(chosen), "one bar per region"


def _regions_in(placements: list[tuple[str, str | None]]) -> Dataset:
    """The mini dataset with its regions replaced by copies of one, placed in (province, city)."""
    dataset, _ = validate(MINI)
    template = next(iter(dataset.regions.values()))
    regions: dict[str, m.Region] = {}
    for index, (province, city) in enumerate(placements):
        parent = m.Bilingual(zh=city, en=city) if city else None
        short = m.Bilingual(zh=f"区{index}", en=f"Zone {index}")
        profile = template.profile.model_copy(update={"short_name": short, "province": dataset.provinces[province][1], "parent": parent})
        region = m.Region.model_construct(profile=profile, id=f"z{index}")
        regions[region.id] = region
    dataset.regions = regions
    return dataset


def _listed(section: ModuleType, dataset: Dataset, lang: str) -> list[Any]:
    """A section's navigation below its listing page."""
    entry = section.nav(site.context(dataset, lang=lang))
    return list(next(iter(entry.values())))[1:]


def _grouped(dataset: Dataset, lang: str) -> list[Any]:
    return _listed(region_pages, dataset, lang)


def _names(nav: list[dict[str, Any]]) -> list[str]:
    return [next(iter(entry)) for entry in nav]


def test_a_few_regions_are_one_flat_list() -> None:
    nav = _grouped(_regions_in([("四川省", None), ("北京市", None)]), "zh")
    assert nav == [{"区0": "regions/z0.md"}, {"区1": "regions/z1.md"}]


def test_many_regions_by_area_then_province_in_registry_order() -> None:
    placements = [("四川省", None)] * 20 + [("上海市", None)] * 15 + [("北京市", None)] * 10
    nav = _grouped(_regions_in(placements), "zh")
    assert _names(nav) == ["东部地区", "西部地区"]  # the registry's order, not the alphabet's
    assert _names(nav[0]["东部地区"]) == ["北京市", "上海市"]
    assert _names(nav[1]["西部地区"]) == ["四川省"]
    assert _names(nav[0]["东部地区"][0]["北京市"]) == [f"区{i}" for i in range(35, 45)]
    assert nav == _grouped(_regions_in(placements), "zh")  # deterministic


def test_a_province_with_many_regions_lists_them_by_city() -> None:
    jiangsu: list[tuple[str, str | None]] = [("江苏省", "苏州市")] * 12 + [("江苏省", "南京市")] * 10 + [("江苏省", None)] * 2
    placements = [*jiangsu, *[("上海市", None)] * 20, ("四川省", None)]
    nav = _grouped(_regions_in(placements), "en")
    jiangsu = nav[0]["Eastern China"][1]["Jiangsu"]
    assert _names(jiangsu) == ["南京市", "苏州市", "Zone 22", "Zone 23"]  # cities, then regions without one
    assert len(jiangsu[0]["南京市"]) == 10 and len(jiangsu[1]["苏州市"]) == 12
    assert len(nav[0]["Eastern China"][0]["Shanghai"]) == 20  # not over the limit: no city level


def test_no_navigation_list_grows_with_the_number_of_regions() -> None:
    """Spread over all provinces and eight cities each, as in the benchmark: 1,000 regions give
    lists no longer than the registry's areas and provinces, or a city's regions."""
    dataset, _ = validate(MINI)
    provinces = list(dataset.provinces)
    placements = [(provinces[i % len(provinces)], f"市{i // len(provinces) % 8}") for i in range(1000)]
    longest = 0

    def walk(items: list[Any]) -> None:
        nonlocal longest
        longest = max(longest, len(items))
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    walk(value)

    walk(_grouped(_regions_in(placements), "zh"))
    assert longest == 12  # the western area's provinces; a city holds at most 4 of these regions


def test_two_processes_render_the_same_pages_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    bench_build.make_project(tmp_path, regions=90, facts_per_region=10)
    dataset, problems = validate(tmp_path)
    assert problems == []
    one = site.build_pages(dataset, parallel=False)
    assert len(one) >= site.PARALLEL_FROM
    forks: list[bool] = []
    run = site.split_map
    monkeypatch.setattr(site, "split_map", lambda function, jobs, fork: forks.append(fork) or run(function, jobs, fork=True))
    monkeypatch.setattr(site, "BATCH", 60)  # made in batches (site.iter_pages), each forked for
    two = site.build_pages(dataset, parallel=True)
    assert len(forks) >= 3  # forked here even if the build would not (it does not while other threads run)
    assert list(two) == list(one) and two == one


def test_many_articles_are_grouped_where_the_region_citing_them_is(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    bench_build.make_project(tmp_path, regions=45, facts_per_region=4)  # one article per region
    dataset, problems = validate(tmp_path)
    assert problems == []
    nav = _listed(source_pages, dataset, "zh")
    assert _names(nav) == ["东部地区", "中部地区", "西部地区", "东北地区", "港澳台地区"]  # the registry's order
    placed = {}
    for area in nav:
        for province in next(iter(area.values())):
            for name, entries in province.items():
                placed.update({path: name for entry in entries for path in entry.values()})
    assert len(placed) == len(dataset.articles)
    for region in dataset.regions.values():
        assert placed[c.source_path(f"{region.id}-report")] == region.profile.province.zh


def test_english_search_entries_carry_the_other_forms_of_their_words() -> None:
    from generator.search import FORMS, with_word_forms

    index = {
        "config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "", "title": "Home", "text": "<p>The site compares regions.</p>"},
            {"location": "compare/", "title": "Comparisons", "text": "<p>Figures we compare.</p>"},
            {"location": "compare/#a", "title": "A robot", "text": "<p>Robots compared.</p>"},
            {"location": "clusters/", "title": "Robots", "text": ""},
        ],
    }
    out = with_word_forms(index)
    forms = {doc["location"]: doc.get(FORMS) for doc in out["docs"]}
    # the compare page (with its section) says compare, compared, robot, robots: it gains "compares"
    assert forms["compare/"] == "compares"
    assert forms["compare/#a"] is None  # sections are reached through their page
    assert forms["clusters/"] == ""  # "robot" is on the compare page, but a query for it finds "robots"
    assert forms[""] == "compared"  # "compare" starts "compares": found already
    assert out["config"]["fields"][FORMS] == {"boost": 1.0} and out["config"]["fields"]["title"] == {"boost": 1000.0}
    assert index["docs"][0].keys() == {"location", "title", "text"}, "the index given is not changed"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_region_page_groups_its_facts_by_topic_and_folds_them_when_long(lang: str) -> None:
    """A long region page (Beijing E-Town: 82 rows) shows its facts as one closed block per
    metric group, in the registry's order, each saying how many figures it holds, and its targets
    and events folded too; a short one (Fangchenggang: 14 rows) shows the same blocks open."""
    import re

    from generator import htmlblocks

    dataset = validate(ROOT)[0]
    ctx = site.context(dataset, lang=lang)
    pages = {page.path: page for page in region_pages.pages(ctx)}

    def blocks(region_id: str) -> list[tuple[bool, str]]:
        path = c.region_path(region_id)
        made = htmlblocks.finish(pages[path].markdown(ctx.lang), path)
        found = re.findall(r'<details class="info(?: zr-facts)?"( open="open")?>\n<summary>([^<]*)</summary>', made)
        return [(bool(opened), summary) for opened, summary in found]

    for region_id, folded in (("yizhuang", True), ("fangchenggang", False)):
        region = dataset.regions[region_id]
        rows = len(region.facts) + len(region.targets) + len(region.events)
        assert (rows > region_pages.FOLD_ROWS) is folded, rows
        found = blocks(region_id)
        assert {opened for opened, _ in found} == {not folded}, found
        groups = [g for g in dataset.groups.values() if any(dataset.metrics[f.metric].group == g.id for f in region.facts)]
        counts = [sum(dataset.metrics[f.metric].group == g.id for f in region.facts) for g in groups]
        expected = [ctx.t("fact_group", group=ctx.lang.pick(g.label), n=n) for g, n in zip(groups, counts, strict=True)]
        if region.targets:
            expected.append(ctx.t("target_details", n=len(region.targets)))
        if region.events:
            expected.append(ctx.t("event_details", n=len(region.events)))
        assert [summary for _, summary in found] == expected
        assert sum(counts) == len(region.facts) and len(groups) >= 3
        made = htmlblocks.finish(pages[c.region_path(region_id)].markdown(ctx.lang), c.region_path(region_id))
        assert made.count('<details class="info zr-facts"') == len(groups), "site.css lines up the fact tables by this class"


def test_the_policy_timeline_folds_its_targets_on_a_long_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """/timeline/'s targets table starts closed when the page has more rows of policies and
    targets than a region page may show open (regions.FOLD_ROWS): open, today's 16 targets kept
    its Lighthouse performance at 87 (closed: 95). A short page shows it open."""
    from generator import htmlblocks
    from generator.pages import timeline

    real = validate(ROOT)[0]
    ctx = site.context(real, lang="zh")
    summary = f"<summary>{ctx.t('target_details', n=sum(len(r.targets) for r in real.regions.values()))}</summary>"

    def made() -> str:
        page = timeline.pages(ctx)[0]
        return htmlblocks.finish(page.markdown(ctx.lang), page.path)

    assert f'<details class="info">\n{summary}' in made()
    monkeypatch.setattr(timeline, "FOLD_ROWS", 1000)
    assert f'<details class="info" open="open">\n{summary}' in made()


def test_past_a_dozen_regions_the_home_shows_the_best_documented_and_links_to_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """With hundreds of regions a row each made the home the heaviest page. Past home.OVERVIEW the
    table shows that many, those with the most figures first, and says how many there are in all,
    with a link to the regions index (which still lists every one)."""
    from generator.pages import home

    dataset, _ = validate(ROOT)
    monkeypatch.setattr(home, "OVERVIEW", 3)
    pages = site.build_pages(dataset)
    section = pages["index.md"].split("{ #regions }", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r'<td><a href="regions/([^/"]+)/">', section)
    by_figures = sorted(dataset.regions.values(), key=lambda region: -len(region.facts))
    assert len(dataset.regions) > 3 and len(by_figures[2].facts) > len(by_figures[3].facts), "the data no longer tells them apart"
    assert shown == [region.id for region in by_figures[:3]]
    assert f"以上为数据最多的3个地区（共{len(dataset.regions)}个）。 [全部地区&nbsp;→](regions/index.md){{ .zr-more }}" in section
    index = pages["regions/index.md"]
    assert all(f'href="{region.id}/"' in index for region in dataset.regions.values()), "the index lists every region"
