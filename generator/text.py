"""The one owner of reader-visible text: words, numbers as printed, periods, dates, escaping.

Every word a reader sees comes from the data's zh/en fields or from the message catalog
(`messages.yml`), through `Lang`; every number is printed here (`quantity`, `exact`, `plain`), every
date and period (`date`, `period`), and every string from data/ is escaped here for the place it
goes (`md` for Markdown, `attr` for HTML attributes and the titles the theme prints as HTML).
Pages, charts, downloads, `diff` and the checks call these; none prints a number or a date itself.
An English edition is the same code with `Lang("en")`; a third language would be a catalog column
and, where its numbers read differently, a formatter here.

Pure functions, no I/O except reading the message catalog once.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator import models as m
from generator import numbers_en
from generator.history import History

CATALOG = Path(__file__).with_name("messages.yml")


@functools.cache
def catalog() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    return data


_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")  # {n|event|events}


@dataclass(frozen=True)
class Lang:
    """An edition's language: its words come from the catalog (messages.yml), a bilingual text's
    side from `pick`, its punctuation from the catalog's punct_* keys."""

    primary: str = "zh"

    def t(self, key: str, **values: Any) -> str:
        """The catalog's text filled in. A word that depends on a count is written
        {n|event|events}: the first form when the count is 1, the second otherwise."""
        text = _PLURAL.sub(lambda found: found[2] if values[found[1]] == 1 else found[3], catalog()[key][self.primary])
        return text.format(**values)

    # punctuation differs by language too: 、/, between items, ；/; between clauses, （）/ () around
    def join(self, items: Iterable[str]) -> str:
        return self.template("punct_list").join(items)

    def sep(self, items: Iterable[str]) -> str:
        return self.template("punct_sep").join(items)

    def paren(self, text: str) -> str:
        return self.t("punct_paren", x=text)

    @property
    def colon(self) -> str:
        return self.template("punct_colon")

    def template(self, key: str) -> str:
        """The catalog's text with its {placeholders} unfilled, for a script to fill in."""
        return catalog()[key][self.primary]

    def pick(self, text: m.Bilingual | None) -> str:
        return getattr(text, self.primary) if text else ""


# ---------------------------------------------------------------------------------------------
# Numbers

_SCALE_STEPS = [("万亿", 10**12), ("亿", 10**8), ("万", 10**4)]
# Qualifiers printed between number and unit (4200余家), after the unit (40%以上), or — all
# the others — before the number (超2100家).
_BEFORE_UNIT = {"余", "多"}
_AFTER_UNIT = {"以上", "左右"}


def plain(number: float) -> str:
    """A number as Chinese readers write it next to 万/亿: digits, no grouping, ≤ 2 decimals."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def auto_scale(normalized: float) -> str:
    """The scale word that keeps the leading part readable: 52000000000 → 亿 (520亿)."""
    for word, size in _SCALE_STEPS:
        if abs(normalized) >= size:
            return word
    return ""


def quantity(q: m.Quantity, unit_label: str, scale: str | None = None, lang: Lang | None = None, rank_among: str | None = None) -> str:
    """'超2100家', '5200亿元', '4.4%左右', '14万平方米', '1500至2000家' — in `scale` if given, else as
    printed. In English, from the normalized value: 'over 100 billion yuan' (numbers_en.py), and in
    words where the source has words: 翻番 → 'doubled', 三分之一 → 'a third'.

    `rank_among` (not None) makes the value a place in a ranking, among the regions of a place
    named in the edition's language ("" when unnamed): 北京第一 / '1st in Beijing'."""
    lang = lang or Lang("zh")
    if rank_among is not None:
        return rank(q, rank_among, lang)
    if lang.primary == "en":
        return numbers_en.quantity(q.value, q.scale, unit_label, q.qualifier, q.value_max, q.written)
    if q.written and scale is None:
        return as_written(q, unit_label)
    scale = q.scale if scale is None else scale
    number = plain(q.normalized / m.SCALES[scale])
    if q.normalized_max is not None:  # a range is never shown as its lower bound
        number = catalog()["range"]["zh"].format(a=number, b=plain(q.normalized_max / m.SCALES[scale]))
    return _place(q.qualifier or "", number, scale, unit_label)


def rank(q: m.Quantity, among: str, lang: Lang) -> str:
    """A place in a ranking as a person writes it: 北京第一 / '1st in Beijing'; 第一 / '1st' when
    the ranking's place is not named. Never '第一（1名次）' or '1 rank'."""
    if lang.primary == "en":
        nth = numbers_en.ordinal(numbers_en.normalized(q.value, q.scale))
    else:
        among = re.sub(r"(.{2,})市$", r"\1", among)  # 北京市 → 北京: 北京第一, as people say it
        nth = q.written if q.written and q.written.startswith("第") else f"第{plain(q.normalized)}"
    return lang.t("rank_in" if among else "rank_alone", nth=nth, place=among)


def exact(q: m.Quantity, unit_label: str) -> str:
    """'突破2100家', '33.3333亿元': as printed, with every digit of the value (for reviewers: `diff`)."""
    return _place(q.qualifier or "", number_forms(q.value)[0], q.scale, unit_label)


def _place(word: str, number: str, scale: str, unit_label: str) -> str:
    """The qualifier where Chinese prints it: 4200余家, 40%以上, 超2100家. 多 and 余 follow a round
    number (80多家, 70多万台) but the scale word or unit after any other (3万多台, 3倍多)."""
    if word in _AFTER_UNIT:
        return f"{number}{scale}{unit_label}{word}"
    if word in _BEFORE_UNIT:
        if re.fullmatch(r"[0-9]*0|[〇零一二两三四五六七八九]*[十百千万亿]", number):
            return f"{number}{word}{scale}{unit_label}"
        return f"{number}{scale}{word}{unit_label}" if scale else f"{number}{unit_label}{word}"
    return f"{word}{number}{scale}{unit_label}"


def number_forms(value: float) -> list[str]:
    """How a value may be printed in digits: 2100, 43.9, 1.50 → 1.5.

    The shortest decimal that reads back as `value` (`repr`), without an exponent. It used to be
    `f"{value:.10f}"`, which cut 1.23456789012 to 10 places and turned 1e-11 into "0."."""
    if value == int(value):
        return [str(int(value))]
    return [format(Decimal(repr(value)), "f")]


_NUMERAL = re.compile("[〇零一二两三四五六七八九十百千万亿]+")


def as_written(q: m.Quantity, unit_label: str) -> str:
    """A number printed in characters, shown as printed: 突破千亿元, 超六成, 翻番, 三分之一.

    Takes the written form from the quote with the qualifier just before it and the unit just
    after it. A bare numeral gets the unit when the quote names it otherwise (三大国家级平台 →
    三个平台, 千亿营收 → 千亿元); a word that carries its own measure (翻番, 超六成, 三分之一,
    上万倍, 千星, 三战三捷) is shown alone. Never the digits beside it: '三 = 3个' says it twice."""
    written = q.written or ""
    quote = "".join(q.quote.split())
    start = quote.find(written)
    if start < 0:  # the validator reports this; show something sensible meanwhile
        start, quote = 0, written
    end = start + len(written)
    qualifier = "" if written.startswith(q.qualifier or "") else (q.qualifier or "")  # 超六成 says 超 itself
    if qualifier and quote[:start].endswith(qualifier):
        start, qualifier = start - len(qualifier), ""
    printed = quote[start:end]
    if unit_label and quote[end:].startswith(unit_label):
        return _place(qualifier, printed + unit_label, "", "")
    if _NUMERAL.fullmatch(written):
        return _place(qualifier, printed, "", unit_label)
    return _place(qualifier, printed, "", "")


# ---------------------------------------------------------------------------------------------
# Dates and periods


@functools.lru_cache(maxsize=8192)  # few distinct dates, asked for on every page that shows them
def date(text: str, lang: Lang) -> str:
    """'2024-02-03' → 2024年2月3日 / 3 Feb 2024 style, at the precision written."""
    parts = [int(p) for p in text.split("-")]
    if lang.primary == "zh":
        return "".join(f"{v}{u}" for v, u in zip(parts, "年月日", strict=False))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"


@functools.lru_cache(maxsize=8192)
def period(text: str, lang: Lang) -> str:
    """Read the period grammar of data/README.md: 2023, 2024-02, 2021/2023, ../2024-03."""
    if text.startswith("../"):
        return lang.t("period_cumulative", a=date(text[3:], lang))
    if "/" in text:
        start, end = text.split("/")
        return lang.t("period_span", a=date(start, lang), b=date(end, lang))
    if len(text) == 4:
        return lang.t("period_year", a=text)
    return lang.t("period_asof", a=date(text, lang))


def period_end(text: str) -> str:
    """A sort key for the end of a date or period (YYYY-MM-DD; a month ends on its "31st"): the
    latest of a region's figures is the one compared."""
    last = text.split("/")[-1].removeprefix("../")
    year, month, day = ([*last.split("-"), "12", "31"])[:3] if "-" not in last else ([*last.split("-"), "31"])[:3]
    return f"{year}-{month}-{day}"


def period_start(text: str) -> str:
    """First day of a date or period, as YYYY-MM-DD (for sorting and for the timeline axis)."""
    first = text.removeprefix("../").split("/")[-1 if text.startswith("../") else 0]
    year, month, day = ([*first.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}"


# ---------------------------------------------------------------------------------------------
# Escaping: data text is never trusted as Markdown or HTML

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")  # Python-Markdown's escapable set, plus | for tables
# What makes a block of a line that starts with it: a list item ("- ", "1. "), a `??? note`
# details block, a setext underline ("="), a definition (":"). The mark becomes a character
# reference (the digits' dot a backslash escape), which Markdown shows as the character.
_BLOCK_START = re.compile(r"^(?:[-=:~?]|[0-9]+\.)")


@functools.lru_cache(maxsize=65536)
def md(text: str) -> str:
    """Inline Markdown text: escapes everything Markdown or raw HTML would interpret, wherever a
    template puts it (in a table cell, or alone on a line, where "- " would start a list).

    Cached: the same labels and names are escaped tens of thousands of times on a large site."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _BLOCK_START.sub(_defuse, escaped, count=1)


def _defuse(start: re.Match[str]) -> str:
    mark = start[0]
    return mark[:-1] + "\\." if mark.endswith(".") else f"&#{ord(mark)};"


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RUN = re.compile(f"[{_CJK}]+(?:[0-9.]+[{_CJK}]+)*")  # 3月3日 → 月3日: the run, digits inside kept


def mark_chinese(markdown: str) -> str:
    """Escaped text of another language with each run of Chinese in it (a term as the sources print
    it: “千亿”, 信创) marked lang="zh": the browser picks a Chinese font, a screen reader its voice."""
    return _CJK_RUN.sub(r'<span lang="zh">\g<0></span>', markdown)


def unmarked(markdown: str) -> str:
    """Plain text back from `md` (and `mark_chinese`): for charts and scripts, which take text as
    data. Tags first (the escaped text has none of its own), then Markdown's escapes, then HTML's."""
    return html.unescape(re.sub(r"\\(.)", r"\1", re.sub(r"<[^>]+>", "", markdown)))


@functools.lru_cache(maxsize=65536)
def attr(text: str) -> str:
    """A value for an HTML attribute (title=, aria-label=); cached like `md`."""
    return html.escape(" ".join(text.split()), quote=True)


# In a Markdown link's title, what Markdown reads before it sees the link: "|" ends a table cell
# (the rest of the title became Markdown of the next cell: a live `javascript:` link), "`" starts
# a code span that swallows the title's quotes. Character references are kept as they are by
# Python-Markdown (and by htmlblocks.py), so the browser shows the characters.
_TITLE_SPECIAL = str.maketrans({"|": "&#124;", "`": "&#96;"})


@functools.lru_cache(maxsize=65536)
def link_title(text: str) -> str:
    """A Markdown link's title, `[text](url "title")`: an attribute value (quotes escaped) that no
    table cell or code span can cut (cached like `attr`)."""
    return attr(text).translate(_TITLE_SPECIAL)


def excerpt(quote: str, needle: str, width: int = 22) -> str:
    """A window of the quote around `needle` (the number): enough to recognise it on hover."""
    text = "".join(quote.split())
    at = text.find(needle) if needle else -1
    if at < 0:
        return short(text, 2 * width)
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def data_version(history: History, lang: Lang) -> str:
    """'数据版本：2024-03-12 · 1a2b3c4' for the footer; the build date when there is no history."""
    version = history.version or history.today
    if history.local:
        version += lang.paren(lang.t("local_changes"))
    return f"{lang.t('data_version')}{lang.colon}{version}"
