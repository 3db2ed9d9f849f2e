"""Comparisons a reader can trust: every chart the site draws sets side by side only one measure,
for at least two different regions, one figure each, no subject's figure, the scope in the label —
checked on the real data and on the benchmark's synthetic regions, from the pages themselves."""

from __future__ import annotations

import html
import json
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import models as m
from generator import site
from generator import text as tx
from generator.comparisons import AMOUNTS, comparable_sets, comparisons
from generator.load import Dataset
from generator.pipeline import validate
from generator.problems import errors

ROOT = Path(__file__).resolve().parents[1]
CHART = re.compile(r"data-chart='([^']*)'")


def charts_in(page_path: str, text: str) -> list[dict[str, Any]]:
    return [json.loads(html.unescape(raw)) for raw in CHART.findall(text)]


def bars_facts(dataset: Dataset, page_path: str, chart: dict[str, Any]) -> list[tuple[str, m.Region, m.Fact]]:
    """(label, region, fact) of each bar, from the bar's link to the fact's row."""
    fields = chart["data"]["fields"]
    out = []
    for row in chart["data"]["rows"]:
        bar = dict(zip(fields, row, strict=True))
        folder = "/" + posixpath.dirname(page_path.removesuffix("index.md").removesuffix(".md") + "/")
        target, _, anchor = posixpath.normpath(posixpath.join(folder, bar["href"])).partition("#")
        region = dataset.regions[target.rstrip("/").split("/")[-1]]
        fact = next(f for f in region.facts if f"fact-{f.id}" == anchor or f"fact-{f.id}" == bar["href"].partition("#")[2])
        out.append((bar["region"], region, fact))
    return out


def assert_fair(dataset: Dataset, pages: dict[str, str]) -> tuple[int, int]:
    """Every bar chart on every page keeps the comparison rules; returns how many there are, and
    how many set amounts of places of different kinds side by side: each bar names its kind, and a
    line above the chart says why."""
    sets = comparable_sets(dataset)
    drawn = kinds = 0
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for chart in charts_in(path, text):
            if chart["kind"] != "bars":
                continue
            drawn += 1
            bars = bars_facts(dataset, path, chart)
            where = f"{path}: chart {chart['title']!r}"
            regions = [region.id for _, region, _ in bars]
            assert len(set(regions)) >= 2, f"{where}: fewer than two regions {regions}"
            assert len(set(regions)) == len(regions), f"{where}: a region twice {regions}"
            metrics = {sets[fact.metric] for _, _, fact in bars}
            assert len(metrics) == 1, f"{where}: more than one measure {metrics}"
            metric = dataset.metrics[next(iter(metrics))[0]]
            assert metric.comparison != "magnitude", f"{where}: an order-of-magnitude metric drawn as bars"
            if any(dataset.metrics[mid].per_cluster for mid in next(iter(metrics))):
                clusters = {fact.cluster for _, _, fact in bars}
                assert len(clusters) == 1, f"{where}: industries mixed {clusters}"
            levels = {region.profile.level for _, region, _ in bars}
            if metric.measures.kind in AMOUNTS and len(levels) > 1:  # amounts of places of different kinds
                kinds += 1
                at = text.find(f'<figcaption class="zr-chart-title">{html.escape(chart["title"])}</figcaption>')
                assert "这些地区类型不同" in text[max(0, at - 400) : at], f"{where}: no line on the kinds above it"
                for label, region, _ in bars:
                    assert tx.Lang("zh").t(f"level_{region.profile.level}") in label, f"{where}: {label!r} does not name its kind"
            for label, region, fact in bars:
                assert fact.subject is None, f"{where}: {fact.id} is about {fact.subject.zh}, not {region.id}"
                assert fact.value_max is None, f"{where}: a range drawn as its lower bound"
                scopes = {s.id: s for s in region.profile.scopes}
                if fact.scope:
                    assert scopes[fact.scope].name.zh in label, f"{where}: {fact.id}'s scope is not in its label {label!r}"
    return drawn, kinds


def test_every_chart_of_the_real_site_is_a_fair_comparison() -> None:
    dataset, problems = validate(ROOT)
    assert errors(problems) == []
    assert_fair(dataset, site.build_pages(dataset, parallel=False))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    root = tmp_path_factory.mktemp("synthetic")
    bench_build.make_project(root, regions=30, facts_per_region=20)
    dataset, problems = validate(root)
    assert errors(problems) == [], [p.format() for p in problems[:5]]
    return dataset


def test_every_chart_of_a_large_site_is_a_fair_comparison(synthetic: Dataset) -> None:
    pages = site.build_pages(synthetic, parallel=False)
    drawn, kinds = assert_fair(synthetic, pages)
    assert drawn > 30, "the synthetic regions share metrics: their charts must be tested"
    assert kinds > 0, "no amount of places of different kinds was drawn: the rule is not tested"


def test_one_figure_per_region_its_latest_and_the_whole_region_s(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    bench_build.make_project(tmp_path, regions=6, facts_per_region=20)
    dataset, _ = validate(tmp_path)
    for comparison in comparisons(dataset).values():
        for region, fact in comparison.entries:
            same = [f for f in region.facts if f.metric in comparison.measure.metrics and f.subject is None]
            assert fact.period == max((f.period for f in same), key=lambda p: p[-4:] if "/" not in p else p), (region.id, fact.id)


def test_a_subject_a_range_and_a_lone_region_make_no_chart(synthetic: Dataset) -> None:
    region = next(iter(synthetic.regions.values()))
    facts = [f for f in region.facts if f.metric == region.facts[0].metric]  # all its figures of one metric
    before = sum(c.regions for c in comparisons(synthetic).values())
    for fact in facts:
        fact.subject = m.Bilingual(zh="某企业", en="A firm")  # a firm's figure is not the region's
    assert sum(c.regions for c in comparisons(synthetic).values()) == before - 1
    for fact in facts:
        fact.subject, fact.value_max = None, fact.value * 2  # a range has no one value to draw
    assert sum(c.regions for c in comparisons(synthetic).values()) == before - 1
    for fact in facts:
        fact.value_max = None


def test_a_magnitude_metric_is_listed_not_drawn(synthetic: Dataset) -> None:
    compared = [c for c in comparisons(synthetic).values() if c.regions >= 2]
    metric = compared[0].metric
    metric.comparison = "magnitude"
    try:
        pages = site.build_pages(synthetic, parallel=False)
        for path, text in pages.items():
            for chart in charts_in(path, text):
                if chart["kind"] == "bars":
                    assert chart["title"] != metric.label.zh, path
        group_page = pages[f"compare/{metric.group.replace('_', '-')}.md"]
        assert "只宜比较数量级" in group_page
    finally:
        metric.comparison = "value"
