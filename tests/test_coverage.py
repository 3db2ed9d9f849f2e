from __future__ import annotations

import pytest
from conftest import Project

from generator.coverage import Uncovered, coverage, find_numbers
from generator.sources import SourceText


def numbers(text: str) -> list[str]:
    return [number for _start, _end, number in find_numbers(SourceText("t", text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("路测里程 2000 万公 里", ["2000"]),  # OCR spaces; 万 after digits is the scale, not a second number
        ("20 00 家", ["2000"]),  # a number split by OCR is one number
        ("占比43.9%", ["43.9"]),
        ("达 到 50.2 件", ["50.2"]),
        ("高达3.1万亿元", ["3.1"]),
        ("４．５亿", ["４．５"]),  # full-width digits and point: one number (it was two)
        ("一箭十一星", ["十一"]),  # 十一 is a count; a lone 一 is not counted
        ("超六成", ["六"]),  # one numeral and a measure word
        ("产值千亿", ["千亿"]),  # a run of numerals
        ("两箭升空", ["两"]),
        ("十三五", ["十三五"]),  # a name: found here, excluded by the curators
        ("一个", []),  # "a", not a number
        ("一天一个样", []),
        ("千行百业", []),  # numerals not followed by a measure word
        ("科技研发", []),
        ("2月3日7时37分", ["2", "3", "7", "37"]),
        ("70多万台织机", ["70"]),  # 万 after 70多 is its scale word, not a second number (it was one)
        ("逾100余亿元", ["100"]),
        ("高于全市10个百分点", ["10"]),  # 百分点 is the unit (it was counted as a hundred)
        ("三分之一", ["三"]),
    ],
)
def test_numbers_in_text(text: str, expected: list[str]) -> None:
    assert numbers(text) == expected


def test_number_positions_are_in_the_stripped_text() -> None:
    source = SourceText("t", "甲\n突破 21 00 家")
    [(start, end, number)] = find_numbers(source)
    assert (source.stripped[start:end], number, source.line_at(start)) == ("2100", "2100", 2)


# The minimal project's "一箭十一星" is in the quotes of an event and a cluster; neither states 11.
ELEVEN = Uncovered(
    "x.txt", 5, "十一", "2月3日,长二丙火箭一箭十一星。亦庄新城规划面积约2", ("r event eleven-satellites", "r cluster commercial_space")
)


def test_a_number_in_a_quote_whose_record_does_not_state_it_is_not_covered(project: Project) -> None:
    """Any number inside any quote counted as covered: 十一 here, "3家合资子公司" in the real data,
    which was neither a fact nor an exclusion."""
    assert coverage(project.dataset()) == (9, [ELEVEN])
    assert ELEVEN.format() == (
        "data/sources/x.txt:5: '十一' in “2月3日,长二丙火箭一箭十一星。亦庄新城规划面积约2” is not covered by any quote"
        " (in the quote of r event eleven-satellites, r cluster commercial_space, which states other numbers:"
        " record it, or exclude it with a reason)"
    )


def test_a_record_states_its_value_range_dates_and_written_form(project: Project) -> None:
    """Covered: the facts' values (2100, 2000, 225), the target's value and deadline year (3000,
    2025), the event's month and day (2月3日 of 2024-02-03), a fact's written form (十一) and a
    range's upper bound, once each is in the quote of the record that states it."""
    project.replace(
        "regions/r.yml",
        "\nclusters:\n",
        """  - id: satellites
    metric: satellites_per_launch
    value: 11
    unit: satellites
    written: 十一
    period: "2024-02-03"
    inferred: true
    source: first-article
    quote: 长二丙火箭一箭十一星
\nclusters:\n""",
    )
    assert coverage(project.dataset()) == (9, [])
    # the upper bound of a range is stated too
    project.replace("regions/r.yml", "value: 11\n", "value: 10\n    value_max: 11\n")
    assert coverage(project.dataset()) == (9, [])


def test_a_number_its_record_does_not_state_is_listed(project: Project) -> None:
    project.append("regions/r.yml", "  - source: first-article\n    quote: 一箭十一星\n    reason: count in a slogan\n")
    assert coverage(project.dataset()) == (9, [])  # an exclusion covers every number it quotes
    project.replace("regions/r.yml", 'deadline: "2025"', 'deadline: "2026"')  # the quote says 到2025年
    project.replace("regions/r.yml", 'date: "2024-02-03"', 'date: "2024-02-04"')  # the quote says 2月3日
    assert [(u.number, u.quoted_by) for u in coverage(project.dataset())[1]] == [
        ("2025", ("r target output-2025",)),
        ("3", ("r event eleven-satellites",)),
    ]


def test_a_number_no_quote_covers_is_listed_with_line_and_context(project: Project) -> None:
    project.replace("regions/r.yml", "    quote: 长二丙火箭一箭十一星\n", "    quote: 长二丙火箭\n")
    project.replace("regions/r.yml", "    quote: 2月3日,长二丙火箭一箭十一星\n", "    quote: 2月3日,长二丙火箭\n")
    total, missing = coverage(project.dataset())
    assert total == 9
    assert missing == [Uncovered("x.txt", 5, "十一", "2月3日,长二丙火箭一箭十一星。亦庄新城规划面积约2")]
    assert missing[0].format() == (
        "data/sources/x.txt:5: '十一' in “2月3日,长二丙火箭一箭十一星。亦庄新城规划面积约2” is not covered by any quote"
    )


def test_an_exclusion_covers_its_numbers(project: Project) -> None:
    project.replace("regions/r.yml", "    quote: 上海 战略性新兴产业产值占比43.9%\n", "    quote: 上海\n")
    assert [u.number for u in coverage(project.dataset())[1]] == ["十一", "43.9"]


def test_a_number_half_inside_a_quote_is_not_covered(project: Project) -> None:
    project.replace("regions/r.yml", "quote: 亦庄新城规划面积约225平方公里", "quote: 亦庄新城规划面积约22")
    assert [u.number for u in coverage(project.dataset())[1]] == ["十一", "225"]
