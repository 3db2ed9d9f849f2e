"""data/ → validated records (a `Dataset`) and the problems found on the way.

Structure only: which files are there and may be read (`files.py`), YAML syntax and its traps
(`yamlsafe.py`), then types, required and unknown fields (pydantic, worded by `structure.py`).
Checks of meaning — references, quotes, numbers — live in `checks/` and run on the `Dataset` this
returns. A file with structural problems is left out of the dataset, so meaning checks never run on
half-read data.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import models as m
from generator.files import ARTICLES, CLUSTERS, MAX_TEXT_BYTES, METRICS, PROVINCES, REGIONS, SOURCES, Layout, read_file, survey
from generator.parallel import split_map, worth_forking
from generator.problems import Problem
from generator.sources import SourceText
from generator.structure import Locations, check_structure
from generator.yamlsafe import Document, read_yaml

PARALLEL_FROM = 100  # region files: fewer parse in a tenth of a second, less than a fork costs


@dataclass(eq=False)  # compared and hashed by identity: one dataset per load
class Dataset:
    """Everything in data/, validated for structure, with the location of every record."""

    root: Path  # the project root; file names in problems are relative to it
    articles: dict[str, m.Article] = field(default_factory=dict)
    units: dict[str, m.Unit] = field(default_factory=dict)
    concepts: dict[str, m.Concept] = field(default_factory=dict)
    groups: dict[str, m.Group] = field(default_factory=dict)
    metrics: dict[str, m.Metric] = field(default_factory=dict)
    clusters: dict[str, m.Cluster] = field(default_factory=dict)
    areas: dict[str, m.Area] = field(default_factory=dict)
    regions: dict[str, m.Region] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)  # by file name
    documents: dict[str, Document] = field(default_factory=dict)  # by relative path
    # registry records as written, duplicates included (the dicts above keep the first of each id)
    registries: dict[str, list[Any]] = field(default_factory=dict)
    locations: Locations = field(default_factory=dict)  # where each record is written (`where`)

    @functools.cached_property
    def provinces(self) -> dict[str, tuple[m.Area, m.Province]]:
        """Province-level divisions by Chinese name, with their area, in registry order."""
        out: dict[str, tuple[m.Area, m.Province]] = {}
        for area in self.areas.values():
            for province in area.provinces:
                out.setdefault(province.zh, (area, province))
        return out

    def where(self, record: m.Record, *keys: str | int) -> tuple[str, int]:
        """(file, line) of a record, or of one of its fields; ("data", 1) for a record not loaded
        from a file (made by a test)."""
        file, path = self.locations.get(id(record), ("data", ()))
        doc = self.documents.get(file)
        return file, doc.line_of((*path, *keys)) if doc else 1

    def problem(self, record: m.Record, keys: tuple[str | int, ...], message: str, hint: str = "", kind: str = "data") -> Problem:
        file, line = self.where(record, *keys)
        return Problem(file, line, message, hint, kind)


def load(root: Path, only: str | None = None) -> tuple[Dataset, list[Problem]]:
    """Read and structurally validate data/ under the project `root`; with `only` (a region id),
    the registries and that one region (a focused preview: the other files are not read)."""
    data = root / "data"
    dataset = Dataset(root)
    problems: list[Problem] = []
    layout = survey(root, problems)
    if layout is None:
        return dataset, problems
    if only is not None:
        layout = focused(layout, only, problems)

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
        record, errors = check_structure(doc, model, rel, dataset.locations)
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
        "concept": metrics.concepts if metrics else [],
        "metric": metrics.metrics if metrics else [],
        "cluster": clusters.clusters if clusters else [],
        "area": provinces.areas if provinces else [],
    }
    dataset.registries = lists
    dataset.articles, dataset.units, dataset.groups = _index(lists["article"]), _index(lists["unit"]), _index(lists["group"])
    dataset.metrics, dataset.clusters = _index(lists["metric"]), _index(lists["cluster"])
    dataset.areas, dataset.concepts = _index(lists["area"]), _index(lists["concept"])
    paths = [data / REGIONS / name for name in layout.regions]
    # YAML parsing is two thirds of loading: a large dataset is parsed on two cores
    parsed = split_map(parse, paths, fork=worth_forking(len(paths), PARALLEL_FROM))
    for path, result in zip(paths, parsed, strict=True):
        written = accept(f"{REGIONS}/{path.name}", m.RegionFile, result)
        if written is not None:
            # the file name is the region's id: given here, once, to the region as a whole
            region = m.Region.model_construct(id=path.stem, **{name: getattr(written, name) for name in m.RegionFile.model_fields})
            dataset.locations[id(region)] = (f"data/{REGIONS}/{path.name}", ())
            dataset.regions[path.stem] = region
    for name in layout.texts:
        text = _read_source(data / SOURCES / name, root, problems)
        if text is not None:
            dataset.texts[name] = SourceText(name, text)
    return dataset, problems


def focused(layout: Layout, region_id: str, problems: list[Problem]) -> Layout:
    """The layout with one region file; none (and a problem naming the valid ids) if no such."""
    name = f"{region_id}.yml"
    if name not in layout.regions:
        known = ", ".join(Path(r).stem for r in layout.regions[:12]) + (" …" if len(layout.regions) > 12 else "")
        problems.append(Problem(f"data/{REGIONS}", 1, f"no region {region_id!r} to focus the preview on", f"one of: {known}"))
    return dataclasses.replace(layout, regions=[n for n in layout.regions if n == name])


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


def _index(records: list[Any]) -> dict[str, Any]:
    """By id; duplicates are reported by checks.py, the first one wins here."""
    out: dict[str, Any] = {}
    for record in records:
        out.setdefault(record.id, record)
    return out
