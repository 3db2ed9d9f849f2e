"""Regions side by side: a metric × region grid in the style of caniuse — which region reports
what, the value with its period and scope, look-alikes marked.

The page carries a plain HTML table of every region (which works without JavaScript: each row says
how many figures the region has, and links to it) and, for a site of a few regions, the whole grid.
`compare.js` lets a reader filter the regions by area, province and level, pick two to four, and
draws their grid from small JSON files (one per region, made here), keeping the choice in the URL
(`?regions=a,b`) so it can be shared. A region's cell shows its one figure of the measure
(`comparisons.py`: the latest, the whole region's); a figure about a subject is not the region's
and is not in the grid.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator import models as m
from generator import navigation
from generator import text as tx
from generator.comparisons import later
from generator.pages.base import Ctx
from generator.paths import COMPARE, fact_anchor, group_path, metric_anchor, region_path, url

STATIC_GRID = 6  # regions: up to this many, the whole grid is in the page (it works without JavaScript)
REGIONS_JSON = "compare/regions.json"  # the picker's list: id, name, area, province, level
METRICS_JSON = "compare/metrics.json"  # the grid's rows: metric, group, label, look-alikes


GridRow = tuple[dict[str, Any], list[dict[str, str] | None]]  # a metric's row and its cells, one per region shown


def cells_json(region_id: str) -> str:
    return f"compare/cells/{region_id}.json"


def cells(ctx: Ctx, region: m.Region) -> dict[str, dict[str, str]]:
    """metric id → the region's figure of it: value, period, scope/subject/industry note, link
    (relative to the compare page). Its latest region-level figure, as comparisons choose (a
    figure about a subject is not the region's)."""
    best: dict[str, m.Fact] = {}
    for fact in region.facts:
        current = best.get(fact.metric)
        if fact.subject is None and (current is None or later(fact, current)):
            best[fact.metric] = fact
    return {metric_id: _figure(ctx, region, fact) for metric_id, fact in best.items()}


def _figure(ctx: Ctx, region: m.Region, fact: m.Fact) -> dict[str, str]:
    return {
        "value": ctx.plain_value(fact),
        "period": ctx.period(fact),
        # scope, subject and, for a metric of one industry at a time, the industry (once)
        "about": tx.unmarked(ctx.where_note(fact, region)),
        "href": url(COMPARE, region_path(region.id), fact_anchor(fact)),
    }


def rows(ctx: Ctx) -> list[dict[str, Any]]:
    """The grid's rows: every metric some region reports, by comparison group, with its look-alikes."""
    out = []
    for group in ctx.ds.groups.values():
        for metric in ctx.ds.metrics.values():
            if metric.group != group.id or metric.id not in ctx.index.facts_by_metric:
                continue
            apart = [look.other.id for look in ctx.index.reported_look_alikes(metric.id)]
            out.append(
                {
                    "id": metric.id,
                    "group": ctx.lang.pick(group.label),
                    "label": ctx.lang.pick(metric.label),
                    "href": url(COMPARE, group_path(group.id), metric_anchor(metric.id)),
                    "apart": [ctx.lang.pick(ctx.ds.metrics[o].label) for o in apart],
                    # whether two regions' figures in this row are one measure: not when each may
                    # be another industry's, nor when only the order of magnitude may be compared
                    "comparable": not metric.per_cluster and metric.comparison != "magnitude",
                }
            )
    return out


def regions(ctx: Ctx) -> list[dict[str, Any]]:
    """The picker's regions: what the filters need, and how many figures each has."""
    out = []
    for region in ctx.ds.regions.values():
        area, province = navigation.place(ctx.ds, region)
        out.append(
            {
                "id": region.id,
                "name": ctx.lang.pick(region.profile.short_name),
                "area": ctx.lang.pick(area.name) if area else "",
                "province": ctx.lang.pick(province) if province else ctx.t("not_stated"),
                "level": ctx.t("level_" + region.profile.level),
                "figures": sum(1 for f in region.facts if f.subject is None),
                "href": url(COMPARE, region_path(region.id)),
            }
        )
    return out


def files(ctx: Ctx) -> dict[str, str]:
    """The JSON the page's script reads: the regions, the metrics, and one file of cells per region."""
    out = {REGIONS_JSON: _json(regions(ctx)), METRICS_JSON: _json(rows(ctx))}
    out.update({cells_json(r.id): _json(cells(ctx, r)) for r in ctx.ds.regions.values()})
    return out


def html_table(ctx: Ctx, shown: list[m.Region]) -> str:
    """The grid for `shown` regions as plain HTML (a raw block in the page's Markdown): first the
    measures two or more of them report — what a reader can look at side by side — then the rest
    in a disclosure that says how many rows it holds (they were four in five of the grid's cells
    empty, before anything shared). Both work without JavaScript and from the keyboard; compare.js
    draws the picked regions' grid the same way."""
    by_region = {r.id: cells(ctx, r) for r in shown}
    every = rows(ctx)
    reported = [row for row in every if sum(1 for r in shown if row["id"] in by_region[r.id]) >= 2]
    # the regions with figures in those rows first, then those with the most figures: on a phone
    # the first columns are what shows before a sideways scroll
    in_shared = {r.id: sum(1 for row in reported if row["id"] in by_region[r.id]) for r in shown}
    shown = sorted(shown, key=lambda r: (-in_shared[r.id], -len(by_region[r.id])))
    shared: list[GridRow] = []
    rest: list[GridRow] = []
    for row in every:
        values = [by_region[r.id].get(row["id"]) for r in shown]
        (shared if sum(1 for v in values if v) >= 2 else rest).append((row, values))
    lead = ctx.t("grid_shared_rows", n=len(shared)) if shared else ctx.t("grid_none_shared")
    out = f'<p class="zr-grid-lead">{_e(lead)}</p>' + (_table(ctx, shown, shared) if shared else "")
    if rest:
        summary = f"<summary>{_e(ctx.t('grid_more', n=len(rest)))}</summary>"
        # open when none is shared: then these are all there is to see
        out += f'<details class="zr-grid-more"{"" if shared else " open"}>{summary}{_table(ctx, shown, rest)}</details>'
    return out


def _table(ctx: Ctx, shown: list[m.Region], body_rows: list[GridRow]) -> str:
    names = [(url(COMPARE, region_path(r.id)), ctx.lang.pick(r.profile.short_name)) for r in shown]
    head = "".join(f'<th scope="col"><a href="{href}">{_e(name)}</a></th>' for href, name in names)
    body, group = [], ""
    for row, values in body_rows:
        if row["group"] != group:
            group = row["group"]
            body.append(f'<tr class="zr-group"><th colspan="{len(shown) + 1}" scope="colgroup">{_e(group)}</th></tr>')
        marks = _marks(ctx, row, sum(1 for v in values if v) if row["comparable"] else 0)
        label = f'<th scope="row"><a href="{row["href"]}">{_e(row["label"])}</a>{marks}</th>'
        body.append(f'<tr data-metric="{row["id"]}">{label}' + "".join(_cell(v) for v in values) + "</tr>")
    return (
        f'<table class="zr-grid-table"><thead><tr><th scope="col">{_e(ctx.t("metric"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _marks(ctx: Ctx, row: dict[str, Any], reported: int) -> str:
    """≠ for a metric with look-alikes (named in its title), and how many regions report it."""
    marks = ""
    if row["apart"]:
        title = ctx.t("grid_apart", metrics=ctx.lang.join(row["apart"]))
        marks += f' <abbr class="zr-apart" title="{_e(title)}">≠</abbr>'
    if reported >= 2:
        marks += f' <small class="zr-shared">{_e(ctx.t("grid_shared", n=reported))}</small>'
    return marks


def _cell(value: dict[str, str] | None) -> str:
    if not value:
        return '<td class="zr-none">—</td>'
    about = f"<br><small>{_e(value['about'])}</small>" if value["about"] else ""
    return f'<td><a href="{value["href"]}">{_e(value["value"])}</a><br><small>{_e(value["period"])}</small>{about}</td>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def regions_table(ctx: Ctx) -> str:
    """Every region as a row of a plain table: where it is, its level, how many figures it has.
    compare.js adds a checkbox to each row to pick regions, and filters for the columns."""
    head = "".join(f'<th scope="col">{_e(ctx.t(key))}</th>' for key in ("region", "grid_area", "province", "level", "grid_figures"))
    body = "".join(
        f'<tr data-region="{r["id"]}"><td><a href="{r["href"]}">{_e(r["name"])}</a></td><td>{_e(r["area"])}</td>'
        f"<td>{_e(r['province'])}</td><td>{_e(r['level'])}</td><td>{r['figures']}</td></tr>"
        for r in regions(ctx)
    )
    return f'<table class="zr-regions"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
