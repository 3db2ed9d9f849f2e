"""Valid data, but a check that crashes on one record: reported at that record, no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import checks
from generator.load import Dataset
from generator.models import Quantity, Region
from generator.problems import Problem

IN_PROCESS_ONLY = True  # the patch cannot reach a subprocess


def _broken(dataset: Dataset, region: Region, quantity: Quantity) -> Iterator[Problem]:
    if quantity.id == "output-2023":
        raise KeyError("share")  # as a bug in a check would: a lookup that fails
    yield from ()


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = checks.Check("numbers_in_quotes", _broken, scope="record", kinds=("facts", "targets"))
    monkeypatch.setitem(checks.CHECKS, "numbers_in_quotes", broken)
