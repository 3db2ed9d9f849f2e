"""Lighthouse performance and accessibility of the built site, served gzip-compressed from loopback.

Serves a built site from a small threaded HTTP server on 127.0.0.1 that gzips text responses the
way any static host does, runs Lighthouse (npm, pinned in benchmarks/lighthouse/; mobile preset,
simulated throttling: its defaults) against a few pages several times each, and prints one row per
page with the median of each figure, and whether the targets are met. Fails when any request the
page made went anywhere but 127.0.0.1.

    .venv/bin/python benchmarks/lighthouse.py --root .              # build this checkout, then measure
    .venv/bin/python benchmarks/lighthouse.py --site site --port 8000   # a site built for :8000
    .venv/bin/python benchmarks/lighthouse.py --root . --runs 5 --pages / compare/ --details

Exit status: 0 when every target is met, 2 when a target is missed, 1 when a run failed or a
request left the machine.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = "/usr/bin/chromium"  # Debian's; CHROME_PATH overrides it
DEFAULT_PAGES = ("", "regions/yizhuang/", "compare/", "compare/economy/")
CATEGORIES = "performance,accessibility"

# What GitHub Pages, Netlify and nginx's usual gzip_types compress; images other than SVG already are.
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "text/csv",
}
# Where Python's mimetypes (which reads /etc/mime.types) may say otherwise or nothing.
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
}
# Lighthouse's own scripts, data: URLs and the like never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}


# ---------------------------------------------------------------------------------------------
# the gzip server


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (`gzip;q=0` refuses it)."""
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in {"gzip", "*"}:
            quality = re.search(r"q=([0-9.]+)", params)
            return quality is None or float(quality[1]) > 0
    return False


@lru_cache(maxsize=512)
def gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    """A file's gzip body, compressed once: a static host or CDN keeps it too, so only the first
    request for a file pays for compressing it. mtime and size in the key drop a changed file."""
    del mtime_ns, size  # only part of the cache key
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files with gzip for text types; a folder's index.html for the folder's URL."""

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # its redirect to the URL with a slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        content_type = self.guess_type(str(path))
        compressible = content_type.split(";")[0] in COMPRESSIBLE
        compress = compressible and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        stat = path.stat()
        body = gzipped(path, stat.st_mtime_ns, stat.st_size) if compress else path.read_bytes()
        self.send_response(200)
        # the site's text is all UTF-8; saying so spares the browser sniffing for it
        self.send_header("Content-Type", f"{content_type}; charset=utf-8" if compressible else content_type)
        self.send_header("Content-Length", str(len(body)))
        if compressible:
            self.send_header("Vary", "Accept-Encoding")  # caches must not hand gzip to a client that refused it
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per request would bury the table


def make_server(site: Path, port: int = 0) -> ThreadingHTTPServer:
    """Bound to loopback only; port 0 takes a free one (read it from server.server_address)."""
    return ThreadingHTTPServer(("127.0.0.1", port), partial(GzipHandler, directory=str(site)))


@contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[str]:
    """Serve in a background thread; yields the base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------------------------
# building a checkout


def build(root: Path, out: Path, site_url: str) -> None:
    """What scripts/build does, without its setup step: the default edition, then the English one
    into en/ when the checkout has it. The checkout's own generator package comes first on the
    path, so an older commit builds with its own plugin, not this checkout's installed one."""
    python = root / ".venv" / "bin" / "python"
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore:pkg_resources is deprecated:UserWarning",
        "PYTHONPATH": str(root),
    }
    mkdocs = [str(python if python.exists() else sys.executable), "-m", "mkdocs", "build", "--strict"]
    for config, dest in [("mkdocs.yml", out), ("mkdocs.en.yml", out / "en")]:
        if not (root / config).exists():
            continue
        result = subprocess.run([*mkdocs, "-f", config, "-d", str(dest)], cwd=root, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"build of {root / config} failed:\n{result.stdout}{result.stderr}")


def canonical_base(site: Path) -> str | None:
    """The site_url the site was built with: the home page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return match[1] if match else None


# ---------------------------------------------------------------------------------------------
# Lighthouse


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE_CLI.exists():
        # its own package.json: the root one is what CI installs for the test suite
        subprocess.run(["npm", "ci", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund"], check=True)


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run, its JSON report (default settings: mobile, simulated throttling)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    command = [
        "node",
        str(LIGHTHOUSE_CLI),
        url,
        "--chrome-flags=--headless=new --no-sandbox",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={CATEGORIES}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} exited {result.returncode}:\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}: {report['runtimeError']}")
    return report


@dataclass(frozen=True)
class Figures:
    performance: float  # 0–100
    lcp_s: float
    tbt_ms: float
    cls: float
    speed_index_s: float
    transfer_kb: float
    accessibility: float  # 0–100


def figures(report: dict[str, Any]) -> Figures:
    audits, categories = report["audits"], report["categories"]

    def value(audit: str) -> float:
        return float(audits[audit]["numericValue"])

    return Figures(
        performance=round(categories["performance"]["score"] * 100),
        lcp_s=value("largest-contentful-paint") / 1000,
        tbt_ms=value("total-blocking-time"),
        cls=value("cumulative-layout-shift"),
        speed_index_s=value("speed-index") / 1000,
        transfer_kb=value("total-byte-weight") / 1024,  # bytes over the wire: compressed where served so
        accessibility=round(categories["accessibility"]["score"] * 100),
    )


def median(runs: Sequence[Figures]) -> Figures:
    """Each figure's median over the runs, on its own."""
    return Figures(*(statistics.median(getattr(run, field.name) for run in runs) for field in fields(Figures)))


def foreign_requests(report: dict[str, Any]) -> list[str]:
    """URLs from Lighthouse's network-requests audit that went anywhere but 127.0.0.1."""
    items = report["audits"]["network-requests"]["details"]["items"]
    urls = [str(item["url"]) for item in items]
    return [url for url in urls if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"]


def median_run(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The run whose performance score is the median, for its diagnostics."""
    ordered = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return ordered[len(ordered) // 2]


# ---------------------------------------------------------------------------------------------
# output

TARGETS = "performance ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms, accessibility 100"


def missed(row: Figures) -> list[str]:
    checks = [
        (row.performance >= 90, f"performance {row.performance:.0f}"),
        (row.lcp_s <= 2.5, f"LCP {row.lcp_s:.1f} s"),
        (row.tbt_ms <= 200, f"TBT {row.tbt_ms:.0f} ms"),
        (row.accessibility >= 100, f"accessibility {row.accessibility:.0f}"),
    ]
    return [label for ok, label in checks if not ok]


def table(runs: dict[str, list[Figures]]) -> str:
    head = ["page", "perf", "LCP s", "TBT ms", "CLS", "SI s", "KB", "a11y", "targets", "perf of each run"]
    lines = [head, ["---"] * len(head)]
    for page, figures_of_runs in runs.items():
        row = median(figures_of_runs)
        misses = missed(row)
        lines.append(
            [
                f"/{page}",
                f"{row.performance:.0f}",
                f"{row.lcp_s:.1f}",
                f"{row.tbt_ms:.0f}",
                f"{row.cls:.3f}",
                f"{row.speed_index_s:.1f}",
                f"{row.transfer_kb:.0f}",
                f"{row.accessibility:.0f}",
                "met" if not misses else "missed: " + ", ".join(misses),
                # the spread: a page whose first paint races its scripts scores in two clusters
                " ".join(f"{run.performance:.0f}" for run in figures_of_runs),
            ]
        )
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def short_url(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or url) if parts.scheme in {"http", "https"} else url


def details(page: str, report: dict[str, Any]) -> str:
    """What the time went on in the median run: main-thread work by kind, CPU time per script,
    the longest tasks, and the LCP element when this Lighthouse could find it."""
    audits = report["audits"]
    lines = [f"/{page} (median run)"]
    breakdown = audits["mainthread-work-breakdown"]["details"]["items"]
    lines.append("  main thread: " + ", ".join(f"{item['groupLabel']} {item['duration']:.0f} ms" for item in breakdown[:5]))
    for item in audits["bootup-time"]["details"]["items"][:4]:
        split = f"evaluation {item['scripting']:.0f}, parse {item['scriptParseCompile']:.0f}"
        lines.append(f"  CPU {short_url(item['url'])}: {item['total']:.0f} ms ({split})")
    tasks = audits["long-tasks"].get("details", {}).get("items", [])[:4]
    lines.append("  longest tasks: " + ", ".join(f"{short_url(task['url'])} {task['duration']:.0f} ms" for task in tasks))
    element = audits.get("largest-contentful-paint-element", {})
    if element.get("scoreDisplayMode") == "error":
        lines.append("  LCP element: not reported (its audit failed, see above)")
    else:
        for block in element.get("details", {}).get("items", []):
            for item in block.get("items", []):
                node = item.get("node")
                lines.append(f"  LCP element: {node['snippet']}" if node else f"  LCP {item.get('phase')}: {item.get('timing', 0):.0f} ms")
    return "\n".join(lines)


def header(reports: Sequence[dict[str, Any]], runs: int) -> str:
    """Lighthouse's version, and its benchmarkIndex: how fast this machine ran a fixed piece of
    JavaScript at each run (a busy machine scores lower and simulates longer tasks)."""
    speeds = [float(report["environment"]["benchmarkIndex"]) for report in reports]
    return (
        f"Lighthouse {reports[0]['lighthouseVersion']}, mobile, median of {runs} run(s); "
        f"benchmarkIndex {min(speeds):.0f}–{max(speeds):.0f} (median {statistics.median(speeds):.0f})"
    )


def busy_machine(loads: Sequence[float]) -> str | None:
    """A warning when other processes competed for the CPU: Lighthouse simulates a slow phone from
    the task durations it observed, so a busy machine reads as a slow site."""
    load, cores = statistics.median(loads), os.cpu_count() or 1
    return f"load average {load:.1f} on {cores} cores (median before each run): the figures are noisy" if load > cores else None


def errored_audits(reports: Sequence[dict[str, Any]]) -> list[str]:
    return sorted({name for report in reports for name, audit in report["audits"].items() if audit.get("scoreDisplayMode") == "error"})


# ---------------------------------------------------------------------------------------------
# the run


def pages_to_measure(site: Path, asked: Sequence[str] | None) -> list[str]:
    """The asked pages, or the default ones and their English twins when the site has en/;
    pages missing from the site are left out, with a note."""
    pages = [page.strip("/") + "/" if page.strip("/") else "" for page in asked] if asked else list(DEFAULT_PAGES)
    if not asked and (site / "en" / "index.html").exists():
        pages += [f"en/{page}" for page in DEFAULT_PAGES]
    present = [page for page in pages if (site / page / "index.html").is_file()]
    for page in sorted(set(pages) - set(present)):
        print(f"not in this site, skipped: /{page}", file=sys.stderr)
    return present


Reports = dict[str, list[dict[str, Any]]]  # page → its runs' Lighthouse reports


def measure(base: str, pages: Sequence[str], runs: int, reports_dir: Path | None) -> tuple[Reports, list[float]]:
    """Every page's reports, and the machine's load average before each run. A round visits every
    page once, so a spell of load from elsewhere spreads over the pages instead of all runs of one."""
    reports: Reports = {page: [] for page in pages}
    loads: list[float] = []
    for run in range(runs):
        for page in pages:
            print(f"lighthouse /{page} run {run + 1}/{runs}", file=sys.stderr, flush=True)
            loads.append(os.getloadavg()[0])
            report = lighthouse(base + page)
            reports[page].append(report)
            if reports_dir:
                name = (page.strip("/").replace("/", "_") or "home") + f"-{run + 1}.json"
                (reports_dir / name).write_text(json.dumps(report), encoding="utf-8")
    return reports, loads


def report_all(reports: Reports, loads: Sequence[float], show_details: bool) -> int:
    """Print the table (and diagnostics); the exit status."""
    runs = {page: [figures(report) for report in page_reports] for page, page_reports in reports.items()}
    all_reports = [report for page_reports in reports.values() for report in page_reports]
    print(f"\n{header(all_reports, len(next(iter(runs.values()))))}\n")
    print(table(runs))
    missing = [page for page, page_runs in runs.items() if missed(median(page_runs))]
    print(f"\ntargets ({TARGETS}): " + (f"missed on {len(missing)} of {len(runs)} pages" if missing else "all met"))
    if warning := busy_machine(loads):
        print(warning)
    if errors := errored_audits(all_reports):
        print("audits that failed in this Lighthouse/Chromium pair: " + ", ".join(errors))
    if show_details:
        for page, page_reports in reports.items():
            print("\n" + details(page, median_run(page_reports)))
    foreign = sorted({url for report in all_reports for url in foreign_requests(report)})
    if foreign:
        print("\nrequests that did not go to 127.0.0.1:\n  " + "\n  ".join(foreign))
        return 1
    print("\nevery request went to 127.0.0.1")
    return 2 if missing else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--site", type=Path, help="an already built site (built with SITE_URL=http://127.0.0.1:PORT/)")
    source.add_argument("--root", type=Path, help="a project checkout to build (both editions) and measure")
    parser.add_argument("--port", type=int, help="with --site: the port its SITE_URL names (default: read from its canonical links)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is reported (default 3)")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="paths such as / or compare/ (default: 4 pages and their en/ twins)")
    parser.add_argument("--details", action="store_true", help="also print where the main-thread time went, per page")
    parser.add_argument("--reports", type=Path, metavar="DIR", help="keep every Lighthouse JSON report in DIR")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def site_port(site: Path, port: int | None) -> int:
    """The port a built site must be served on: its instant navigation only follows links under
    its own site_url."""
    base = canonical_base(site)
    parts = urlsplit(base or "")
    if port is None:
        if parts.hostname != "127.0.0.1" or parts.port is None:
            raise SystemExit(f"{site} was built for {base}: rebuild with SITE_URL=http://127.0.0.1:PORT/ and pass --port PORT")
        return parts.port
    if base != f"http://127.0.0.1:{port}/":
        raise SystemExit(f"{site} was built for {base}, not http://127.0.0.1:{port}/: rebuild with SITE_URL set to it")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("node"):
        raise SystemExit("Lighthouse needs Node.js: node and npm on PATH")
    ensure_lighthouse()
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as tmp:
        if args.root:
            site = Path(tmp) / "site"
            site.mkdir()
            server = make_server(site)  # bound first: the build needs the port for its SITE_URL
            build(args.root.resolve(), site, f"http://127.0.0.1:{server.server_address[1]}/")
        else:
            site = args.site.resolve()
            port = site_port(site, args.port)
            try:
                server = make_server(site, port)
            except OSError as error:
                raise SystemExit(f"cannot serve on 127.0.0.1:{port} ({error}): stop what listens there") from error
        pages = pages_to_measure(site, args.pages)
        if not pages:
            raise SystemExit("none of the pages is in the site")
        with serving(server) as base:
            try:
                reports, loads = measure(base, pages, args.runs, args.reports)
            except RuntimeError as error:
                print(error, file=sys.stderr)
                return 1
    return report_all(reports, loads, args.details)


if __name__ == "__main__":
    sys.exit(main())
