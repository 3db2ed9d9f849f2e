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
    ],
)
def test_numbers_in_text(text: str, expected: list[str]) -> None:
    assert numbers(text) == expected


def test_number_positions_are_in_the_stripped_text() -> None:
    source = SourceText("t", "甲\n突破 21 00 家")
    [(start, end, number)] = find_numbers(source)
    assert (source.stripped[start:end], number, source.line_at(start)) == ("2100", "2100", 2)


def test_the_minimal_project_is_fully_covered(project: Project) -> None:
    assert coverage(project.dataset()) == (9, [])


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
    assert [u.number for u in coverage(project.dataset())[1]] == ["43.9"]


def test_a_number_half_inside_a_quote_is_not_covered(project: Project) -> None:
    project.replace("regions/r.yml", "quote: 亦庄新城规划面积约225平方公里", "quote: 亦庄新城规划面积约22")
    assert [u.number for u in coverage(project.dataset())[1]] == ["225"]
