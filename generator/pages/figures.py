"""Charts as pages show them: the rows for `charts.py` and, under a chart, its data as a table.

Data only ever enters a chart as data values (charts.py's security rule); labels here are plain
text, not Markdown.
"""

from __future__ import annotations

import html
from typing import Any

from generator import charts
from generator import models as m
from generator import text as tx
from generator.comparisons import Comparison
from generator.pages.base import Ctx
from generator.paths import cluster_path, fact_anchor, link, region_path, source_path, url

ROLE_RANK = {"leading": 1, "emerging": 2, "future": 3}
BAR_LIMIT = 20  # bars per chart: more are unreadable, and would make every page grow with the site
REGION_BAR_LIMIT = 5  # on a region page: the leaders and the region itself; the rest is one click away


def bars(ctx: Ctx, page: str, comparison: Comparison, focus: m.Region | None = None, limit: int = BAR_LIMIT) -> str:
    """A comparison's bar chart, one bar per region, and its data table. With many regions only the
    `limit` largest are drawn, plus the `focus` region's own bar: a page's size must not grow with
    the number of regions (the full list is on the comparison page)."""
    rows, cells = [], []
    scale = comparison.metric.display_scale  # (Chinese: the values in 亿 …; English ignores it)
    entries = shown(comparison, focus, limit)
    divisor, axis = ctx.axis(comparison.metric, [fact for _, fact in entries])
    for region, fact in entries:
        # the value links to the fact's row (which cites its quote): a full citation per cell
        # would double the size of every page that shows a comparison
        value = f"[{ctx.value(fact, scale)}]({link(page, region_path(region.id), fact_anchor(fact))})"
        label = bar_label(ctx, region, fact, kinds=bool(comparison.kinds))
        cells.append([tx.md(label), value, ctx.period(fact)])
        rows.append(
            {
                "region": label,
                "value": fact.normalized / divisor,
                "display": ctx.plain_value(fact, scale),
                "period": tx.unmarked(ctx.period(fact)),
                "source": ctx.lang.pick(ctx.ds.articles[fact.source].title),
                "href": url(page, region_path(region.id), fact_anchor(fact)),
            }
        )
    title = comparison_title(ctx, comparison)
    chart = charts.metric_bars(rows, title=title, unit=axis)
    figure = charts.embed(chart, lang=ctx.lang, sources=sources(ctx, page, [fact.source for _, fact in entries]))
    table = ctx.table([ctx.t("region"), ctx.t("value"), ctx.t("period")], cells, title)
    return f"{_kinds_note(ctx, comparison)}{figure}\n\n{table}"


def _kinds_note(ctx: Ctx, comparison: Comparison) -> str:
    """The line above an amount's chart whose regions are places of different kinds."""
    if not comparison.kinds:
        return ""
    kinds = ctx.lang.join(ctx.t(f"level_{level}") for level in comparison.kinds)
    return f'<p class="zr-kinds">{tx.attr(ctx.t("mixed_kinds", kinds=kinds))}</p>\n\n'


def listing(ctx: Ctx, page: str, comparison: Comparison) -> str:
    """A comparison whose metric allows only the order of magnitude: the figures as a list, largest
    first, and why there are no bars."""
    lines = [f"*{ctx.t('magnitude_only')}*", "", f"| {ctx.t('region')} | {ctx.t('value')} | {ctx.t('period')} |", "|---|---|---|"]
    for region, fact in comparison.entries:
        value = f"[{ctx.value(fact)}]({link(page, region_path(region.id), fact_anchor(fact))})"
        lines.append(f"| {tx.md(bar_label(ctx, region, fact, kinds=bool(comparison.kinds)))} | {value} | {ctx.period(fact)} |")
    return "\n".join(lines) + "\n"


def shown(comparison: Comparison, focus: m.Region | None, limit: int) -> list[tuple[m.Region, m.Fact]]:
    """The `limit` largest figures, then the focus region's own if it ranks lower."""
    kept = comparison.entries[:limit]
    place = comparison.place(focus) if focus is not None else None  # looked up: a scan per region page was quadratic
    return [*kept, comparison.entries[place - 1]] if place is not None and place > limit else kept


def comparison_title(ctx: Ctx, comparison: Comparison) -> str:
    """The metric, and the industry of a per-industry metric: '产业规模 · 汽车'."""
    title = ctx.t("chart_bars", metric=ctx.lang.pick(comparison.metric.label))
    cluster = ctx.ds.clusters.get(comparison.measure.cluster or "")
    return f"{title} · {ctx.lang.pick(cluster.name)}" if cluster else title


def bar_label(ctx: Ctx, region: m.Region, fact: m.Fact, kinds: bool = False) -> str:
    """'亦庄（亦庄新城）' — whose figure each bar is, with the part of the region it is for (plain
    text: charts take data, not markup). One bar per region: no period needed to tell them apart.
    With `kinds`, the kind of place too: '亦庄（国家级开发区 · 亦庄新城）'."""
    label = ctx.lang.pick(region.profile.short_name)
    scope = {s.id: s for s in region.profile.scopes}.get(fact.scope or "")
    parts = [ctx.t(f"level_{region.profile.level}")] if kinds else []
    parts += [ctx.lang.pick(scope.name)] if scope else []
    return label + ctx.lang.paren(" · ".join(parts)) if parts else label


def timeline(ctx: Ctx, page: str, regions: list[m.Region], types: set[str] | None = None) -> str:
    """Events (of `types`, or all) and target deadlines of `regions`, one lane each in the order
    given, for every region that has any (no data table: the events and targets tables follow the
    chart on every page that has one)."""
    rows = []
    for region in regions:
        name = ctx.lang.pick(region.profile.short_name)
        for event in region.events:
            if types is not None and event.type not in types:
                continue
            when = tx.unmarked(ctx.event_date(event))
            about = tx.unmarked(ctx.where_note(event, region))
            rows.append(_dated(page, region, event, event.date, when, name, ctx.lang.pick(event.title), about, ctx.t(f"type_{event.type}")))
        for target in region.targets:
            when = tx.date(target.deadline, ctx.lang)
            about = tx.unmarked(ctx.where_note(target, region))
            rows.append(_dated(page, region, target, target.deadline, when, name, ctx.lang.pick(target.title), about, ctx.t("type_target")))
    if not rows:
        return ""
    cited = [record.source for region in regions for record in [*region.events, *region.targets]]
    return charts.embed(charts.timeline(rows, title=ctx.t("chart_timeline")), lang=ctx.lang, sources=sources(ctx, page, cited))


def _dated(page: str, region: m.Region, record: m.Event | m.Target, date: str, when: str, *texts: str) -> dict[str, Any]:
    """A timeline mark: an event, or a target at its deadline. `date` places it on the axis; `when`
    is the date as the reader sees it ('2024年3月（推断）'); `texts`: region name, title, what part
    of the region or whom it is about (scope, subject: "" for the whole region), type. `kind`: the
    event's type, or "target" (its colour and shape in the chart)."""
    name, title, about, kind = texts
    return {
        "date": tx.period_start(date),
        "when": when,
        "region": name,
        "title": title,
        "about": about,
        "type": kind,
        "kind": record.type if isinstance(record, m.Event) else "target",
        "href": url(page, region_path(region.id), fact_anchor(record)),
    }


def targets(ctx: Ctx, page: str, regions: list[m.Region]) -> str:
    """Each target's latest value in % of the target (no data table: the targets table follows)."""
    rows = []
    several = len(regions) > 1
    for region in regions:
        facts = {f.id: f for f in region.facts}
        for target in region.targets:
            metric = ctx.ds.metrics.get(target.metric)
            scale = metric.display_scale if metric else target.scale
            base = facts.get(target.baseline or "")
            if base is None:  # progress only against a baseline of the same measure; the table lists the rest
                continue
            rows.append(
                {
                    "target": ctx.lang.pick(target.title),
                    "region": ctx.lang.pick(region.profile.short_name),
                    "target_value": target.normalized / m.SCALES[scale],
                    "latest_value": base.normalized / m.SCALES[scale] if base else None,
                    "display_target": ctx.plain_value(target, scale),
                    "display_latest": ctx.plain_value(base, scale) if base else "",
                    "deadline": target.deadline,
                    "unit": scale + ctx.unit_label(target.unit),
                    "href": url(page, region_path(region.id), fact_anchor(target)),
                    "label": _target_label(ctx, region, target, base, several),
                }
            )
    if not rows:
        return ""
    cited = [t.source for region in regions for t in region.targets if t.baseline]
    return charts.embed(charts.targets(rows, title=ctx.t("chart_targets")), lang=ctx.lang, sources=sources(ctx, page, cited))


def _target_label(ctx: Ctx, region: m.Region, target: m.Target, base: m.Fact, several: bool) -> str:
    """'亦庄·生物医药产业规模突破2000亿元：1000亿元 / 2000亿元（2025）' — the text above a target's bar."""
    name = ctx.lang.pick(target.title)
    if several:
        name = f"{ctx.lang.pick(region.profile.short_name)} · {name}"
    return f"{name}{ctx.lang.colon}{ctx.plain_value(base)} / {ctx.plain_value(target)}" + ctx.lang.paren(tx.date(target.deadline, ctx.lang))


def matrix(ctx: Ctx, page: str) -> str:
    """Region × cluster, each cell the region's role in the cluster."""
    rows = []
    for region in ctx.ds.regions.values():
        for entry in region.clusters:
            cluster = ctx.ds.clusters.get(entry.cluster)
            if cluster is None:
                continue
            rows.append(
                {
                    "region": ctx.lang.pick(region.profile.short_name),
                    "cluster": ctx.lang.pick(cluster.name),
                    "role": ctx.t("role_" + entry.role),
                    "rank": ROLE_RANK[entry.role],
                    "href": url(page, cluster_path(cluster.id)),
                }
            )
    if not rows:
        return ""
    cited = [entry.source for region in ctx.ds.regions.values() for entry in region.clusters]
    return charts.embed(charts.cluster_matrix(rows, title=ctx.t("chart_matrix")), lang=ctx.lang, sources=sources(ctx, page, cited))


SOURCES_SHOWN = 3  # articles named under a chart; the rest are counted (each figure links its own quote)


def sources(ctx: Ctx, page: str, article_ids: list[str]) -> str:
    """The source line under a chart, HTML: the articles its figures come from, with their dates,
    each linked to its page ('来源：《…》（2024年3月）等4篇')."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return ""
    items = []
    for article_id in ids[:SOURCES_SHOWN]:
        article = ctx.ds.articles[article_id]
        text = ctx.t("source_item", title=ctx.lang.pick(article.title), date=tx.date(article.published, ctx.lang))
        items.append(f'<a href="{tx.attr(url(page, source_path(article_id)))}">{tx.attr(text)}</a>')  # HTML: a URL, not a .md link
    more = ctx.t("sources_more", n=len(ids) - SOURCES_SHOWN) if len(ids) > SOURCES_SHOWN else ""
    said = ctx.t("chart_sources" if len(ids) > 1 else "chart_source")
    return tx.attr(said) + ctx.lang.colon + ctx.lang.join(items) + html.escape(more)  # (attr would trim its space)
