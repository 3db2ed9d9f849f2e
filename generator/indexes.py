"""Lookups over one dataset, computed once per build and shared by every page.

Which regions report a metric, a metric's facts ranked, which records cite an article or belong
to a cluster, which comparison groups get a page. Pages are rendered in any order (and half of them
in a forked copy, `parallel.py`), so nothing here may change after it is built: plain dicts, no
defaultdict that grows on lookup.
"""

from __future__ import annotations

from collections import defaultdict

from generator import measures
from generator import models as m
from generator.comparisons import Comparison, comparisons
from generator.load import Dataset
from generator.text import period_start

Pair = tuple[m.Region, m.Fact]
Cited = m.Fact | m.Target | m.Event | m.RegionCluster


class Index:
    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        by_metric: dict[str, list[Pair]] = defaultdict(list)
        # article id → (region, record, printing: 0 its own quote, 1 … its reports) quoted from it
        by_article: dict[str, list[tuple[m.Region, Cited, int]]] = defaultdict(list)
        by_cluster: dict[str, list[tuple[m.Region, Cited]]] = defaultdict(list)
        for region in ds.regions.values():
            for fact in region.facts:
                if fact.subject is None:  # a firm's or a programme's figure is never compared
                    by_metric[fact.metric].append((region, fact))
            records: list[Cited] = [*region.facts, *region.targets, *region.events, *region.clusters]
            for record in records:
                for index, printing in enumerate(record.printings() if isinstance(record, m.Reported) else [record]):
                    by_article[printing.source].append((region, record, index))
                if record.cluster:
                    by_cluster[record.cluster].append((region, record))
        self.facts_by_metric = dict(by_metric)
        self.by_article = dict(by_article)
        self.by_cluster = dict(by_cluster)
        # the comparisons (comparisons.py), with each region's and each metric's, found once
        self.comparisons = comparisons(ds)
        self.compared_in: dict[str, list[Comparison]] = {}  # region id → the comparisons it has a figure in
        self.of_metric: dict[str, list[Comparison]] = {}  # metric id → the comparisons that show it
        self.entry: dict[int, Comparison] = {}  # id(fact) → the comparison the fact is its region's figure in
        for comparison in self.comparisons.values():
            for region, fact in comparison.entries:
                self.compared_in.setdefault(region.id, []).append(comparison)
                self.entry[id(fact)] = comparison
            for mid in comparison.measure.metrics:
                self.of_metric.setdefault(mid, []).append(comparison)
        events = [(r, e) for r in ds.regions.values() for e in r.events]
        self.events = sorted(events, key=lambda pair: (period_start(pair[1].date), pair[0].id), reverse=True)
        # comparison groups that get a page: those with at least one metric that has region-level facts
        self.groups = {
            g.id: [mt for mt in ds.metrics.values() if mt.group == g.id and mt.id in self.facts_by_metric] for g in ds.groups.values()
        }
        self.groups = {gid: metrics for gid, metrics in self.groups.items() if metrics}
        self.look_alikes = measures.look_alikes(ds)  # metric id → its look-alikes (measures.py)

    def reported_look_alikes(self, metric_id: str) -> list[measures.LookAlike]:
        """A metric's look-alikes that some region reports: the ones a reader could meet."""
        return [x for x in self.look_alikes.get(metric_id, []) if x.other.id in self.facts_by_metric]

    def facts_of(self, metric_id: str) -> list[Pair]:
        """(region, fact) pairs of a metric, in data order; [] for a metric nobody reports."""
        return self.facts_by_metric.get(metric_id, [])

    def drawn(self, region: m.Region | None = None) -> list[Comparison]:
        """The comparisons that get a chart (the region's, or all), most regions first."""
        pool = self.compared_in.get(region.id, []) if region is not None else list(self.comparisons.values())
        return sorted((c for c in pool if c.drawn), key=lambda c: -c.regions)  # stable: first seen first

    def citing_region(self, article_id: str) -> m.Region | None:
        """The region that cites an article most (the navigation files the article under it)."""
        counts: dict[str, int] = {}
        for region, _record, _printing in self.by_article.get(article_id, []):
            counts[region.id] = counts.get(region.id, 0) + 1
        return self.ds.regions.get(max(counts, key=lambda r: counts[r])) if counts else None
