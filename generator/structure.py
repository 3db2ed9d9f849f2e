"""pydantic's errors → `file:line: message (hint)` problems, and where every record was written.

`check_structure` validates a parsed document against its model (types, required and unknown
fields, choices, patterns) and words each error for a contributor: the field's path, what was
expected, the valid choices, the closest one. On success it records the location (file and path
in the document) of every record in the loader's table (`Locations`), so checks and pages can name
the line of any record without keeping it inside the record.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import models as m
from generator.files import SOURCE_FILE_RE
from generator.problems import Problem, excerpt
from generator.yamlsafe import Bare, Document

Path_ = tuple[str | int, ...]
Locations = dict[int, tuple[str, Path_]]  # id(record) → (file, path in its document)


def check_structure(doc: Document, model: type[BaseModel], rel: str, locations: Locations) -> tuple[Any, list[Problem]]:
    """Validate a parsed document; on success, note where each of its records is in `locations`."""
    try:
        record = model.model_validate(doc.data)
    except ValidationError as err:
        problems = [_problem(error, doc, model, rel) for error in err.errors(include_url=False)]
        return None, problems
    for name in _record_fields(type(record)):  # the file's own object is not kept: only what it holds
        _locate(getattr(record, name), rel, (name,), locations)
    return record, []


def _locate(value: Any, rel: str, path: Path_, locations: Locations) -> None:
    """Every record under `value`, by identity: records live as long as the dataset holding them."""
    if isinstance(value, m.Record):
        locations[id(value)] = (rel, path)
        for name in _record_fields(type(value)):
            _locate(getattr(value, name), rel, (*path, name), locations)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _locate(item, rel, (*path, index), locations)


@functools.cache
def _record_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that can hold records: the others (text, numbers — most of them)
    need no stamp, and visiting them was most of the stamping time."""
    return tuple(name for name, info in model.model_fields.items() if _holds_record(info.annotation))


def _holds_record(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, m.Record):
        return True
    return any(_holds_record(arg) for arg in typing.get_args(annotation))


def _problem(error: Any, doc: Document, model: type[BaseModel], rel: str) -> Problem:
    problem = _described(error, doc, model, rel)
    typed = _full_width_hint(error.get("input"))
    return dataclasses.replace(problem, hint=f"{typed}; {problem.hint}" if problem.hint else typed) if typed else problem


# Full-width quotes and brackets that a Chinese keyboard types around a value: YAML reads them as
# text, and the value's error should say why. Text may hold them (“人才十条”2.0政策): only a value
# that is refused anyway, and wholly wrapped in a pair, gets the hint.
_FULL_WIDTH_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "［": "］", "｛": "｝"}


def _full_width_hint(given: Any) -> str:
    if not isinstance(given, str) or len(given) < 2 or _FULL_WIDTH_PAIRS.get(given[0]) != given[-1]:
        return ""
    pair, inner = f"{given[0]} {given[-1]}", given[1:-1].replace("，", ", ").replace("：", ": ")
    if given[0] in "［｛":
        ascii_form = ("[" if given[0] == "［" else "{") + inner + ("]" if given[0] == "［" else "}")
        return f"{pair} are full-width brackets: write {excerpt(ascii_form)} with ASCII ones"
    return f"{pair} are full-width quotes: write {excerpt(inner)} without them"


def _described(error: Any, doc: Document, model: type[BaseModel], rel: str) -> Problem:
    loc = tuple(error["loc"])
    line = doc.line_of(loc)
    kind, given = error["type"], error.get("input")
    name = _name(loc)
    if kind == "extra_forbidden":
        valid = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), valid, n=1)
        hint = (f"did you mean '{guess[0]}'? " if guess else "") + f"valid fields here: {', '.join(valid)}"
        return Problem(rel, line, f"unknown field '{loc[-1]}'{_in(loc[:-1])}", hint, "schema")
    if kind == "missing" and loc and isinstance(loc[-1], int):
        # an item of a fixed-length list such as coordinates; it used to read "missing required field '1'"
        parent = loc[:-1]
        return Problem(rel, line, f"{_name(parent)}: item {loc[-1] + 1} is missing", _describe(model, parent), "schema")
    if kind == "missing":
        hint = _describe(model, loc) or "see data/README.md for the fields of this record"
        return Problem(rel, line, f"missing required field '{loc[-1]}'{_in(loc[:-1])}", hint, "schema")
    if kind in ("too_long", "string_too_long") and isinstance(given, str):  # ids are the only bounded text
        message = f"{name}: an id of {len(given):,} characters is too long; the limit is {error['ctx']['max_length']}"
        return Problem(rel, line, message, "use a shorter id", "schema")
    if kind in ("too_short", "too_long"):
        # both used to read "expected fewer items"
        ctx = error.get("ctx", {})
        bound = f"at least {ctx.get('min_length')}" if kind == "too_short" else f"at most {ctx.get('max_length')}"
        message = f"{name}: expected {bound} item{'s' if bound[-2:] != ' 1' else ''}, got {ctx.get('actual_length')}"
        return Problem(rel, line, message, _describe(model, loc), "schema")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        written = given.text if isinstance(given, Bare) else str(given)
        guess = difflib.get_close_matches(written, _literal_choices(model, loc), n=1)
        hint = (f"did you mean '{guess[0]}'? " if guess else "") + f"valid choices: {expected}"
        return Problem(rel, line, f"{name}: {_show(given)} is not allowed", hint, "schema")
    if kind == "model_type" and not loc and given is None:
        return Problem(rel, line, "the file is empty", "see data/README.md for its format", "schema")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        target = _model_at(model, loc)
        hint = _describe(model, loc) or (f"write it as {{{', '.join(f'{f}: …' for f in target.model_fields)}}}" if target else "")
        return Problem(rel, line, f"{name}: expected a mapping of fields, got {_show(given)}", hint, "schema")
    if kind == "string_pattern_mismatch":
        return Problem(rel, line, f"{name}: {_show(given)} is not valid", _pattern_hint(error["ctx"]["pattern"]), "schema")
    if kind == "value_error":
        refusal = error.get("ctx", {}).get("error")
        hint = refusal.hint if isinstance(refusal, m.Refusal) else ""
        if loc and loc[-1] == "value" and isinstance(given, str):  # '5200亿': is the scale already there?
            hint = m.amount_hint(given, _sibling(doc.data, loc, "scale"))
        return Problem(rel, line, f"{name}: {error['msg'].removeprefix('Value error, ')}", hint, "schema")
    expected = _EXPECTED.get(kind.split("_")[0], error["msg"].lower())
    hint = _describe(model, loc)
    if kind.startswith(("int", "float")) and isinstance(given, str):
        hint = f"remove the quotes around {given.strip()}: a quoted number is text" if _is_number(given) else "write it in digits"
    return Problem(rel, line, f"{name}: expected {expected}, got {_show(given)}", hint, "schema")


def _sibling(data: Any, loc: tuple[Any, ...], key: str) -> Any:
    """The value of `key` beside the value at `loc` in the parsed document (None if absent)."""
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data.get(key) if isinstance(data, dict) else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_EXPECTED = {
    "string": "text",
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping of fields",
    "model": "a mapping of fields",
    "too": "fewer items",
}


def _pattern_hint(pattern: str) -> str:
    if pattern == SOURCE_FILE_RE:  # shown on pages in a code span: no backtick, `<` or space
        return "expected the name of a file in data/sources/: letters, digits, '_', '.' and '-', ending in .txt"
    if pattern == m.DATE_RE:
        return "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"
    if pattern == m.PERIOD_RE:
        return "expected a period: 2023, 2024-02, 2024-02-03, 2021/2023 or ../2024-03"
    if "_" in pattern:
        return "expected a snake_case id: lowercase letters, digits and _"
    return "expected a kebab-case id: lowercase letters, digits and -"


def _show(value: Any) -> str:
    """A value as a message shows it: an excerpt, never a whole 500 KB string."""
    if isinstance(value, Bare):
        return excerpt(value.text)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(excerpt(value)) if isinstance(value, str) else excerpt(str(value))


def _name(loc: tuple[Any, ...]) -> str:
    return ".".join(excerpt(str(part)) for part in loc) or "file"  # a key may be any length


def _in(loc: tuple[Any, ...]) -> str:
    return f" in {_name(loc)}" if loc else ""


def _describe(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The field's description from the model, when it has one."""
    owner = _model_at(model, loc[:-1])
    if owner is None or not loc or not isinstance(loc[-1], str):
        return ""
    info = owner.model_fields.get(loc[-1])
    return info.description or "" if info else ""


def _literal_choices(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(loc[-1]) if owner and loc and isinstance(loc[-1], str) else None
    if info is None:
        return []
    annotation = info.annotation
    while typing.get_origin(annotation) is not typing.Literal and typing.get_args(annotation):
        annotation = typing.get_args(annotation)[0]  # X | None → X
    return [str(choice) for choice in typing.get_args(annotation)] if typing.get_origin(annotation) is typing.Literal else []


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner = _model_at(model, loc)
    return list(owner.model_fields) if owner else []


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the value at `loc` (list indexes are stepped over)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] / X | None / Annotated[X, …] → X."""
    while True:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin is None or not args:
            return annotation
        annotation = args[0]
