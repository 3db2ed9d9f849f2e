"""Build cost on synthetic data: generator time, total `mkdocs build` time, the generator's share,
and region-page HTML size, for several numbers of regions (does the build grow linearly?).

For each size N it writes a synthetic project into a temporary folder — the real mkdocs.yml,
docs/, overrides/ and registries (data/metrics.yml, clusters.yml, provinces.yml), plus N generated regions
(~40 facts, 4 clusters, 8 events and 6 targets each, so every region page has ≥ 4 charts; spread
over every province and eight cities in each) and a synthetic source text holding every quote, so the validator passes — then runs
`mkdocs build --strict` on it in a fresh process (as a reader's build would) and times, inside
that process, the zone-report plugin's events (on_config: load + check; on_files: pages + the
Vega bundle; on_env; on_post_page).

    .venv/bin/python benchmarks/bench_build.py                      # 300 regions
    .venv/bin/python benchmarks/bench_build.py --regions 100 300 1000
    .venv/bin/python benchmarks/bench_build.py --regions 300 --profile   # + cProfile of the build

Both editions are built, each in its own process (the Chinese one into the site's root, the English
one into en/), and the table sets the whole site against the Chinese edition alone (goal ≤ 2.2×).
Earlier targets: region page HTML ≤ 60 KB (the page itself, without the shared CSS/JS/search
index); build time linear in the number of regions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FACTS_PER_REGION = 40
CITIES_PER_PROVINCE = 8  # synthetic prefecture cities (`profile.parent`): a large province lists regions by city
SYLLABLES = "云江河山海林石金玉明新安华宁平东西南北中长兴和泰丰盛嘉瑞德祥福鑫源清湖桥峰岭川"
EVENT_TYPES = ["policy", "plan", "launch", "opening", "project", "milestone", "meeting"]
LEVELS = ["national_zone", "prefecture_city", "county_city", "district"]
QUALIFIERS = ["达", "超", "突破", "约", "近"]


# ---------------------------------------------------------------------------------------------
# synthetic project


def region_name(i: int) -> tuple[str, str]:
    """A unique Chinese name without digits (digits in names would confuse the quote checks)."""
    n = len(SYLLABLES)
    zh = SYLLABLES[i % n] + SYLLABLES[(i // n) % n] + (SYLLABLES[(i // n // n) % n] if i >= n * n else "")
    return zh + "经开区", f"Zone {i}"


def number(rng: random.Random) -> float:
    value = rng.choice([rng.randint(12, 9800), round(rng.uniform(1.1, 99.9), 1)])
    return float(value)


def printed(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def make_project(dest: Path, regions: int, facts_per_region: int, seed: int = 1) -> dict[str, int]:
    """Writes a complete synthetic project into `dest`; returns counts."""
    rng = random.Random(seed)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("docs", "overrides"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, dest / folder)
    data = dest / "data"
    (data / "regions").mkdir(parents=True)
    (data / "sources").mkdir()
    shutil.copy2(ROOT / "data" / "metrics.yml", data / "metrics.yml")
    shutil.copy2(ROOT / "data" / "clusters.yml", data / "clusters.yml")
    shutil.copy2(ROOT / "data" / "provinces.yml", data / "provinces.yml")
    areas = yaml.safe_load((data / "provinces.yml").read_text(encoding="utf-8"))["areas"]
    # a region names its province by name alone (the registry's tile map fields stay there)
    provinces = [{"zh": p["zh"], "en": p["en"]} for area in areas for p in area["provinces"]]
    registry = yaml.safe_load((data / "metrics.yml").read_text(encoding="utf-8"))
    units = {u["id"]: u["label"]["zh"] for u in registry["units"]}
    metrics = registry["metrics"]
    clusters = yaml.safe_load((data / "clusters.yml").read_text(encoding="utf-8"))["clusters"]
    common = metrics[:12]  # every region reports these: the comparisons get long, as they would
    rest = metrics[12:]

    articles: list[dict[str, Any]] = []
    texts: dict[str, list[str]] = {}
    counts = {"facts": 0, "events": 0, "targets": 0}
    for i in range(regions):
        rid = f"zone-{i:04d}"
        zh, en = region_name(i)
        short = zh.removesuffix("经开区")
        province = provinces[i % len(provinces)]
        city = (i // len(provinces)) % CITIES_PER_PROVINCE
        parent = {"zh": f"{province['zh'][:2]}{SYLLABLES[city]}市", "en": f"{province['en'].split()[0]} city {city + 1}"}
        file = f"synthetic-{i // 100:02d}.txt"
        lines = texts.setdefault(file, [])
        article_id = f"{rid}-report"
        lines.append(f"## {zh}追新")
        first = len(lines)
        quotes: list[str] = []

        def quote(text: str) -> str:
            lines.append(text + "。")  # noqa: B023 - written at once, for this region's article
            quotes.append(text)  # noqa: B023
            return text

        chosen = common + rng.sample(rest, max(0, facts_per_region // 4 * 3 - len(common)))
        facts: list[dict[str, Any]] = []
        for k, metric in enumerate(chosen):
            for period in ("2023", "2022") if k % 3 == 0 else ("2023",):
                if len(facts) >= facts_per_region:
                    break
                value, qualifier = number(rng), rng.choice(QUALIFIERS)
                scale = metric.get("display_scale", "")
                unit = units[metric["unit"]]
                fact = {
                    "id": f"{metric['id'].replace('_', '-')}-{period}",
                    "metric": metric["id"],
                    "value": value,
                    "scale": scale,
                    "unit": metric["unit"],
                    "qualifier": qualifier,
                    "period": period,
                    "source": article_id,
                    "quote": quote(f"{period}年{short}{metric['label']['zh']}{qualifier}{printed(value)}{scale}{unit}"),
                }
                if len(facts) < 4:
                    fact["key"] = True
                if metric.get("per_cluster"):  # one industry at a time: the figure names its industry
                    fact["cluster"] = clusters[k % len(clusters)]["id"]
                facts.append(fact)
        region_clusters = [
            {
                "cluster": cl["id"],
                "role": role,
                "source": article_id,
                "quote": quote(f"{short}把{cl['name']['zh']}作为{ {'leading': '主导', 'emerging': '新兴', 'future': '未来'}[role] }产业"),
            }
            for cl, role in zip(rng.sample(clusters, 4), ["leading", "leading", "emerging", "future"], strict=True)
        ]
        events = []
        for k in range(8):
            year = rng.choice([2019, 2021, 2022, 2023, 2023, 2024, 2024, 2024])
            date = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
            kind = EVENT_TYPES[k % len(EVENT_TYPES)]
            title = f"{short}{['政策发布', '规划印发', '首发', '启用', '项目开工', '里程碑', '大会'][k % 7]}（第{'一二三四五六七八'[k]}项）"
            events.append(
                {
                    "id": f"event-{'abcdefgh'[k]}",
                    "date": date,
                    "type": kind,
                    "title": {"zh": title, "en": f"{en}: synthetic event {k + 1}"},
                    "source": article_id,
                    "quote": quote(f"{date}，{title}"),
                }
            )
        targets = []
        for k, fact in enumerate(facts[:6]):
            metric = next(mt for mt in chosen if mt["id"] == fact["metric"])
            goal = round(fact["value"] * rng.choice([1.5, 2, 3]), 1)
            deadline = rng.choice(["2025", "2027", "2030"])
            unit = units[metric["unit"]]
            text = f"{short}{metric['label']['zh']}突破{printed(goal)}{fact['scale']}{unit}"
            targets.append(
                {
                    "id": f"target-{k + 1:02d}",
                    "metric": fact["metric"],
                    "value": goal,
                    "scale": fact["scale"],
                    "unit": fact["unit"],
                    "qualifier": "突破",
                    "deadline": deadline,
                    "status": "planned",
                    "baseline": fact["id"] if k % 2 == 0 else None,
                    "title": {"zh": f"到{deadline}年{text}", "en": f"{en}: synthetic target {k + 1}"},
                    "source": article_id,
                    "quote": quote(f"到{deadline}年，{text}"),
                }
            )
            if targets[-1]["baseline"] is None:
                del targets[-1]["baseline"]
        articles.append(
            {
                "id": article_id,
                "file": file,
                "lines": [[first + 1, len(lines)]],
                "kind": "report",
                "title": {"zh": f"{zh}追新", "en": f"{en} chases the new"},
                "published": "2024-03",
                "published_basis": "Synthetic benchmark data.",
                "authors": ["基准"],
            }
        )
        region = {
            "profile": {
                "name": {"zh": zh, "en": f"{en} Development Zone"},
                "short_name": {"zh": short, "en": en},
                "aliases": [zh],
                "level": LEVELS[i % len(LEVELS)],
                "province": province,
                "parent": parent,
                "coordinates": [round(20 + rng.random() * 20, 2), round(100 + rng.random() * 20, 2)],
                "summary": {"zh": f"{zh}是用于基准测试的合成地区。", "en": f"{en} is a synthetic region for the benchmark."},
            },
            "facts": facts,
            "clusters": region_clusters,
            "events": events,
            "targets": targets,
            "excluded": [],
        }
        (data / "regions" / f"{rid}.yml").write_text(yaml.safe_dump(region, allow_unicode=True, sort_keys=False), encoding="utf-8")
        counts["facts"] += len(facts)
        counts["events"] += len(events)
        counts["targets"] += len(targets)
    for file, lines in texts.items():
        (data / "sources" / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "sources" / "articles.yml").write_text(
        yaml.safe_dump({"articles": articles}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {"regions": regions, **counts}


# ---------------------------------------------------------------------------------------------
# the build, timed from inside (runs in a fresh process: `--harness CONFIG OUT RESULT`)

EDITIONS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}  # config file, folder in the site


def harness(config: Path, out: Path, result: Path, profile: bool) -> None:
    project = config.parent
    started = time.perf_counter()
    os.chdir(project)
    import mkdocs.__main__

    from generator import charts, plugin, site

    timings: dict[str, float] = {
        "on_config": 0.0,
        "on_files": 0.0,
        "on_env": 0.0,
        "on_post_page": 0.0,
        "build_pages": 0.0,
        "vendor_bundle": 0.0,
    }

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] += time.perf_counter() - t

        return wrapper

    cls = plugin.ZoneReportPlugin
    for event in ("on_config", "on_files", "on_env", "on_post_page"):  # every event the plugin handles
        if hasattr(cls, event):
            setattr(cls, event, timed(event, getattr(cls, event)))
    # the plugin calls these through their modules (`site.build_pages`), so patching the modules is
    # enough. build_pages renders half of a large site in a second process: its time is wall time
    site.build_pages = timed("build_pages", site.build_pages)
    charts.vendor_bundle = timed("vendor_bundle", charts.vendor_bundle)

    sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)]
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    build_started = time.perf_counter()
    try:
        mkdocs.__main__.cli(standalone_mode=False)
    finally:
        build = time.perf_counter() - build_started
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(result.with_suffix(".prof")))
    result.write_text(
        json.dumps({**timings, "build": build, "process": time.perf_counter() - started}),
        encoding="utf-8",
    )


def run(regions: int, facts: int, keep: Path | None, profile: bool) -> dict[str, Any]:
    """Both editions of a synthetic site of `regions` regions, each built (and timed) in its own
    process, as scripts/build does: the Chinese edition first, then the English one into en/."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{regions}-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        counts = make_project(project, regions, facts)
        site = (keep / f"site-{regions}") if keep else Path(tmp) / "site"
        runs = {
            lang: _build(project / config, site / folder, Path(tmp) / f"result-{lang}.json", regions, profile)
            for lang, (config, folder) in EDITIONS.items()
        }
        sizes = [p.stat().st_size / 1024 for p in (site / "regions").glob("*/index.html")]
        pages = list(site.rglob("index.html"))
        charts = sum(page.read_text(encoding="utf-8").count(" data-chart=") for page in pages)
        return {
            **counts,
            **runs["zh"],
            "en": runs["en"],
            "pages": len(pages),
            "chart_count": charts,
            "region_kb_median": statistics.median(sizes),
            "region_kb_max": max(sizes),
        }


def _build(config: Path, out: Path, result: Path, regions: int, profile: bool) -> dict[str, Any]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--harness", str(config), str(out), str(result), *(["--profile"] if profile else [])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        how = f"killed by signal {-proc.returncode} (out of memory?)" if proc.returncode < 0 else f"exit status {proc.returncode}"
        raise SystemExit(f"build of {regions} regions ({config.name}) failed, {how}:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
    if profile:
        import pstats

        print(f"\n== cProfile, {regions} regions, {config.name}: top 25 by cumulative time")
        pstats.Stats(str(result.with_suffix(".prof"))).sort_stats("cumulative").print_stats(25)
    return {**json.loads(result.read_text(encoding="utf-8")), "wall": wall}


def _generator(r: dict[str, Any]) -> float:
    """The plugin's whole time in the build: every event it handles."""
    return float(r["on_config"] + r["on_files"] + r["on_env"] + r["on_post_page"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[300], help="region counts to build (default: 300)")
    parser.add_argument("--facts", type=int, default=FACTS_PER_REGION, help="facts per region (default: 40)")
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of each build")
    parser.add_argument("--harness", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.harness:
        project, out, result = args.harness
        harness(project, out, result, profile=args.profile)
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    head = (
        f"{'regions':>7} {'pages':>6} {'facts':>6} {'charts':>6} | {'zh s':>6} {'gen s':>6} {'share':>6} | "
        f"{'load+check':>10} {'pages':>6} {'post':>6} | {'en s':>6} {'both s':>6} {'both/zh':>7} | "
        f"{'ms/region':>9} | {'region KB med/max':>17}"
    )
    print(head)
    print("-" * len(head), flush=True)
    rows = []
    for n in args.regions:  # one row as soon as its build is done: large sizes take minutes
        r = run(n, args.facts, args.keep, args.profile)
        rows.append(r)
        generator, both = _generator(r), r["build"] + r["en"]["build"]
        print(
            f"{r['regions']:>7} {r['pages']:>6} {r['facts']:>6} {r['chart_count']:>6} | {r['build']:>6.2f} {generator:>6.2f} "
            f"{generator / r['build']:>6.1%} | {r['on_config']:>10.2f} {r['build_pages']:>6.2f} {r['on_post_page']:>6.2f} | "
            f"{r['en']['build']:>6.2f} {both:>6.2f} {both / r['build']:>7.2f} | {1000 * both / r['regions']:>9.1f} | "
            f"{r['region_kb_median']:>8.1f} / {r['region_kb_max']:<6.1f}",
            flush=True,
        )
    print(
        "\nzh s / en s: `mkdocs build --strict` of each edition in its own process (wall times with Python "
        "start-up: " + ", ".join(f"{r['wall']:.1f} + {r['en']['wall']:.1f}" for r in rows) + " s); "
        "gen s, share, load+check, pages, post: the Chinese edition's build — all of the zone-report plugin's "
        "events (on_config: load + check data, teach jieba; on_files: build_pages, Vega bundle, nav; "
        "on_post_page = post: whitespace squeezing); pages = build_pages; both/zh: the whole site (both "
        "editions) against the Chinese edition alone (goal ≤ 2.2); ms/region: both editions; "
        "pages and charts: both editions; region KB: the Chinese edition's region pages."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
