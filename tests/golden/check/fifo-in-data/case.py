"""data/clusters.yml is a named pipe: reading it used to wait for a writer forever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clusters = root / "data" / "clusters.yml"
    clusters.unlink()
    os.mkfifo(clusters)
