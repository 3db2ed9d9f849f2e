"""Which figures may be set side by side: the comparison rules, in one place.

A comparison is one *measure* — a metric and the metrics declared comparable with it
(`comparable_with`), and for a metric that measures one industry at a time (`per_cluster`) one
industry — with **one figure per region**: its latest (the whole region's when a scoped figure has
the same date), the scope shown with it. Left out, because they are not the region's own figure of
that measure: figures about a subject (a firm, a project, a city-level programme), and ranges
(1500至2000家 has no single value to draw). A comparison with fewer than two regions is no
comparison: nothing is drawn for it. A metric whose definition allows comparing only the order of
magnitude (`comparison: magnitude`) is listed, never drawn as linear bars.

Places of different kinds (a national zone, a prefecture-level city, a district) report the same
measures; an amount (a total, a stock, an increase) grows with the size of the place, a share, a
growth rate, a per-population figure, a multiple or a rank does not. So an amount is drawn across
kinds only with each region's kind in its label and one line above the chart saying so
(`Comparison.kinds`); the other kinds of number are drawn across kinds as they are.

Charts (home, region and comparison pages), ranks ("2nd of 5") and the side-by-side grid all come
from here; tests check every chart the site draws against these rules (tests/test_comparisons.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator import models as m
from generator.load import Dataset
from generator.text import period_end

Entry = tuple[m.Region, m.Fact]
# numbers that grow with the size of a place (the rest are ratios of one kind or another)
AMOUNTS = ("level", "stock", "increase", "cap")


@dataclass(frozen=True)
class Measure:
    metrics: tuple[str, ...]  # the metric ids of one comparable set, in registry order
    cluster: str | None  # the industry, for a per-cluster metric


@dataclass
class Comparison:
    measure: Measure
    metric: m.Metric  # the set's first metric: its label, unit and display scale
    entries: list[Entry]  # one per region, largest first

    @property
    def regions(self) -> int:
        return len(self.entries)

    @property
    def magnitude(self) -> bool:
        """Only the order of magnitude may be compared: list the figures, draw no bars."""
        return self.metric.comparison == "magnitude"

    @functools.cached_property
    def kinds(self) -> list[str]:
        """The kinds of place (profile.level) of an amount's regions when they are not all one
        kind: each bar then names its kind and the chart says why. [] otherwise. Once per
        comparison: every region page asks it of each of its measures."""
        if self.metric.measures.kind not in AMOUNTS:
            return []
        levels: list[str] = list(dict.fromkeys(region.profile.level for region, _ in self.entries))
        return levels if len(levels) > 1 else []

    @property
    def drawn(self) -> bool:
        return self.regions >= 2 and not self.magnitude

    @functools.cached_property
    def _places(self) -> dict[str, int]:
        """Each region's place, largest first: looked up, not searched, on every region page
        (a scan of every entry made the region pages quadratic in the number of regions)."""
        return {region.id: place for place, (region, _fact) in enumerate(self.entries, start=1)}

    def place(self, region: m.Region) -> int | None:
        """The region's place in `entries` (1 = largest), None when it reports none."""
        return self._places.get(region.id)

    def rank(self, region: m.Region) -> tuple[int, int] | None:
        """(place, of how many) of the region's figure, largest first; None when not comparable."""
        if self.regions < 2 or self.magnitude:
            return None
        place = self.place(region)
        return (place, self.regions) if place is not None else None


def comparable_sets(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """metric id → the ids of every metric it may share a chart with (itself included), following
    `comparable_with` both ways and transitively, in registry order."""
    links: dict[str, set[str]] = {mid: {mid} for mid in ds.metrics}
    for metric in ds.metrics.values():
        for other in metric.comparable_with:
            if other in links:
                links[metric.id].add(other)
                links[other].add(metric.id)
    order = {mid: i for i, mid in enumerate(ds.metrics)}
    out: dict[str, tuple[str, ...]] = {}
    for mid in ds.metrics:
        seen, todo = set(), [mid]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(links[current] - seen)
        out[mid] = tuple(sorted(seen, key=order.__getitem__))
    return out


def measure_of(ds: Dataset, sets: dict[str, tuple[str, ...]], fact: m.Fact) -> Measure | None:
    """The measure a fact counts in, or None when it is not a region's own single figure."""
    if fact.subject is not None or fact.value_max is not None or fact.metric not in sets:
        return None
    metrics = sets[fact.metric]
    per_cluster = any(ds.metrics[mid].per_cluster for mid in metrics)
    return Measure(metrics, fact.cluster if per_cluster else None)


def comparisons(ds: Dataset) -> dict[Measure, Comparison]:
    """Every measure some region reports, with each region's one figure; a dict in the order the
    measures first appear (regions in data order, facts in file order)."""
    sets = comparable_sets(ds)
    chosen: dict[Measure, dict[str, Entry]] = {}
    for region in ds.regions.values():
        for fact in region.facts:
            measure = measure_of(ds, sets, fact)
            if measure is None:
                continue
            mine = chosen.setdefault(measure, {})
            current = mine.get(region.id)
            if current is None or later(fact, current[1]):
                mine[region.id] = (region, fact)
    out: dict[Measure, Comparison] = {}
    for measure, entries in chosen.items():
        ranked = sorted(entries.values(), key=lambda entry: -entry[1].normalized)  # stable: data order for ties
        out[measure] = Comparison(measure, ds.metrics[measure.metrics[0]], ranked)
    return out


def later(fact: m.Fact, than: m.Fact) -> bool:
    """The figure a region shows: the latest; at the same date, the whole region's over a part's."""
    a, b = period_end(fact.period), period_end(than.period)
    return a > b or (a == b and fact.scope is None and than.scope is not None)
