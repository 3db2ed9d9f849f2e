"""Downloads: the facts, events and targets as CSV and JSON (one record per row, with a citation
line), the search dictionary, and the page that lists them."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from generator import models as m
from generator import text as tx
from generator.load import Dataset
from generator.pages.base import Ctx, Page
from generator.paths import DOWNLOADS as PAGE
from generator.paths import fact_anchor
from generator.search import jieba_dictionary


def pages(ctx: Ctx) -> list[Page]:
    files = [{"name": name.removeprefix("downloads/"), "label": ctx.lang.both(key)} for name, key in DOWNLOADS]
    return [Page(PAGE, "downloads.md.j2", ctx.t("downloads"), lambda: {"files": files}, index=True, files=lambda: build(ctx))]


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


def build(ctx: Ctx) -> dict[str, str]:
    dataset, lang, site_url = ctx.ds, ctx.lang, ctx.site_url
    cited = _article_citations(dataset, lang)
    facts = list(_fact_records(dataset, lang, site_url, "facts", cited))
    targets = list(_fact_records(dataset, lang, site_url, "targets", cited))
    events = list(_event_records(dataset, lang, site_url, cited))
    return {
        "downloads/facts.csv": _csv(facts),
        "downloads/facts.json": _json(facts),
        "downloads/events.csv": _csv(events),
        "downloads/events.json": _json(events),
        "downloads/targets.csv": _csv(targets),
        "downloads/targets.json": _json(targets),
        "downloads/jieba-userdict.txt": jieba_dictionary(dataset),
    }


def _article_citations(dataset: Dataset, lang: tx.Lang) -> dict[str, str]:
    """'作者：《标题》，2024年2月26日' per article id: made once, not once per record."""
    return {a.id: f"{'、'.join(a.authors)}：《{a.title.zh}》，{tx.date(a.published, lang)}" for a in dataset.articles.values()}


def _base(dataset: Dataset, region: m.Region, record: m.Quantity | m.Event, site_url: str, anchor: str) -> dict[str, Any]:
    """What every row has: the region, the source and quote (and further reports), and what the
    figure or event is about when not the whole region — a citation without it would mislead."""
    article = dataset.articles[record.source]
    scope = {s.id: s for s in region.profile.scopes}.get(record.scope or "")
    return {
        "region": region.id,
        "region_zh": region.profile.short_name.zh,
        "region_en": region.profile.short_name.en,
        "source": article.id,
        "source_title_zh": article.title.zh,
        "source_title_en": article.title.en,
        "source_file": article.file,
        "quote": record.quote,
        "reports": "; ".join(r.source for r in record.reports),
        "report_quotes": " | ".join(r.quote for r in record.reports),
        "scope": record.scope or "",
        "scope_zh": scope.name.zh if scope else "",
        "scope_en": scope.name.en if scope else "",
        "subject_zh": record.subject.zh if record.subject else "",
        "subject_en": record.subject.en if record.subject else "",
        "url": f"{site_url.rstrip('/')}/regions/{region.id}/#{anchor}",
    }


def _about(row: dict[str, Any]) -> str:
    """'；亦庄新城' / '；蓝箭航天' for the citation: the scope and subject it must not drop."""
    return "".join(f"；{row[key]}" for key in ("scope_zh", "subject_zh") if row[key])


def _fact_records(dataset: Dataset, lang: tx.Lang, site_url: str, kind: str, cited: dict[str, str]) -> Iterator[dict[str, Any]]:
    for region in dataset.regions.values():
        for q in getattr(region, kind):
            metric = dataset.metrics[q.metric]
            unit = dataset.units[q.unit]
            row = _base(dataset, region, q, site_url, fact_anchor(q))
            when = q.period if isinstance(q, m.Fact) else q.deadline
            row.update(
                id=f"{region.id}/{q.id}",
                metric=metric.id,
                metric_zh=metric.label.zh,
                metric_en=metric.label.en,
                value=q.value,
                value_max=q.value_max if q.value_max is not None else "",
                scale=q.scale,
                normalized=q.normalized,
                normalized_max=q.normalized_max if q.normalized_max is not None else "",
                unit=unit.id,
                unit_zh=unit.label.zh,
                qualifier=q.qualifier or "",
                qualifier_meaning=m.QUALIFIERS.get(q.qualifier or "", "exact"),
                period=when,
                inferred=q.inferred,
                cluster=q.cluster or "",
                note_zh=q.note.zh if q.note else "",
                note_en=q.note.en if q.note else "",
            )
            if isinstance(q, m.Target):
                row.update(deadline=q.deadline, status=q.status, title_zh=q.title.zh, title_en=q.title.en)
            what = f"{region.profile.short_name.zh}{metric.label.zh}{tx.quantity(q, unit.label.zh)}（{tx.period(when, lang)}{_about(row)}）"
            row["citation"] = f"{what}。{cited[q.source]}。{row['url']}"
            yield row


def _event_records(dataset: Dataset, lang: tx.Lang, site_url: str, cited: dict[str, str]) -> Iterator[dict[str, Any]]:
    for region in dataset.regions.values():
        for event in region.events:
            row = _base(dataset, region, event, site_url, fact_anchor(event))
            row.update(
                id=f"{region.id}/{event.id}",
                date=event.date,
                precision=event.precision,
                inferred=event.inferred,
                type=event.type,
                title_zh=event.title.zh,
                title_en=event.title.en,
                cluster=event.cluster or "",
            )
            about = f"（{_about(row).removeprefix('；')}）" if _about(row) else ""
            row["citation"] = f"{tx.date(event.date, lang)} {event.title.zh}{about}。{cited[event.source]}。{row['url']}"
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
