"""Ids: unique where they become anchors or pages, never one a generated page needs, and region
file names that are ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator import models as m
from generator.checks.registry import check
from generator.load import Dataset
from generator.problems import Problem


@check()
def unique_ids(dataset: Dataset) -> Iterator[Problem]:
    for what, records in dataset.registries.items():
        yield from _duplicates(records, dataset, what)
    for region in dataset.regions.values():
        # facts and targets share one namespace: both become anchors on the region page
        yield from _duplicates([*region.facts, *region.targets], dataset, "fact/target")
        yield from _duplicates(region.events, dataset, "event")
        yield from _duplicates(region.profile.scopes, dataset, "scope")
        yield from _duplicates(region.clusters, dataset, "cluster", key="cluster")


def _duplicates(records: list[Any], dataset: Dataset, what: str, key: str = "id") -> Iterator[Problem]:
    """Each repeat of an id, reported at the repeat and naming the first."""
    first: dict[str, Any] = {}
    for record in records:
        value = getattr(record, key)
        if value not in first:
            first[value] = record
            continue
        line = dataset.where(first[value], key)[1]
        if key == "id":
            message, hint = f"duplicate {what} id '{value}' (first at line {line})", "ids must be unique; rename one"
        else:  # a region's list of its clusters names each cluster once
            message, hint = f"{what} '{value}' is listed more than once (first at line {line})", f"keep one entry per {what}"
        yield dataset.problem(record, (key,), message, hint, "duplicate")


# Ids a region (its file name), cluster, metric group or article may not have, and why. Their pages
# are <folder>/<id>.md (paths.py: region_path, cluster_path, group_path, source_path) and each
# folder's list is its index.md (REGIONS, CLUSTERS, COMPARE, SOURCES): `index` would overwrite the
# list. Nothing else collides: every page of an id is in one of those four folders, and
# downloads/, assets/ and the top-level pages are outside them. The Windows device names cannot be
# file or folder names there, so such a page could not be built (nor the region file checked out).
_OVERWRITES = "its page would overwrite the page listing them all, {folder}/index.md"
_DEVICE = "it is a device name on Windows, where neither {folder}/{id}.md nor its folder can be written"
RESERVED_IDS: dict[str, str] = {
    "index": _OVERWRITES,
    **{name: _DEVICE for name in ("con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)))},
}
_PAGES = {"region": "regions", "cluster": "clusters", "group": "compare", "article": "sources"}


@check()
def reserved_ids(dataset: Dataset) -> Iterator[Problem]:
    kinds = ("cluster", "group", "article")
    records: list[tuple[str, m.Record, str]] = [(what, r, r.id) for what in kinds for r in dataset.registries[what]]
    for region in dataset.regions.values():
        records.append(("region", region, region.id))
    for what, record, given in records:
        if given in RESERVED_IDS:
            why = RESERVED_IDS[given].format(folder=_PAGES[what], id=given)
            hint = f"rename the file, e.g. data/regions/{given}-zone.yml" if what == "region" else f"choose another id, e.g. {given}-{what}"
            yield dataset.problem(record, () if what == "region" else ("id",), f"{what} id '{given}' is reserved: {why}", hint, "reference")


@check(scope="region")
def region_file_names(dataset: Dataset, region: m.Region) -> Iterator[Problem]:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", region.id):
        message = f"region file name '{region.id}.yml' is not a kebab-case id"
        yield dataset.problem(region, (), message, "rename the file, e.g. regions/fangchenggang.yml", "reference")
    elif len(region.id) > m.MAX_ID:  # the bound of every other id
        message = f"region id of {len(region.id)} characters is too long; the limit is {m.MAX_ID}"
        yield dataset.problem(region, (), message, "rename the file", "reference")
