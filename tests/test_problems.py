from __future__ import annotations

from generator.problems import Problem, format_report


def test_format_with_and_without_hint() -> None:
    assert (
        Problem("data/a.yml", 3, "unknown metric 'x'", "valid choices: y").format() == "data/a.yml:3: unknown metric 'x' (valid choices: y)"
    )
    assert Problem("data/a.yml", 3, "tab character").format() == "data/a.yml:3: tab character"


def test_report_sorts_by_file_then_line_and_counts() -> None:
    problems = [
        Problem("data/regions/b.yml", 10, "late"),
        Problem("data/regions/b.yml", 2, "early"),
        Problem("data/metrics.yml", 7, "metric"),
    ]
    assert format_report(problems).splitlines() == [
        "data/metrics.yml:7: metric",
        "data/regions/b.yml:2: early",
        "data/regions/b.yml:10: late",  # numerically, not as text: 10 after 2
        "✖ 3 problems in 2 files",
    ]


def test_report_drops_exact_duplicates_and_uses_singulars() -> None:
    same = Problem("data/clusters.yml", 1, "duplicate cluster id 'x'")
    assert format_report([same, same]).splitlines() == ["data/clusters.yml:1: duplicate cluster id 'x'", "✖ 1 problem in 1 file"]


def test_report_prints_a_line_once_even_from_two_kinds_of_check() -> None:
    a = Problem("f", 1, "m", kind="quote")
    b = Problem("f", 1, "m", kind="reference")
    assert format_report([a, b]).splitlines() == ["f:1: m", "✖ 1 problem in 1 file"]
