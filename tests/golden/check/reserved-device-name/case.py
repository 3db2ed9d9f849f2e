"""A region file named con.yml: made here, since committed it would break a Windows checkout."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = root / "data" / "regions"
    (regions / "r.yml").rename(regions / "con.yml")
