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


def quantity(value: float, scale: str, unit_en: str, qualifier: str | None, value_max: float | None = None) -> str:
    """A fact as English prints it: "over 100 billion yuan", "about 4.4%", "1,500–2,000 firms".

    `value`, `scale`, `value_max` and `qualifier` are the fact's fields as printed in Chinese;
    `unit_en` is the unit's English label, where "{n}" marks the number's place ("No. {n}")."""
    low = normalized(value, scale)
    if value_max is None:
        amount = number(low)
    else:
        high = normalized(value_max, scale)
        # one scale word for both bounds, the one that suits the larger: "0.8–1.2 billion"
        power, word = _step(max(low.copy_abs(), high.copy_abs()))
        amount = text.Lang("en").t("range", a=_scaled(low, power), b=_scaled(high, power))
        amount = f"{amount} {word}" if word else amount
    meaning = QUALIFIERS[qualifier] if qualifier else "exact"
    if meaning != "exact":  # 达到/高达 only say the figure was reached: English needs no word
        amount = f"{text.Lang('en').t(f'q_{meaning}')} {amount}"
    if "{n}" in unit_en:
        return unit_en.replace("{n}", amount)
    if not unit_en or unit_en in _ATTACHED:
        return amount + unit_en
    return f"{amount} {unit_en}"


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
