"""Values: no negative count, area or sum; English headlines with English numbers; no `new-region`
placeholder and no unreviewed `draft` record left in what is published."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator import models as m
from generator.checks.registry import QUANTITIES, QUOTED, check
from generator.load import Dataset
from generator.problems import Problem, excerpt
from generator.text import number_forms


@check(scope="record", kinds=QUANTITIES)
def negative_values(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    """Counts, areas and money cannot be negative; a unit (or a metric) says `signed: true` when
    its values may be (a change in percent, percentage points)."""
    metric, unit = dataset.metrics.get(q.metric), dataset.units.get(q.unit)
    if q.value >= 0 or unit is None:
        return  # an unknown unit is reported by quantity_references
    signed = metric.signed if metric is not None and metric.signed is not None else unit.signed
    if not signed:
        message = f"value {excerpt(number_forms(q.value)[0])} is negative, but unit '{unit.id}' cannot be"
        hint = f"write the number as printed; if '{unit.id}' can be negative, add `signed: true` to it in data/metrics.yml"
        yield dataset.problem(q, ("value",), message, hint, "quote")


# 2000亿, 14万, 千亿: a Chinese scale word after a number, or a number written in Chinese
_CHINESE_NUMBER = re.compile(r"[0-9.,]+\s*[万亿]|[十百千万]亿|[一二三四五六七八九十两百千]+[万亿]")
# how a note may show the printed form, to say what it means: in quotation marks without English
# words (“千亿级”, “179万”), or followed by its meaning in parentheses (3000亿 (300 billion))
_PRINTED_FORM = re.compile(r"“[^”A-Za-z]*”")
_EXPLAINED = re.compile(r"\s*[(（]")
_HINT = "write it in English words and digits: 2000亿 → 200 billion, 14万 → 140,000, 千亿 → 100 billion"


def _chinese_number(text: str, note: bool) -> str | None:
    """The first Chinese number of an English text; in a note, one not shown as a printed form."""
    if not note:
        found = _CHINESE_NUMBER.search(text)
        return found[0] if found else None
    bare = _PRINTED_FORM.sub(lambda quoted: "“" + "_" * (len(quoted[0]) - 2) + "”", text)
    for found in _CHINESE_NUMBER.finditer(bare):
        if not _EXPLAINED.match(bare, found.end()):
            return found[0]
    return None


@check(scope="record", kinds=("facts", "targets", "events"))
def english_numbers(dataset: Dataset, _region: m.Region, record: m.Fact | m.Target | m.Event) -> Iterator[Problem]:
    """A headline's, a subject's or a note's English is what the English edition shows: "over
    2000亿 yuan", "the 500万 cap" read as broken there. A note may show a printed form, quoted
    (“179万”) or with its meaning after it in parentheses, to say what it means."""
    for field in ("title", "subject", "note"):
        text = getattr(record, field, None)
        if isinstance(text, m.Bilingual) and (found := _chinese_number(text.en, field == "note")):
            message = f"the English {field} writes '{found}' the Chinese way: the English edition shows it as written"
            hint = _HINT + (
                ", or quote the printed form and say what it means: “千亿级” (of the 100-billion-yuan class)" if field == "note" else ""
            )
            yield dataset.problem(record, (field, "en"), message, hint)


@check(scope="region")
def english_numbers_in_profile(dataset: Dataset, region: m.Region) -> Iterator[Problem]:
    """The same for a profile's English: its summary and the notes of its scopes."""
    texts: list[tuple[m.Record, str, m.Bilingual | None]] = [(region.profile, "summary", region.profile.summary)]
    texts += [(scope, "note", scope.note) for scope in region.profile.scopes]
    for record, field, text in texts:
        if text is not None and (found := _chinese_number(text.en, True)):
            message = f"the English {field} writes '{found}' the Chinese way: the English edition shows it as written"
            yield dataset.problem(record, (field, "en"), message, _HINT)


PLACEHOLDER = "TODO"  # how `new-region` marks every value a contributor must replace


@check(scope="region", severity="draft")
def placeholders(dataset: Dataset, region: m.Region) -> Iterator[Problem]:
    """Values `new-region` wrote for the contributor to replace: text starting with TODO and the
    coordinates [0.0, 0.0]. A draft: a skeleton passes `check`, so a region can be filled in step
    by step and previewed, but `mkdocs build` never publishes it."""
    file = dataset.where(region)[0]
    doc = dataset.documents.get(file)
    if doc is None:
        return
    for path, text in _texts(doc.data, ()):
        if text.startswith(PLACEHOLDER):
            yield Problem(file, doc.line_of(path), f"placeholder '{text}' is still here", "replace it with the real value", "unfinished")
    if region.profile.coordinates is not None and all(value == 0 for value in region.profile.coordinates):
        message, hint = "coordinates are still the placeholder [0.0, 0.0]", "approximate [latitude, longitude], e.g. [31.32, 120.72]"
        yield dataset.problem(region.profile, ("coordinates",), message, hint, "unfinished")


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


@check(scope="record", kinds=(*QUOTED, "articles"), severity="draft")
def drafted_records(dataset: Dataset, _region: m.Region | None, record: m.Quoted | m.Article) -> Iterator[Problem]:
    """Records `python -m generator draft` wrote carry `draft: true` until a contributor has
    checked them against the source: a draft, so `check` passes and the preview shows them,
    but `mkdocs build` publishes nothing a rule guessed and nobody read."""
    if record.draft:
        message = "drafted by `python -m generator draft` and not yet reviewed"
        hint = "check it against the source (value, unit, period, metric), then delete the line `draft: true`"
        yield dataset.problem(record, ("draft",), message, hint, "unfinished")
