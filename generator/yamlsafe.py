"""Read one YAML file into plain Python values, keeping the line of every value.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys, reads `NO` as False
and `0755` as 493, expands aliases without bound, and (the C loader) crashes on deep nesting. We
walk PyYAML's *event* stream instead — an iterative parser, so no recursion — build the values
ourselves, and turn each of those surprises into a `Problem` that names the file and line.

Only the pure-Python parser is used: it is fast enough for files bounded to `MAX_BYTES`.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.resolver import Resolver

from generator.files import read_file
from generator.problems import Problem, excerpt
from generator.yamltext import decode, full_width_key, full_width_lines

MAX_BYTES = 512 * 1024
MAX_DEPTH = 24

Path_ = tuple[str | int, ...]

_RESOLVER = Resolver()
# First characters for which YAML may read a plain scalar as something other than text ("" too:
# the empty scalar is null). Anything else is text without asking the resolver (the bulk of a file).
_RESOLVABLE = frozenset(key for key in Resolver.yaml_implicit_resolvers if key is not None)
# libyaml's event parser when available: ~5x faster, and iterative like the Python one (the
# crashes on deep nesting seen elsewhere are in recursive *construction*, which we never do;
# the depth bound below stops a deep file long before any stack could matter).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CANONICAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
# What YAML 1.2 and every other reader also take as a float. YAML 1.1 floats beyond this
# (`1_000.5`, sexagesimal `1:30.5`) are surprises, like `0755` for ints.
_CANONICAL_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+][0-9]+)?\Z")
_MAX_DIGITS = 100  # a longer number is a mistake; Python refuses to convert > 4300 digits anyway
_CANONICAL_BOOL = {"true", "false"}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}


class Bare:
    """An unquoted scalar that YAML reads as a number or a date, remembering how it was written.

    Typed fields decide what it may be: a number field takes `.value`; a text field refuses it,
    because `1.10` in a text field would silently become `1.1` in any other YAML reader."""

    __slots__ = ("kind", "text", "value")

    def __init__(self, text: str, value: Any, kind: str) -> None:
        self.text, self.value, self.kind = text, value, kind

    def __repr__(self) -> str:
        return f"Bare({self.text!r})"


@dataclass
class Document:
    """A parsed file: its plain data and the line (1-based) of every key path in it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one (a missing key's parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class _Builder:
    """Builds values from parser events with an explicit stack (no recursion)."""

    def __init__(self, path: Path, rel: str) -> None:
        self.rel = rel
        self.doc = Document(path, None)
        self.problems: list[Problem] = []
        # Each frame: [container, path, pending_key, key_line, seen_keys]
        self.stack: list[list[Any]] = []
        self.documents = 0

    def problem(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.rel, line, message, hint, kind="yaml"))

    def child_path(self) -> Path_ | None:
        """Path of the value about to be added; None when it is a mapping key."""
        if not self.stack:
            return ()
        container, path, pending, _line, _seen = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        if pending is _NO_KEY:
            return None
        return (*path, pending)

    def add(self, value: Any, line: int) -> None:
        if not self.stack:
            self.doc.data = value
            return
        frame = self.stack[-1]
        container, _path, pending, _key_line, _seen = frame
        if isinstance(container, list):
            container.append(value)
        elif pending is _NO_KEY:  # this value is a key
            self.key(frame, value, line)
        else:
            container[pending] = value
            frame[2] = _NO_KEY

    def key(self, frame: list[Any], value: Any, line: int) -> None:
        path, seen = frame[1], frame[4]
        key = value.text if isinstance(value, Bare) else value
        if not isinstance(key, str):
            if not isinstance(value, (dict, list)):  # a mapping or list as key: reported by `start`
                self.problem(line, f"mapping key {key!r} is not text", "write keys as plain words")
            key = str(key)
        if key in seen:
            self.problem(
                line,
                f"duplicate key '{excerpt(key)}' (first at line {seen[key]})",
                "YAML readers silently keep only the last one; merge or rename them",
            )
        seen.setdefault(key, line)
        frame[2], frame[3] = key, line
        self.doc.lines[(*path, key)] = line

    def scalar(self, event: yaml.ScalarEvent) -> None:
        """`start` + `add` for a scalar, inlined: scalars are most of a file's events."""
        line = _line(event)
        text = event.value
        if event.tag is None and (event.style or text[:1] not in _RESOLVABLE):
            value: Any = text  # quoted text, or plain text no implicit type starts like (Chinese)
        else:
            value = self.convert(event, line)
        # where a mapping could start (a key, a list item, the file), `metric： x` is one plain text
        if not event.style and not text.isascii() and self.key_could_be_here():
            self.full_width(text, line)
        if not self.stack:
            self.doc.lines.setdefault((), line)
            self.doc.data = value
            return
        frame = self.stack[-1]
        container, path, pending = frame[0], frame[1], frame[2]
        if container.__class__ is list:
            self.doc.lines.setdefault((*path, len(container)), line)
            container.append(value)
        elif pending is _NO_KEY:
            self.key(frame, value, line)
        else:
            self.doc.lines.setdefault((*path, pending), line)
            container[pending] = value
            frame[2] = _NO_KEY

    def key_could_be_here(self) -> bool:
        return not self.stack or self.stack[-1][0].__class__ is list or self.stack[-1][2] is _NO_KEY

    def full_width(self, text: str, line: int) -> None:
        problem = full_width_key(self.rel, text, line)
        if problem:
            self.problems.append(problem)

    def convert(self, event: yaml.ScalarEvent, line: int) -> Any:
        text = event.value
        if event.tag not in (None, "!"):
            self.problem(line, f"explicit tag {_shown_tag(event.tag)} is not allowed", "remove the tag")
            return text
        if event.style or not event.implicit[0]:  # libyaml says "" for plain, PyYAML None
            return text  # quoted or block text: always a string
        tag = cast(str, _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]
        kind = tag.rsplit(":", 1)[-1]
        if kind == "null":
            return None if text in _NULL_WORDS else text
        if kind == "bool":
            if text in _CANONICAL_BOOL:
                return text == "true"
            self.problem(
                line,
                # `True`/`TRUE` are booleans too (only lowercase is canonical): it was shown as False
                f"'{text}' is read by YAML 1.1 as the boolean {text.lower() in ('yes', 'y', 'on', 'true')}",
                f'write true or false for a yes/no value, or quote it ("{text}") to keep the text',
            )
            return text
        if kind in ("int", "float"):
            return self.number(text, kind, line)
        if kind == "timestamp":
            return Bare(text, text, "date")
        return text

    def number(self, text: str, kind: str, line: int) -> Any:
        # Every conversion here used to be able to crash (`float("1:30.5")`, `int()` of 5,000 digits)
        # or to yield inf (`1.0e+400`); each now becomes a problem with the line.
        if text.lower().lstrip("+-") in (".inf", ".nan"):
            self.problem(line, f"'{text}' is not a finite number", "write a plain number")  # .inf, .nan: short
            return text
        canonical = _CANONICAL_INT if kind == "int" else _CANONICAL_FLOAT
        if not canonical.match(text):
            self.problem(
                line,
                f"'{excerpt(text)}' is read by YAML 1.1 as the number {_yaml11_number(text)}",
                f'write the number in plain decimal digits, or quote it ("{excerpt(text)}") to keep the text',
            )
            return text
        if sum(c.isdigit() for c in text) > _MAX_DIGITS:
            self.problem(
                line,
                f"a number of {len(text):,} characters is too long",
                f"write at most {_MAX_DIGITS} digits, or quote it to keep the text",
            )
            return text
        value = int(text) if kind == "int" else float(text)
        if not math.isfinite(value):
            self.problem(line, f"'{excerpt(text)}' is too large for a number", "write a smaller number, or quote it to keep the text")
            return text
        return Bare(text, value, "number")

    def start(self, container: Any, line: int) -> None:
        path = self.child_path()
        if path is None:
            self.problem(line, "a mapping or list cannot be a key", "keys are plain words")
            path = ()
        self.doc.lines.setdefault(path, line)
        if len(self.stack) >= MAX_DEPTH:
            raise _TooDeep(line)
        self.add(container, line)
        self.stack.append([container, path, _NO_KEY, line, {}])

    def end(self) -> None:
        self.stack.pop()


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


_NO_KEY = object()


def _yaml11_number(text: str) -> Any:
    if len(text) > _MAX_DIGITS:
        return "(too long to show)"
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):  # pragma: no cover - the resolver said it is a number
        return text


def read_yaml(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Parse `path` (shown to users as `rel`). Returns the document, or None when unusable."""
    raw, problems = read_file(path, rel, MAX_BYTES, "keep one region per file and remove what does not belong")
    if raw is None:
        return None, problems
    doc, problems = _parse(path, rel, raw)
    return doc, list(problems)  # a copy: the cached list must not change


@functools.lru_cache(maxsize=1024)
def _parse(path: Path, rel: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Cached by content: under `mkdocs serve` every rebuild reads all of data/ again, and a save
    changes one file. Callers only read the Document."""
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    builder = _Builder(path, rel)
    try:
        try:
            _walk(builder, text, _LOADER)
        except yaml.MarkedYAMLError:
            # rare path: parse again with PyYAML's own parser, whose messages the hints and the
            # golden files are written for (libyaml words the same errors differently)
            builder = _Builder(path, rel)
            _walk(builder, text, yaml.SafeLoader)
    except _TooDeep as deep:
        return None, [
            *problems,
            Problem(rel, deep.line, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure", kind="yaml"),
        ]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        # a full-width colon or space is what the contributor must fix, and is often a line above
        # the one the parser stumbles on: say that instead
        typed = full_width_lines(text, rel, line)
        if typed:
            return None, [*problems, *typed]
        what = err.problem or err.context or "invalid YAML"
        return None, [*problems, Problem(rel, line, f"YAML syntax error: {what}", _syntax_hint(what), kind="yaml")]
    except yaml.YAMLError as err:
        return None, [*problems, Problem(rel, 1, f"YAML error: {err}", kind="yaml")]
    return builder.doc, problems + builder.problems


def _walk(builder: _Builder, text: str, loader: Any) -> None:
    # dispatch on the exact event class: an isinstance chain per event was a fifth of reading
    event: Any  # each branch knows its event's class; the stubs type the stream as plain Event
    for event in yaml.parse(text, Loader=loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor:
                builder.problem(_line(event), _NO_ANCHORS, _NO_ANCHORS_HINT)
            builder.scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            line = _line(event)
            if event.anchor:
                builder.problem(line, _NO_ANCHORS, _NO_ANCHORS_HINT)
            if event.tag not in (None, "!"):  # !!set, !!omap, !!python/object…: refused as on scalars
                builder.problem(line, f"explicit tag {_shown_tag(event.tag)} is not allowed", "remove the tag")
            builder.start({} if kind is yaml.MappingStartEvent else [], line)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            builder.end()
        elif kind is yaml.AliasEvent:
            line = _line(event)
            builder.problem(line, _NO_ANCHORS, _NO_ANCHORS_HINT)
            # the alias as text: as a key it must not cause a second "key is not text" problem
            builder.add(f"*{event.anchor}", line)
        elif kind is yaml.DocumentStartEvent:
            builder.documents += 1
            if builder.documents > 1:
                builder.problem(_line(event), "more than one YAML document in the file", "remove the '---' separator")
                return


_NO_ANCHORS = "anchors and aliases (&name, *name) are not allowed"
_NO_ANCHORS_HINT = "write the value out in full"


def _shown_tag(tag: str) -> str:
    """A tag as it was written: `!!set` rather than the parser's `tag:yaml.org,2002:set`."""
    return excerpt(re.sub(r"^tag:yaml\.org,2002:", "!!", tag))


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in what:
        return "indent with spaces, not tabs"
    return "check indentation and quoting around this line"
