"""Citations (generator/citations.py), the data's dates (generator/history.py) and the printed
page's footer: what a reader takes away from the site says what, for what part, from where, when."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from generator import citations, history, site
from generator import models as m
from generator.pages.base import Page
from generator.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]
HISTORY = history.History("2026-12-01", "2026-11-30 · abc1234", {"data/regions/yizhuang.yml": "2026-11-28"})


@pytest.fixture(scope="module")
def ctx() -> site.Ctx:
    dataset, _ = validate(ROOT)
    return site.context(dataset, site_url="https://example.org/report/", history=HISTORY)


def _record(ctx: site.Ctx, region_id: str, record_id: str) -> tuple[m.Region, m.Fact | m.Target | m.Event]:
    region = ctx.ds.regions[region_id]
    found = [r for r in [*region.facts, *region.targets, *region.events] if r.id == record_id]
    assert found, record_id
    return region, found[0]


def test_a_scoped_figure_is_cited_with_its_scope_in_both_languages(ctx: site.Ctx) -> None:
    region, fact = _record(ctx, "yizhuang", "industrial-output-new-town-2023")
    cited = citations.record(ctx, region, fact)
    assert cited["zh"].startswith(
        "开发区与城市新质生产力比较报告. 亦庄：工业总产值 达到5200亿元（2023年；亦庄新城）[DB/OL]. (2026-11-28)[2026-12-01]. "
    )
    assert "https://example.org/report/regions/yizhuang/#fact-industrial-output-new-town-2023. 原始来源：" in cited["zh"]
    assert cited["zh"].endswith("原始来源：杨学聪. 北京亦庄筑牢高精尖产业根基（园区新动能）[N]. 2024-02.")  # no outlet printed
    assert cited["en"].startswith("Beijing E-Town: Gross industrial output 520 billion yuan (2023; Yizhuang New Town). In: ")
    assert "https://example.org/report/en/regions/yizhuang/#fact-industrial-output-new-town-2023 (accessed 2026-12-01)" in cited["en"]


def test_an_event_is_cited_with_its_date(ctx: site.Ctx) -> None:
    region = ctx.ds.regions["yizhuang"]
    event = region.events[0]
    cited = citations.record(ctx, region, event)
    assert f"#event-{event.id}" in cited["zh"] and "[DB/OL]" in cited["zh"]
    assert event.title.en in cited["en"]


def test_every_record_of_a_region_has_its_citations_in_its_file(ctx: site.Ctx) -> None:
    files = site.build_pages(ctx.ds, site_url="https://example.org/report/", history=HISTORY, parallel=False)
    for region in ctx.ds.regions.values():
        cited = json.loads(files[f"downloads/citations/{region.id}.json"])
        anchors = (
            {f"fact-{r.id}" for r in region.facts} | {f"target-{r.id}" for r in region.targets} | {f"event-{r.id}" for r in region.events}
        )
        assert set(cited) == anchors
        assert all(set(entry) == {"zh", "en"} for entry in cited.values())


def test_every_page_ends_with_its_citation_and_its_print_footer(ctx: site.Ctx) -> None:
    files = site.build_pages(ctx.ds, site_url="https://example.org/report/", history=HISTORY, parallel=False)
    pages = [path for path in files if path.endswith(".md")]
    assert len(pages) > 20
    for path in pages:
        text = files[path]
        assert '<details class="zr-cite-page">' in text and "[DB/OL]. (2026-11-30)[2026-12-01]." in text, path
        assert "@bottom-left" in text, path


def test_the_print_footer_is_a_css_string_nothing_escapes() -> None:
    dataset, _ = validate(ROOT)
    hostile = site.context(dataset, site_url='https://example.org/a"b\\c</style><script>x/', history=HISTORY)
    footer = site.print_footer(hostile, Page("regions/yizhuang.md", "region.md.j2", "t", dict))
    css = footer.removeprefix("<style>").removesuffix("</style>")
    assert "<" not in css and '"b' not in css and "\\c<" not in css
    assert css.count('"') == 2  # the string's own quotes
    assert "\\22 b" in css and "\\3c /style" in css


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_DATE": "2024-03-12T10:00:00", "GIT_COMMITTER_DATE": "2024-03-12T10:00:00"}
    subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, env={**env, "HOME": str(root), "PATH": "/usr/bin:/bin"}
    )


def test_history_dates_each_file_by_its_last_commit(tmp_path: Path) -> None:
    (tmp_path / "data" / "regions").mkdir(parents=True)
    (tmp_path / "data" / "regions" / "a.yml").write_text("a: 1\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "data")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data")
    found = history.read(tmp_path, today=dt.date(2026, 12, 1))
    assert found.date_of("data/regions/a.yml") == "2024-03-12"
    assert found.version.startswith("2024-03-12 · ") and not found.local
    assert found.date_of("data/regions/unknown.yml") == "2026-12-01"
    (tmp_path / "data" / "regions" / "a.yml").write_text("a: 2\n")  # edited, not committed: today
    edited = history.read(tmp_path, today=dt.date(2026, 12, 1))
    assert edited.date_of("data/regions/a.yml") == "2026-12-01" and edited.local


def test_without_git_everything_is_dated_today(tmp_path: Path) -> None:
    found = history.read(tmp_path, today=dt.date(2026, 12, 1))
    assert found == history.History("2026-12-01")
