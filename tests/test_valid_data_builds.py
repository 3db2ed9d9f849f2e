"""Any data that passes `check` builds with `mkdocs build --strict`, both editions.

A contributor's region may have facts but no events, only events, only targets, or nothing yet but
its profile: each is valid, and each once broke or could break a page that assumed the others (the
timeline linked every region to an `#events` section that a region without events does not have).
One project holds the four next to the minimal fixture's full region: every page that lists or
links regions meets each kind, in one build per edition.

And the tests' build helper itself: a strict build must fail on any warning. `mkdocs build
--strict -q` did not: `-q` raises MkDocs' log level above WARNING, so the warnings strict mode
counts were never emitted and every such build exited 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, mkdocs_build, site_project

from generator.pipeline import validate
from generator.problems import errors

pytestmark = pytest.mark.slow

PROFILE = """profile:
  name: {{zh: {zh}区, en: {en} Zone}}
  short_name: {{zh: {zh}, en: {en}}}
  aliases: [{zh}]
  level: district
  province: {{zh: 北京市, en: Beijing}}
  coordinates: [39.9, 116.4]
  summary: {{zh: 只有{what}的地区。, en: A region with {what_en}.}}
"""

FACT = """
facts:
  - id: high-tech-firms
    metric: high_tech_enterprises
    value: 2100
    unit: firms
    qualifier: 突破
    period: "2024-02"
    source: first-article
    quote: 亦庄的国家级高新技术企业突破2100家
"""

EVENT = """
events:
  - id: eleven-satellites
    date: "2024-02-03"
    inferred: true
    type: launch
    title: {zh: 一箭十一星, en: Eleven satellites on one rocket}
    source: first-article
    quote: 2月3日,长二丙火箭一箭十一星
"""

TARGET = """
targets:
  - id: output-2025
    metric: industrial_output
    value: 3000
    scale: 亿
    unit: yuan
    qualifier: 突破
    deadline: "2025"
    status: planned
    title: {zh: 工业总产值突破3000亿元, en: Gross industrial output over 300 billion yuan}
    source: first-article
    quote: 到2025年,工业总产值突破3000亿元
"""

REGIONS = {  # id → (Chinese name, English name, what it has, its records)
    "only-facts": ("甲", "Jia", "事实", "facts only", FACT),
    "only-events": ("乙", "Yi", "事件", "events only", EVENT),
    "only-targets": ("丙", "Bing", "目标", "targets only", TARGET),
    "only-profile": ("丁", "Ding", "简介", "nothing but a profile", ""),
    "no-province": ("戊", "Wu", "事实而未说明省份", "facts and no stated province", FACT),
}
# A profile may leave out the province and coordinates (issue 22: none is invented): this one does.
UNPLACED = "no-province"


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with the four sparse regions beside its full one."""
    root = site_project(tmp_path_factory.mktemp("sparse") / "project", MINIMAL / "data")
    for region_id, (zh, en, what, what_en, records) in REGIONS.items():
        text = PROFILE.format(zh=zh, en=en, what=what, what_en=what_en) + records
        if region_id == UNPLACED:
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(("  province:", "  coordinates:")))
        (root / "data" / "regions" / f"{region_id}.yml").write_text(text, encoding="utf-8")
    return root


def test_sparse_regions_pass_check(sparse: Path) -> None:
    dataset, problems = validate(sparse)
    assert errors(problems) == [], [p.format() for p in problems]
    assert set(REGIONS) <= set(dataset.regions)


def test_sparse_regions_build_strictly_in_both_editions(sparse: Path, tmp_path: Path) -> None:
    result = mkdocs_build(sparse, tmp_path / "site", SITE_URL="http://127.0.0.1:8000/")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    for folder in ("", "en"):
        for region_id in REGIONS:
            assert (tmp_path / "site" / folder / "regions" / region_id / "index.html").is_file(), (folder, region_id)
    _unplaced_region_is_shown_not_stated(tmp_path / "site")


def _unplaced_region_is_shown_not_stated(site: Path) -> None:
    """The region without province or coordinates: "not stated" on its profile (both cells), listed
    apart under the tile map with its count, on the home and regions pages of each edition."""
    editions = (("", "未说明", "另有1个地区未注明所属省份"), ("en", "not stated", "1 region without a stated province"))
    for folder, not_stated, apart in editions:
        profile = (site / folder / "regions" / UNPLACED / "index.html").read_text(encoding="utf-8")
        assert profile.count(f"<td>{not_stated}</td>") == 2, folder
        for page in ("index.html", "regions/index.html"):
            html = (site / folder / page).read_text(encoding="utf-8")
            link = f'href="{"" if "/" in page else "regions/"}{UNPLACED}/"'  # the line names and links it
            assert apart in html and link in html, (folder, page)


def test_a_warning_fails_the_tests_build_helper(tmp_path: Path) -> None:
    """A page with a link to a page that does not exist is a warning, and a strict build's failure."""
    root = site_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "minimal" / "data")
    (root / "docs" / "broken-link.md").write_text("# Broken\n\n[nowhere](no-such-page.md)\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site", editions=("zh",), SITE_URL="http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr and "WARNING" in result.stderr
