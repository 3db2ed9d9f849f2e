"""Findability over all the data: does a search for each name find its page first?

For a built site (both editions), every region's short and full name, every cluster's name, every
metric's label (those the comparisons show) and every article's title, in both languages, is
searched with the site's own search worker run in Node (benchmarks/search_run.mjs, the same file
the browser runs, reading the built pieces); a name counts as first when its page is the first
result, top 3 when it is among the first three. A metric's page is its group's comparison.

    .venv/bin/python benchmarks/search_quality.py site          # after scripts/build
    .venv/bin/python benchmarks/search_quality.py site --misses # and what each miss listed instead
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import site as site_pages  # noqa: E402
from generator.paths import cluster_path, group_path, page_url, region_path, source_path  # noqa: E402
from generator.pipeline import validate  # noqa: E402


def expectations(root: Path) -> dict[str, list[tuple[str, str]]]:
    """kind → [(query, page it must find)], both languages' names."""
    dataset = validate(root)[0]
    assert dataset is not None, "data/ has problems: python -m generator check"
    shown = {metric.id for metrics in site_pages.context(dataset, lang="zh").index.groups.values() for metric in metrics}
    found: dict[str, list[tuple[str, str]]] = {"region": [], "cluster": [], "metric": [], "article": []}
    for region in dataset.regions.values():
        for name in (region.profile.short_name, region.profile.name):
            found["region"] += _both(name, page_url(region_path(region.id)))
    for cluster in dataset.clusters.values():
        found["cluster"] += _both(cluster.name, page_url(cluster_path(cluster.id)))
    for metric in dataset.metrics.values():
        if metric.id in shown:
            found["metric"] += _both(metric.label, page_url(group_path(metric.group)))
    for article in dataset.articles.values():
        found["article"] += _both(article.title, page_url(source_path(article.id)))
    return found


def _both(name: Any, page: str) -> list[tuple[str, str]]:
    return [(name.zh, page), (name.en, page)]


def run(edition: Path, queries: list[str]) -> dict[str, list[str]]:
    out = subprocess.run(
        ["node", str(ROOT / "benchmarks" / "search_run.mjs"), str(edition)],
        input=json.dumps(queries, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {row["query"]: row["pages"] for row in map(json.loads, out.splitlines())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site: the Chinese edition at its root, the English one in en/")
    parser.add_argument("--data", type=Path, default=ROOT, help="the project whose data/ the site was built from")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    wanted = expectations(args.data)
    print(f"{'edition':<8} {'kind':<8} {'names':>6} {'first':>6} {'top 3':>6}")
    for lang, folder in (("zh", ""), ("en", "en")):
        edition = args.site / folder
        results = run(edition, sorted({q for pairs in wanted.values() for q, _ in pairs}))
        for kind, pairs in wanted.items():
            first = sum(results[q][:1] == [page] for q, page in pairs)
            top3 = sum(page in results[q][:3] for q, page in pairs)
            print(f"{lang:<8} {kind:<8} {len(pairs):>6} {first:>6} {top3:>6}")
            if args.misses:
                for q, page in pairs:
                    if results[q][:1] != [page]:
                        print(f"    {q!r} → {page}: {results[q][:4]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
