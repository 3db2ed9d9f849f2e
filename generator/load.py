"""data/ → validated records (a `Dataset`) and the problems found on the way.

Structure only: YAML syntax and the traps in `yamlsafe`, then types, required and unknown fields
(pydantic). Checks of meaning — references, quotes, numbers — live in `checks.py` and run on the
`Dataset` this returns. A file with structural problems is left out of the dataset, so meaning
checks never run on half-read data.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import models as m
from generator.parallel import split_map, worth_forking
from generator.problems import Problem, excerpt
from generator.sources import SourceText
from generator.yamlsafe import Bare, Document, not_regular, read_file, read_yaml, special_file

PARALLEL_FROM = 100  # region files: fewer parse in a tenth of a second, less than a fork costs


@dataclass
class Dataset:
    """Everything in data/, validated for structure, with the location of every record."""

    root: Path  # the project root; file names in problems are relative to it
    articles: dict[str, m.Article] = field(default_factory=dict)
    units: dict[str, m.Unit] = field(default_factory=dict)
    groups: dict[str, m.Group] = field(default_factory=dict)
    metrics: dict[str, m.Metric] = field(default_factory=dict)
    clusters: dict[str, m.Cluster] = field(default_factory=dict)
    areas: dict[str, m.Area] = field(default_factory=dict)
    regions: dict[str, m.Region] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)  # by file name
    documents: dict[str, Document] = field(default_factory=dict)  # by relative path
    # registry records as written, duplicates included (the dicts above keep the first of each id)
    registries: dict[str, list[Any]] = field(default_factory=dict)

    @functools.cached_property
    def provinces(self) -> dict[str, tuple[m.Area, m.Bilingual]]:
        """Province-level divisions by Chinese name, with their area, in registry order."""
        out: dict[str, tuple[m.Area, m.Bilingual]] = {}
        for area in self.areas.values():
            for province in area.provinces:
                out.setdefault(province.zh, (area, province))
        return out

    def where(self, record: m.Record, *keys: str | int) -> tuple[str, int]:
        """(file, line) of a record, or of one of its fields."""
        # pydantic keeps private attributes in __pydantic_private__; `record._file` finds them
        # through a slow __getattr__, and pages ask for thousands of lines
        private = record.__pydantic_private__ or {}
        file, path = private.get("_file", ""), private.get("_path", ())
        doc = self.documents.get(file)
        line = doc.line_of((*path, *keys)) if doc else 1
        return file, line

    def problem(self, record: m.Record, keys: tuple[str | int, ...], message: str, hint: str = "", kind: str = "data") -> Problem:
        file, line = self.where(record, *keys)
        return Problem(file, line, message, hint, kind)


def load(root: Path) -> tuple[Dataset, list[Problem]]:
    """Read and structurally validate data/ under the project `root`."""
    data = root / "data"
    dataset = Dataset(root)
    problems: list[Problem] = []
    layout = survey(root, problems)
    if layout is None:
        return dataset, problems

    def parse(path: Path) -> tuple[Document | None, list[Problem]]:
        return read_yaml(path, path.relative_to(root).as_posix())

    def read(rel: str, model: type[BaseModel]) -> Any:
        if rel not in layout.registries:
            return None  # missing (reported by `survey`) or in a refused folder
        return accept(rel, model, parse(data / rel))

    def accept(rel: str, model: type[BaseModel], parsed: tuple[Document | None, list[Problem]]) -> Any:
        doc, found = parsed
        rel = f"data/{rel}"
        problems.extend(found)
        if doc is None or found:
            return None
        record, errors = validate(doc, model, rel)
        problems.extend(errors)
        if record is not None:
            dataset.documents[rel] = doc
        return record

    articles, metrics = read(ARTICLES, m.ArticlesFile), read(METRICS, m.MetricsFile)
    clusters, provinces = read(CLUSTERS, m.ClustersFile), read(PROVINCES, m.ProvincesFile)
    lists = {
        "article": articles.articles if articles else [],
        "unit": metrics.units if metrics else [],
        "group": metrics.groups if metrics else [],
        "metric": metrics.metrics if metrics else [],
        "cluster": clusters.clusters if clusters else [],
        "area": provinces.areas if provinces else [],
    }
    dataset.registries = lists
    dataset.articles, dataset.units, dataset.groups = _index(lists["article"]), _index(lists["unit"]), _index(lists["group"])
    dataset.metrics, dataset.clusters = _index(lists["metric"]), _index(lists["cluster"])
    dataset.areas = _index(lists["area"])
    paths = [data / REGIONS / name for name in layout.regions]
    # YAML parsing is two thirds of loading: a large dataset is parsed on two cores
    parsed = split_map(parse, paths, fork=worth_forking(len(paths), PARALLEL_FROM))
    for path, result in zip(paths, parsed, strict=True):
        region = accept(f"{REGIONS}/{path.name}", m.Region, result)
        if region is not None:
            region._id = path.stem
            dataset.regions[path.stem] = region
    for name in layout.texts:
        text = _read_source(data / SOURCES / name, root, problems)
        if text is not None:
            dataset.texts[name] = SourceText(name, text)
    return dataset, problems


def _read_source(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """An archived text; a file that is not UTF-8 is a problem, not a crash (UnicodeDecodeError)."""
    rel = path.relative_to(root).as_posix()
    raw, found = read_file(path, rel, MAX_TEXT_BYTES, "archive one page per file")
    problems.extend(found)
    if raw is None:
        return None
    try:
        # newline handling as `read_text`: CRLF and CR count as one line break, like an editor's
        return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"the source text is not valid UTF-8 (byte 0x{raw[err.start]:02X} on this line)"
        problems.append(Problem(rel, line, message, "archive sources as UTF-8; convert GBK or GB18030 text with iconv", "source"))
        return None


# ---------------------------------------------------------------------------------------------
# What is in data/: every name is read, refused, or warned about; none is dropped silently (a
# region saved as `x.YML` used to vanish from the site without a word).


@dataclass
class Layout:
    """The data files to read, by name: each listed in a real folder (see `survey`)."""

    registries: set[str] = field(default_factory=set)  # METRICS, ARTICLES … that are there
    regions: list[str] = field(default_factory=list)  # file names in data/regions/
    texts: list[str] = field(default_factory=list)  # file names in data/sources/


ARTICLES, METRICS, CLUSTERS, PROVINCES = "sources/articles.yml", "metrics.yml", "clusters.yml", "provinces.yml"
REGIONS, SOURCES = "regions", "sources"


@dataclass(frozen=True)
class _Folder:
    rel: str  # under data/: "" for data/ itself
    label: str  # what its files are, for messages
    holds: str  # what belongs in it, for the warning about anything else
    registries: tuple[str, ...] = ()  # the required files in it, by path under data/

    @property
    def prefix(self) -> str:
        return f"data/{self.rel}/" if self.rel else "data/"

    def wanted(self, name: str) -> bool:
        if self.rel == REGIONS:
            return name.endswith(".yml")
        if self.rel == SOURCES:
            return name.endswith(".txt") or f"{SOURCES}/{name}" in self.registries
        return name in (*self.registries, REGIONS, SOURCES)

    def proper(self, name: str) -> str | None:
        """The name a near miss (`x.YML`, `Metrics.yaml`) must have to be read, else None."""
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix.lower()
        if suffix == ".txt" and self.rel == SOURCES:
            return f"{stem}.txt"
        if suffix not in (".yml", ".yaml") or not stem:
            return None
        if self.rel == REGIONS:
            return f"{stem}.yml"
        proper = f"{stem.lower()}.yml"
        return proper if f"{self.prefix}{proper}".removeprefix("data/") in self.registries else None


_FOLDERS = (
    _Folder("", "registry file", "metrics.yml, clusters.yml, provinces.yml, regions/ and sources/", (METRICS, CLUSTERS, PROVINCES)),
    _Folder(REGIONS, "region file", "one <id>.yml file per region"),
    _Folder(SOURCES, "source file", "articles.yml and the archived texts (*.txt)", (ARTICLES,)),
)
# Not data, never read, and no reason to say so: the folder's documentation and git's own files.
_NOT_DATA = {"README.md", ".gitignore", ".gitkeep", ".gitattributes"}
# Left by editors, merges and file managers. Warnings, never errors: `mkdocs serve` runs while a
# contributor edits, with a lock or swap file beside the region (Emacs' `.#r.yml` lock is even a
# dangling symlink, so it is recognised by its name, before anything looks at the file).
_LEFTOVER = re.compile(
    r"""^\.\#              # Emacs lock
    | ^\#.*\#$              # Emacs auto-save
    | ~$                    # backups (Emacs, nano, gedit), vim's undo file .r.yml.un~
    | ^\..*\.sw[a-p]$       # vim swap files
    | ^4913$                # vim's probe for a writable folder
    | \.(orig|rej|bak|tmp|kate-swp)$  # merges, patches, editors
    | ___jb_(tmp|old)___$   # JetBrains' safe write
    | ^\.~lock\..*\#$       # LibreOffice lock
    | ^\._ | ^\.DS_Store$ | ^Thumbs\.db$ | ^desktop\.ini$  # macOS and Windows file managers
    """,
    re.VERBOSE,
)
MAX_TEXT_BYTES = 2 * 1024 * 1024  # an archived page; the largest today is 18 KB


def survey(root: Path, problems: list[Problem]) -> Layout | None:
    """Sort out every name in data/, data/regions/ and data/sources/ into what to read and the
    problems with the rest. None when data/ itself is refused (a link: nothing is read)."""
    layout = Layout()
    for folder in _FOLDERS:
        names = _listing(root, folder, problems)
        if names is None:  # refused, and reported: its files are neither read nor missing
            if not folder.rel:
                return None
            continue
        for name in names:
            _sort(folder, name, layout, problems)
        for rel in folder.registries:
            if rel not in layout.registries:
                problems.append(Problem(f"data/{rel}", 1, "required file is missing", "see data/README.md for its format", "schema"))
    return layout


def _listing(root: Path, folder: _Folder, problems: list[Problem]) -> list[str] | None:
    """The sorted names in `folder`: [] when it is missing, None when it is refused."""
    path = root / folder.prefix
    rel = folder.prefix  # with its slash: a folder
    try:
        odd = special_file(path) or ("" if path.is_dir() else "a file")
        if odd:
            problems.append(not_regular(rel, odd, "folder"))
            return None
        return sorted(os.listdir(path))
    except FileNotFoundError:
        return []  # its required files are reported missing; no regions is a valid (empty) site
    except OSError as err:
        problems.append(Problem(rel, 1, f"cannot list the folder: {err.strerror or err}", "make it readable with chmod a+rx", "file"))
        return None


def _sort(folder: _Folder, name: str, layout: Layout, problems: list[Problem]) -> None:
    """Put one name of `folder` into `layout`, or say why it is not read."""
    shown = _printable(name)
    rel = folder.prefix + shown
    if shown != name:  # a line break in a name would forge a line of the report
        message = f"file name '{shown}' has characters that are invisible, control or not UTF-8; it is not read"
        problems.append(Problem(rel, 1, message, "rename it with letters, digits, '-', '_' and '.'", "file"))
    elif _LEFTOVER.search(name):
        problems.append(_warning(rel, "looks like an editor's or a merge's leftover; it is not read", "delete it after editing"))
    elif folder.wanted(name):
        _accept(folder, name, layout, problems)
    elif folder.proper(name):
        problems.append(_misnamed(rel, folder, name))
    elif name not in _NOT_DATA:
        problems.append(_warning(rel, f"not read: {folder.prefix} holds only {folder.holds}", "move it out of data/, or delete it"))


def _accept(folder: _Folder, name: str, layout: Layout, problems: list[Problem]) -> None:
    rel = (folder.prefix + name).removeprefix("data/")
    if rel in folder.registries:
        layout.registries.add(rel)
    elif folder.rel == REGIONS:
        layout.regions.append(name)
    elif folder.rel == SOURCES and re.match(m.SOURCE_FILE_RE, name):
        layout.texts.append(name)
    elif folder.rel == SOURCES:
        message = f"source file name '{name}' is not allowed; it is not read"
        problems.append(Problem(f"data/{rel}", 1, message, _SOURCE_NAME_HINT, "file"))
    # else regions/ or sources/ in data/: listed on their own


_SOURCE_NAME_HINT = "rename it: letters, digits, '_', '.' and '-', starting with a letter or digit, ending in .txt"


def _misnamed(rel: str, folder: _Folder, name: str) -> Problem:
    proper = folder.proper(name) or name
    suffix, wanted = Path(name).suffix, Path(proper).suffix
    said = f"ends in '{suffix}', not '{wanted}'" if suffix != wanted else f"is named '{name}', not '{proper}'"
    return Problem(rel, 1, f"{folder.label} {said}, and is not read", f"rename it to {proper}", "file")


def _warning(rel: str, message: str, hint: str) -> Problem:
    return Problem(rel, 1, message, hint, "file", severity="warning")


def _printable(name: str) -> str:
    """`name` as it may be shown: control and invisible characters and undecodable bytes escaped."""
    return "".join(char if char.isprintable() else _escape(char) for char in name)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.listdir gives it (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return ascii(char)[1:-1]


def _index(records: list[Any]) -> dict[str, Any]:
    """By id; duplicates are reported by checks.py, the first one wins here."""
    out: dict[str, Any] = {}
    for record in records:
        out.setdefault(record.id, record)
    return out


# ---------------------------------------------------------------------------------------------
# pydantic errors → file:line problems


def validate(doc: Document, model: type[BaseModel], rel: str) -> tuple[Any, list[Problem]]:
    """Validate a parsed document; on success, stamp every record with its file and path."""
    try:
        record = model.model_validate(doc.data)
    except ValidationError as err:
        problems = [_problem(error, doc, model, rel) for error in err.errors(include_url=False)]
        return None, problems
    _stamp(record, rel, ())
    return record, []


def _stamp(value: Any, rel: str, path: tuple[str | int, ...]) -> None:
    if isinstance(value, m.Record):
        # straight into pydantic's private-attribute dict: `value._file = …` goes through its
        # validating __setattr__, a tenth of loading a large dataset
        value.__pydantic_private__.update(_file=rel, _path=path)  # type: ignore[union-attr]
        for name in _record_fields(type(value)):
            _stamp(getattr(value, name), rel, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _stamp(item, rel, (*path, index))


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
    if pattern == m.SOURCE_FILE_RE:  # shown on pages in a code span: no backtick, `<` or space
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
