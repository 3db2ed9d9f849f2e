"""JSON Schemas for the data files, generated from the pydantic models: `python -m generator schema`.

Editors (VS Code with the YAML extension, via `.vscode/settings.json`) validate data files with
these as the contributor types. The schemas are committed under `schemas/`; `schema --check`
(and a test) fails when they no longer match the models.

The schema is a first line of defence only: it knows types, required and unknown fields, choices
and id patterns; `python -m generator check` also knows references, quotes and numbers.
Two adjustments to what pydantic emits:
- a scalar type built as a chain of validators (an id with its pattern, a date) is described by
  its last step, which carries the pattern, not by its first (plain text);
- dates and periods may also be a bare year (`period: 2023`), which an editor's YAML 1.2 reader
  takes as a number while our reader keeps it as written (data/README.md: quote it or not).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator import models as m

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


# kind → (model, the files it describes, title)
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "region": (m.RegionFile, "data/regions/*.yml", "Region file (data/regions/<id>.yml)"),
    "articles": (m.ArticlesFile, "data/sources/articles.yml", "Source articles (data/sources/articles.yml)"),
    "metrics": (m.MetricsFile, "data/metrics.yml", "Units, metric groups and metrics (data/metrics.yml)"),
    "clusters": (m.ClustersFile, "data/clusters.yml", "Industry-cluster taxonomy (data/clusters.yml)"),
    "provinces": (m.ProvincesFile, "data/provinces.yml", "Province-level divisions by area (data/provinces.yml)"),
}

_YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "a bare year, e.g. 2023"}
_PATTERN_NOTES = {
    m.DATE_RE: "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    m.PERIOD_RE: "a period: 2023, 2024-02, 2024-02-03, 2021/2023 or ../2024-03",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "a kebab-case id: lowercase letters, digits and -",
    r"^[a-z0-9]+(_[a-z0-9]+)*$": "a snake_case id: lowercase letters, digits and _",
}


class _Generator(GenerateJsonSchema):
    def chain_schema(self, schema: core_schema.ChainSchema) -> JsonSchemaValue:
        out = self.generate_inner(schema["steps"][-1])
        pattern = out.get("pattern") if out.get("type") == "string" else None
        if pattern in (m.DATE_RE, m.PERIOD_RE):
            return {"anyOf": [{"type": "string", "pattern": pattern, "description": _PATTERN_NOTES[pattern]}, dict(_YEAR)]}
        if pattern in _PATTERN_NOTES:
            out.setdefault("description", _PATTERN_NOTES[pattern])
        return out


def schema_for(kind: str) -> dict[str, Any]:
    model, files, title = KINDS[kind]
    body = model.model_json_schema(schema_generator=_Generator)
    body.pop("title", None)
    body.pop("description", None)  # the model's docstring is for programmers; this one is for contributors
    return {
        "$schema": DIALECT,
        "title": title,
        "description": f"Generated from generator/models.py by `python -m generator schema`; do not edit. Validates {files}; "
        "`python -m generator check` checks the rest (references, quotes, numbers). Format: data/README.md.",
        **body,
    }


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / f"{kind}.schema.json"


def stale(root: Path) -> list[Path]:
    """Committed schema files that differ from what the models generate (or are missing)."""
    out = []
    for kind in KINDS:
        path = schema_path(root, kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            out.append(path)
    return out


def write(root: Path) -> list[Path]:
    """Write every schema; return the files that changed."""
    changed = stale(root)
    for kind in KINDS:
        path = schema_path(root, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path in changed:
            path.write_text(render(kind), encoding="utf-8")
    return changed


def cmd_schema(args: argparse.Namespace) -> int:
    root: Path = args.root
    if args.check:
        outdated = stale(root)
        for path in outdated:
            print(f"{path.relative_to(root).as_posix()}: out of date with generator/models.py")
        if outdated:
            print("✖ run `python -m generator schema` and commit the result")
            return 1
        print(f"✔ {len(KINDS)} schemas in {SCHEMA_DIR}/ match the models")
        return 0
    changed = write(root)
    for path in changed:
        print(f"wrote {path.relative_to(root).as_posix()}")
    print(f"✔ {len(KINDS)} schemas in {SCHEMA_DIR}/ are up to date ({len(changed)} rewritten)")
    return 0


HELP = "write the JSON Schemas of the data files to schemas/ (--check: fail if stale)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a committed schema is out of date")
    parser.set_defaults(run=cmd_schema)
