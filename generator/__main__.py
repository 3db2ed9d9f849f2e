"""Command line: `python -m generator COMMAND` (run with --help for the list)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import build, draftfile, factdiff, metriclist, newmetric, scaffold, schema, stage
from generator.coverage import coverage
from generator.pipeline import summary, validate
from generator.problems import errors, format_report


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    dataset, problems = validate(args.root)
    if errors(problems):
        print(format_report(problems))
        return 1
    print(f"✔ data is valid: {summary(dataset)} ({time.perf_counter() - started:.2f} s)")
    if problems:  # drafts and warnings: valid, but worth saying
        print(format_report(problems))
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
    metriclist.register(commands.add_parser("metrics", help=metriclist.HELP, description=metriclist.HELP))
    scaffold.register(commands.add_parser("new-region", help=scaffold.HELP, description=scaffold.HELP))
    newmetric.register(commands.add_parser("new-metric", help=newmetric.HELP, description=newmetric.HELP))
    draftfile.register(commands.add_parser("draft", help=draftfile.HELP, description=draftfile.HELP))
    factdiff.register(commands.add_parser("diff", help=factdiff.HELP, description=factdiff.HELP))
    schema.register(commands.add_parser("schema", help=schema.HELP, description=schema.HELP))
    stage.register(commands.add_parser("stage", help=stage.HELP, description=stage.HELP))
    build.register(commands.add_parser("build", help=build.HELP, description=build.HELP))
    for sub in commands.choices.values():  # --root also after the command: `check --root DIR`
        sub.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project root (holds data/)")
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
