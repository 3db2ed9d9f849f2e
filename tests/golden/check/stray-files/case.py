"""Files the loader does not read, neither data nor editor leftovers: named in warnings (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = root / "data"
    (data / "notes.txt").write_text("to do\n", encoding="utf-8")
    (data / "regions" / "README.txt").write_text("regions\n", encoding="utf-8")
    (data / "regions" / "old").mkdir()
    (data / "sources" / "page.pdf").write_bytes(b"%PDF-1.4\n")
