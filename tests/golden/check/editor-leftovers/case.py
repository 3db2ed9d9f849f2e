"""An editor is open on data/regions/r.yml while `mkdocs serve` runs: its lock, swap, backup and
auto-save files are named in warnings, and the data stays valid (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = root / "data" / "regions"
    (regions / ".#r.yml").symlink_to("editor@host.4242:1700000000")  # an Emacs lock: a dangling link
    for name in ("#r.yml#", "r.yml~", ".r.yml.swp", "r.yml.orig"):
        (regions / name).write_text("profile: {}\n", encoding="utf-8")
