"""Downloads: the facts, events and targets as CSV and JSON (one record per row, with a citation
line), the search dictionary, and the page that lists them."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from generator import citations
from generator import models as m
from generator import text as tx
from generator.pages.base import Ctx, Page
from generator.paths import DEFAULT_EDITION, EDITIONS, citations_json, edition_url, fact_anchor
from generator.paths import DOWNLOADS as PAGE
from generator.search import jieba_dictionary


def pages(ctx: Ctx) -> list[Page]:
    """The downloads page. One set of files serves every edition: the default edition makes them,
    and the page of another edition links to them there."""
    home = "" if ctx.lang.primary == DEFAULT_EDITION else edition_url("downloads/", ctx.lang.primary, DEFAULT_EDITION)
    names = [(name.removeprefix("downloads/"), key) for name, key in DOWNLOADS]
    files = [{"name": name, "href": home + name, "label": ctx.t(key)} for name, key in names]
    made = (lambda: build(ctx)) if ctx.lang.primary == DEFAULT_EDITION else None
    version = tx.md(tx.data_version(ctx.history, ctx.lang))  # which data the files hold
    return [Page(PAGE, "downloads.md.j2", ctx.t("downloads"), lambda: {"files": files, "version": version}, index=True, files=made)]


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("downloads"): PAGE}


DOWNLOADS = [
    ("downloads/facts.csv", "dl_facts_csv"),
    ("downloads/facts.json", "dl_facts_json"),
    ("downloads/events.csv", "dl_events_csv"),
    ("downloads/events.json", "dl_events_json"),
    ("downloads/targets.csv", "dl_targets_csv"),
    ("downloads/targets.json", "dl_targets_json"),
    ("downloads/jieba-userdict.txt", "dl_userdict"),
]
LANGS = [tx.Lang(lang) for lang in EDITIONS]  # every record carries its labels and its citation in each


def build(ctx: Ctx) -> dict[str, str]:
    """The files, with every reader-visible field in each language (*_zh, *_en) and a citation in each."""
    root = ctx.site_url.rstrip("/") + "/"
    facts = [row for region in ctx.ds.regions.values() for row in _quantities(ctx, region, region.facts, root)]
    targets = [row for region in ctx.ds.regions.values() for row in _quantities(ctx, region, region.targets, root)]
    events = [row for region in ctx.ds.regions.values() for row in _events(ctx, region, root)]
    return {
        "downloads/facts.csv": _csv(facts),
        "downloads/facts.json": _json(facts),
        "downloads/events.csv": _csv(events),
        "downloads/events.json": _json(events),
        "downloads/targets.csv": _csv(targets),
        "downloads/targets.json": _json(targets),
        "downloads/jieba-userdict.txt": jieba_dictionary(ctx.ds),
        **_citations(ctx, [*facts, *targets, *events]),
    }


def _citations(ctx: Ctx, rows: list[dict[str, Any]]) -> dict[str, str]:
    """One small file per region: each record's citations by its anchor on the region page — what
    a region page's "cite" buttons fetch (cite.js), instead of every page carrying every citation."""
    by_region: dict[str, dict[str, dict[str, str]]] = {region: {} for region in ctx.ds.regions}
    for row in rows:
        anchor = row["url"].rpartition("#")[2]
        by_region[row["region"]][anchor] = {lang.primary: row[f"citation_{lang.primary}"] for lang in LANGS}
    return {citations_json(region): _JSON.encode(cited) for region, cited in by_region.items()}


def _both(name: str, text: m.Bilingual | None) -> dict[str, str]:
    return {f"{name}_{lang.primary}": lang.pick(text) for lang in LANGS}


def _base(ctx: Ctx, region: m.Region, record: m.Quantity | m.Event, root: str) -> dict[str, Any]:
    """What every row has: the region, the source and quote (and further reports), and what the
    figure or event is about when not the whole region — a citation without it would mislead."""
    article = ctx.ds.articles[record.source]
    scope = {s.id: s for s in region.profile.scopes}.get(record.scope or "")
    anchor = fact_anchor(record)
    return {
        "region": region.id,
        **_both("region", region.profile.short_name),
        "source": article.id,
        **_both("source_title", article.title),
        "source_file": article.file,
        "quote": record.quote,
        "reports": "; ".join(r.source for r in record.reports),
        "report_quotes": " | ".join(r.quote for r in record.reports),
        "scope": record.scope or "",
        **_both("scope", scope.name if scope else None),
        **_both("subject", record.subject),
        # the permalink in each edition: url (the default's), url_en …
        **{_url_key(lang): f"{root}{folder}regions/{region.id}/#{anchor}" for lang, folder in EDITIONS.items()},
    }


def _url_key(lang: str) -> str:
    return "url" if lang == DEFAULT_EDITION else f"url_{lang}"


def _quantities(ctx: Ctx, region: m.Region, records: list[m.Fact] | list[m.Target], root: str) -> Iterator[dict[str, Any]]:
    for q in records:
        metric, unit = ctx.ds.metrics[q.metric], ctx.ds.units[q.unit]
        row = _base(ctx, region, q, root)
        when = q.period if isinstance(q, m.Fact) else q.deadline
        row.update(
            id=f"{region.id}/{q.id}",
            metric=metric.id,
            **_both("metric", metric.label),
            value=q.value,
            value_max=q.value_max if q.value_max is not None else "",
            scale=q.scale,
            normalized=q.normalized,
            normalized_max=q.normalized_max if q.normalized_max is not None else "",
            unit=unit.id,
            **_both("unit", unit.label),
            qualifier=q.qualifier or "",
            qualifier_meaning=m.QUALIFIERS.get(q.qualifier or "", "exact"),
            period=when,
            inferred=q.inferred,
            cluster=q.cluster or "",
            **_both("note", q.note),
        )
        if isinstance(q, m.Target):
            row.update(deadline=q.deadline, status=q.status, **_both("title", q.title))
        row.update({f"citation_{lang}": text for lang, text in citations.record(ctx, region, q).items()})
        yield row


def _events(ctx: Ctx, region: m.Region, root: str) -> Iterator[dict[str, Any]]:
    for event in region.events:
        row = _base(ctx, region, event, root)
        row.update(
            id=f"{region.id}/{event.id}",
            date=event.date,
            precision=event.precision,
            inferred=event.inferred,
            type=event.type,
            **_both("title", event.title),
            cluster=event.cluster or "",
        )
        row.update({f"citation_{lang}": text for lang, text in citations.record(ctx, region, event).items()})
        yield row


def _csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    fields = list(rows[0])
    # CRLF as RFC 4180 says; with "\n" a cell holding a lone "\r" was written unquoted and split the row.
    # Not DictWriter: its per-row key check doubled the time.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([_cell(row.get(field, "")) for field in fields] for row in rows)
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 CSV with Chinese correctly only with it


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will show as text, never run (OWASP's advice for CSV
    injection: text starting with = + - @ tab or CR gets a leading single quote). Numbers stay
    numbers, and so does text that is a plain number ("-5"); JSON downloads are not changed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _json(rows: list[dict[str, Any]]) -> str:
    """One record per line: readable in a diff, and C-encoded (indent= would use the slow encoder)."""
    return "[\n" + ",\n".join(map(_JSON.encode, rows)) + "\n]\n"


_JSON = json.JSONEncoder(ensure_ascii=False)
