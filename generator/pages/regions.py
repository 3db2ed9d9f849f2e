"""The regions: a listing of all of them, and one profile page per region."""

from __future__ import annotations

from typing import Any

from generator import models as m
from generator import navigation
from generator import text as tx
from generator.pages import figures, tilemap
from generator.pages.base import Ctx, Page, fold
from generator.pages.rows import event_row, fact_row, headline_facts, region_rows, target_row
from generator.paths import REGIONS, citations_json, cluster_path, fact_anchor, link, region_path, shared_url
from generator.search import SEPARATOR, Entry, listed

COMPARISONS = 3  # bar charts on a region page: its comparisons with most regions
# A region page with more rows of facts, targets and events than this shows their tables folded:
# closed <details>, opened by a click, by a link to one of their rows, by find-in-page and for
# printing. Their style and layout was what kept a phone busy: Beijing E-Town's 82 rows took
# Lighthouse's total blocking time from 185 ms (folded) to 580 ms (open). Shorter pages show
# them open. (`python benchmarks/lighthouse.py --root . --pages regions/yizhuang/`)
FOLD_ROWS = 20


def pages(ctx: Ctx) -> list[Page]:
    listing = Page(
        REGIONS,
        "regions.md.j2",
        ctx.t("regions"),
        lambda: _listing(ctx),
        index=True,
        search=listed(ctx.t("regions"), ctx.t("region_overview"), ctx.t("all_regions")),
    )
    return [listing, *(_page(ctx, region) for region in ctx.ds.regions.values())]


def _listing(ctx: Ctx) -> dict[str, Any]:
    """The tile map, and every region by province (in the registry's order, data order within one):
    the first row of a province holds the anchor its tile links to."""
    anchors = tilemap.anchors(ctx.ds)
    rows_of = zip(ctx.ds.regions.values(), region_rows(ctx, REGIONS), strict=True)  # a row per region, in data order
    placed = navigation.by_province(ctx.ds, list(rows_of))
    rows = []
    for region, row in placed:
        province = region.profile.province.zh if region.profile.province else ""
        rows.append({**row, "anchor": anchors.pop(province, "")})  # popped: only the first row gets it
    return {"regions": rows, **tilemap.context(ctx, REGIONS)}


def _page(ctx: Ctx, region: m.Region) -> Page:
    title = ctx.lang.pick(region.profile.short_name)
    # a search for the region's name lists its page first, before the articles and clusters that
    # name it too (tests/test_browser.py, test_english_browser.py)
    names = tuple(dict.fromkeys([title, ctx.lang.pick(region.profile.name)]))
    return Page(
        region_path(region.id), "region.md.j2", title, lambda: context(ctx, region), names=names, search=lambda: _search(ctx, region, names)
    )


def _search(ctx: Ctx, region: m.Region, names: tuple[str, ...]) -> list[Entry]:
    """What a search finds on a region's page: its names, summary and place; each fact by its
    metric, value and period (an entry per metric, at its row); its clusters, targets and events. Not the charts, quotes and
    citations: the same facts again, which made the index four times as large."""
    pick, p = ctx.lang.pick, region.profile
    place = (ctx.t("level_" + p.level), pick(p.province) if p.province else "", pick(p.parent) if p.parent else "")
    entries = [Entry("", pick(p.short_name), (pick(p.name), pick(p.summary), *place, *p.aliases), names)]
    clusters = [(ctx.ds.clusters[c.cluster], c) for c in region.clusters if c.cluster in ctx.ds.clusters]
    if clusters:
        entries.append(Entry("clusters", ctx.t("clusters"), tuple(f"{pick(cl.name)} {ctx.t('role_' + c.role)}" for cl, c in clusters)))
    # each metric's facts are an entry of their own, at the first one's row, titled with the metric
    # and each value with its period: a search for "工业总产值 5200" then finds it first (material
    # weighs a title a thousand times the text; in one section listing all facts it lost to every
    # comparison titled with the metric)
    by_metric: dict[str, list[m.Fact]] = {}
    for fact in region.facts:
        by_metric.setdefault(fact.metric, []).append(fact)
    for metric, facts in by_metric.items():
        values = SEPARATOR.join(_plain(ctx.value(f), ctx.period(f)) for f in facts)
        entries.append(Entry(fact_anchor(facts[0]), f"{_plain(ctx.label(ctx.ds.metrics[metric].label))} {values}"))
    if region.targets:  # (the value only where the title does not already say it)
        targets = (_plain(ctx.label(t.title), "" if _says(ctx, t) else ctx.value(t), tx.date(t.deadline, ctx.lang)) for t in region.targets)
        entries.append(Entry("targets", ctx.t("targets"), tuple(targets)))
    if region.events:
        events = (_plain(ctx.event_date(e), ctx.label(e.title)) for e in sorted(region.events, key=lambda e: e.date))
        entries.append(Entry("events", ctx.t("events"), tuple(events)))
    return entries


def _plain(*markdown: str) -> str:
    """Pieces of a page (escaped Markdown) as one line of plain text."""
    return " ".join(tx.unmarked(piece) for piece in markdown if piece)


def _says(ctx: Ctx, target: m.Target) -> bool:
    """Whether a Chinese target's title prints its number (most do: "到2025年……突破2000亿元")."""
    return ctx.lang.primary == "zh" and any(form in target.title.zh for form in tx.number_forms(target.value))


def nav(ctx: Ctx) -> dict[str, Any]:
    pick = ctx.lang.pick
    placed: list[navigation.Placed] = [(r, {pick(r.profile.short_name): region_path(r.id)}) for r in ctx.ds.regions.values()]
    return {ctx.t("regions"): [REGIONS, *navigation.by_place(ctx.ds, pick, placed)]}


def context(ctx: Ctx, region: m.Region) -> dict[str, Any]:
    page = region_path(region.id)
    p = region.profile
    folded = len(region.facts) + len(region.targets) + len(region.events) > FOLD_ROWS
    return {
        "name": ctx.named(p.name),
        "short": ctx.named(p.short_name),  # 'Beijing E-Town (亦庄)': the name in the sources, once
        "summary": ctx.label(p.summary),
        "level": ctx.t("level_" + p.level),
        "province": ctx.label(p.province) if p.province else ctx.t("not_stated"),  # left out, not invented
        "parent": ctx.label(p.parent),
        "aliases": ctx.chinese(ctx.lang.join(tx.md(a) for a in p.aliases)),  # the names the Chinese texts use
        "coordinates": f"{p.coordinates[0]:.2f}, {p.coordinates[1]:.2f}" if p.coordinates else ctx.t("not_stated"),
        "cards": [_card(ctx, page, region, fact) for fact in headline_facts(ctx, region)],
        "comparisons": [
            figures.bars(ctx, page, comparison, focus=region, limit=figures.REGION_BAR_LIMIT)
            for comparison in ctx.index.drawn(region)[:COMPARISONS]
        ],
        "timeline_chart": figures.timeline(ctx, page, [region]),
        "targets_chart": figures.targets(ctx, page, [region]),
        "clusters": _clusters(ctx, page, region),
        "fact_groups": _fact_groups(ctx, page, region, folded),
        "report": ctx.report_base(region),
        "targets": [target_row(ctx, page, region, t) for t in region.targets],
        "targets_fold": fold(ctx.t("target_details", n=len(region.targets)), folded),
        "events": sorted((event_row(ctx, page, region, e, with_region=False) for e in region.events), key=lambda r: r["sort"]),
        "events_fold": fold(ctx.t("event_details", n=len(region.events)), folded),
        "articles": [ctx.article_link(page, ctx.ds.articles[a]) for a in sorted(region.articles()) if a in ctx.ds.articles],
        "holds": "" if region.facts else _holds(ctx, region),
        "updated": ctx.t("updated", date=tx.date(ctx.history.date_of(ctx.ds.where(region)[0]), ctx.lang)),
        # where cite.js finds the citations of this page's records (one file per region, both languages)
        "citations": shared_url(page, ctx.lang.primary, citations_json(region.id)),
        "built": ctx.history.today,
    }


def _fact_groups(ctx: Ctx, page: str, region: m.Region, folded: bool) -> list[dict[str, Any]]:
    """The region's facts by their metric's group (in the registry's order, data order within
    one), each a collapsible block: a reader sees which topics there are and how many figures each."""
    by_group: dict[str, list[m.Fact]] = {gid: [] for gid in ctx.ds.groups}
    for fact in region.facts:
        by_group[ctx.ds.metrics[fact.metric].group].append(fact)
    return [
        {
            # zr-facts: site.css gives these tables one set of column widths, so they line up
            "fold": fold(ctx.t("fact_group", group=ctx.lang.pick(ctx.ds.groups[gid].label), n=len(facts)), folded, "zr-facts"),
            "rows": [fact_row(ctx, page, region, f) for f in facts],
        }
        for gid, facts in by_group.items()
        if facts
    ]


def _holds(ctx: Ctx, region: m.Region) -> str:
    """What the sources do say about a region they give no figures for (instead of empty sections)."""
    counts = [("count_events", len(region.events)), ("count_targets", len(region.targets)), ("count_clusters", len(region.clusters))]
    what = ctx.lang.join(ctx.t(key, n=n) for key, n in counts if n)
    return tx.md(ctx.t("no_figures", name=ctx.lang.pick(region.profile.short_name), what=what or "—"))


def _card(ctx: Ctx, page: str, region: m.Region, fact: m.Fact) -> dict[str, str]:
    metric = ctx.ds.metrics[fact.metric]
    return {
        "value": ctx.cited(page, region, fact, ctx.value(fact)),
        "label": ctx.label(metric.label),
        "period": ctx.period(fact),
        "where": ctx.where_note(fact, region),  # the card of 亦庄新城's output must say 亦庄新城
    }


def _clusters(ctx: Ctx, page: str, region: m.Region) -> list[dict[str, str]]:
    rows = []
    for entry in region.clusters:
        cluster = ctx.ds.clusters.get(entry.cluster)
        if cluster:
            rows.append(
                {
                    "name": f"[{ctx.label(cluster.name)}]({link(page, cluster_path(cluster.id))})",
                    "role": ctx.cited(page, region, entry, ctx.t("role_" + entry.role), False) + ctx.evidence(entry),
                }
            )
    return rows
