"""Numbers for the English edition: 5200亿元 → "520 billion yuan", 超2100家 → "over 2,100 firms".

English readers count in thousands (million, billion, trillion) where Chinese counts in 万 and 亿,
so the English text is derived from the normalized value (value × scale), never from the digits as
printed. It is exact: every digit of the value is kept (123.456亿 → "12.3456 billion"), because a
figure that reads differently in the two editions would be a different figure. `parse` is the
inverse of `number`, so the tests can check that nothing was lost.

The qualifier words and the range dash come from the message catalog (`q_over`, `range`…), like
every other word a reader sees; the scale words (million, billion, trillion) are English grammar.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact

from generator import text
from generator.scalars import QUALIFIERS, SCALES

# Arithmetic that never rounds: a float's repr has at most 17 digits and a scale adds only zeros,
# so 60 digits is plenty; the trap turns any rounding into an error instead of a wrong figure.
_EXACT = Context(prec=60, traps=[Inexact])
# English scale words as powers of ten, largest first; below a million, digits with separators.
_STEPS = [(12, "trillion"), (9, "billion"), (6, "million")]
# Units written against the number: "44%", not "44 %".
_ATTACHED = {"%", "‰"}
_PARSE = re.compile(r"(?P<digits>-?\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?: (?P<word>trillion|billion|million))?")


def normalized(value: float, scale: str) -> Decimal:
    """value × scale, exactly: repr gives the shortest decimal that reads back as the float
    (the digits as printed), so 123.456 stays 123.456 and not 123.4560000000000030695.…"""
    return _EXACT.multiply(Decimal(repr(value)), SCALES[scale])


def _step(magnitude: Decimal) -> tuple[int, str]:
    """The power of ten and English word that suit a magnitude: 5.2e11 → (9, "billion")."""
    for power, word in _STEPS:
        if magnitude >= 10**power:
            return power, word
    return 0, ""


def _digits(amount: Decimal) -> str:
    """Digits with thousands separators, trailing zeros trimmed: 140000 → "140,000", 43.90 → "43.9"."""
    if not amount.is_finite():  # a NaN or infinity from a caller would print as "NaN" on a page
        raise ValueError(f"not a finite number: {amount}")
    if amount.is_zero():  # no "-0"
        return "0"
    digits = format(amount, ",f")  # "f" without precision: every digit, never an exponent
    return digits.rstrip("0").rstrip(".") if "." in digits else digits


def _scaled(amount: Decimal, power: int) -> str:
    return _digits(_EXACT.scaleb(amount, -power))


def number(normalized: Decimal) -> str:
    """A value the English way: "3.1 trillion", "520 billion", "20 million", "140,000", "0.88".

    Exact: 999999.5 → "999,999.5", 10000001 → "10.000001 million". Raises ValueError on NaN/∞."""
    if not normalized.is_finite():
        raise ValueError(f"not a finite number: {normalized}")
    power, word = _step(normalized.copy_abs())  # copy_abs: abs() rounds to the context
    return f"{_scaled(normalized, power)} {word}" if word else _scaled(normalized, power)


def quantity(
    value: float, scale: str, unit_en: str, qualifier: str | None, value_max: float | None = None, written: str | None = None
) -> str:
    """A fact as English prints it: "over 100 billion yuan", "about 4.4%", "1,500–2,000 firms".

    `value`, `scale`, `value_max`, `qualifier` and `written` are the fact's fields as printed in
    Chinese; `unit_en` is the unit's English label, where "{n}" marks the number's place ("No. {n}").
    A multiple or fraction the source writes in words is said in English words ("doubled",
    "a third", "a hundred times"), when they mean the value: 三分之一 is not "33.3%"."""
    low = normalized(value, scale)
    meaning = QUALIFIERS[qualifier] if qualifier else "exact"
    said = words(written, low, unit_en) if written and value_max is None else None
    if said is not None:
        return said if meaning == "exact" else f"{text.Lang('en').t(f'q_{meaning}')} {said}"
    if value_max is None:
        amount = number(low)
    else:
        high = normalized(value_max, scale)
        # one scale word for both bounds, the one that suits the larger: "0.8–1.2 billion"
        power, word = _step(max(low.copy_abs(), high.copy_abs()))
        amount = text.Lang("en").t("range", a=_scaled(low, power), b=_scaled(high, power))
        amount = f"{amount} {word}" if word else amount
    if meaning != "exact":  # 达到/高达 only say the figure was reached: English needs no word
        amount = f"{text.Lang('en').t(f'q_{meaning}')} {amount}"
    if "{n}" in unit_en:
        return unit_en.replace("{n}", amount)
    if not unit_en or unit_en in _ATTACHED:
        return amount + unit_en
    return f"{amount} {unit_en}"


# Chinese numerals in the written forms said in words (三分之一, 翻两番, 上万倍)
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CARDINALS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# a fraction's denominator in English: a third, two thirds, a quarter, three quarters, half
_PARTS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}
# 上百倍, 上万倍: a round multiple the source writes as a word
_ROUND = {"十": (10, "ten"), "百": (100, "a hundred"), "千": (1000, "a thousand"), "万": (10_000, "ten thousand")}
# 翻番 doubles, 翻两番 doubles twice
_DOUBLINGS = {"翻番": (2, "doubled"), "翻一番": (2, "doubled"), "翻两番": (4, "quadrupled"), "翻三番": (8, "grew eightfold")}


def words(written: str, value: Decimal, unit_en: str) -> str | None:
    """A multiple or fraction written in Chinese words, in English words: 三分之一 → "a third",
    三分之二 → "two thirds", 翻番 → "doubled", 上百倍 → "a hundred times". None when the written
    form is none of these, or when the words would not mean `value` (a percent: 33.3 is a third)."""
    whole = value / 100 if unit_en in ("%",) else value
    if (fraction := re.fullmatch("([一二三四五六七八九十])分之([一二三四五六七八九])", written)) is not None:
        parts, count = _CHINESE_DIGITS[fraction[1]], _CHINESE_DIGITS[fraction[2]]
        if count >= parts or abs(whole - Decimal(count) / parts) > Decimal("0.005"):
            return None
        if parts == 2:
            return "half"
        return f"a {_PARTS[parts]}" if count == 1 else f"{_CARDINALS[count]} {_PARTS[parts]}s"
    if written in _DOUBLINGS:
        times, said = _DOUBLINGS[written]
        return said if whole == times else None
    if (multiple := re.fullmatch("上?([十百千万])倍", written)) is not None:
        times, said = _ROUND[multiple[1]]
        return f"{said} times" if whole == times else None
    return None


def ordinal(value: Decimal) -> str:
    """A place in a ranking: 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd"."""
    if value != value.to_integral_value() or value < 1:
        raise ValueError(f"not a place in a ranking: {value}")
    n = int(value)
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{_digits(Decimal(n))}{suffix}"


def scale_for(values: list[Decimal]) -> tuple[Decimal, str]:
    """The divisor and English word for a chart's axis, from the largest absolute value:
    [5.2e11, 3e10] → (10⁹, "billion"), so bars are drawn in "billion yuan". (1, "") below a million."""
    finite = [v.copy_abs() for v in values if v.is_finite()]
    power, word = _step(max(finite, default=Decimal(0)))
    return Decimal(10**power), word


def parse(number_text: str) -> Decimal:
    """The inverse of `number`: "520 billion" → 520000000000, "140,000" → 140000, "-2.5" → -2.5.

    Exact, like `number`. Raises ValueError on anything `number` does not print."""
    found = _PARSE.fullmatch(number_text.strip())
    if found is None:
        raise ValueError(f"not a number as `number` prints it: {number_text!r}")
    power = next((p for p, w in _STEPS if w == found["word"]), 0)
    return _EXACT.scaleb(Decimal(found["digits"].replace(",", "")), power)
