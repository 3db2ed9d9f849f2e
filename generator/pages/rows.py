"""Table rows that several pages show: a fact, a target, an event — and a region's headline facts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator import models as m
from generator import text as tx
from generator.pages.base import Ctx
from generator.paths import row_anchor

HEADLINE_GROUPS = ["economy", "industry_structure", "enterprises", "innovation"]


def fact_row(ctx: Ctx, page: str, region: m.Region, fact: m.Fact, with_region: bool = False) -> dict[str, Any]:
    metric = ctx.ds.metrics[fact.metric]
    return {
        "anchor": row_anchor(region.id, fact, with_region),
        "region": ctx.region_link(page, region) if with_region else "",
        "metric": ctx.label(metric.label),
        "value": ctx.cited(page, region, fact, ctx.value(fact), with_region) + ctx.reports(page, region, fact),
        "period": ctx.period(fact),
        # on the fact's own page, in English: its quotes with their translations, opened by a tap
        "about": ctx.about(fact, region, rank=not with_region) + ("" if with_region else ctx.evidence(fact)),
        # report links only on the fact's own (canonical) row: not repeated on overview pages
        "line": ctx.line(fact, with_region),
    }


def target_row(ctx: Ctx, page: str, region: m.Region, target: m.Target, with_region: bool = False) -> dict[str, Any]:
    facts = {f.id: f for f in region.facts}
    base = facts.get(target.baseline or "")
    return {
        "anchor": row_anchor(region.id, target, with_region),
        "region": ctx.region_link(page, region),
        "title": ctx.label(target.title) + _where(ctx, target, region) + ("" if with_region else ctx.evidence(target)),
        "value": ctx.cited(page, region, target, ctx.value(target), with_region) + ctx.reports(page, region, target),
        "deadline": tx.date(target.deadline, ctx.lang),
        "status": ctx.t(f"status_{target.status}"),
        "latest": ctx.cited(page, region, base, ctx.value(base)) + ctx.lang.paren(ctx.period(base)) if base else "—",
        "progress": f"{base.normalized / target.normalized:.0%}" if base and target.normalized else "—",
        "line": ctx.line(target, with_region),
    }


def event_row(ctx: Ctx, page: str, region: m.Region, event: m.Event, with_region: bool = True) -> dict[str, Any]:
    return {
        "anchor": row_anchor(region.id, event, with_region),
        "sort": event.date,
        "date": ctx.cited(page, region, event, ctx.event_date(event), with_region) + ctx.reports(page, region, event),
        "region": ctx.region_link(page, region),
        "type": ctx.t(f"type_{event.type}"),
        "title": ctx.label(event.title) + _where(ctx, event, region) + ("" if with_region else ctx.evidence(event)),
    }


def _where(ctx: Ctx, record: m.Quantity | m.Event, region: m.Region) -> str:
    """A target's or event's scope and subject, in small print under its title."""
    where = ctx.where_note(record, region)
    return f"<br><small>{where}</small>" if where else ""


def headline_facts(ctx: Ctx, region: m.Region, limit: int = 6) -> list[m.Fact]:
    """The facts marked `key: true`, in file order; else region-level facts by headline group."""
    marked = [f for f in region.facts if f.key]
    if marked:
        return marked[:limit]
    order = {g: i for i, g in enumerate(HEADLINE_GROUPS)}

    def rank(fact: m.Fact) -> tuple[int, int]:
        metric = ctx.ds.metrics.get(fact.metric)
        return (order.get(metric.group, 99) if metric else 99, region.facts.index(fact))

    candidates = [f for f in region.facts if f.subject is None and f.scope is None]
    candidates.sort(key=rank)
    picked: list[m.Fact] = []
    for fact in candidates:  # one figure per metric
        if all(p.metric != fact.metric for p in picked):
            picked.append(fact)
    return picked[:limit]


def headline_line(ctx: Ctx, page: str, region: m.Region, fact: m.Fact) -> str:
    """'工业总产值（亦庄新城）：达到5200亿元' — the scope must travel with the number."""
    where = ctx.where_note(fact, region)
    label = ctx.label(ctx.ds.metrics[fact.metric].label) + (ctx.lang.paren(where) if where else "")
    return f"{label}{ctx.lang.colon}{ctx.cited(page, region, fact, ctx.value(fact))}"


def region_rows(ctx: Ctx, page: str, regions: Iterable[m.Region] | None = None) -> list[dict[str, Any]]:
    """One row per region (default: all, in data order): its names, level, province and headline
    figures (home and regions index)."""
    rows = []
    for region in ctx.ds.regions.values() if regions is None else regions:
        rows.append(
            {
                "name": ctx.region_link(page, region),
                # the full name, when it says more than the short one
                # the full name under the short one, where the edition's language has two ("Huaying" has one)
                "full": ctx.label(region.profile.name) if ctx.label(region.profile.name) != ctx.name(region) else "",
                "level": ctx.t("level_" + region.profile.level),
                "province": ctx.label(region.profile.province) if region.profile.province else ctx.t("not_stated"),
                "headline": "<br>".join(headline_line(ctx, page, region, f) for f in headline_facts(ctx, region, 3))
                or f"<small>{tx.md(ctx.t('no_figures_short'))}</small>",
                "counts": f"{len(region.facts)} / {len(region.events)}",
            }
        )
    return rows
