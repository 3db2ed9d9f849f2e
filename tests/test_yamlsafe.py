from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import files
from generator.files import read_file
from generator.problems import INVISIBLE
from generator.yamlsafe import MAX_BYTES, MAX_DEPTH, Bare, Document, read_yaml


def read(tmp_path: Path, text: str | bytes) -> tuple[Document | None, list[str]]:
    path = tmp_path / "f.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    doc, problems = read_yaml(path, "data/f.yml")
    return doc, [p.format() for p in problems]


def data(tmp_path: Path, text: str) -> Any:
    doc, problems = read(tmp_path, text)
    assert problems == []
    assert doc is not None
    return doc.data


# ---------------------------------------------------------------------------------------------
# values and lines


def test_plain_values_and_their_lines(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: text\nb:\n  - x\n  - {zh: 中, en: y}\nc: 'quoted'\n")
    assert problems == [] and doc is not None
    assert doc.data == {"a": "text", "b": ["x", {"zh": "中", "en": "y"}], "c": "quoted"}
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b", 0)] == 3
    assert doc.lines[("b", 1, "en")] == 4
    assert doc.line_of(("b", 1, "missing")) == 4  # a missing key: its parent's line
    assert doc.line_of(("nothing", 5)) == 1


def test_numbers_and_dates_are_bare_and_remember_how_they_were_written(tmp_path: Path) -> None:
    value = data(tmp_path, "a: 1.10\nb: 2100\nc: 2024-02-03\nd: -0.5\n")
    assert isinstance(value["a"], Bare) and (value["a"].text, value["a"].value, value["a"].kind) == ("1.10", 1.1, "number")
    assert (value["b"].text, value["b"].value) == ("2100", 2100)
    assert (value["c"].text, value["c"].kind) == ("2024-02-03", "date")
    assert value["d"].value == -0.5
    assert repr(value["a"]) == "Bare('1.10')"


def test_quoted_and_block_scalars_stay_text(tmp_path: Path) -> None:
    assert data(tmp_path, "a: \"0755\"\nb: 'NO'\nc: |\n  1.10\n") == {"a": "0755", "b": "NO", "c": "1.10\n"}


def test_nulls_and_canonical_booleans(tmp_path: Path) -> None:
    assert data(tmp_path, "a:\nb: ~\nc: null\nd: true\ne: false\n") == {"a": None, "b": None, "c": None, "d": True, "e": False}


def test_empty_file_is_none_without_problems(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "")
    assert problems == [] and doc is not None and doc.data is None


# ---------------------------------------------------------------------------------------------
# the traps


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    _doc, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems == [
        "data/f.yml:3: duplicate key 'a' (first at line 1) (YAML readers silently keep only the last one; merge or rename them)"
    ]


def test_duplicate_keys_in_nested_flow_mapping(tmp_path: Path) -> None:
    _doc, problems = read(tmp_path, "x:\n  - {zh: 一, zh: 二}\n")
    assert len(problems) == 1 and problems[0].startswith("data/f.yml:2: duplicate key 'zh'")


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("NO", False), ("no", False), ("Off", False), ("yes", True), ("Yes", True), ("on", True), ("True", True), ("FALSE", False)],
)
def test_yaml11_booleans_are_refused(tmp_path: Path, text: str, meaning: bool) -> None:
    doc, problems = read(tmp_path, f"en: {text}\n")
    assert problems == [
        f"data/f.yml:1: '{text}' is read by YAML 1.1 as the boolean {meaning} "
        f'(write true or false for a yes/no value, or quote it ("{text}") to keep the text)'
    ]
    assert doc is not None and doc.data == {"en": text}


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("0755", "493"), ("0x1F", "31"), ("0b101", "5"), ("1_000", "1000"), ("1:30", "90"), ("1:30.5", "90.5"), ("1_000.5", "1000.5")],
)
def test_yaml11_numbers_are_refused_without_crashing(tmp_path: Path, text: str, meaning: str) -> None:
    # 1:30.5 used to crash: float("1:30.5") raised ValueError out of the reader
    _doc, problems = read(tmp_path, f"a: {text}\n")
    assert problems == [
        f"data/f.yml:1: '{text}' is read by YAML 1.1 as the number {meaning} "
        f'(write the number in plain decimal digits, or quote it ("{text}") to keep the text)'
    ]


@pytest.mark.parametrize("text", [".inf", "-.Inf", ".NaN"])
def test_non_finite_numbers_are_refused(tmp_path: Path, text: str) -> None:
    assert read(tmp_path, f"a: {text}\n")[1] == [f"data/f.yml:1: '{text}' is not a finite number (write a plain number)"]


def test_a_float_too_large_is_refused_not_inf(tmp_path: Path) -> None:
    assert read(tmp_path, "a: 1.0e+400\n")[1] == [
        "data/f.yml:1: '1.0e+400' is too large for a number (write a smaller number, or quote it to keep the text)"
    ]


def test_a_number_of_thousands_of_digits_is_refused_not_a_crash(tmp_path: Path) -> None:
    # int() of more than 4,300 digits raises ValueError in Python 3.11
    problems = read(tmp_path, "a: " + "9" * 5000 + "\n")[1]
    assert problems == ["data/f.yml:1: a number of 5,000 characters is too long (write at most 100 digits, or quote it to keep the text)"]
    assert read(tmp_path, "a: 0" + "7" * 5000 + "\n")[1][0].startswith("data/f.yml:1: '07777")


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert problems == [
        "data/f.yml:1: anchors and aliases (&name, *name) are not allowed (write the value out in full)",
        "data/f.yml:2: anchors and aliases (&name, *name) are not allowed (write the value out in full)",
    ]
    assert doc is not None and doc.data["b"] == "*x"  # never expanded


def test_an_alias_used_as_a_key_is_one_problem(tmp_path: Path) -> None:
    assert len(read(tmp_path, "a: &k key\n*k : 2\n")[1]) == 2  # the anchor and the alias, nothing more


def test_collections_as_keys_are_one_problem(tmp_path: Path) -> None:
    assert read(tmp_path, "? [a]\n: b\n")[1] == ["data/f.yml:1: a mapping or list cannot be a key (keys are plain words)"]


def test_scalar_keys_that_are_not_text(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "2023: a\ntrue: b\n")
    assert problems == ["data/f.yml:2: mapping key True is not text (write keys as plain words)"]
    assert doc is not None and set(doc.data) == {"2023", "True"}


def test_explicit_tags_are_refused(tmp_path: Path) -> None:
    assert read(tmp_path, "a: !!str 0755\n")[1] == ["data/f.yml:1: explicit tag !!str is not allowed (remove the tag)"]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !!omap [{x: 1}]\n", "!!omap"),
        ("a: !foo {x: 1}\n", "!foo"),
        ("a:\n  b: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("!!map {a: 1}\n", "!!map"),
        ("a: !!seq\n  - 1\n", "!!seq"),
    ],
)
def test_tags_on_mappings_and_lists_are_refused_like_tags_on_text(tmp_path: Path, text: str, tag: str) -> None:
    line = text.count("\n", 0, text.index("!"))
    assert read(tmp_path, text)[1] == [f"data/f.yml:{line + 1}: explicit tag {tag} is not allowed (remove the tag)"]


def test_the_non_specific_tag_on_a_mapping_is_no_tag(tmp_path: Path) -> None:
    assert data(tmp_path, "a: ! {x: y}\n") == {"a": {"x": "y"}}


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    assert read(tmp_path, "a: 1\n---\nb: 2\n")[1] == ["data/f.yml:2: more than one YAML document in the file (remove the '---' separator)"]


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: ok\nb: 亦庄: 北京\n")
    assert doc is None
    assert problems == ["data/f.yml:2: YAML syntax error: mapping values are not allowed here (a value containing ': ' must be quoted)"]
    assert read(tmp_path, "a: [1, 2\n")[1] == [
        "data/f.yml:2: YAML syntax error: expected ',' or ']', but got '<stream end>' (check indentation and quoting around this line)"
    ]


# ---------------------------------------------------------------------------------------------
# punctuation typed on a Chinese keyboard

COLON_HINT = "(write `metric: …`, with YAML's punctuation typed in half-width, English mode)"


@pytest.mark.parametrize(
    "text",
    [
        "facts:\n  - id: a\n    metric： x\n    value: 1\n",  # YAML stumbles on line 4
        "facts:\n  - id: a\n    metric：x\n",
        "facts:\n  - id: a\n    metric ： x\n",
        "metric： x\n",
    ],
)
def test_a_full_width_colon_after_a_key_is_named_on_its_line(tmp_path: Path, text: str) -> None:
    line = text.count("\n", 0, text.index("metric")) + 1
    message = f"full-width colon '：' after 'metric'; YAML needs an ASCII ':' followed by a space {COLON_HINT}"
    assert read(tmp_path, text)[1] == [f"data/f.yml:{line}: {message}"]


def test_a_full_width_colon_where_a_list_item_starts(tmp_path: Path) -> None:
    # valid YAML (a list of one text), so found on the parsed text, not on a syntax error
    assert read(tmp_path, "facts:\n  - metric： x\n")[1] == [
        f"data/f.yml:2: full-width colon '：' after 'metric'; YAML needs an ASCII ':' followed by a space {COLON_HINT}"
    ]


def test_a_full_width_space_after_the_colon(tmp_path: Path) -> None:
    assert read(tmp_path, "facts:\n  - id: a\n    metric:\u3000x\n    value: 1\n")[1] == [
        f"data/f.yml:3: full-width space after 'metric:'; YAML needs an ASCII space after the ':' {COLON_HINT}"
    ]


def test_a_full_width_space_in_the_indentation(tmp_path: Path) -> None:
    assert read(tmp_path, "facts:\n  - id: a\n\u3000\u3000metric: x\n")[1] == [
        "data/f.yml:3: full-width space U+3000 in the indentation (indent with ASCII spaces)"
    ]


def test_a_value_opened_with_a_full_width_bracket(tmp_path: Path) -> None:
    assert read(tmp_path, "a: 1\nshort_name: ｛zh: 亦庄, en: E-Town｝\n")[1] == [
        "data/f.yml:2: full-width bracket '｛' opens the value of 'short_name'; YAML needs ASCII brackets "
        "(write [a, b] for a list, {zh: …, en: …} for a mapping)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "zh: GDP：同比增长5%\n",  # text after a key may hold anything
        "zh: “人才十条”2.0政策\n",
        "note: |\n  metric： a line of block text\n  id：x\n",
        "aliases: [北京亦庄：经开区]\n",
        "summary: 全称：北京经济技术开发区\n",
    ],
)
def test_full_width_punctuation_in_text_is_fine(tmp_path: Path, text: str) -> None:
    assert read(tmp_path, text)[1] == []


def test_block_text_is_not_searched_for_full_width_colons_on_a_syntax_error(tmp_path: Path) -> None:
    text = "note: >-\n  metric： a line of text\n\n  id： more\nb: [1, 2\n"
    assert [p.split(": ", 1)[1][:17] for p in read(tmp_path, text)[1]] == ["YAML syntax error"]


# ---------------------------------------------------------------------------------------------
# characters and encodings


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", "U+0000"),
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
        ("\x80", "U+0080"),  # YAML refuses it, with a position but no line
        ("\x85", "U+0085 (NEXT LINE)"),  # YAML reads it as a line break: every later line number shifts
        ("\r", "U+000D (carriage return)"),  # a lone CR, likewise
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("\u2028", "U+2028 (LINE SEPARATOR)"),
        ("\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ("\ufffe", "U+FFFE"),
    ],
)
def test_control_and_invisible_characters(tmp_path: Path, char: str, shown: str) -> None:
    doc, problems = read(tmp_path, f"a: 1\nb: 亦{char}庄\n")
    assert doc is None
    assert problems == [
        f"data/f.yml:2: control or invisible character {shown} at column 5 "
        "(delete it; only visible characters, spaces and newlines are allowed)"
    ]


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u202a", "U+202A (LEFT-TO-RIGHT EMBEDDING)"),
        ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\u2069", "U+2069 (POP DIRECTIONAL ISOLATE)"),
        ("\u200f", "U+200F (RIGHT-TO-LEFT MARK)"),
        ("\u061c", "U+061C (ARABIC LETTER MARK)"),
    ],
)
def test_bidirectional_controls_are_refused_by_name(tmp_path: Path, char: str, shown: str) -> None:
    # a "Trojan Source": the quote would show in another order than the one it is matched in
    doc, problems = read(tmp_path, f"a: 1\n# comment\nquote: 亦庄{char}突破2100家\n")
    assert doc is None
    assert problems == [
        f"data/f.yml:3: bidirectional control character {shown} at column 10 "
        "(delete it: it makes text show in a different order from the one it is read in)"
    ]


@pytest.mark.parametrize("char", ["\u2060", "\u2062", "\u180e", "\u00ad", "\u034f", "\u3164", "\U000e0041", "\u206f"])
def test_other_invisible_characters_are_refused(tmp_path: Path, char: str) -> None:
    (problem,) = read(tmp_path, f"id: a{char}b\n")[1]
    assert problem.startswith(f"data/f.yml:1: control or invisible character U+{ord(char):04X}")


def test_every_format_character_is_refused() -> None:
    # the class is written out by hand: this keeps it complete as Python's Unicode grows
    hidden = re.compile(f"[{INVISIBLE}]")
    missing = [hex(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and not hidden.match(chr(c))]
    assert missing == []


def test_windows_line_ends_are_fine(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: 1\r\nb: x\r\n")
    assert problems == [] and doc is not None and doc.lines[("b",)] == 2


def test_tabs_are_refused(tmp_path: Path) -> None:
    assert read(tmp_path, "a:\n\tb: 1\n")[1] == ["data/f.yml:2: tab character at column 1 (indent with spaces)"]


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    doc, problems = read(tmp_path, "a: 1\nb: 亦庄\n".encode("gbk"))
    assert doc is None
    assert problems == [
        "data/f.yml:2: the file is not valid UTF-8 (byte 0xD2 on this line) (save it as UTF-8; Chinese "
        "text in GBK or GB18030 looks like this)"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    doc, problems = read_yaml(tmp_path / "absent.yml", "data/absent.yml")
    assert doc is None and problems[0].format().startswith("data/absent.yml:1: cannot read the file")


# ---------------------------------------------------------------------------------------------
# only regular files: nothing is read through a link, a pipe or a device


def refused(path: Path) -> str:
    doc, problems = read_yaml(path, "data/f.yml")
    assert doc is None and len(problems) == 1
    return problems[0].format()


def test_a_link_to_a_file_outside_is_not_read_and_its_content_not_shown(tmp_path: Path) -> None:
    (tmp_path / "secret.yml").write_text("password: hunter2\n", encoding="utf-8")
    (tmp_path / "f.yml").symlink_to(tmp_path / "secret.yml")
    message = refused(tmp_path / "f.yml")
    assert message.startswith("data/f.yml:1: a symbolic link (to '") and "where a file must be; it is not read" in message
    assert "hunter2" not in message


def test_a_link_to_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "f.yml").symlink_to("/dev/zero")  # read to the end, this never ends
    assert refused(tmp_path / "f.yml") == (
        "data/f.yml:1: a symbolic link (to '/dev/zero') where a file must be; it is not read "
        "(replace the link with the file itself; links are never followed)"
    )


def test_a_dangling_link_is_a_link_not_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "f.yml").symlink_to("nowhere")
    assert refused(tmp_path / "f.yml").startswith("data/f.yml:1: a symbolic link (to 'nowhere')")


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.yml")  # opened for reading, a FIFO waits for a writer: `check` hung
    assert refused(tmp_path / "f.yml") == (
        "data/f.yml:1: a named pipe (FIFO) where a file must be; it is not read (remove it and put the file itself here)"
    )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f.yml").mkdir()
    assert refused(tmp_path / "f.yml") == (
        "data/f.yml:1: a folder where a file must be; it is not read (rename or move the folder; a file must be here)"
    )


def test_a_device_itself_is_refused_without_opening_it() -> None:
    assert refused(Path("/dev/null")).startswith("data/f.yml:1: a device where a file must be")


def test_a_link_made_after_the_look_is_refused_by_the_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the race `special_file` alone would lose: O_NOFOLLOW makes the kernel refuse the link
    (tmp_path / "f.yml").symlink_to("/dev/zero")
    monkeypatch.setattr(files, "special_file", lambda path: "")
    assert refused(tmp_path / "f.yml").startswith("data/f.yml:1: a symbolic link where a file must be")


def test_a_pipe_swapped_in_after_the_look_is_refused_by_fstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(tmp_path / "f.yml")
    monkeypatch.setattr(files, "special_file", lambda path: "")
    assert refused(tmp_path / "f.yml").startswith("data/f.yml:1: a named pipe (FIFO) where a file must be")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "cannot read the file: Permission denied (make it readable with chmod a+r"),
        (OSError(errno.EIO, "Input/output error"), "cannot read the file: Input/output error (the disk or file system reported"),
    ],
)
def test_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str) -> None:
    (tmp_path / "f.yml").write_text("a: b\n", encoding="utf-8")

    def failing_read(fd: int, count: int) -> bytes:
        raise error

    monkeypatch.setattr(files.os, "read", failing_read)
    assert refused(tmp_path / "f.yml").startswith(f"data/f.yml:1: {message}")


def test_the_bound_holds_whatever_the_size_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file that grows while read, or one whose size lies (/proc): never more than limit + 1 bytes
    (tmp_path / "f.yml").write_bytes(b"#" * (MAX_BYTES * 3))
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, count: int) -> bytes:
        reads.append(count)
        return real_read(fd, count)

    monkeypatch.setattr(files.os, "read", counting_read)
    raw, problems = read_file(tmp_path / "f.yml", "data/f.yml", MAX_BYTES, "smaller")
    assert raw is None and sum(reads) == MAX_BYTES + 1
    assert [p.format() for p in problems] == [f"data/f.yml:1: file is {MAX_BYTES * 3:,} bytes; the limit is {MAX_BYTES:,} (smaller)"]


def test_a_file_under_the_bound_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(b"x" * 1000)
    assert read_file(tmp_path / "f.txt", "data/f.txt", 1000, "") == (b"x" * 1000, [])


# ---------------------------------------------------------------------------------------------
# bounds: refused before they can hurt


def test_a_file_over_the_size_bound_is_refused_before_parsing(tmp_path: Path) -> None:
    # Not valid YAML at all: it must never reach the parser.
    doc, problems = read(tmp_path, "[" + "x" * MAX_BYTES)
    assert doc is None
    assert problems == [
        f"data/f.yml:1: file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} (keep one region per "
        "file and remove what does not belong)"
    ]


def test_a_file_at_the_size_bound_is_read(tmp_path: Path) -> None:
    text = "a: x\n" + "#" * (MAX_BYTES - 6) + "\n"
    assert len(text.encode()) == MAX_BYTES
    assert data(tmp_path, text) == {"a": "x"}


def test_nesting_at_the_bound_is_read_one_deeper_is_refused(tmp_path: Path) -> None:
    assert read(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH)[1] == []
    doc, problems = read(tmp_path, "a:\n  " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")  # the mapping is one level
    assert doc is None and problems == [f"data/f.yml:2: nesting deeper than {MAX_DEPTH} levels (flatten the structure)"]


@pytest.mark.parametrize("text", ["[" * 100_000, "{" * 100_000, "- " * 100_000, "{a: " * 50_000, "[\n" * 100_000, "? " * 100_000])
def test_pathological_nesting_is_a_clean_problem(tmp_path: Path, text: str) -> None:
    # The C loader segfaulted on 100,000 levels; a recursive builder would raise RecursionError.
    doc, problems = read(tmp_path, text)
    assert doc is None
    assert len(problems) == 1 and f"nesting deeper than {MAX_DEPTH} levels" in problems[0]


# ---------------------------------------------------------------------------------------------
# fuzzing: no input makes the reader raise

_YAML_ALPHABET = st.sampled_from([*"[]{}:,-?&*!|>'\"#%@` \n\r\t0123456789.eE+_xyNOo~亦\x85\ufeff", "yes", "0755", "1:30.5", "---", "\\"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_YAML_ALPHABET, max_size=40).map("".join) | st.text(max_size=60) | st.binary(max_size=40))
def test_no_input_makes_the_reader_raise(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        doc, problems = read_yaml(path, "f.yml")
    assert doc is not None or problems  # either a document or a reason why not
    assert all(p.file == "f.yml" and p.line >= 1 for p in problems)


def test_an_unchanged_file_is_parsed_once_and_an_edited_one_again(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text("a: 1\nb: [x]\n", encoding="utf-8")
    first, _ = read_yaml(path, "r.yml")
    again, _ = read_yaml(path, "r.yml")
    assert again is first  # `mkdocs serve` rebuilds re-read every file; only a saved one is parsed
    path.write_text("a: 2\nb: [x]\n", encoding="utf-8")
    edited, _ = read_yaml(path, "r.yml")
    assert edited is not first and edited is not None and edited.data["a"].text == "2"


def test_problems_of_a_cached_parse_are_a_fresh_list(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text("a: yes\n", encoding="utf-8")
    _, problems = read_yaml(path, "r.yml")
    assert problems and problems is not read_yaml(path, "r.yml")[1]
    problems.clear()
    assert read_yaml(path, "r.yml")[1] != []
