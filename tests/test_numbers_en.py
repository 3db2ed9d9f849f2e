"""Numbers for the English edition (generator/numbers_en.py): English scale words, exact digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import numbers_en as en
from generator.scalars import QUALIFIERS, SCALES

# What each qualifier's meaning reads as in English (the brief); "exact" reads as nothing.
WORDS = {"over": "over", "more_than": "more than", "at_least": "at least", "nearly": "nearly", "about": "about", "up_to": "up to"}
UNITS = ["yuan", "firms", "km", "m²", "%", "percentage points", "patents per 10,000 people", "HK dollars", "satellites"]
SIGNED_UNITS = {"%", "percentage points"}  # growth rates and changes may be negative


# ---------------------------------------------------------------------------------------------
# Examples


@pytest.mark.parametrize(
    ("value", "scale", "unit", "qualifier", "expected"),
    [
        (5200, "亿", "yuan", "达到", "520 billion yuan"),
        (1000, "亿", "yuan", "突破", "over 100 billion yuan"),
        (14, "万", "m²", None, "140,000 m²"),
        (2000, "万", "km", "超", "over 20 million km"),
        (850, "", "patents per 10,000 people", None, "850 patents per 10,000 people"),
        (44, "", "%", "达到", "44%"),
        (4.4, "", "%", "左右", "about 4.4%"),
        (40, "", "%", "以上", "at least 40%"),
        (2100, "", "firms", "余", "more than 2,100 firms"),
        (30, "", "%", "近", "nearly 30%"),
        (500, "万", "yuan", "最高", "up to 5 million yuan"),
        (3.1, "万亿", "yuan", None, "3.1 trillion yuan"),
        (123.456, "亿", "yuan", None, "12.3456 billion yuan"),
        (1.1, "万", "HK dollars", None, "11,000 HK dollars"),  # 1.1 × 10000 is 11000.000000000002 in floats
        (33.3333, "亿", "yuan", None, "3.33333 billion yuan"),
        (88, "万", "yuan", None, "880,000 yuan"),  # 0.88 million is printed in digits
        (-2.5, "", "percentage points", None, "-2.5 percentage points"),
        (1.5, "", "‰", None, "1.5‰"),
        (11, "", "satellites", "多", "more than 11 satellites"),
        (3, "", "No. {n}", None, "No. 3"),
        (10, "", "top {n}", "约", "top about 10"),
        (0, "", "firms", None, "0 firms"),
    ],
)
def test_quantity_examples(value: float, scale: str, unit: str, qualifier: str | None, expected: str) -> None:
    assert en.quantity(value, scale, unit, qualifier) == expected


@pytest.mark.parametrize(
    ("value", "value_max", "scale", "unit", "expected"),
    [
        (1500, 2000, "", "firms", "1,500–2,000 firms"),
        (15, 20, "亿", "yuan", "1.5–2 billion yuan"),
        (8, 12, "亿", "yuan", "0.8–1.2 billion yuan"),  # one scale word, the one that suits the upper bound
        (5, 10, "", "%", "5–10%"),
        (3, 5, "", "No. {n}", "No. 3–5"),
    ],
)
def test_range_examples(value: float, value_max: float, scale: str, unit: str, expected: str) -> None:
    assert en.quantity(value, scale, unit, None, value_max=value_max) == expected


def test_range_with_a_qualifier() -> None:
    assert en.quantity(15, "亿", "yuan", "约", value_max=20) == "about 1.5–2 billion yuan"


@pytest.mark.parametrize(
    ("normalized", "expected"),
    [
        ("3100000000000", "3.1 trillion"),
        ("520000000000", "520 billion"),
        ("20000000", "20 million"),
        ("1000000", "1 million"),
        ("10000001", "10.000001 million"),  # exact, however long
        ("999999.5", "999,999.5"),  # below a million: digits, not "1 million"
        ("140000", "140,000"),
        ("1500", "1,500"),
        ("850", "850"),
        ("43.90", "43.9"),
        ("0.88", "0.88"),
        ("520.0", "520"),
        ("5.2E+2", "520"),
        ("-2500000", "-2.5 million"),
        ("-0.0", "0"),
        ("1E+27", "1,000,000,000,000,000 trillion"),
        ("0.00000001", "0.00000001"),
    ],
)
def test_number_examples(normalized: str, expected: str) -> None:
    assert en.number(Decimal(normalized)) == expected


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_number_refuses_what_is_not_a_number(bad: str) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        en.number(Decimal(bad))


def test_quantity_refuses_a_nan_value() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        en.quantity(float("nan"), "", "yuan", None)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([Decimal("5.2e11"), Decimal("3e10")], (Decimal(10**9), "billion")),
        ([Decimal("-3.1e12"), Decimal("1")], (Decimal(10**12), "trillion")),
        ([Decimal("2e7")], (Decimal(10**6), "million")),
        ([Decimal("999999.5"), Decimal("12")], (Decimal(1), "")),
        ([], (Decimal(1), "")),
        ([Decimal("NaN"), Decimal("2e9")], (Decimal(10**9), "billion")),  # a NaN does not decide the axis
    ],
)
def test_scale_for_suits_the_largest_value(values: list[Decimal], expected: tuple[Decimal, str]) -> None:
    assert en.scale_for(values) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("520 billion", "520e9"), ("140,000", "140000"), ("3.1 trillion", "3.1e12"), ("-2.5", "-2.5"), ("1,000 trillion", "1e15")],
)
def test_parse_reads_number_back(text: str, expected: str) -> None:
    assert en.parse(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["", "1e5", "nan", "12 thousand", "1,00", "520billion", "five"])
def test_parse_refuses_what_number_never_prints(bad: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        en.parse(bad)


# ---------------------------------------------------------------------------------------------
# Properties: every scale word, every qualifier, the value read back exactly

# ints, and decimals with up to 4 places, from 0.01 to 99999: the digits a newspaper prints
magnitudes = st.one_of(
    st.integers(min_value=1, max_value=99999).map(float),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=4).map(float),
)


@st.composite
def facts(draw: st.DrawFn) -> tuple[float, str, str, str | None]:
    unit = draw(st.sampled_from(UNITS))
    value = draw(magnitudes)
    if unit in SIGNED_UNITS and draw(st.booleans()):
        value = -value
    return value, draw(st.sampled_from(list(SCALES))), unit, draw(st.sampled_from([None, *QUALIFIERS]))


def read_back(text: str, unit: str, qualifier: str | None) -> list[Decimal]:
    """The bounds in an English quantity, checking the qualifier's words and the unit on the way."""
    meaning = QUALIFIERS[qualifier] if qualifier else "exact"
    if meaning == "exact":
        assert not any(word in text for word in WORDS.values()), text
    else:
        assert text.startswith(WORDS[meaning] + " "), text
        text = text.removeprefix(WORDS[meaning] + " ")
    suffix = unit if unit == "%" else " " + unit
    assert text.endswith(suffix), text
    low, dash, high = text.removesuffix(suffix).partition("–")
    if not dash:
        return [en.parse(low)]
    assert not low.endswith(("million", "billion", "trillion")), text  # one scale word, after both bounds
    word = high.rpartition(" ")[2]
    return [en.parse(f"{low} {word}" if word.isalpha() else low), en.parse(high)]


@given(facts())
def test_quantity_keeps_every_digit(fact: tuple[float, str, str, str | None]) -> None:
    value, scale, unit, qualifier = fact
    text = en.quantity(value, scale, unit, qualifier)
    assert read_back(text, unit, qualifier) == [Decimal(repr(value)) * SCALES[scale]]


@given(facts(), magnitudes)
def test_range_keeps_both_bounds(fact: tuple[float, str, str, str | None], other: float) -> None:
    value, scale, unit, qualifier = fact
    low, high = sorted([value, other])
    text = en.quantity(low, scale, unit, qualifier, value_max=high)
    assert read_back(text, unit, qualifier) == [Decimal(repr(low)) * SCALES[scale], Decimal(repr(high)) * SCALES[scale]]


# any float a value may be (up to MAX_AMOUNT 10¹⁵) times any scale, tiny ones included
normalized_values = st.builds(
    lambda value, scale: Decimal(repr(value)) * SCALES[scale],
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.sampled_from(list(SCALES)),
)


@given(normalized_values)
def test_number_is_plain_and_exact(normalized: Decimal) -> None:
    text = en.number(normalized)
    assert not any(bad in text.lower() for bad in ("e+", "e-", "nan", "inf")), text
    assert en.parse(text) == normalized


@given(st.lists(normalized_values, min_size=1))
def test_scale_for_never_makes_the_largest_value_small(values: list[Decimal]) -> None:
    divisor, word = en.scale_for(values)
    largest = max(abs(v) for v in values)
    if word:  # the same word `number` gives the largest value, and at least 1 of it
        assert en.number(largest).endswith(" " + word)
        assert largest / divisor >= 1
    else:
        assert divisor == 1
        assert largest < 1_000_000


# ---------------------------------------------------------------------------------------------
# Words where the source has words (issue 21): 翻番 is "doubled", 三分之一 "a third", not 33.3%


@pytest.mark.parametrize(
    ("value", "scale", "unit", "qualifier", "written", "expected"),
    [
        (2, "", "times", None, "翻番", "doubled"),
        (4, "", "times", None, "翻两番", "quadrupled"),
        (33.3, "", "%", None, "三分之一", "a third"),
        (66.7, "", "%", "超", "三分之二", "over two thirds"),
        (25, "", "%", None, "四分之一", "a quarter"),
        (50, "", "%", "近", "二分之一", "nearly half"),
        (1, "万", "times", "达", "上万倍", "ten thousand times"),
        (1, "百", "times", None, "上百倍", "a hundred times"),
        (60, "", "%", "超", "超六成", "over 60%"),  # 成 is tenths: English says percent
        (1000, "亿", "yuan", "突破", "千亿", "over 100 billion yuan"),
        (3, "", "platforms", None, "三", "3 platforms"),
        (40, "", "%", None, "三分之一", "40%"),  # words that do not mean the value: the digits
        (3, "", "times", None, "翻番", "3 times"),
    ],
)
def test_written_words_in_english(value: float, scale: str, unit: str, qualifier: str | None, written: str, expected: str) -> None:
    assert en.quantity(value, scale, unit, qualifier, None, written) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (1002, "1,002nd"),
    ],
)
def test_ordinals(n: int, expected: str) -> None:
    assert en.ordinal(Decimal(n)) == expected


@given(st.integers(min_value=1, max_value=10**6))
def test_an_ordinal_keeps_its_number(n: int) -> None:
    said = en.ordinal(Decimal(n))
    assert en.parse(said[:-2]) == n and said[-2:] in ("st", "nd", "rd", "th")


@pytest.mark.parametrize("bad", ["0", "1.5", "-2"])
def test_an_ordinal_is_a_whole_place(bad: str) -> None:
    with pytest.raises(ValueError):
        en.ordinal(Decimal(bad))
