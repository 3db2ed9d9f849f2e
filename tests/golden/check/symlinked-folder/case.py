"""data/regions/ is a link to a folder outside data/: none of it is read."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = root / "data" / "regions"
    regions.rename(root / "elsewhere")
    regions.symlink_to("../elsewhere")
