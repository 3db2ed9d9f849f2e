"""The combined timeline: every region's events and targets.

The chart shows every kind of event of every region that reports any (one lane each, in the
regions' order: it grows linearly with them), and says how many report none; the tables below it
list the policies and plans first, the other events folded, then the targets (folded on a long
page)."""

from __future__ import annotations

from typing import Any

from generator.pages import figures
from generator.pages.base import Ctx, Page, fold
from generator.pages.regions import FOLD_ROWS
from generator.pages.rows import event_row, target_row
from generator.paths import TIMELINE
from generator.search import Entry


def pages(ctx: Ctx) -> list[Page]:
    # found by its name: its events are found on their regions' pages
    entries = [Entry("", ctx.t("timeline"))]
    return [Page(TIMELINE, "timeline.md.j2", ctx.t("timeline"), lambda: context(ctx), index=True, search=lambda: entries)]


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("timeline"): TIMELINE}


POLICY = {"policy", "plan"}  # what the policy timeline shows; other kinds are folded away


def context(ctx: Ctx) -> dict[str, Any]:
    regions = list(ctx.ds.regions.values())
    targets = [target_row(ctx, TIMELINE, r, t, with_region=True) for r in regions for t in r.targets]
    targets.sort(key=lambda row: row["deadline"])
    others = [(r, e) for r, e in ctx.index.events if e.type not in POLICY]
    kinds = dict.fromkeys(e.type for _r, e in others)  # in the order they occur, once each
    policies = [event_row(ctx, TIMELINE, r, e) for r, e in ctx.index.events if e.type in POLICY]
    return {
        "chart": figures.timeline(ctx, TIMELINE, regions),
        "silent": sum(1 for r in regions if not r.events and not r.targets),
        "events": policies,
        "others": [event_row(ctx, TIMELINE, r, e) for r, e in others],
        "other_types": ctx.lang.join(ctx.t(f"type_{kind}") for kind in sorted(kinds)),
        "targets": targets,
        # closed on a long page, as a region page's tables are (its reason: regions.FOLD_ROWS): open,
        # the 16 targets of today's data kept /timeline/'s Lighthouse performance at 87 (folded: 95)
        "targets_fold": fold(ctx.t("target_details", n=len(targets)), len(policies) + len(targets) > FOLD_ROWS),
        # a region without events has no #events section to land on (a strict build refuses the link)
        "regions": [ctx.region_link(TIMELINE, r, "events" if r.events else "") for r in regions],
    }
