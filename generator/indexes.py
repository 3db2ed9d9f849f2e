"""Lookups over one dataset, computed once per build and shared by every page.

Which regions report a metric, a metric's facts ranked, which records cite an article or belong
to a cluster, which comparison groups get a page. Pages are rendered in any order (and half of them
in a forked copy, `parallel.py`), so nothing here may change after it is built: plain dicts, no
defaultdict that grows on lookup.
"""

from __future__ import annotations

from collections import defaultdict

from generator import models as m
from generator.load import Dataset
from generator.text import period_start

Pair = tuple[m.Region, m.Fact]
Cited = m.Fact | m.Target | m.Event | m.RegionCluster


class Index:
    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        by_metric: dict[str, list[Pair]] = defaultdict(list)
        by_article: dict[str, list[tuple[m.Region, Cited]]] = defaultdict(list)
        by_cluster: dict[str, list[tuple[m.Region, Cited]]] = defaultdict(list)
        own: dict[tuple[str, str], list[Pair]] = defaultdict(list)
        for region in ds.regions.values():
            for fact in region.facts:
                if fact.subject is None:  # a firm's or a programme's figure is never compared
                    by_metric[fact.metric].append((region, fact))
                    own[(region.id, fact.metric)].append((region, fact))
            records: list[Cited] = [*region.facts, *region.targets, *region.events, *region.clusters]
            for record in records:
                by_article[record.source].append((region, record))
                if record.cluster:
                    by_cluster[record.cluster].append((region, record))
        self.facts_by_metric = dict(by_metric)
        self.by_article = dict(by_article)
        self.by_cluster = dict(by_cluster)
        # a region's own facts of a metric: its bars in a chart; a bar names its period when there are several
        self.own_facts = dict(own)
        # regions per metric, counted once: per-page recounting made the build quadratic
        self.region_count = {mid: len({r.id for r, _ in pairs}) for mid, pairs in self.facts_by_metric.items()}
        # each metric's facts by size, sorted once (sorting per region page was quadratic)
        self.ranked = {mid: sorted(pairs, key=lambda pair: -pair[1].normalized) for mid, pairs in self.facts_by_metric.items()}
        events = [(r, e) for r in ds.regions.values() for e in r.events]
        self.events = sorted(events, key=lambda pair: (period_start(pair[1].date), pair[0].id), reverse=True)
        # comparison groups that get a page: those with at least one metric that has region-level facts
        self.groups = {
            g.id: [mt for mt in ds.metrics.values() if mt.group == g.id and mt.id in self.facts_by_metric] for g in ds.groups.values()
        }
        self.groups = {gid: metrics for gid, metrics in self.groups.items() if metrics}

    def facts_of(self, metric_id: str) -> list[Pair]:
        """(region, fact) pairs of a metric, in data order; [] for a metric nobody reports."""
        return self.facts_by_metric.get(metric_id, [])

    def top(self, metric_id: str, focus: m.Region | None, limit: int) -> list[Pair]:
        """The `limit` largest facts of a metric, then the focus region's own further down."""
        pairs = self.facts_of(metric_id)
        if len(pairs) <= limit:
            return pairs
        kept = self.ranked[metric_id][:limit]
        if focus is None:
            return kept
        mine = [pair for pair in self.own_facts.get((focus.id, metric_id), []) if pair not in kept]
        return kept + sorted(mine, key=lambda pair: -pair[1].normalized)

    def shared_metrics(self, region: m.Region) -> list[m.Metric]:
        """This region's metrics with at least two region-level facts (here or elsewhere): those
        make a chart; the ones shared with most regions come first."""
        mine = {f.metric for f in region.facts if f.subject is None}
        chartable = [mid for mid in mine if len(self.facts_of(mid)) > 1]
        chartable.sort(key=lambda mid: (-self.region_count[mid], mid))
        return [self.ds.metrics[mid] for mid in chartable]

    def most_compared(self, count: int) -> list[m.Metric]:
        """The metrics reported by most regions (then by most facts): the home page's charts."""
        ranked = sorted(self.facts_by_metric.items(), key=lambda item: (-self.region_count[item[0]], -len(item[1]), item[0]))
        return [self.ds.metrics[mid] for mid, pairs in ranked[:count] if len(pairs) > 1]

    def citing_region(self, article_id: str) -> m.Region | None:
        """The region that cites an article most (the navigation files the article under it)."""
        counts: dict[str, int] = {}
        for region, _record in self.by_article.get(article_id, []):
            counts[region.id] = counts.get(region.id, 0) + 1
        return self.ds.regions.get(max(counts, key=lambda r: counts[r])) if counts else None
