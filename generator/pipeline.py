"""The steps both the command line and the MkDocs plugin run: read and check data/.

`validate` is the one entry point for the CLI (`python -m generator check`), the plugin and the
tests; what each does with the problems is its own business (print them, stop the build, show
them on the preview).

One build of the whole site (`python -m generator build`: both editions in one process) reads and
checks data/ once: the plugin calls `validated`, which keeps the last result and gives it again
while nothing under data/ has changed (`fingerprint`). `mkdocs serve` rebuilds after an edit, which
changes the fingerprint, so the edit is read.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from generator.checks import run_checks
from generator.files import site_sources
from generator.load import Dataset, load
from generator.problems import Problem, errors


def validate(root: Path, only: str | None = None) -> tuple[Dataset, list[Problem]]:
    """Load and check everything under `root` (the folder holding data/); with `only` (a region
    id), the registries and that region, with the articles it cites (a focused preview).

    Also refuses what MkDocs would publish through a link (docs/, overrides/: `files.site_sources`).

    Returns errors and warnings alike (`Problem.severity`); only `errors(problems)` must stop
    anything: a stray editor file in data/ is a warning, and `mkdocs serve` must keep going."""
    dataset, problems = _read(root, only)
    # after the checks, which a problem here must not hold back: it is not in data/
    return dataset, problems + site_sources(root)


_last: tuple[tuple[object, ...], Dataset, list[Problem]] | None = None  # (key, dataset, problems of data/)


def validated(root: Path, only: str | None = None) -> tuple[Dataset, list[Problem]]:
    """`validate`, or its last result again (the same Dataset object, not read again) while the
    root, the focus and every entry under data/ are unchanged (`fingerprint`). What the plugin
    calls: the second edition of one build reuses the first's data; `mkdocs serve` reads an edit.

    The Dataset is shared: nothing that takes one changes it (`validate` stays a fresh read, for
    callers that might)."""
    global _last
    key = (str(root.resolve()), only, fingerprint(root / "data"))
    if _last is None or _last[0] != key:
        _last = None  # the old data is not kept alive while the new is read
        dataset, problems = _read(root, only)
        _last = (key, dataset, problems)
    return _last[1], _last[2] + site_sources(root)  # docs/ and overrides/ looked at every time: not in data/


def fingerprint(folder: Path) -> tuple[tuple[str, int, int, int, int, int], ...]:
    """Every entry under `folder`, links not followed, as (path, mode, inode, size, mtime_ns,
    ctime_ns): an edited, added, removed, renamed or replaced file changes it. A few milliseconds
    for thousands of files."""
    found: list[tuple[str, int, int, int, int, int]] = []
    for here, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + names):
            path = os.path.join(here, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue  # gone while walking: the next call sees the change
            found.append((path, info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(found)


def _read(root: Path, only: str | None) -> tuple[Dataset, list[Problem]]:
    dataset, problems = load(root, only)
    if not errors(problems):
        problems += run_checks(dataset)  # after the warnings, if any, from loading
    else:
        # structure problems first: meaning checks on half-read data would only add noise
        problems += run_checks(dataset, ["unique_ids"]) if dataset.regions else []
    if only is not None:  # the other regions' articles would be pages of their own
        cited = set().union(*(region.articles() for region in dataset.regions.values()))
        dataset.articles = {a: article for a, article in dataset.articles.items() if a in cited}
    return dataset, problems


def summary(dataset: Dataset) -> str:
    """'5 regions, 102 facts, …' for the end of `check`."""
    counts: Counter[str] = Counter()
    for region in dataset.regions.values():
        for kind in ("facts", "targets", "events", "clusters", "excluded"):
            counts[kind] += len(getattr(region, kind))
    parts = [
        f"{len(dataset.regions)} region{'s' if len(dataset.regions) != 1 else ''}",
        f"{counts['facts']} facts",
        f"{counts['targets']} targets",
        f"{counts['events']} events",
        f"{counts['clusters']} region clusters",
        f"{counts['excluded']} exclusions",
        f"{len(dataset.metrics)} metrics",
        f"{len(dataset.articles)} articles",
    ]
    return ", ".join(parts)
