"""Publishing without a site address: a build with no SITE_URL names no address it was not given
(it named http://127.0.0.1:8000/ in 133 files: citations, canonical links, sitemap, downloads,
the 404 page), says once that it had none, and its links and citations work wherever the folder is
served; with SITE_URL, the canonical links, sitemap and citations use it."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import material
import pytest
from conftest import MINIMAL, mkdocs_build, site_project

pytestmark = pytest.mark.slow
THEME = Path(material.__file__).parent / "templates"
NOTE = "no site address (SITE_URL)"


def built(tmp_path: Path, **env: str) -> tuple[Path, str]:
    root = site_project(tmp_path / "project", MINIMAL / "data")
    out = tmp_path / "site"
    result = mkdocs_build(root, out, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stderr


def test_a_build_without_an_address_names_none_and_says_so_once(tmp_path: Path) -> None:
    out, log = built(tmp_path, SITE_URL="")
    named = []
    for file in sorted(p for p in out.rglob("*") if p.is_file()):
        theirs = THEME / file.relative_to(out / ("en" if file.is_relative_to(out / "en") else "")).as_posix()
        if theirs.is_file() and filecmp.cmp(file, theirs, shallow=False):
            continue  # the theme's own file, unchanged (its source map's comment names the loopback)
        if b"127.0.0.1" in file.read_bytes() or b"localhost:8000" in file.read_bytes():
            named.append(file.relative_to(out).as_posix())
    assert named == [], f"{len(named)} files name the loopback: {named[:10]}"
    assert log.count(NOTE) == 1, log
    assert "WARNING" not in log, log
    region = next((out / "regions").glob("*/index.html"))
    html = region.read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html
    # the page's citation names its path from the site's root, and cite.js gets that root
    rel = region.parent.relative_to(out).as_posix()
    assert f'data-site-root="../../" data-path="/{rel}/"' in html
    assert f". /{rel}/." in html  # in the Chinese citation (GB/T 7714: "… [DB/OL]. (date)[date]. address.")
    assert "<url>" not in (out / "sitemap.xml").read_text(encoding="utf-8")  # a sitemap needs absolute URLs
    assert not (out / "feed.xml").exists() and "application/atom+xml" not in html
    assert re.search(r'<a href="/en/">', (out / "en" / "404.html").read_text(encoding="utf-8"))


def test_with_an_address_the_canonical_links_and_citations_use_it(tmp_path: Path) -> None:
    out, log = built(tmp_path, SITE_URL="https://example.org/report/")
    assert NOTE not in log
    region = next((out / "en" / "regions").glob("*/index.html"))
    rel = region.parent.relative_to(out).as_posix()
    html = region.read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="https://example.org/report/{rel}/">' in html
    assert f"https://example.org/report/{rel}/ (accessed" in html
    assert "data-site-root" not in html
    assert "<loc>https://example.org/report/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert (out / "feed.xml").exists()
