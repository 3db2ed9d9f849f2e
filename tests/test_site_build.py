"""`python -m generator build`: both editions in one process, data/ read and checked once
(`pipeline.validated`), and read again after an edit."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, site_project

from generator import load as load_module
from generator import pipeline
from generator.__main__ import main

pytestmark = pytest.mark.slow


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Every read of data/ (`load.load`, which `pipeline` calls), by its focus."""
    calls: list[str | None] = []
    real = load_module.load

    def counted(root: Path, only: str | None = None) -> Any:
        calls.append(only)
        return real(root, only)

    monkeypatch.setattr(pipeline, "load", counted)
    monkeypatch.setattr(pipeline, "_last", None)  # nothing from an earlier test
    return calls


def test_both_editions_are_built_and_data_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_project(tmp_path / "project", MINIMAL / "data")
    out = tmp_path / "site"
    loads = _count_loads(monkeypatch)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    assert main(["--root", str(project), "build", str(out)]) == 0
    assert list(temporary.glob("zone-report-build-*")) == []  # each edition's spool (generated pages, parked blocks) removed
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    assert 'lang="zh' in (out / "index.html").read_text(encoding="utf-8")
    assert 'lang="en' in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert loads == [None]  # the English edition reused the Chinese edition's data (it read it again: [None, None])


def test_the_build_stops_on_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = site_project(tmp_path / "project", MINIMAL / "data")
    region = project / "data" / "regions" / "r.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("metric:", "metirc:", 1), encoding="utf-8")
    assert main(["--root", str(project), "build", str(tmp_path / "site")]) == 1
    out = capsys.readouterr()
    assert "data/regions/r.yml:" in out.out + out.err and "unknown field 'metirc'" in out.out + out.err
    assert not (tmp_path / "site" / "en").exists()  # the second edition is not tried


def test_validated_reads_data_again_after_an_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    loads = _count_loads(monkeypatch)
    first, _ = pipeline.validated(root)
    again, _ = pipeline.validated(root)
    assert again is first and loads == [None]  # unchanged: the same data, not read again
    region = root / "data" / "regions" / "r.yml"
    text = region.read_text(encoding="utf-8")
    summary = first.regions["r"].profile.summary.zh
    region.write_text(text.replace(summary, summary + "改"), encoding="utf-8")
    edited, _ = pipeline.validated(root)
    assert loads == [None, None] and edited.regions["r"].profile.summary.zh == summary + "改"
    (root / "data" / "regions" / "notes.txt").write_text("x", encoding="utf-8")  # an added file is a change too
    _, problems = pipeline.validated(root)
    assert len(loads) == 3 and any("notes.txt" in p.file for p in problems)
    pipeline.validated(root, "r")  # a focused preview is another read
    assert loads == [None, None, None, "r"]
