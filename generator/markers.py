"""The words around a number that say what it measures, read as a metric's dimensions.

Chinese statistical wording changes what a number is: 规模以上 (enterprises above designated size
only), 增加值 (value added, not gross output), 同比增长 (a growth rate), 占…比重 (a share), 新增 (an
increase, not a level), 每万人 (per population), 第一 (a rank), 最高 (a cap), 倍 (a multiple). This
module reads those markers in the clause of a quote that holds the number, and says where they
contradict a metric's dimensions (`models.Measures`): an error, since the figure would be drawn
beside figures of another measure, or where the metric is more specific than its quote says: a
warning. The concepts' own words come from the data (`concepts: words` in data/metrics.yml).

Pure functions; the check that reports them is checks/measures.py, and the draft command reuses
`clause` and `read` to choose a metric for a new figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator import models as m
from generator.sources import squeeze
from generator.text import number_forms

# A clause ends at Chinese or ASCII punctuation (file 000 of the sources uses ASCII commas).
_CLAUSE_END = re.compile(r"[，。；！？、,;!?：:\n]")
_DIGITS = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9])")

# Marker words of each dimension value whose vocabulary is closed (concepts' words are data).
ABOVE_SCALE = ("规模以上", "规上")
GROWTH = ("同比", "比上年", "增速", "增幅", "增长")  # a growth rate when the unit is a percentage
SHARE = ("占比", "比重", "占全")
INCREASE = ("新增", "净增", "增加", "增长")  # 增加值 (value added) is not one: removed first
PER_POPULATION = ("每万人", "万人", "人均")
RANK = ("排名", "位居", "位列", "首位", "第")
CAP = ("最高", "上限", "不超过")
MULTIPLE = ("倍", "翻番", "翻一番")
PERCENT_UNITS = ("percent",)


def clause(quote: str, q: m.Quantity) -> str:
    """The clause of the (squeezed) quote that prints the record's number: from the punctuation
    before it to the punctuation after it. The whole quote when the number is not found."""
    text = squeeze(quote)
    at = _position(text, q)
    if at is None:
        return text
    starts = [match.end() for match in _CLAUSE_END.finditer(text, 0, at)]
    end = _CLAUSE_END.search(text, at)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _position(text: str, q: m.Quantity) -> int | None:
    if q.written:
        at = text.find(squeeze(q.written))
        return at if at >= 0 else None
    for hit in _DIGITS.finditer(text):
        if float(hit.group()) == abs(q.value):
            return hit.start()
    return None


@dataclass(frozen=True)
class Finding:
    severity: str  # "error": the quote contradicts the metric; "warning": the metric says more
    dimension: str  # concept, kind, basis, of
    said: str  # what the quote says (a word from it), or "" when it says nothing
    message: str


def read(quote: str, q: m.Quantity, metric: m.Metric, concepts: dict[str, m.Concept]) -> list[Finding]:
    """Where the markers of the clause holding the number contradict `metric` (errors), or where
    the whole quote says less than the metric (warnings: a word may stand in the clause before)."""
    near, whole = clause(quote, q), squeeze(quote)
    errors = [f for f in _findings(near, q, metric, concepts) if f.severity == "error"]
    return errors + [f for f in _findings(whole, q, metric, concepts) + _of(near, whole, metric, concepts) if f.severity == "warning"]


def _findings(text: str, q: m.Quantity, metric: m.Metric, concepts: dict[str, m.Concept]) -> list[Finding]:
    plain = text.replace("增加值", "〇〇〇")  # value added: not an increase
    return [*_basis(plain, metric), *_kind(plain, text, q, metric), *_concept(text, metric, concepts)]


def _first(text: str, words: Iterable[str]) -> str:
    return next((w for w in words if w in text), "")


def _basis(text: str, metric: m.Metric) -> list[Finding]:
    word = _first(text, ABOVE_SCALE)
    if word and metric.measures.basis != "above_scale":
        said = "does not say which enterprises it counts" if metric.measures.basis == "not_stated" else "counts all enterprises"
        return [Finding("error", "basis", word, f"the quote says {word} (above designated size only); `{metric.id}` {said}")]
    if not word and metric.measures.basis == "above_scale":
        message = f"`{metric.id}` counts enterprises above designated size only; the quote does not say 规模以上"
        return [Finding("warning", "basis", "", message)]
    return []


def _kind(text: str, raw: str, q: m.Quantity, metric: m.Metric) -> list[Finding]:
    kind = metric.measures.kind
    percent = metric.unit in PERCENT_UNITS
    says = {
        "growth_rate": _first(text, GROWTH) if percent else "",
        "share": _first(text, SHARE),
        "increase": "" if percent else _first(text, INCREASE),
        "per_population": _first(text, PER_POPULATION),
        "rank": _ordinal(raw, q),
        "cap": _first(text, CAP),
        "multiple": _first(text, MULTIPLE),
    }
    out = []
    for name, word in says.items():
        if word and kind != name and not _compatible(kind, name):
            out.append(Finding("error", "kind", word, f"the quote says {word} ({_KIND_WORDS[name]}); `{metric.id}` is {_KIND_WORDS[kind]}"))
    if kind in says and not says[kind] and not _loosely(kind, text, q):
        message = f"`{metric.id}` is {_KIND_WORDS[kind]}; the quote does not say so (no {'/'.join(_WORDS[kind])})"
        out.append(Finding("warning", "kind", "", message))
    return out


def _loosely(kind: str, text: str, q: m.Quantity) -> bool:
    """Words that say a kind without being a marker strong enough to contradict another: 排名 or
    第 anywhere for a rank; a rate (开机率), a fraction (三分之一), tenths (超六成), a contribution
    (贡献了…30%) or 占…的 for a share."""
    if kind == "rank":
        return bool(_first(text, RANK))
    if kind == "share":
        written = squeeze(q.written or "")
        return bool(_SHARE_LOOSE.search(text)) or "分之" in written or written.endswith("成")
    return False


_SHARE_LOOSE = re.compile(r"率|分之|贡献|占[^，。；,;]{0,8}的")


def _compatible(kind: str, said: str) -> bool:
    """Words that may stand beside a number of another kind: a share or a difference may grow
    (增长), a share is often of a total that grew, a difference compares two shares."""
    allowed = {("difference", "share"), ("share", "growth_rate"), ("difference", "growth_rate"), ("multiple", "increase")}
    # a multiple or a difference of a per-population figure or of a share (万人发明专利数是全市的3倍)
    allowed |= {("multiple", "per_population"), ("difference", "per_population"), ("multiple", "share")}
    return (kind, said) in allowed


def _ordinal(raw: str, q: m.Quantity) -> str:
    """'第一' when the number itself is an ordinal: written 第一/首, or 第 right before the digits."""
    if q.written and squeeze(q.written).startswith(("第", "首")):
        return squeeze(q.written)[:2]
    forms = number_forms(q.value)
    return next((f"第{f}" for f in forms if f"第{f}" in raw), "")


def _concept(text: str, metric: m.Metric, concepts: dict[str, m.Concept]) -> list[Finding]:
    """The concepts the clause names (the longest word wins where words overlap) against the
    metric's own: a sibling of its family named instead of it is an error; a concept with words
    of its own that the clause does not name, a warning."""
    named = _named(text, concepts)
    own = concepts.get(metric.measures.concept)
    if own is None:
        return []
    if own.id in named:
        return []
    out = []
    siblings = [c for c in named.values() if own.family and c.family == own.family]
    if siblings:
        word = named_word(text, siblings[0])
        message = f"the quote says {word} ({siblings[0].label.en}); `{metric.id}` counts {own.label.en}"
        out.append(Finding("error", "concept", word, message))
    if own.words:
        out.append(Finding("warning", "concept", "", f"`{metric.id}` counts {own.label.en}; the quote does not say {'/'.join(own.words)}"))
    return out


def _of(near: str, whole: str, metric: m.Metric, concepts: dict[str, m.Concept]) -> list[Finding]:
    """The whole of a share or the base of a multiple, when its concept has words: named in the
    quote, and not another base in the clause of the number instead (存储容量达普通光盘上万倍、普通
    硬盘上百倍: each multiple has its own base)."""
    base = concepts.get(metric.measures.of or "")
    if base is None or not base.words:
        return []
    named_near = _named(near, concepts)
    # another whole or base named right beside the number: neither the metric's concept nor its own
    elsewhere = set(named_near) - {base.id, metric.measures.concept}
    if base.id in named_near or (base.id in _named(whole, concepts) and not elsewhere):
        return []
    message = f"`{metric.id}` is relative to {base.label.en}; the quote does not say {'/'.join(base.words)} there"
    return [Finding("warning", "of", "", message)]


def _named(text: str, concepts: dict[str, m.Concept]) -> dict[str, m.Concept]:
    """The concepts whose words occur in `text`, a longer word shadowing the shorter ones inside it:
    one scan with all the registry's words, longest first (a regex alternation takes the first
    alternative that matches at each place, and the next match starts after it)."""
    pattern, owner = _vocabulary(concepts)
    return {owner[hit.group()].id: owner[hit.group()] for hit in pattern.finditer(text)} if pattern else {}


# The compiled words of the last few registries seen. Each entry holds its dict, so no other dict
# can take its id meanwhile. Compiling per record was most of `check` at 300 regions (5 of 7 s).
_VOCABULARIES: list[tuple[dict[str, m.Concept], re.Pattern[str] | None, dict[str, m.Concept]]] = []


def _vocabulary(concepts: dict[str, m.Concept]) -> tuple[re.Pattern[str] | None, dict[str, m.Concept]]:
    for known, pattern, owner in _VOCABULARIES:
        if known is concepts:
            return pattern, owner
    owner = {}
    for concept in concepts.values():
        for word in concept.words:
            owner.setdefault(word, concept)
    words = sorted(owner, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, words))) if words else None
    _VOCABULARIES.insert(0, (concepts, pattern, owner))
    del _VOCABULARIES[4:]
    return pattern, owner


def named_word(text: str, concept: m.Concept) -> str:
    return next((w for w in sorted(concept.words, key=len, reverse=True) if w in text), concept.label.zh)


_KIND_WORDS = {
    "level": "a total over a period",
    "stock": "a stock at a date",
    "increase": "an increase over a span",
    "growth_rate": "a growth rate",
    "share": "a share",
    "difference": "a difference",
    "multiple": "a multiple",
    "rank": "a rank",
    "per_population": "a per-population figure",
    "cap": "a cap",
}
_WORDS = {
    "growth_rate": GROWTH,
    "share": SHARE,
    "increase": INCREASE,
    "per_population": PER_POPULATION,
    "rank": RANK,
    "cap": CAP,
    "multiple": MULTIPLE,
}
