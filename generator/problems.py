"""A problem found in the data: where it is, what is wrong, and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# "error": `check` fails and nothing is built; "draft": `check` passes and `mkdocs serve` previews
# it, but `mkdocs build` will not publish it (placeholders); "warning": worth saying, stops nothing
# (an editor's lock file beside a region while `mkdocs serve` runs). See checks/registry.py.
Severity = Literal["error", "draft", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the project root, as a contributor would open it
    line: int
    message: str  # what is wrong, with what was expected
    hint: str = ""  # how to fix it / the valid choices
    kind: str = "data"  # the check that found it (yaml, schema, reference, quote, …)
    severity: Severity = "error"

    def format(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        # shown escaped: a direction override in a message could reorder the line on a terminal
        return visible(f"{text} ({self.hint})" if self.hint else text)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that must stop `check` and the build; the rest are warnings to print."""
    return [p for p in problems if p.is_error]


def drafts(problems: Iterable[Problem]) -> list[Problem]:
    """What may be previewed but not published."""
    return [p for p in problems if p.severity == "draft"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def format_report(problems: list[Problem]) -> str:
    """Errors sorted by file and line with one count line, then what to finish before the site can
    be built (drafts), then warnings (⚠) and their count."""
    parts = []
    found = _distinct(errors(problems))
    if found:
        parts += [p.format() for p in found] + [f"✖ {_count(found, 'problem')}"]
    unfinished = _distinct(drafts(problems))
    if unfinished:
        parts += [f"⚠ {len(unfinished)} to finish before the site can be built:"] + [f"  {p.format()}" for p in unfinished]
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


# Characters that show as nothing or change how the text around them is shown: the format
# characters (Unicode category Cf as of Unicode 15: soft hyphen, zero-width spaces and joiners,
# direction marks, bidirectional embeddings, overrides and isolates (a "Trojan Source" reorders
# text with them), word joiners, invisible operators, the BOM, tags) and the fillers and joiners
# that are not Cf but render as nothing (Hangul fillers, the combining grapheme joiner, Khmer
# inherent vowels). The YAML reader refuses them anywhere in a data file.
INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # the marks, embeddings, overrides and isolates
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}\u2028\u2029]")


def visible(text: str) -> str:
    """`text` with control and invisible characters written as escapes (\\u202e)."""
    return _HIDDEN.sub(lambda hit: ascii(hit.group())[1:-1], text)
