"""The CSV downloads described as a Frictionless Data Package (`downloads/datapackage.json`), so
that frictionless, pandas, R or DuckDB users load typed tables by URL instead of guessing.

`TABLES` is the one declaration of every CSV's columns, in order: their Table Schema type, what
each holds (messages.yml, `dp_*`: English in `description`, Chinese in `description_zh`), the
primary key (`id`) and the columns that refer to another table's id (foreign keys). The downloads
(`pages/downloads.py`) write their CSVs in this order and refuse a row with other columns, so the
package and the files cannot drift apart. Each resource carries the file's size and SHA-256: a
researcher citing the data can tell that a copy is the one published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.paths import DEFAULT_EDITION, EDITIONS
from generator.text import Lang

LANGS = tuple(EDITIONS)  # a bilingual column is written once per language: name_zh, name_en


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"  # Table Schema: string, number, boolean
    about: str = ""  # its description's key in messages.yml, dp_<about>; default: its name
    lang: str = ""  # the language of a bilingual column's text
    required: bool = False
    format: str = ""  # "uri"

    def field(self) -> dict[str, Any]:
        """Its Table Schema field."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.format:
            out["format"] = self.format
        for lang in (Lang("en"), Lang("zh")):
            key = "description" if lang.primary == "en" else f"description_{lang.primary}"
            text = lang.t(f"dp_{self.about or self.name}")
            out[key] = lang.t(f"dp_in_{self.lang}", what=text) if self.lang else text
        if self.required:
            out["constraints"] = {"required": True}
        return out


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name; its file is downloads/<name>.csv
    columns: tuple[Column, ...]
    refers: tuple[tuple[str, str], ...] = ()  # (column, table whose id it holds)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def both(name: str, about: str = "") -> tuple[Column, ...]:
    """A bilingual text's columns: name_zh, name_en."""
    return tuple(Column(f"{name}_{lang}", about=about or name, lang=lang) for lang in LANGS)


def urls(about: str) -> tuple[Column, ...]:
    """A page's address in each edition: url (the default edition's), url_en …"""
    return tuple(Column(url_key(lang), about=about, lang=lang, format="uri") for lang in LANGS)


def url_key(lang: str) -> str:
    return "url" if lang == DEFAULT_EDITION else f"url_{lang}"


_ID = Column("id", required=True)
_RECORD = (
    Column("region", required=True),
    *both("region", "region_name"),
    Column("source", required=True),
    *both("source_title"),
    Column("source_file"),
    Column("quote", required=True),
    Column("reports"),
    Column("report_quotes"),
    Column("scope"),
    *both("scope", "scope_name"),
    *both("subject"),
    *urls("record_url"),
    Column("id", about="record_id", required=True),
)
_QUANTITY = (
    Column("metric", required=True),
    *both("metric", "metric_label"),
    Column("value", "number", required=True),
    Column("value_max", "number"),
    Column("scale"),
    Column("normalized", "number", required=True),
    Column("normalized_max", "number"),
    Column("unit", required=True),
    *both("unit", "unit_label"),
    Column("qualifier"),
    Column("qualifier_meaning"),
    Column("period", required=True),
    Column("inferred", "boolean"),
    Column("cluster"),
    *both("note"),
)
_CITATIONS = tuple(Column(f"citation_{lang}", about="citation", lang=lang) for lang in LANGS)
_QUOTED = (("region", "regions"), ("source", "sources"))

TABLES = (
    Table(
        "facts",
        (*_RECORD, *_QUANTITY, *_CITATIONS),
        (*_QUOTED, ("metric", "metrics"), ("unit", "units"), ("cluster", "clusters")),
    ),
    Table(
        "targets",
        (*_RECORD, *_QUANTITY, Column("deadline", required=True), Column("status"), *both("title", "target_title"), *_CITATIONS),
        (*_QUOTED, ("metric", "metrics"), ("unit", "units"), ("cluster", "clusters")),
    ),
    Table(
        "events",
        (
            *_RECORD,
            Column("date", required=True),
            Column("precision"),
            Column("inferred", "boolean"),
            Column("type"),
            *both("title", "event_title"),
            Column("cluster"),
            *_CITATIONS,
        ),
        (*_QUOTED, ("cluster", "clusters")),
    ),
    Table(
        "regions",
        (
            _ID,
            *both("name", "region_full_name"),
            *both("short_name", "region_name"),
            Column("level"),
            *both("province"),
            *both("parent"),
            Column("latitude", "number"),
            Column("longitude", "number"),
            *both("summary"),
            *urls("page_url"),
        ),
    ),
    Table(
        "metrics",
        (
            _ID,
            *both("label", "metric_label"),
            Column("unit", required=True),
            Column("group"),
            *both("group", "group_label"),
            Column("display_scale"),
            Column("comparison"),
            Column("per_cluster", "boolean"),
            *both("definition"),
        ),
        (("unit", "units"),),
    ),
    Table("units", (_ID, *both("label", "unit_label"), Column("signed", "boolean"))),
    Table(
        "sources",
        (
            _ID,
            *both("title", "source_title"),
            *both("outlet"),
            Column("published", required=True),
            Column("inferred", "boolean", about="published_inferred"),
            Column("kind"),
            Column("authors"),
            Column("file", about="source_file"),
            *urls("page_url"),
        ),
    ),
    Table("clusters", (_ID, *both("name", "cluster_name"), *both("description"), *urls("page_url"))),
)
BY_NAME = {table.name: table for table in TABLES}
# as the footer says (mkdocs.yml's copyright)
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}


@dataclass(frozen=True)
class About:
    """What the package says about itself beside its tables."""

    version: str  # the footer's data version (history.py): "2024-03-12 · 1a2b3c4"
    created: str  # the build date, YYYY-MM-DD
    homepage: str  # the site's address
    sources: list[dict[str, str]]  # each source article: {"title": …, "path": its page's URL}


@dataclass(frozen=True)
class Written:
    """What the package says of a file: its size and SHA-256, of its UTF-8 bytes."""

    bytes: int
    sha256: str


def written(text: str) -> Written:
    data = text.encode("utf-8")
    return Written(len(data), hashlib.sha256(data).hexdigest())


def descriptor(about: About, files: Mapping[str, str | Written]) -> str:
    """datapackage.json for the CSVs in `files` (downloads/<table>.csv → its text, or its `Written`)."""
    en, zh = Lang("en"), Lang("zh")
    package = {
        "profile": "tabular-data-package",
        "name": "zone-report",
        "title": en.t("site_name"),
        "title_zh": zh.t("site_name"),
        "description": en.t("dp_package"),
        "description_zh": zh.t("dp_package"),
        "version": about.version,
        "created": f"{about.created}T00:00:00Z",
        "homepage": about.homepage,
        "licenses": [LICENSE],
        "sources": about.sources,
        "resources": [_resource(table, files[f"downloads/{table.file}"]) for table in TABLES],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def _resource(table: Table, text: str | Written) -> dict[str, Any]:
    made = written(text) if isinstance(text, str) else text
    schema: dict[str, Any] = {"fields": [c.field() for c in table.columns], "missingValues": [""], "primaryKey": ["id"]}
    if table.refers:
        schema["foreignKeys"] = [{"fields": column, "reference": {"resource": other, "fields": "id"}} for column, other in table.refers]
    return {
        "name": table.name,
        "path": table.file,  # beside datapackage.json
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",  # with a BOM, for spreadsheets; readers skip it
        "bytes": made.bytes,
        "hash": "sha256:" + made.sha256,
        "description": Lang("en").t(f"dp_table_{table.name}"),
        "description_zh": Lang("zh").t(f"dp_table_{table.name}"),
        "schema": schema,
    }
