"""A region file whose name holds a line break and a byte that is not UTF-8: shown escaped, so it
cannot forge a line of the report (or crash printing it), and not read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = root / "data" / "regions"
    os.rename(regions / "r.yml", os.fsencode(regions) + b"/r\n\xff.yml")
