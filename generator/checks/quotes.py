"""Quotes: every one is in its article, as written; a fact's number (and its scale word and
qualifier) is printed in its quote, with enough words around it to say what it counts."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from generator import models as m
from generator.checks.registry import QUANTITIES, QUOTED, check, choices
from generator.load import Dataset
from generator.problems import Problem, excerpt
from generator.sources import squeeze
from generator.text import number_forms


@check()
def article_spans(dataset: Dataset) -> Iterator[Problem]:
    """Each article's file exists, its ranges are within the file, and no range overlaps one
    listed before it (in any article of the same file); a range that does is reported once."""
    ranges: dict[str, list[tuple[int, int, m.Article, int]]] = {}  # per file: its ranges in the file's lines
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
            if 1 <= first <= last <= text.line_count:
                ranges.setdefault(article.file, []).append((first, last, article, index))
                continue
            yield dataset.problem(
                article,
                ("lines", index),
                f"line range [{first}, {last}] is outside the file's {text.line_count} lines",
                "write [first, last] with 1 ≤ first ≤ last ≤ the file's last line",
                "reference",
            )
    for listed in ranges.values():
        yield from _overlapping(dataset, listed)


def _overlapping(dataset: Dataset, listed: list[tuple[int, int, m.Article, int]]) -> Iterator[Problem]:
    named = earlier_overlaps([(first, last) for first, last, _, _ in listed])
    for (first, last, article, index), earlier in zip(listed, named, strict=True):
        if earlier is not None:
            other_first, other_last, other, _ = listed[earlier]
            yield dataset.problem(
                article,
                ("lines", index),
                f"lines [{first}, {last}] overlap article '{other.id}' [{other_first}, {other_last}]",
                "each line of a source belongs to one article",
                "reference",
            )


# (last line, -index) of a range, so that the max is the one reaching furthest, then the first listed
_Reach = tuple[int, int] | None


def earlier_overlaps(ranges: list[tuple[int, int]]) -> list[int | None]:
    """For each (first, last) range, the index of one listed before it that it overlaps — the one
    reaching furthest, the first listed of those — or None.

    Compared pair by pair, 1,000 copies of one range took 7.6 s and 10,000 over five minutes
    (issue 25). An earlier range overlaps [first, last] when it starts at or before `last` and ends
    at or after `first`: so only the one that reaches furthest among those starting at or before
    `last` need be asked. A Fenwick tree of those maxima, over the ranges' first lines, answers
    that and takes each range in log n steps."""
    starts = sorted({first for first, _ in ranges})
    tree: list[_Reach] = [None] * (len(starts) + 1)
    named: list[int | None] = []
    for index, (first, last) in enumerate(ranges):
        best = _furthest(tree, bisect.bisect_right(starts, last))  # of those starting at or before `last`
        named.append(-best[1] if best and best[0] >= first else None)
        _add(tree, bisect.bisect_left(starts, first) + 1, (last, -index))
    return named


def _furthest(tree: list[_Reach], slot: int) -> _Reach:
    """The max over the tree's slots 1..slot."""
    best: _Reach = None
    while slot > 0:
        here = tree[slot]
        if here is not None and (best is None or here > best):
            best = here
        slot -= slot & -slot
    return best


def _add(tree: list[_Reach], slot: int, reach: tuple[int, int]) -> None:
    """A range starting at the slot's line: every slot that covers it keeps the greater reach."""
    while slot < len(tree):
        here = tree[slot]
        if here is None or reach > here:
            tree[slot] = reach
        slot += slot & -slot


@check(scope="record", kinds=QUOTED)
def quotes_in_source(dataset: Dataset, _region: m.Region, record: m.Quoted) -> Iterator[Problem]:
    """Every printing's quote is in its article, as written (whitespace aside)."""
    for printing in record.printings() if isinstance(record, m.Reported) else [record]:
        yield from _in_article(dataset, printing)


def _in_article(dataset: Dataset, record: m.Quoted) -> Iterator[Problem]:
    article = dataset.articles.get(record.source)
    text = dataset.texts.get(article.file) if article else None
    if article is None or text is None or _bad_spans(article, text.line_count):
        return  # reported by source_references / article_spans
    if text.find(record.quote, article.lines):
        return
    placed = text.lines_of(record.quote)
    if placed:
        yield _misplaced(dataset, record, article, placed)
        return
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


@check(scope="record", kinds=QUANTITIES)
def numbers_in_quotes(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    """Each printing prints the number with its scale word; the record's own quote its qualifier,
    and a range's upper bound."""
    for printing in q.printings():
        yield from _printed(dataset, q, printing)
    quote = squeeze(q.quote)
    if q.qualifier is not None and q.qualifier not in quote:  # a further report may print it without
        yield dataset.problem(
            q,
            ("qualifier",),
            f"qualifier '{q.qualifier}' is not in the quote",
            "use the word as printed next to the number, or leave it out",
            "quote",
        )
    if q.value_max is not None:
        yield from _range(dataset, q, quote)


def _printed(dataset: Dataset, q: m.Quantity, printing: m.Quoted) -> Iterator[Problem]:
    """The number (in digits, or as `written`) and its scale word in one printing's quote."""
    own = printing is q
    quote, of = squeeze(printing.quote), "the quote" if own else "the quote of this report"
    if q.written is not None:
        if squeeze(q.written) not in quote:
            where = ("written",) if own else ("quote",)
            message = f"written form '{q.written}' is not in {of}"
            yield dataset.problem(printing, where, message, "copy the characters exactly as they appear in the quote", "quote")
        return
    # compared as numbers, so that a quote printing 1.50 matches the value 1.5 (it did not)
    scales = printed_scales(quote, q.value)
    if scales is None:
        percent = _as_percent(quote, q.value)
        hint = (
            f"the quote prints {percent}%: write percentages as printed, value: {percent}"
            if percent
            else "quote the sentence that prints this number, or add `written:` when it is written in characters"
        )
        message = f"value {excerpt(number_forms(q.value)[0])} does not appear in {of}"
        yield dataset.problem(printing, ("value",) if own else ("quote",), message, hint, "quote")
    # The scale must be the word printed right after the number. It used to be enough for the
    # word to be anywhere in the quote, and `scale: ""` was never checked: 2000 for
    # "2000万公里" passed, off by 10⁴.
    elif q.scale not in scales:
        shown = " or ".join(f"'{s}'" if s else "no scale word" for s in sorted(scales))
        where = (("scale",) if "scale" in q.model_fields_set else ("value",)) if own else ("quote",)  # the record's first line is far
        message = f"scale is '{q.scale}', but {of} prints {excerpt(number_forms(q.value)[0])} with {shown}"
        hint = 'write the scale word printed right after the number (万, 亿, 万亿…), or "" when there is none'
        yield dataset.problem(printing, where, message, hint, "quote")


def _range(dataset: Dataset, q: m.Quantity, quote: str) -> Iterator[Problem]:
    """A range (1500家至2000家): the upper bound is above the lower and printed in the quote."""
    assert q.value_max is not None
    shown = excerpt(number_forms(q.value_max)[0])
    if q.value_max <= q.value:
        message = f"range {excerpt(number_forms(q.value)[0])} to {shown}: the upper bound must be above the lower"
        yield dataset.problem(q, ("value_max",), message, "value is the lower bound, value_max the upper", "quote")
    elif printed_scales(quote, q.value_max) is None:
        message = f"value_max {shown} does not appear in the quote"
        yield dataset.problem(q, ("value_max",), message, "quote the sentence that prints the whole range", "quote")


# A quote must give the reader context: at least this many letters (Chinese characters count) once
# the number, its scale word, unit and qualifier are taken out. "2100家" alone says nothing. Three,
# not four: "总投资逾100亿元" (shanghai.yml) is a real quote whose context is 总投资, and three
# Chinese characters are already a word.
MIN_CONTEXT = 3


# an exclusion quotes the bare number it excludes, on purpose: not checked
@check(scope="record", kinds=("facts", "targets", "events", "clusters"))
def quotes_with_context(dataset: Dataset, _region: m.Region, record: m.Quoted) -> Iterator[Problem]:
    for printing in record.printings() if isinstance(record, m.Reported) else [record]:
        if sum(char.isalpha() for char in _context(record, printing.quote, _unit_labels(dataset))) < MIN_CONTEXT:
            message = f"quote '{excerpt(printing.quote)}' is little more than the number: the reader needs its context"
            hint = f"quote the words around it too: {MIN_CONTEXT} or more letters or characters besides number, scale, unit and qualifier"
            yield dataset.problem(printing, ("quote",), message, hint, "quote")


@functools.lru_cache(maxsize=1)  # per dataset (compared by identity), asked once per quote
def _unit_labels(dataset: Dataset) -> dict[str, list[str]]:
    """Each unit's label in the parts a quote prints: 颗（卫星） is printed 颗."""
    return {unit.id: [part for part in re.split(r"[（）()/]", squeeze(unit.label.zh)) if part] for unit in dataset.units.values()}


def _context(record: m.Quoted, quote: str, labels: dict[str, list[str]]) -> str:
    """The quote without what the record already says: the number as printed, its scale word,
    unit (the parts of its label: 颗（卫星） is printed 颗) and qualifier."""
    left = squeeze(quote)
    if isinstance(record, m.Quantity):
        for part in [squeeze(record.written or ""), record.qualifier or "", record.scale, *labels.get(record.unit, [])]:
            left = left.replace(part, "", 1) if part else left
    return left
