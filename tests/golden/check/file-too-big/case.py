"""Pads data/regions/r.yml past the size bound (never commit a 512 KiB file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.yamlsafe import MAX_BYTES


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    region = root / "data" / "regions" / "r.yml"
    text = region.read_text(encoding="utf-8")
    padding = "# " + "亦庄" * 100 + "\n"  # valid YAML: the file must be refused for its size alone
    while len(text.encode()) <= MAX_BYTES:
        text += padding
    region.write_text(text, encoding="utf-8")
