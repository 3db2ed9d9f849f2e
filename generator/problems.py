"""A problem found in the data: where it is, what is wrong, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the project root, as a contributor would open it
    line: int
    message: str  # what is wrong, with what was expected
    hint: str = ""  # how to fix it / the valid choices
    kind: str = "data"  # the check that found it (yaml, schema, reference, quote, …)

    def format(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def format_report(problems: list[Problem]) -> str:
    """All problems, sorted by file and line, then one count line."""
    # one line per distinct text: two checks reporting the same thing (same kind or not) would
    # otherwise print it twice
    ordered = list({p.format(): p for p in sorted(problems)}.values())
    lines = [p.format() for p in ordered]
    files = len({p.file for p in ordered})
    noun = "problem" if len(ordered) == 1 else "problems"
    lines.append(f"✖ {len(ordered)} {noun} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines)
