"""Shared test setup: the `--update-golden` option and a small valid project to break on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.checks import run_checks
from generator.load import Dataset, load
from generator.problems import Problem

TESTS = Path(__file__).parent
ROOT = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"  # a valid project root: every check passes on it


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False, help="rewrite golden files with the current output")


class Project:
    """A copy of the minimal project in a temporary folder, with helpers to edit its data files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / "data" / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` (fails loudly if the fixture changed under the test)."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def append(self, rel: str, text: str) -> None:
        self.write(rel, self.read(rel) + text)

    def load(self) -> tuple[Dataset, list[Problem]]:
        return load(self.root)

    def dataset(self) -> Dataset:
        """The loaded data, which must be structurally valid (the meaning checks need that)."""
        dataset, problems = load(self.root)
        assert problems == [], [p.format() for p in problems]
        return dataset

    def check(self, name: str) -> list[Problem]:
        """The problems one registered check finds (KeyError if it is no longer registered)."""
        return run_checks(self.dataset(), [name])


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return Project(root)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test of the session (see browsing.py)."""
    from browsing import launch, sync_playwright

    assert sync_playwright is not None
    with sync_playwright() as pw:
        instance = launch(pw)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The real data's site, both editions, built once per session and served on the loopback
    (at the URL the build was told, so that material's instant navigation works)."""
    from browsing import Site, free_port, serving

    out = tmp_path_factory.mktemp("browser-site")
    port = free_port()
    result = mkdocs_build(ROOT, out, SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(out, port) as url:
        yield Site(out, url, result.stderr)


@pytest.fixture
def tab(browser: Any, site: Any) -> Iterator[Any]:
    """A fresh page in the browser, on the served site."""
    from browsing import open_tab

    tab = open_tab(browser, site.url)
    yield tab
    tab.page.context.close()


@pytest.fixture(scope="session")
def built(site: Any) -> Path:
    """The folder of that site, for tests that read its files."""
    assert "WARNING" not in site.log, site.log
    return Path(site.root)


SCREENSHOTS = ROOT / "screenshots"
SHOT_KINDS = ("home", "region", "clusters", "timeline")  # the page kinds a person looks at in screenshots/


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """screenshots/, emptied once per session: each browser test that has one of SHOT_KINDS
    loaded and drawn saves it there (light and dark, 1280 and 390 px), for a person to look at;
    nothing compares them."""
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir()
    return SCREENSHOTS


def screenshot(tab: Any, folder: Path, name: str) -> None:
    """The page as it is now, and each of its charts, as `name`.png and `name`-chartN.png."""
    tab.page.screenshot(path=str(folder / f"{name}.png"))
    for i, chart in enumerate(tab.page.locator(".zr-plot").all()):
        chart.screenshot(path=str(folder / f"{name}-chart{i + 1}.png"))


def site_project(dest: Path, data: Path | None = None) -> Path:
    """A project that MkDocs can build at `dest`: the repository's mkdocs.yml, docs/ and overrides/,
    with a copy of `data` (a data/ folder) when given."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True)
    if data is not None:
        shutil.copytree(data, dest / "data")
    return dest


EDITION_CONFIGS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}  # config file, folder in the site


def mkdocs_build(root: Path, out: Path, editions: tuple[str, ...] = ("zh", "en"), **env: str) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of the project at `root` into `out`: both editions as
    `scripts/build` builds them (`python -m generator build`: one process, the default edition
    first, its build empties `out`); one edition alone with `mkdocs build`.

    Never with `-q`: it raises MkDocs' log level above WARNING, so the warnings `--strict` counts
    are not emitted and the build passes whatever MkDocs found (test_valid_data_builds.py)."""
    if editions == tuple(EDITION_CONFIGS):
        return subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(root), "build", str(out)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            timeout=900,
            check=False,
        )
    runs = []
    for lang in editions:
        config, folder = EDITION_CONFIGS[lang]
        runs.append(
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / config), "-d", str(out / folder)],
                capture_output=True,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                timeout=900,
                check=False,
            )
        )
        if runs[-1].returncode:
            break
    return subprocess.CompletedProcess(
        [run.args for run in runs],
        max(run.returncode for run in runs),
        "".join(run.stdout for run in runs),
        "".join(run.stderr for run in runs),
    )
