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
    assert (staged / "assets" / "javascripts" / "vega-bundle.js").stat().st_size > 500_000
    assert (staged / "en" / "assets" / "javascripts" / "charts.js").exists()


def test_the_data_pages_search_entries_are_staged(staged: Path, built: Path) -> None:
    """The staged pages keep the search plugin off the data pages, as the plugin build does; their
    entries are staged beside them, the same ones the plugin adds to its index."""
    for lang, folder in (("zh", ""), ("en", "en/")):
        entries = json.loads((staged.parent / "src" / lang / "search-entries.json").read_text(encoding="utf-8"))
        index = json.loads((built / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        added = [doc["location"] for doc in index["docs"] if doc["location"].startswith(("regions/yizhuang/", "compare/economy/"))]
        assert added and [e["location"] for e in entries if e["location"] in added] == added
        staged_index = json.loads((staged / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not any(doc["location"].startswith("regions/yizhuang/") for doc in staged_index["docs"])
