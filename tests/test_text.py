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


# ---------------------------------------------------------------------------------------------
# Numbers as a person writes them (issue 21): no "三 = 3个（平台）", "3多倍", "第一（1名次）"


def written(value: float, written: str, quote: str, unit: str = "yuan", scale: str = "", qualifier: str | None = None) -> m.Fact:
    record = fact(value, scale, qualifier).model_copy(update={"written": written, "quote": quote, "unit": unit})
    return record


def test_a_written_number_reads_as_printed_without_digits_beside_it() -> None:
    assert d.quantity(written(1000, "千亿", "固定资产投资首次突破千亿元", scale="亿", qualifier="首次突破"), "元") == "首次突破千亿元"
    assert d.quantity(written(1000, "千亿", "千亿营收", scale="亿"), "元") == "千亿元"
    assert d.quantity(written(3, "三", "三大国家级平台先后落地"), "个平台") == "三个平台"
    assert d.quantity(written(11, "十一", "一箭十一星"), "颗卫星") == "十一颗卫星"
    assert d.quantity(written(60, "超六成", "占全市比重超六成", qualifier="超"), "%") == "超六成"
    assert d.quantity(written(2, "翻番", "3年实现翻番"), "倍") == "翻番"
    assert d.quantity(written(33.3, "三分之一", "三分之一为专精特新企业"), "%") == "三分之一"
    assert d.quantity(written(1, "上万倍", "达普通光盘上万倍", scale="万", qualifier="达"), "倍") == "达上万倍"


def test_more_follows_a_round_number_and_the_measure_after_any_other() -> None:
    assert d.quantity(fact(3, qualifier="多"), "倍") == "3倍多"
    assert d.quantity(fact(80, qualifier="多"), "家") == "80多家"
    assert d.quantity(fact(70, "万", qualifier="多"), "台织机") == "70多万台织机"
    assert d.quantity(fact(3, "万", qualifier="多"), "台") == "3万多台"
    assert d.quantity(fact(4200, qualifier="余"), "家") == "4200余家"
    assert d.quantity(fact(1.5, "万", qualifier="余"), "台") == "1.5万余台"


def test_a_rank_names_its_place() -> None:
    zh, en = d.Lang("zh"), d.Lang("en")
    first = written(1, "第一", "工业产值总量全市第一", unit="rank")
    assert d.quantity(first, "名次", lang=zh, rank_among="北京市") == "北京第一"
    assert d.quantity(first, "rank", lang=en, rank_among="Beijing") == "1st in Beijing"
    assert d.quantity(fact(3), "名次", lang=zh, rank_among="") == "第3"
    assert d.quantity(fact(2), "rank", lang=en, rank_among="") == "2nd"


@given(st.sampled_from(["count_events", "count_targets", "count_clusters", "reported_by", "printed_twice"]), st.integers(0, 10**6))
def test_a_count_of_one_is_singular_in_english(key: str, n: int) -> None:
    said = d.Lang("en").t(key, n=n)
    assert re.search(r"\b1 [a-z ]*?s\b", said) is None if n == 1 else re.search(rf"\b{n} [a-z ]*s\b", said), said
    assert "|" not in said and "{" not in said
    assert d.Lang("zh").t(key, n=n) == d.catalog()[key]["zh"].format(n=n)


def test_no_catalog_entry_says_1_with_a_plural() -> None:
    """Every count in an English message agrees with its number: '1 event', 'of 1 region'."""
    import string

    counts = {"n", "regions", "clusters", "count", "shown", "i", "added", "changed", "removed"}
    en = d.Lang("en")
    for key, entry in d.catalog().items():
        fields = {name for _, name, _, _ in string.Formatter().parse(d._PLURAL.sub("", entry["en"])) if name}
        # grid_shared: filled in by compare.js, always for 2 or more; *_many: the code picks *_one for 1
        if not fields & counts or key == "grid_shared" or key.endswith("_many"):
            continue
        said = en.t(key, **{name: 1 if name in counts else "X" for name in fields | counts})
        assert re.search(r"\b1 (?:industry )?(?!(?:is|was|has)\b)[a-z]+s\b", said) is None, (key, said)
