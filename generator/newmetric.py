"""`python -m generator new-metric`: add a metric to data/metrics.yml from its dimensions.

A contributor says what the figure measures — concept, kind, basis, about, of, unit — with its
labels and definition (flags; in a terminal, questions for what is missing). Before anything is
written the command shows the metrics that are already the same measure (use one of them instead)
and the look-alikes the new one will be shown apart from. It proposes the id from the English label,
appends the entry at the end of the metrics list (the file's text is kept as it is, comments
included) and validates the result: if the registry no longer passes, the file is restored and the
problems are printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import typing
from pathlib import Path

from generator import measures
from generator import models as m
from generator.checks.registry import choices
from generator.load import Dataset, load
from generator.pipeline import validate
from generator.problems import errors

HELP = "add a metric to data/metrics.yml from what it measures (shows existing metrics of the same measure first)"
KINDS: tuple[str, ...] = typing.get_args(m.MeasureKind)
BASES: tuple[str, ...] = typing.get_args(m.Basis)
ABOUTS: tuple[str, ...] = typing.get_args(m.About)
ASKED = [  # (option, question, choices or None)
    ("label_zh", "Chinese label (as a reader sees it, e.g. 规模以上工业总产值)", None),
    ("label_en", "English label", None),
    ("unit", "unit id", "units"),
    ("group", "comparison group id", "groups"),
    ("concept", "concept id: what is counted or summed", "concepts"),
    ("kind", "kind", KINDS),
    ("basis", "basis", BASES),
    ("about", "about", ABOUTS),
    ("definition_zh", "Chinese definition (one sentence: what is counted, which basis)", None),
    ("definition_en", "English definition", None),
]


def suggest_id(label_en: str) -> str:
    """A snake_case id from the English label: 'Gross industrial output (above scale)' → gross_industrial_output_above_scale."""
    return "_".join(re.findall(r"[a-z0-9]+", label_en.lower()))[:80]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def entry(args: argparse.Namespace) -> str:
    """The metric's YAML, in the registry's own layout."""
    dims = f"concept: {args.concept}, kind: {args.kind}, basis: {args.basis}, about: {args.about}" + (f", of: {args.of}" if args.of else "")
    lines = [
        f"  - id: {args.id}",
        f"    label: {{zh: {_q(args.label_zh)}, en: {_q(args.label_en)}}}",
        f"    unit: {args.unit}",
        f'    display_scale: "{args.display_scale}"',
        f"    group: {args.group}",
        "    definition:",
        f"      zh: {_q(args.definition_zh)}",
        f"      en: {_q(args.definition_en)}",
        f"    measures: {{{dims}}}",
    ]
    return "\n".join(lines) + "\n"


def _draft(args: argparse.Namespace) -> m.Metric:
    """The new metric as a record, to compare with the registry before it is written."""
    return m.Metric(
        id=args.id,
        label=m.Bilingual(zh=args.label_zh, en=args.label_en),
        unit=args.unit,
        group=args.group,
        definition=m.Bilingual(zh=args.definition_zh, en=args.definition_en),
        measures=m.Measures(concept=args.concept, kind=args.kind, basis=args.basis, about=args.about, of=args.of),
    )


def neighbours(dataset: Dataset, metric: m.Metric) -> tuple[list[m.Metric], list[tuple[m.Metric, tuple[str, ...]]]]:
    """The metrics that are already this measure, and its look-alikes with what differs."""
    same = [x for x in dataset.metrics.values() if not measures.differences(x, metric)]
    family = measures.family(dataset, metric)
    alike = [
        (x, measures.differences(metric, x))
        for x in dataset.metrics.values()
        if x.unit == metric.unit and measures.family(dataset, x) == family and measures.differences(metric, x)
    ]
    return same, alike


def _unknown(dataset: Dataset, args: argparse.Namespace) -> list[str]:
    """What names nothing in the registry (unit, group, concept, of), with the valid choices."""
    wrong = []
    for option, registry in (("unit", dataset.units), ("group", dataset.groups), ("concept", dataset.concepts), ("of", dataset.concepts)):
        value = getattr(args, option)
        if value and value not in registry:
            wrong.append(f"--{option} '{value}' is not in data/metrics.yml ({choices(registry, value)})")
    for option, valid in (("kind", KINDS), ("basis", BASES), ("about", ABOUTS)):
        if getattr(args, option) not in valid:
            wrong.append(f"--{option} '{getattr(args, option)}' is not one of: {', '.join(valid)}")
    if args.id in dataset.metrics:
        wrong.append(f"metric '{args.id}' exists already: `python -m generator metrics {args.id}`")
    if not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", args.id or ""):
        wrong.append(f"id '{args.id}' is not snake_case (lowercase letters, digits and _)")
    return wrong


def _ask(dataset: Dataset, args: argparse.Namespace) -> None:
    """In a terminal, ask for what the flags did not give (with the choices)."""
    for option, question, valid in ASKED:
        if getattr(args, option):
            continue
        options = valid if isinstance(valid, tuple) else sorted(getattr(dataset, valid)) if valid else ()
        shown = f" [{', '.join(options)}]" if options else ""
        setattr(args, option, input(f"{question}{shown}: ").strip())


def cmd_new_metric(args: argparse.Namespace) -> int:
    root: Path = args.root
    dataset, problems = load(root)
    if errors(p for p in problems if p.file == "data/metrics.yml") or not dataset.metrics:
        print("✖ data/metrics.yml has problems; run `python -m generator check` first")
        return 1
    if sys.stdin.isatty() and not args.no_input:
        _ask(dataset, args)
    missing = [f"--{o.replace('_', '-')}" for o, _, _ in ASKED if not getattr(args, o)]
    if missing:
        print(f"✖ missing: {', '.join(missing)} (or run it in a terminal to be asked)")
        return 1
    args.id = args.id or suggest_id(args.label_en)
    wrong = _unknown(dataset, args)
    if wrong:
        print("\n".join(f"✖ {w}" for w in wrong))
        return 1
    same, alike = neighbours(dataset, _draft(args))
    if same and not args.force:
        names = ", ".join(f"`{x.id}` ({x.label.zh})" for x in same)
        print(f"✖ {names} measures the same (same unit and dimensions): file the figure under it, or tell the new metric apart")
        return 1
    return _write(root, args, alike)


def _write(root: Path, args: argparse.Namespace, alike: list[tuple[m.Metric, tuple[str, ...]]]) -> int:
    path = root / "data" / "metrics.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + entry(args), encoding="utf-8")
    _, problems = validate(root)
    mine = [p for p in errors(problems) if p.file == "data/metrics.yml"]
    if mine:
        path.write_text(before, encoding="utf-8")  # nothing is lost: the file as it was
        print("✖ the entry does not validate; data/metrics.yml is unchanged:")
        print("\n".join("  " + p.format() for p in mine))
        return 1
    print(f"✔ added `{args.id}` to data/metrics.yml")
    for other, differs in alike:
        print(f"  shown apart from its look-alike `{other.id}` ({other.label.zh}): differs in {', '.join(differs)}")
    print(f"  check what it is: python -m generator metrics {args.id}")
    return 0


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", help="snake_case id (default: from the English label)")
    parser.add_argument("--label-zh", dest="label_zh")
    parser.add_argument("--label-en", dest="label_en")
    parser.add_argument("--unit", help="a unit id from data/metrics.yml, e.g. yuan, firms, percent")
    parser.add_argument("--display-scale", dest="display_scale", default="", help="scale word figures are shown in, e.g. 亿")
    parser.add_argument("--group", help="comparison group id, e.g. economy")
    parser.add_argument("--concept", help="concept id: what is counted or summed, e.g. gross_output")
    parser.add_argument("--kind", help=f"one of: {', '.join(KINDS)}")
    parser.add_argument("--basis", default="all", help=f"one of: {', '.join(BASES)} (default all)")
    parser.add_argument("--about", default="region", help=f"one of: {', '.join(ABOUTS)} (default region)")
    parser.add_argument("--of", help="concept id of the whole of a share, the base of a multiple, a ranking")
    parser.add_argument("--definition-zh", dest="definition_zh")
    parser.add_argument("--definition-en", dest="definition_en")
    parser.add_argument("--force", action="store_true", help="add it even when a metric of the same measure exists")
    parser.add_argument("--no-input", dest="no_input", action="store_true", help="never ask, even in a terminal")
    parser.set_defaults(run=cmd_new_metric)
