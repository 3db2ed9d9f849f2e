"""Checks of meaning on a structurally valid `Dataset`: a registry of small named functions.

Each check yields `Problem`s and nothing else; `run_checks` runs them all and turns a crash inside
one into a reported problem, so a contributor never sees a traceback. Structure (types, fields,
YAML traps) was already checked by `load.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from generator import models as m
from generator.load import Dataset
from generator.problems import Problem
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
            problems.append(
                Problem("data", 1, f"internal error in check '{name}': {type(err).__name__}: {err}",
                        "please report this; the data may still be fine", "internal")
            )
    return problems


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


def _choices(options: Iterable[str], given: str) -> str:
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
            yield dataset.problem(record, ("id",), f"duplicate {what} id '{record.id}' (first at line {line})",
                                  "ids must be unique; rename one", "duplicate")
        else:
            first[record.id] = record


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
        seen = Counter(c.cluster for c in region.clusters)
        for entry in region.clusters:
            if seen[entry.cluster] > 1:
                yield dataset.problem(entry, ("cluster",), f"cluster '{entry.cluster}' is listed more than once",
                                      "keep one entry per cluster", "duplicate")
                seen[entry.cluster] = 0


@check
def region_file_names(dataset: Dataset) -> Iterator[Problem]:
    for region in dataset.regions.values():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", region.id):
            yield Problem(region._file, 1, f"region file name '{region.id}.yml' is not a kebab-case id",
                          "rename the file, e.g. regions/fangchenggang.yml", "reference")


# ---------------------------------------------------------------------------------------------
# references


@check
def metric_references(dataset: Dataset) -> Iterator[Problem]:
    for metric in dataset.metrics.values():
        if metric.unit not in dataset.units:
            yield dataset.problem(metric, ("unit",), f"unknown unit '{metric.unit}'", _choices(dataset.units, metric.unit), "reference")
        if metric.group not in dataset.groups:
            yield dataset.problem(metric, ("group",), f"unknown group '{metric.group}'", _choices(dataset.groups, metric.group), "reference")
        for index, other in enumerate(metric.comparable_with):
            if other not in dataset.metrics:
                yield dataset.problem(metric, ("comparable_with", index), f"unknown metric '{other}'", _choices(dataset.metrics, other), "reference")
        for index, entry in enumerate(metric.not_comparable_with):
            if entry.metric not in dataset.metrics:
                yield dataset.problem(metric, ("not_comparable_with", index, "metric"), f"unknown metric '{entry.metric}'", _choices(dataset.metrics, entry.metric), "reference")
            if entry.metric in metric.comparable_with:
                yield dataset.problem(metric, ("not_comparable_with", index), f"'{entry.metric}' is listed as both comparable and not comparable", "keep one", "reference")


@check
def source_references(dataset: Dataset) -> Iterator[Problem]:
    for _region, _kind, record in quoted_records(dataset):
        if record.source not in dataset.articles:
            yield dataset.problem(record, ("source",), f"unknown source article '{record.source}'",
                                  _choices(dataset.articles, record.source) + " (add the article to data/sources/articles.yml)", "reference")


@check
def quantity_references(dataset: Dataset) -> Iterator[Problem]:
    for region, q in quantities(dataset):
        metric = dataset.metrics.get(q.metric)
        if metric is None:
            yield dataset.problem(q, ("metric",), f"unknown metric '{q.metric}'", _choices(dataset.metrics, q.metric) + " (or add it to data/metrics.yml)", "reference")
        elif q.unit != metric.unit:
            yield dataset.problem(q, ("unit",), f"unit '{q.unit}' does not match metric '{q.metric}', whose unit is '{metric.unit}'",
                                  "use the metric's unit, or a metric that measures in this unit", "reference")
        if q.unit not in dataset.units:
            yield dataset.problem(q, ("unit",), f"unknown unit '{q.unit}'", _choices(dataset.units, q.unit), "reference")
        scopes = {s.id for s in region.profile.scopes}
        if q.scope is not None and q.scope not in scopes:
            yield dataset.problem(q, ("scope",), f"unknown scope '{q.scope}'", _choices(scopes, q.scope) + " (scopes are declared in profile.scopes)", "reference")
    for region in dataset.regions.values():
        facts = {f.id: f for f in region.facts}
        for target in region.targets:
            base = facts.get(target.baseline or "")
            if target.baseline and base is None:
                yield dataset.problem(target, ("baseline",), f"baseline '{target.baseline}' is not a fact of this region", _choices(facts, target.baseline), "reference")
            elif base is not None and base.metric != target.metric:
                yield dataset.problem(target, ("baseline",), f"baseline '{base.id}' measures '{base.metric}', the target '{target.metric}'", "a baseline must share the target's metric", "reference")


@check
def cluster_references(dataset: Dataset) -> Iterator[Problem]:
    for region in dataset.regions.values():
        for record in [*region.facts, *region.targets, *region.events]:
            if record.cluster is not None and record.cluster not in dataset.clusters:
                yield dataset.problem(record, ("cluster",), f"unknown cluster '{record.cluster}'", _choices(dataset.clusters, record.cluster), "reference")
        for entry in region.clusters:
            if entry.cluster not in dataset.clusters:
                yield dataset.problem(entry, ("cluster",), f"unknown cluster '{entry.cluster}'", _choices(dataset.clusters, entry.cluster) + " (or add it to data/clusters.yml)", "reference")


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
        for part in text.removeprefix("../").split("/"):
            wrong = m.check_calendar(part)
            if wrong:
                yield dataset.problem(record, (key,), f"{key} '{text}': {wrong}", "write a real date: YYYY, YYYY-MM or YYYY-MM-DD", "date")
        parts = text.removeprefix("../").split("/")
        if len(parts) == 2 and parts[0] > parts[1]:
            yield dataset.problem(record, (key,), f"period '{text}' ends before it starts", "write start/end", "date")


# ---------------------------------------------------------------------------------------------
# sources and quotes


@check
def article_spans(dataset: Dataset) -> Iterator[Problem]:
    taken: dict[str, list[tuple[int, int, str]]] = {}
    for article in dataset.articles.values():
        text = dataset.texts.get(article.file)
        if text is None:
            yield dataset.problem(article, ("file",), f"source file '{article.file}' is not in data/sources/", _choices(dataset.texts, article.file), "reference")
            continue
        for index, (first, last) in enumerate(article.lines):
            if not 1 <= first <= last <= text.line_count:
                yield dataset.problem(article, ("lines", index), f"line range [{first}, {last}] is outside the file's {text.line_count} lines",
                                      "write [first, last] with 1 ≤ first ≤ last ≤ the file's last line", "reference")
                continue
            for other_first, other_last, other in taken.get(article.file, []):
                if first <= other_last and other_first <= last:
                    yield dataset.problem(article, ("lines", index), f"lines [{first}, {last}] overlap article '{other}' [{other_first}, {other_last}]",
                                          "each line of a source belongs to one article", "reference")
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
        elsewhere = text.find_anywhere(record.quote)
        if elsewhere:
            hint = f"it occurs at line {elsewhere} of {article.file}, outside article '{article.id}' (lines {_ranges(article.lines)}); fix `source`"
        else:
            length, line = text.longest_prefix(record.quote, article.lines)
            quote = squeeze(record.quote)
            hint = (f"the first {length} characters match at line {line}; the quote then has '{quote[length:length + 8]}'"
                    if length else "no part of its beginning is in the article") + "; copy the text exactly (whitespace is ignored)"
        yield dataset.problem(record, ("quote",), f"quote not found in article '{article.id}' ({article.file})", hint, "quote")


def _bad_spans(article: m.Article, line_count: int) -> bool:
    return any(not 1 <= a <= b <= line_count for a, b in article.lines)


def _ranges(lines: list[tuple[int, int]]) -> str:
    return ", ".join(f"{a}–{b}" for a, b in lines)


def number_forms(value: float) -> list[str]:
    """How a value may be printed in digits: 2100, 43.9, 1.50 → 1.5."""
    if value == int(value):
        return [str(int(value))]
    return [f"{value:.10f}".rstrip("0")]


@check
def numbers_in_quotes(dataset: Dataset) -> Iterator[Problem]:
    for _region, q in quantities(dataset):
        quote = squeeze(q.quote)
        if q.written is not None:
            if squeeze(q.written) not in quote:
                yield dataset.problem(q, ("written",), f"written form '{q.written}' is not in the quote", "copy the characters exactly as they appear in the quote", "quote")
        elif not any(re.search(rf"(?<![0-9.]){re.escape(form)}(?!\.?[0-9])", quote) for form in number_forms(q.value)):
            yield dataset.problem(q, ("value",), f"value {number_forms(q.value)[0]} does not appear in the quote",
                                  "quote the sentence that prints this number, or add `written:` when it is written in characters", "quote")
        if q.qualifier is not None and q.qualifier not in quote:
            yield dataset.problem(q, ("qualifier",), f"qualifier '{q.qualifier}' is not in the quote", "use the word as printed next to the number, or leave it out", "quote")
        if q.scale and q.written is None and q.scale not in quote:
            yield dataset.problem(q, ("scale",), f"scale word '{q.scale}' is not in the quote", "the scale must be the word printed after the number", "quote")
