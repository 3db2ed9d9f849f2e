"""A right-to-left override in a quote (a "Trojan Source": the line shows in another order than it
is read). Written here, not committed: a review tool would flag the data file itself."""

from __future__ import annotations

from pathlib import Path

import pytest


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    region = root / "data" / "regions" / "r.yml"
    text = region.read_text(encoding="utf-8")
    old = "quote: 亦庄的国家级高新技术企业突破2100家"
    assert text.count(old) == 1
    region.write_text(text.replace(old, "quote: 亦庄的国家级高新技术企业\u202e突破2100家\u202c"), encoding="utf-8")
