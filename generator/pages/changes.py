"""What changed: the last data versions (git history of data/, `changes.py`), newest first, each
with the facts, targets and events it added, changed and removed; and the Atom feed of the added
and changed ones (`FEED`), which every page's head links to (overrides/main.html).

A record still in the data links to its row on its region's page; a removed one, or one removed
by a later version, is named without a link (a strict build refuses a link to a missing anchor).
Each edition makes its own page and feed, in its language.
"""

from __future__ import annotations

from typing import Any

from generator import changes, feed
from generator import models as m
from generator import text as tx
from generator.changes import RecordChange, Version, Versions
from generator.factdiff import KINDS
from generator.pages.base import Ctx, Page, rank_among
from generator.paths import CHANGES, FEED, fact_anchor, link, page_url, region_path, version_anchor
from generator.search import Entry

ROWS = 50  # records listed per version: a first import of hundreds of regions adds thousands
FEED_ENTRIES = 100  # the newest added and changed records


def pages(ctx: Ctx) -> list[Page]:
    entries = [Entry("", ctx.t("changes"))]  # found by its name; the records are on their regions' pages
    # no feed from a build without the site's address: an entry's id and links must be absolute
    feed_file = (lambda: {FEED: atom(ctx)}) if ctx.site_url else None
    return [Page(CHANGES, "changes.md.j2", ctx.t("changes"), lambda: context(ctx), index=True, search=lambda: entries, files=feed_file)]


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("changes"): CHANGES}


def _history(ctx: Ctx) -> Versions:
    """The history: one `git log` (a few ms) for the page and one for the feed; each version is
    compared once per process (`changes.read`)."""
    return changes.read(ctx.ds.root)


# ---------------------------------------------------------------------------------------------
# The page


def context(ctx: Ctx) -> dict[str, Any]:
    history = _history(ctx)
    live = _live(ctx)
    return {
        "intro": tx.md(ctx.t("changes_intro", n=changes.LIMIT)),
        "feed": link(CHANGES, FEED) if ctx.site_url else "",
        "feed_label": tx.md(ctx.t("changes_feed")),
        "unavailable": "" if history.available else tx.md(ctx.t("changes_unavailable")),
        "versions": [_version(ctx, version, live) for version in history.versions],
    }


def _live(ctx: Ctx) -> set[tuple[str, str, str]]:
    """(region, kind, id) of every record in today's data: those have a row to link to."""
    return {(r.id, kind, record.id) for r in ctx.ds.regions.values() for kind in KINDS for record in getattr(r, kind)}


def _version(ctx: Ctx, version: Version, live: set[tuple[str, str, str]]) -> dict[str, Any]:
    shown = version.changes[:ROWS]
    counts = {status: version.count(status) for status in ("added", "changed", "removed")}
    return {
        "title": f"{tx.date(version.date, ctx.lang)} · {tx.md(version.short)}",
        "anchor": version_anchor(version.commit),
        "counts": tx.md(ctx.t("changes_counts", **counts)) if version.changes else tx.md(ctx.t("changes_none")),
        "rows": [_row(ctx, change, live) for change in shown],
        "more": tx.md(ctx.t("changes_more", n=len(version.changes) - len(shown))) if len(version.changes) > len(shown) else "",
        "files": tx.md(ctx.t("changes_files", files=ctx.lang.join(version.files))) if version.files else "",
        "unreadable": tx.md(ctx.t("changes_unreadable", files=ctx.lang.join(version.unreadable))) if version.unreadable else "",
    }


def _row(ctx: Ctx, change: RecordChange, live: set[tuple[str, str, str]]) -> dict[str, str]:
    what = _shown(ctx, describe(ctx, change))
    region = ctx.ds.regions.get(change.region)
    if change.status != "removed" and (change.region, change.kind, change.id) in live:
        record = change.new
        assert record is not None
        what = f"[{what}]({link(CHANGES, region_path(change.region), fact_anchor(record))})"
    elif change.status != "removed" and region is not None:  # added or changed then, removed by a later version
        # (a region not in this build at all may be outside a focused preview: no claim then)
        what += f" <small>{tx.md(ctx.lang.paren(ctx.t('changes_gone')).strip())}</small>"
    if change.status == "changed":  # beside the link, not in it: what changed is not the record's name
        what += f" <small>{_shown(ctx, what_changed(ctx, change))}</small>"
    return {
        "change": tx.md(ctx.t("change_what", status=ctx.t(f"change_{change.status}"), kind=ctx.t(f"change_kind_{change.kind}"))),
        "region": ctx.region_link(CHANGES, region) if region else _shown(ctx, ctx.lang.pick(change.at.profile.short_name)),
        "what": what,
    }


def _shown(ctx: Ctx, plain: str) -> str:
    """Plain text from the data as the page shows it: escaped, and in an edition of another
    language the Chinese in it marked as Chinese (as `Ctx.label` does)."""
    escaped = tx.md(plain)
    return escaped if ctx.lang.primary == "zh" else tx.mark_chinese(escaped)


def describe(ctx: Ctx, change: RecordChange) -> str:
    """A record as plain text: 'metric: value (period)', a target's title (deadline), an event's
    title (date); then what it is about when not the whole region (its industry, scope, subject):
    a figure for a part of a region must never read as the region's."""
    record = change.new or change.old
    assert record is not None
    if isinstance(record, m.Event):
        text = ctx.lang.pick(record.title) + ctx.lang.paren(ctx.event_date(record))
    elif isinstance(record, m.Target):  # its title states the value already
        text = ctx.lang.pick(record.title) + ctx.lang.paren(tx.date(record.deadline, ctx.lang))
    else:
        assert isinstance(record, m.Fact)
        metric = ctx.ds.metrics.get(record.metric)
        label = ctx.lang.pick(metric.label) if metric else record.metric
        text = f"{label}{ctx.lang.colon}{_value(ctx, record)}{ctx.lang.paren(ctx.period(record))}"
    # what the record is about as the data says it now, when it is still there: a correction of its
    # scope or subject applies to what was said of it before too
    region, now = ctx.ds.regions.get(change.region), _now(ctx, change)
    about = _about(ctx, region, now) if region is not None and now is not None else _about(ctx, change.at, record)
    return text + (ctx.lang.paren(about) if about else "")


def _now(ctx: Ctx, change: RecordChange) -> m.Fact | m.Target | m.Event | None:
    """The record in today's data, if it is there."""
    region = ctx.ds.regions.get(change.region)
    records: list[m.Fact] | list[m.Target] | list[m.Event] = getattr(region, change.kind) if region else []
    return next((record for record in records if record.id == change.id), None)


def _about(ctx: Ctx, region: m.Region, record: m.Fact | m.Target | m.Event) -> str:
    """Its industry (for a metric of one industry at a time), scope and subject, as `Ctx.where_note`
    says them on the other pages, in plain text and from the region as it was at the version."""
    parts = []
    metric = ctx.ds.metrics.get(record.metric) if isinstance(record, m.Quantity) else None
    cluster = ctx.ds.clusters.get(record.cluster or "") if metric is not None and metric.per_cluster else None
    if cluster is not None:
        parts.append(ctx.lang.pick(cluster.name))
    scope = {s.id: s for s in region.profile.scopes}.get(record.scope or "")
    parts += [ctx.lang.pick(scope.name) if scope else "", ctx.lang.pick(record.subject)]
    return ctx.lang.sep(part for part in parts if part)


# what a changed field is called (messages.yml: field_*); a field not here is not named
FIELD_WORDS = {
    **dict.fromkeys(("value", "value_max", "scale", "unit", "qualifier", "written"), "value"),
    **dict.fromkeys(("quote", "reports"), "quote"),
    **{name: name for name in ("period", "deadline", "status", "source", "scope", "subject", "note", "metric", "date", "type")},
    **{name: name for name in ("cluster", "title", "inferred")},
}


def what_changed(ctx: Ctx, change: RecordChange) -> str:
    """'1200亿元 → 1300亿元（改动：数值、原文）' — a changed value, then the fields that changed."""
    assert change.old is not None and change.new is not None
    old, new = change.old.model_dump(), change.new.model_dump()
    words = dict.fromkeys(FIELD_WORDS[k] for k in FIELD_WORDS if old.get(k) != new.get(k))  # once each, in order
    text = ""
    if isinstance(change.old, m.Quantity) and isinstance(change.new, m.Quantity) and "value" in words:
        text = ctx.t("change_was", old=_value(ctx, change.old), new=_value(ctx, change.new))
    return (text + (ctx.t("change_fields", fields=ctx.lang.join(ctx.t(f"field_{w}") for w in words)) if words else "")).strip()


def _value(ctx: Ctx, q: m.Quantity) -> str:
    # not Ctx.value: it keeps values by id(), and these records come and go with the history
    # a ranking's place is the region's city, which a removed region no longer tells: '1st'
    return tx.quantity(q, ctx.unit_label(q.unit), None, ctx.lang, rank_among(ctx.ds, None, q, ctx.lang))


# ---------------------------------------------------------------------------------------------
# The feed


def atom(ctx: Ctx) -> str:
    """The Atom feed: the newest added and changed facts, targets and events, each linking to its
    row on its region's page (or, when it is no longer in the data, to its version here)."""
    history = _history(ctx)
    base = ctx.site_url.rstrip("/") + "/"
    page = base + page_url(CHANGES)
    live = _live(ctx)
    site = ctx.t("site_name")
    items = [
        _item(ctx, version, change, page, base, live)
        for version in history.versions
        for change in version.changes
        if change.status != "removed"
    ][:FEED_ENTRIES]
    newest = history.versions[0].time if history.versions else ctx.history.today
    channel = feed.Channel(
        id=page,
        title=ctx.t("changes_feed_title", site=site),
        page=page,
        self_url=base + FEED,
        updated=newest,
        author=site,
        lang=ctx.lang.primary,
        rights="CC BY 4.0",
    )
    return feed.atom(channel, items)


def _item(ctx: Ctx, version: Version, change: RecordChange, page: str, base: str, live: set[tuple[str, str, str]]) -> feed.Item:
    record = change.new
    assert record is not None  # added or changed
    region = ctx.ds.regions.get(change.region)
    anchor = fact_anchor(record)
    here = (change.region, change.kind, change.id) in live
    title = ctx.t(
        "change_entry",
        status=ctx.t(f"change_{change.status}"),
        kind=ctx.t(f"change_kind_{change.kind}"),
        region=ctx.lang.pick(region.profile.short_name if region else change.at.profile.short_name),
        what=ctx.lang.sep([describe(ctx, change), *([what_changed(ctx, change)] if change.status == "changed" else [])]),
    )
    return feed.Item(
        id=f"{page}#{version.commit}/{change.region}/{anchor}",
        title=title,
        link=f"{base}{page_url(region_path(change.region))}#{anchor}" if here else f"{page}#{version_anchor(version.commit)}",
        updated=version.time,
        summary=f"“{' '.join(record.quote.split())}”",
    )
