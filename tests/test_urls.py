"""generator/urls.py: which addresses the configuration may give (site_url, issues_url).

The URL check is the one place that keeps an operator's value from being printed into every page's
canonical and hreflang links, the 404 page's script and link: a value with quotes or angle brackets
must be refused there, with a message saying what a URL may hold, not built into the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, mkdocs_build, site_project

from generator.urls import url_problem

BREAKOUT = 'https://example.com/x"><script>alert(1)</script>/'


@pytest.mark.parametrize(
    "url",
    [
        "",  # no link at all
        "https://example.org/report/",
        "https://example.org/a%20b/%E4%B8%AD/",  # what is not in the set, percent-encoded
        "https://user@example.org:8443/x/?q=1&r=2#frag",
        "https://github.com/o/r/issues/new?template=fix.yml&labels=a,b",
        "https://example.org/~me/(x)/it's/!$*+;=/",
        "https://xn--fsqu00a.xn--fiqs8s/",  # a non-ASCII host in its ASCII form
        "http://[::1]:8000/",
        "http://127.0.0.1:8000/",
    ],
)
def test_a_plain_address_is_allowed(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (BREAKOUT, '"'),
        ("https://example.com/x'\"/", '"'),
        ("https://example.com/<img>/", "<"),
        ("https://example.com/a>b/", ">"),
        ("https://example.com/`x`/", "`"),
        ("https://example.com/a\\b/", "\\"),
        ("https://example.com/{{x}}/", "{"),
        ("https://example.com/a|b/", "|"),
        ("https://example.com/a^b/", "^"),
        ("https://例子.中国/", "例"),
        ("https://example.com/%zz/", "%"),
        ("https://example.com/50%/", "%"),
    ],
)
def test_a_character_a_url_cannot_hold_as_it_is_is_refused(url: str, shown: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert repr(shown) in problem or f"'{shown}" in problem, problem
    assert "percent-encoded" in problem and "A–Z" in problem, "the message says what is allowed"


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_a_site_url_with_markup_stops_the_build(tmp_path: Path, edition: str) -> None:
    """`mkdocs build --strict` refuses it with the option's name and the reason, no traceback,
    and writes no page with it."""
    root = site_project(tmp_path / "project", MINIMAL / "data")
    result = mkdocs_build(root, tmp_path / "out", editions=(edition,), SITE_URL=BREAKOUT)
    assert result.returncode != 0
    assert "site_url" in result.stderr and "percent-encoded" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "out" / "index.html").exists()
    assert not (tmp_path / "out" / "404.html").exists()
