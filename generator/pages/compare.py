"""Comparisons: a listing of the comparison groups, one page per group with a section per
metric two or more regions report — its chart, every region's figure, and look-alikes shown
apart with the reason — and the measures one region reports in one table; and the regions'
targets side by side by the year they are due."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator import models as m
from generator import text as tx
from generator.measures import LookAlike
from generator.pages import figures, grid
from generator.pages.base import Ctx, Page
from generator.pages.rows import fact_row
from generator.paths import COMPARE, fact_anchor, group_path, link, metric_anchor, region_path
from generator.search import Entry, listed

# the targets side by side: in a folder of its own, as no group's page can be (a group's page is
# compare/<id>.md, its folder's index is compare/<id>/index.html; this one is below it)
TARGETS = "compare/targets/by-year.md"


def pages(ctx: Ctx) -> list[Page]:
    title = ctx.t("compare")
    listing = Page(
        COMPARE,
        "compare_index.md.j2",
        title,
        lambda: _index(ctx),
        index=True,
        files=lambda: grid.files(ctx),
        search=listed(title, *map(ctx.t, ("compare_intro", "compare_grid", "grid_intro"))),
    )
    targets = Page(TARGETS, "compare_targets.md.j2", ctx.t("targets_by_year"), lambda: targets_context(ctx), search=_targets_search(ctx))
    return [listing, targets, *(_page(ctx, ctx.ds.groups[gid]) for gid in ctx.index.groups)]


def _page(ctx: Ctx, group: m.Group) -> Page:
    title = ctx.lang.pick(group.label)
    return Page(group_path(group.id), "compare.md.j2", title, lambda: context(ctx, group), search=lambda: _search(ctx, group))


def _search(ctx: Ctx, group: m.Group) -> list[Entry]:
    """Each metric by its label, definition and unit (in both languages: a reader may search for
    the Chinese term); its figures are found on their regions' pages."""
    pick = ctx.lang.pick
    metrics = (
        Entry(metric_anchor(mt.id), pick(mt.label), tuple(dict.fromkeys((mt.label.zh, pick(mt.definition), ctx.metric_unit(mt)))))
        for mt in ctx.index.groups[group.id]
    )
    return [Entry("", pick(group.label)), *metrics]


def nav(ctx: Ctx) -> dict[str, Any]:
    groups = [ctx.ds.groups[gid] for gid in ctx.index.groups]
    topics = [{ctx.lang.pick(g.label): group_path(g.id)} for g in groups]
    return {ctx.t("compare"): [COMPARE, {ctx.t("targets_by_year"): TARGETS}, *topics]}


def _index(ctx: Ctx) -> dict[str, Any]:
    """The comparisons page: regions side by side (the grid), then the comparisons by topic."""
    regions = list(ctx.ds.regions.values())
    static = len(regions) <= grid.STATIC_GRID
    keys = ["grid_pick", "grid_pick_short", "grid_area", "grid_province", "grid_level", "grid_all", "grid_find", "metric"]
    keys.append("grid_none_shared")  # (when the picked regions share no measure)
    labels = {key: ctx.t(key) for key in keys}
    templates = {"apart": "grid_apart", "shared": "grid_shared", "shared_rows": "grid_shared_rows", "more": "grid_more"}
    labels.update({name: ctx.lang.template(key) for name, key in templates.items()})  # filled in by compare.js
    return {
        "today": _today(ctx),
        "rows": _listing(ctx),
        "static": "true" if static else "false",
        "grid": grid.html_table(ctx, regions) if static else f"<p>{tx.attr(ctx.t('grid_pick'))}</p>",
        "regions": grid.regions_table(ctx),
        "labels": tx.attr(json.dumps(labels, ensure_ascii=False)),
    }


def _today(ctx: Ctx) -> list[str]:
    """What can be compared today and what cannot, and why, from the data: the first screen of
    the comparisons page (escaped Markdown list items)."""
    compared = [c for c in ctx.index.comparisons.values() if c.drawn]
    alone = [mid for mid in ctx.index.facts_by_metric if _reporting(ctx, mid) < 2]  # as the group pages list them
    pairs = {frozenset((mid, x.other.id)) for mid in ctx.index.facts_by_metric for x in ctx.index.reported_look_alikes(mid)}
    items = []
    if compared:
        targets = [(c.metric, link(COMPARE, group_path(c.metric.group), metric_anchor(c.metric.id))) for c in compared]
        links = ctx.lang.join(f"[{ctx.label(metric.label)}]({href})" for metric, href in targets)
        items.append(tx.md(ctx.t("today_compared", n=len(compared))) + ctx.lang.colon + links)
    else:
        items.append(tx.md(ctx.t("today_none")))
    items.append(tx.md(ctx.t("today_alone", n=len(alone))))
    items.append(tx.md(ctx.t("today_apart", n=len(pairs))))
    items.append(tx.md(ctx.t("today_kinds")))
    aims = sum(len(r.targets) for r in ctx.ds.regions.values())
    if aims:
        regions = sum(1 for r in ctx.ds.regions.values() if r.targets)
        page = f"[{tx.md(ctx.t('targets_by_year'))}]({link(COMPARE, TARGETS)})"
        items.append(tx.md(ctx.t("today_targets", n=aims, regions=regions)) + ctx.lang.colon + page)
    return items


def _listing(ctx: Ctx) -> list[dict[str, str]]:
    return [
        {
            "link": f"[{ctx.label(ctx.ds.groups[gid].label)}]({link(COMPARE, group_path(gid))})",
            "metrics": ctx.lang.join(ctx.label(mt.label) for mt in metrics),
        }
        for gid, metrics in ctx.index.groups.items()
    ]


def context(ctx: Ctx, group: m.Group) -> dict[str, Any]:
    """A group's page: a section per measure two or more regions report (its chart or listing,
    every figure, its look-alikes apart), then one compact table of the measures one region
    reports — a section, a table and a box each for a single figure said nothing and buried the
    comparisons. Each look-alike pair is explained once on the page."""
    page = group_path(group.id)
    sections = []
    alone: list[m.Metric] = []
    explained: set[frozenset[str]] = set()  # look-alike pairs already explained on this page
    for metric in ctx.index.groups[group.id]:
        pairs = ctx.index.facts_of(metric.id)
        if _reporting(ctx, metric.id) < 2:
            alone.append(metric)
            continue
        shown = [c for c in ctx.index.of_metric.get(metric.id, []) if c.regions >= 2]
        sections.append(
            {
                "anchor": metric_anchor(metric.id),
                "label": ctx.label(metric.label),
                "definition": ctx.label(metric.definition),
                "unit": tx.md(ctx.metric_unit(metric)),
                "chart": "\n\n".join(figures.bars(ctx, page, c) if c.drawn else figures.listing(ctx, page, c) for c in shown),
                # nothing to set side by side: say why (different industries)
                "none": ctx.t("no_comparison_cluster" if metric.per_cluster else "no_comparison"),
                "facts": [fact_row(ctx, page, r, f, with_region=True) for r, f in pairs],
                "apart": _look_alikes(ctx, page, metric, explained),
                "comparable": _comparable(ctx, metric),
            }
        )
    return {"label": ctx.label(group.label), "sections": sections, **_alone(ctx, page, alone, explained)}


def _reporting(ctx: Ctx, metric_id: str) -> int:
    """How many regions report the measure (a per-industry measure's regions may each name another
    industry: then it has a section that says so, not a line among the one-region measures)."""
    return len({r.id for r, _ in ctx.index.facts_of(metric_id)})


def _comparable(ctx: Ctx, metric: m.Metric) -> list[str]:
    return [ctx.label(ctx.ds.metrics[o].label) for o in metric.comparable_with if o in ctx.ds.metrics]


def _alone(ctx: Ctx, page: str, metrics: list[m.Metric], explained: set[frozenset[str]]) -> dict[str, Any]:
    """The measures one region reports, one table row per figure: the measure (its anchor, which
    the grid, the search and other pages link to, on its first row, with its definition), the
    region, the cited value, its period and notes; then the look-alike pairs a reader could set
    side by side by mistake (`misleading`), each once on the page."""
    rows = []
    for metric in metrics:
        for i, (region, fact) in enumerate(ctx.index.facts_of(metric.id)):
            row = fact_row(ctx, page, region, fact, with_region=True) | {"metric_anchor": "", "definition": ""}
            if i == 0:
                row["metric_anchor"] = metric_anchor(metric.id)
                comparable = _comparable(ctx, metric)
                also = f"<br>{tx.md(ctx.t('comparable_with'))}{ctx.lang.colon}{ctx.lang.join(comparable)}" if comparable else ""
                row["definition"] = f"<br><small>{ctx.label(metric.definition)}{also}</small>"
            rows.append(row)
    notes = []
    for metric in metrics:
        for look in ctx.index.reported_look_alikes(metric.id):
            pair = frozenset((metric.id, look.other.id))
            if pair in explained or not misleading(ctx, metric.id, look.other.id):
                continue
            explained.add(pair)
            other = f"[{ctx.label(look.other.label)}]({link(page, group_path(look.other.group), metric_anchor(look.other.id))})"
            figures = _figures(ctx, page, ctx.index.facts_of(look.other.id))  # the figures a reader would set beside
            notes.append(
                f"{ctx.label(metric.label)} ≠ {other}{ctx.lang.colon}{reason(ctx, metric, look)}<br>{other}{ctx.lang.colon}{figures}"
            )
    return {"alone": rows, "alone_apart": notes}


def misleading(ctx: Ctx, a: str, b: str) -> bool:
    """Whether two look-alikes' figures come from different regions: only then could a reader set
    one region's figure beside another's as if they were one measure."""
    first = {r.id for r, _ in ctx.index.facts_of(a)}
    return any(r.id not in first or len(first) > 1 for r, _ in ctx.index.facts_of(b))


def _look_alikes(ctx: Ctx, page: str, metric: m.Metric, shown: set[frozenset[str]]) -> list[dict[str, Any]]:
    """The metric's look-alikes that some region reports, each pair once on a page (`shown`: the
    pairs of the sections above), with the reason and the look-alike's figures."""
    out = []
    for look in ctx.index.reported_look_alikes(metric.id):
        pair = frozenset((metric.id, look.other.id))
        if pair in shown:
            continue
        shown.add(pair)
        other = look.other
        label = f"[{ctx.label(other.label)}]({link(page, group_path(other.group), metric_anchor(other.id))})"
        listed = _figures(ctx, page, ctx.index.facts_of(other.id))
        out.append({"title": ctx.label(other.label), "label": label, "reason": reason(ctx, metric, look), "figures": listed})
    return out


def reason(ctx: Ctx, metric: m.Metric, look: LookAlike) -> str:
    """Why two metrics are not one measure (escaped Markdown): the hand-written reason where the
    dimensions cannot say it, else one clause per dimension that differs, naming both metrics."""
    if look.declared is not None:
        return ctx.label(look.declared.reason)
    a, b = (ctx.t("lookalike_name", x=ctx.label(x.label)) for x in (metric, look.other))
    clauses = [
        ctx.t(f"lookalike_{d}", a=a, b=b, x=_value(ctx, metric, d), y=_value(ctx, look.other, d)) for d in look.differs if d != "unit"
    ]
    return ctx.t("lookalike_end", reasons=ctx.lang.sep(clauses))


def _value(ctx: Ctx, metric: m.Metric, dimension: str) -> str:
    """A metric's value of one dimension, as a reader reads it (escaped)."""
    value = getattr(metric.measures, dimension)
    if dimension in ("concept", "of"):
        concept = ctx.ds.concepts.get(value) if value else None
        return ctx.label(concept.label) if concept else tx.md(ctx.t("lookalike_of_none"))
    return tx.md(ctx.t(f"measure_{dimension}_{value}"))


LOOK_ALIKE_FIGURES = 6  # a look-alike's figures shown in its warning; its own section lists them all


def _figures(ctx: Ctx, page: str, facts: list[tuple[m.Region, m.Fact]]) -> str:
    """A look-alike's figures, the first few: with hundreds of regions, every one of them in every
    warning made the comparison pages most of the build's Markdown, and unreadable."""
    shown = ctx.lang.sep(_figure(ctx, page, r, f) for r, f in facts[:LOOK_ALIKE_FIGURES])
    return shown + tx.md(ctx.t("figures_in_all", n=len(facts))) if len(facts) > LOOK_ALIKE_FIGURES else shown


def _figure(ctx: Ctx, page: str, region: m.Region, fact: m.Fact) -> str:
    """'亦庄 达到5200亿元（亦庄新城）': a figure in a look-alike box, with what it is for."""
    where = ctx.where_note(fact, region)
    return f"{ctx.name(region)} {ctx.cited(page, region, fact, ctx.value(fact))}" + (ctx.lang.paren(where) if where else "")


# ---- targets side by side, by the year they are due ------------------------------------------

TARGET_COLUMNS = 4  # regions with targets: up to this many, one column each; more, one row per region and year


def _targets_search(ctx: Ctx) -> Callable[[], list[Entry]]:
    return listed(ctx.t("targets_by_year"), ctx.t("targets_intro"))


def targets_context(ctx: Ctx) -> dict[str, Any]:
    """The regions' targets by horizon year (the deadline's year): a table of years × regions
    when few regions have targets (side by side), else one row per year and region. Each target
    is its title, linked to its row on the region's page, and its value, cited."""
    page = TARGETS
    regions = [r for r in ctx.ds.regions.values() if r.targets]
    by_year: dict[str, dict[str, list[str]]] = {}
    for region in regions:
        for target in sorted(region.targets, key=lambda t: t.deadline):
            by_year.setdefault(target.deadline[:4], {}).setdefault(region.id, []).append(_target(ctx, page, region, target))
    years = sorted(by_year)
    columns = len(regions) <= TARGET_COLUMNS
    if columns:
        header = [ctx.t("target_year"), *(ctx.name(r) for r in regions)]
        rows = [[_year(ctx, y), *("".join(by_year[y].get(r.id, [])) or "—" for r in regions)] for y in years]
    else:
        header = [ctx.t("target_year"), ctx.t("region"), ctx.t("targets")]
        rows = [[_year(ctx, y), ctx.region_link(page, r), "".join(by_year[y][r.id])] for y in years for r in regions if r.id in by_year[y]]
    silent = [ctx.region_link(page, r) for r in ctx.ds.regions.values() if not r.targets]
    count = sum(len(r.targets) for r in regions)
    return {
        "summary": tx.md(ctx.t("targets_summary", n=count, regions=len(regions), years=len(years)) if count else ctx.t("targets_none")),
        "header": header,
        "rows": rows,
        "silent": tx.md(ctx.t("targets_silent", n=len(silent))) + ctx.lang.colon + ctx.lang.join(silent) if silent and count else "",
    }


def _year(ctx: Ctx, year: str) -> str:
    return tx.md(tx.date(year, ctx.lang))


def _target(ctx: Ctx, page: str, region: m.Region, target: m.Target) -> str:
    """One target in its year's cell: its title (linked to its row on the region's page, where its
    baseline and progress are), its value cited to its quote, and in small print its date when
    more precise than the year, its status when not planned, and what it is about."""
    title = f"[{ctx.label(target.title)}]({link(page, region_path(region.id), fact_anchor(target))})"
    value = ctx.cited(page, region, target, ctx.value(target)) + ctx.reports(page, region, target)
    precise = len(target.deadline) > 4 or target.inferred  # more than its row's year says
    when = [tx.md(tx.date(target.deadline, ctx.lang)) + ctx.inferred(target.inferred)] if precise else []
    status = [tx.md(ctx.t(f"status_{target.status}"))] if target.status != "planned" else []
    where = ctx.where_note(target, region)
    small = ctx.lang.sep([*when, *status, *([where] if where else [])])
    return f'<span class="zr-target">{title}{ctx.lang.colon}{value}' + (f" <small>{small}</small>" if small else "") + "</span>"
