"""Comparisons: a listing of the comparison groups, and one page per group with a section per
metric — its chart, every region's figure, and look-alikes shown apart with the reason."""

from __future__ import annotations

import json
from typing import Any

from generator import models as m
from generator import text as tx
from generator.pages import figures, grid
from generator.pages.base import Ctx, Page
from generator.pages.rows import fact_row
from generator.paths import COMPARE, group_path, link, metric_anchor
from generator.search import Entry, listed


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
    return [listing, *(_page(ctx, ctx.ds.groups[gid]) for gid in ctx.index.groups)]


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
    return {ctx.t("compare"): [COMPARE, *[{ctx.lang.pick(g.label): group_path(g.id)} for g in groups]]}


def _index(ctx: Ctx) -> dict[str, Any]:
    """The comparisons page: regions side by side (the grid), then the comparisons by topic."""
    regions = list(ctx.ds.regions.values())
    static = len(regions) <= grid.STATIC_GRID
    keys = ("grid_pick", "grid_pick_short", "grid_area", "grid_province", "grid_level", "grid_all", "grid_find", "metric")
    labels = {key: ctx.t(key) for key in keys}
    labels.update(apart=ctx.lang.template("grid_apart"), shared=ctx.lang.template("grid_shared"))  # filled in by compare.js
    return {
        "rows": _listing(ctx),
        "static": "true" if static else "false",
        "grid": grid.html_table(ctx, regions) if static else f"<p>{tx.attr(ctx.t('grid_pick'))}</p>",
        "regions": grid.regions_table(ctx),
        "labels": tx.attr(json.dumps(labels, ensure_ascii=False)),
    }


def _listing(ctx: Ctx) -> list[dict[str, str]]:
    return [
        {
            "link": f"[{ctx.label(ctx.ds.groups[gid].label)}]({link(COMPARE, group_path(gid))})",
            "metrics": ctx.lang.join(ctx.label(mt.label) for mt in metrics),
        }
        for gid, metrics in ctx.index.groups.items()
    ]


def context(ctx: Ctx, group: m.Group) -> dict[str, Any]:
    page = group_path(group.id)
    sections = []
    for metric in ctx.index.groups[group.id]:
        pairs = ctx.index.facts_of(metric.id)
        shown = [c for c in ctx.index.of_metric.get(metric.id, []) if c.regions >= 2]
        regions = len({r.id for r, _ in pairs})
        sections.append(
            {
                "anchor": metric_anchor(metric.id),
                "label": ctx.label(metric.label),
                "definition": ctx.label(metric.definition),
                "unit": tx.md(ctx.metric_unit(metric)),
                "chart": "\n\n".join(figures.bars(ctx, page, c) if c.drawn else figures.listing(ctx, page, c) for c in shown),
                # nothing to set side by side: say why (one region, or different industries)
                "none": ctx.t("no_comparison_cluster" if metric.per_cluster and regions > 1 else "no_comparison"),
                "facts": [fact_row(ctx, page, r, f, with_region=True) for r, f in pairs],
                "apart": _look_alikes(ctx, page, metric),
                "comparable": [ctx.label(ctx.ds.metrics[o].label) for o in metric.comparable_with if o in ctx.ds.metrics],
            }
        )
    return {"label": ctx.label(group.label), "sections": sections}


def _look_alikes(ctx: Ctx, page: str, metric: m.Metric) -> list[dict[str, Any]]:
    """Metrics that must not be read as equals, stated on either side of the registry entry."""
    out = []
    for other, entry in not_comparable_pairs(ctx, metric):
        facts = ctx.index.facts_of(other.id)
        label = ctx.label(other.label)
        if facts:  # it has its own section on a comparison page: link there
            label = f"[{label}]({link(page, group_path(other.group), metric_anchor(other.id))})"
        out.append(
            {
                "title": ctx.label(other.label),
                "label": label,
                "reason": ctx.label(entry.reason),
                "figures": _figures(ctx, page, facts),
            }
        )
    return out


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


def not_comparable_pairs(ctx: Ctx, metric: m.Metric) -> list[tuple[m.Metric, m.NotComparable]]:
    pairs = [(ctx.ds.metrics[e.metric], e) for e in metric.not_comparable_with if e.metric in ctx.ds.metrics]
    pairs += [(o, e) for o in ctx.ds.metrics.values() for e in o.not_comparable_with if e.metric == metric.id]
    return pairs
