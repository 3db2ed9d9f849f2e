"""Meaning checks: one minimal-data test (or more) per registered check.

Every test calls the check through the registry (`project.check(name)` looks it up in
`checks.CHECKS`), so unregistering a check fails its tests; `test_every_check_is_tested` makes
sure a new check cannot be added without one.
"""

from __future__ import annotations

import math
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import Project
from hypothesis import given
from hypothesis import strategies as st

from generator import models as m
from generator.checks import CHECKS, Check, ids, quotes, registry, run_checks
from generator.checks.quotes import printed_scales
from generator.coverage import Uncovered
from generator.load import Dataset, load
from generator.pipeline import validate
from generator.problems import Problem
from generator.text import number_forms


def found(project: Project, name: str) -> list[str]:
    return [p.format() for p in project.check(name)]


def test_the_minimal_project_passes_every_check(project: Project) -> None:
    assert run_checks(project.dataset()) == []


# ---------------------------------------------------------------------------------------------
# unique_ids


def test_duplicate_fact_and_target_ids(project: Project) -> None:
    project.replace("regions/r.yml", "- id: output-2025", "- id: high-tech-firms")
    assert found(project, "unique_ids") == [
        "data/regions/r.yml:58: duplicate fact/target id 'high-tech-firms' (first at line 14) (ids must be unique; rename one)"
    ]


def test_duplicate_registry_ids(project: Project) -> None:
    project.replace("metrics.yml", "  - id: km2\n", "  - id: yuan\n")
    assert found(project, "unique_ids") == [
        "data/metrics.yml:6: duplicate unit id 'yuan' (first at line 4) (ids must be unique; rename one)"
    ]


def test_duplicate_scope_and_event_ids(project: Project) -> None:
    project.replace(
        "regions/r.yml",
        "      name: {zh: 亦庄新城, en: Yizhuang New Town}\n",
        "      name: {zh: 亦庄新城, en: Yizhuang New Town}\n    - id: new-town\n      name: {zh: 新城, en: New Town}\n",
    )
    assert found(project, "unique_ids") == [
        "data/regions/r.yml:12: duplicate scope id 'new-town' (first at line 10) (ids must be unique; rename one)"
    ]


def test_a_cluster_listed_twice_in_a_region(project: Project) -> None:
    project.replace(
        "regions/r.yml",
        "clusters:\n",
        "clusters:\n  - cluster: commercial_space\n    role: emerging\n    source: first-article\n    quote: 一箭十一星\n",
    )
    assert found(project, "unique_ids") == [
        "data/regions/r.yml:46: cluster 'commercial_space' is listed more than once (first at line 42) (keep one entry per cluster)"
    ]


# ---------------------------------------------------------------------------------------------
# region_file_names


def test_region_file_names_must_be_kebab_case(project: Project) -> None:
    project.path("regions/r.yml").rename(project.path("regions/Fang_Cheng.yml"))
    assert found(project, "region_file_names") == [
        "data/regions/Fang_Cheng.yml:1: region file name 'Fang_Cheng.yml' is not a kebab-case id "
        "(rename the file, e.g. regions/fangchenggang.yml)"
    ]


# ---------------------------------------------------------------------------------------------
# metric_references


def test_metric_with_unknown_unit_and_group(project: Project) -> None:
    project.replace("metrics.yml", "    unit: km2\n    group: economy\n", "    unit: km_2\n    group: econ\n")
    assert found(project, "metric_references") == [
        "data/metrics.yml:43: unknown unit 'km_2' (did you mean 'km2'? valid choices: firms, km2, yuan)",
        "data/metrics.yml:44: unknown group 'econ' (did you mean 'economy'? valid choices: economy)",
    ]


def test_comparability_lists_name_known_metrics(project: Project) -> None:
    project.append(
        "metrics.yml",
        "    comparable_with: [industrial_outptu]\n    not_comparable_with:\n      - metric: nothing\n  "
        "      reason: {zh: 不同, en: different}\n",
    )
    assert found(project, "metric_references") == [
        "data/metrics.yml:47: unknown metric 'industrial_outptu' "
        "(did you mean 'industrial_output'? valid choices: high_tech_enterprises, industrial_output, planned_area)",
        "data/metrics.yml:49: unknown metric 'nothing' (valid choices: high_tech_enterprises, industrial_output, planned_area)",
    ]


def test_comparable_and_not_comparable_on_one_side(project: Project) -> None:
    project.append(
        "metrics.yml",
        "    comparable_with: [industrial_output]\n    not_comparable_with:\n      - metric: "
        "industrial_output\n        reason: {zh: 不同, en: different}\n",
    )
    assert found(project, "metric_references") == [
        "data/metrics.yml:49: 'planned_area' and 'industrial_output' are listed as both comparable and not comparable "
        "(comparable_with and not_comparable_with apply both ways; keep one)"
    ]


def test_comparable_and_not_comparable_split_over_two_metrics(project: Project) -> None:
    # the lists are symmetric, so this is the same contradiction; it used to pass
    project.replace("metrics.yml", "    display_scale: 亿\n", "    display_scale: 亿\n    comparable_with: [planned_area]\n")
    project.append(
        "metrics.yml", "    not_comparable_with:\n      - metric: industrial_output\n        reason: {zh: 不同, en: different}\n"
    )
    assert found(project, "metric_references") == [
        "data/metrics.yml:49: 'planned_area' and 'industrial_output' are listed as both comparable and not comparable "
        "(comparable_with and not_comparable_with apply both ways; keep one)"
    ]


# ---------------------------------------------------------------------------------------------
# source_references


def test_unknown_source_article(project: Project) -> None:
    project.replace("regions/r.yml", "  - source: second-article\n", "  - source: second-artcle\n")
    assert found(project, "source_references") == [
        "data/regions/r.yml:72: unknown source article 'second-artcle' (did you mean 'second-article'? "
        "valid choices: first-article, second-article (or add it to data/sources/articles.yml))"
    ]


# ---------------------------------------------------------------------------------------------
# quantity_references


def test_unknown_metric(project: Project) -> None:
    project.replace("regions/r.yml", "metric: high_tech_enterprises", "metric: high_tech_firms")
    assert found(project, "quantity_references") == [
        "data/regions/r.yml:15: unknown metric 'high_tech_firms' (did you mean 'high_tech_enterprises'? "
        "metrics of unit 'firms' the quote fits: high_tech_enterprises; or add one with `python -m generator new-metric`)"
    ]


def test_an_unknown_metric_is_never_offered_a_look_alike_the_quote_contradicts(project: Project) -> None:
    """`industrial_outpt` is spelt like `industrial_output`, but the quote says 规模以上: the hint
    names the metric the quote fits, and says why the one spelt alike is not it."""
    quote_says_above_scale(project)
    project.replace("regions/r.yml", "    metric: industrial_output\n    value: 2000\n", "    metric: industrial_outpt\n    value: 2000\n")
    assert found(project, "quantity_references") == [
        "data/regions/r.yml:23: unknown metric 'industrial_outpt' (metrics of unit 'yuan' the quote fits: "
        "industrial_output_above_scale; 'industrial_output' is spelt alike, but the quote says it measures something else; "
        "or add one with `python -m generator new-metric`)"
    ]


def test_unit_must_be_the_metrics(project: Project) -> None:
    project.replace("regions/r.yml", "    unit: km2\n", "    unit: yuan\n")
    assert found(project, "quantity_references") == [
        "data/regions/r.yml:34: unit 'yuan' does not match metric 'planned_area', whose unit is 'km2' "
        "(use the metric's unit, or a metric that measures in this unit)"
    ]


def test_an_unknown_unit_is_one_problem(project: Project) -> None:
    # it used to be reported twice: unknown, and different from the metric's
    project.replace("regions/r.yml", "    unit: firms\n", "    unit: firm\n")
    assert found(project, "quantity_references") == [
        "data/regions/r.yml:17: unknown unit 'firm' (did you mean 'firms'? valid choices: firms, km2, yuan (or add it to data/metrics.yml))"
    ]


def test_unknown_scope(project: Project) -> None:
    project.replace("regions/r.yml", "    scope: new-town\n", "    scope: core-area\n")
    assert found(project, "scope_references") == [
        "data/regions/r.yml:37: unknown scope 'core-area' (valid choices: new-town (or add it to profile.scopes))"
    ]


def test_baseline_must_be_a_fact_of_the_same_metric(project: Project) -> None:
    project.replace("regions/r.yml", "baseline: output-2023", "baseline: output-2022")
    assert found(project, "target_baselines") == [
        "data/regions/r.yml:66: baseline 'output-2022' is not a fact of this region "
        "(did you mean 'output-2023'? valid choices: high-tech-firms, new-town-area, output-2023)"
    ]
    project.replace("regions/r.yml", "baseline: output-2022", "baseline: high-tech-firms")
    assert found(project, "target_baselines") == [
        "data/regions/r.yml:66: baseline 'high-tech-firms' measures 'high_tech_enterprises', the target 'industrial_output' "
        "(a baseline must share the target's metric)"
    ]


# ---------------------------------------------------------------------------------------------
# cluster_references


def test_unknown_clusters(project: Project) -> None:
    project.replace("regions/r.yml", "  - cluster: commercial_space\n", "  - cluster: space\n")
    project.replace("regions/r.yml", "    cluster: commercial_space\n    source", "    cluster: comercial_space\n    source")
    assert found(project, "cluster_references") == [
        "data/regions/r.yml:53: unknown cluster 'comercial_space' (did you mean 'commercial_space'? "
        "valid choices: commercial_space (or add it to data/clusters.yml))",
        "data/regions/r.yml:42: unknown cluster 'space' (valid choices: commercial_space (or add it to data/clusters.yml))",
    ]


# ---------------------------------------------------------------------------------------------
# province_names


def test_a_province_not_in_the_registry(project: Project) -> None:
    project.replace("regions/r.yml", "province: {zh: 北京市, en: Beijing}", "province: {zh: 北京, en: Beijing}")
    assert found(project, "province_names") == [
        "data/regions/r.yml:6: unknown province '北京' (did you mean '北京市'? "
        "valid choices: 上海市, 北京市, 四川省 (the names in data/provinces.yml))"
    ]


def test_a_province_spelt_differently_in_english(project: Project) -> None:
    project.replace("regions/r.yml", "province: {zh: 北京市, en: Beijing}", "province: {zh: 北京市, en: Peking}")
    assert found(project, "province_names") == [
        "data/regions/r.yml:6: province '北京市' is 'Beijing' in English in data/provinces.yml, not 'Peking' (write en: Beijing)"
    ]


def test_a_province_listed_twice_in_the_registry(project: Project) -> None:
    sichuan = "      - {zh: 四川省, en: Sichuan, abbr: {zh: 四川, en: SC}, tile: [5, 2]}\n"
    project.replace("provinces.yml", sichuan, sichuan + "      - {zh: 上海市, en: Shanghai, abbr: {zh: 上海, en: SH}, tile: [6, 2]}\n")
    assert found(project, "province_registry") == [
        "data/provinces.yml:12: province '上海市' is listed more than once (first at line 7) (keep one entry per province)"
    ]


def test_two_provinces_on_one_tile(project: Project) -> None:
    project.replace("provinces.yml", "en: SC}, tile: [5, 2]}", "en: SC}, tile: [2, 5]}")
    assert found(project, "province_tiles") == [
        "data/provinces.yml:11: province '四川省' is on the tile [2, 5] of '北京市' (line 6) "
        "(give each province a square of its own; free beside it: [2, 6], [2, 4], [3, 5])"
    ]


def test_a_province_listed_twice_is_not_also_a_tile_clash(project: Project) -> None:
    sichuan = "      - {zh: 四川省, en: Sichuan, abbr: {zh: 四川, en: SC}, tile: [5, 2]}\n"
    project.replace("provinces.yml", sichuan, sichuan * 2)
    assert found(project, "province_tiles") == []


@pytest.mark.parametrize("tile", ["[0, 3]", "[3, 13]", "[3]", "[2.5, 3]", '["2", 3]'])
def test_a_tile_is_two_whole_numbers_from_1(project: Project, tile: str) -> None:
    project.replace("provinces.yml", "tile: [5, 2]", f"tile: {tile}")
    _, problems = project.load()
    assert [(p.file, p.line) for p in problems] == [("data/provinces.yml", 11)], [p.format() for p in problems]


def test_no_province_problems_without_a_registry(project: Project) -> None:
    project.path("provinces.yml").unlink()
    project.replace("regions/r.yml", "province: {zh: 北京市, en: Beijing}", "province: {zh: 北京, en: Beijing}")
    dataset, problems = load(project.root)
    # the missing file is reported once, by load, rather than every region's province with it
    assert [p.format() for p in problems] == ["data/provinces.yml:1: required file is missing (see data/README.md for its format)"]
    assert run_checks(dataset, ["province_names"]) == []


# ---------------------------------------------------------------------------------------------
# calendar_dates


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('date: "2024-02-03"', 'date: "2024-02-30"', 49, "date '2024-02-30': February 2024 has 29 days"),
        ('date: "2024-02-03"', "date: 2024-13", 49, "date '2024-13': month 13 does not exist"),
        ('deadline: "2025"', 'deadline: "2025-00"', 64, "deadline '2025-00': month 0 does not exist"),
        ('period: "2023"', 'period: "2022/2023-02-29"', 28, "period '2022/2023-02-29': February 2023 has 28 days"),
        ('period: "2023"', 'period: "../2023-13"', 28, "period '../2023-13': month 13 does not exist"),
    ],
)
def test_dates_must_exist(project: Project, old: str, new: str, line: int, message: str) -> None:
    project.replace("regions/r.yml", old, new)
    assert found(project, "calendar_dates") == [f"data/regions/r.yml:{line}: {message} (write a real date: YYYY, YYYY-MM or YYYY-MM-DD)"]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('date: "2024-02-03"', 'date: "0224-02-03"', 49, "date '0224-02-03': year 0224 is not between 1949 and 2100"),
        ('date: "2024-02-03"', 'date: "0000"', 49, "date '0000': year 0000 is not between 1949 and 2100"),
        ('deadline: "2025"', 'deadline: "2205"', 64, "deadline '2205': year 2205 is not between 1949 and 2100"),
        ('period: "2023"', 'period: "1023/2023"', 28, "period '1023/2023': year 1023 is not between 1949 and 2100"),
        ('period: "2023"', 'period: "../3023-01"', 28, "period '../3023-01': year 3023 is not between 1949 and 2100"),
    ],
)
def test_years_must_be_plausible(project: Project, old: str, new: str, line: int, message: str) -> None:
    project.replace("regions/r.yml", old, new)
    assert found(project, "calendar_dates") == [f"data/regions/r.yml:{line}: {message} (is the year mistyped? 2024, not 0224 or 2204)"]


@pytest.mark.parametrize("published", ["1949", "2100-12-31"])
def test_the_years_at_the_bounds_are_fine(project: Project, published: str) -> None:
    project.replace("sources/articles.yml", 'published: "2024-02"', f'published: "{published}"')
    assert found(project, "calendar_dates") == []


def test_article_dates_must_exist(project: Project) -> None:
    project.replace("sources/articles.yml", 'published: "2024-02"', 'published: "2023-02-29"')
    assert found(project, "calendar_dates") == [
        "data/sources/articles.yml:17: published '2023-02-29': February 2023 has 28 days (write a real date: YYYY, YYYY-MM or YYYY-MM-DD)"
    ]


@pytest.mark.parametrize("period", ["2023/2021", "2023-05/2023-02", "2024/2023-12"])
def test_a_period_must_not_end_before_it_starts(project: Project, period: str) -> None:
    project.replace("regions/r.yml", 'period: "2023"', f'period: "{period}"')
    assert found(project, "calendar_dates") == [
        f"data/regions/r.yml:28: period '{period}' ends before it starts (write the earlier date first: start/end)"
    ]


@pytest.mark.parametrize("period", ["2021/2023", "2023-02/2023", "2023/2023-02", "../2024-03", "2023-02-01/2023-02-28"])
def test_periods_in_order(project: Project, period: str) -> None:
    # 2023-02/2023 runs from February to the end of 2023: string order called it reversed
    project.replace("regions/r.yml", 'period: "2023"', f'period: "{period}"')
    assert found(project, "calendar_dates") == []


def test_leap_days_are_dates(project: Project) -> None:
    project.replace("regions/r.yml", 'date: "2024-02-03"', 'date: "2024-02-29"')
    assert found(project, "calendar_dates") == []


# ---------------------------------------------------------------------------------------------
# article_spans


def test_article_file_must_exist(project: Project) -> None:
    project.replace("sources/articles.yml", "file: x.txt\n    lines: [[6, 7]]", "file: y.txt\n    lines: [[6, 7]]")
    assert found(project, "article_spans") == [
        "data/sources/articles.yml:13: source file 'y.txt' is not in data/sources/ (did you mean 'x.txt'? valid choices: x.txt)"
    ]


def test_article_lines_must_be_in_the_file(project: Project) -> None:
    # x.txt has 7 lines and ends with a newline: line 8 does not exist (it used to count as one)
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[6, 8]]")
    assert found(project, "article_spans") == [
        "data/sources/articles.yml:14: line range [6, 8] is outside the file's 7 lines "
        "(write [first, last] with 1 ≤ first ≤ last ≤ the file's last line)"
    ]
    project.replace("sources/articles.yml", "lines: [[6, 8]]", "lines: [[7, 6]]")
    assert found(project, "article_spans")[0].startswith("data/sources/articles.yml:14: line range [7, 6] is outside")


def test_articles_must_not_overlap(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[5, 7]]")
    assert found(project, "article_spans") == [
        "data/sources/articles.yml:14: lines [5, 7] overlap article 'first-article' [1, 5] (each line of a source belongs to one article)"
    ]


def test_a_range_overlapping_several_is_reported_once_naming_one(project: Project) -> None:
    # every earlier range it overlaps used to give a message of its own: n² of them for n copies.
    # [5, 7] overlaps first-article's [1, 5] and its own [6, 7]: named is the one reaching further
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[6, 7], [5, 7], [1, 2]]")
    assert found(project, "article_spans") == [
        "data/sources/articles.yml:14: lines [5, 7] overlap article 'second-article' [6, 7] (each line of a source belongs to one article)",
        "data/sources/articles.yml:14: lines [1, 2] overlap article 'first-article' [1, 5] (each line of a source belongs to one article)",
    ]


def _copies(project: Project, articles: int, ranges: int) -> None:
    """`articles` more articles of x.txt, each listing lines 1–5 (first-article's) `ranges` times."""
    lines = ", ".join(["[1, 5]"] * ranges)
    project.append(
        "sources/articles.yml",
        "".join(
            f"  - {{id: copy-{i}, file: x.txt, lines: [{lines}], kind: report, title: {{zh: 副本, en: Copy}},"
            f' published: "2024-03", published_basis: Printed., authors: []}}\n'
            for i in range(articles)
        ),
    )


def _timed_spans(project: Project, deadline: float) -> tuple[list[Problem], float]:
    """article_spans' problems and the seconds they took; fails once `deadline` seconds have passed
    (the check yields as it goes: a quadratic one fails the test instead of stalling it)."""
    dataset = project.dataset()
    start = time.perf_counter()
    problems = []
    for problem in CHECKS["article_spans"].function(dataset):
        problems.append(problem)
        assert time.perf_counter() - start < deadline, f"article_spans took over {deadline} s for {len(problems)} problems"
    return problems, time.perf_counter() - start


def test_ten_thousand_line_ranges_are_checked_in_well_under_two_seconds(tmp_path: Path, project: Project) -> None:
    """Ranges are compared each with those before it in one pass (issue 25: pair by pair, 1,000
    copies of one range took 7.6 s and 10,000 more than five minutes)."""
    small = Project(tmp_path / "small")
    shutil.copytree(project.root, small.root)
    _copies(small, 20, 50)  # 1,000 ranges
    _copies(project, 200, 50)  # 10,000 ranges; at most 50 per article (MAX_RANGES)
    few, seconds_for_few = _timed_spans(small, 2.0)
    many, seconds = _timed_spans(project, 2.0)
    assert len(few) == 1_000 and len(many) == 10_000  # one problem per range, naming first-article
    assert {p.message for p in many} == {"lines [1, 5] overlap article 'first-article' [1, 5]"}
    assert seconds < 2.0 and seconds < 40 * max(seconds_for_few, 0.01)  # linear-ish: not 100×
    start = time.perf_counter()
    run_checks(project.dataset())  # every other check on these ranges too
    assert time.perf_counter() - start < 2.0


def test_an_article_lists_at_most_max_ranges(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [" + ", ".join(["[6, 7]"] * 10_000) + "]")
    start = time.perf_counter()
    _dataset, problems = validate(project.root)
    assert time.perf_counter() - start < 2.0
    assert [p.format() for p in problems] == [
        f"data/sources/articles.yml:14: articles.1.lines: expected at most {m.MAX_RANGES} items, got 10000 (1-based inclusive line ranges)"
    ]


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 8)), max_size=40))
def test_each_range_names_an_earlier_one_it_overlaps(spans: list[tuple[int, int]]) -> None:
    ranges = [(first, first + length) for first, length in spans]
    named = quotes.earlier_overlaps(ranges)
    for i, (first, last) in enumerate(ranges):
        overlapped = [j for j, (a, b) in enumerate(ranges[:i]) if a <= last and first <= b]
        assert (named[i] is None) == (not overlapped)  # every overlap found, as pair by pair did
        if overlapped:
            assert named[i] in overlapped
            assert ranges[named[i]][1] == max(ranges[j][1] for j in overlapped)  # the one reaching furthest
            assert named[i] == min(j for j in overlapped if ranges[j][1] == ranges[named[i]][1])  # the first such


# ---------------------------------------------------------------------------------------------
# quotes_in_source


def test_quote_not_in_the_text_says_where_it_diverges(project: Project) -> None:
    project.replace("regions/r.yml", "quote: 亦庄新城规划面积约225平方公里", "quote: 亦庄新城规划用地约225平方公里")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:39: quote not found in article 'first-article' (x.txt) "
        "(the first 6 characters match at line 5; the quote then has '用地约225平方'; copy the text exactly (whitespace is ignored))"
    ]


def test_quote_with_nothing_in_common(project: Project) -> None:
    project.replace("regions/r.yml", "quote: 亦庄新城规划面积约225平方公里", "quote: 防城港")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:39: quote not found in article 'first-article' (x.txt) "
        "(no part of its beginning is in the article; copy the text exactly (whitespace is ignored))"
    ]


def test_quote_outside_its_article_names_the_right_one(project: Project) -> None:
    project.replace("regions/r.yml", "  - source: second-article\n", "  - source: first-article\n")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:73: quote is outside article 'first-article' (x.txt lines 1–5): it is at line 7, in article 'second-article' "
        "(set `source: second-article`, or quote the article's own text)"
    ]


def test_quote_in_no_article(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[6, 6]]")
    project.replace("regions/r.yml", "  - source: second-article\n", "  - source: first-article\n")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:73: quote is outside article 'first-article' (x.txt lines 1–5): it is at line 7, in no article "
        "(fix the article's `lines` in data/sources/articles.yml, or quote the article's own text)"
    ]


def test_a_quote_running_past_the_end_of_its_article_says_so(project: Project) -> None:
    # it used to say "quote is outside article 'first-article' … it is at line 5, in article 'first-article'"
    project.replace("regions/r.yml", "    quote: 长二丙火箭一箭十一星\n", "    quote: 亦庄新城规划面积约225平方公里。## 第二篇\n")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:45: quote runs past the end of article 'first-article' (x.txt lines 1–5) into article 'second-article' "
        "at line 6 (keep a quote within one article; where a sentence runs on, quote the part in the article)"
    ]


def test_a_quote_starting_before_its_article(project: Project) -> None:
    project.replace("regions/r.yml", "    quote: 上海 战略性新兴产业产值占比43.9%\n", "    quote: 225平方公里。## 第二篇\n")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:73: quote is not within article 'second-article' (x.txt lines 6–7): it starts in article 'first-article' "
        "at line 5 and runs into article 'second-article' at line 6 "
        "(keep a quote within one article; where a sentence runs on, quote the part in the article)"
    ]


def test_a_quote_across_two_ranges_of_its_own_article(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[1, 5]]", "lines: [[1, 4], [5, 5]]")
    project.replace("regions/r.yml", "    quote: 长二丙火箭一箭十一星\n", "    quote: 工业总产值突破3000亿元。2月3日\n")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:45: quote runs across two line ranges of article 'first-article' (x.txt lines 1–4, 5–5) "
        "(quote within one range, or make the two one range in data/sources/articles.yml if the lines are one passage)"
    ]


def test_quotes_ignore_ocr_whitespace(project: Project) -> None:
    # the text has "亦庄 的国家级高 新技术企业突破2100家"; the quote may have spaces anywhere, or none
    project.replace("regions/r.yml", "quote: 亦庄的国家级高新技术企业突破2100家", "quote: 亦 庄的国家 级高新技术企业 突破 21 00 家")
    assert found(project, "quotes_in_source") == []


# ---------------------------------------------------------------------------------------------
# numbers_in_quotes


def test_value_must_be_in_the_quote(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2100\n", "    value: 2200\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:16: value 2200 does not appear in the quote "
        "(quote the sentence that prints this number, or add `written:` when it is written in characters)"
    ]


def test_value_must_be_a_whole_number_in_the_quote_not_part_of_one(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2100\n", "    value: 100\n")
    assert found(project, "numbers_in_quotes")[0].startswith("data/regions/r.yml:16: value 100 does not appear in the quote")
    project.replace("regions/r.yml", "    value: 100\n", "    value: 21\n")
    assert found(project, "numbers_in_quotes")[0].startswith("data/regions/r.yml:16: value 21 does not appear in the quote")


def test_a_decimal_value_matches_its_printed_digits(project: Project) -> None:
    project.write("sources/x.txt", project.read("sources/x.txt").replace("约225平方公里", "约2.50平方公里"))
    project.replace("regions/r.yml", "    value: 225\n", "    value: 2.5\n")
    project.replace("regions/r.yml", "约225平方公里", "约2.50平方公里")
    assert found(project, "numbers_in_quotes") == []  # 2.50 is 2.5: compared as numbers (it was not)
    project.replace("regions/r.yml", "    value: 2.5\n", "    value: 2.05\n")
    assert found(project, "numbers_in_quotes")[0].startswith("data/regions/r.yml:33: value 2.05 does not appear in the quote")


def test_written_form_must_be_in_the_quote(project: Project) -> None:
    quantity = '    written: "十一"\n    source: first-article\n    quote: 长二丙火箭一箭十一星\n'
    project.replace(
        "regions/r.yml",
        "targets:\n",
        "targets:\n  - id: satellites\n    metric: high_tech_enterprises\n    value: 11\n"
        '    unit: firms\n    deadline: "2025"\n    status: achieved\n    title: {zh: 卫星, en: Satellites}\n' + quantity,
    )
    assert found(project, "numbers_in_quotes") == []
    project.replace("regions/r.yml", '    written: "十一"\n', '    written: "11"\n')
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:65: written form '11' is not in the quote (copy the characters exactly as they appear in the quote)"
    ]


def test_qualifier_must_be_in_the_quote(project: Project) -> None:
    project.replace("regions/r.yml", "    qualifier: 约\n", "    qualifier: 近\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:35: qualifier '近' is not in the quote (use the word as printed next to the number, or leave it out)"
    ]


def test_scale_must_be_the_word_after_the_number(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2000\n    scale: 亿\n", "    value: 2000\n    scale: 万\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:25: scale is '万', but the quote prints 2000 with '亿' "
        '(write the scale word printed right after the number (万, 亿, 万亿…), or "" when there is none)'
    ]


def test_a_missing_scale_is_caught(project: Project) -> None:
    # "2000 亿元" recorded as 2000 yuan: off by 10⁸, and it used to pass (scale "" was never checked)
    project.replace("regions/r.yml", "    value: 2000\n    scale: 亿\n", "    value: 2000\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:24: scale is '', but the quote prints 2000 with '亿' "
        '(write the scale word printed right after the number (万, 亿, 万亿…), or "" when there is none)'
    ]


def test_a_scale_that_is_not_printed(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2100\n", "    value: 2100\n    scale: 万\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:17: scale is '万', but the quote prints 2100 with no scale word "
        '(write the scale word printed right after the number (万, 亿, 万亿…), or "" when there is none)'
    ]


PERCENT_UNIT = '  - id: percent\n    label: {zh: "%", en: "%"}\n'
SHARE_METRIC = (
    "  - id: sei_share\n    label: {zh: 战新产业占比, en: SEI share}\n    unit: percent\n    group: economy\n"
    "    definition: {zh: 占比。, en: Share.}\n    measures: {concept: sei, kind: share}\n"
)


def add_share_fact(project: Project, value: str) -> None:
    """A percentage fact quoting "占比43.9%" (second-article), with the unit and metric it needs."""
    project.replace("metrics.yml", "groups:\n", PERCENT_UNIT + "groups:\n")
    project.append("metrics.yml", SHARE_METRIC)
    project.replace(
        "regions/r.yml",
        "clusters:\n  - cluster:",
        f"  - id: sei-share\n    metric: sei_share\n    value: {value}\n    unit: percent\n"
        '    period: "2023"\n    source: second-article\n    quote: 上海 战略性新兴产业产值占比43.9%\n\n'
        "clusters:\n  - cluster:",
    )


def test_a_percentage_written_as_a_fraction_is_named(project: Project) -> None:
    add_share_fact(project, "0.439")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:43: value 0.439 does not appear in the quote "
        "(the quote prints 43.9%: write percentages as printed, value: 43.9)"
    ]
    project.replace("regions/r.yml", "value: 0.439", "value: 43.9")
    assert found(project, "numbers_in_quotes") == []


@pytest.mark.parametrize(
    ("quote", "value", "percent"),
    [("占比43.9%", 0.439, "43.9"), ("占比43.9％", 0.439, "43.9"), ("增长5%", 0.05, "5"), ("增长15%", 0.05, None), ("0.439", 0.439, None)],
)
def test_a_fraction_of_a_printed_percentage(quote: str, value: float, percent: str | None) -> None:
    assert quotes._as_percent(quote, value) == percent


def test_the_crash_of_a_check_is_reported_at_the_record_it_was_on(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(dataset: Dataset, region: m.Region, quantity: m.Quantity) -> list[Problem]:
        if quantity.value == 225:
            raise ZeroDivisionError("division by zero")
        return []

    monkeypatch.setitem(CHECKS, "broken", Check("broken", broken, scope="record", kinds=("facts", "targets")))
    problems = [p.format() for p in run_checks(project.dataset())]
    assert problems == [
        "data/regions/r.yml:31: internal error in check 'broken' on this record: ZeroDivisionError: division by zero "
        "(please report this; the data may still be fine)"
    ]


def test_a_crash_away_from_any_record_is_still_a_problem(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(dataset: Dataset) -> list[Problem]:
        raise KeyError("x")

    monkeypatch.setattr(registry, "CHECKS", {"broken": Check("broken", broken)})
    assert [p.format() for p in run_checks(project.dataset())] == [
        "data:1: internal error in check 'broken' on this record: KeyError: 'x' (please report this; the data may still be fine)"
    ]


# ---------------------------------------------------------------------------------------------
# placeholders: a draft (checks pass, the build refuses it)


def test_placeholders_are_drafts(project: Project) -> None:
    project.replace("regions/r.yml", "short_name: {zh: 亦庄, en: Beijing E-Town}", 'short_name: {zh: "TODO 简称", en: Beijing E-Town}')
    project.replace("regions/r.yml", "coordinates: [39.79, 116.51]", "coordinates: [0.0, 0.0]")
    assert found(project, "placeholders") == [
        "data/regions/r.yml:3: placeholder 'TODO 简称' is still here (replace it with the real value)",
        "data/regions/r.yml:7: coordinates are still the placeholder [0.0, 0.0] (approximate [latitude, longitude], e.g. [31.32, 120.72])",
    ]
    assert {p.severity for p in run_checks(project.dataset(), ["placeholders"])} == {"draft"}


def test_drafted_records_are_drafts(project: Project) -> None:
    """`python -m generator draft` marks what it writes; `mkdocs build` refuses it until reviewed."""
    quote = "    quote: 亦庄新城规划面积约225平方公里\n"
    project.replace("regions/r.yml", quote, quote + "    draft: true\n")
    hint = "(check it against the source (value, unit, period, metric), then delete the line `draft: true`)"
    said = f"data/regions/r.yml:40: drafted by `python -m generator draft` and not yet reviewed {hint}"
    assert found(project, "drafted_records") == [said]
    assert {p.severity for p in run_checks(project.dataset(), ["drafted_records"])} == {"draft"}


# ---------------------------------------------------------------------------------------------
# negative_values


def test_a_count_cannot_be_negative(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2100\n", "    value: -2100\n")
    assert found(project, "negative_values") == [
        "data/regions/r.yml:16: value -2100 is negative, but unit 'firms' cannot be "
        "(write the number as printed; if 'firms' can be negative, add `signed: true` to it in data/metrics.yml)"
    ]


def test_a_signed_unit_may_be_negative(project: Project) -> None:
    add_share_fact(project, "-43.9")
    assert [p for p in found(project, "negative_values") if "percent" in p] != []
    percent = '  - id: percent\n    label: {zh: "%", en: "%"}\n'
    project.replace("metrics.yml", percent, percent + "    signed: true\n")
    assert found(project, "negative_values") == []


def test_a_metric_may_override_its_unit(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 2100\n", "    value: -2100\n")
    project.replace("metrics.yml", "    unit: firms\n    group: economy\n", "    unit: firms\n    signed: true\n    group: economy\n")
    assert found(project, "negative_values") == []
    add_share_fact(project, "-43.9")
    project.replace("metrics.yml", '    label: {zh: "%", en: "%"}\n', '    label: {zh: "%", en: "%"}\n    signed: true\n')
    project.replace("metrics.yml", "    unit: percent\n", "    unit: percent\n    signed: false\n")
    (problem,) = found(project, "negative_values")
    assert problem.startswith("data/regions/r.yml:43: value -43.9 is negative, but unit 'percent' cannot be")


# ---------------------------------------------------------------------------------------------
# quotes_with_context


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("quote: 亦庄的国家级高新技术企业突破2100家", "quote: 突破2100家", 21),  # qualifier, number and unit only
        ("quote: 工业总产值 达 2000 亿元", "quote: 达 2000 亿元", 30),
        ("quote: 2月3日,长二丙火箭一箭十一星", "quote: 2月3日", 55),  # an event: a bare date
    ],
)
def test_a_quote_must_be_more_than_the_number(project: Project, old: str, new: str, line: int) -> None:
    project.replace("regions/r.yml", old, new)
    quote = new.removeprefix("quote: ")
    assert found(project, "quotes_with_context") == [
        f"data/regions/r.yml:{line}: quote '{quote}' is little more than the number: the reader needs its context "
        "(quote the words around it too: 3 or more letters or characters besides number, scale, unit and qualifier)"
    ]


def test_a_written_number_is_not_context(project: Project) -> None:
    quantity = '    written: "一箭十一星"\n    source: first-article\n    quote: 一箭十一星\n'
    project.replace(
        "regions/r.yml",
        "targets:\n",
        "targets:\n  - id: satellites\n    metric: high_tech_enterprises\n    value: 11\n"
        '    unit: firms\n    deadline: "2025"\n    status: achieved\n    title: {zh: 卫星, en: Satellites}\n' + quantity,
    )
    assert [p.split(": ")[1] for p in found(project, "quotes_with_context")] == ["quote '一箭十一星' is little more than the number"]


def test_an_exclusion_may_quote_the_bare_number(project: Project) -> None:
    project.replace("regions/r.yml", "quote: 上海 战略性新兴产业产值占比43.9%", "quote: 43.9%")
    assert found(project, "quotes_with_context") == []


# ---------------------------------------------------------------------------------------------
# reserved_ids


def test_an_id_named_index_would_overwrite_a_listing_page(project: Project) -> None:
    project.path("regions/r.yml").rename(project.path("regions/index.yml"))
    project.replace("clusters.yml", "- id: commercial_space", "- id: index")
    project.write("regions/index.yml", project.read("regions/index.yml").replace("cluster: commercial_space", "cluster: index"))
    assert found(project, "reserved_ids") == [
        "data/clusters.yml:2: cluster id 'index' is reserved: its page would overwrite the page listing them all, clusters/index.md "
        "(choose another id, e.g. index-cluster)",
        "data/regions/index.yml:1: region id 'index' is reserved: its page would overwrite the page listing them all, regions/index.md "
        "(rename the file, e.g. data/regions/index-zone.yml)",
    ]


@pytest.mark.parametrize(
    ("rel", "old", "folder"), [("sources/articles.yml", "- id: second-article", "sources"), ("metrics.yml", "- id: economy", "compare")]
)
def test_articles_and_groups_named_index(project: Project, rel: str, old: str, folder: str) -> None:
    project.replace(rel, old, "- id: index")
    (problem,) = found(project, "reserved_ids")
    assert f"its page would overwrite the page listing them all, {folder}/index.md" in problem


def test_the_reserved_ids_are_those_of_the_generated_pages() -> None:
    # the ids whose pages have the path of a page the site makes anyway (paths.py)
    from generator import paths as c

    fixed = {c.HOME, c.REGIONS, c.CLUSTERS, c.TIMELINE, c.COMPARE, c.SOURCES, c.DOWNLOADS, c.METHODOLOGY}
    makers = [c.region_path, c.cluster_path, c.group_path, c.source_path]
    candidates = {Path(page).stem for page in fixed} | {"index", "downloads", "assets", "timeline"}
    colliding = {given for given in candidates for make in makers if make(given) in fixed}
    assert colliding == {given for given, why in ids.RESERVED_IDS.items() if "overwrite" in why}


@pytest.mark.parametrize("given", ["con", "nul", "com1", "lpt9"])
def test_windows_device_names_are_reserved(project: Project, given: str) -> None:
    project.replace("sources/articles.yml", "- id: second-article", f"- id: {given}")
    assert found(project, "reserved_ids") == [
        f"data/sources/articles.yml:12: article id '{given}' is reserved: it is a device name on Windows, where neither "
        f"sources/{given}.md nor its folder can be written (choose another id, e.g. {given}-article)"
    ]


def test_a_region_file_name_has_the_bound_of_ids(project: Project) -> None:
    project.path("regions/r.yml").rename(project.path("regions/" + "r" * 81 + ".yml"))
    assert [p.split(": ", 1)[1] for p in found(project, "region_file_names")] == [
        "region id of 81 characters is too long; the limit is 80 (rename the file)"
    ]


def test_uncovered_numbers_show_the_archived_text_with_invisible_characters_escaped() -> None:
    # source texts are archived as received, bidirectional controls included: never shown raw
    line = Uncovered("x.txt", 3, "2100", "企业\u202e突破2100家").format()
    assert line == "data/sources/x.txt:3: '2100' in “企业\\u202e突破2100家” is not covered by any quote"


# ---------------------------------------------------------------------------------------------
# helpers


def test_every_check_is_tested() -> None:
    tested = set(re.findall(r'found\(project, "(\w+)"\)', Path(__file__).read_text(encoding="utf-8")))
    assert set(CHECKS) - tested == set(), "add a test to this module for each of these checks"


@pytest.mark.parametrize(
    ("quote", "value", "scales"),
    [
        ("突破2100家", 2100, {""}),
        ("工业总产值达2000亿元", 2000, {"亿"}),
        ("2000万公里,2000P", 2000, {"万", ""}),
        ("3.1万亿元", 3.1, {"万亿"}),
        ("100多亿元", 100, {"亿"}),
        ("10余万人", 10, {"万"}),
        ("提高3百分点", 3, {""}),
        ("人才十条2.0", 2, {""}),
        ("2023.", 2023, {""}),
        ("下降5%", -5, {""}),
        ("43.9%", 43, None),
        ("12100家", 2100, None),
    ],
)
def test_printed_scales(quote: str, value: float, scales: set[str] | None) -> None:
    assert printed_scales(quote, value) == scales


@pytest.mark.parametrize(
    ("value", "form"), [(2100.0, "2100"), (43.9, "43.9"), (1.5, "1.5"), (1e-11, "0.00000000001"), (1.23456789012, "1.23456789012")]
)
def test_number_forms_examples(value: float, form: str) -> None:
    # the last two used to come out as "0." and "1.2345678901"
    assert number_forms(value) == [form]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_forms_round_trip(value: float) -> None:
    form = number_forms(value)[0]
    assert float(form) == value
    assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", form)  # plain digits: what a quote prints


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=6))
def test_a_printed_decimal_is_found_by_its_value(whole: int, places: int) -> None:
    printed = f"{whole / 10**places:.{places}f}"
    value = float(printed)
    assert math.isfinite(value)
    assert printed_scales(f"达到{printed}亿元", value) == {"亿"}


# ---------------------------------------------------------------------------------------------
# one figure, several reports; ranges; scopes of events; per-cluster metrics

REPORT = "    reports:\n      - source: {source}\n        quote: {quote}\n"


def _report(project: Project, after: str, source: str, quote: str) -> None:
    project.replace("regions/r.yml", after, after + REPORT.format(source=source, quote=quote))


def test_a_report_is_checked_like_the_record_s_own_quote(project: Project) -> None:
    # a second printing of the 2100 firms: its quote must be in its article and print the number
    _report(project, "    quote: 亦庄的国家级高新技术企业突破2100家\n", "second-article", "亦庄有高新技术企业2100家")
    assert found(project, "quotes_in_source") == [
        "data/regions/r.yml:24: quote not found in article 'second-article' (x.txt) "
        "(no part of its beginning is in the article; copy the text exactly (whitespace is ignored))"
    ]


def test_a_report_must_print_the_number(project: Project) -> None:
    _report(project, "    quote: 亦庄的国家级高新技术企业突破2100家\n", "first-article", "工业总产值 达 2000 亿元")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:24: value 2100 does not appear in the quote of this report "
        "(quote the sentence that prints this number, or add `written:` when it is written in characters)"
    ]
    assert found(project, "quotes_in_source") == []


def test_a_report_may_print_the_number_without_the_qualifier(project: Project) -> None:
    # "突破2100家" and "2100家": one figure; the qualifier is the record's, from its own quote
    project.replace("sources/x.txt", "上海 战略性", "亦庄高新技术企业2100家。上海 战略性")
    _report(project, "    quote: 亦庄的国家级高新技术企业突破2100家\n", "second-article", "亦庄高新技术企业2100家")
    assert found(project, "numbers_in_quotes") == [] and found(project, "quotes_in_source") == []
    fact = project.dataset().regions["r"].facts[0]
    assert [p.source for p in fact.printings()] == ["first-article", "second-article"]


def test_a_report_that_repeats_a_printing(project: Project) -> None:
    _report(project, "    quote: 亦庄的国家级高新技术企业突破2100家\n", "first-article", "亦庄的国家级高新技术企业突破2100家")
    assert found(project, "source_references") == ["data/regions/r.yml:24: this report repeats a printing already given (remove it)"]


def test_a_range_prints_both_bounds(project: Project) -> None:
    project.replace("regions/r.yml", "    value: 225\n", "    value: 225\n    value_max: 300\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:34: value_max 300 does not appear in the quote (quote the sentence that prints the whole range)"
    ]
    project.replace("regions/r.yml", "    value_max: 300\n", "    value_max: 200\n")
    assert found(project, "numbers_in_quotes") == [
        "data/regions/r.yml:34: range 225 to 200: the upper bound must be above the lower (value is the lower bound, value_max the upper)"
    ]


def test_an_event_s_scope_is_one_of_the_region(project: Project) -> None:
    project.replace("regions/r.yml", "    type: launch\n", "    type: launch\n    scope: old-town\n")
    assert found(project, "scope_references") == [
        "data/regions/r.yml:52: unknown scope 'old-town' (did you mean 'new-town'? valid choices: new-town (or add it to profile.scopes))"
    ]


def test_a_per_cluster_metric_needs_the_cluster(project: Project) -> None:
    project.replace("metrics.yml", "    display_scale: 亿\n", "    display_scale: 亿\n    per_cluster: true\n")
    assert found(project, "per_cluster_facts") == [
        "data/regions/r.yml:23: metric 'industrial_output' measures one industry at a time, but this figure names no cluster "
        "(add `cluster:` with the industry (data/clusters.yml))",
        "data/regions/r.yml:59: metric 'industrial_output' measures one industry at a time, but this figure names no cluster "
        "(add `cluster:` with the industry (data/clusters.yml))",
    ]


@pytest.mark.parametrize("written", ["over 3000亿 yuan", "over 3000 亿 yuan", "of the 千亿 class", "三千亿 yuan"])
def test_an_english_headline_with_chinese_numbers(project: Project, written: str) -> None:
    project.replace("regions/r.yml", "en: Gross industrial output over 300 billion yuan", f"en: Gross industrial output {written}")
    (problem,) = found(project, "english_numbers")
    assert problem.startswith("data/regions/r.yml:67: the English title writes '"), problem
    assert "2000亿 → 200 billion" in problem


def test_an_english_note_may_quote_the_printed_form(project: Project) -> None:
    note = "\n    note: {zh: 原文写作3000亿元。, en: Printed as 3000亿 (300 billion).}"
    before = "    status: planned\n    baseline: output-2023"
    project.replace("regions/r.yml", before, before.replace("planned", "planned" + note))
    assert project.load()[1] == []
    assert found(project, "english_numbers") == []


# ---------------------------------------------------------------------------------------------
# measures: a quote's markers against its metric's dimensions (checks/measures.py, markers.py)

ABOVE_SCALE_METRIC = (
    "  - id: industrial_output_above_scale\n    label: {zh: 规模以上工业总产值, en: Gross industrial output above designated size}\n"
    "    unit: yuan\n    display_scale: 亿\n    group: economy\n    definition: {zh: 规上。, en: Above scale.}\n"
    "    measures: {concept: gross_output, kind: level, basis: above_scale}\n"
)


def quote_says_above_scale(project: Project) -> None:
    """The fixture's output figure quoted as 规模以上工业总产值, with a metric of that basis to fit it."""
    project.append("metrics.yml", ABOVE_SCALE_METRIC)
    project.replace("sources/x.txt", "工业总产值 达 2000 亿元", "规模以上工业总产值 达 2000 亿元")
    project.replace("regions/r.yml", "quote: 工业总产值 达 2000 亿元", "quote: 规模以上工业总产值 达 2000 亿元")


def test_a_quote_that_says_above_scale_contradicts_a_metric_that_does_not(project: Project) -> None:
    """The newcomer's case: 规模以上工业总产值 filed under `industrial_output`, whose basis is not
    stated, drew the figure beside figures of all enterprises. An error naming the metric that fits."""
    quote_says_above_scale(project)
    assert found(project, "quote_contradicts_metric") == [
        "data/regions/r.yml:23: the quote says 规模以上 (above designated size only); `industrial_output` does not say which "
        "enterprises it counts (use `industrial_output_above_scale`, or add the measure the quote names with "
        "`python -m generator new-metric`)"
    ]
    project.replace(
        "regions/r.yml",
        "  - id: output-2023\n    metric: industrial_output\n",
        "  - id: output-2023\n    metric: industrial_output_above_scale\n",
    )
    assert found(project, "quote_contradicts_metric") == []
    assert found(project, "metric_more_specific_than_quote") == []


def test_a_metric_more_specific_than_its_quote_is_a_warning(project: Project) -> None:
    project.append("metrics.yml", ABOVE_SCALE_METRIC)
    project.replace(
        "regions/r.yml",
        "  - id: output-2023\n    metric: industrial_output\n",
        "  - id: output-2023\n    metric: industrial_output_above_scale\n",
    )
    assert found(project, "metric_more_specific_than_quote") == [
        "data/regions/r.yml:23: `industrial_output_above_scale` counts enterprises above designated size only; the quote does not "
        "say 规模以上 (quote the sentence that says so, or choose a metric the quote supports: industrial_output)"
    ]
    assert {p.severity for p in project.check("metric_more_specific_than_quote")} == {"warning"}


def test_a_sibling_concept_in_the_quote_contradicts_the_metric(project: Project) -> None:
    """增加值 (value added) filed under a gross-output metric: a look-alike of the same family."""
    project.replace("sources/x.txt", "工业总产值 达 2000 亿元", "工业增加值 达 2000 亿元")
    project.replace("regions/r.yml", "quote: 工业总产值 达 2000 亿元", "quote: 工业增加值 达 2000 亿元")
    (problem,) = found(project, "quote_contradicts_metric")
    assert problem.startswith("data/regions/r.yml:23: the quote says 增加值 (value added); `industrial_output` counts gross output")
    assert "no metric of unit 'yuan' fits the quote: add one with `python -m generator new-metric`" in problem


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("工业总产值同比增长 2000 亿元", None),  # an increase in yuan is not a growth rate, and 增长 is not alone
        ("工业总产值新增 2000 亿元", "新增 (an increase over a span)"),
        ("工业总产值排名第 2000 亿元", "第2000 (a rank)"),  # the number itself is an ordinal
        ("人均工业总产值 2000 亿元", "人均 (a per-population figure)"),
        ("工业总产值最高 2000 亿元", "最高 (a cap)"),
    ],
)
def test_kind_markers_in_the_clause(project: Project, text: str, said: str | None) -> None:
    project.replace("sources/x.txt", "工业总产值 达 2000 亿元", text)
    project.replace("regions/r.yml", "quote: 工业总产值 达 2000 亿元", f"quote: {text}")
    project.replace("regions/r.yml", "    qualifier: 达\n", "")
    problems = found(project, "quote_contradicts_metric")
    if said is None:
        assert all("is a total over a period" not in p or "增长" in p for p in problems)
    else:
        assert len(problems) == 1 and f"the quote says {said}; `industrial_output` is a total over a period" in problems[0]


def test_only_the_clause_of_the_number_contradicts(project: Project) -> None:
    """规模以上 in another clause of the quote is about another figure."""
    project.replace("sources/x.txt", "工业总产值 达 2000 亿元", "规模以上企业有所增加，工业总产值 达 2000 亿元")
    project.replace("regions/r.yml", "quote: 工业总产值 达 2000 亿元", "quote: 规模以上企业有所增加，工业总产值 达 2000 亿元")
    assert found(project, "quote_contradicts_metric") == []


def test_a_metric_names_known_concepts(project: Project) -> None:
    project.replace("metrics.yml", "measures: {concept: area, kind: stock}", "measures: {concept: aera, kind: stock, of: nowhere}")
    problems = found(project, "measure_references")
    assert problems[0].startswith("data/metrics.yml:46: unknown concept 'aera' (did you mean 'area'?")
    assert problems[1].startswith("data/metrics.yml:46: unknown concept 'nowhere'")


def test_comparable_metrics_are_one_measure(project: Project) -> None:
    project.append("metrics.yml", "    comparable_with: [industrial_output]\n")
    assert found(project, "comparable_is_one_measure") == [
        "data/metrics.yml:47: 'planned_area' is declared comparable with 'industrial_output', but they differ in concept, kind, "
        "basis, unit (comparable metrics are one measure: align them or remove the entry)"
    ]


def test_a_look_alike_the_dimensions_derive_is_not_declared_by_hand(project: Project) -> None:
    project.append(
        "metrics.yml",
        ABOVE_SCALE_METRIC + "    not_comparable_with:\n      - metric: industrial_output\n"
        "        reason: {zh: 口径不同。, en: Another basis.}\n",
    )
    (problem,) = found(project, "look_alike_declared_by_hand")
    assert "'industrial_output_above_scale' and 'industrial_output' are look-alikes by their dimensions (they differ in basis)" in problem
    assert "remove this entry: the site writes the reason" in problem


def test_two_metrics_of_one_measure_are_named(project: Project) -> None:
    project.append(
        "metrics.yml", ABOVE_SCALE_METRIC.replace("basis: above_scale", "basis: not_stated").replace("_above_scale\n", "_again\n")
    )
    (problem,) = found(project, "one_measure_two_metrics")
    assert "'industrial_output_again' measures what 'industrial_output' measures (same unit and dimensions)" in problem


@pytest.mark.parametrize(
    ("about", "says"),
    [
        ("subject", "is the figure of one firm, project or programme, and this record does not say whose"),
        ("industry", "is one industry's figure, and this record does not say which industry"),
    ],
)
def test_a_figure_says_whose_it_is_when_its_metric_is_not_the_regions(project: Project, about: str, says: str) -> None:
    project.replace(
        "metrics.yml",
        "measures: {concept: high_tech_enterprises, kind: stock}",
        f"measures: {{concept: high_tech_enterprises, kind: stock, about: {about}}}",
    )
    (problem,) = found(project, "figure_is_about_what_its_metric_is")
    assert problem.startswith(f"data/regions/r.yml:15: `high_tech_enterprises` {says}")


def test_a_region_figure_that_names_an_industry_is_a_warning(project: Project) -> None:
    project.replace(
        "regions/r.yml", "    metric: high_tech_enterprises\n", "    metric: high_tech_enterprises\n    cluster: commercial_space\n"
    )
    assert found(project, "region_figure_names_an_industry") == [
        "data/regions/r.yml:16: this record names an industry (cluster: commercial_space), but `high_tech_enterprises` is the whole "
        "region's figure (choose the metric of that industry (`python -m generator metrics WORD`), or remove `cluster:`)"
    ]
    assert {p.severity for p in project.check("region_figure_names_an_industry")} == {"warning"}


@pytest.mark.parametrize(
    "note",
    [
        "the 500万 cap",
        "10亿 yuan every year",
        "Printed as “of the 千亿 class”",
        "R&D spending (3.2亿) exceeds revenue",
        "5,200亿 of output",
    ],
)
def test_an_english_note_with_a_chinese_number_in_its_sentence(project: Project, note: str) -> None:
    """issue 21: "the 500万 cap" in an English note reads as broken; a quote mixing English and
    Chinese numbers is no printed form."""
    before = "    status: planned\n    baseline: output-2023"
    project.replace("regions/r.yml", before, before.replace("planned", "planned\n    note: {zh: 原文。, en: " + f"'{note}'" + "}"))
    (problem,) = found(project, "english_numbers")
    assert "the English note writes '" in problem and "“千亿级” (of the 100-billion-yuan class)" in problem, problem


@pytest.mark.parametrize("note", ["Printed as “千亿元级” (of the 100-billion-yuan class).", "The printed “179万” is square metres."])
def test_an_english_note_may_quote_the_printed_form_in_quotation_marks(project: Project, note: str) -> None:
    before = "    status: planned\n    baseline: output-2023"
    project.replace("regions/r.yml", before, before.replace("planned", "planned\n    note: {zh: 原文。, en: " + f"'{note}'" + "}"))
    assert found(project, "english_numbers") == []


def test_a_scope_note_in_english_with_a_chinese_number(project: Project) -> None:
    project.replace(
        "regions/r.yml",
        "      name: {zh: 亦庄新城, en: Yizhuang New Town}\n",
        "      name: {zh: 亦庄新城, en: Yizhuang New Town}\n      note: {zh: 工业总产值5200亿元。, en: 5200亿 of output.}\n",
    )
    (problem,) = found(project, "english_numbers_in_profile")
    assert problem.startswith("data/regions/r.yml:12: the English note writes '5200亿'"), problem


# ---------------------------------------------------------------------------------------------
# quotes_translated, authors_in_pinyin (checks/translations.py)

FIRST_QUOTE = "    quote: 亦庄的国家级高新技术企业突破2100家\n"


def test_a_quote_without_its_translation_is_a_warning_once_the_data_translates(project: Project) -> None:
    assert found(project, "quotes_translated") == []  # no translation anywhere: not asked for (the fixtures)
    project.replace("regions/r.yml", FIRST_QUOTE, FIRST_QUOTE + "    quote_en: national high-tech enterprises in Yizhuang passed 2,100\n")
    problems = found(project, "quotes_translated")
    # every other fact, the target, the event and the cluster, at its quote's line; not the exclusion
    assert [p.split(": quote")[0] for p in problems] == [f"data/regions/r.yml:{line}" for line in (31, 40, 70, 56, 46)]
    assert problems[0].startswith("data/regions/r.yml:31: quote '工业总产值 达 2000 亿元' has no English translation")
    assert "add `quote_en:` under `quote:`" in problems[0]
    assert {p.severity for p in project.check("quotes_translated")} == {"warning"}


def test_a_further_report_needs_its_own_translation(project: Project) -> None:
    project.replace(
        "regions/r.yml",
        FIRST_QUOTE,
        FIRST_QUOTE + "    quote_en: national high-tech enterprises in Yizhuang passed 2,100\n"
        "    reports:\n      - source: first-article\n        quote: 工业总产值 达 2000 亿元\n",
    )
    assert found(project, "quotes_translated")[0].startswith(
        "data/regions/r.yml:25: quote '工业总产值 达 2000 亿元' has no English translation"
    )


def test_authors_are_named_in_pinyin_once_an_article_is(project: Project) -> None:
    assert found(project, "authors_in_pinyin") == []
    project.replace("sources/articles.yml", "    authors: [张三]\n", "    authors: [张三]\n    authors_en: [Zhang San, Li Si]\n")
    assert found(project, "authors_in_pinyin") == [
        "data/sources/articles.yml:11: 1 author(s) but 2 name(s) in `authors_en`: the English edition names each author in pinyin "
        "(add `authors_en:` under `authors:`, one name per author in the same order, surname first (涂铭 → Tu Ming))"
    ]
    project.replace("sources/articles.yml", "[Zhang San, Li Si]", "[张三]")
    (problem,) = found(project, "authors_in_pinyin")
    assert problem.startswith("data/sources/articles.yml:12: '张三' is written in characters")
    assert {p.severity for p in project.check("authors_in_pinyin")} == {"warning"}
