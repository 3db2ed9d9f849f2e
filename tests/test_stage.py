"""`python -m generator stage OUT` writes sources that plain MkDocs — no zone-report plugin —
builds into the same pages as the plugin build: page generation does not depend on MkDocs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, site_project

from generator.__main__ import main
from generator.searchindex import read_index

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.DOTALL)
NAV = re.compile(r'<nav class="md-nav md-nav--primary[^"]*".*?</nav>', re.DOTALL)


def _normal(html: str) -> str:
    """The theme's whitespace, which the plugin squeezes out of its pages, does not count."""
    return " ".join(html.split())


@pytest.fixture(scope="module")
def staged(site: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions staged, then built with plain MkDocs, at the address the plugin build has."""
    out = tmp_path_factory.mktemp("staged")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site.url}
    command = [sys.executable, "-m", "generator", "--root", str(ROOT), "stage", str(out / "src")]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for lang, folder in (("zh", ""), ("en", "en")):
        config = out / "src" / lang / "mkdocs.yml"
        assert "zone-report" not in yaml.safe_load(config.read_text(encoding="utf-8"))["plugins"]
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out / "site" / folder)]
        done = subprocess.run(build, env=env, capture_output=True, text=True, cwd=out)
        assert done.returncode == 0, done.stdout + done.stderr
    return out / "site"


def _pages(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("index.html")}


def test_plain_mkdocs_builds_every_page_of_the_staged_sources(staged: Path, built: Path) -> None:
    assert _pages(staged).keys() == _pages(built).keys()


def test_every_page_reads_the_same_as_the_plugin_build(staged: Path, built: Path) -> None:
    plugin, plain = _pages(built), _pages(staged)
    checked = 0
    for path, page in plugin.items():
        theirs = ARTICLE.search(plain[path])
        ours = ARTICLE.search(page)
        assert ours and theirs, path
        assert _normal(theirs[1]) == _normal(ours[1]), path
        checked += 1
    assert checked > 40


def test_the_navigation_and_the_footer_are_the_same(staged: Path, built: Path) -> None:
    for path in ("regions/yizhuang/index.html", "en/compare/economy/index.html", "index.html"):
        ours, theirs = ((root / path).read_text(encoding="utf-8") for root in (built, staged))
        assert _normal(NAV.search(ours)[0]) == _normal(NAV.search(theirs)[0]), path  # type: ignore[index]
        version = re.compile(r'<div class="zr-data-version">(.*?)</div>', re.DOTALL)
        assert version.search(ours) and version.search(ours)[1].strip() == version.search(theirs)[1].strip()  # type: ignore[index]


def test_the_staged_downloads_and_bundle_are_there(staged: Path) -> None:
    assert (staged / "downloads" / "facts.csv").stat().st_size > 1000
    assert not (staged / "assets" / "javascripts" / "vega-bundle.js").exists(), "charts are drawn at build time: no chart library"
    assert (staged / "en" / "assets" / "javascripts" / "charts.js").exists()


def test_the_data_pages_search_entries_are_staged(staged: Path, built: Path) -> None:
    """The staged pages keep the search plugin off the data pages, as the plugin build does; their
    entries are staged beside them, the same ones the plugin adds to its index."""
    for lang, folder in (("zh", ""), ("en", "en/")):
        entries = json.loads((staged.parent / "src" / lang / "search-entries.json").read_text(encoding="utf-8"))
        index = read_index(built / folder / "search")
        added = [doc["location"] for doc in index["docs"] if doc["location"].startswith(("regions/yizhuang/", "compare/economy/"))]
        assert added and [e["location"] for e in entries if e["location"] in added] == added
        staged_index = json.loads((staged / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not any(doc["location"].startswith("regions/yizhuang/") for doc in staged_index["docs"])


# ---------------------------------------------------------------------------------------------
# What stage may write over: only what an earlier stage wrote (issue 25: it began with
# rmtree(OUT/<lang>), which deleted an unrelated OUT/zh, docs/en/ for `stage docs`, and wrote
# through a linked OUT/en into the link's target). These run the command on the minimal data.


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return site_project(tmp_path / "project", MINIMAL / "data")


def _stage(root: Path, out: Path, *langs: str) -> int:
    return main(["--root", str(root), "stage", str(out), *(f"--lang={lang}" for lang in langs)])


def _contents(folder: Path) -> dict[str, bytes | str]:
    """Every name under `folder` with its bytes (a link: its target), not following links."""
    return {
        p.relative_to(folder).as_posix(): os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


def _refusal(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err.count("\n") == 1, err  # one line, on stderr
    return err


def test_stage_refuses_a_folder_it_did_not_write(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "zh").mkdir(parents=True)
    (out / "zh" / "notes.md").write_text("mine\n", encoding="utf-8")
    (out / "keep.txt").write_bytes(b"\x00\xff")
    before = _contents(out)
    assert _stage(small, out) == 2
    assert f"{out} is not empty and no stage wrote it" in _refusal(capsys)
    assert _contents(out) == before


def test_stage_refuses_the_projects_own_folders(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _contents(small)
    for out in (small / "docs", small / "docs" / "staged", small / "overrides", small / "data" / "x"):
        assert _stage(small, out) == 2
        assert f"{out} would put the staged files among the project's own" in _refusal(capsys)
    assert _contents(small) == before


def test_stage_never_writes_through_a_link(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "target"
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("someone's\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "en").symlink_to(target)
    assert _stage(small, out) == 2  # a link in an OUT no stage wrote
    assert "no stage wrote it" in _refusal(capsys)
    (out / ".zone-report-stage").write_text("zh\nen\n", encoding="utf-8")  # … or in one it did
    assert _stage(small, out, "en") == 2
    assert f"{out / 'en'} is a symbolic link (to " in _refusal(capsys)
    linked = tmp_path / "linked-out"
    linked.symlink_to(target)  # OUT itself a link
    assert _stage(small, linked) == 2
    assert f"{linked} is a symbolic link" in _refusal(capsys)
    assert _contents(target) == {"docs": "folder", "docs/index.md": b"someone's\n"}
    assert os.readlink(out / "en") == str(target)


def test_stage_replaces_what_it_wrote_and_nothing_else(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _stage(small, out, "zh") == 0
    (out / "zh" / "docs" / "stale.md").write_text("left from the last stage\n", encoding="utf-8")
    (out / "site").mkdir()  # a build of the staged sources, beside them
    (out / "site" / "index.html").write_text("built\n", encoding="utf-8")
    assert _stage(small, out, "zh") == 0
    assert not (out / "zh" / "docs" / "stale.md").exists() and (out / "zh" / "mkdocs.yml").is_file()
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "built\n"
    assert _stage(small, out, "en") == 0  # another edition joins the first
    assert (out / "zh" / "mkdocs.yml").is_file() and (out / "en" / "mkdocs.yml").is_file()
    assert (out / ".zone-report-stage").read_text(encoding="utf-8").splitlines()[1:] == ["en", "zh"]


def test_stage_refuses_a_link_in_the_sites_sources(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # copied into OUT, the link's target would be published by the staged build
    (tmp_path / "secret.txt").write_text("not for the site\n", encoding="utf-8")
    (small / "docs" / "assets" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert _stage(small, tmp_path / "out") == 1
    assert "docs/assets/leak.txt:1: a symbolic link" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()
