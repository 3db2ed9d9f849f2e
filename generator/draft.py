"""Drafting an article's records by rule: every number in it becomes a fact, a target, an event's
date or an exclusion, each marked `draft: true` for a contributor to review.

Contributor tooling, like scaffold.py and newmetric.py: it reads the registries (metrics, units,
concepts, clusters, a region's profile) and never the curated records, so that the benchmark
(benchmarks/draft_accuracy.py) can score it against them. The rules are deterministic and local:

- the numbers are coverage.py's (the same finder `coverage` counts), within the article's lines;
- a run 2023年3月2日 is a date: the period of the figure after it in its sentence, a target's
  deadline after 到, or else an event's date when the sentence says something happened;
- a figure is a number with a unit this project knows right after it (and its scale word:
  `printed_scales`); its qualifier is the word printed before it (超过, 近 …) or after (余, 以上);
- its quote runs from the sentence's date, or the clause before it, to the end of its clause;
- its metric is the one whose dimensions the quote's words fit (checks/measures.py `fitting`),
  preferring those whose concept the quote names; the next two are written in a comment;
- every other number (a plan name 十四五, a rocket name, a time of day, a span of years) is an
  exclusion whose reason says which rule excluded it.

Writing the records into a region file and the command itself are in draftfile.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
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
_TARGET = re.compile(r"到20[0-9]{2}年|力争|计划到|计划在|计划将|目标|争取|明年|还将|将于|将建|将达|将实现|将新增|将突破")
_EVENT_TYPES: list[tuple[m.EventType, tuple[str, ...]]] = [
    ("launch", ("发射", "升空", "首飞", "入轨", "起飞")),
    ("opening", ("落成", "揭牌", "开业", "投用", "投产", "启用", "开园", "开通")),
    ("project", ("开工", "签约", "奠基", "落地", "开建")),
    ("meeting", ("召开", "大会", "会议", "论坛", "举行", "举办")),
    ("plan", ("规划", "行动计划", "方案")),
    ("policy", ("发布", "出台", "印发", "设立", "成立", "政策", "获批", "批准")),
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
}


@dataclass
class Drafted:
    """One drafted record, with where its number is and why it was drafted so."""

    kind: Kind
    record: m.Quoted
    at: int  # where its number (or its date) starts in the stripped text
    candidates: tuple[str, ...] = ()  # metric ids, best first
    covers: tuple[int, ...] = ()  # starts of the numbers it states (a date's parts too)


@dataclass(frozen=True)
class Date:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    parts: tuple[int, ...]  # starts of its numbers

    def text(self, published: str) -> tuple[str, bool]:
        """YYYY[-MM[-DD]] and whether the year was taken from the page's date (inferred)."""
        year = self.year or int(published[:4])
        out = f"{year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.month and self.day else "")
        return out, self.year is None


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

    def __post_init__(self) -> None:
        self.spans = [self.text.span(first, last) for first, last in self.article.lines]

    @property
    def s(self) -> str:
        return self.text.stripped

    def segment(self, at: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.spans if a <= at < b), (0, len(self.s)))

    def sentence(self, at: int) -> tuple[int, int]:
        low, high = self.segment(at)
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
            found.append(_date(a.s, run))
        else:
            index += 1
    return found


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
    if "月" not in got and s[end : end + 1] in "末底":  # 2023年末: the year's end
        month = 12
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


def unit_at(s: str, at: int, clause: str, rules: list[tuple[str, str, str]]) -> tuple[str, int] | None:
    """The unit printed at `at` and its length: a counter whose word the clause holds, else the
    only reading of a counter that is not generic."""
    fallback = None
    for counter, word, unit in rules:
        if not s.startswith(counter, at):
            continue
        if not word or word in clause:
            return unit, len(counter)
        if fallback is None and counter not in _GENERIC:
            fallback = (unit, len(counter))
    return fallback


def figure(a: Article, number: tuple[int, int, str], rules: list[tuple[str, str, str]]) -> Figure | None:
    """The figure a number is, if a unit follows it (with scale word and 多/余 between)."""
    start, end, token = number
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
    found = unit_at(a.s, after, a.s[c0:c1], rules)
    if found is None:
        return None
    unit, length = found
    stop = after + length
    written = None if re.match(r"[0-9０-９]", token) else token + (a.s[after : after + length] if unit == "percent" else "")
    if unit == "percent" and a.s.startswith("成", after):
        value = value * 10
    return Figure(start, stop, value, scale, unit, _qualifier(a.s, start, end, stop), written, parts=(start,))


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


def candidates(a: Article, q: m.Quantity, sentence: str, subject: bool) -> list[m.Metric]:
    """The metrics the quote fits (`fitting`), those whose concept the quote names first; one
    firm's or project's metrics first when the sentence names a firm, and last otherwise; an
    industry's metrics only when the sentence names an industry."""
    fits = fitting(a.dataset, q)
    text = markers.clause(q.quote, q)
    industry = cluster_of(a.dataset, text) is not None

    def rank(item: tuple[int, m.Metric]) -> tuple[int, int, int, int]:
        index, metric = item
        concept = a.dataset.concepts.get(metric.measures.concept)
        named = bool(concept and any(w in text for w in concept.words))
        about = metric.measures.about
        return (0 if named else 1, 0 if (about == "subject") == subject else 1, 0 if (about == "industry") == industry else 1, index)

    usable = [x for x in enumerate(fits) if not _needs_cluster(x[1]) or cluster_of(a.dataset, sentence)]
    return [metric for _, metric in sorted(usable, key=rank)]


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
        out.append(_quantity(a, fig, found_dates, used))
    out += [_event(a, d) for d in found_dates if _is_event(a, d, d in used)]
    done = {p for d in out for p in d.covers}
    out += [_exclusion(a, n, found_dates) for n in numbers if n[0] not in done]
    return _ids(merge(out), region)


def _own_date(a: Article, fig: Figure, found: list[Date], target: bool) -> Date | None:
    """The date a figure holds for: the last one before it in its sentence (a target's after 到),
    or one in its own clause after it (截至2023年底)."""
    s0, _s1 = a.sentence(fig.start)
    c0, c1 = a.clause(fig.start)
    # a date whose own clause says something happened (首飞, 发布) is that event's, unless the figure shares the clause
    before = [d for d in found if s0 <= d.start < fig.start and (d.start >= c0 or not _happened(a, a.s[d.start : a.clause(d.start)[1]]))]
    if target:
        ahead = [d for d in before if a.s[d.start - 1 : d.start] == "到"]
        before = ahead or before
    after = [d for d in found if fig.end <= d.start < c1]
    if before or after:
        return before[-1] if before else after[0]
    # a year that opens the paragraph holds for its later sentences (2023年，… 。其中…)
    line = a.text.line_starts[a.text.line_at(fig.start) - 1]
    earlier = [d for d in found if line <= d.start < s0 and d.month is None and not _happened(a, a.s[d.start : a.sentence(d.start)[1]])]
    return earlier[-1] if earlier else None


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


def _quantity(a: Article, fig: Figure, found: list[Date], used: set[Date]) -> Drafted:
    s0, s1 = a.sentence(fig.start)
    sentence = a.s[s0 : a.clause(fig.start)[1]]
    target = bool(_TARGET.search(sentence))
    own = a.s[slice(*a.clause(fig.start))]
    # 明年/今年 in the figure's own clause says its year, whatever date the sentence printed before
    when = None if target and re.search("明年|今年", own) else _own_date(a, fig, found, target)
    start = _quote_start(a, fig, when)
    quote = a.s[start : a.clause(fig.start)[1]]
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
    metrics = candidates(a, probe, sentence, firm is not None)
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
        deadline, inferred = _deadline(a, when, own)
        title = m.Bilingual(zh=_title(quote), en=f"{TODO_EN} title")
        record: m.Quoted = m.Target(**base, deadline=deadline, inferred=inferred, status="planned", title=title)
        return Drafted("targets", record, fig.start, ids, covers)
    period, inferred = _period(a, when, chosen)
    return Drafted("facts", m.Fact(**base, period=period, inferred=inferred), fig.start, ids, covers)


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
        out["cluster"] = cluster_of(a.dataset, sentence)
    return out


def _period(a: Article, when: Date | None, metric: m.Metric) -> tuple[str, bool]:
    """A flow over the year printed (2023); a stock at that year's end (2023-12, inferred) or at
    the month printed; with no date, a stock at the page's month and a flow over its year."""
    published = a.article.published
    stock = metric.measures.kind in _STOCKS
    if when is None:  # stated as current: as of the page's month, whatever it counts
        return published[:7], True
    text, inferred = when.text(published)
    if when.month or not stock:
        return text[:7] if stock else text, inferred
    return f"{text}-12", True


# Kinds read at a date rather than over a year: 2023年 with one of them is the year's end.
_STOCKS = ("stock", "cap", "per_population", "multiple")


def _deadline(a: Article, when: Date | None, sentence: str) -> tuple[str, bool]:
    year = int(a.article.published[:4])
    if when is not None and (when.year or 0) >= year:
        return when.text(a.article.published)
    return (str(year + 1), True) if "明年" in sentence else (str(year), True)


def _title(quote: str) -> str:
    text = quote.strip('，,、：:“”"')
    return text if len(text) <= 60 else text[:59] + "…"


def _is_event(a: Article, d: Date, used: bool) -> bool:
    """A date whose sentence says something happened (an event word after it), or a month or day
    printed that no figure holds for."""
    _s0, s1 = a.sentence(d.start)
    return _happened(a, a.s[d.end : s1]) or (not used and bool(d.month) and a.s[d.end : d.end + 1] not in "末底")


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
    return Drafted("events", record, d.start, (), d.parts)


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
    """A figure printed twice (the same metric, value, unit and period) is one record with a
    further report, not two records."""
    out: list[Drafted] = []
    seen: dict[tuple[object, ...], Drafted] = {}
    for item in drafted:
        key = _same(item.record)
        if key is not None and key in seen:
            first = seen[key]
            report = m.Report(source=item.record.source, quote=item.record.quote)
            assert isinstance(first.record, m.Reported)
            first.record = first.record.model_copy(update={"reports": [*first.record.reports, report]})
            first.covers += item.covers
            continue
        if key is not None:
            seen[key] = item
        out.append(item)
    return out


def _same(record: m.Quoted) -> tuple[object, ...] | None:
    if isinstance(record, m.Fact):
        return ("fact", record.metric, record.value, record.value_max, record.scale, record.unit, record.period, record.scope)
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
