"""The home page: what the site is, where the regions are (the tile map), the regions at a glance,
the most compared metrics, the latest events, how to read and cite."""

from __future__ import annotations

from typing import Any

from generator import models as m
from generator.pages import tilemap
from generator.pages.base import Ctx, Page
from generator.pages.figures import bars
from generator.pages.rows import event_row, region_rows
from generator.paths import HOME

CHARTS = 2  # the comparisons with most regions
LATEST = 8  # events
# Regions in the "at a glance" table. With hundreds of regions a row for each made the home the
# heaviest page of the site; the tile map and the regions index (every region) show the rest.
OVERVIEW = 12


def pages(ctx: Ctx) -> list[Page]:
    return [Page(HOME, "home.md.j2", ctx.t("site_name"), lambda: context(ctx), index=True, hide=["navigation"])]


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("home"): HOME}


def context(ctx: Ctx) -> dict[str, Any]:
    regions = ctx.ds.regions.values()
    return {
        "regions": region_rows(ctx, HOME, _overview(ctx)),
        "regions_left_out": max(0, len(ctx.ds.regions) - OVERVIEW),
        "charts": [bars(ctx, HOME, comparison) for comparison in ctx.index.drawn()[:CHARTS]],
        "latest": [event_row(ctx, HOME, region, event) for region, event in ctx.index.events[:LATEST]],
        **tilemap.context(ctx, HOME),
        "counts": {
            "regions": len(ctx.ds.regions),
            "facts": sum(len(r.facts) for r in regions),
            "events": sum(len(r.events) for r in regions),
            "articles": len(ctx.ds.articles),
        },
    }


def _overview(ctx: Ctx) -> list[m.Region]:
    """The regions the home's table shows: every one, in data order, up to OVERVIEW; beyond that the
    OVERVIEW with the most figures, most first (data order among equals)."""
    regions = list(ctx.ds.regions.values())
    if len(regions) <= OVERVIEW:
        return regions
    return sorted(regions, key=lambda region: -len(region.facts))[:OVERVIEW]
