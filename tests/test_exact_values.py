"""Normalized values (value × scale) are written exactly: 4.4亿 is 440000000 in the downloads, not
the float product 440000000.00000006."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator import models as m
from generator import site
from generator.history import History
from generator.pages import downloads
from generator.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]
POWERS = {scale: len(str(factor)) - 1 for scale, factor in m.SCALES.items()}  # 亿 → 8

# values as sources print them (a few digits, a few decimals), and any float the model accepts
printed = st.decimals(min_value=-(10**15) + 1, max_value=10**15 - 1, places=4, allow_nan=False, allow_infinity=False).map(float)
any_amount = st.floats(min_value=-m.MAX_AMOUNT, max_value=m.MAX_AMOUNT, allow_nan=False, allow_infinity=False)


def fact(value: float, scale: str, value_max: float | None = None) -> m.Fact:
    return m.Fact(id="f", metric="x", value=value, value_max=value_max, scale=scale, unit="u", period="2023", source="a", quote="q")


def expected(value: float, scale: str) -> Decimal:
    """Decimal(value) × 10^k, with the value's digits as written in the data (repr: 4.4, not the
    binary 4.4000000000000003…)."""
    return Decimal(repr(value)).scaleb(POWERS[scale])


def written(row: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """The row as downloads.py writes it to CSV and to JSON, read back as text (CSV) and with
    every JSON number as the Decimal its digits spell."""
    fields = list(row)
    [csv_row] = list(csv.DictReader(io.StringIO(downloads._csv([row], fields, "t").removeprefix("\ufeff"))))
    [json_row] = json.loads(downloads._json([row]), parse_float=Decimal, parse_int=Decimal)
    return csv_row, json_row


@given(value=st.one_of(printed, any_amount), scale=st.sampled_from(sorted(m.SCALES)))
@example(value=4.4, scale="亿")  # 440000000.00000006 in floats
@example(value=2623.9, scale="亿")
@example(value=0.88, scale="")
@example(value=1e-05, scale="万亿")
def test_every_written_normalized_value_is_value_times_ten_to_the_scale(value: float, scale: str) -> None:
    q = fact(value, scale, value_max=None)
    row = {"normalized": downloads.exact_number(q.normalized_exact)}
    csv_row, json_row = written(row)
    assert Decimal(csv_row["normalized"]) == expected(value, scale)
    assert Decimal(json_row["normalized"]) == expected(value, scale)
    assert q.normalized == float(expected(value, scale))  # charts get the float nearest the exact value


@given(low=printed, scale=st.sampled_from(sorted(m.SCALES)))
def test_a_range_upper_bound_is_written_exactly(low: float, scale: str) -> None:
    high = float(Decimal(repr(low)) + Decimal("0.1"))
    q = fact(low, scale, value_max=high)
    assert q.normalized_max_exact == expected(high, scale)
    csv_row, json_row = written({"normalized_max": downloads.exact_number(q.normalized_max_exact)})
    assert Decimal(csv_row["normalized_max"]) == Decimal(json_row["normalized_max"]) == expected(high, scale)


@pytest.fixture(scope="module")
def real_downloads() -> dict[str, str]:
    dataset, problems = validate(ROOT)
    assert not [p for p in problems if p.severity == "error"]
    history = History("2024-04-01", "2024-03-20 · 1a2b3c4", {})
    pages = site.build_pages(dataset, issues_url="https://example.org/i", site_url="https://example.org/s/", history=history)
    return {name: text for name, text in pages.items() if name.startswith("downloads/")}


@pytest.mark.parametrize("table", ["facts", "targets"])
def test_the_real_downloads_write_every_normalized_value_exactly(real_downloads: dict[str, str], table: str) -> None:
    rows = list(csv.DictReader(io.StringIO(real_downloads[f"downloads/{table}.csv"].removeprefix("\ufeff"))))
    records = json.loads(real_downloads[f"downloads/{table}.json"], parse_float=Decimal, parse_int=Decimal)
    assert rows and len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        power = POWERS[row["scale"]]
        for value, normalized in (("value", "normalized"), ("value_max", "normalized_max")):
            if row[value] == "":
                assert row[normalized] == record[normalized] == ""
                continue
            exact = Decimal(row[value]).scaleb(power)
            assert Decimal(row[normalized]) == exact, (row["id"], row[normalized])
            assert Decimal(record[normalized]) == Decimal(record[value]).scaleb(power) == exact, (row["id"], record[normalized])
    if table == "facts":
        declarations = next(row for row in rows if row["id"] == "shanghai/airport-ecommerce-declarations-2023")
        assert (declarations["value"], declarations["scale"], declarations["normalized"]) == ("4.4", "亿", "440000000")
