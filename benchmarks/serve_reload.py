"""Time from saving a data file to the browser having the regenerated page under `mkdocs serve`.

Copies the project to a temporary folder, starts `mkdocs serve` there on a free loopback port,
then edits a region file several times. Each round does what an open browser tab does: its
livereload request (`/livereload/<epoch>/<id>`, which MkDocs answers as soon as a newer build is
visible) is waiting when the file is saved; when it returns, the page is fetched again and must
show the edit. The time is from the save to that page in hand. Prints each round and the median.

    .venv/bin/python benchmarks/serve_reload.py [--rounds 5]          # the real data
    .venv/bin/python benchmarks/serve_reload.py --regions 300          # a synthetic project (bench_build.py)
    .venv/bin/python benchmarks/serve_reload.py --regions 300 --focus  # scripts/serve --region ID
    .venv/bin/python benchmarks/serve_reload.py --checkout ../before   # the same with an older checkout

The edit is the Chinese summary of the region (shown on its page in the Chinese edition served).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "node_modules", "*.egg-info", "screenshots", "__pycache__")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=70) as response:  # livereload answers within 60 s
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def livereload_epoch(page: str) -> str:
    """The build epoch MkDocs wrote into the page's livereload script: `livereload(EPOCH, ID);`."""
    match = re.search(r"livereload\((\d+), (\d+)\);", page)
    if not match:
        raise RuntimeError("no livereload script in the page: is `--livereload` on?")
    return f"{match[1]}/{match[2]}"


def wait_for(url: str, needle: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{needle!r} not served at {url} within {timeout} s")


def make_project(tmp: Path, regions: int | None, checkout: Path) -> Path:
    """A copy of the real project of `checkout`, or a synthetic one of `regions` regions."""
    project = tmp / "project"
    if regions is None:
        shutil.copytree(checkout, project, ignore=IGNORE)
        return project
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    project.mkdir()
    bench_build.make_project(project, regions, bench_build.FACTS_PER_REGION, checkout=checkout)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--region", help="the region edited (default: shanghai; zone-0000 in a synthetic project)")
    parser.add_argument("--regions", type=int, help="a synthetic project of this many regions instead of the real data")
    parser.add_argument("--focus", action="store_true", help="serve a focused preview of the region edited (scripts/serve --region)")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="serve with another checkout's generator (e.g. a worktree of an older commit)"
    )
    args = parser.parse_args()
    region = args.region or ("shanghai" if args.regions is None else "zone-0000")
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.regions, args.checkout.resolve())
        port = free_port()
        site_url = f"http://127.0.0.1:{port}/"
        # the first safe_dump rewrites the file once; do it before the server starts
        region_file = project / "data" / "regions" / f"{region}.yml"
        data = yaml.safe_load(region_file.read_text(encoding="utf-8"))
        region_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "PYTHONPATH": str(args.checkout.resolve())}
        if args.focus:
            env["ZONE_REPORT_FOCUS"] = region
        log_path = Path(tmp) / "serve.log"
        log = log_path.open("w")  # a file, not a pipe: an unread pipe would block the server
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            page = f"{site_url}regions/{region}/"
            first = wait_for(page, "</html>", 600)
            what = f"{args.regions} synthetic regions" if args.regions else "the real data"
            print(f"{what}{', focused on ' + region if args.focus else ''}: first build served after {first:.2f} s")
            timings = []
            for round_number in range(args.rounds):
                # a reader-visible edit that keeps the data valid: the Chinese summary
                marker = f"基准标记{round_number}x{time.time_ns()}"
                data["profile"]["summary"]["zh"] = marker
                poll = f"{site_url}livereload/{livereload_epoch(fetch(page))}"
                text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
                saved = time.perf_counter()
                region_file.write_text(text, encoding="utf-8")
                fetch(poll)  # the browser's waiting request: returns once the new build is visible
                if marker not in fetch(page):
                    print("the edit was not served; server log:\n" + log_path.read_text(encoding="utf-8"))
                    return 1
                timings.append(time.perf_counter() - saved)
                print(f"round {round_number + 1}: save → page served in {timings[-1]:.2f} s")
                time.sleep(0.5)
            spread = f"min {min(timings):.2f}, max {max(timings):.2f}"
            print(f"median save → served: {statistics.median(timings):.2f} s over {len(timings)} rounds ({spread})")
        finally:
            server.terminate()
            server.wait(timeout=10)
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
