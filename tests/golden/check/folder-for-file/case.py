"""A folder named like a data file (data/sources/x.txt): it used to be a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = root / "data" / "sources" / "x.txt"
    text.unlink()
    text.mkdir()
