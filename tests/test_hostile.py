"""Hostile input never runs in a reader's browser, and is shown as typed.

`hostile.py` writes a valid project whose every reader-visible field — names, short names, aliases,
summaries, scopes, subjects, notes, units, metric labels and definitions, groups, clusters, areas,
provinces, cities, reasons, event and target titles, article titles, outlets, authors, quotes, in
zh and en — carries script tags, event handlers, `javascript:` links, quote breakouts, `\\u003c`
escapes, pre-escaped entities, a `</title>` breakout, attr_list blocks and template syntax. One real
`mkdocs build --strict` of it; then a static scan of every HTML file and the search index for live
markup (`scan_html.py`), and a browser that loads every page and searches, with a trap for any
payload that runs. Text a contributor writes is never refused for holding `<`, `&` or quotes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browsing import Browser, browser_test, free_port, open_tab, serving
from conftest import mkdocs_build
from hostile import MARK, payload, write_project
from hypothesis import given
from hypothesis import strategies as st
from scan_html import live_payloads

from generator import paths as c
from generator import site as s
from generator.pages import downloads
from generator.pipeline import validate
from generator.searchindex import read_index

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("hostile") / "project")


@pytest.fixture(scope="module")
def port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def built(project: Path, port: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-site")
    result = mkdocs_build(project, out, SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def pages(built: Path) -> list[Path]:
    return sorted(built.rglob("*.html"))


def test_text_with_markup_is_valid_data(project: Path) -> None:
    """ "<5%" and "A&B" are legitimate: nothing is refused for holding <, & or quotes."""
    dataset, problems = validate(project)
    assert problems == [], [p.format() for p in problems]
    assert len(dataset.regions) == 2


def test_no_page_and_no_search_entry_holds_live_markup(built: Path) -> None:
    found = {p.relative_to(built).as_posix(): live_payloads(p.read_text(encoding="utf-8"), MARK) for p in pages(built)}
    assert len(found) > 15
    assert {page: hits for page, hits in found.items() if hits} == {}
    assert any(page.startswith("en/") for page in found) and any(not page.startswith("en/") for page in found)
    for edition in ("", "en/"):
        index = read_index(built / edition / "search")
        # material's search shows each entry's title and text as HTML in the results list
        leaks = [
            (doc["location"], hit)
            for doc in index["docs"]
            for text in (doc["title"], doc["text"], *doc.get("tags", []))
            for hit in live_payloads(text, MARK)
        ]
        assert leaks == []
        assert any(MARK in doc["title"] for doc in index["docs"]), f"no payload reached the {edition or 'zh'} index: the test tests nothing"


def _text(markup: str) -> str:
    """What a reader sees of a piece of HTML: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_text_is_shown_as_typed(built: Path) -> None:
    """The region's short name reads exactly as written in its heading, its <title>, the
    navigation of another page and the search index — not half-eaten by a parser."""
    typed = " ".join(payload("alpha-short-zh").split()) + "中文"
    page = (built / "regions" / "alpha" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert heading and title
    assert typed in _text(heading[1])
    assert typed in " ".join(html.unescape(title[1]).split())  # <title> holds text only
    other = (built / "timeline" / "index.html").read_text(encoding="utf-8")
    nav = [_text(item) for item in re.findall(r'<a href="\.\./regions/alpha/"[^>]*>(.*?)</a>', other, re.DOTALL)]
    assert nav and all(typed in item for item in nav)
    index = read_index(built / "search")
    titles = [_text(doc["title"]).replace("\u200b", "") for doc in index["docs"] if doc["location"] == "regions/alpha/"]
    assert titles and typed.replace(" ", "") in titles[0].replace(" ", "")


@pytest.mark.parametrize(
    ("page", "typed"),
    [
        ("regions/alpha", "- " + payload("alpha-summary-zh")),
        ("en/regions/alpha", "??? note " + payload("alpha-summary-en")),
        ("clusters/space", "1. " + payload("cluster-desc-zh")),
        ("en/clusters/space", "= " + payload("cluster-desc-en")),
    ],
)
def test_text_that_starts_like_a_block_stays_text(built: Path, page: str, typed: str) -> None:
    """A summary starting "- " or "??? note" alone on its line made a list or a details block."""
    body = (built / page / "index.html").read_text(encoding="utf-8")
    article = body[body.index("<article") : body.index("</article>")]
    assert " ".join(typed.split()) in _text(article)


def test_front_matter_is_written_by_a_yaml_serializer(project: Path) -> None:
    dataset, _ = validate(project)
    generated = s.build_pages(dataset, parallel=False)
    for path, text in generated.items():
        if not path.endswith(".md"):
            continue
        head, _, _ = text.removeprefix("---\n").partition("\n---\n")
        meta = yaml.safe_load(head)
        assert set(meta) <= {"title", "hide", "tags", "search"}, path
        assert meta.get("search", {"exclude": True}) == {"exclude": True}, path  # a data page: search.py indexes it
        for text in [meta["title"], *meta.get("tags", [])]:
            assert "<" not in text and '"' not in text, (path, text)
    region = yaml.safe_load(generated[c.region_path("alpha")].removeprefix("---\n").partition("\n---\n")[0])
    assert html.unescape(region["title"]) == " ".join((payload("alpha-short-zh") + "中文").split())


def test_every_id_on_a_page_is_unique(built: Path) -> None:
    for path in pages(built):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert repeated == [], (path.relative_to(built).as_posix(), repeated)


KEBAB = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,4}){0,3}", fullmatch=True)


KIND = st.sampled_from(["fact", "target", "event", "cluster"])


@given(st.tuples(KEBAB, KIND, KEBAB), st.tuples(KEBAB, KIND, KEBAB))
def test_two_records_never_make_the_same_anchor(a: tuple[str, str, str], b: tuple[str, str, str]) -> None:
    """Region `yizhuang-distance` + fact `from-tiananmen` and region `yizhuang` + fact
    `distance-from-tiananmen` made one anchor; so did a fact and an event with one id."""
    if a != b:  # (a row anchor on an overview page is `joined` too)
        assert c.joined(a[0], f"{a[1]}-{a[2]}") != c.joined(b[0], f"{b[1]}-{b[2]}")


def test_the_known_anchor_collision_is_gone() -> None:
    assert c.quote_anchor("yizhuang-distance", "fact-from-tiananmen") != c.quote_anchor("yizhuang", "fact-distance-from-tiananmen")


@pytest.mark.parametrize(
    ("setting", "value", "option"),
    [
        ("issues_url", "javascript:alert(document.cookie)", "issues_url"),
        ("issues_url", "JAVASCRIPT://example.org/%0aalert(1)", "issues_url"),
        ("issues_url", "data:text/html,<script>alert(1)</script>", "issues_url"),
        ("issues_url", "http://example.org/issues/new", "issues_url"),
        ("site_url", "javascript://example.org/", "site_url"),
    ],
)
@pytest.mark.parametrize("edition", ["zh", "en"])
def test_a_link_that_is_not_https_stops_the_build(tmp_path: Path, setting: str, value: str, option: str, edition: str) -> None:
    root = write_project(tmp_path / "project", issues_url=value if setting == "issues_url" else "https://example.org/new")
    env = {"SITE_URL": value} if setting == "site_url" else {}
    result = mkdocs_build(root, tmp_path / "out", editions=(edition,), **env)
    assert result.returncode != 0
    assert option in result.stderr and "https://" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_csv_cells_never_start_a_formula() -> None:
    """OWASP: text starting with = + - @ tab or CR gets a leading ' in CSV; numbers, and text that
    is a plain number, stay as they are; JSON keeps the text as written."""
    rows = [
        {"text": '=HYPERLINK("https://example.org","x")', "number": -5.0, "signed": "-5", "at": "@SUM(A1)", "plus": "+1+2"},
        {"text": "\t=1", "number": 3, "signed": "-x", "at": "\r=1", "plus": "普通文本 -1"},
    ]
    written = downloads._csv(rows, list(rows[0]), "formulas")  # the columns as datapackage.py would declare them
    read = list(csv.reader(io.StringIO(written.removeprefix("\ufeff"), newline="")))
    assert read[1] == ['\'=HYPERLINK("https://example.org","x")', "-5.0", "-5", "'@SUM(A1)", "'+1+2"]
    assert read[2] == ["'\t=1", "3", "'-x", "'\r=1", "普通文本 -1"]
    assert json.loads(downloads._json(rows)) == rows


# ---------------------------------------------------------------------------------------------
# in the browser

TRAP = f"window.__pwned = []; window.{MARK} = (key) => window.__pwned.push(String(key)); window.alert = window.{MARK};"
# each finds entries that carry payloads, in the edition's search
QUERIES = {"": ["alpha", "beta", "中文", "onerror"], "en/": ["alpha", "beta", "English", "onerror"]}


@pytest.fixture(scope="module")
def url(built: Path, port: int) -> Iterator[str]:
    with serving(built, port) as address:
        yield address


@browser_test
def test_no_payload_runs_in_the_browser(browser: Browser, built: Path, url: str) -> None:
    tab = open_tab(browser, url)
    tooltips = 0
    try:
        tab.page.add_init_script(TRAP)
        for path in pages(built):
            rel = path.relative_to(built).as_posix().removesuffix("index.html")
            tab.goto(rel)
            # every chart mark (drawn at build time): its name and tooltip are the data as text
            for mark in tab.page.locator(".zr-plot a[href]").all()[:12]:
                mark.hover(force=True)
                tooltips += bool(mark.get_attribute("aria-label") or mark.inner_text())
            assert tab.page.evaluate("window.__pwned") == [], rel
        tab.goto("compare/?regions=alpha,beta")  # the grid drawn by compare.js from the JSON files
        tab.page.wait_for_selector(".zr-grid-view table th a", timeout=15_000)
        assert tab.page.evaluate("window.__pwned") == [], "compare grid"
        for edition, queries in QUERIES.items():
            tab.goto(edition)
            for query in queries:
                assert tab.search(query), (edition, query)
                assert tab.page.evaluate("window.__pwned") == [], (edition, query)
        assert tab.off_machine() == [], "a payload made the page request another host"
        assert tooltips > 0, "no chart mark was named: the hovering tests nothing"
    finally:
        tab.page.context.close()
