"""References between records: every id a record names exists, and agrees with what it names
(a fact's unit is its metric's, a target's baseline measures the same metric, a province is
spelt as in the registry); the province registry itself names each province once, each on a
square of its own of the tile map."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator import models as m
from generator.checks.measures import fitting
from generator.checks.registry import QUANTITIES, QUOTED, check, choices, unknown
from generator.load import Dataset
from generator.problems import Problem


@check(scope="record", kinds=("metrics",))
def metric_references(dataset: Dataset, _region: None, metric: m.Metric) -> Iterator[Problem]:
    yield from unknown(dataset, metric, ("unit",), "unit", metric.unit, dataset.units)
    yield from unknown(dataset, metric, ("group",), "group", metric.group, dataset.groups)
    for index, other in enumerate(metric.comparable_with):
        yield from unknown(dataset, metric, ("comparable_with", index), "metric", other, dataset.metrics)
    for index, entry in enumerate(metric.not_comparable_with):
        yield from unknown(dataset, metric, ("not_comparable_with", index, "metric"), "metric", entry.metric, dataset.metrics)
        # both lists are symmetric (data/README.md), so a contradiction may be split over the two metrics
        counterpart = dataset.metrics.get(entry.metric)
        if entry.metric in metric.comparable_with or (counterpart is not None and metric.id in counterpart.comparable_with):
            yield dataset.problem(
                metric,
                ("not_comparable_with", index),
                f"'{metric.id}' and '{entry.metric}' are listed as both comparable and not comparable",
                "comparable_with and not_comparable_with apply both ways; keep one",
                "reference",
            )


@check(scope="record", kinds=QUOTED)
def source_references(dataset: Dataset, _region: m.Region, record: m.Quoted) -> Iterator[Problem]:
    for printing in record.printings() if isinstance(record, m.Reported) else [record]:
        yield from unknown(dataset, printing, ("source",), "source article", printing.source, dataset.articles, "data/sources/articles.yml")
    if isinstance(record, m.Reported):
        yield from _repeated_reports(dataset, record)


def _repeated_reports(dataset: Dataset, record: m.Reported) -> Iterator[Problem]:
    """A report that repeats a printing already given (same article, same quote) counts one
    article twice: "reported by 2 articles" would be false."""
    seen = {(record.source, "".join(record.quote.split()))}
    for report in record.reports:
        key = (report.source, "".join(report.quote.split()))
        if key in seen:
            yield dataset.problem(report, ("quote",), "this report repeats a printing already given", "remove it", "duplicate")
        seen.add(key)


@check(scope="record", kinds=QUANTITIES)
def quantity_references(dataset: Dataset, region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    metric = dataset.metrics.get(q.metric)
    if metric is None:
        yield dataset.problem(q, ("metric",), f"unknown metric '{q.metric}'", unknown_metric_hint(dataset, q), "reference")
    # an unknown unit is one problem, not also a mismatch with the metric's unit
    if q.unit not in dataset.units:
        yield from unknown(dataset, q, ("unit",), "unit", q.unit, dataset.units, "data/metrics.yml")
    elif metric is not None and q.unit != metric.unit:
        yield dataset.problem(
            q,
            ("unit",),
            f"unit '{q.unit}' does not match metric '{q.metric}', whose unit is '{metric.unit}'",
            "use the metric's unit, or a metric that measures in this unit",
            "reference",
        )


def unknown_metric_hint(dataset: Dataset, q: m.Quantity) -> str:
    """The metrics the quote's words fit first (measures.fitting); a metric spelt like the typo
    only when the quote does not contradict it: a look-alike is never offered as the same measure."""
    fits = [x.id for x in fitting(dataset, q)]
    guess = difflib.get_close_matches(q.metric, list(dataset.metrics), n=1)
    parts = [f"metrics of unit '{q.unit}' the quote fits: {', '.join(fits[:3])}"] if fits else []
    question = ""
    if guess and (guess[0] in fits or dataset.metrics[guess[0]].unit != q.unit):
        question = f"did you mean '{guess[0]}'? "
    elif guess:
        parts.append(f"'{guess[0]}' is spelt alike, but the quote says it measures something else")
    return question + "; ".join([*parts, "or add one with `python -m generator new-metric`"])


@check(scope="record", kinds=("facts", "targets", "events"))
def scope_references(dataset: Dataset, region: m.Region, record: m.Quantity | m.Event) -> Iterator[Problem]:
    if record.scope is not None:
        yield from unknown(dataset, record, ("scope",), "scope", record.scope, {s.id for s in region.profile.scopes}, "profile.scopes")


@check(scope="record", kinds=QUANTITIES)
def per_cluster_facts(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    """A metric that measures one industry at a time (`per_cluster`) is compared only within a
    cluster, so each of its facts must say which."""
    metric = dataset.metrics.get(q.metric)
    if metric is not None and metric.per_cluster and q.cluster is None:
        message = f"metric '{q.metric}' measures one industry at a time, but this figure names no cluster"
        yield dataset.problem(q, ("metric",), message, "add `cluster:` with the industry (data/clusters.yml)", "reference")


@check(scope="region")
def target_baselines(dataset: Dataset, region: m.Region) -> Iterator[Problem]:
    """A target's baseline is a fact of its region that measures the same metric."""
    facts: dict[str, m.Fact] = {}
    for fact in region.facts:  # the first of a duplicated id, as everywhere else (it was the last)
        facts.setdefault(fact.id, fact)
    for target in region.targets:
        base = facts.get(target.baseline or "")
        if target.baseline and base is None:
            message = f"baseline '{target.baseline}' is not a fact of this region"
            yield dataset.problem(target, ("baseline",), message, choices(facts, target.baseline), "reference")
        elif base is not None and base.metric != target.metric:
            message = f"baseline '{base.id}' measures '{base.metric}', the target '{target.metric}'"
            yield dataset.problem(target, ("baseline",), message, "a baseline must share the target's metric", "reference")


@check(scope="record", kinds=("facts", "targets", "events", "clusters"))
def cluster_references(dataset: Dataset, _region: m.Region, record: m.Fact | m.Target | m.Event | m.RegionCluster) -> Iterator[Problem]:
    if record.cluster is not None:
        yield from unknown(dataset, record, ("cluster",), "cluster", record.cluster, dataset.clusters, "data/clusters.yml")


@check()
def province_registry(dataset: Dataset) -> Iterator[Problem]:
    """Each province is listed once in data/provinces.yml."""
    first: dict[str, m.Bilingual] = {}
    for area in dataset.areas.values():
        for index, province in enumerate(area.provinces):
            if province.zh in first:
                line = dataset.where(first[province.zh], "zh")[1]
                message = f"province '{province.zh}' is listed more than once (first at line {line})"
                yield dataset.problem(area, ("provinces", index, "zh"), message, "keep one entry per province", "duplicate")
            first.setdefault(province.zh, province)


@check()
def province_tiles(dataset: Dataset) -> Iterator[Problem]:
    """No two provinces share a square of the tile map: the home page would draw one over the other."""
    listed = [(area, index, province) for area in dataset.areas.values() for index, province in enumerate(area.provinces)]
    taken = {province.tile for _, _, province in listed}
    first: dict[tuple[int, int], m.Province] = {}
    for area, index, province in listed:
        other = first.setdefault(province.tile, province)
        if other is province or other.zh == province.zh:
            continue  # a province listed twice is province_registry's to report
        line = dataset.where(other, "tile")[1]
        message = f"province '{province.zh}' is on the tile {list(province.tile)} of '{other.zh}' (line {line})"
        yield dataset.problem(area, ("provinces", index, "tile"), message, _free_tiles(province.tile, taken), "duplicate")


def _free_tiles(tile: tuple[int, int], taken: set[tuple[int, int]]) -> str:
    """The hint: the free squares beside a taken one."""
    row, col = tile
    around = [(row + dr, col + dc) for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1))]
    free = [f"[{r}, {c}]" for r, c in around if (r, c) not in taken and min(r, c) >= 1 and max(r, c) <= m.MAX_TILE]
    return "give each province a square of its own" + (f"; free beside it: {', '.join(free[:3])}" if free else "")


@check(scope="region")
def province_names(dataset: Dataset, region: m.Region) -> Iterator[Problem]:
    """Every region's province is in data/provinces.yml, spelt as there: the site groups regions
    by it, and "北京" beside "北京市" would make two provinces."""
    known = dataset.provinces
    if not known:
        return  # data/provinces.yml is missing or unreadable: already reported
    given = region.profile.province
    if given is None:
        return  # not stated: allowed, shown so (data/README.md)
    entry = known.get(given.zh)
    if entry is None:
        hint = choices(known, given.zh) + " (the names in data/provinces.yml)"
        yield dataset.problem(region.profile, ("province", "zh"), f"unknown province '{given.zh}'", hint, "reference")
    elif entry[1].en != given.en:
        message = f"province '{given.zh}' is '{entry[1].en}' in English in data/provinces.yml, not '{given.en}'"
        yield dataset.problem(region.profile, ("province", "en"), message, f"write en: {entry[1].en}", "reference")
