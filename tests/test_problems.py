from __future__ import annotations

from generator.problems import Problem, errors, excerpt, format_report, visible, warnings


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


def test_warnings_come_after_errors_and_are_counted_apart() -> None:
    problems = [
        Problem("data/regions/r.yml~", 1, "leftover", severity="warning"),
        Problem("data/regions/r.yml", 3, "broken"),
    ]
    assert format_report(problems).splitlines() == [
        "data/regions/r.yml:3: broken",
        "✖ 1 problem in 1 file",
        "⚠ data/regions/r.yml~:1: leftover",
        "⚠ 1 warning in 1 file",
    ]


def test_warnings_alone_are_no_errors() -> None:
    warning = Problem("data/x", 1, "stray", severity="warning")
    error = Problem("data/y", 1, "wrong")
    assert errors([warning]) == [] and errors([warning, error]) == [error]
    assert warnings([warning, error]) == [warning]
    assert format_report([warning]).splitlines() == ["⚠ data/x:1: stray", "⚠ 1 warning in 1 file"]
    assert Problem("f", 1, "m").severity == "error"


def test_an_excerpt_is_short() -> None:
    assert excerpt("亦庄" * 1000) == "亦庄" * 29 + "亦…" and len(excerpt("x" * 61)) == 60
    assert excerpt("x" * 60) == "x" * 60


def test_invisible_and_direction_characters_are_shown_escaped() -> None:
    # a right-to-left override in a message would reorder the line on a terminal
    assert Problem("data/x", 1, "quote '亦\u202e庄'", "zero\u200bwidth").format() == "data/x:1: quote '亦\\u202e庄' (zero\\u200bwidth)"
    assert visible("a\nb\u2066c\u00add") == "a\\nb\\u2066c\\xadd"
