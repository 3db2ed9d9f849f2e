"""The generator's large blocks — data tables, charts, citations — as finished HTML inside the
Markdown pages, and a way for a build to skip re-reading them.

Why: at 300 regions, Python-Markdown spent more than half of the build on these blocks, not on
prose. A data table is a few hundred cells full of links, and its inline patterns run over every
cell; a block of raw HTML it does not convert, but its raw-HTML preprocessor still feeds the whole
block through an HTML parser, tag by tag, only to hand it back unchanged.

So the generator writes tables as HTML itself (`finish`): the templates keep their
readable Markdown tables, and each page's tables are converted when the page is rendered — into
the HTML Python-Markdown and MkDocs make of them, with every link already the page URL MkDocs
would have made of it. Each finished block is marked (`block`): any engine reading the pages gets
ordinary raw HTML, and `stash`/`unstash` let the MkDocs plugin hand Python-Markdown a one-line
placeholder instead and put the block back into the page's HTML afterwards — the same page, with
no parsing of what is already HTML.

The converter knows only the Markdown this generator writes in table cells: text escaped by
`text.md`, raw inline tags, code spans and links `[text](target "title")`. Anything else in a table
(emphasis, an image, an alignment row) raises `Unsupported`, and that table stays Markdown for Python-Markdown to
convert: correct, only slower (tests check no table of the real or synthetic data falls back).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator

from generator.paths import url

OPEN, CLOSE = "<!-- zr-html -->", "<!-- /zr-html -->"
_MARKED = re.compile(re.escape(OPEN) + r"\n(.*?)\n" + re.escape(CLOSE), re.DOTALL)
# A placeholder holds the block's ids as empty elements: MkDocs checks each link to an anchor
# against the ids it finds in the page it converts (a quote's row on an article's page is the
# target of every number's link), so they must be there for it to find.
_PLACEHOLDER = '<div data-zr-html="{}">{}</div>'
_PLACED = re.compile(r'<div data-zr-html="(\d+)">(?:<span id="[^"<>]*"></span>)*</div>')
_ID = re.compile(r'(?<![\w-])id="([^"<>]*)"')


class Unsupported(ValueError):
    """A table holds Markdown this converter does not make HTML of: Python-Markdown does."""


def block(html: str) -> str:
    """A finished block of HTML, marked so a build may skip parsing it (see `stash`), on lines of
    its own at the start of a line: raw HTML to Markdown. `html` must not hold a blank line."""
    return f"{OPEN}\n{html}\n{CLOSE}"


def stash(markdown: str) -> tuple[str, list[str]]:
    """The page with each marked block replaced by a one-line placeholder (holding the block's
    ids, nothing else), and the blocks. (str.find, not `_MARKED`: a lazy regex over a page of
    tables was a tenth of the build.)"""
    blocks: list[str] = []
    out: list[str] = []
    end = 0
    while (start := markdown.find(OPEN + "\n", end)) >= 0 and (close := markdown.find("\n" + CLOSE, start)) >= 0:
        inner = markdown[start + len(OPEN) + 1 : close]
        ids = "".join(f'<span id="{anchor}"></span>' for anchor in _ID.findall(inner))
        out += [markdown[end:start], _PLACEHOLDER.format(len(blocks), ids)]
        blocks.append(inner)
        end = close + len(CLOSE) + 1
    return "".join([*out, markdown[end:]]), blocks


def unmark(markdown: str) -> str:
    """The page without the marks, for an engine that has no use for them (stage.py)."""
    return _MARKED.sub(lambda found: found[1], markdown)


def unstash(html: str, blocks: list[str]) -> str:
    """The page's HTML with each placeholder back as its block, without the marks: what
    converting the whole page would have made (raw HTML comes out of Python-Markdown as it went
    in), less two comments per block."""
    return _PLACED.sub(lambda found: blocks[int(found[1])], html) if blocks else html


# ---------------------------------------------------------------------------------------------
# tables

_ROW = re.compile(r"^\|.*\|$")
_RULE = re.compile(r"^\|(?:-{3,}\|)+$")  # no alignment colons: those are left to Python-Markdown
# a collapsible block (pymdownx.details, base.fold): "+": open; "info" or "note", maybe more classes
_DETAILS = re.compile(r'^\?\?\?(\+?) ((?:info|note)(?: [a-z][a-z0-9-]*)*) "([^"\n]*)"$')
_INDENT = "    "


def finish(markdown: str, page: str) -> str:
    """The page (Markdown, at `page` below docs/) with its tables — alone, or alone in a `??? info`
    or `??? note` block, closed or open — and its one-line figures as marked HTML blocks; a table the converter cannot read
    stays as it was."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        made = _details_at(lines, i, page) or _table_at(lines, i, "", page) or _figure_at(lines, i)
        if made is None:
            out.append(lines[i])
            i += 1
        else:
            html, i = made
            out.append(block(html))
    return "\n".join(out)


def _alone(lines: list[str], start: int, end: int) -> bool:
    """Lines start…end-1 are a block of their own: blank lines (or the page's ends) around them."""
    return (start == 0 or not lines[start - 1].strip()) and (end >= len(lines) or not lines[end].strip())


def _figure_at(lines: list[str], i: int) -> tuple[str, int] | None:
    """A chart (charts.embed): one line, a whole <figure>, which Markdown leaves as it is."""
    line = lines[i]
    if line.startswith("<figure ") and line.endswith("</figure>") and _alone(lines, i, i + 1):
        return line, i + 1
    return None


def _table_at(lines: list[str], i: int, indent: str, page: str) -> tuple[str, int] | None:
    """The table starting at line `i` (with `indent`) as HTML, and the line after it."""
    if not _is_row(lines, i, indent) or not (_is_row(lines, i + 1, indent) and _RULE.match(lines[i + 1][len(indent) :])):
        return None
    end = i + 2
    while _is_row(lines, end, indent):
        end += 1
    if not _alone(lines, i, end):  # a table is a block of its own: blank lines around it
        return None
    try:
        html = _table([line[len(indent) :] for line in lines[i:end]], page)
    except Unsupported:
        return None
    return html, end


def _details_at(lines: list[str], i: int, page: str) -> tuple[str, int] | None:
    """`??? info "summary"` (or note, maybe with more classes; `???+`: open), a blank line, an
    indented table: pymdownx.details' <details>."""
    found = _DETAILS.match(lines[i])
    if not found or i + 2 >= len(lines) or lines[i + 1].strip():
        return None
    table = _table_at(lines, i + 2, _INDENT, page)
    if table is None:
        return None
    html, end = table
    rest = next((line for line in lines[end:] if line.strip()), "")
    if rest.startswith(_INDENT):  # the block holds more than the table
        return None
    try:
        summary = _Inline(page)(found[3])
    except Unsupported:
        return None
    opened = ' open="open"' if found[1] else ""
    return f'<details class="{found[2]}"{opened}>\n<summary>{summary}</summary>\n{html}\n</details>', end


def _is_row(lines: list[str], i: int, indent: str) -> bool:
    return i < len(lines) and lines[i].startswith(indent) and bool(_ROW.match(lines[i][len(indent) :]))


def _table(rows: list[str], page: str) -> str:
    """Python-Markdown's table: a header row, then the body rows (the rule between is dropped)."""
    header, body = _cells(rows[0]), [_cells(row) for row in rows[2:]]
    if any(len(cells) != len(header) for cells in body):
        raise Unsupported("a row with another number of cells than the header")
    inline = _Inline(page)
    out = ["<table>", "<thead>", "<tr>", *(f"<th>{inline(c)}</th>" for c in header), "</tr>", "</thead>", "<tbody>"]
    for cells in body:
        out += ["<tr>", *(f"<td>{inline(c)}</td>" for c in cells), "</tr>"]
    return "\n".join([*out, "</tbody>", "</table>"])


_CELL = re.compile(r"((?:\\.|[^\\|])*)\|")  # a cell's text up to the "|" that ends it (escapes skipped)


def _cells(row: str) -> list[str]:
    """A row's cells, stripped: split at each `|` that no backslash escapes."""
    return [cell.strip() for cell in _CELL.findall(row, 1)]


# ---------------------------------------------------------------------------------------------
# the inline Markdown of a cell

# Python-Markdown's backslash escapes (and `|`, which the tables extension unescapes)
_ESCAPABLE = set("\\`*_{}[]()>#+-.!|")
_TOKEN = re.compile(
    r"""(?P<escape>\\.)
      | (?P<code>`[^`]+`)
      | (?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*\s*/?>)
      | (?P<entity>&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)
      | (?P<link>\[)
      | (?P<markup>[*_`{}<>&!\]])
      | (?P<text>[^\\<&\[*_`{}>!\]]+)""",
    re.VERBOSE,
)
_TARGET = re.compile(r'\]\((?P<target>[^\s()"<>]+)(?:\s+"(?P<title>[^"<>]*)")?\)')


class _Inline:
    """A cell's inline Markdown → HTML, for one page (links are made relative to its URL)."""

    def __init__(self, page: str) -> None:
        self.page = page

    def __call__(self, cell: str) -> str:
        return "".join(self._html(cell, in_link=False))

    def _html(self, text: str, in_link: bool) -> Iterator[str]:
        pos = 0
        while pos < len(text):
            token = _TOKEN.match(text, pos)
            if token is None:
                raise Unsupported(f"cannot read {text[pos : pos + 20]!r}")
            kind, value = token.lastgroup, token[0]
            pos = token.end()
            if kind == "escape":
                yield _escaped(value[1])
            elif kind == "code":  # as Python-Markdown: stripped, &, < and > escaped, nothing else read
                yield f"<code>{value[1:-1].strip().replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</code>"
            elif kind in ("tag", "entity", "text"):
                yield value
            elif kind == "link" and not in_link:
                html, pos = self._link(text, pos)
                yield html
            elif value == "!" and not text.startswith("[", pos):  # "![" would be an image
                yield value
            else:  # emphasis, code, attribute lists, a bare "&" or "<": Python-Markdown's to read
                raise Unsupported(f"Markdown {value!r} in a table cell")

    def _link(self, text: str, start: int) -> tuple[str, int]:
        """`[label](target "title")` from after its "[": the <a>, and where the link ends."""
        close = _closing_bracket(text, start)
        found = _TARGET.match(text, close)
        if found is None:
            raise Unsupported("a link this converter does not read")
        label = "".join(self._html(text[start:close], in_link=True))
        title = f' title="{found["title"]}"' if found["title"] is not None else ""
        return f'<a href="{_href(self.page, found["target"])}"{title}>{label}</a>', found.end()


def _closing_bracket(text: str, start: int) -> int:
    """Where the "]" that closes a link's label is (escaped brackets do not count)."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            raise Unsupported("a bracket inside a link's label")
        if text[i] == "]":
            return i
        i += 1
    raise Unsupported("a link's label never ends")


def _escaped(ch: str) -> str:
    if ch not in _ESCAPABLE:
        raise Unsupported(f"backslash before {ch!r}")
    return "&gt;" if ch == ">" else ch


@functools.lru_cache(maxsize=65536)  # a page links to the same few pages hundreds of times
def _href(page: str, target: str) -> str:
    """A link's target as MkDocs writes it into the page: a page (`x.md#a`) as its directory URL
    relative to this page's; any other file relative to this page's URL; a URL unchanged."""
    if target.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", target):
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved.endswith(".md"):
        return url(page, resolved, anchor)
    raise Unsupported(f"a link to a file ({target}): MkDocs' to resolve")
