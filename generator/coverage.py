"""Which numbers in the archived texts no record accounts for.

Every number in a source must be either curated or deliberately excluded. Curated means a record
states it: the number lies inside a quote (or a further report's quote) of a fact, target or
event that says that number — its `value` or `value_max`, a part of its date, period or deadline
(2024年3月2日 → 2024, 3, 2), or a number in its `written` form (超六成 → 六). Excluded means it lies
inside the quote of an `excluded` entry, which gives the reason. A number merely standing in
some record's quote is not accounted for: "携其3家合资子公司" in an event's quote was counted as
covered, though no record said 3 and no exclusion said why not. A cluster's quote states no
number.

A number is: a run of Arabic digits (with a decimal part), a run of two or more Chinese numerals,
or a single Chinese numeral followed by a measure word (十一星, 两箭, 四大, 六成). OCR spaces are
removed first, so "2000 万" and "20 00" are single numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator import models as m
from generator.checks.registry import quoted_records
from generator.load import Dataset
from generator.problems import visible
from generator.sources import SourceText, squeeze

_NUMERALS = "〇零一二两三四五六七八九十百千万亿"
_MEASURES = "个家项款号箭星年月日成倍大种批次位名件台届期轮条区只套股分战"
_DIGITS = "0-9０-９"
# not a number of its own: numerals after digits (2000万), or after digits and 多/余 (70多万, 100余亿):
# the scale word of the number before them
_AFTER_DIGITS = rf"(?<![{_DIGITS}{_NUMERALS}])(?<![{_DIGITS}][多余])"
NUMBER = re.compile(
    rf"[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?"  # Arabic (full-width too: ４．５ was cut into ４ and ５)
    rf"|{_AFTER_DIGITS}[{_NUMERALS}]{{2,}}"  # a run of numerals
    # one numeral and a measure word; a lone 一 is left out: 一个/一种 is mostly the article "a",
    # and so is 百分 (百分点, 百分比: the unit of 10个百分点, not a hundred)
    rf"|{_AFTER_DIGITS}(?!百分)[{_NUMERALS.replace('一', '')}](?=[{_MEASURES}])"
)
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Uncovered:
    file: str
    line: int
    number: str
    context: str
    # the records whose quotes hold the number without stating it ("yizhuang event hainachuan-headquarters")
    quoted_by: tuple[str, ...] = ()

    def format(self) -> str:
        # the context is the archived text as received: shown with invisible and direction characters escaped
        line = f"data/sources/{self.file}:{self.line}: '{self.number}' in “{self.context}” is not covered by any quote"
        if self.quoted_by:  # a quote holds it, but its record says another number
            line += f" (in the quote of {', '.join(self.quoted_by)}, which states other numbers: record it, or exclude it with a reason)"
        return visible(line)


@dataclass(frozen=True)
class Stated:
    """The numbers a record states; `everything` for an exclusion, which covers what it quotes."""

    values: frozenset[Decimal] = frozenset()
    written: tuple[str, ...] = ()
    everything: bool = False

    def states(self, number: str) -> bool:
        if self.everything:
            return True
        digits = unicodedata.normalize("NFKC", number)  # ４．５ → 4.5
        if _ARABIC.fullmatch(digits) and Decimal(digits) in self.values:
            return True
        return any(number in written for written in self.written)


def stated(record: m.Quoted) -> Stated:
    """What a record states: a quantity its value, upper bound, the parts of its period or deadline
    and its written form; an event the parts of its date; a cluster nothing."""
    if isinstance(record, m.Exclusion):
        return Stated(everything=True)
    values: set[Decimal] = set()
    written: tuple[str, ...] = ()
    if isinstance(record, m.Quantity):
        values |= {Decimal(repr(v)) for v in (record.value, record.value_max) if v is not None}
        written = (squeeze(record.written),) if record.written else ()
    when = record.period if isinstance(record, m.Fact) else record.deadline if isinstance(record, m.Target) else None
    when = record.date if isinstance(record, m.Event) else when
    values |= {Decimal(part) for part in re.findall(r"[0-9]+", when or "")}  # 2024-03-02 → 2024, 3, 2
    return Stated(frozenset(values), written)


def find_numbers(text: SourceText) -> list[tuple[int, int, str]]:
    """(start, end, number) of every number in the stripped text."""
    return [(hit.start(), hit.end(), hit.group()) for hit in NUMBER.finditer(text.stripped)]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    stated: Stated
    record: str  # "yizhuang event hainachuan-headquarters"


def _name(region: m.Region, kind: str, record: m.Quoted) -> str:
    label = getattr(record, "id", None) or getattr(record, "cluster", None) or f"“{record.quote[:12]}”"
    return f"{region.id} {kind.removesuffix('s')} {label}"


def _printings(dataset: Dataset) -> Iterator[tuple[str, str, m.Quoted, Stated]]:
    """(region, record's name, printing, what the record states) for every quote in the data."""
    for region, kind, record in quoted_records(dataset):
        says, name = stated(record), _name(region, kind, record)
        for printing in record.printings() if isinstance(record, m.Reported) else [record]:
            yield region.id, name, printing, says


def quote_spans(dataset: Dataset) -> dict[str, list[Span]]:
    """Stripped-text spans of every quote, by source file, with what its record states."""
    spans: dict[str, list[Span]] = {}
    for _region, name, printing, says in _printings(dataset):
        article = dataset.articles.get(printing.source)
        text = dataset.texts.get(article.file) if article else None
        if article is None or text is None:
            continue
        try:
            found = text.find(printing.quote, article.lines)
        except IndexError:  # a bad line range: reported by the checks
            continue
        if found:
            spans.setdefault(article.file, []).append(Span(*found, says, name))
    return spans


def coverage(dataset: Dataset) -> tuple[int, list[Uncovered]]:
    """(numbers found, the uncovered ones)."""
    spans = quote_spans(dataset)
    total, missing = 0, []
    for name, text in sorted(dataset.texts.items()):
        covering = spans.get(name, [])
        for start, end, number in find_numbers(text):
            total += 1
            around = [span for span in covering if span.start <= start and end <= span.end]
            if not any(span.stated.states(number) for span in around):
                context = text.stripped[max(0, start - 12) : end + 12]
                quoted_by = tuple(dict.fromkeys(span.record for span in around))
                missing.append(Uncovered(name, text.line_at(start), number, context, quoted_by))
    return total, missing
