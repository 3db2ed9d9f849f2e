"""A YAML file's text before it is parsed: UTF-8, no tab, no invisible or direction-changing
character, and the mistakes a Chinese keyboard makes (full-width colons, spaces and brackets)
named at their line — YAML's parser would stumble on them a line later, with a message about
something else.
"""

from __future__ import annotations

import re
import unicodedata

from generator.problems import BIDI, INVISIBLE, Problem

# Besides C0 controls: C1 controls (YAML reads U+0085 as a line break, which shifts every line
# number after it; the others it refuses with a message without a line), a carriage return that
# does not end a line (the same line-break problem), every invisible or direction-changing
# character (`problems.INVISIBLE`: zero-width spaces, the BOM, bidirectional overrides …), line and
# paragraph separators, and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}\u2028\u2029\ufffe\uffff]|\r(?!\Z)")
_BIDI = re.compile(f"[{BIDI}]")


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text and control-character problems (which YAML would reject or hide)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                rel,
                line,
                f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02X} on this line)",
                "save it as UTF-8; Chinese text in GBK or GB18030 looks like this",
                kind="yaml",
            )
        ]
    problems = []
    for number, content in enumerate(text.split("\n"), start=1):
        found = _CONTROL.search(content)
        if found:
            problems.append(_hidden_char(rel, number, found.group()[0], found.start() + 1))
        if "\t" in content:
            problems.append(Problem(rel, number, f"tab character at column {content.index(chr(9)) + 1}", "indent with spaces", kind="yaml"))
    if problems:
        return None, problems
    return text, []


# ---------------------------------------------------------------------------------------------
# Punctuation typed on a Chinese keyboard. A field name (ASCII, lowercase) followed by a full-width
# colon, or by a colon and a full-width space, is never meant as text: YAML reads it as one plain
# text and then stumbles, often a line later.

_FULL_WIDTH_KEY = re.compile(r"[ ]*(?:-[ ]+)*(?P<key>[a-z_][a-z0-9_]*)[ ]*(?:(?P<colon>：)|:(?P<space>\u3000))")
# a value opened with a full-width bracket: `short_name: ｛zh: …｝` (its ': ' inside then breaks YAML)
_FULL_WIDTH_OPEN = re.compile(r"[ ]*(?:-[ ]+)*(?P<key>[a-z_][a-z0-9_]*):[ ]+(?P<open>[［｛])")
_INDENT_SPACE = re.compile(r"[ ]*\u3000")
_BLOCK_START = re.compile(r".*[:-][ ]+[|>][-+0-9]*[ ]*(#.*)?\Z")


def full_width_lines(text: str, rel: str, upto: int) -> list[Problem]:
    """Problems for full-width colons and spaces where YAML needs ASCII ones, on lines 1..`upto`
    outside block text (`|`, `>`), whose lines may hold anything."""
    problems: list[Problem] = []
    block: int | None = None  # the indentation a block text's lines are deeper than
    for number, line in enumerate(text.split("\n")[:upto], start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (indent > block or not line.strip()):
            continue
        block = indent if _BLOCK_START.match(line) else None
        found = _FULL_WIDTH_KEY.match(line)
        opened = _FULL_WIDTH_OPEN.match(line)
        if found:
            problems.append(_full_width_key(rel, number, found))
        elif opened:
            message = f"full-width bracket '{opened['open']}' opens the value of '{opened['key']}'; YAML needs ASCII brackets"
            problems.append(Problem(rel, number, message, "write [a, b] for a list, {zh: …, en: …} for a mapping", kind="yaml"))
        elif _INDENT_SPACE.match(line):
            problems.append(_full_width_indent(rel, number))
    return problems


def full_width_key(rel: str, text: str, line: int) -> Problem | None:
    """The problem with a plain scalar that is a key typed with full-width punctuation, if any."""
    found = _FULL_WIDTH_KEY.match(text)
    if found:
        return _full_width_key(rel, line, found)
    if text.startswith("\u3000"):  # YAML takes it for a character of the key, not indentation
        return _full_width_indent(rel, line)
    return None


def _full_width_indent(rel: str, line: int) -> Problem:
    return Problem(rel, line, "full-width space U+3000 in the indentation", "indent with ASCII spaces", kind="yaml")


def _full_width_key(rel: str, line: int, found: re.Match[str]) -> Problem:
    key = found["key"]
    if found["colon"]:
        message = f"full-width colon '：' after '{key}'; YAML needs an ASCII ':' followed by a space"
    else:
        message = f"full-width space after '{key}:'; YAML needs an ASCII space after the ':'"
    return Problem(rel, line, message, f"write `{key}: …`, with YAML's punctuation typed in half-width, English mode", kind="yaml")


def _hidden_char(rel: str, line: int, char: str, column: int) -> Problem:
    if _BIDI.match(char):
        # a "Trojan Source": the override makes a line show in another order than it is read
        message = f"bidirectional control character {_describe_char(char)} at column {column}"
        hint = "delete it: it makes text show in a different order from the one it is read in"
    else:
        message = f"control or invisible character {_describe_char(char)} at column {column}"
        hint = "delete it; only visible characters, spaces and newlines are allowed"
    return Problem(rel, line, message, hint, kind="yaml")


def _describe_char(char: str) -> str:
    name = {"\r": "carriage return", "\x85": "NEXT LINE"}.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
