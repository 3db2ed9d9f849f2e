"""Which numbers in the archived texts no quote covers.

Every number in a source must be either curated (inside the quote of a fact, target, event or
cluster) or deliberately excluded (inside the quote of an `excluded` entry, with a reason). A number
is: a run of Arabic digits (with a decimal part), a run of two or more Chinese numerals, or a single
Chinese numeral followed by a measure word (十一星, 两箭, 四大, 六成). OCR spaces are removed
first, so "2000 万" and "20 00" are single numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checks import printings
from generator.load import Dataset
from generator.problems import visible
from generator.sources import SourceText

_NUMERALS = "〇零一二两三四五六七八九十百千万亿"
_MEASURES = "个家项款号箭星年月日成倍大种批次位名件台届期轮条区只套股分战"
NUMBER = re.compile(
    rf"[0-9０-９]+(?:[.．][0-9０-９]+)?"  # Arabic (full-width too: ４．５ was cut into ４ and ５)
    rf"|(?<![0-9{_NUMERALS}])[{_NUMERALS}]{{2,}}"  # a run of numerals not following digits (2000万 is one number)
    # one numeral and a measure word; a lone 一 is left out: 一个/一种 is mostly the article "a"
    rf"|(?<![0-9{_NUMERALS}])[{_NUMERALS.replace('一', '')}](?=[{_MEASURES}])"
)


@dataclass(frozen=True)
class Uncovered:
    file: str
    line: int
    number: str
    context: str

    def format(self) -> str:
        # the context is the archived text as received: shown with invisible and direction characters escaped
        return visible(f"data/sources/{self.file}:{self.line}: '{self.number}' in “{self.context}” is not covered by any quote")


def find_numbers(text: SourceText) -> list[tuple[int, int, str]]:
    """(start, end, number) of every number in the stripped text."""
    return [(hit.start(), hit.end(), hit.group()) for hit in NUMBER.finditer(text.stripped)]


def quote_spans(dataset: Dataset) -> dict[str, list[tuple[int, int]]]:
    """Stripped-text spans of every quote, by source file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for _region, _kind, record in printings(dataset):  # each report's quote covers numbers too
        article = dataset.articles.get(record.source)
        text = dataset.texts.get(article.file) if article else None
        if article is None or text is None:
            continue
        try:
            found = text.find(record.quote, article.lines)
        except IndexError:  # a bad line range: reported by the checks
            continue
        if found:
            spans.setdefault(article.file, []).append(found)
    return spans


def coverage(dataset: Dataset) -> tuple[int, list[Uncovered]]:
    """(numbers found, the uncovered ones)."""
    spans = quote_spans(dataset)
    total, missing = 0, []
    for name, text in sorted(dataset.texts.items()):
        covering = spans.get(name, [])
        for start, end, number in find_numbers(text):
            total += 1
            if not any(a <= start and end <= b for a, b in covering):
                context = text.stripped[max(0, start - 12) : end + 12]
                missing.append(Uncovered(name, text.line_at(start), number, context))
    return total, missing
