"""The project's own data/: it validates, and every number in the sources is curated or excluded."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import main
from generator.coverage import coverage
from generator.pipeline import validate

REPO = Path(__file__).parent.parent


def test_the_real_data_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(REPO), "check"])
    output = capsys.readouterr().out
    assert code == 0, output
    assert output.startswith("✔ data is valid: ")


def test_every_number_in_the_sources_is_covered() -> None:
    dataset, problems = validate(REPO)
    assert [p.format() for p in problems] == []
    total, missing = coverage(dataset)
    assert total > 200  # both source texts were scanned
    assert [item.format() for item in missing] == []
