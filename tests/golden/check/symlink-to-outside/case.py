"""data/regions/r.yml is a link to a file outside data/ (git commits links as links): refused,
and nothing of the file it points to is shown or read."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    region = root / "data" / "regions" / "r.yml"
    (root / "secret.yml").write_text("password: hunter2\n", encoding="utf-8")
    region.unlink()
    region.symlink_to("../../secret.yml")
