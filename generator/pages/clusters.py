"""Industry clusters: the region × cluster matrix with the taxonomy, and one page per cluster with
its regions, facts and events."""

from __future__ import annotations

from typing import Any

from generator import models as m
from generator.pages import figures
from generator.pages.base import Ctx, Page
from generator.pages.rows import event_row, fact_row
from generator.paths import CLUSTERS, cluster_path, link
from generator.search import Entry, listed


def pages(ctx: Ctx) -> list[Page]:
    listing = Page(
        CLUSTERS,
        "clusters.md.j2",
        ctx.t("clusters"),
        lambda: _listing(ctx),
        index=True,
        search=listed(ctx.t("clusters"), ctx.t("cluster_matrix")),
    )
    return [listing, *(_page(ctx, cluster) for cluster in ctx.ds.clusters.values())]


def _page(ctx: Ctx, cluster: m.Cluster) -> Page:
    title = ctx.lang.pick(cluster.name)
    return Page(cluster_path(cluster.id), "cluster.md.j2", title, lambda: context(ctx, cluster), search=lambda: _search(ctx, cluster))


def _search(ctx: Ctx, cluster: m.Cluster) -> list[Entry]:
    """A cluster by its name (in both languages) and description, and the regions that name it."""
    pick = ctx.lang.pick
    regions = [pick(r.profile.short_name) for r in ctx.ds.regions.values() if any(e.cluster == cluster.id for e in r.clusters)]
    return [Entry("", pick(cluster.name), (cluster.name.zh, pick(cluster.description), ctx.lang.join(regions)))]


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("clusters"): [CLUSTERS, *[{ctx.lang.pick(cl.name): cluster_path(cl.id)} for cl in ctx.ds.clusters.values()]]}


def context(ctx: Ctx, cluster: m.Cluster) -> dict[str, Any]:
    page = cluster_path(cluster.id)
    roles, facts, events = [], [], []
    for region in ctx.ds.regions.values():
        for entry in region.clusters:
            if entry.cluster == cluster.id:
                role = ctx.cited(page, region, entry, ctx.t("role_" + entry.role))
                roles.append({"region": ctx.region_link(page, region), "role": role})
    for region, record in ctx.index.by_cluster.get(cluster.id, []):
        if isinstance(record, m.Fact):
            facts.append(fact_row(ctx, page, region, record, with_region=True))
        elif isinstance(record, m.Event):
            events.append(event_row(ctx, page, region, record))
    return {
        "label": ctx.label(cluster.name),
        "description": ctx.label(cluster.description),
        "roles": roles,
        "facts": facts,
        "events": events,
    }


def _listing(ctx: Ctx) -> dict[str, Any]:
    page = CLUSTERS
    used = [c for c in ctx.ds.clusters.values() if any(e.cluster == c.id for r in ctx.ds.regions.values() for e in r.clusters)]
    header = [ctx.t("region"), *(f"[{ctx.label(c.name)}]({link(page, cluster_path(c.id))})" for c in used)]
    rows = []
    for region in ctx.ds.regions.values():
        roles = {e.cluster: e.role for e in region.clusters}
        rows.append([ctx.region_link(page, region)] + [ctx.t("role_" + roles[c.id]) if c.id in roles else "" for c in used])
    listing = [
        {"link": f"[{ctx.label(c.name)}]({link(page, cluster_path(c.id))})", "description": ctx.label(c.description)}
        for c in ctx.ds.clusters.values()
    ]
    return {"chart": figures.matrix(ctx, page), "header": header, "rows": rows, "clusters": listing}
