"""Checks of meaning on a structurally valid `Dataset`: a registry of small named functions.

Each check yields `Problem`s and nothing else; `run_checks` runs them all and turns a crash inside
one into a reported problem, so a contributor never sees a traceback. Structure (types, fields,
YAML traps) was already checked by `load.py`.
"""

from __future__ import annotations

import calendar
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from generator import models as m
from generator.load import Dataset
from generator.problems import Problem, excerpt
from generator.sources import squeeze

Check = Callable[[Dataset], Iterable[Problem]]
CHECKS: dict[str, Check] = {}


def check(function: Check) -> Check:
    CHECKS[function.__name__] = function
    return function


def run_checks(dataset: Dataset, names: Iterable[str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for name in names or CHECKS:
        try:
            problems.extend(CHECKS[name](dataset))
        except Exception as err:  # noqa: BLE001 - a crash must become a report, not a traceback
            file, line = _crash_site(err, dataset)
            problems.append(
                Problem(
                    file,
                    line,
                    f"internal error in check '{name}' on this record: {type(err).__name__}: {err}",
                    "please report this; the data may still be fine",
                    "internal",
                )
            )
    return problems


def _crash_site(err: Exception, dataset: Dataset) -> tuple[str, int]:
    """Where in the data a check crashed: the record it was looking at.

    The issue asks for a crash to be reported "with its location"; a check does not say which
    record it is on, but its frames do: the innermost frame holding a record, and in it the most
    deeply nested record (a fact rather than its region). Falls back to data/ line 1."""
    for frame, _line in reversed(list(traceback.walk_tb(err.__traceback__))):
        records = [v for v in frame.f_locals.values() if isinstance(v, m.Record) and v._file]
        if records:
            return dataset.where(max(records, key=lambda r: len(r._path)))
    return "data", 1


# ---------------------------------------------------------------------------------------------
# helpers


def quoted_records(dataset: Dataset) -> Iterator[tuple[m.Region, str, m.Quoted]]:
    """Every record that cites a source, with its region and list name."""
    for region in dataset.regions.values():
        for kind in ("facts", "targets", "events", "clusters", "excluded"):
            for record in getattr(region, kind):
                yield region, kind, record


def quantities(dataset: Dataset) -> Iterator[tuple[m.Region, m.Quantity]]:
    for region in dataset.regions.values():
        yield from ((region, q) for q in [*region.facts, *region.targets])


def choices(options: Iterable[str], given: str) -> str:
    import difflib

    options = sorted(options)
    guess = difflib.get_close_matches(given, options, n=1)
    start = f"did you mean '{guess[0]}'? " if guess else ""
    shown = ", ".join(options[:40]) + (" …" if len(options) > 40 else "")
    return f"{start}valid choices: {shown}"


def _duplicates(records: list[Any], dataset: Dataset, what: str) -> Iterator[Problem]:
    first: dict[str, Any] = {}
    for record in records:
        if record.id in first:
            line = dataset.where(first[record.id], "id")[1]
            yield dataset.problem(
                record, ("id",), f"duplicate {what} id '{record.id}' (first at line {line})", "ids must be unique; rename one", "duplicate"
            )
        else:
            first[record.id] = record


# ---------------------------------------------------------------------------------------------
# placeholders: accepted by `check`, refused by `mkdocs build`

PLACEHOLDER = "TODO"  # how `new-region` marks every value a contributor must replace


def placeholders(dataset: Dataset) -> list[Problem]:
    """Values `new-region` wrote for the contributor to replace: text starting with TODO and the
    coordinates [0.0, 0.0]. Not in CHECKS: a skeleton passes `check`, so a region can be filled
    in step by step and previewed; but the site must never publish them, so `mkdocs build`
    refuses them (plugin.py) and `check` and `mkdocs serve` list them."""
    problems: list[Problem] = []
    for region in dataset.regions.values():
        file = dataset.where(region)[0]
        doc = dataset.documents.get(file)
        if doc is None:
            continue
        for path, text in _texts(doc.data, ()):
            if text.startswith(PLACEHOLDER):
                hint = "replace it with the real value"
                problems.append(Problem(file, doc.line_of(path), f"placeholder '{text}' is still here", hint, "unfinished"))
        if all(value == 0 for value in region.profile.coordinates):
            message, hint = "coordinates are still the placeholder [0.0, 0.0]", "approximate [latitude, longitude], e.g. [31.32, 120.72]"
            problems.append(dataset.problem(region.profile, ("coordinates",), message, hint, "unfinished"))
    return sorted(problems, key=lambda problem: (problem.file, problem.line))


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


# ---------------------------------------------------------------------------------------------
# ids


@check
def unique_ids(dataset: Dataset) -> Iterator[Problem]:
    for what, records in dataset.registries.items():
        yield from _duplicates(records, dataset, what)
    for region in dataset.regions.values():
        # facts and targets share one namespace: both become anchors on the region page
        yield from _duplicates([*region.facts, *region.targets], dataset, "fact/target")
        yield from _duplicates(region.events, dataset, "event")
        yield from _duplicates(region.profile.scopes, dataset, "scope")
        # reported at the repeated entry, naming the first, as for ids (it used to point at the first)
        first: dict[str, m.RegionCluster] = {}
        for entry in region.clusters:
            if entry.cluster in first:
                line = dataset.where(first[entry.cluster], "cluster")[1]
                message = f"cluster '{entry.cluster}' is listed more than once (first at line {line})"
                yield dataset.problem(entry, ("cluster",), message, "keep one entry per cluster", "duplicate")
            else:
                first[entry.cluster] = entry


# Ids a region (its file name), cluster, metric group or article may not have, and why. Their pages
# are <folder>/<id>.md (paths.py: region_path, cluster_path, group_path, source_path) and each
# folder's list is its index.md (REGIONS, CLUSTERS, COMPARE, SOURCES): `index` would overwrite the
# list. Nothing else collides: every page of an id is in one of those four folders, and
# downloads/, assets/ and the top-level pages are outside them. The Windows device names cannot be
# file or folder names there, so such a page could not be built (nor the region file checked out).
_OVERWRITES = "its page would overwrite the page listing them all, {folder}/index.md"
_DEVICE = "it is a device name on Windows, where neither {folder}/{id}.md nor its folder can be written"
RESERVED_IDS: dict[str, str] = {
    "index": _OVERWRITES,
    **{name: _DEVICE for name in ("con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)))},
}
_PAGES = {"region": "regions", "cluster": "clusters", "group": "compare", "article": "sources"}


@check
def reserved_ids(dataset: Dataset) -> Iterator[Problem]:
    kinds = ("cluster", "group", "article")
    records: list[tuple[str, m.Record, str]] = [(what, r, r.id) for what in kinds for r in dataset.registries[what]]
    for region in dataset.regions.values():
        records.append(("region", region, region.id))
    for what, record, given in records:
        if given in RESERVED_IDS:
            why = RESERVED_IDS[given].format(folder=_PAGES[what], id=given)
            hint = f"rename the file, e.g. data/regions/{given}-zone.yml" if what == "region" else f"choose another id, e.g. {given}-{what}"
            yield dataset.problem(record, () if what == "region" else ("id",), f"{what} id '{given}' is reserved: {why}", hint, "reference")


@check
def region_file_names(dataset: Dataset) -> Iterator[Problem]:
    for region in dataset.regions.values():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", region.id):
            yield Problem(
                region._file,
                1,
                f"region file name '{region.id}.yml' is not a kebab-case id",
                "rename the file, e.g. regions/fangchenggang.yml",
                "reference",
            )
        elif len(region.id) > m.MAX_ID:  # the bound of every other id
            message = f"region id of {len(region.id)} characters is too long; the limit is {m.MAX_ID}"
            yield Problem(region._file, 1, message, "rename the file", "reference")


# ---------------------------------------------------------------------------------------------
# references


def _unknown(
    dataset: Dataset, record: m.Record, keys: tuple[str | int, ...], what: str, value: str, options: Iterable[str], add_to: str = ""
) -> Iterator[Problem]:
    """One 'unknown <what> id' problem when `value` is not among `options` (none when it is)."""
    if value not in options:
        hint = choices(options, value) + (f" (or add it to {add_to})" if add_to else "")
        yield dataset.problem(record, keys, f"unknown {what} '{value}'", hint, "reference")


@check
def metric_references(dataset: Dataset) -> Iterator[Problem]:
    for metric in dataset.metrics.values():
        yield from _unknown(dataset, metric, ("unit",), "unit", metric.unit, dataset.units)
        yield from _unknown(dataset, metric, ("group",), "group", metric.group, dataset.groups)
        for index, other in enumerate(metric.comparable_with):
            yield from _unknown(dataset, metric, ("comparable_with", index), "metric", other, dataset.metrics)
        for index, entry in enumerate(metric.not_comparable_with):
            yield from _unknown(dataset, metric, ("not_comparable_with", index, "metric"), "metric", entry.metric, dataset.metrics)
            # both lists are symmetric (data/README.md), so a contradiction may be split over the two metrics
            counterpart = dataset.metrics.get(entry.metric)
            if entry.metric in metric.comparable_with or (counterpart is not None and metric.id in counterpart.comparable_with):
                yield dataset.problem(
                    metric,
                    ("not_comparable_with", index),
                    f"'{metric.id}' and '{entry.metric}' are listed as both comparable and not comparable",
                    "comparable_with and not_comparable_with apply both ways; keep one",
                    "reference",
                )


@check
def source_references(dataset: Dataset) -> Iterator[Problem]:
    for _region, _kind, record in quoted_records(dataset):
        yield from _unknown(dataset, record, ("source",), "source article", record.source, dataset.articles, "data/sources/articles.yml")


@check
def quantity_references(dataset: Dataset) -> Iterator[Problem]:
    for region, q in quantities(dataset):
        metric = dataset.metrics.get(q.metric)
        yield from _unknown(dataset, q, ("metric",), "metric", q.metric, dataset.metrics, "data/metrics.yml")
        # an unknown unit is one problem, not also a mismatch with the metric's unit
        if q.unit not in dataset.units:
            yield from _unknown(dataset, q, ("unit",), "unit", q.unit, dataset.units, "data/metrics.yml")
        elif metric is not None and q.unit != metric.unit:
            yield dataset.problem(
                q,
                ("unit",),
                f"unit '{q.unit}' does not match metric '{q.metric}', whose unit is '{metric.unit}'",
                "use the metric's unit, or a metric that measures in this unit",
                "reference",
            )
        if q.scope is not None:
            yield from _unknown(dataset, q, ("scope",), "scope", q.scope, {s.id for s in region.profile.scopes}, "profile.scopes")
    for region in dataset.regions.values():
        facts: dict[str, m.Fact] = {}
        for fact in region.facts:  # the first of a duplicated id, as everywhere else (it was the last)
            facts.setdefault(fact.id, fact)
        for target in region.targets:
            base = facts.get(target.baseline or "")
            if target.baseline and base is None:
                yield dataset.problem(
                    target,
                    ("baseline",),
                    f"baseline '{target.baseline}' is not a fact of this region",
                    choices(facts, target.baseline),
                    "reference",
                )
            elif base is not None and base.metric != target.metric:
                yield dataset.problem(
                    target,
                    ("baseline",),
                    f"baseline '{base.id}' measures '{base.metric}', the target '{target.metric}'",
                    "a baseline must share the target's metric",
                    "reference",
                )


@check
def cluster_references(dataset: Dataset) -> Iterator[Problem]:
    for region in dataset.regions.values():
        records: list[m.Fact | m.Target | m.Event | m.RegionCluster] = [*region.facts, *region.targets, *region.events, *region.clusters]
        for record in records:
            if record.cluster is not None:
                yield from _unknown(dataset, record, ("cluster",), "cluster", record.cluster, dataset.clusters, "data/clusters.yml")


@check
def province_names(dataset: Dataset) -> Iterator[Problem]:
    """Every region's province is in data/provinces.yml, spelt as there: the site groups regions
    by it, and "北京" beside "北京市" would make two provinces."""
    first: dict[str, m.Bilingual] = {}
    for area in dataset.areas.values():
        for index, province in enumerate(area.provinces):
            if province.zh in first:
                line = dataset.where(first[province.zh], "zh")[1]
                message = f"province '{province.zh}' is listed more than once (first at line {line})"
                yield dataset.problem(area, ("provinces", index, "zh"), message, "keep one entry per province", "duplicate")
            first.setdefault(province.zh, province)
    known = dataset.provinces
    if not known:
        return  # data/provinces.yml is missing or unreadable: already reported
    for region in dataset.regions.values():
        given = region.profile.province
        entry = known.get(given.zh)
        if entry is None:
            hint = choices(known, given.zh) + " (the names in data/provinces.yml)"
            yield dataset.problem(region.profile, ("province", "zh"), f"unknown province '{given.zh}'", hint, "reference")
        elif entry[1].en != given.en:
            message = f"province '{given.zh}' is '{entry[1].en}' in English in data/provinces.yml, not '{given.en}'"
            yield dataset.problem(region.profile, ("province", "en"), message, f"write en: {entry[1].en}", "reference")


# ---------------------------------------------------------------------------------------------
# dates


@check
def calendar_dates(dataset: Dataset) -> Iterator[Problem]:
    dated: list[tuple[m.Record, str, str]] = [(a, "published", a.published) for a in dataset.articles.values()]
    for region in dataset.regions.values():
        dated += [(e, "date", e.date) for e in region.events]
        dated += [(t, "deadline", t.deadline) for t in region.targets]
        dated += [(f, "period", f.period) for f in region.facts]
    for record, key, text in dated:
        parts = text.removeprefix("../").split("/")
        for part in parts:
            year = _implausible_year(part)
            if year:  # 0224 for 2024: before the calendar, which has no year 0
                yield dataset.problem(record, (key,), f"{key} '{text}': {year}", "is the year mistyped? 2024, not 0224 or 2204", "date")
                continue
            wrong = _no_such_day(part) or m.check_calendar(part)
            if wrong:
                yield dataset.problem(record, (key,), f"{key} '{text}': {wrong}", "write a real date: YYYY, YYYY-MM or YYYY-MM-DD", "date")
        # compared at the coarser precision: 2023-02/2023 (February to the end of 2023) is fine;
        # plain string order called it reversed
        shared = min(len(p) for p in parts)
        if len(parts) == 2 and parts[0][:shared] > parts[1][:shared]:
            yield dataset.problem(
                record, (key,), f"period '{text}' ends before it starts", "write the earlier date first: start/end", "date"
            )


def _implausible_year(date: str) -> str | None:
    year = int(date[:4])
    first, last = m.YEARS
    return None if first <= year <= last else f"year {date[:4]} is not between {first} and {last}"


def _no_such_day(date: str) -> str | None:
    """Says how many days the month has (models.check_calendar only repeats the date)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) != 3 or not 1 <= parts[1] <= 12:
        return None  # a year or a month: nothing to say here
    year, month, day = parts
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if 1 <= day <= last:
        return None
    return f"{calendar.month_name[month]} {year} has {last} days"


# ---------------------------------------------------------------------------------------------
# sources and quotes


@check
def article_spans(dataset: Dataset) -> Iterator[Problem]:
    taken: dict[str, list[tuple[int, int, str]]] = {}
    for article in dataset.articles.values():
        text = dataset.texts.get(article.file)
        if text is None:
            yield dataset.problem(
                article,
                ("file",),
                f"source file '{article.file}' is not in data/sources/",
                choices(dataset.texts, article.file),
                "reference",
            )
            continue
        for index, (first, last) in enumerate(article.lines):
            if not 1 <= first <= last <= text.line_count:
                yield dataset.problem(
                    article,
                    ("lines", index),
                    f"line range [{first}, {last}] is outside the file's {text.line_count} lines",
                    "write [first, last] with 1 ≤ first ≤ last ≤ the file's last line",
                    "reference",
                )
                continue
            for other_first, other_last, other in taken.get(article.file, []):
                if first <= other_last and other_first <= last:
                    yield dataset.problem(
                        article,
                        ("lines", index),
                        f"lines [{first}, {last}] overlap article '{other}' [{other_first}, {other_last}]",
                        "each line of a source belongs to one article",
                        "reference",
                    )
            taken.setdefault(article.file, []).append((first, last, article.id))


@check
def quotes_in_source(dataset: Dataset) -> Iterator[Problem]:
    for _region, _kind, record in quoted_records(dataset):
        article = dataset.articles.get(record.source)
        text = dataset.texts.get(article.file) if article else None
        if article is None or text is None or _bad_spans(article, text.line_count):
            continue  # reported by source_references / article_spans
        if text.find(record.quote, article.lines):
            continue
        placed = text.lines_of(record.quote)
        if placed:
            yield _misplaced(dataset, record, article, placed)
            continue
        length, line = text.longest_prefix(record.quote, article.lines)
        quote = squeeze(record.quote)
        hint = (
            f"the first {length} characters match at line {line}; the quote then has '{quote[length : length + 8]}'"
            if length
            else "no part of its beginning is in the article"
        ) + "; copy the text exactly (whitespace is ignored)"
        yield dataset.problem(record, ("quote",), f"quote not found in article '{article.id}' ({article.file})", hint, "quote")


def _misplaced(dataset: Dataset, record: m.Quoted, article: m.Article, placed: tuple[int, int]) -> Problem:
    """A quote that is in the file, but not (all) in its article: say where it is, and in which."""
    first, last = placed
    owners = [_owner(dataset, article.file, line) for line in range(first, last + 1)]
    where = f"article '{article.id}' ({article.file} lines {_ranges(article.lines)})"
    crossed = next((i for i, owner in enumerate(owners) if owner is not owners[0]), None)
    if crossed is None and owners[0] is article:  # lines of the article, but across two of its ranges
        message = f"quote runs across two line ranges of {where}"
        hint = "quote within one range, or make the two one range in data/sources/articles.yml if the lines are one passage"
        return dataset.problem(record, ("quote",), message, hint, "quote")
    if crossed is None:  # wholly in another article (or in none): the text is right, the source is not
        owner = owners[0]
        message = f"quote is outside {where}: it is at line {first}, " + (f"in article '{owner.id}'" if owner else "in no article")
        hint = f"set `source: {owner.id}`" if owner else "fix the article's `lines` in data/sources/articles.yml"
        return dataset.problem(record, ("quote",), message, hint + ", or quote the article's own text", "quote")
    into = _article_name(owners[crossed])
    if owners[0] is article:
        message = f"quote runs past the end of {where} into {into} at line {first + crossed}"
    else:
        start = _article_name(owners[0])
        message = f"quote is not within {where}: it starts in {start} at line {first} and runs into {into} at line {first + crossed}"
    hint = "keep a quote within one article; where a sentence runs on, quote the part in the article"
    return dataset.problem(record, ("quote",), message, hint, "quote")


def _owner(dataset: Dataset, file: str, line: int) -> m.Article | None:
    return next((a for a in dataset.articles.values() if a.file == file and any(x <= line <= y for x, y in a.lines)), None)


def _article_name(article: m.Article | None) -> str:
    return f"article '{article.id}'" if article else "lines of no article"


def _bad_spans(article: m.Article, line_count: int) -> bool:
    return any(not 1 <= a <= b <= line_count for a, b in article.lines)


def _ranges(lines: list[tuple[int, int]]) -> str:
    return ", ".join(f"{a}–{b}" for a, b in lines)


def number_forms(value: float) -> list[str]:
    """How a value may be printed in digits: 2100, 43.9, 1.50 → 1.5.

    The shortest decimal that reads back as `value` (`repr`), without an exponent. It used to be
    `f"{value:.10f}"`, which cut 1.23456789012 to 10 places and turned 1e-11 into "0."."""
    if value == int(value):
        return [str(int(value))]
    return [format(Decimal(repr(value)), "f")]


# A number printed in digits, not part of a longer one; a decimal part only with a digit after
# the point ("2023." ends a sentence in the ASCII-punctuated file 000).
_DIGITS = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9])")
# What may stand between a number and its scale word: 100多亿, 10余万.
_BETWEEN = ("多", "余")
_SCALE_WORDS = sorted((s for s in m.SCALES if s), key=len, reverse=True)  # longest first: 万亿 before 万


def printed_scales(quote: str, value: float) -> set[str] | None:
    """The scale word printed after each occurrence of `value` in the (squeezed) quote; None if
    the value is not printed. `""` when no scale word follows (2100家, 2000P). The sign is left to
    the words around the number (下降5% may be recorded as -5)."""
    found: set[str] | None = None
    for hit in _DIGITS.finditer(quote):
        if float(hit.group()) != abs(value):
            continue
        after = quote[hit.end() :]
        after = after[1:] if after.startswith(_BETWEEN) else after
        # 百分点 / 百分比 are units, not the scale 百
        scale = "" if after.startswith("百分") else next((w for w in _SCALE_WORDS if after.startswith(w)), "")
        found = (found or set()) | {scale}
    return found


def _as_percent(quote: str, value: float) -> str | None:
    """`value` × 100 when the quote prints that as a percentage: 0.385 for "38.5%" (a fraction
    where the printed number belongs), else None."""
    hundred = number_forms(float(Decimal(repr(value)) * 100))[0]
    return hundred if re.search(rf"(?<![0-9.]){re.escape(hundred)}(\.0+)?[%％]", quote) else None


@check
def numbers_in_quotes(dataset: Dataset) -> Iterator[Problem]:
    for _region, q in quantities(dataset):
        quote = squeeze(q.quote)
        if q.written is not None:
            if squeeze(q.written) not in quote:
                yield dataset.problem(
                    q,
                    ("written",),
                    f"written form '{q.written}' is not in the quote",
                    "copy the characters exactly as they appear in the quote",
                    "quote",
                )
            scales = None
        else:
            # compared as numbers, so that a quote printing 1.50 matches the value 1.5 (it did not)
            scales = printed_scales(quote, q.value)
            if scales is None:
                percent = _as_percent(quote, q.value)
                hint = (
                    f"the quote prints {percent}%: write percentages as printed, value: {percent}"
                    if percent
                    else "quote the sentence that prints this number, or add `written:` when it is written in characters"
                )
                message = f"value {excerpt(number_forms(q.value)[0])} does not appear in the quote"
                yield dataset.problem(q, ("value",), message, hint, "quote")
        if q.qualifier is not None and q.qualifier not in quote:
            yield dataset.problem(
                q,
                ("qualifier",),
                f"qualifier '{q.qualifier}' is not in the quote",
                "use the word as printed next to the number, or leave it out",
                "quote",
            )
        # The scale must be the word printed right after the number. It used to be enough for the
        # word to be anywhere in the quote, and `scale: ""` was never checked: 2000 for
        # "2000万公里" passed, off by 10⁴.
        if scales and q.scale not in scales:
            shown = " or ".join(f"'{s}'" if s else "no scale word" for s in sorted(scales))
            yield dataset.problem(
                q,
                ("scale",) if "scale" in q.model_fields_set else ("value",),  # the record's first line is far from either
                f"scale is '{q.scale}', but the quote prints {excerpt(number_forms(q.value)[0])} with {shown}",
                'write the scale word printed right after the number (万, 亿, 万亿…), or "" when there is none',
                "quote",
            )


@check
def negative_values(dataset: Dataset) -> Iterator[Problem]:
    """Counts, areas and money cannot be negative; a unit (or a metric) says `signed: true` when
    its values may be (a change in percent, percentage points)."""
    for _region, q in quantities(dataset):
        metric, unit = dataset.metrics.get(q.metric), dataset.units.get(q.unit)
        if q.value >= 0 or unit is None:
            continue  # an unknown unit is reported by quantity_references
        signed = metric.signed if metric is not None and metric.signed is not None else unit.signed
        if not signed:
            message = f"value {excerpt(number_forms(q.value)[0])} is negative, but unit '{unit.id}' cannot be"
            hint = f"write the number as printed; if '{unit.id}' can be negative, add `signed: true` to it in data/metrics.yml"
            yield dataset.problem(q, ("value",), message, hint, "quote")


# A quote must give the reader context: at least this many letters (Chinese characters count) once
# the number, its scale word, unit and qualifier are taken out. "2100家" alone says nothing. Three,
# not four: "总投资逾100亿元" (shanghai.yml) is a real quote whose context is 总投资, and three
# Chinese characters are already a word.
MIN_CONTEXT = 3


@check
def quotes_with_context(dataset: Dataset) -> Iterator[Problem]:
    labels = {unit.id: [part for part in re.split(r"[（）()/]", squeeze(unit.label.zh)) if part] for unit in dataset.units.values()}
    for _region, kind, record in quoted_records(dataset):
        if kind == "excluded":
            continue  # an exclusion quotes the bare number it excludes, on purpose
        if sum(char.isalpha() for char in _context(record, labels)) < MIN_CONTEXT:
            message = f"quote '{excerpt(record.quote)}' is little more than the number: the reader needs its context"
            hint = f"quote the words around it too: {MIN_CONTEXT} or more letters or characters besides number, scale, unit and qualifier"
            yield dataset.problem(record, ("quote",), message, hint, "quote")


def _context(record: m.Quoted, labels: dict[str, list[str]]) -> str:
    """The quote without what the record already says: the number as printed, its scale word,
    unit (the parts of its label: 颗（卫星） is printed 颗) and qualifier."""
    left = squeeze(record.quote)
    if isinstance(record, m.Quantity):
        for part in [squeeze(record.written or ""), record.qualifier or "", record.scale, *labels.get(record.unit, [])]:
            left = left.replace(part, "", 1) if part else left
    return left
