"""Build cost on synthetic data: how long `mkdocs build` takes for several numbers of regions, where
the time goes (Markdown, search, the generator), the search index's size and the peak memory — and,
with `--against`, the same for another checkout in the same run (A/B on the same data and machine).

For each size N it writes a synthetic project into a temporary folder — the checkout's mkdocs.yml,
docs/ and overrides/, the registries (data/metrics.yml, clusters.yml, provinces.yml), plus N
generated regions (~40 facts, 4 clusters, 8 events and 6 targets each, so every region page has
≥ 4 charts; spread over every province and eight cities in each) and a synthetic source text
holding every quote, so the validator passes — then builds both editions as that checkout's
scripts/build does (`python -m generator build`: one process; an older checkout: `mkdocs build
--strict` per edition, each in its own process) with that checkout's generator, and times inside
the process each edition, the zone-report plugin's events, Python-Markdown and material's search
plugin; it samples the process tree's PSS from outside and, when benchmarks/search_latency.py has
`first_search`, times a first search on the built Chinese edition in Chromium.

    .venv/bin/python benchmarks/bench_build.py                      # 300 regions
    .venv/bin/python benchmarks/bench_build.py --regions 100 300 1000
    .venv/bin/python benchmarks/bench_build.py --regions 300 --profile   # + cProfile of the build
    git worktree add ../before before-14   # its generator is imported from there (PYTHONPATH)
    .venv/bin/python benchmarks/bench_build.py --regions 100 300 --against ../before   # A/B, one run
    .venv/bin/python benchmarks/bench_build.py --regions 5000 --no-search   # the domain's size (~5,000 zones)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


def make_project(dest: Path, regions: int, facts_per_region: int, seed: int = 1, checkout: Path = ROOT) -> dict[str, int]:
    """Writes a complete synthetic project into `dest` (the site's configuration, docs/ and
    overrides/ from `checkout`; the data the same for every checkout); returns counts."""
    rng = random.Random(seed)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "pyproject.toml"):
        shutil.copy2(checkout / name, dest / name)
    for folder in ("docs", "overrides"):
        if (checkout / folder).exists():
            shutil.copytree(checkout / folder, dest / folder)
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
                if metric["measures"]["kind"] == "rank":  # a place in a ranking is a whole number
                    value = float(rng.randint(1, 20))
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
                about = metric["measures"].get("about", "region")
                if metric.get("per_cluster") or about == "industry":  # one industry's figure names its industry
                    fact["cluster"] = clusters[k % len(clusters)]["id"]
                if about == "subject":  # one firm's or project's figure names whose it is
                    fact["subject"] = {"zh": f"{short}样例企业", "en": f"a sample firm of {en}"}
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
# what is timed inside a build: (module, class or None, function) → its name in the results. The
# wrappers only measure (benchmark instrumentation, in the benchmark's own process); the plugin calls
# build_pages through its module, so wrapping the modules' names is enough
TIMED = {
    ("generator.plugin", "ZoneReportPlugin", "on_config"): "on_config",
    ("generator.plugin", "ZoneReportPlugin", "on_files"): "on_files",
    ("generator.plugin", "ZoneReportPlugin", "on_env"): "on_env",
    ("generator.plugin", "ZoneReportPlugin", "on_page_markdown"): "on_page_markdown",
    ("generator.plugin", "ZoneReportPlugin", "on_page_content"): "on_page_content",
    ("generator.plugin", "ZoneReportPlugin", "on_page_context"): "on_page_context",
    ("generator.plugin", "ZoneReportPlugin", "on_post_page"): "on_post_page",
    ("generator.plugin", "ZoneReportPlugin", "on_post_build"): "on_post_build",
    ("generator.site", None, "build_pages"): "build_pages",  # wall time: it may fork
    ("markdown.core", "Markdown", "convert"): "markdown",
    ("material.plugins.search.plugin", "SearchPlugin", "on_page_context"): "search_pages",
    ("material.plugins.search.plugin", "SearchPlugin", "on_post_build"): "search_write",
}
PLUGIN_EVENTS = [name for (module, _, _), name in TIMED.items() if module == "generator.plugin"]


def peak_pss(proc: subprocess.Popen[bytes], every: float = 0.5) -> float:
    """Waits for `proc`; the peak of its physical memory, in MiB, sampled from outside every 0.5 s
    (reading smaps_rollup costs the kernel a walk of the page tables: every 50 ms took a quarter
    of a core from the build):
    the proportional set size (PSS) of it and its children (the forked page renderer) together.
    PSS splits each shared page among the processes sharing it: the fork shares the parent's
    memory until it writes, so adding the two processes' peak RSS would count it twice. (From
    outside: a sampling thread inside the build would stop it forking, parallel.py.) Linux only."""
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_kb(pid) for pid in _tree(proc.pid)) / 1024)
        time.sleep(every)
    return peak


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (/proc/PID/task/*/children)."""
    pids, i = [pid], 0
    while i < len(pids):
        for task in Path(f"/proc/{pids[i]}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                pids += [int(child) for child in task.read_text().split()]
        i += 1
    return pids


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = next((line for line in rollup.splitlines() if line.startswith("Pss:")), "Pss: 0 kB")
    return int(found.split()[1])


def _instrument(timings: dict[str, float]) -> None:
    """Wraps each of TIMED to add its time to `timings` (benchmark instrumentation, in the
    benchmark's own process: it only measures)."""
    import importlib

    def timed(name: str, function: Any) -> Any:
        @functools.wraps(function)  # keeps what MkDocs reads off an event handler (its priority)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] += time.perf_counter() - t

        return wrapper

    for (module_name, class_name, function), name in TIMED.items():
        owner = importlib.import_module(module_name)
        if class_name:
            owner = getattr(owner, class_name)
        if function in vars(owner):  # only what this checkout defines (an older one has fewer events)
            setattr(owner, function, timed(name, getattr(owner, function)))


def _registry_bound(project: Path) -> None:
    """The synthetic articles.yml holds one article per region: at 5,000 regions 1.3 MB, over the
    bound every YAML file of data/ is held to (yamlsafe.MAX_BYTES, 512 KB), which the real data
    would hit too. The benchmark measures the build, so its own process raises the bound to the
    file's size (benchmarks/README.md says so); the data format is left as it is."""
    from generator import yamlsafe

    size = (project / "data" / "sources" / "articles.yml").stat().st_size
    if size > yamlsafe.MAX_BYTES:
        print(f"bench: articles.yml is {size:,} bytes, over yamlsafe.MAX_BYTES {yamlsafe.MAX_BYTES:,}: raised for this build", flush=True)
        yamlsafe.MAX_BYTES = size


def harness(config: Path, out: Path, result: Path, profile: bool) -> None:
    """One edition, `mkdocs build --strict` in this process (a checkout without `generator build`)."""
    project = config.parent
    os.chdir(project)
    import mkdocs.__main__

    timings: dict[str, float] = dict.fromkeys(TIMED.values(), 0.0)
    _instrument(timings)
    _registry_bound(project)
    sys.argv = ["mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]
    with _profiled(result, profile):
        build_started = time.perf_counter()
        mkdocs.__main__.cli(standalone_mode=False)
        build = time.perf_counter() - build_started
    result.write_text(json.dumps({**timings, "build": build}), encoding="utf-8")


def site_harness(project: Path, out: Path, result: Path, profile: bool) -> None:
    """The whole site as `scripts/build` builds it: `python -m generator build OUT`, in this
    process; each edition timed apart (around `generator.build.build_edition`)."""
    project = project.resolve()
    os.chdir(project)
    import generator.build
    from generator.__main__ import main as generator_main

    timings: dict[str, float] = dict.fromkeys(TIMED.values(), 0.0)
    _instrument(timings)
    _registry_bound(project)
    editions: dict[str, dict[str, float]] = {}
    build_edition = generator.build.build_edition

    def each(config_file: Path, site_dir: Path) -> None:  # instrumentation: each edition's share of the times
        before, t = dict(timings), time.perf_counter()
        try:
            build_edition(config_file, site_dir)
        finally:
            lang = next(lang for lang, (name, _) in EDITIONS.items() if name == config_file.name)
            editions[lang] = {name: timings[name] - before[name] for name in timings} | {"build": time.perf_counter() - t}

    generator.build.build_edition = each
    with _profiled(result, profile):
        status = generator_main(["--root", str(project), "build", str(out)])
    if status:
        raise SystemExit(status)
    result.write_text(json.dumps(editions), encoding="utf-8")


@contextlib.contextmanager
def _profiled(result: Path, profile: bool) -> Iterator[None]:
    if not profile:
        yield
        return
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        profiler.dump_stats(str(result.with_suffix(".prof")))


def one_process(checkout: Path) -> bool:
    """Does the checkout build both editions in one process (`python -m generator build`)?"""
    return (checkout / "generator" / "build.py").is_file()


def run(
    regions: int, facts: int, keep: Path | None, profile: bool, checkout: Path = ROOT, label: str = "", query: str = ""
) -> dict[str, Any]:
    """Both editions of a synthetic site of `regions` regions made with `checkout`, built (and
    timed) as that checkout's scripts/build does: in one process (`python -m generator build`), or
    each edition in its own process, the Chinese edition first, then the English one into en/."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{regions}-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        counts = make_project(project, regions, facts, checkout=checkout)
        site = (keep / f"site-{regions}{label}") if keep else Path(tmp) / "site"
        if one_process(checkout):
            result = Path(tmp) / "result-site.json"
            command = [sys.executable, __file__, "--site-harness", str(project), str(site), str(result)]
            wall, pss = _process(command, result, regions, profile, checkout, "both editions")
            runs = json.loads(result.read_text(encoding="utf-8"))
        else:
            runs, wall, pss = {}, 0.0, 0.0
            for lang, (config, folder) in EDITIONS.items():
                result = Path(tmp) / f"result-{lang}.json"
                command = [sys.executable, __file__, "--harness", str(project / config), str(site / folder), str(result)]
                seconds, peak = _process(command, result, regions, profile, checkout, config)
                runs[lang] = json.loads(result.read_text(encoding="utf-8"))
                wall, pss = wall + seconds, max(pss, peak)  # one after the other: the larger peak is the run's
        sizes = [p.stat().st_size / 1024 for p in (site / "regions").glob("*/index.html")]
        index = {
            lang: sum(f.stat().st_size for f in (site / folder / "search").rglob("*") if f.is_file())
            for lang, (_, folder) in EDITIONS.items()
        }
        return {
            **counts,
            **runs["zh"],
            "en": runs["en"],
            "wall": wall,
            "pss_mb": pss,
            "pages": len(list(site.rglob("index.html"))),
            "region_kb_median": statistics.median(sizes),
            "index_bytes": index,
            "first_search": _first_search(site, query) if query else None,
        }


def _bytes(folder: Path) -> int:
    """All the files of `folder` (an edition's search index, in whatever pieces), in bytes."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _first_search(site: Path, query: str) -> tuple[int, float] | None:
    """search_latency.py's first_search on the Chinese edition when that function exists (and a
    browser runs here): bytes a first search transfers, ms to its first result."""
    try:
        import search_latency
    except ImportError:
        return None
    first_search = getattr(search_latency, "first_search", None)
    if first_search is None:
        return None
    try:
        found = first_search(site, query)
    except Exception as err:  # noqa: BLE001 - no browser here: the column says so, the build's figures stand
        print(f"(first search on {site}: {err.__class__.__name__}: {str(err)[:200]})", file=sys.stderr)
        return None
    return int(found[0]), float(found[1])


def _process(command: list[str], result: Path, regions: int, profile: bool, checkout: Path, what: str) -> tuple[float, float]:
    """Runs a harness in a fresh process with `checkout`'s generator (PYTHONPATH): its wall time
    and the peak PSS of its process tree."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(checkout)}
    env.setdefault("PYTHONWARNINGS", "ignore:pkg_resources is deprecated:UserWarning")  # as scripts/build
    started = time.perf_counter()
    log = result.with_suffix(".log")
    with log.open("wb") as output:  # a file, not a pipe: nobody reads a pipe while the build runs
        proc = subprocess.Popen([*command, *(["--profile"] if profile else [])], env=env, stdout=output, stderr=subprocess.STDOUT)
        pss = peak_pss(proc)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        how = f"killed by signal {-proc.returncode} (out of memory?)" if proc.returncode < 0 else f"exit status {proc.returncode}"
        raise SystemExit(f"build of {regions} regions ({what}) failed, {how}:\n{log.read_text(encoding='utf-8')[-6000:]}")
    if profile:
        import pstats

        stats = pstats.Stats(str(result.with_suffix(".prof")))
        print(f"\n== cProfile, {regions} regions, {what} ({checkout}): top 30 by own time, top 50 by cumulative time")
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(50)
    return wall, pss


def _generator(r: dict[str, Any]) -> float:
    """The plugin's whole time in a build: every event it handles."""
    return float(sum(r.get(name, 0.0) for name in PLUGIN_EVENTS))


def _shares(r: dict[str, Any]) -> str:
    """Markdown, search and generator as shares of a build."""
    search = r["search_pages"] + r["search_write"]
    return f"{r['markdown'] / r['build']:>5.0%} {search / r['build']:>6.0%} {_generator(r) / r['build']:>5.0%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[300], help="region counts to build (default: 300)")
    parser.add_argument("--facts", type=int, default=FACTS_PER_REGION, help="facts per region (default: 40)")
    parser.add_argument(
        "--against", type=Path, help="also build each size with this checkout (e.g. a git worktree of an older commit), in the same run"
    )
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of each build")
    parser.add_argument(
        "--query", default="江云", help="the first search's query (search_latency.first_search; default: a synthetic region's name)"
    )
    parser.add_argument("--no-search", action="store_true", help="leave the first search column out (no browser)")
    parser.add_argument("--harness", nargs=3, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--site-harness", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.harness or args.site_harness:
        (harness if args.harness else site_harness)(*(args.harness or args.site_harness), profile=args.profile)
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    checkouts = [("before", args.against.resolve()), ("after", ROOT)] if args.against else [("", ROOT)]
    head = (
        f"{'regions':>7} {'build':>6} {'pages':>6} {'facts':>6} | {'zh s':>6} {'en s':>6} {'both s':>6} {'×before':>7} | "
        f"{'md':>5} {'search':>6} {'gen':>5} | {'PSS MB':>6} | {'index KB zh / en':>17} | {'first search KB, ms':>19} | {'region KB':>9}"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores) at the start")
    print(head)
    print("-" * len(head), flush=True)
    for n in args.regions:  # one row per build as soon as it is done: large sizes take minutes
        before = None
        for label, checkout in checkouts:
            r = run(n, args.facts, args.keep, args.profile, checkout, f"-{label}" if label else "", "" if args.no_search else args.query)
            both = r["wall"]
            ratio = f"{both / before:>7.2f}" if before else f"{'':>7}"
            before = before or both
            index = r["index_bytes"]
            searched = f"{r['first_search'][0] / 1024:>8.1f}, {r['first_search'][1]:>8.0f}" if r["first_search"] else f"{'–':>19}"
            print(
                f"{r['regions']:>7} {label:>6} {r['pages']:>6} {r['facts']:>6} | "
                f"{r['build']:>6.1f} {r['en']['build']:>6.1f} {both:>6.1f} {ratio} | "
                f"{_shares(r)} | {r['pss_mb']:>6.0f} | {index['zh'] / 1024:>8.0f} / {index['en'] / 1024:<6.0f} | {searched} | "
                f"{r['region_kb_median']:>9.1f}",
                flush=True,
            )
        print(f"  (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
    print(
        "\nBuilt as each checkout's scripts/build builds the site: both editions in one process (`python -m "
        "generator build`), or an older checkout's `mkdocs build --strict` per edition, each in its own "
        "process. zh s / en s: each edition's build, timed inside the process; both s: the whole site, "
        "wall time with Python's start-up (both processes for an older checkout); ×before: both s against "
        "the `--against` checkout's, same size, same run. md, search, gen: the Chinese edition's shares of "
        "its build — Python-Markdown's convert(), material's search plugin (reading each page, writing the "
        "index), the zone-report plugin's events (read and check data/, render the pages, …). PSS MB: the "
        "build's process tree (with the forked page renderer) at its peak, each shared page counted once, "
        "sampled every 0.5 s from /proc. index KB: all of each edition's search/ folder. first search: "
        "search_latency.first_search on the Chinese edition (bytes transferred, ms to the first result), "
        "'–' without it. region KB: median Chinese region page."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
