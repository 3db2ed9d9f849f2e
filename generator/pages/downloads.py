"""Downloads: the facts, events and targets as CSV and JSON (one record per row, with a citation
line), the registries they refer to as CSV (regions, metrics, units, source articles, clusters),
a Frictionless Data Package describing every CSV (`datapackage.py`), the search dictionary, and
the page that lists them, with one-line loads by URL and what to cite."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from generator import citations, datapackage
from generator import models as m
from generator import text as tx
from generator.datapackage import BY_NAME, url_key
from generator.pages.base import Chunks, Ctx, Page
from generator.paths import (
    DATAPACKAGE,
    DEFAULT_EDITION,
    EDITIONS,
    citations_json,
    cluster_path,
    edition_url,
    fact_anchor,
    page_url,
    region_path,
    source_path,
)
from generator.paths import DOWNLOADS as PAGE
from generator.search import jieba_dictionary


def pages(ctx: Ctx) -> list[Page]:
    """The downloads page. One set of files serves every edition: the default edition makes them,
    and the page of another edition links to them there."""
    home = "" if ctx.lang.primary == DEFAULT_EDITION else edition_url("downloads/", ctx.lang.primary, DEFAULT_EDITION)
    names = [(name.removeprefix("downloads/"), key) for name, key in DOWNLOADS]
    files = [{"name": name, "href": home + name, "label": ctx.t(key)} for name, key in names]
    made = (lambda: build(ctx)) if ctx.lang.primary == DEFAULT_EDITION else None
    return [Page(PAGE, "downloads.md.j2", ctx.t("downloads"), lambda: _context(ctx, files), index=True, files=made)]


def _context(ctx: Ctx, files: list[dict[str, str]]) -> dict[str, Any]:
    # absolute: a researcher copies these lines into another program
    where = _root(ctx) + "downloads/"
    package = _root(ctx) + DATAPACKAGE
    return {
        "files": files,
        "version": tx.md(tx.data_version(ctx.history, ctx.lang)),  # which data the files hold
        "loads": [  # (what, the line): the line is code, shown as typed; the URL is site_url, checked by urls.py
            (tx.md(ctx.t("dl_load_frictionless")), f"frictionless validate {package}"),
            (
                tx.md(ctx.t("dl_load_python")),
                f'from frictionless import Package; rows = Package("{package}").get_resource("facts").read_rows()',
            ),
            (tx.md(ctx.t("dl_load_pandas")), f'import pandas; facts = pandas.read_csv("{where}facts.csv")'),
            (tx.md(ctx.t("dl_load_duckdb")), f"SELECT * FROM read_csv('{where}facts.csv');"),
        ],
        "citing": [tx.md(ctx.t(key)) for key in ("dl_cite_version", "dl_cite_old", "dl_cite_why")],
    }


def _root(ctx: Ctx) -> str:
    """The site's root (the default edition's address): the downloads are there. Without the
    site's address, "/": the lines name the files' paths, and cite.js puts the address the page
    is read at in front of them."""
    if not ctx.site_url:
        return "/"
    return ctx.site_url.rstrip("/").removesuffix(EDITIONS[ctx.lang.primary].rstrip("/")).rstrip("/") + "/"


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("downloads"): PAGE}


DOWNLOADS = [
    (DATAPACKAGE, "dl_datapackage"),
    ("downloads/facts.csv", "dl_facts_csv"),
    ("downloads/facts.json", "dl_facts_json"),
    ("downloads/events.csv", "dl_events_csv"),
    ("downloads/events.json", "dl_events_json"),
    ("downloads/targets.csv", "dl_targets_csv"),
    ("downloads/targets.json", "dl_targets_json"),
    *((f"downloads/{name}.csv", f"dl_{name}_csv") for name in ("regions", "metrics", "units", "sources", "clusters")),
    ("downloads/jieba-userdict.txt", "dl_userdict"),
]
LANGS = [tx.Lang(lang) for lang in EDITIONS]  # every record carries its labels and its citation in each


GROUP = 100  # regions whose records are made into rows at a time (a row is a few KB: both languages' citations …)


def build(ctx: Ctx) -> Iterator[tuple[str, str | Chunks]]:
    """The files, with every reader-visible field in each language (*_zh, *_en) and a citation in
    each, one at a time: with thousands of regions the facts alone were a gigabyte as rows, and as
    much again as CSV and JSON text. So each table's records are made into rows a group of regions
    at a time, the CSV written in pieces as they come (hashed on the way, for datapackage.json),
    the JSON kept in pieces until its turn; the citations last. Each file must be written before
    the next is asked for (`site.iter_pages`)."""
    root = _root(ctx)
    regions = list(ctx.ds.regions.values())
    records: dict[str, Callable[[m.Region], Iterator[dict[str, Any]]]] = {
        "facts": lambda region: _quantities(ctx, region, region.facts, root),
        "targets": lambda region: _quantities(ctx, region, region.targets, root),
        "events": lambda region: _events(ctx, region, root),
    }
    cited: dict[str, dict[str, dict[str, str]]] = {region: {} for region in ctx.ds.regions}
    written: dict[str, str | datapackage.Written] = {}
    for name, make in records.items():
        table = _Table(name, make, regions)
        yield f"downloads/{name}.csv", table.csv(cited)
        written[f"downloads/{name}.csv"] = table.written()
        yield f"downloads/{name}.json", table.json()
    for name, rows in _registries(ctx, root).items():
        written[f"downloads/{name}.csv"] = text = _csv(rows, BY_NAME[name].names, name)
        yield f"downloads/{name}.csv", text
    about = datapackage.About(
        version=ctx.history.version or ctx.history.today,
        created=ctx.history.today,
        homepage=root,
        sources=[{"title": a.title.zh, "path": _urls(root, source_path(a.id))["url"]} for a in ctx.ds.articles.values()],
    )
    yield DATAPACKAGE, datapackage.descriptor(about, written)
    yield "downloads/jieba-userdict.txt", jieba_dictionary(ctx.ds)
    for region, by_anchor in cited.items():
        yield citations_json(region), _JSON.encode(by_anchor)


class _Table:
    """One table of records as CSV, in pieces as its groups of rows come, and then as JSON (its
    pieces kept meanwhile): the rows are dropped group by group."""

    def __init__(self, name: str, make: Callable[[m.Region], Iterator[dict[str, Any]]], regions: list[m.Region]) -> None:
        self.name, self.fields, self.make, self.regions = name, BY_NAME[name].names, make, regions
        self._json: list[str] = []
        self._hash = hashlib.sha256()
        self._bytes = 0
        self._done = False

    def csv(self, cited: dict[str, dict[str, dict[str, str]]]) -> Chunks:
        yield self._hashed(_csv([], self.fields, self.name))  # the BOM and the header
        for start in range(0, len(self.regions), GROUP):
            rows = [row for region in self.regions[start : start + GROUP] for row in self.make(region)]
            if rows:
                yield self._hashed(_csv(rows, self.fields, self.name).split("\r\n", 1)[1])
                self._json.append(_lines(rows))
                _cite(cited, rows)
        self._done = True

    def _hashed(self, text: str) -> str:
        data = text.encode("utf-8")
        self._hash.update(data)
        self._bytes += len(data)
        return text

    def written(self) -> datapackage.Written:
        if not self._done:
            raise RuntimeError(f"downloads/{self.name}.csv was not written before the next file was asked for")
        return datapackage.Written(self._bytes, self._hash.hexdigest())

    def json(self) -> Chunks:
        """As `_json` writes it, in the pieces `csv` kept."""
        yield _OPEN
        for i, piece in enumerate(self._json):
            yield (_SEP if i else "") + piece
            self._json[i] = ""
        yield _CLOSE
        self._json = []


def _registries(ctx: Ctx, root: str) -> dict[str, list[dict[str, Any]]]:
    """The tables the records refer to by id (the package's foreign keys)."""
    groups = ctx.ds.groups
    return {
        "regions": [_region(r, root) for r in ctx.ds.regions.values()],
        "metrics": [
            {
                "id": mt.id,
                **_both("label", mt.label),
                "unit": mt.unit,
                "group": mt.group,
                **_both("group", groups[mt.group].label if mt.group in groups else None),
                "display_scale": mt.display_scale,
                "comparison": mt.comparison,
                "per_cluster": mt.per_cluster,
                **_both("definition", mt.definition),
            }
            for mt in ctx.ds.metrics.values()
        ],
        "units": [{"id": u.id, **_both("label", u.label), "signed": u.signed} for u in ctx.ds.units.values()],
        "sources": [_article(a, root) for a in ctx.ds.articles.values()],
        "clusters": [
            {"id": c.id, **_both("name", c.name), **_both("description", c.description), **_urls(root, cluster_path(c.id))}
            for c in ctx.ds.clusters.values()
        ],
    }


def _region(region: m.Region, root: str) -> dict[str, Any]:
    p = region.profile
    return {
        "id": region.id,
        **_both("name", p.name),
        **_both("short_name", p.short_name),
        "level": p.level,
        **_both("province", p.province),
        **_both("parent", p.parent),
        "latitude": p.coordinates[0] if p.coordinates else None,  # not stated: an empty cell
        "longitude": p.coordinates[1] if p.coordinates else None,
        **_both("summary", p.summary),
        **_urls(root, region_path(region.id)),
    }


def _article(article: m.Article, root: str) -> dict[str, Any]:
    return {
        "id": article.id,
        **_both("title", article.title),
        **_both("outlet", article.outlet),
        "published": article.published,
        "inferred": article.inferred,
        "kind": article.kind,
        "authors": "; ".join(article.authors),
        "file": article.file,
        **_urls(root, source_path(article.id)),
    }


def _urls(root: str, page: str) -> dict[str, str]:
    """A page's address in each edition: url, url_en …"""
    return {url_key(lang): f"{root}{folder}{page_url(page)}" for lang, folder in EDITIONS.items()}


def _cite(cited: dict[str, dict[str, dict[str, str]]], rows: list[dict[str, Any]]) -> None:
    """Each record's citations by its anchor, in its region's file: what a region page's "cite"
    buttons fetch (cite.js), instead of every page carrying every citation."""
    for row in rows:
        anchor = row["url"].rpartition("#")[2]
        cited[row["region"]][anchor] = {lang.primary: row[f"citation_{lang.primary}"] for lang in LANGS}


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
        **{url_key(lang): f"{root}{folder}regions/{region.id}/#{anchor}" for lang, folder in EDITIONS.items()},
    }


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
            normalized=exact_number(q.normalized_exact),
            normalized_max=exact_number(q.normalized_max_exact) if q.normalized_max_exact is not None else "",
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


def exact_number(amount: Decimal) -> int | float | str:
    """An exact decimal in the form the CSV and JSON writers print digit for digit: a whole number
    as an int (440000000, never 440000000.00000006 or 4.4e8), else the float whose repr is the same
    decimal (0.88). A decimal no float prints back (16 or more significant digits, which no source
    prints) is written as its digits in text rather than rounded."""
    if amount == amount.to_integral_value():
        return int(amount)
    number = float(amount)
    return number if Decimal(repr(number)) == amount else format(amount.normalize(), "f")


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


def _csv(rows: list[dict[str, Any]], fields: list[str], name: str) -> str:
    """The table with the columns datapackage.py declares for it, in its order: a header even
    without rows, and a row with other columns refused (the package would describe it wrongly)."""
    if rows and list(rows[0]) != fields:
        raise ValueError(f"downloads/{name}.csv: the rows' columns {list(rows[0])} are not those of datapackage.TABLES {fields}")
    out = io.StringIO()
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
    return _OPEN + _lines(rows) + _CLOSE


def _lines(rows: list[dict[str, Any]]) -> str:
    """The records' lines of `_json`, without its brackets: a large table is written in such pieces."""
    return _SEP.join(map(_JSON.encode, rows))


_OPEN, _SEP, _CLOSE = "[\n", ",\n", "\n]\n"  # a JSON download: its records between brackets, a line each


_JSON = json.JSONEncoder(ensure_ascii=False)
