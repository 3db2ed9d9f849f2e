"""Drafting an article's records by rule: every number in it becomes a fact, a target, an event's
date or an exclusion, each marked `draft: true` for a contributor to review.

Contributor tooling, like scaffold.py and newmetric.py: it reads the registries (metrics, units,
concepts, clusters, a region's profile) and never the curated records, so that the benchmark
(benchmarks/draft_accuracy.py) can score it against them. The rules are deterministic and local:

- the numbers are coverage.py's (the same finder `coverage` counts), within the article's lines;
  sentences end at their marks and at a blank line (a paragraph's end);
- a run 2023年3月2日 (or 2日至3日, 2024年初) is a date, and so are years said relative to the page
  (今年, 去年, 近日, 新年伊始), spans (近两年, 未来5年, 三年行动以来) and 再用5年 after a year: the
  period of the figure it holds for (`_own_date`: its clause, its sentence, earlier in its
  paragraph, the day before 几小时后), a target's deadline, or an event's date when the sentence
  says something happened (and the date is not still to come);
- a figure is a number with a unit this project knows right after it (and its scale word:
  `printed_scales`; the noun nearest after a counter), or before it at the end of its clause
  (用户……3亿), a money scale alone (500亿级), an order of magnitude (上万倍) or a fraction
  (三分之一); its qualifier is the word printed before it (超过, 近 …) or after (余, 以上);
- its period reads its date against the metric's kind (a stock at a date, a flow over a year),
  累计 and 起 as a total to date, 每年 as a rate in force; its quote runs from the sentence's
  date, or the clause before it, to the end of its own words (cut before 和 and the next figure,
  or after the project it describes);
- its metric is the one whose dimensions the quote's words fit (checks/measures.py `fitting`),
  preferring those whose concept its own words name nearest the number; the next two are
  written in a comment;
- works a dated paragraph says began or finished (A、B等项目开工建设) are events of its year;
- one figure printed twice (with or without its scope) is one record with a further report;
- every other number (a plan name 十四五, a rocket name, a time of day, a span of years) is an
  exclusion whose reason says which rule excluded it.

Writing the records into a region file and the command itself are in draftfile.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from generator import markers
from generator import models as m
from generator.checks.measures import fitting
from generator.checks.quotes import printed_scales
from generator.coverage import find_numbers
from generator.load import Dataset
from generator.sources import SourceText, squeeze

Kind = Literal["facts", "targets", "events", "excluded"]
TODO_EN = "TODO English"

# Sentences end at Chinese or ASCII sentence marks; a Markdown heading's # or a byline's ■ also
# starts a new one (the squeezed text runs a heading into the paragraph after it).
_SENTENCE_END = re.compile(r"[。！？；!?;#■□]")
_CLAUSE_END = re.compile(r"[，。；！？、,;!?：:#■□]")
_LETTERS = re.compile(r"[A-Za-z\u4e00-\u9fff]")

# A target speaks of the future: a deadline (到2026年), an ambition (力争) or a plan (计划).
_TARGET = re.compile(r"到20[0-9]{2}年|力争|计划到|计划在|计划将|目标|争取|明年|还将|将于|将建|将达|将实现|将新增|将突破|再用|再过")
_EVENT_TYPES: list[tuple[m.EventType, tuple[str, ...]]] = [
    ("milestone", ("获许可", "获得许可", "首获", "发表", "诞生")),
    ("launch", ("发射", "升空", "首飞", "入轨", "起飞")),
    ("opening", ("落成", "揭牌", "开业", "投用", "投产", "启用", "开园", "开通", "入驻")),
    ("project", ("开工", "签约", "奠基", "落地", "开建", "启动")),
    ("meeting", ("召开", "大会", "会议", "论坛", "举行", "举办")),
    ("plan", ("规划", "行动计划", "方案")),
    ("policy", ("发布", "公布", "出台", "印发", "设立", "成立", "政策", "获批", "批准")),
]
_EVENT_WORDS = tuple(word for _, words in _EVENT_TYPES for word in words)

_FIRM = re.compile(r"[\u4e00-\u9fff（）()A-Za-z]{2,24}?(?:股份有限公司|有限责任公司|有限公司|集团)")
_FUNCTION_WORDS = "由在为与和的是被向对让从将及等"  # before a firm's name, not part of it (由…有限公司建设)
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_BEFORE = sorted((w for w in m.QUALIFIERS if w not in ("余", "多", "以上", "左右")), key=len, reverse=True)
_SCALE_WORDS = sorted((s for s in m.SCALES if s), key=len, reverse=True)

_GENERIC = ("个", "项", "件", "次", "人", "台", "名", "位")  # counters that say nothing without their noun
_COUNTERS = "个项件次人台名位颗款票"

# How units are printed where their labels do not say it (a label's parenthesis names the thing
# counted: 颗（卫星）, 个（场景）); the rest comes from the labels in data/metrics.yml.
_PRINTED: dict[str, list[tuple[str, str]]] = {  # unit → [(counter, a word the clause must hold or "")]
    "km_per_hour": [("公里每小时", ""), ("公里/小时", ""), ("千米每小时", "")],
    "km": [("千米", "")],
    "percent": [("％", ""), ("成", "")],
    "patents_per_10k": [("件", "万人")],
    "satellites": [("星", "")],
    "pflops": [("P", "")],
    "warehouses": [("个", "仓")],  # 海外仓138个
    "projects": [("项", "项目")],  # 工业项目共175项
    "rocket_models": [("个型号", "火箭")],  # 6个型号 (of rockets)
}
# 500亿级产业集群, 千亿营收: an amount of money named by its scale alone, before 级 or a money noun.
_MONEY = re.compile(r"级|营收|收入|产值|投资|规模|资金")


@dataclass
class Drafted:
    """One drafted record, with where its number is and why it was drafted so."""

    kind: Kind
    record: m.Quoted
    at: int  # where its number (or its date) starts in the stripped text
    candidates: tuple[str, ...] = ()  # metric ids, best first
    covers: tuple[int, ...] = ()  # starts of the numbers it states (a date's parts too)
    until: str | None = None  # an event over a range of days (3月2日至3日): its last day


@dataclass(frozen=True)
class Date:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    parts: tuple[int, ...]  # starts of its numbers
    offset: int | None = None  # a year said relative to the page's: 今年 0, 去年 -1, 明年 1 (inferred)
    last: int | None = None  # a span's last year, relative like `offset`: 近两年 → -2 … -1
    last_day: int | None = None  # 3月2日至3日: the range's last day
    derived: bool = False  # the year worked out from another printed one (再用5年 after 到2028年)

    def calendar_year(self, published: str) -> int:
        return self.year or int(published[:4]) + (self.offset or 0)

    def text(self, published: str) -> tuple[str, bool]:
        """YYYY[-MM[-DD]] (or YYYY/YYYY for a span) and whether the year was worked out from the
        page's date or another year (inferred)."""
        year = self.calendar_year(published)
        if self.last is not None:
            return f"{year:04d}/{int(published[:4]) + self.last:04d}", True
        out = f"{year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.month and self.day else "")
        return out, self.year is None or self.derived

    @property
    def starts_range(self) -> bool:
        return self.last_day is not None


@dataclass(frozen=True)
class Figure:
    start: int
    end: int  # after its unit (and a qualifier printed after it)
    value: float
    scale: str
    unit: str
    qualifier: str | None
    written: str | None
    value_max: float | None = None
    parts: tuple[int, ...] = ()


@dataclass
class Article:
    """What the rules read: the article's squeezed text by line range, its date, the registries."""

    text: SourceText
    article: m.Article
    dataset: Dataset
    profile: m.Profile | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # where a paragraph starts after a blank line

    def __post_init__(self) -> None:
        self.spans = [self.text.span(first, last) for first, last in self.article.lines]
        # A blank line ends a paragraph, and so its sentence, even where the text lost the full
        # stop before it (…1500家至2000 ⏎⏎ 作为首批…): a page's figures are not run together.
        lines = self.text.text.split("\n")
        self.breaks = sorted(
            {self.text.line_starts[i + 1] for i, line in enumerate(lines[:-1]) if not line.strip() and i + 1 < self.text.line_count}
        )

    @property
    def s(self) -> str:
        return self.text.stripped

    def segment(self, at: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.spans if a <= at < b), (0, len(self.s)))

    def sentence(self, at: int) -> tuple[int, int]:
        low, high = self.segment(at)
        low = max([low, *(b for b in self.breaks if b <= at)])
        high = min([high, *(b for b in self.breaks if b > at)])
        starts = [hit.end() for hit in _SENTENCE_END.finditer(self.s, low, at)]
        end = _SENTENCE_END.search(self.s, at, high)
        return (starts[-1] if starts else low), (end.start() if end else high)

    def clause(self, at: int) -> tuple[int, int]:
        low, high = self.sentence(at)
        starts = [hit.end() for hit in _CLAUSE_END.finditer(self.s, low, at)]
        end = _CLAUSE_END.search(self.s, at, high)
        return (starts[-1] if starts else low), (end.start() if end else high)


# ------------------------------------------------------------------------------------ numbers


def chinese_value(text: str) -> int | None:
    """二十一 → 21, 千 → 1000, 二〇二四 → 2024; None when it is not a number."""
    if text and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text)) if len(text) > 1 else _DIGITS[text]
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(token: str) -> tuple[float, str] | None:
    """The value of a number as found, and the scale word a Chinese run ends with (千亿 → 1000, 亿)."""
    plain = unicodedata.normalize("NFKC", token).replace("．", ".")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", plain):
        return float(plain), ""
    scale = next((w for w in _SCALE_WORDS if token.endswith(w) and len(token) > len(w)), "")
    value = chinese_value(token[: len(token) - len(scale)])
    return (float(value), scale) if value is not None else None


def dates(a: Article, numbers: list[tuple[int, int, str]]) -> list[Date]:
    """Runs like 2023年, 2023年9月, 2月3日: numbers followed by 年 (a plausible year), 月, 日."""
    found: list[Date] = []
    index = 0
    while index < len(numbers):
        run: list[tuple[int, int, str, str]] = []
        while index < len(numbers) and (mark := _date_mark(a.s, numbers[index])) and (not run or numbers[index][0] == run[-1][1] + 1):
            run.append((*numbers[index], mark))
            index += 1
        if run:
            date = _date(a.s, run)
            # 3月2日至3日: a range of days, the last day's number part of the date
            if date.day and index < len(numbers) and a.s[date.end : date.end + 1] in ("至", "到", "-", "—", "～"):
                start, end, token = numbers[index]
                value = _number(token)
                if start == date.end + 1 and a.s[end : end + 1] == "日" and value and date.day < value[0] <= 31:
                    date = replace(date, end=end + 1, last_day=int(value[0]), parts=(*date.parts, start))
                    index += 1
            found.append(date)
        else:
            index += 1
    return sorted(found + relative_dates(a, numbers, found), key=lambda d: d.start)


# A year said relative to the page's (今年, 去年 …), unless it is the base of a comparison (比去年,
# 去年同期): then the figure is this year's change, not last year's.
_RELATIVE_YEAR = re.compile(r"(?<![比较同于])(今年|去年|明年|前年|近日)(?!同期)")
_YEAR_OFFSETS = {"今年": 0, "去年": -1, "明年": 1, "前年": -2, "近日": 0}
# The new year's first weeks: January of the page's year.
_NEW_YEAR = re.compile(r"新年伊始|开年|年初以来")
# A span of years counted from the page: 近两年 (the two years before it), 未来5年 (from its year
# on); not a length of time spent (经过近10年培育).
_SPAN = re.compile(r"(?<!经过)(?<!用了)(?<!历时)(近|过去|未来)([0-9]{1,2}|[两二三四五六七八九十]{1,2})年(?![来间度])")
# A programme of N years under way until the page (实施工业振兴三年行动以来): the N years before it.
_PROGRAMME = re.compile(r"([0-9]{1,2}|[两二三四五六七八九十]{1,2})年(?:行动|攻坚|计划)(?:实施)?以来")
# 再用5年 / 再过5年: a year counted on from the last year printed before it (到2028年……；再用5年)
_LATER = re.compile(r"再(?:用|过|经过)([0-9]{1,2}|[两二三四五六七八九十]{1,2})年")


def relative_dates(a: Article, numbers: list[tuple[int, int, str]], printed: list[Date]) -> list[Date]:
    """Years the text says relative to the page's date or to a year it printed (see above); the
    number inside one (近两年's 两) is part of the date."""
    out: list[Date] = []
    at = {start: start for start, _end, _token in numbers}
    for low, high in a.spans:
        for hit in _RELATIVE_YEAR.finditer(a.s, low, high):
            out.append(Date(hit.start(), hit.end(), None, None, None, (), offset=_YEAR_OFFSETS[hit.group(1)]))
        for hit in _NEW_YEAR.finditer(a.s, low, high):
            out.append(Date(hit.start(), hit.end(), None, 1, None, (), offset=0))
        for hit in [*_SPAN.finditer(a.s, low, high), *_PROGRAMME.finditer(a.s, low, high)]:
            ahead = hit.re is _SPAN and hit.group(1) == "未来"
            n = _number(hit.group(2 if hit.re is _SPAN else 1))
            if n is None or n[1] or not 1 <= n[0] <= 20:
                continue
            count, parts = int(n[0]), tuple(p for p in [at.get(hit.start(2 if hit.re is _SPAN else 1))] if p is not None)
            first, last = (0, count - 1) if ahead else (-count, -1)
            out.append(Date(hit.start(), hit.end(), None, None, None, parts, offset=first, last=last))
        for hit in _LATER.finditer(a.s, low, high):
            n = _number(hit.group(1))
            before = [d for d in printed if d.year and d.start < hit.start() and a.segment(d.start) == a.segment(hit.start())]
            if n is None or n[1] or not before:
                continue
            parts = tuple(p for p in [at.get(hit.start(1))] if p is not None)
            out.append(Date(hit.start(), hit.end(), (before[-1].year or 0) + int(n[0]), None, None, parts, derived=True))
    return out


def _date_mark(s: str, number: tuple[int, int, str]) -> str:
    start, end, token = number
    after = s[end : end + 1]
    value = _number(token)
    if value is None or value[1] or "." in token:
        return ""
    v = int(value[0])
    if after == "年" and m.YEARS[0] <= v <= m.YEARS[1] and len(token) == 4:
        return "年"
    if after == "月" and 1 <= v <= 12 and s[start - 2 : start] != "正月":
        return "月"
    if after in "日号" and after and 1 <= v <= 31 and s[start - 1 : start] in ("月",):
        return "日"
    return ""


def _date(s: str, run: list[tuple[int, int, str, str]]) -> Date:
    got = {mark: int(_number(token)[0]) for _, _, token, mark in run}  # type: ignore[index]
    month = got.get("月")
    end = run[-1][1] + 1
    if "月" not in got and s[end : end + 1] and s[end : end + 1] in "末底":  # 2023年末: the year's end
        month = 12
    if "月" not in got and s[end : end + 1] == "初":  # 截至2024年初: its first month
        month = 1
    return Date(run[0][0], end, got.get("年"), month, got.get("日"), tuple(r[0] for r in run))


# ------------------------------------------------------------------------------------ units


def unit_rules(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(printed counter, a word its clause must hold or "", unit id), the longest counter first
    and, for one counter, those that need a word first: 个 with 场景 is scenarios."""
    rules = [(counter, word, unit) for unit, forms in _PRINTED.items() if unit in dataset.units for counter, word in forms]
    for unit in dataset.units.values():
        rules += _label_rules(unit)
    return sorted(rules, key=lambda r: (-len(r[0]), not r[1]))


def _label_rules(unit: m.Unit) -> list[tuple[str, str, str]]:
    """A label read as printed forms: 个项目 and 个（项目） are 个 with 项目 in the clause (the thing
    counted often stands before the number: 设施多达20个); 颗卫星 is 颗 with 卫星 or 颗 alone."""
    label = squeeze(unit.label.zh)
    main, _, rest = label.partition("（")
    word = rest.rstrip("）")
    if not word and len(main) > 1 and main[0] in _COUNTERS:
        main, word = main[0], main[1:]
    if "/" in main and not word:  # a compound unit (件/万人): spelt out in _PRINTED
        return []
    rules = [(counter, word, unit.id) for counter in main.split("/") if counter]
    if word and main not in _GENERIC:  # 颗, 款, 票: a counter that says what it counts
        rules += [(counter, "", unit.id) for counter in main.split("/") if counter]
    return rules


def unit_at(s: str, at: int, clause: tuple[int, int], rules: list[tuple[str, str, str]]) -> tuple[str, int] | None:
    """The unit printed at `at` and its length: the longest counter printed there whose word the
    clause holds (the word nearest after the counter when several do: 5个产业领域成立了工作专班
    counts 领域), else its reading without a word, else the only reading of a counter that is
    not generic."""
    printed = [rule for rule in rules if s.startswith(rule[0], at)]
    if not printed:
        return None
    longest = max(len(counter) for counter, _, _ in printed)
    readings = [rule for rule in printed if len(rule[0]) == longest]
    c0, c1 = clause

    def distance(word: str) -> int:
        after = s.find(word, at, c1)
        return after - at if after >= 0 else 1000 + at - s.rfind(word, c0, at)

    named = sorted((distance(word), unit) for _, word, unit in readings if word and word in s[c0:c1])
    if named:
        return named[0][1], longest
    bare = next((unit for _, word, unit in readings if not word), None)
    if bare is not None:
        return bare, longest
    counter, _, unit = printed[0]
    return (unit, len(counter)) if counter not in _GENERIC else None


def figure(a: Article, number: tuple[int, int, str], rules: list[tuple[str, str, str]]) -> Figure | None:
    """The figure a number is, if a unit follows it (with scale word and 多/余 between)."""
    start, end, token = number
    if token in _SCALE_WORDS and a.s[start - 1 : start] == "上":  # 上万倍: an order of magnitude, 1 万
        return _magnitude(a, number, rules)
    if fraction := _FRACTION.match(a.s, start):  # 三分之一: a share, in percent
        return _fraction(a, number, fraction)
    parsed = _number(token)
    if parsed is None:
        return None
    value, scale = parsed
    after = end + (1 if a.s[end : end + 1] in ("多", "余") else 0)
    if not scale:
        printed = printed_scales(a.s[start : after + 4], value) or {""}
        scale = max(printed, key=len)
        after += len(scale)
    c0, c1 = a.clause(start)
    found = unit_at(a.s, after, (c0, c1), rules)
    if found is None and scale.endswith("亿") and (money := _MONEY.match(a.s, after)):
        found = ("yuan", len(money.group()) if money.group() == "级" else 0)
    if found is None:
        found = _unit_before(a, start, after, c0, c1, rules)
    if found is None:
        return None
    unit, length = found
    stop = after + length
    written = None if re.match(r"[0-9０-９]", token) else token + (a.s[after : after + length] if unit == "percent" else "")
    if unit == "percent" and a.s.startswith("成", after):
        value = value * 10
    return Figure(start, stop, value, scale, unit, _qualifier(a.s, start, end, stop), written, parts=(start,))


# N分之M: M parts of N, printed in characters or digits
_FRACTION = re.compile(r"([0-9]+|[一二三四五六七八九十]+)分之([0-9]+|[一二三四五六七八九十]+)")


def _fraction(a: Article, number: tuple[int, int, str], hit: re.Match[str]) -> Figure | None:
    whole, part = _number(hit.group(1)), _number(hit.group(2))
    if not whole or not part or whole[1] or part[1] or not 0 < part[0] <= whole[0]:
        return None
    share = round(part[0] / whole[0] * 100, 1)
    return Figure(number[0], hit.end(), share, "", "percent", None, hit.group(), parts=(number[0],))


def _magnitude(a: Article, number: tuple[int, int, str], rules: list[tuple[str, str, str]]) -> Figure | None:
    """上万倍, 上百家: the order of magnitude the scale word names (value 1, scale 万), with the
    unit after it."""
    start, end, token = number
    c0, c1 = a.clause(start)
    found = unit_at(a.s, end, (c0, c1), rules)
    if found is None:
        return None
    written = a.s[start - 1 : end + found[1]]
    return Figure(start, end + found[1], 1, token, found[0], _qualifier(a.s, start - 1, end, end + found[1]), written, parts=(start,))


def _unit_before(a: Article, start: int, after: int, c0: int, c1: int, rules: list[tuple[str, str, str]]) -> tuple[str, int] | None:
    """A number that ends its clause with nothing after it (月活跃用户已超过3亿): the unit is the
    noun named before it in the clause, when exactly one unit's noun (a label that is no counter:
    用户) is there."""
    if after < c1 and a.s[after] not in "。，；！？、,;!?":
        return None
    before = a.s[c0:start]
    nouns = {unit for counter, word, unit in rules if not word and _NOUN.fullmatch(counter) and counter in before}
    return (nouns.pop(), 0) if len(nouns) == 1 else None


# a unit label that names what is counted (用户) rather than a measure (平方公里, 吉瓦)
_NOUN = re.compile(r"用户|企业|人才|客户|会员")


def _qualifier(s: str, start: int, end: int, stop: int) -> str | None:
    """The word printed after the number (余, 多, 以上, 左右: it says most), else right before it
    (超过, 近 …), else a cap, bound or estimate a few characters before (最高给予500万元, 约为全市50%)."""
    if s[end : end + 1] in ("多", "余"):
        return s[end]
    after = next((w for w in ("以上", "左右", "多") if s.startswith(w, stop)), None)
    if after:
        return after
    before = next((w for w in _BEFORE if s[start - len(w) : start] == w), None)
    if before:
        return before
    near = re.search(r"(最高|至少|约)[\u4e00-\u9fff]{1,3}$", s[max(0, start - 6) : start])
    return near.group(1) if near else None


def ranges(a: Article, figures: list[Figure]) -> list[Figure]:
    """1500家至2000家, 1500至2000家: one figure with value_max; the lower bound needs no unit of its own."""
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        between = a.s[prev.end if prev else 0 : fig.start]
        if (
            prev
            and prev.unit == fig.unit
            and prev.scale == fig.scale
            and between in ("至", "到", "-", "—", "~", "～")
            and prev.value < fig.value
        ):
            out[-1] = Figure(
                prev.start,
                fig.end,
                prev.value,
                fig.scale,
                fig.unit,
                prev.qualifier or fig.qualifier,
                None,
                fig.value,
                (prev.start, fig.start),
            )
        else:
            out.append(fig)
    return out


def bare_lower_bounds(a: Article, numbers: list[tuple[int, int, str]], figures: list[Figure]) -> list[Figure]:
    """The lower bound of 1500至2000家 has no unit: it takes the upper bound's."""
    out = list(figures)
    starts = {f.start for f in figures}
    for start, end, token in numbers:
        nxt = next((f for f in figures if f.start > end), None)
        parsed = _number(token)
        if start in starts or nxt is None or parsed is None or a.s[end : nxt.start] not in ("至", "到", "-", "—", "~", "～"):
            continue
        out.append(Figure(start, end, parsed[0], nxt.scale, nxt.unit, _qualifier(a.s, start, end, end), None, parts=(start,)))
    return sorted(out, key=lambda f: f.start)


# ------------------------------------------------------------------------------------ metric


def candidates(a: Article, q: m.Quantity, sentence: str, subject: bool, words: str | None = None) -> list[m.Metric]:
    """The metrics the quote fits (`fitting`), those whose concept the figure's own words
    (`words`, else its clause) name first; one firm's or project's metrics first when the sentence
    names a firm, and last otherwise; an industry's metrics only when the sentence (or its
    paragraph) names an industry."""
    fits = fitting(a.dataset, q)
    text = words if words is not None else markers.clause(q.quote, q)
    industry = cluster_of(a.dataset, text) is not None
    number = _number_at(text, q)

    def rank(item: tuple[int, m.Metric]) -> tuple[int, int, int, int]:
        # a concept whose words are printed nearest the number first (总投资6亿元的…项目签约:
        # 总投资 before 签约); then what the sentence is about; then the registry's order
        index, metric = item
        concept = a.dataset.concepts.get(metric.measures.concept)
        named = [abs(text.find(w) - number) for w in (concept.words if concept else []) if w in text]
        about = metric.measures.about
        return (min(named, default=_FAR), 0 if (about == "subject") == subject else 1, 0 if (about == "industry") == industry else 1, index)

    usable = [x for x in enumerate(fits) if not _needs_cluster(x[1]) or _industry(a, sentence, q)]
    return [metric for _, metric in sorted(usable, key=rank)]


def _industry(a: Article, sentence: str, q: m.Quantity) -> str | None:
    """The cluster the sentence names, else its paragraph's (an article's paragraph is often about
    one industry: 生物技术和大健康企业4200余家。……21款来自亦庄)."""
    return cluster_of(a.dataset, sentence) or cluster_of(a.dataset, _paragraph(a, q.quote))


def _paragraph(a: Article, text: str) -> str:
    """The line of the article that holds `text` (its first printing)."""
    at = a.s.find(text)
    if at < 0:
        return ""
    line = a.text.line_at(at)
    return a.s[a.text.line_starts[line - 1] : a.text.line_starts[line] if line < len(a.text.line_starts) else len(a.s)]


_FAR = 10_000  # the distance of a concept the text does not name


def _number_at(text: str, q: m.Quantity) -> int:
    """Where the figure's number is printed in `text` (its start when not found)."""
    forms = [q.written] if q.written else [f"{q.value:g}"]
    return max(0, next((text.find(f) for f in forms if f and text.find(f) >= 0), 0))


def _needs_cluster(metric: m.Metric) -> bool:
    return metric.per_cluster or metric.measures.about == "industry"


def cluster_of(dataset: Dataset, text: str) -> str | None:
    """The cluster whose name (or a part of it: 生物医药与大健康 → 生物医药) the text holds."""
    for cluster in dataset.clusters.values():
        words = [w for w in re.split(r"[与和（）()、]", cluster.name.zh) if len(w) >= 2]
        words += [w.removesuffix("产业") for w in words if len(w) >= 4 and w.endswith("产业")]  # 数据产业 → 数据
        if any(w in text for w in words):
            return cluster.id
    return None


# ------------------------------------------------------------------------------------ drafting


def draft(dataset: Dataset, article: m.Article, region_id: str, skip: Iterable[int] = ()) -> list[Drafted]:
    """Draft records for every number of `article` (those starting at `skip` aside: already
    covered by the region's records). Reads the registries and the region's profile only."""
    text = dataset.texts[article.file]
    region = dataset.regions.get(region_id)
    a = Article(text, article, dataset, region.profile if region else None)
    skipped = set(skip)
    numbers = [n for n in find_numbers(text) if any(x <= n[0] < y for x, y in a.spans) and n[0] not in skipped]
    found_dates = dates(a, numbers)
    in_date = {p for d in found_dates for p in d.parts}
    rules = unit_rules(dataset)
    figures = [f for n in numbers if n[0] not in in_date and (f := figure(a, n, rules))]
    figures = ranges(a, bare_lower_bounds(a, [n for n in numbers if n[0] not in in_date], figures))
    out: list[Drafted] = []
    used: set[Date] = set()
    for fig in figures:
        out.append(_quantity(a, fig, found_dates, used, figures))
    out += [_event(a, d) for d in found_dates if _is_event(a, d, d in used)]
    out += _works(a, found_dates)
    done = {p for d in out for p in d.covers}
    out += [_exclusion(a, n, found_dates) for n in numbers if n[0] not in done]
    return _ids(merge(out), region)


# A date that qualifies a noun (2015年创办的寰泰能源: the firm founded in 2015) says when that
# happened, not when the sentence's figures hold.
_ATTRIBUTIVE = re.compile(r"(?:创办|创立|成立|建成|设立|组建|注册|始建|开工|投产)的")
# A sentence that opens with these happens on the day of the last date printed before it.
_SAME_DAY = re.compile(r"[“”\"\s]*(?:当天|当日|同日|同一天|几小时后|数小时后|随后)")


def _own_date(a: Article, fig: Figure, found: list[Date], target: bool) -> Date | None:
    """The date a figure holds for: one in its own clause before it (明年专精特新企业达到40家),
    else the last before it in its sentence (a target's after 到), else one after it in its clause
    (a target's: in its sentence, 14万平方米，明年投用); a year opening its paragraph; the date of
    the sentence before when this one goes on with the same day (几小时后)."""
    s0, s1 = a.sentence(fig.start)
    c0, c1 = a.clause(fig.start)
    dated = [d for d in found if not _ATTRIBUTIVE.match(a.s, d.end)]
    # a date whose own clause says something happened (首飞, 发布) is that event's, unless the figure shares the clause
    before = [d for d in dated if s0 <= d.start < fig.start and (d.start >= c0 or not _happened(a, a.s[d.start : a.clause(d.start)[1]]))]
    own = [d for d in before if d.start >= c0]
    if target:
        ahead = [d for d in before if a.s[d.start - 1 : d.start] == "到"]
        before = own or ahead or before
    after = [d for d in dated if fig.end <= d.start < (s1 if target else c1)]
    if before or after:  # a target's deadline is its sentence's last date (4月开建，明年投用)
        return before[-1] if before else after[-1 if target else 0]
    line = a.text.line_starts[a.text.line_at(fig.start) - 1]
    if _SAME_DAY.match(a.s, s0):
        days = [d for d in dated if a.segment(fig.start)[0] <= d.start < s0 and d.day]
        if days:
            return days[-1]
    # a date printed earlier in the paragraph holds for its later sentences (2023年，… 。其中…;
    # 2月3日，…不断传来好消息。“…一箭十一星”)
    earlier = [d for d in dated if line <= d.start < s0 and _opens(a, d, line)]
    return earlier[-1] if earlier else None


def _opens(a: Article, d: Date, line: int) -> bool:
    """Whether a date earlier in the paragraph holds for a later sentence: a printed one (not a
    span or a relative year, which speak of their own sentence), unless its sentence says
    something happened then."""
    printed = (d.year is not None or d.month is not None) and not d.derived and d.last is None
    return printed and not _happened(a, a.s[d.start : a.sentence(d.start)[1]])


def _quote_start(a: Article, fig: Figure, when: Date | None) -> int:
    """From the figure's date when its sentence prints one, else from its clause; one clause
    earlier when its own says too little (“突破2100家” alone)."""
    c0, _ = a.clause(fig.start)
    if when is not None and a.sentence(fig.start)[0] <= when.start < c0:  # the date in its sentence, not its paragraph
        return when.start
    context = _LETTERS.findall(a.s[c0 : fig.start]) + _LETTERS.findall(a.s[fig.end : a.clause(fig.start)[1]])
    if len(context) >= 3:
        return c0
    s0, _ = a.sentence(fig.start)
    earlier = [hit.end() for hit in _CLAUSE_END.finditer(a.s, s0, max(s0, c0 - 1))]
    return earlier[-1] if earlier else s0


# Joins two figures of one clause (10亿元的人才专项资金和100亿元的政府投资引导基金): each figure's
# words end before it, and the next one's begin after it.
_AND = re.compile(r"(?:以及|和|及|与|并)")


def _own_words(a: Article, fig: Figure, figures: list[Figure]) -> tuple[int, int]:
    """Where the words about this figure lie in its clause: cut at a connective before the next
    figure of the clause and after the one before (the clause itself when it has one figure)."""
    c0, c1 = a.clause(fig.start)
    low, high = c0, c1
    before = [f for f in figures if c0 <= f.end <= fig.start]
    after = [f for f in figures if fig.end <= f.start < c1]
    if before:
        joins = list(_AND.finditer(a.s, before[-1].end, fig.start))
        low = joins[-1].end() if joins else low
    if after:
        joins = list(_AND.finditer(a.s, fig.end, after[0].start))
        high = joins[-1].start() if joins else high
    project = _OF_PROJECT.match(a.s, fig.end, high)
    return low, project.end() if project else high


# 总投资6亿元的…合资项目签约落地: a figure that describes a project ends with the project's name;
# what the sentence then says of the project (签约) is not what the figure measures.
_OF_PROJECT = re.compile(r"的[^，。；、,;]{1,30}?(?:项目|基地|工程)(?=[^\u4e00-\u9fff（(]|签约|落地|开工|建成|投产|落户)")


def _quantity(a: Article, fig: Figure, found: list[Date], used: set[Date], figures: list[Figure]) -> Drafted:
    s0, s1 = a.sentence(fig.start)
    sentence = a.s[s0 : a.clause(fig.start)[1]]
    target = bool(_TARGET.search(sentence))
    when = _own_date(a, fig, found, target)
    start = _quote_start(a, fig, when)
    low, high = _own_words(a, fig, figures)
    quote = a.s[start:high]
    firm = _FIRM.search(a.s[s0:s1])  # 由…有限公司建设: the firm may follow the figure
    base = {
        "source": a.article.id,
        "quote": quote,
        "id": "draft",
        "metric": "draft",
        "value": fig.value,
        "value_max": fig.value_max,
        "scale": fig.scale,
        "unit": fig.unit,
        "qualifier": fig.qualifier,
        "written": fig.written,
        "draft": True,
    }
    probe = m.Fact(**base, period="2000")
    words = a.s[max(low, start) : high]
    # an amount of money said of a project (总投资6亿元的…项目) is that project's, like a firm's
    about_one = firm is not None or (fig.unit == "yuan" and "项目" in words)
    metrics = candidates(a, probe, sentence, about_one, words)
    chosen = metrics[0] if metrics else None
    covers = tuple(fig.parts)
    if when is not None and (when.start >= start):
        used.add(when)
        covers += when.parts
    base |= _about(a, sentence, chosen, firm)
    base["metric"] = chosen.id if chosen else "TODO"
    ids = tuple(x.id for x in metrics[:3])
    if chosen is None:
        reason = f"TODO no metric of unit '{fig.unit}' fits this figure: add one with `python -m generator new-metric`, then record it"
        return Drafted("excluded", m.Exclusion(source=a.article.id, quote=quote, reason=reason, draft=True), fig.start, (), covers)
    if target:
        deadline, inferred = _deadline(a, when)
        title = m.Bilingual(zh=_title(quote), en=f"{TODO_EN} title")
        record: m.Quoted = m.Target(**base, deadline=deadline, inferred=inferred, status="planned", title=title)
        return Drafted("targets", record, fig.start, ids, covers)
    c0, c1 = a.clause(fig.start)
    if _RATE.search(a.s, c0, c1) or (when is None and _SIZE.search(a.s, c0, fig.start)):  # as of the page
        period, inferred = a.article.published[:7], True
    else:
        growth = chosen.measures.kind == "multiple" and bool(_GROWTH.search(a.s, c0, fig.start))
        period, inferred = _period(a, when, chosen, _cumulative(a, fig, when), growth)
    return Drafted("facts", m.Fact(**base, period=period, inferred=inferred), fig.start, ids, covers)


def _cumulative(a: Article, fig: Figure, when: Date | None) -> bool:
    """A total to date: 累计 before the number in its clause, or a date it counts from (2022年起,
    自2020年以来)."""
    c0, _ = a.clause(fig.start)
    since = when is not None and (a.s.startswith("起", when.end) or a.s.startswith("以来", when.end))
    return "累计" in a.s[c0 : fig.start] or since


def _about(a: Article, sentence: str, metric: m.Metric | None, firm: re.Match[str] | None) -> dict[str, object]:
    """Scope (a profile scope the sentence names), subject (a firm it names; a placeholder when
    the metric is one firm's and none is named), cluster (when the metric is one industry's)."""
    out: dict[str, object] = {}
    scopes = a.profile.scopes if a.profile else []
    scope = next((x.id for x in scopes if x.name.zh in sentence), None)
    if scope:
        out["scope"] = scope
    if firm is not None:
        out["subject"] = m.Bilingual(zh=firm.group().lstrip(_FUNCTION_WORDS), en=f"{TODO_EN} name")
    elif metric is not None and metric.measures.about == "subject":
        out["subject"] = m.Bilingual(zh="TODO 主体", en=f"{TODO_EN} subject")
    if metric is not None and _needs_cluster(metric):
        out["cluster"] = cluster_of(a.dataset, sentence) or cluster_of(a.dataset, _paragraph(a, sentence))
    return out


# 每年, 每周 …: an amount per period, said of the present
_RATE = re.compile(r"每(?:年|周|月|天|日)")
# 产业规模超3800亿元, 总投资逾100亿元: a size or a planned total, with no date, is the present one
# (not a year's flow, though it is counted in yuan like one)
_SIZE = re.compile(r"规模(?!以上)|总投资")  # (规模以上 is the basis of above-size firms)
# 比上年增长2倍: a multiple that compares a year with the one before is that year's, not a stock's
_GROWTH = re.compile(r"增长|同比|比上年|比上一年|较上年")


def _period(a: Article, when: Date | None, metric: m.Metric, cumulative: bool = False, growth: bool = False) -> tuple[str, bool]:
    """A flow over the year printed (2023); a stock at that year's end (2023-12, inferred), at
    the month or the day printed; a span as printed (近两年 → 2022/2023). With no date, a stock at
    the page's month, a flow over the last full year before the page (a year's output, revenue or
    investment is reported once the year is over). A total to date (累计) runs up to the page's
    month (../2024-03)."""
    published = a.article.published
    stock = metric.measures.kind in _STOCKS and not growth
    if cumulative:
        return f"../{published[:7]}", True
    if when is None:
        return (published[:7], True) if stock or metric.measures.kind not in _FLOWS else (str(int(published[:4]) - 1), True)
    text, inferred = when.text(published)
    if when.last is not None:
        return text, inferred
    if when.month or not stock:
        return text[:7] if stock else text, inferred
    return f"{text}-12", True


# Kinds read at a date rather than over a year: 2023年 with one of them is the year's end.
_STOCKS = ("stock", "cap", "per_population", "multiple")
# Kinds summed over a period: without a date, the last full year's.
_FLOWS = ("level", "increase")


def _deadline(a: Article, when: Date | None) -> tuple[str, bool]:
    """The date the target names (到2026年, 明年 → the page's year + 1), else the page's year."""
    year = int(a.article.published[:4])
    if when is not None and when.calendar_year(a.article.published) >= year:
        text, inferred = when.text(a.article.published)
        return text.split("/")[-1], inferred
    return str(year), True


def _title(quote: str) -> str:
    text = quote.strip('，,、：:“”"')
    return text if len(text) <= 60 else text[:59] + "…"


def _is_event(a: Article, d: Date, used: bool) -> bool:
    """A date whose sentence says something happened (an event word after it), or a month or day
    printed that no figure holds for."""
    _s0, s1 = a.sentence(d.start)
    if d.text(a.article.published)[0][:7] > a.article.published[:7] or d.last is not None:
        return False  # a date to come (明年投用, 4月开建 on a March page) is a plan's; a span (近两年) is no day
    return _happened(a, a.s[d.end : s1]) or (not used and bool(d.month) and a.s[d.end : d.end + 1] not in "末底初")


def _happened(a: Article, text: str) -> bool:
    return any(w in text for w in _EVENT_WORDS)


def _event(a: Article, d: Date) -> Drafted:
    """The date, and the clauses after it up to the one that says what happened."""
    _s0, s1 = a.sentence(d.start)
    end = a.clause(d.end)[1]
    word = next((a.s.find(w, d.end, s1) for w in _EVENT_WORDS if a.s.find(w, d.end, s1) >= 0), -1)
    if word >= 0:
        end = max(end, a.clause(word)[1])
    elif len(_LETTERS.findall(a.s[d.end : end])) < 3 and end < s1:
        end = a.clause(end + 1)[1]
    quote = a.s[d.start : end]
    said = a.s[d.end : end]
    kind = next((t for t, words in _EVENT_TYPES if any(w in said for w in words)), "milestone")
    date, inferred = d.text(a.article.published)
    title = m.Bilingual(zh=_title(said) or _title(quote), en=f"{TODO_EN} title")
    record = m.Event(source=a.article.id, quote=quote, id="draft", date=date, inferred=inferred, type=kind, title=title, draft=True)
    until = f"{date[:8]}{d.last_day:02d}" if d.last_day is not None and len(date) == 10 else None
    return Drafted("events", record, d.start, (), d.parts or (d.start,), until)  # 近日: no number, its place


# A clause saying that works began or finished (A、B等重大项目开工建设, C项目试生产) holds an event
# for each work it lists, even with no date of its own: the year printed earlier in its paragraph.
_WORKS = re.compile(r"开工建设|当年建成|建成投产|竣工|试生产|开工")
_LIST_END = re.compile(r"[，。；！？,;!?：:#■□]")  # a list's items are apart by 、, the list by these


def _works(a: Article, found: list[Date]) -> list[Drafted]:
    out, done = [], set()
    for low, high in a.spans:
        for hit in _WORKS.finditer(a.s, low, high):
            s0, _ = a.sentence(hit.start())
            l0 = max([s0, *(x.end() for x in _LIST_END.finditer(a.s, s0, hit.start()))])
            end = _LIST_END.search(a.s, hit.start(), high)
            l1 = end.start() if end else high
            if (l0, l1) in done or any(l0 <= d.start < l1 for d in found):
                continue  # the list's second such word, or a date of its own (drafted by `_event`)
            done.add((l0, l1))
            line = a.text.line_starts[a.text.line_at(l0) - 1]
            years = [d for d in found if line <= d.start < l0 and d.year is not None and d.month is None and _opens(a, d, line)]
            if years:
                items = [l0, *(l0 + x.end() for x in re.finditer("、", a.s[l0:l1]))]
                out += [_work(a, start, l1, years[-1]) for start in items]
    return out


def _work(a: Article, start: int, end: int, year: Date) -> Drafted:
    """One listed work, quoted from its name to what happened to it (…等重大项目开工建设)."""
    said = a.s[start:end]
    kind = next((t for t, words in _EVENT_TYPES if any(w in said for w in words)), "milestone")
    date, _ = year.text(a.article.published)
    title = m.Bilingual(zh=_title(said), en=f"{TODO_EN} title")
    record = m.Event(source=a.article.id, quote=said, id="draft", date=date, inferred=True, type=kind, title=title, draft=True)
    return Drafted("events", record, start, (), (start,))


# ------------------------------------------------------------------------------------ exclusions

_PLAN = re.compile(r"十[一二三四五六七八九]五")


def _exclusion(a: Article, number: tuple[int, int, str], found: list[Date]) -> Drafted:
    start, end, token = number
    c0, c1 = a.clause(start)
    quote = a.s[max(c0, start - 6) : min(c1, end + 4)]
    if len(quote) < 2:
        quote = a.s[c0:c1]
    record = m.Exclusion(source=a.article.id, quote=quote, reason=reason(a.s, start, end, token, found), draft=True)
    return Drafted("excluded", record, start, (), (start,))


def reason(s: str, start: int, end: int, token: str, found: list[Date]) -> str:
    """Why a number is not a figure, by the first rule that says so."""
    before, after = s[max(0, start - 3) : start], s[end : end + 3]
    rules: list[tuple[bool, str]] = [
        (any(d.start <= start < d.end for d in found), "a date that no figure or event here holds: a time reference"),
        (
            bool(_PLAN.fullmatch(token)) or ("五" in token and "十" in token and after[:1] in '”"规时期'),
            "name of a five-year plan, not a quantity",
        ),
        (after[:1] in "时点" and "分" in s[end : end + 4], "a time of day"),
        (before.endswith("正月") or before.endswith("农历"), "a lunar-calendar date"),
        (before.endswith("第"), "an ordinal, not a quantity"),
        (
            after[:1] in "号型代" or ("《" in s[max(0, start - 20) : start] and "》" in s[end : end + 20]),
            "part of a name (a model, a title or a number)",
        ),
        (re.fullmatch(r"[0-9]{4}", token) is not None and after[:1] in "—-－~～至", "the years of a plan's title"),
        (after[:1] == "年" and len(token) <= 2, "a span of time, not a measured quantity"),
        (
            bool(re.search(r"[\"“]", s[max(0, start - 8) : start])) and bool(re.search(r"[\"”]", s[end : end + 8])),
            "part of a name or slogan in quotation marks",
        ),
    ]
    return next((why for holds, why in rules if holds), "TODO say why this is not a figure (no unit the project knows follows it)")


# ------------------------------------------------------------------------------------ records


def merge(drafted: list[Drafted]) -> list[Drafted]:
    """A figure printed twice (the same metric, value, unit and period; one printing may name a
    scope the other leaves out: the record keeps it) is one record with a further report, not two;
    so is an event on a day inside another's range of days (3月2日至3日 … 3月3日)."""
    out: list[Drafted] = []
    seen: dict[tuple[object, ...], Drafted] = {}
    ranges = [d for d in drafted if d.until is not None]
    for item in drafted:
        key = _same(item.record)
        first = seen.get(key) if key is not None else None
        if first is None and isinstance(item.record, m.Event) and item.until is None:
            day = item.record.date
            first = next((r for r in ranges if isinstance(r.record, m.Event) and r.record.date <= day <= (r.until or "")), None)
        if first is not None and _scopes_agree(first.record, item.record):
            report = m.Report(source=item.record.source, quote=item.record.quote)
            assert isinstance(first.record, m.Reported)
            scope = getattr(first.record, "scope", None) or getattr(item.record, "scope", None)
            first.record = first.record.model_copy(update={"reports": [*first.record.reports, report], "scope": scope})
            first.covers += item.covers
            continue
        if key is not None:
            seen[key] = item
        out.append(item)
    return out


def _scopes_agree(a: m.Quoted, b: m.Quoted) -> bool:
    one, other = getattr(a, "scope", None), getattr(b, "scope", None)
    return one is None or other is None or one == other


def _same(record: m.Quoted) -> tuple[object, ...] | None:
    if isinstance(record, m.Fact):
        return ("fact", record.metric, record.value, record.value_max, record.scale, record.unit, record.period)
    if isinstance(record, m.Target):
        return ("target", record.metric, record.value, record.scale, record.unit, record.deadline)
    return None


def _ids(drafted: list[Drafted], region: m.Region | None) -> list[Drafted]:
    """Ids from the metric and the period (industrial-output-2023), the event's date, unique in
    the region."""
    records: list[m.Fact | m.Target | m.Event] = [*region.facts, *region.targets, *region.events] if region else []
    taken = {r.id for r in records}
    for item in drafted:
        record = item.record
        if not isinstance(record, (m.Fact, m.Target, m.Event)):
            continue
        stem = _stem(record)
        new, n = stem, 2
        while new in taken:
            new, n = f"{stem}-{n}", n + 1
        taken.add(new)
        item.record = record.model_copy(update={"id": new})
    return drafted


def _stem(record: m.Fact | m.Target | m.Event) -> str:
    if isinstance(record, m.Event):
        return f"{record.type}-{record.date}".replace("_", "-")
    when = record.period if isinstance(record, m.Fact) else record.deadline
    year = re.findall(r"[0-9]{4}", when)
    name = record.metric.replace("_", "-") if record.metric != "TODO" else "figure"
    return (f"{name}-target-" if isinstance(record, m.Target) else f"{name}-") + (year[-1] if year else "now")
