"""The "what changed" page and its Atom feed (generator/changes.py, generator/pages/changes.py):
this repository's own versions in both editions, a small project with a known history built by
MkDocs (the feed read by feedparser, every entry's link landing on an anchor of the built site),
and no history at all (no git, no repository, a shallow clone)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from conftest import MINIMAL, mkdocs_build, site_project

from generator import changes, history, site
from generator.paths import CHANGES, FEED, version_anchor
from generator.pipeline import validate
from generator.text import Lang

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://example.org/site/"
PAYLOAD = "<img src=x onerror=alert(1)>"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no signing or hooks from the machine's configuration
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str, date: str = "2024-03-01T10:00:00+08:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def pages(root: Path, lang: str = "zh") -> dict[str, str]:
    dataset, problems = validate(root)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    url = SITE_URL + ("en/" if lang == "en" else "")
    return site.build_pages(dataset, lang=lang, site_url=url, history=history.read(root), parallel=False)


# ---------------------------------------------------------------------------------------------
# This repository


def _shallow(root: Path) -> bool:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True)
    return done.returncode != 0 or done.stdout.strip() != "false"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_lists_this_repositorys_last_versions_newest_first(lang: str) -> None:
    if shutil.which("git") is None or _shallow(ROOT):
        pytest.skip("needs git and this repository's full history")
    # the commits to data/, but not those that only edit its format reference (history.DATA)
    command = ["git", "-C", str(ROOT), "log", f"-n{changes.LIMIT}", "--format=%H %h %cs", "--", "data", ":(exclude)data/README.md"]
    logged = subprocess.run(command, capture_output=True, text=True, check=True)
    versions = [line.split() for line in logged.stdout.splitlines()]
    assert len(versions) >= 2, "the repository's data has a history"
    page = pages(ROOT, lang)[CHANGES]
    anchors = re.findall(r"\{ #(v-[0-9a-f]+) \}", page)
    assert anchors == [version_anchor(commit) for commit, _, _ in versions]  # every one, newest first
    for _commit, short, _date in versions:
        assert f"· {short} {{ #" in page  # headed by the footer's form of the version
    assert Lang(lang).t("changes_unavailable") not in page
    # the newest is the footer's data version
    assert history.read(ROOT).version == f"{versions[0][2]} · {versions[0][1]}"


# ---------------------------------------------------------------------------------------------
# A project with a known history


def _event(text: str) -> str:
    start = text.index("events:\n")
    return text[start : text.index("\ntargets:", start) + 1]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The minimal project in a git repository of three versions:
    v1 (the first commit): every record but the event — all added;
    v2: the event added (its title with markup in it), a note on output-2023 (changed), new-town-area removed;
    v3: the target output-2025 removed (added in v1, so v1's entry has no row to link to)."""
    root = site_project(tmp_path_factory.mktemp("history") / "project", MINIMAL / "data")
    region = root / "data" / "regions" / "r.yml"
    text = region.read_text(encoding="utf-8")
    event = _event(text)
    git(root, "init", "-q", "-b", "main")
    region.write_text(text.replace(event, "events: []\n"), encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1", date="2024-03-01T10:00:00+08:00")
    text = text.replace("title: {zh: 一箭十一星,", f"title: {{zh: '一箭十一星{PAYLOAD}',")  # data text is never markup
    fact = text[text.index("  - id: new-town-area") : text.index("\nclusters:")] + "\n"
    noted = "    source: first-article\n    quote: 工业总产值 达 2000 亿元\n"
    note = noted + "    note: {zh: 加了说明, en: a note added}\n"
    assert text.count(noted) == 1 and text.count(fact) == 1
    text = text.replace(noted, note).replace(fact, "")
    excluded = "  - source: first-article\n    quote: 亦庄新城规划面积约225平方公里\n    reason: left out in a later version\n"
    region.write_text(text + excluded, encoding="utf-8")
    git(root, "commit", "-q", "-am", "v2", date="2024-03-02T10:00:00+08:00")
    target = text[text.index("targets:\n") : text.index("\nexcluded:")] + "\n"
    kept = "  - source: first-article\n    quote: 到2025年,工业总产值突破3000亿元\n    reason: left out in a later version\n"
    region.write_text(text.replace(target, "targets: []\n") + excluded + kept, encoding="utf-8")
    git(root, "commit", "-q", "-am", "v3", date="2024-03-03T10:00:00+08:00")
    yield root


def test_each_version_lists_what_it_added_changed_and_removed(repo: Path) -> None:
    found = changes.read(repo)
    assert found.available
    v3, v2, v1 = found.versions
    assert [(c.kind, c.id, c.status) for c in v3.changes] == [("targets", "output-2025", "removed")]
    assert sorted((c.kind, c.id, c.status) for c in v2.changes) == [
        ("events", "eleven-satellites", "added"),
        ("facts", "new-town-area", "removed"),
        ("facts", "output-2023", "changed"),
    ]
    assert {c.status for c in v1.changes} == {"added"} and len(v1.changes) == 4
    assert (v1.date, v1.time) == ("2024-03-01", "2024-03-01T10:00:00+08:00")


def test_live_records_link_to_their_rows_and_others_do_not(repo: Path) -> None:
    page = pages(repo)[CHANGES]
    assert "../regions/r/#event-eleven-satellites" in page and "../regions/r/#fact-output-2023" in page
    assert "#fact-new-town-area" not in page and "#target-output-2025" not in page  # removed since: no row
    assert page.count(Lang("zh").t("changes_gone")) == 2  # added in v1, removed later: named, not linked
    assert "数值" not in page.split("output-2023")[1].split("</tr>")[0]  # a note changed, not the value
    assert "说明" in page.split("#fact-output-2023")[1].split("</tr>")[0]  # and it says so
    assert PAYLOAD not in page and "一箭十一星&lt;img src=x onerror=alert" in page  # the event's title, escaped


def test_a_version_that_only_edits_the_format_reference_is_no_new_version(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    (clone / "data" / "README.md").write_text("# The data\n", encoding="utf-8")
    git(clone, "add", "data/README.md")
    git(clone, "commit", "-q", "-m", "docs", date="2024-03-04T10:00:00+08:00")
    assert [v.date for v in changes.read(clone).versions] == ["2024-03-03", "2024-03-02", "2024-03-01"]
    assert history.read(clone).version.startswith("2024-03-03 · ")  # the footer agrees


@pytest.fixture(scope="module")
def built(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions of the project built by MkDocs (strict: a link to a missing anchor fails)."""
    out = tmp_path_factory.mktemp("history-site")
    result = mkdocs_build(repo, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _anchor_exists(out: Path, url: str) -> bool:
    assert url.startswith(SITE_URL), url
    path, _, anchor = url.removeprefix(SITE_URL).partition("#")
    page = out / path / "index.html"
    return page.exists() and f'id="{anchor}"' in page.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["", "en/"])
def test_the_feed_parses_and_every_entry_lands_on_an_anchor(built: Path, folder: str) -> None:
    parsed = feedparser.parse((built / folder / FEED).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.link == SITE_URL + folder + "changes/"
    # v2: the event and the note; v1: four records (two removed since); v3 removed only
    assert len(parsed.entries) == 6
    assert len({entry.id for entry in parsed.entries}) == 6
    assert [entry.updated[:10] for entry in parsed.entries] == ["2024-03-02"] * 2 + ["2024-03-01"] * 4  # newest first
    for entry in parsed.entries:
        assert entry.link.startswith(SITE_URL + folder)
        assert _anchor_exists(built, entry.link), entry.link
    gone = [entry.link for entry in parsed.entries if "/changes/#v-" in entry.link]
    assert len(gone) == 2  # the records no longer in the data: their version on the changes page
    if not folder:  # the Chinese title with markup: text in the feed, shown as text, never a tag
        assert any(PAYLOAD in entry.title for entry in parsed.entries)
        assert PAYLOAD not in (built / FEED).read_text(encoding="utf-8")
    assert PAYLOAD not in (built / folder / "changes" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("page", ["index.html", "regions/r/index.html", "en/changes/index.html", "404.html"])
def test_every_page_links_its_editions_feed_in_its_head(built: Path, page: str) -> None:
    html = (built / page).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    feed = SITE_URL + ("en/" if page.startswith("en/") else "") + FEED
    assert '<link rel="alternate" type="application/atom+xml" title="' in head and f'href="{feed}"' in head


# ---------------------------------------------------------------------------------------------
# No history


def _unavailable(root: Path) -> None:
    made = pages(root)
    assert Lang("zh").t("changes_unavailable") in made[CHANGES]
    parsed = feedparser.parse(made[FEED].encode("utf-8"))
    assert not parsed.bozo and parsed.entries == []


def test_outside_a_repository_the_page_says_the_history_is_unavailable(tmp_path: Path) -> None:
    root = shutil.copytree(MINIMAL, tmp_path / "project")
    assert not changes.read(root).available
    _unavailable(root)


def test_without_git_the_page_says_the_history_is_unavailable(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    assert not changes.read(repo).available
    _unavailable(repo)


def test_a_shallow_clone_has_no_history_to_show(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    found = changes.read(clone)
    assert not found.available  # its one commit looks like a first one: all of data/ is not new
    _unavailable(clone)
    git(clone, "fetch", "-q", "--depth", "2")
    assert [v.date for v in changes.read(clone).versions] == ["2024-03-03"]  # v3, whose parent is there now
