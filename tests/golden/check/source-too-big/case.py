"""A source text past its size bound (never commit a 2 MiB file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import MAX_TEXT_BYTES


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = root / "data" / "sources" / "x.txt"
    with text.open("a", encoding="utf-8") as out:
        out.write("亦庄\n" * (MAX_TEXT_BYTES // 7 + 1))
