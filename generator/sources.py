"""The archived source texts, and finding quotes in them.

OCR put spaces inside words and numbers ("2000 万公 里"), so quotes are matched with all
whitespace removed. `SourceText` keeps that stripped text together with the line each of its
characters came from, so a match can be reported as a line of the archived file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


def squeeze(text: str) -> str:
    """Remove all whitespace (OCR spaces, line breaks, full-width spaces)."""
    return "".join(text.split())


@dataclass
class SourceText:
    name: str
    text: str
    stripped: str = field(init=False)
    # line_starts[i] = index in `stripped` of the first character of line i+1
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        parts: list[str] = []
        self.line_starts = []
        position = 0
        lines = self.text.split("\n")
        if len(lines) > 1 and not lines[-1]:
            # a final newline ends the last line; it does not start another. Without this a file of
            # 195 lines ending in "\n" had 196, and the range [1, 196] passed `article_spans`.
            lines.pop()
        for line in lines:
            self.line_starts.append(position)
            squeezed = squeeze(line)
            parts.append(squeezed)
            position += len(squeezed)
        self.stripped = "".join(parts)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_at(self, index: int) -> int:
        """1-based line of the character at `index` of the stripped text."""
        return bisect.bisect_right(self.line_starts, index)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Stripped-text [start, end) of lines first..last (1-based, inclusive)."""
        start = self.line_starts[first - 1]
        end = self.line_starts[last] if last < self.line_count else len(self.stripped)
        return start, end

    def find(self, quote: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
        """[start, end) of `quote` in the stripped text within the given line ranges, or None."""
        needle = squeeze(quote)
        if not needle:
            return None
        for first, last in lines:
            start, end = self.span(first, last)
            found = self.stripped.find(needle, start, end)
            if found >= 0:
                return found, found + len(needle)
        return None

    def find_anywhere(self, quote: str) -> int | None:
        """Line where `quote` occurs anywhere in the file (for 'outside the article' hints)."""
        placed = self.lines_of(quote)  # "" is found nowhere: `find` above says None for it too
        return placed[0] if placed else None

    def lines_of(self, quote: str) -> tuple[int, int] | None:
        """(first line, last line) of the first place `quote` occurs anywhere in the file."""
        needle = squeeze(quote)
        found = self.stripped.find(needle) if needle else -1
        return (self.line_at(found), self.line_at(found + len(needle) - 1)) if found >= 0 else None

    def longest_prefix(self, quote: str, lines: list[tuple[int, int]]) -> tuple[int, int]:
        """(length, line) of the longest start of `quote` found in the ranges: where it diverges."""
        needle = squeeze(quote)
        low, high, where = 0, len(needle), 0
        while low < high:  # binary search: a prefix that matches implies shorter ones do too
            middle = (low + high + 1) // 2
            hit = self.find(needle[:middle], lines)
            if hit:
                low, where = middle, hit[0]
            else:
                high = middle - 1
        return low, self.line_at(where) if low else 0
