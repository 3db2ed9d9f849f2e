"""The steps both the command line and the MkDocs plugin run: read and check data/.

`validate` is the one entry point for the CLI (`python -m generator check`), the plugin and the
tests; what each does with the problems is its own business (print them, stop the build, show
them on the preview).
"""

from __future__ import annotations

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
    dataset, problems = load(root, only)
    if not errors(problems):
        problems += run_checks(dataset)  # after the warnings, if any, from loading
    else:
        # structure problems first: meaning checks on half-read data would only add noise
        problems += run_checks(dataset, ["unique_ids"]) if dataset.regions else []
    # after the checks, which a problem here must not hold back: it is not in data/
    problems += site_sources(root)
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
