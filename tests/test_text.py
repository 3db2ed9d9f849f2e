"""The one owner of reader-visible text (generator/text.py): numbers, periods, escaping, the catalog."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator import models as m
from generator import text as d


def fact(value: float, scale: str = "", qualifier: str | None = None) -> m.Fact:
    return m.Fact.model_validate(
        {
            "id": "x",
            "metric": "x",
            "value": value,
            "scale": scale,
            "unit": "yuan",
            "qualifier": qualifier,
            "period": "2023",
            "source": "s",
            "quote": "q",
        }
    )


def test_quantity_reads_like_the_source() -> None:
    assert d.quantity(fact(5200, "亿"), "元") == "5200亿元"
    assert d.quantity(fact(2100, qualifier="超"), "家") == "超2100家"
    assert d.quantity(fact(4200, qualifier="余"), "家") == "4200余家"
    assert d.quantity(fact(4.4, qualifier="左右"), "%") == "4.4%左右"
    assert d.quantity(fact(40, qualifier="以上"), "%") == "40%以上"


def test_quantity_in_another_scale_keeps_the_value() -> None:
    assert d.quantity(fact(1, "千亿"), "元", "亿") == "1000亿元"
    assert d.quantity(fact(3800, "亿"), "元", "万亿") == "0.38万亿元"


@given(st.floats(min_value=0, max_value=1e15, allow_nan=False))
def test_plain_has_no_grouping_and_at_most_two_decimals(number: float) -> None:
    text = d.plain(number)
    assert re.fullmatch(r"\d+(\.\d{1,2})?", text)
    assert abs(float(text) - number) <= 0.005 + 1e-9 * number


@given(st.floats(min_value=1, max_value=1e15, allow_nan=False))
def test_auto_scale_keeps_the_leading_part_below_ten_thousand(number: float) -> None:
    scale = d.auto_scale(number)
    assert 1 <= number / m.SCALES[scale] < 10_000 or scale == "万亿"


def test_periods_and_dates() -> None:
    zh, en = d.Lang("zh"), d.Lang("en")
    assert d.period("2023", zh) == "2023年"
    assert d.period("2024-02", zh) == "截至2024年2月"
    assert d.period("2021/2023", zh) == "2021年—2023年"
    assert d.period("../2024-03", zh) == "累计至2024年3月"
    assert d.period("../2024-03", en) == "cumulative to Mar 2024"
    assert d.date("2024-02-03", en) == "3 Feb 2024"
    assert d.period_start("2021/2023") == "2021-01-01"
    assert d.period_start("../2024-03") == "2024-03-01"


def test_markdown_escaping_neutralises_markup_and_html() -> None:
    text = d.md("a|b <script>alert(1)</script> [x](javascript:alert(1)) *b*")
    assert "<script>" not in text
    assert "](javascript" not in text
    assert "\\|" in text and "\\*b\\*" in text


@given(st.text())
def test_escaped_text_has_no_raw_html_or_unescaped_pipes(text: str) -> None:
    out = d.md(text)
    assert "<" not in out
    assert re.search(r"(?<!\\)\|", out) is None


def test_every_catalog_entry_has_both_languages() -> None:
    for key, entry in d.catalog().items():
        assert set(entry) == {"zh", "en"}, key
        assert all(isinstance(v, str) and v for v in entry.values()), key


def test_templates_only_use_known_message_keys() -> None:
    from pathlib import Path

    templates = Path(d.__file__).with_name("templates")
    used = set()
    for path in templates.glob("*.j2"):
        used |= set(re.findall(r"""\b(?:t|t2|both)\(\s*["']([a-z_0-9-]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no message keys found: the pattern is broken"
    assert used <= set(d.catalog()), used - set(d.catalog())
