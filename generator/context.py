"""Dataset → page contexts: plain dicts of display-ready, escaped strings (pure functions).

Nothing here knows about MkDocs or Jinja. Each `*_page` method returns the context of one page;
`render.py` lays it out. Links are Markdown links between `.md` paths (relative to the page), so
MkDocs checks every one of them at build time; chart links are directory URLs (Vega needs real
URLs). Every number carries its provenance: a link to its quote on the source page, with the
quote as the link's tooltip.
"""

from __future__ import annotations

import functools
import posixpath
import urllib.parse
from collections import defaultdict
from typing import Any

from generator import charts
from generator import display as d
from generator import models as m
from generator.checks import number_forms
from generator.load import Dataset

ROLE_RANK = {"leading": 1, "emerging": 2, "future": 3}
BAR_LIMIT = 20  # bars per chart: more are unreadable, and would make every page grow with the site
REGION_BAR_LIMIT = 5  # on a region page: the leaders and the region itself; the rest is one click away
HEADLINE_GROUPS = ["economy", "industry_structure", "enterprises", "innovation"]

# Page paths: one place, so URLs stay stable (facts are cited by URL).
HOME = "index.md"
REGIONS = "regions/index.md"
CLUSTERS = "clusters/index.md"
TIMELINE = "timeline/index.md"
COMPARE = "compare/index.md"
SOURCES = "sources/index.md"
DOWNLOADS = "downloads/index.md"
METHODOLOGY = "methodology.md"


def region_path(region_id: str) -> str:
    return f"regions/{region_id}.md"


def cluster_path(cluster_id: str) -> str:
    return f"clusters/{cluster_id.replace('_', '-')}.md"


def group_path(group_id: str) -> str:
    return f"compare/{group_id.replace('_', '-')}.md"


def source_path(article_id: str) -> str:
    return f"sources/{article_id}.md"


def fact_anchor(record: m.Quantity | m.Event) -> str:
    prefix = "event" if isinstance(record, m.Event) else "target" if isinstance(record, m.Target) else "fact"
    return f"{prefix}-{record.id}"


# Between a region's id and a record's in an anchor: ids are kebab-case, so "--" never occurs
# inside one, and two different (region, record) pairs can never make the same anchor. With a
# single "-", region `yizhuang-distance` + fact `from-tiananmen` and region `yizhuang` + fact
# `distance-from-tiananmen` both made `q-yizhuang-distance-from-tiananmen`.
JOIN = "--"


def quote_anchor(region_id: str, record_id: str) -> str:
    return f"q-{region_id}{JOIN}{record_id}"


@functools.lru_cache(maxsize=65536)
def link(page: str, target: str, anchor: str = "") -> str:
    """Relative Markdown link target from one .md page to another (cached: see `_relative`)."""
    path = _relative(posixpath.dirname(page) or ".", target)
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=65536)
def _relative(folder: str, target: str) -> str:
    # cached: a large site asks for the same few (folder, page) pairs tens of thousands of times
    return posixpath.relpath(target, folder)


def url(page: str, target: str, anchor: str = "") -> str:
    """Relative directory URL (use_directory_urls) from one page to another, for charts."""

    def directory(md_path: str) -> str:
        stem = md_path.removesuffix(".md").removesuffix("index")
        return "/" + (stem if stem.endswith("/") or not stem else stem + "/")

    rel = _relative(directory(page), directory(target))
    rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


@functools.lru_cache(maxsize=65536)
def _tooltip(quote: str, needle: str) -> str:
    """The quote around the number, for a link's title (cached: a fact is cited on several pages)."""
    return d.attr(f"“{d.excerpt(quote, needle)}”")


class Context:
    """Indexes over the dataset, built once, and one method per page kind."""

    def __init__(self, dataset: Dataset, lang: d.Lang | None = None, issues_url: str = "") -> None:
        self.ds = dataset
        self.lang = lang or d.Lang("zh")
        self.issues_url = issues_url  # e.g. https://github.com/OWNER/REPO/issues/new; "" = no report links
        self.facts_by_metric: dict[str, list[tuple[m.Region, m.Fact]]] = defaultdict(list)
        self.by_article: dict[str, list[tuple[m.Region, m.Quoted]]] = defaultdict(list)
        self.by_cluster: dict[str, list[tuple[m.Region, m.Quoted]]] = defaultdict(list)
        for region in dataset.regions.values():
            for fact in region.facts:
                if fact.subject is None:
                    self.facts_by_metric[fact.metric].append((region, fact))
            records: list[m.Fact | m.Target | m.Event | m.RegionCluster]
            records = [*region.facts, *region.targets, *region.events, *region.clusters]
            for record in records:
                self.by_article[record.source].append((region, record))
                if record.cluster:
                    self.by_cluster[record.cluster].append((region, record))

        # facts per (region, metric): a region's own bars in a chart; a bar names its period when
        # the region has several
        self.own_facts: dict[tuple[str, str], list[tuple[m.Region, m.Fact]]] = defaultdict(list)
        for pairs in self.facts_by_metric.values():
            for region, fact in pairs:
                self.own_facts[(region.id, fact.metric)].append((region, fact))
        # a plain dict from here on: a lookup must not add a metric (pages are rendered in any
        # order, and in two processes, so nothing may depend on which page asked first)
        self.facts_by_metric = dict(self.facts_by_metric)
        # regions per metric, counted once: per-page recounting made the build quadratic
        self.region_count = {mid: len({r.id for r, _ in pairs}) for mid, pairs in self.facts_by_metric.items()}
        # memos for the small pieces below: one fact is shown on up to four pages, one label thousands
        # of times; a fifth of the generator's time went to recomputing them
        self._labels: dict[tuple[str, str], str] = {}
        self._values: dict[tuple[int, str | None], str] = {}
        self._periods: dict[tuple[str, bool], str] = {}
        self._ranked: dict[str, list[tuple[m.Region, m.Fact]]] = {}

    # -----------------------------------------------------------------------------------------
    # small pieces

    def name(self, region: m.Region) -> str:
        return d.md(self.lang.pick(region.profile.short_name))

    def facts_of(self, metric_id: str) -> list[tuple[m.Region, m.Fact]]:
        """(region, fact) pairs of a metric, in data order; [] for a metric nobody reports."""
        return self.facts_by_metric.get(metric_id, [])

    def label(self, text: m.Bilingual | None) -> str:
        """Primary text with the secondary beside it, escaped."""
        if text is None:
            return ""
        key = (text.zh, text.en)
        if key not in self._labels:
            self._labels[key] = f'{d.md(self.lang.pick(text))} <span class="en">{d.md(self.lang.other(text))}</span>'
        return self._labels[key]

    def unit_label(self, unit_id: str) -> str:
        unit = self.ds.units.get(unit_id)
        return self.lang.pick(unit.label) if unit else unit_id

    def value(self, q: m.Quantity, scale: str | None = None) -> str:
        key = (id(q), scale)  # records live as long as the dataset this context was made for
        if key not in self._values:
            self._values[key] = d.quantity(q, self.unit_label(q.unit), scale)
        return self._values[key]

    def cited(self, page: str, region: m.Region, q: m.Quantity | m.Event | m.RegionCluster, text: str) -> str:
        """`text` as a link to its quote on the source page; the quote is the hover tooltip.

        The tooltip is the quote alone: the article is what the click opens, and its title in every
        tooltip (~75 bytes of CJK each) made up a tenth of a region page."""
        record_id = getattr(q, "id", getattr(q, "cluster", ""))
        target = link(page, source_path(q.source), quote_anchor(region.id, record_id))
        return f'[{text}]({target} "{_tooltip(q.quote, self.needle(q))}")'

    @staticmethod
    def needle(q: m.Quantity | m.Event | m.RegionCluster) -> str:
        """The text a tooltip excerpt is centred on: the number as printed, else the date."""
        if isinstance(q, m.Quantity):
            return q.written or number_text(q.value)
        return ""

    def report_base(self, region: m.Region) -> str:
        """The page's 'report a problem' link: the issue form (.github/ISSUE_TEMPLATE/wrong-fact.yml,
        which also sets the title) with the region filled in.

        report.js copies it onto every fact and target row that has a `data-line` (see `line`),
        completed with the fact's id, file:line and the value as shown. A region page has one row
        per fact, and a full link on each row was ~210 bytes: 10 KB of a 40-fact page. Without
        JavaScript this one link still opens the form."""
        if not self.issues_url:
            return ""
        href = f"{self.issues_url}?template=wrong-fact.yml&fact-id={urllib.parse.quote(region.id)}/"
        text = self.lang.both("report_problem")
        return f'<a class="report-base" href="{d.attr(href)}" title="{d.attr(text)}">⚑ {d.md(text)}</a>'

    def line(self, q: m.Quantity, with_region: bool) -> int | None:
        """The record's line in its file, for report.js; only on the record's own (region) page."""
        return None if with_region or not self.issues_url else self.ds.where(q)[1]

    def period(self, fact: m.Fact) -> str:
        key = (fact.period, fact.inferred)
        if key not in self._periods:
            text = d.period(fact.period, self.lang)
            self._periods[key] = text + (f"（{self.lang.t('inferred')}）" if fact.inferred else "")
        return self._periods[key]

    def event_date(self, event: m.Event) -> str:
        text = d.date(event.date, self.lang)
        return text + (f"（{self.lang.t('inferred')}）" if event.inferred else "")

    def where_note(self, q: m.Quantity, region: m.Region) -> str:
        """Scope and subject: what exactly the number is about, when not the whole region."""
        parts = []
        scopes = {s.id: s for s in region.profile.scopes}
        if q.scope and q.scope in scopes:
            parts.append(self.label(scopes[q.scope].name))
        if q.subject:
            parts.append(self.label(q.subject))
        return "；".join(parts)

    def about(self, q: m.Quantity, region: m.Region) -> str:
        """What a reader must know beside the number: scope, subject, caveats (small print)."""
        parts = [p for p in (self.where_note(q, region), self.label(q.note)) if p]
        return f"<small>{'<br>'.join(parts)}</small>" if parts else ""

    # -----------------------------------------------------------------------------------------
    # rows shared by several pages

    def fact_row(self, page: str, region: m.Region, fact: m.Fact, with_region: bool = False) -> dict[str, Any]:
        metric = self.ds.metrics[fact.metric]
        return {
            "anchor": self.row_anchor(region, fact, with_region),
            "region": f"[{self.name(region)}]({link(page, region_path(region.id))})" if with_region else "",
            "metric": self.label(metric.label),
            "value": self.cited(page, region, fact, self.value(fact)),
            "period": self.period(fact),
            "about": self.about(fact, region),
            # report links only on the fact's own (canonical) row: not repeated on overview pages
            "line": self.line(fact, with_region),
        }

    def row_anchor(self, region: m.Region, record: m.Quantity | m.Event, with_region: bool) -> str:
        """`fact-<id>` on the region page (the citable URL); elsewhere prefixed with the region,
        because two regions may use the same fact id and ids must be unique on a page."""
        return f"{region.id}{JOIN}{fact_anchor(record)}" if with_region else fact_anchor(record)

    def target_row(self, page: str, region: m.Region, target: m.Target, with_region: bool = False) -> dict[str, Any]:
        facts = {f.id: f for f in region.facts}
        base = facts.get(target.baseline or "")
        return {
            "anchor": self.row_anchor(region, target, with_region),
            "region": f"[{self.name(region)}]({link(page, region_path(region.id))})",
            "title": self.label(target.title),
            "value": self.cited(page, region, target, self.value(target)),
            "deadline": d.date(target.deadline, self.lang),
            "status": self.lang.t(f"status_{target.status}"),
            "latest": self.cited(page, region, base, self.value(base)) + f"（{self.period(base)}）" if base else "—",
            "progress": f"{base.normalized / target.normalized:.0%}" if base and target.normalized else "—",
            "line": self.line(target, with_region),
        }

    def event_row(self, page: str, region: m.Region, event: m.Event, with_region: bool = True) -> dict[str, Any]:
        return {
            "anchor": self.row_anchor(region, event, with_region),
            "sort": event.date,
            "date": self.cited(page, region, event, self.event_date(event)),
            "region": f"[{self.name(region)}]({link(page, region_path(region.id))})",
            "type": self.lang.t(f"type_{event.type}"),
            "title": self.label(event.title),
        }

    def all_events(self) -> list[tuple[m.Region, m.Event]]:
        pairs = [(r, e) for r in self.ds.regions.values() for e in r.events]
        return sorted(pairs, key=lambda pair: (d.period_start(pair[1].date), pair[0].id), reverse=True)

    # -----------------------------------------------------------------------------------------
    # charts (rows for generator.charts; data only ever enters a chart as data values)

    def bars(self, page: str, metric: m.Metric, focus: m.Region | None = None, limit: int = BAR_LIMIT) -> str:
        """A bar chart of one metric's facts, and its data table. With many regions only the `limit`
        largest are drawn, plus the `focus` region's own bars: a page's size must not grow with
        the number of regions (the full list is on the comparison page)."""
        rows, cells = [], []
        scale = metric.display_scale
        for region, fact in self.top(metric.id, focus, limit):
            # the value links to the fact's row (which cites its quote): a full citation per cell
            # would double the size of every page that shows a comparison
            value = f"[{self.value(fact, scale)}]({link(page, region_path(region.id), fact_anchor(fact))})"
            cells.append([d.md(self.bar_label(region, fact)), value, self.period(fact)])
            rows.append(
                {
                    "region": self.bar_label(region, fact),
                    "value": fact.normalized / m.SCALES[scale],
                    "display": self.value(fact, scale),
                    "period": _plain(self.period(fact)),
                    "source": self.lang.pick(self.ds.articles[fact.source].title),
                    "href": url(page, region_path(region.id), fact_anchor(fact)),
                }
            )
        title = self.lang.t("chart_bars", metric=self.lang.pick(metric.label))
        chart = charts.metric_bars(rows, title=title, unit=scale + self.unit_label(metric.unit))
        return (
            charts.embed(chart, label=title)
            + "\n\n"
            + self.table(
                [self.lang.t("region"), self.lang.t("value"), self.lang.t("period")],
                cells,
            )
        )

    def top(self, metric_id: str, focus: m.Region | None, limit: int) -> list[tuple[m.Region, m.Fact]]:
        """The `limit` largest facts of a metric, then the focus region's own further down."""
        pairs = self.facts_of(metric_id)
        if len(pairs) <= limit:
            return pairs
        if metric_id not in self._ranked:  # sorted once per metric, not once per region page (quadratic)
            self._ranked[metric_id] = sorted(pairs, key=lambda pair: -pair[1].normalized)
        kept = self._ranked[metric_id][:limit]
        if focus is None:
            return kept
        own = [pair for pair in self.own_facts[(focus.id, metric_id)] if pair not in kept]
        return kept + sorted(own, key=lambda pair: -pair[1].normalized)

    def bar_label(self, region: m.Region, fact: m.Fact) -> str:
        """'亦庄（亦庄新城）· 汽车' — what each bar is about, in plain text (charts take data, not markup)."""
        label = self.lang.pick(region.profile.short_name)
        scope = {s.id: s for s in region.profile.scopes}.get(fact.scope or "")
        if scope:
            label += f"（{self.lang.pick(scope.name)}）"
        cluster = self.ds.clusters.get(fact.cluster or "")
        if cluster:
            label += f" · {self.lang.pick(cluster.name)}"
        if len(self.own_facts.get((region.id, fact.metric), ())) > 1:
            label += f" · {d.period(fact.period, self.lang)}"
        return label

    def table(self, header: list[str], rows: list[list[str]]) -> str:
        """A collapsible Markdown table: the chart's data, for screen readers and copying."""
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        body = "\n".join("    " + line for line in lines)
        return f'??? info "{self.lang.both("data_table")}"\n\n{body}\n'

    def timeline_chart(self, page: str, regions: list[m.Region]) -> str:
        rows = []
        for region in regions:
            for event in region.events:
                rows.append(
                    {
                        "date": d.period_start(event.date),
                        "precision": event.precision,
                        "region": self.lang.pick(region.profile.short_name),
                        "title": self.lang.pick(event.title),
                        "type": self.lang.t(f"type_{event.type}"),
                        "kind": "event",
                        "href": url(page, region_path(region.id), fact_anchor(event)),
                    }
                )
            for target in region.targets:
                rows.append(
                    {
                        "date": d.period_start(target.deadline),
                        "precision": m.date_precision(target.deadline),
                        "region": self.lang.pick(region.profile.short_name),
                        "title": self.lang.pick(target.title),
                        "type": self.lang.t("target"),
                        "kind": "target",
                        "href": url(page, region_path(region.id), fact_anchor(target)),
                    }
                )
        if not rows:
            return ""
        rows.sort(key=lambda r: r["date"])
        title = self.lang.t("chart_timeline")
        # no data table of its own: the events and targets tables follow the chart on every page
        return charts.embed(charts.timeline(rows, title=title), label=title)

    def targets_chart(self, page: str, regions: list[m.Region]) -> str:
        rows = []
        for region in regions:
            facts = {f.id: f for f in region.facts}
            for target in region.targets:
                metric = self.ds.metrics.get(target.metric)
                scale = metric.display_scale if metric else target.scale
                base = facts.get(target.baseline or "")
                rows.append(
                    {
                        "target": self.lang.pick(target.title),
                        "region": self.lang.pick(region.profile.short_name),
                        "target_value": target.normalized / m.SCALES[scale],
                        "latest_value": base.normalized / m.SCALES[scale] if base else None,
                        "display_target": self.value(target, scale),
                        "display_latest": self.value(base, scale) if base else "",
                        "deadline": target.deadline,
                        "unit": scale + self.unit_label(target.unit),
                        "href": url(page, region_path(region.id), fact_anchor(target)),
                    }
                )
        if not rows:
            return ""
        title = self.lang.t("chart_targets")
        # no data table of its own: the targets table follows the chart on every page
        return charts.embed(charts.targets(rows, title=title), label=title)

    def matrix_chart(self, page: str) -> str:
        rows = []
        for region in self.ds.regions.values():
            for entry in region.clusters:
                cluster = self.ds.clusters.get(entry.cluster)
                if cluster is None:
                    continue
                rows.append(
                    {
                        "region": self.lang.pick(region.profile.short_name),
                        "cluster": self.lang.pick(cluster.name),
                        "role": f"{self.lang.t('role_' + entry.role)} {self.lang.t2('role_' + entry.role)}",
                        "rank": ROLE_RANK[entry.role],
                        "href": url(page, cluster_path(cluster.id)),
                    }
                )
        if not rows:
            return ""
        title = self.lang.t("chart_matrix")
        return charts.embed(charts.cluster_matrix(rows, title=title), label=title)

    # -----------------------------------------------------------------------------------------
    # pages

    def shared_metrics(self, region: m.Region) -> list[m.Metric]:
        """This region's metrics with at least two region-level facts (here or elsewhere): those
        make a chart; the ones shared with most regions come first."""
        mine = {f.metric for f in region.facts if f.subject is None}
        chartable = [mid for mid in mine if len(self.facts_of(mid)) > 1]
        chartable.sort(key=lambda mid: (-self.region_count[mid], mid))
        return [self.ds.metrics[mid] for mid in chartable]

    def headline_facts(self, region: m.Region, limit: int = 6) -> list[m.Fact]:
        """The facts marked `key: true`, in file order; else region-level facts by headline group."""
        marked = [f for f in region.facts if f.key]
        if marked:
            return marked[:limit]
        order = {g: i for i, g in enumerate(HEADLINE_GROUPS)}

        def rank(fact: m.Fact) -> tuple[int, int]:
            metric = self.ds.metrics.get(fact.metric)
            return (order.get(metric.group, 99) if metric else 99, region.facts.index(fact))

        candidates = [f for f in region.facts if f.subject is None and f.scope is None]
        candidates.sort(key=rank)
        picked: list[m.Fact] = []
        for fact in candidates:  # one figure per metric
            if all(p.metric != fact.metric for p in picked):
                picked.append(fact)
        return picked[:limit]

    def region_page(self, region: m.Region) -> dict[str, Any]:
        page = region_path(region.id)
        p = region.profile
        cards = []
        for fact in self.headline_facts(region):
            metric = self.ds.metrics[fact.metric]
            cards.append(
                {"value": self.cited(page, region, fact, self.value(fact)), "label": self.label(metric.label), "period": self.period(fact)}
            )
        comparisons = [
            self.bars(page, metric, focus=region, limit=REGION_BAR_LIMIT)
            for metric in self.shared_metrics(region)[:3]
        ]
        clusters = []
        for entry in region.clusters:
            cluster = self.ds.clusters.get(entry.cluster)
            if cluster:
                clusters.append(
                    {
                        "name": f"[{self.label(cluster.name)}]({link(page, cluster_path(cluster.id))})",
                        "role": self.cited(page, region, entry, self.lang.both("role_" + entry.role)),
                    }
                )
        articles = sorted({record.source for record in [*region.facts, *region.events, *region.targets, *region.clusters]})
        return {
            "title": self.lang.pick(p.short_name),
            "name": self.label(p.name),
            "short": self.label(p.short_name),
            "summary": self.label(p.summary),
            "level": self.lang.both("level_" + p.level),
            "province": self.label(p.province),
            "parent": self.label(p.parent),
            "aliases": "、".join(d.md(a) for a in p.aliases),
            "coordinates": f"{p.coordinates[0]:.2f}, {p.coordinates[1]:.2f}",
            "cards": cards,
            "comparisons": comparisons,
            "timeline_chart": self.timeline_chart(page, [region]),
            "targets_chart": self.targets_chart(page, [region]),
            "clusters": clusters,
            "facts": [self.fact_row(page, region, f) for f in region.facts],
            "report": self.report_base(region),
            "targets": [self.target_row(page, region, t) for t in region.targets],
            "events": sorted((self.event_row(page, region, e, with_region=False) for e in region.events), key=lambda r: r["sort"]),
            "articles": [self.article_link(page, self.ds.articles[a]) for a in articles if a in self.ds.articles],
        }

    def headline_line(self, page: str, region: m.Region, fact: m.Fact) -> str:
        """'工业总产值（亦庄新城）：达到5200亿元' — the scope must travel with the number."""
        where = self.where_note(fact, region)
        label = d.md(self.lang.pick(self.ds.metrics[fact.metric].label)) + (f"（{where}）" if where else "")
        return f"{label}：{self.cited(page, region, fact, self.value(fact))}"

    def article_link(self, page: str, article: m.Article) -> str:
        return f"[{d.md(self.lang.pick(article.title))}]({link(page, source_path(article.id))})"

    def region_index(self, page: str = REGIONS) -> list[dict[str, Any]]:
        rows = []
        for region in self.ds.regions.values():
            headline = self.headline_facts(region, 3)
            rows.append(
                {
                    "name": f"[{self.name(region)}]({link(page, region_path(region.id))})",
                    "full": d.md(self.lang.pick(region.profile.name)),
                    "level": self.lang.t("level_" + region.profile.level),
                    "province": d.md(self.lang.pick(region.profile.province)),
                    "headline": "<br>".join(self.headline_line(page, region, f) for f in headline),
                    "counts": f"{len(region.facts)} / {len(region.events)}",
                }
            )
        return rows

    def home_page(self) -> dict[str, Any]:
        page = HOME
        ranked = sorted(self.facts_by_metric.items(), key=lambda item: (-self.region_count[item[0]], -len(item[1]), item[0]))
        charts_md = [self.bars(page, self.ds.metrics[mid]) for mid, pairs in ranked[:2] if len(pairs) > 1]
        latest = [self.event_row(page, region, event) for region, event in self.all_events()[:8]]
        return {
            "regions": self.region_index(page),
            "charts": charts_md,
            "latest": latest,
            "counts": {
                "regions": len(self.ds.regions),
                "facts": sum(len(r.facts) for r in self.ds.regions.values()),
                "events": sum(len(r.events) for r in self.ds.regions.values()),
                "articles": len(self.ds.articles),
            },
        }

    def compare_page(self, group: m.Group) -> dict[str, Any]:
        page = group_path(group.id)
        sections = []
        for metric in self.ds.metrics.values():
            if metric.group != group.id or not self.facts_of(metric.id):
                continue
            pairs = self.facts_of(metric.id)
            sections.append(
                {
                    "anchor": metric.id.replace("_", "-"),
                    "label": self.label(metric.label),
                    "definition": self.label(metric.definition),
                    "unit": d.md(metric.display_scale + self.unit_label(metric.unit)),
                    "chart": self.bars(page, metric) if len(pairs) > 1 else "",
                    "facts": [self.fact_row(page, r, f, with_region=True) for r, f in pairs],
                    "apart": self.look_alikes(page, metric),
                    "comparable": [self.label(self.ds.metrics[o].label) for o in metric.comparable_with if o in self.ds.metrics],
                }
            )
        return {"title": self.lang.pick(group.label), "label": self.label(group.label), "sections": sections}

    def look_alikes(self, page: str, metric: m.Metric) -> list[dict[str, Any]]:
        """Metrics that must not be read as equals, stated on either side of the registry entry."""
        out = []
        for other, entry in self.not_comparable_pairs(metric):
            facts = self.facts_of(other.id)
            label = self.label(other.label)
            if facts:  # it has its own section on a comparison page: link there
                label = f"[{label}]({link(page, group_path(other.group), other.id.replace('_', '-'))})"
            out.append(
                {
                    "title": d.md(self.lang.pick(other.label)),
                    "label": label,
                    "reason": self.label(entry.reason),
                    "figures": "；".join(f"{self.name(r)} {self.cited(page, r, f, self.value(f))}" for r, f in facts),
                }
            )
        return out

    def not_comparable_pairs(self, metric: m.Metric) -> list[tuple[m.Metric, m.NotComparable]]:
        pairs = [(self.ds.metrics[e.metric], e) for e in metric.not_comparable_with if e.metric in self.ds.metrics]
        pairs += [(o, e) for o in self.ds.metrics.values() for e in o.not_comparable_with if e.metric == metric.id]
        return pairs

    def compare_index(self) -> list[dict[str, Any]]:
        rows = []
        for group in self.ds.groups.values():
            metrics = [mt for mt in self.ds.metrics.values() if mt.group == group.id and self.facts_of(mt.id)]
            if metrics:
                rows.append(
                    {
                        "link": f"[{self.label(group.label)}]({link(COMPARE, group_path(group.id))})",
                        "metrics": "、".join(d.md(self.lang.pick(mt.label)) for mt in metrics),
                    }
                )
        return rows

    def cluster_page(self, cluster: m.Cluster) -> dict[str, Any]:
        page = cluster_path(cluster.id)
        roles, facts, events = [], [], []
        for region in self.ds.regions.values():
            for entry in region.clusters:
                if entry.cluster == cluster.id:
                    roles.append(
                        {
                            "region": f"[{self.name(region)}]({link(page, region_path(region.id))})",
                            "role": self.cited(page, region, entry, self.lang.both("role_" + entry.role)),
                        }
                    )
        for region, record in self.by_cluster[cluster.id]:
            if isinstance(record, m.Fact):
                facts.append(self.fact_row(page, region, record, with_region=True))
            elif isinstance(record, m.Event):
                events.append(self.event_row(page, region, record))
        return {
            "title": self.lang.pick(cluster.name),
            "label": self.label(cluster.name),
            "description": self.label(cluster.description),
            "roles": roles,
            "facts": facts,
            "events": events,
        }

    def cluster_index(self) -> dict[str, Any]:
        page = CLUSTERS
        header = [self.lang.t("region")]
        used = [c for c in self.ds.clusters.values() if any(e.cluster == c.id for r in self.ds.regions.values() for e in r.clusters)]
        header += [f"[{d.md(self.lang.pick(c.name))}]({link(page, cluster_path(c.id))})" for c in used]
        rows = []
        for region in self.ds.regions.values():
            roles = {e.cluster: e.role for e in region.clusters}
            rows.append(
                [f"[{self.name(region)}]({link(page, region_path(region.id))})"]
                + [self.lang.t("role_" + roles[c.id]) if c.id in roles else "" for c in used]
            )
        listing = [
            {"link": f"[{self.label(c.name)}]({link(page, cluster_path(c.id))})", "description": self.label(c.description)}
            for c in self.ds.clusters.values()
        ]
        return {"chart": self.matrix_chart(page), "header": header, "rows": rows, "clusters": listing}

    def timeline_page(self) -> dict[str, Any]:
        page = TIMELINE
        regions = list(self.ds.regions.values())
        targets = [self.target_row(page, r, t, with_region=True) for r in regions for t in r.targets]
        targets.sort(key=lambda row: row["deadline"])
        return {
            "chart": self.timeline_chart(page, regions),
            "events": [self.event_row(page, r, e) for r, e in self.all_events()],
            "targets": targets,
            "regions": [f"[{self.name(r)}]({link(page, region_path(r.id), 'events')})" for r in regions],
        }

    def source_page(self, article: m.Article) -> dict[str, Any]:
        page = source_path(article.id)
        text = self.ds.texts.get(article.file)
        quotes = []
        for region, record in self.by_article[article.id]:
            record_id = getattr(record, "id", getattr(record, "cluster", ""))
            found = text.find(record.quote, article.lines) if text else None
            line = text.line_at(found[0]) if text and found else 0
            if isinstance(record, m.Quantity):
                what, anchor = self.value(record), fact_anchor(record)
            elif isinstance(record, m.Event):
                what, anchor = self.event_date(record), fact_anchor(record)
            elif isinstance(record, m.RegionCluster):
                what, anchor = self.lang.both("role_" + record.role), "clusters"
            else:  # exclusions are not shown
                continue
            quotes.append(
                {
                    "anchor": quote_anchor(region.id, record_id),
                    "what": f"[{d.md(what)}]({link(page, region_path(region.id), anchor)})",
                    "region": self.name(region),
                    "quote": d.md(record.quote),
                    "line": line,
                }
            )
        quotes.sort(key=lambda q: int(str(q["line"])))
        return {
            "title": self.lang.pick(article.title),
            "label": self.label(article.title),
            "kind": self.lang.both("kind_" + article.kind),
            "outlet": self.label(article.outlet) if article.outlet else self.lang.both("outlet_unknown"),
            "published": d.date(article.published, self.lang) + (f"（{self.lang.t('inferred')}）" if article.inferred else ""),
            "basis": d.md(article.published_basis),
            "authors": "、".join(d.md(a) for a in article.authors) or "—",
            "file": article.file,
            "lines": "、".join(f"{a}–{b}" for a, b in article.lines),
            "quotes": quotes,
        }

    def source_index(self) -> list[dict[str, Any]]:
        return [
            {
                "link": self.article_link(SOURCES, a),
                "kind": self.lang.t("kind_" + a.kind),
                "published": d.date(a.published, self.lang),
                "authors": "、".join(d.md(x) for x in a.authors) or "—",
                "count": len(self.by_article[a.id]),
            }
            for a in self.ds.articles.values()
        ]


def number_text(value: float) -> str:
    return number_forms(value)[0]


def _plain(markdown: str) -> str:
    """Strip the markup `label()` adds, for chart text (charts take plain text as data)."""
    text = markdown.replace('<span class="en">', "").replace("</span>", "")
    return text.replace("\\", "")
