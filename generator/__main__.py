"""Command line: `python -m generator COMMAND` (run with --help for the list)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from generator import factdiff, scaffold, schema
from generator.checks import placeholders, run_checks
from generator.coverage import coverage
from generator.load import Dataset, load
from generator.problems import Problem, errors, format_report, warnings


def validate(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load and check everything: the one entry point for the CLI, the plugin and tests.

    Returns errors and warnings alike (`Problem.severity`); only `errors(problems)` must stop
    anything: a stray editor file in data/ is a warning, and `mkdocs serve` must keep going."""
    dataset, problems = load(root)
    if not errors(problems):
        problems += run_checks(dataset)  # after the warnings, if any, from loading
    else:
        # structure problems first: meaning checks on half-read data would only add noise
        problems += run_checks(dataset, ["unique_ids"]) if dataset.regions else []
    return dataset, problems


def summary(dataset: Dataset) -> str:
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


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    dataset, problems = validate(args.root)
    if errors(problems):
        print(format_report(problems))
        return 1
    print(f"✔ data is valid: {summary(dataset)} ({time.perf_counter() - started:.2f} s)")
    if warnings(problems):
        print(format_report(problems))
    unfinished = placeholders(dataset)
    if unfinished:
        print(f"⚠ {len(unfinished)} placeholder{'s' if len(unfinished) > 1 else ''} to replace before the site can be built:")
        print("\n".join("  " + p.format() for p in unfinished))
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    dataset, problems = validate(args.root)
    if errors(problems):
        print(format_report(problems))
        return 1
    total, missing = coverage(dataset)
    for item in missing:
        print(item.format())
    covered = total - len(missing)
    print(f"{total} numbers in the sources; {covered} covered by quotes; {len(missing)} uncovered")
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Validate the data and build the report site's pages.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (holds data/); default: the current folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate everything in data/; prints file:line for each problem").set_defaults(run=cmd_check)
    commands.add_parser("coverage", help="list numbers in the source texts that no quote covers").set_defaults(run=cmd_coverage)
    scaffold.register(commands.add_parser("new-region", help=scaffold.HELP, description=scaffold.HELP))
    factdiff.register(commands.add_parser("diff", help=factdiff.HELP, description=factdiff.HELP))
    schema.register(commands.add_parser("schema", help=schema.HELP, description=schema.HELP))
    for sub in commands.choices.values():  # --root also after the command: `check --root DIR`
        sub.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project root (holds data/)")
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
