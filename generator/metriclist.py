"""`python -m generator metrics [WORD]`: which metric to file a figure under.

A figure is comparable across regions only if both are filed under the same measure, so the right
metric matters more than any other field. This lists the metrics whose id, labels or definition
contain WORD (all without one): labels, unit and display scale, group, definition, how it may be
compared, its declared look-alikes with the reason, and how many facts and targets use it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from generator import models as m
from generator.load import Dataset, load
from generator.measures import LookAlike, look_alikes

HELP = "list the metrics (matching WORD in id, labels or definition) with definitions, comparability and use"


def matches(metric: m.Metric, word: str) -> bool:
    word = word.casefold()
    texts = [metric.id, metric.label.zh, metric.label.en, metric.definition.zh, metric.definition.en]
    return not word or any(word in text.casefold() for text in texts)


def describe(
    dataset: Dataset, metric: m.Metric, used: Counter[tuple[str, str]], regions: dict[str, set[str]], alikes: dict[str, list[LookAlike]]
) -> list[str]:
    unit = dataset.units.get(metric.unit)
    group = dataset.groups.get(metric.group)
    compared = "only the order of magnitude (listed, not drawn)" if metric.comparison == "magnitude" else "by value"
    if metric.per_cluster:
        compared += "; one industry at a time (each fact names its cluster)"
    lines = [
        f"{metric.id} — {metric.label.zh} / {metric.label.en}",
        f"  unit: {unit.label.zh if unit else metric.unit} ({metric.unit})"
        + (f", shown in {metric.display_scale}" if metric.display_scale else "")
        + f"; group: {metric.group}"
        + (f" ({group.label.zh})" if group else ""),
        f"  definition: {metric.definition.zh}",
        f"              {metric.definition.en}",
        f"  compared: {compared}",
    ]
    if metric.comparable_with:
        lines.append(f"  comparable with: {', '.join(metric.comparable_with)}")
    dims = metric.measures
    of = f", of {dims.of}" if dims.of else ""
    lines.append(f"  measures: concept {dims.concept}, kind {dims.kind}, basis {dims.basis}, about {dims.about}{of}")
    for look in alikes.get(metric.id, []):
        why = look.declared.reason.zh if look.declared else "differs in " + ", ".join(look.differs)
        lines.append(f"  look-alike {look.other.id}: {why}")
    facts, targets = used[(metric.id, "fact")], used[(metric.id, "target")]
    where = sorted(regions.get(metric.id, set()))
    uses = f"{facts} fact{'s' if facts != 1 else ''}, {targets} target{'s' if targets != 1 else ''}"
    lines.append(f"  used by {uses}" + (f" in {', '.join(where)}" if where else ""))
    return lines


def run(root: Path, word: str) -> tuple[int, str]:
    dataset, _problems = load(root)  # a listing works on data with problems too
    if not dataset.metrics:
        return 1, "✖ data/metrics.yml cannot be read; run `python -m generator check`"
    used: Counter[tuple[str, str]] = Counter()
    regions: dict[str, set[str]] = {}
    for region in dataset.regions.values():
        for q in [*region.facts, *region.targets]:
            used[(q.metric, "target" if isinstance(q, m.Target) else "fact")] += 1
            regions.setdefault(q.metric, set()).add(region.id)
    found = [mt for mt in dataset.metrics.values() if matches(mt, word)]
    alikes = look_alikes(dataset)
    blocks = ["\n".join(describe(dataset, mt, used, regions, alikes)) for mt in found]
    summary = f"{len(found)} of {len(dataset.metrics)} metrics" + (f" match '{word}'" if word else "")
    hint = "" if found else "; try a shorter word, in Chinese or English, or `python -m generator metrics` for all"
    return 0 if found else 1, "\n\n".join([*blocks, summary + hint])


def cmd_metrics(args: argparse.Namespace) -> int:
    code, text = run(args.root, args.word)
    print(text)
    return code


def register(parser: argparse.ArgumentParser) -> None:
    example = "a word of the id, a label or the definition, e.g. 专利 or patent"
    parser.add_argument("word", nargs="?", default="", metavar="WORD", help=example)
    parser.set_defaults(run=cmd_metrics)
