"""Typed records for everything in data/ (pydantic models).

pydantic gives us, from one declaration: type checking with the path of every bad value (which
`load.py` turns into a file:line), refusal of unknown fields, and the JSON Schema that editors use
to validate data files as they are typed (`python -m generator schema`). Field descriptions below
end up in that schema, so they are written for contributors.

Scalars go through the annotated types of `scalars.py` (re-exported here: `m.SCALES`, `m.MAX_ID` …).
"""

from __future__ import annotations

import datetime as dt
from decimal import Context, Decimal, Inexact
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# the vocabulary other modules read as m.SCALES, m.MAX_ID …, re-exported
from generator.scalars import DATE_RE as DATE_RE
from generator.scalars import MAX_AMOUNT as MAX_AMOUNT
from generator.scalars import MAX_ID as MAX_ID
from generator.scalars import MAX_TILE as MAX_TILE
from generator.scalars import PERIOD_RE as PERIOD_RE
from generator.scalars import QUALIFIERS as QUALIFIERS
from generator.scalars import SCALES as SCALES
from generator.scalars import (
    Amount,
    DateText,
    Flag,
    Int,
    KebabId,
    Latitude,
    Longitude,
    PeriodText,
    Qualifier,
    Scale,
    SnakeId,
    SourceFile,
    Text,
    TileIndex,
)
from generator.scalars import Refusal as Refusal
from generator.scalars import amount_hint as amount_hint


class Record(BaseModel):
    """Base: unknown fields are errors. Where each record was written is kept by the loader
    (`Dataset.where`), not in the record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Bilingual(Record):
    zh: Text = Field(description="Chinese text")
    en: Text = Field(description="English text")


# Years a date may have: the data is about the People's Republic's regions and their plans. A year
# outside is a typo (0224, 2204), never a fact.
YEARS = (1949, 2100)


def date_precision(date: str) -> str:
    """'2024' → year, '2024-02' → month, '2024-02-03' → day."""
    return {4: "year", 7: "month", 10: "day"}[len(date)]


def check_calendar(date: str) -> str | None:
    """An explanation if `date` (already of the right form) is not a real calendar date."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"month {parts[1]} does not exist"
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return f"{date} is not a calendar date"
    return None


# ---------------------------------------------------------------------------------------------
# Sources


# An article's passages in its file: a page set in columns splits one into a few (the most today
# is 2). Bounded because every quote of the article is looked for in each range, and a message
# about a misplaced quote lists them all.
MAX_RANGES = 50


class Article(Record):
    id: KebabId
    file: SourceFile = Field(description="file name in data/sources/")
    lines: list[tuple[Int, Int]] = Field(min_length=1, max_length=MAX_RANGES, description="1-based inclusive line ranges")
    kind: Literal["report", "column", "commentary", "photo-report", "caption"]
    title: Bilingual
    outlet: Bilingual | None = None
    published: DateText
    inferred: Flag = False
    published_basis: Text
    authors: list[Text]
    authors_en: list[Text] = Field(
        [],
        description="the authors in pinyin, in the same order, surname first, as the English edition names them"
        " (涂铭 → Tu Ming; a reading or spelling a person is known by: 曾 as Zeng); [] when there are none",
    )
    draft: Flag = Field(False, description="drafted by `python -m generator draft`: remove once title, date and lines are checked")


class ArticlesFile(Record):
    articles: list[Article]


# ---------------------------------------------------------------------------------------------
# Registries


class Unit(Record):
    id: SnakeId
    label: Bilingual
    signed: Flag = Field(False, description="true when a value in this unit may be negative (a change in percent); counts, money may not")


class Group(Record):
    id: SnakeId
    label: Bilingual


class NotComparable(Record):
    metric: SnakeId
    reason: Bilingual


class Concept(Record):
    """What a metric counts or sums: gross output, value added, investment, high-tech enterprises …"""

    id: SnakeId
    label: Bilingual = Field(description="as a reader reads it in a look-alike's reason: 'gross output' / '总产值'")
    family: SnakeId | None = Field(
        None, description="concepts a reader takes for one another (gross output, value added, revenue: 'economic_scale'): look-alikes"
    )
    words: list[Text] = Field(
        [], description="words by which a quote names this concept (增加值; 总产值, 产值): the check reads them around each number"
    )


# What kind of number a metric is. Two metrics are one measure only when all of these agree (and
# their units); a reader's reason for not comparing look-alikes is written from the ones that differ.
MeasureKind = Literal[
    "level",  # a flow over a period: output in 2023, trade in a year
    "stock",  # a state at a date: firms now, an area, a capacity, a distance
    "increase",  # a change in amount over a span (新增, 增加): not the level it reached
    "growth_rate",  # a change in percent (增长, 同比, 比上年)
    "share",  # a part of a whole (占…比重, 占比): `of` names the whole
    "difference",  # a gap to another figure (高于全市…个百分点): `of` names the other
    "multiple",  # so many times another figure (倍): `of` names the other
    "rank",  # a place in a ranking (第一, 排名): `of` names the ranking
    "per_population",  # per so many people (每万人, 人均)
    "cap",  # an upper limit (最高): what one may get, not what was got
]
Basis = Literal[
    "all",  # every enterprise (or the question does not arise: an area, a distance)
    "above_scale",  # enterprises above designated size only (规模以上, 规上)
    "not_stated",  # the source does not say which enterprises are counted
]
About = Literal[
    "region",  # the region's own figure (or a part of it, named by the fact's scope)
    "industry",  # one industry of the region (its firms, its revenue)
    "subject",  # one firm, project, fund, product or programme: never a region's figure
]


class Measures(Record):
    concept: SnakeId = Field(description="a concept id from metrics.yml's concepts")
    kind: MeasureKind
    basis: Basis = "all"
    about: About = "region"
    of: SnakeId | None = Field(None, description="a concept id: the whole of a share, the base of a multiple or difference, a ranking")


class Metric(Record):
    id: SnakeId
    label: Bilingual
    unit: SnakeId
    display_scale: Scale = ""
    group: SnakeId
    definition: Bilingual
    measures: Measures = Field(description="what the metric measures, in dimensions a program compares (data/README.md)")
    comparable_with: list[SnakeId] = []
    not_comparable_with: list[NotComparable] = []
    signed: Flag | None = Field(None, description="overrides the unit's `signed` for this metric (e.g. a net change in yuan)")
    comparison: Literal["value", "magnitude"] = Field(
        "value",
        description="value: regions' figures may be set side by side; magnitude: the definition allows comparing only the order"
        " of magnitude (an unstated or mixed basis), so the site lists the figures instead of drawing bars",
    )
    per_cluster: Flag = Field(
        False,
        description="true when the metric measures one industry at a time (an industry's scale): only facts of the same"
        " cluster are compared, and each fact must name its cluster",
    )


class MetricsFile(Record):
    units: list[Unit]
    groups: list[Group]
    concepts: list[Concept]
    metrics: list[Metric]


class Cluster(Record):
    id: SnakeId
    name: Bilingual
    description: Bilingual


class ClustersFile(Record):
    clusters: list[Cluster]


class Province(Bilingual):
    """A province-level division: its name (what a region's `profile.province` repeats) and its
    place on the tile map of the home and regions pages."""

    abbr: Bilingual = Field(
        description="the name on its tile: the Chinese short name (北京, 内蒙古), the English two-letter code of ISO 3166-2:CN (BJ, NM)"
    )
    tile: tuple[TileIndex, TileIndex] = Field(
        description="[row, column] of its square on the tile map, counted from 1 at the north-west: roughly where it lies; "
        "no two provinces share one"
    )


class Area(Record):
    """One of the statistical areas (东部地区 …) and the province-level divisions in it."""

    id: SnakeId
    name: Bilingual
    provinces: list[Province]


class ProvincesFile(Record):
    areas: list[Area]


# ---------------------------------------------------------------------------------------------
# Regions


class Scope(Record):
    id: KebabId
    name: Bilingual
    note: Bilingual | None = None


Level = Literal["country", "municipality", "prefecture_city", "county_city", "district", "national_zone"]


class Profile(Record):
    name: Bilingual
    short_name: Bilingual
    aliases: list[Text] = []
    level: Level
    # Both may be unknown: an article about a zone need not say where it is, and an invented
    # province or place would be published as fact. Left out, the site shows "not stated".
    province: Bilingual | None = Field(None, description="the province-level division, as in data/provinces.yml; leave out when unknown")
    parent: Bilingual | None = None
    coordinates: tuple[Latitude, Longitude] | None = Field(None, description="approximate [latitude, longitude]; leave out when unknown")
    summary: Bilingual
    scopes: list[Scope] = []


class Quoted(Record):
    """Anything that cites a source: an article id and an exact quote from it."""

    source: KebabId = Field(description="article id from data/sources/articles.yml")
    quote: Text = Field(description="exact text from the article; whitespace is ignored when matching")
    draft: Flag = Field(
        False, description="written by `python -m generator draft`: previewed, never published, until checked and this line removed"
    )


class Evidence(Quoted):
    """A quote a reader is shown (a fact's, target's, event's, cluster's, or a further report's),
    with its English translation for the English edition. Exclusions quote a bare number for
    curators and are never shown: they have no translation."""

    quote_en: Text | None = Field(
        None,
        description="a short faithful English translation of exactly the quoted Chinese, shown under it on English pages;"
        " numbers as printed with the scale in English (5200亿元 → 520 billion yuan), qualifiers as about/over",
    )


class Report(Evidence):
    """One more printing of the same figure or event: another article, or another place in one."""


class Reported(Evidence):
    """A fact, target or event: one record however many articles print it."""

    reports: list[Report] = Field(
        [],
        description="further printings of the same figure or event, each with its article and exact quote"
        " (a figure two articles print is one fact with two sources, not two facts)",
    )

    def printings(self) -> list[Evidence]:
        """The record's own source and quote first, then each further report."""
        return [self, *self.reports]


# Arithmetic that never rounds: a float's repr has at most 17 digits and a scale adds only zeros, so
# 60 digits is plenty; the trap turns any rounding into an error instead of a wrong figure.
_EXACT = Context(prec=60, traps=[Inexact])


def exact(value: float, scale: str) -> Decimal:
    """value × scale as a decimal: the value's digits as printed (repr: the shortest decimal that
    reads back as the float, so 4.4 and not 4.4000000000000003…) times the scale word's power of ten."""
    return _EXACT.multiply(Decimal(repr(value)), SCALES[scale])


class Quantity(Reported):
    id: KebabId
    metric: SnakeId
    value: Amount = Field(description="the number as printed, in digits, without scale word or unit")
    value_max: Amount | None = Field(
        None, description="the upper bound when the text gives a range (1500家至2000家: value 1500, value_max 2000)"
    )
    scale: Scale = ""
    unit: SnakeId
    qualifier: Qualifier | None = None
    written: Text | None = Field(None, description="the number as written when not in digits (千亿, 超六成)")
    scope: KebabId | None = None
    cluster: SnakeId | None = None
    subject: Bilingual | None = None
    inferred: Flag = False
    note: Bilingual | None = None

    @property
    def normalized_exact(self) -> Decimal:
        """value × scale, exactly: the value in the metric's unit (a range's lower bound), as written
        to the downloads. 4.4亿 is 440000000; in floats 4.4 × 10⁸ is 440000000.00000006."""
        return exact(self.value, self.scale)

    @property
    def normalized_max_exact(self) -> Decimal | None:
        """A range's upper bound × scale, exactly; None for a single figure."""
        return None if self.value_max is None else exact(self.value_max, self.scale)

    @property
    def normalized(self) -> float:
        """value × scale as the float nearest the exact product (for charts, ratios and sorting)."""
        return float(self.normalized_exact)

    @property
    def normalized_max(self) -> float | None:
        """A range's upper bound × scale as a float; None for a single figure."""
        high = self.normalized_max_exact
        return None if high is None else float(high)


class Fact(Quantity):
    period: PeriodText
    key: Flag = Field(False, description="a key figure: shown as a card at the top of the region page")


class Target(Quantity):
    deadline: DateText
    status: Literal["planned", "on_track", "achieved", "missed", "unknown"]
    baseline: KebabId | None = None
    title: Bilingual


class RegionCluster(Evidence):
    cluster: SnakeId
    role: Literal["leading", "emerging", "future"]


EventType = Literal["policy", "plan", "launch", "opening", "project", "milestone", "meeting"]


class Event(Reported):
    id: KebabId
    date: DateText
    inferred: Flag = False
    type: EventType
    title: Bilingual
    cluster: SnakeId | None = None
    scope: KebabId | None = Field(None, description="a scope id from the profile, when the event happened in a part of the region")
    subject: Bilingual | None = Field(
        None, description="who or what the event is about when not the region as a whole: a firm, a project, a city-level programme"
    )

    @property
    def precision(self) -> str:
        return date_precision(self.date)


class Exclusion(Quoted):
    reason: Text


class RegionFile(Record):
    """What a region file holds (data/regions/<id>.yml)."""

    profile: Profile
    facts: list[Fact] = []
    clusters: list[RegionCluster] = []
    events: list[Event] = []
    targets: list[Target] = []
    excluded: list[Exclusion] = []


class Region(RegionFile):
    """A region as loaded: its file's content and its id, the file's name (given by load.py)."""

    id: str

    def articles(self) -> set[str]:
        """The articles its records quote: each record's own source and those of its reports."""
        records: list[Reported | RegionCluster] = [*self.facts, *self.targets, *self.events, *self.clusters]
        return {p.source for r in records for p in (r.printings() if isinstance(r, Reported) else [r])}
