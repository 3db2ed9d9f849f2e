"""Nests a value 100,000 levels deep in data/regions/r.yml: the C loader segfaulted on this."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    region = root / "data" / "regions" / "r.yml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("  aliases: [亦庄]\n", "  aliases: " + "[" * 100_000 + "\n"), encoding="utf-8")
