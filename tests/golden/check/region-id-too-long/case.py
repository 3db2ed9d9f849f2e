"""A region file name longer than any id may be (a title pasted as the name)."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = root / "data" / "regions"
    (regions / "r.yml").rename(regions / ("beijing-economic-technological-development-area-" * 2 + "yizhuang.yml"))
