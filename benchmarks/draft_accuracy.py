"""How close `python -m generator draft` comes to the curated records (issue 22).

    .venv/bin/python benchmarks/draft_accuracy.py            # the table
    .venv/bin/python benchmarks/draft_accuracy.py --misses   # + each curated figure drafted wrong

The drafter runs on a copy of data/ whose region files keep only their profile (facts, clusters,
events, targets and exclusions removed), so it cannot read the answer. For each article in
articles.yml and each region citing it, every curated fact, target and event printed in that
article is an answer: it is matched to the drafted record whose number (or date) lies inside the
curated quote, and each field is compared. A curated figure that no drafted record matches is
wrong in every row. "drafted twice": curated figures two drafted records claim.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import models as m  # noqa: E402
from generator.draft import Drafted, draft  # noqa: E402
from generator.load import Dataset, load  # noqa: E402

ROWS = ["found", "value+scale+unit", "qualifier", "period/date", "scope/subject", "kind", "metric top-1", "metric top-3"]
GOALS = {"value+scale+unit": 0.9, "period/date": 0.9, "metric top-1": 0.7, "metric top-3": 0.9}


def blank_copy(root: Path, into: Path) -> Path:
    """data/ under `into`, each region file cut to its profile: the drafter sees no curated record."""
    shutil.copytree(root / "data", into / "data")
    for path in (into / "data" / "regions").glob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept, inside = [], False
        for line in lines:
            if re.match(r"[a-z_]+:", line):
                inside = line.startswith("profile:")
            if inside or line.startswith("#"):
                kept.append(line)
        path.write_text("".join(kept), encoding="utf-8")
    return into


def answers(curated: Dataset, region: m.Region, article: m.Article) -> list[tuple[str, m.Reported, list[tuple[int, int]]]]:
    """(kind, record, spans of its printings in this article) of the region's figures printed there."""
    text = curated.texts[article.file]
    out = []
    for kind in ("facts", "targets", "events"):
        for record in getattr(region, kind):
            spans = [text.find(p.quote, article.lines) for p in record.printings() if p.source == article.id]
            found = [s for s in spans if s]
            if found:
                out.append((kind, record, found))
    return out


def matches(kind: str, record: m.Reported, spans: list[tuple[int, int]], drafted: list[Drafted]) -> list[Drafted]:
    """Drafted records stating a number inside one of the record's quotes: the same value for a
    figure (those of its scale and unit first: 千星入轨、千亿营收 are two figures of one value), the same kind
    of record (a dated record) for an event (the one quoted from where the curated quote begins,
    when there is one)."""
    out = []
    for item in drafted:
        inside = any(a <= at < b for at in item.covers for a, b in spans)
        if not inside:
            continue
        if isinstance(record, m.Quantity):
            if isinstance(item.record, m.Quantity) and item.record.value == record.value:
                out.append(item)
        elif isinstance(item.record, m.Event):
            out.append(item)
    if not out and isinstance(record, m.Event):  # an event drafted as a figure's date is still found
        out = [i for i in drafted if any(a <= at < b for at in i.covers for a, b in spans) and i.kind != "excluded"]
    if isinstance(record, m.Quantity):
        out.sort(key=lambda item: _number(item.record) != _number(record))
    else:  # A、B、C等项目开工建设: B's and C's events lie inside A's quote; A's is the one quoted from where it is
        out = [item for item in out if any(item.at == a for a, _ in spans)] or out
    return out[:1] + [x for x in out[1:] if x is not out[0]]


def _number(record: m.Quoted) -> tuple[object, ...]:
    return (getattr(record, "value", None), getattr(record, "scale", None), getattr(record, "unit", None))


def twice(record: m.Reported, found: list[Drafted]) -> bool:
    """Whether two drafted records claim this figure (of its value, scale and unit) or event."""
    if isinstance(record, m.Quantity):
        return sum(_number(item.record) == _number(record) for item in found) > 1
    return sum(isinstance(item.record, m.Event) for item in found) > 1


def _when(record: m.Quoted) -> str | None:
    return getattr(record, "period", None) or getattr(record, "deadline", None) or getattr(record, "date", None)


def score(kind: str, record: m.Reported, found: Drafted | None) -> dict[str, bool | None]:
    """Each row's verdict; None where a row does not apply (metric of an event)."""
    quantity = isinstance(record, m.Quantity)
    got = found.record if found else None
    out: dict[str, bool | None] = {row: False for row in ROWS}
    if not quantity:
        out["metric top-1"] = out["metric top-3"] = out["value+scale+unit"] = out["qualifier"] = None
    if got is None or found is None:
        return out
    out["found"] = True
    out["kind"] = found.kind == kind
    out["period/date"] = _when(got) == _when(record)
    out["scope/subject"] = getattr(got, "scope", None) == getattr(record, "scope", None) and (getattr(got, "subject", None) is None) == (
        getattr(record, "subject", None) is None
    )
    if quantity and isinstance(got, m.Quantity):
        out["value+scale+unit"] = (got.value, got.value_max, got.scale, got.unit) == (
            record.value,
            record.value_max,
            record.scale,
            record.unit,
        )
        out["qualifier"] = got.qualifier == record.qualifier
        out["metric top-1"] = got.metric == record.metric
        out["metric top-3"] = record.metric in found.candidates[:3]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each curated figure the draft got wrong, and how")
    args = parser.parse_args()
    curated, _ = load(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        blank, _ = load(blank_copy(ROOT, Path(tmp)))
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    drafted_twice, drafted_count, times = 0, 0, []
    for article in curated.articles.values():
        for region in curated.regions.values():
            if article.id not in region.articles():
                continue
            started = time.perf_counter()
            drafted = draft(blank, article, region.id)
            times.append(time.perf_counter() - started)
            drafted_count += len([d for d in drafted if d.kind != "excluded"])
            for kind, record, spans in answers(curated, region, article):
                found = matches(kind, record, spans, drafted)
                doubled = twice(record, found)
                drafted_twice += doubled
                if args.misses and doubled:
                    print(f"{region.id}/{record.id}: drafted twice: " + " | ".join(f"{d.kind} {d.record.quote}" for d in found))
                verdict = score(kind, record, found[0] if found else None)
                for row, ok in verdict.items():
                    if ok is not None:
                        totals[row] += 1
                        right[row] += ok
                if args.misses and not all(v is not False for v in verdict.values()):
                    _miss(region, kind, record, found[0] if found else None, verdict)
    _table(totals, right, drafted_twice, drafted_count, times)
    return 0


def _miss(region: m.Region, kind: str, record: m.Reported, found: Drafted | None, verdict: dict[str, bool | None]) -> None:
    wrong = [row for row, ok in verdict.items() if ok is False]
    got = found.record if found else None
    said = (
        f"{found.kind} {getattr(got, 'value', '')}{getattr(got, 'scale', '')} {getattr(got, 'unit', '')} {getattr(got, 'qualifier', '')} "
        f"{_when(got) if got else ''} {getattr(got, 'metric', '')} {list(found.candidates)}"
        if found
        else "not drafted"
    )
    want = " ".join(str(getattr(record, f, "")) for f in ("value", "scale", "unit", "qualifier", "metric"))
    want = f"{kind} {want} {_when(record)}"
    print(f"{region.id}/{record.id}: wrong {', '.join(wrong)}\n    want {want}\n    got  {said}")
    print(f"    quote {record.quote}" + (f"\n    drafted {found.record.quote}" if found else ""))


def _table(totals: Counter[str], right: Counter[str], twice: int, drafted: int, times: list[float]) -> None:
    print(f"| {'row':<18} | {'right':>9} | {'share':>6} | goal |")
    print(f"|{'-' * 20}|{'-' * 11}|{'-' * 8}|------|")
    for row in ROWS:
        share = right[row] / totals[row] if totals[row] else 0.0
        goal = f"{GOALS[row]:.0%}" if row in GOALS else ""
        print(f"| {row:<18} | {right[row]:>4}/{totals[row]:<4} | {share:>6.1%} | {goal:>4} |")
    print(f"curated figures drafted twice: {twice}; records drafted (not exclusions): {drafted}")
    mean, most = sum(times) / len(times) * 1000, max(times) * 1000
    print(f"time per article: mean {mean:.0f} ms, max {most:.0f} ms ({len(times)} article × region runs)")


if __name__ == "__main__":
    sys.exit(main())
