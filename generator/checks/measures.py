"""What a figure measures: its quote against its metric's dimensions, and the registry's own
consistency (comparable metrics are one measure; look-alikes declared by hand only where the
dimensions cannot say it).

A contributor chooses a metric from a hundred; a plausible wrong pick draws a figure beside figures
of another measure. The quote says what it is (markers.py): where it contradicts the metric the
check fails, naming the metrics that fit; where the metric is more specific than the quote, it
warns (the quote may say it elsewhere — then quote that sentence).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import markers, measures
from generator import models as m
from generator.checks.registry import QUANTITIES, check, unknown
from generator.load import Dataset
from generator.problems import Problem

NEW_METRIC = "python -m generator new-metric"


@check(scope="record", kinds=QUANTITIES)
def quote_contradicts_metric(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    yield from _report(dataset, q, "error")


@check(scope="record", kinds=QUANTITIES, severity="warning")
def metric_more_specific_than_quote(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    yield from _report(dataset, q, "warning")


def _report(dataset: Dataset, q: m.Quantity, severity: str) -> Iterator[Problem]:
    metric = dataset.metrics.get(q.metric)
    if metric is None:  # references.py reports the unknown id
        return
    found = [f for f in findings(dataset, q, metric) if f.severity == severity]
    if found:
        message = "; ".join(f.message for f in found)
        yield dataset.problem(q, ("metric",), message, _hint(dataset, q, metric, severity), "measure")


def findings(dataset: Dataset, q: m.Quantity, metric: m.Metric) -> list[markers.Finding]:
    return markers.read(q.quote, q, metric, dataset.concepts)


def fitting(dataset: Dataset, q: m.Quantity) -> list[m.Metric]:
    """The metrics of the record's unit that its quote does not contradict, those it names most
    completely first (fewest warnings), then in registry order."""
    scored = []
    for index, metric in enumerate(dataset.metrics.values()):
        if metric.unit != q.unit:
            continue
        read = markers.read(q.quote, q, metric, dataset.concepts)
        if not any(f.severity == "error" for f in read):
            scored.append((len(read), index, metric))
    return [metric for _, _, metric in sorted(scored, key=lambda s: s[:2])]


def _hint(dataset: Dataset, q: m.Quantity, metric: m.Metric, severity: str) -> str:
    others = [x.id for x in fitting(dataset, q) if x.id != metric.id][:3]
    if severity == "warning":
        return "quote the sentence that says so, or choose a metric the quote supports" + (f": {', '.join(others)}" if others else "")
    if others:
        return f"use {' or '.join(f'`{x}`' for x in others)}, or add the measure the quote names with `{NEW_METRIC}`"
    return f"no metric of unit '{q.unit}' fits the quote: add one with `{NEW_METRIC}`"


@check(scope="record", kinds=("metrics",))
def measure_references(dataset: Dataset, _region: None, metric: m.Metric) -> Iterator[Problem]:
    """A metric's concept and its `of` are concepts of the registry."""
    yield from unknown(dataset, metric, ("measures", "concept"), "concept", metric.measures.concept, dataset.concepts, "concepts")
    if metric.measures.of is not None:
        yield from unknown(dataset, metric, ("measures", "of"), "concept", metric.measures.of, dataset.concepts, "concepts")


@check(scope="record", kinds=("metrics",))
def comparable_is_one_measure(dataset: Dataset, _region: None, metric: m.Metric) -> Iterator[Problem]:
    """Metrics declared comparable must measure the same thing: a chart sets their figures side by side."""
    for index, other_id in enumerate(metric.comparable_with):
        other = dataset.metrics.get(other_id)
        if other is not None and (differs := measures.differences(metric, other)):
            message = f"'{metric.id}' is declared comparable with '{other_id}', but they differ in {', '.join(differs)}"
            hint = "comparable metrics are one measure: align them or remove the entry"
            yield dataset.problem(metric, ("comparable_with", index), message, hint, "measure")


@check(scope="record", kinds=("metrics",), severity="warning")
def look_alike_declared_by_hand(dataset: Dataset, _region: None, metric: m.Metric) -> Iterator[Problem]:
    """A `not_comparable_with` entry the dimensions already derive says nothing more: its reason
    should come from the dimensions, like every other pair's."""
    for index, entry in enumerate(metric.not_comparable_with):
        other = dataset.metrics.get(entry.metric)
        if other is not None and _derived(dataset, metric, other):
            differs = ", ".join(measures.differences(metric, other))
            message = f"'{metric.id}' and '{entry.metric}' are look-alikes by their dimensions (they differ in {differs})"
            hint = "remove this entry: the site writes the reason"
            yield dataset.problem(metric, ("not_comparable_with", index), message, hint, "measure")


@check(severity="warning")
def one_measure_two_metrics(dataset: Dataset) -> Iterator[Problem]:
    """Two metrics whose unit and every dimension agree are one measure under two names: their
    figures would never meet on a chart."""
    for first, second in measures.same_measure(dataset):
        if second.id in first.comparable_with or first.id in second.comparable_with:
            continue
        message = f"'{second.id}' measures what '{first.id}' measures (same unit and dimensions)"
        hint = "use one metric, list them in comparable_with, or give each the dimension that tells them apart"
        yield dataset.problem(second, ("measures",), message, hint, "measure")


def _derived(dataset: Dataset, a: m.Metric, b: m.Metric) -> bool:
    return a.unit == b.unit and measures.family(dataset, a) == measures.family(dataset, b) and bool(measures.differences(a, b))


@check(scope="record", kinds=QUANTITIES)
def figure_is_about_what_its_metric_is(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    """A metric of one firm, project or programme needs the record's `subject`; a metric of one
    industry, its `cluster`: without them the figure would be compared as the region's own."""
    metric = dataset.metrics.get(q.metric)
    about = metric.measures.about if metric else "region"
    if about == "subject" and q.subject is None:
        message = f"`{q.metric}` is the figure of one firm, project or programme, and this record does not say whose"
        yield dataset.problem(q, ("metric",), message, "name it in `subject: {zh: …, en: …}`, or choose a metric of the region", "measure")
    if about == "industry" and not q.cluster:
        message = f"`{q.metric}` is one industry's figure, and this record does not say which industry"
        yield dataset.problem(q, ("metric",), message, "name the industry in `cluster:` (an id from data/clusters.yml)", "measure")


@check(scope="record", kinds=QUANTITIES, severity="warning")
def region_figure_names_an_industry(dataset: Dataset, _region: m.Region, q: m.Quantity) -> Iterator[Problem]:
    """A record that names an industry (and no subject) under a metric of the whole region: it is
    probably that industry's figure, which would be compared with other regions' totals."""
    metric = dataset.metrics.get(q.metric)
    if metric is None or metric.per_cluster or metric.measures.about != "region" or not q.cluster or q.subject is not None:
        return
    message = f"this record names an industry (cluster: {q.cluster}), but `{q.metric}` is the whole region's figure"
    hint = "choose the metric of that industry (`python -m generator metrics WORD`), or remove `cluster:`"
    yield dataset.problem(q, ("cluster",), message, hint, "measure")
