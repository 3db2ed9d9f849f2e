"""The registry of checks: each a small named function with its severity and its scope.

A check's scope says what it looks at, and so where a crash inside it is reported:
  record   `function(dataset, region, record)` for each record of the kinds it names (facts,
           targets, events, clusters, excluded, articles, metrics); region is None for articles
           and metrics. A crash is reported at that record.
  region   `function(dataset, region)` for each region; a crash is reported at its file.
  dataset  `function(dataset)` once; for checks that compare records with each other.
A check's severity is given to every problem it finds:
  error    `check` fails, nothing is built, the preview shows the last good data;
  draft    `check` passes and the preview shows it, but `mkdocs build` will not publish it
           (the `new-region` placeholders);
  warning  said everywhere, stops nothing (`mkdocs build --strict` refuses it, as every warning).
A contributor never sees a traceback: `run_checks` turns a crash into a problem.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from generator import models as m
from generator.load import Dataset
from generator.problems import Problem, Severity

Scope = Literal["dataset", "region", "record"]
QUOTED = ("facts", "targets", "events", "clusters", "excluded")  # every record that cites a source
QUANTITIES = ("facts", "targets")


@dataclass(frozen=True)
class Check:
    name: str
    function: Callable[..., Iterable[Problem]]
    scope: Scope = "dataset"
    kinds: tuple[str, ...] = ()  # record scope: the kinds of record it looks at
    severity: Severity = "error"

    def run(self, dataset: Dataset) -> list[Problem]:
        found: list[Problem] = []
        for where, arguments in self._calls(dataset):
            try:
                found.extend(self.function(dataset, *arguments))
            except Exception as err:  # noqa: BLE001 - a crash must become a report, not a traceback
                file, line = dataset.where(where) if where is not None else ("data", 1)
                message = f"internal error in check '{self.name}' on this record: {type(err).__name__}: {err}"
                found.append(Problem(file, line, message, "please report this; the data may still be fine", "internal"))
        if self.severity == "error":
            return found
        return [dataclasses.replace(p, severity=self.severity) if p.kind != "internal" else p for p in found]

    def _calls(self, dataset: Dataset) -> Iterator[tuple[m.Record | None, tuple[Any, ...]]]:
        """(the record a crash is reported at, the arguments after the dataset) for each call."""
        if self.scope == "dataset":
            yield None, ()
        elif self.scope == "region":
            yield from ((region, (region,)) for region in dataset.regions.values())
        else:
            yield from ((record, (region, record)) for region, _kind, record in records(dataset, self.kinds))


CHECKS: dict[str, Check] = {}


def check(scope: Scope = "dataset", kinds: tuple[str, ...] = (), severity: Severity = "error") -> Callable[[Any], Any]:
    """Register the decorated function as the check of its name."""

    def register(function: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        CHECKS[function.__name__] = Check(function.__name__, function, scope, kinds, severity)
        return function

    return register


def run_checks(dataset: Dataset, names: Iterable[str] | None = None) -> list[Problem]:
    return [problem for name in (names or CHECKS) for problem in CHECKS[name].run(dataset)]


# ---------------------------------------------------------------------------------------------
# what the checks share


def records(dataset: Dataset, kinds: Iterable[str]) -> Iterator[tuple[m.Region | None, str, Any]]:
    """(region or None, kind, record) for every record of the given kinds, in file order."""
    for kind in kinds:
        if kind in ("articles", "metrics"):  # as written: duplicates included
            yield from ((None, kind, record) for record in dataset.registries[kind.removesuffix("s")])
    for region in dataset.regions.values():
        for kind in kinds:
            if kind not in ("articles", "metrics"):
                yield from ((region, kind, record) for record in getattr(region, kind))


def quoted_records(dataset: Dataset) -> Iterator[tuple[m.Region, str, m.Quoted]]:
    """Every record that cites a source, with its region and list name."""
    for region, kind, record in records(dataset, QUOTED):
        assert region is not None
        yield region, kind, record


def printings(dataset: Dataset) -> Iterator[tuple[m.Region, str, m.Quoted]]:
    """Every quote in the data: each record that cites a source, and each further report of one."""
    for region, kind, record in quoted_records(dataset):
        yield region, kind, record
        yield from ((region, kind, report) for report in (record.reports if isinstance(record, m.Reported) else []))


def quantities(dataset: Dataset) -> Iterator[tuple[m.Region, m.Quantity]]:
    for region in dataset.regions.values():
        yield from ((region, q) for q in [*region.facts, *region.targets])


def choices(options: Iterable[str], given: str) -> str:
    """'did you mean …? valid choices: …' for a value that is not one of `options`."""
    options = sorted(options)
    guess = difflib.get_close_matches(given, options, n=1)
    start = f"did you mean '{guess[0]}'? " if guess else ""
    shown = ", ".join(options[:40]) + (" …" if len(options) > 40 else "")
    return f"{start}valid choices: {shown}"


def unknown(
    dataset: Dataset, record: m.Record, keys: tuple[str | int, ...], what: str, value: str, options: Iterable[str], add_to: str = ""
) -> Iterator[Problem]:
    """One 'unknown <what> id' problem when `value` is not among `options` (none when it is)."""
    if value not in options:
        hint = choices(options, value) + (f" (or add it to {add_to})" if add_to else "")
        yield dataset.problem(record, keys, f"unknown {what} '{value}'", hint, "reference")
