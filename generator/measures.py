"""What a metric measures, compared by a program: one measure, look-alikes, and how they differ.

Every metric declares its dimensions (`measures:` in data/metrics.yml): the concept it counts or
sums, the kind of number (a level over a period, a stock, an increase, a growth rate, a share …),
the basis (all enterprises, those above designated size, or not stated), what it is about (the
region, one industry, one subject) and the whole or base it is relative to (`of`), besides its
unit. Two metrics are one measure only when all of these agree.

Look-alikes — metrics a reader could take for one another — follow from the dimensions: the same
unit and the same concept (or concepts of one family: gross output, value added, revenue), but
some other dimension different. Their reason for readers is written from the dimensions that
differ (pages/compare.py), so pairs no longer have to be declared one by one.
`not_comparable_with` is kept for what the dimensions cannot say; a hand-declared pair that the
dimensions already derive is reported by the checks (checks/measures.py).

Pure functions of the dataset; metrics are grouped by (unit, family) first, so the pairs cost the
size of each group squared, not the registry's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import models as m
from generator.load import Dataset

DIMENSIONS = ("concept", "kind", "basis", "about", "of")


def differences(a: m.Metric, b: m.Metric) -> tuple[str, ...]:
    """The dimensions in which two metrics differ, 'unit' last; () when they are one measure."""
    out = tuple(d for d in DIMENSIONS if getattr(a.measures, d) != getattr(b.measures, d))
    return out + (("unit",) if a.unit != b.unit else ())


def family(ds: Dataset, metric: m.Metric) -> str:
    """The concept's family, or the concept itself when it has none."""
    concept = ds.concepts.get(metric.measures.concept)
    return concept.family if concept is not None and concept.family else metric.measures.concept


@dataclass(frozen=True)
class LookAlike:
    other: m.Metric
    differs: tuple[str, ...]  # the dimensions that differ (empty for a pair only declared by hand)
    declared: m.NotComparable | None  # the hand-written reason, for what the dimensions cannot say


def look_alikes(ds: Dataset) -> dict[str, list[LookAlike]]:
    """metric id → its look-alikes, in registry order: derived from the dimensions, and declared."""
    groups: dict[tuple[str, str], list[m.Metric]] = {}
    for metric in ds.metrics.values():
        groups.setdefault((metric.unit, family(ds, metric)), []).append(metric)
    pairs: dict[str, dict[str, LookAlike]] = {mid: {} for mid in ds.metrics}
    for members in groups.values():
        for a in members:
            for b in members:
                if a is not b and (differs := differences(a, b)):
                    pairs[a.id][b.id] = LookAlike(b, differs, None)
    for a in ds.metrics.values():
        for entry in a.not_comparable_with:
            other = ds.metrics.get(entry.metric)
            if other is None or other is a:
                continue
            for one, two in ((a, other), (other, a)):
                pairs[one.id][two.id] = LookAlike(two, differences(one, two), entry)
    order = {mid: index for index, mid in enumerate(ds.metrics)}
    return {mid: sorted(found.values(), key=lambda x: order[x.other.id]) for mid, found in pairs.items()}


def same_measure(ds: Dataset) -> list[tuple[m.Metric, m.Metric]]:
    """Pairs of metrics that the dimensions make one measure (each pair once, in registry order)."""
    seen: dict[tuple[object, ...], m.Metric] = {}
    out = []
    for metric in ds.metrics.values():
        key = (metric.unit, *(getattr(metric.measures, d) for d in DIMENSIONS))
        if key in seen:
            out.append((seen[key], metric))
        else:
            seen[key] = metric
    return out
