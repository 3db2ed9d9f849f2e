"""A source text whose name would break out of the Markdown code span it is shown in."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = root / "data" / "sources"
    (sources / "x.txt").rename(sources / "x`<b>.txt")
    articles = sources / "articles.yml"
    articles.write_text(articles.read_text(encoding="utf-8").replace("file: x.txt", 'file: "x`<b>.txt"'), encoding="utf-8")
