"""data/sources is a file, not a folder: nothing in it is read, and articles.yml is not called missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = root / "data" / "sources"
    shutil.rmtree(sources)
    sources.write_text("articles: []\n", encoding="utf-8")
