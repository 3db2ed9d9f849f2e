"""Dates and periods: real calendar dates, plausible years, periods that end after they start."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from generator import models as m
from generator.checks.registry import check
from generator.load import Dataset
from generator.problems import Problem

DATED = {"articles": "published", "events": "date", "targets": "deadline", "facts": "period"}  # kind → its date field


@check(scope="record", kinds=tuple(DATED))
def calendar_dates(dataset: Dataset, _region: m.Region | None, record: m.Record) -> Iterator[Problem]:
    key = next(field for kind, field in DATED.items() if field in type(record).model_fields)
    text = getattr(record, key)
    parts = text.removeprefix("../").split("/")
    for part in parts:
        year = _implausible_year(part)
        if year:  # 0224 for 2024: before the calendar, which has no year 0
            yield dataset.problem(record, (key,), f"{key} '{text}': {year}", "is the year mistyped? 2024, not 0224 or 2204", "date")
            continue
        wrong = _no_such_day(part) or m.check_calendar(part)
        if wrong:
            yield dataset.problem(record, (key,), f"{key} '{text}': {wrong}", "write a real date: YYYY, YYYY-MM or YYYY-MM-DD", "date")
    # compared at the coarser precision: 2023-02/2023 (February to the end of 2023) is fine;
    # plain string order called it reversed
    shared = min(len(p) for p in parts)
    if len(parts) == 2 and parts[0][:shared] > parts[1][:shared]:
        yield dataset.problem(record, (key,), f"period '{text}' ends before it starts", "write the earlier date first: start/end", "date")


def _implausible_year(date: str) -> str | None:
    year = int(date[:4])
    first, last = m.YEARS
    return None if first <= year <= last else f"year {date[:4]} is not between {first} and {last}"


def _no_such_day(date: str) -> str | None:
    """Says how many days the month has (models.check_calendar only repeats the date)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) != 3 or not 1 <= parts[1] <= 12:
        return None  # a year or a month: nothing to say here
    year, month, day = parts
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if 1 <= day <= last:
        return None
    return f"{calendar.month_name[month]} {year} has {last} days"
