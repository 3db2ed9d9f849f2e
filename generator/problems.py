"""A problem found in the data: where it is, what is wrong, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the project root, as a contributor would open it
    line: int
    message: str  # what is wrong, with what was expected
    hint: str = ""  # how to fix it / the valid choices
    kind: str = "data"  # the check that found it (yaml, schema, reference, quote, …)
    # "warning": worth saying but stops nothing (an editor's lock file beside a region while
    # `mkdocs serve` runs); only errors fail `check` and the build. See `errors`.
    severity: Severity = "error"

    def format(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that must stop `check` and the build; the rest are warnings to print."""
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def format_report(problems: list[Problem]) -> str:
    """Errors sorted by file and line with one count line, then warnings (⚠) and theirs."""
    parts = []
    found = _distinct(errors(problems))
    if found:
        parts += [p.format() for p in found] + [f"✖ {_count(found, 'problem')}"]
    cautions = _distinct(warnings(problems))
    if cautions:
        parts += [f"⚠ {p.format()}" for p in cautions] + [f"⚠ {_count(cautions, 'warning')}"]
    return "\n".join(parts)


def _distinct(problems: list[Problem]) -> list[Problem]:
    # one line per distinct text: two checks reporting the same thing (same kind or not) would
    # otherwise print it twice
    return list({p.format(): p for p in sorted(problems)}.values())


def _count(problems: list[Problem], noun: str) -> str:
    files = len({p.file for p in problems})
    return f"{len(problems)} {noun}{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}"


EXCERPT = 60  # characters of a file's content a message may show: a hint, not a copy of the file


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """`text`, cut to `limit` characters with "…" when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
