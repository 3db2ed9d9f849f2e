"""What a build pays for the "what changed" page and feed: `changes.read` (the last 20 versions of
data/, compared record by record), in a fresh process as each edition's build runs it, against
the obvious way — extracting and loading all of data/ at every version and its parent.

    python benchmarks/history_cost.py                 # this repository's data
    python benchmarks/history_cost.py --regions 300   # a synthetic repository: 300 regions of 40
                                                      # facts imported, then 19 commits editing two each
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3

READ = """
import time
from pathlib import Path
from generator import changes
started = time.perf_counter()
found = changes.read(Path({root!r}), limit={limit})
print(time.perf_counter() - started, len(found.versions), sum(len(v.changes) for v in found.versions))
"""

NAIVE = """
import subprocess, tempfile, time
from pathlib import Path
from generator import factdiff
from generator.load import load
root = Path({root!r})
started = time.perf_counter()
command = ["git", "-C", str(root), "log", "-n{limit}", "--format=%H %P", "--", "data", ":(exclude)data/README.md"]
log = subprocess.run(command, capture_output=True, text=True).stdout
revisions = {{rev for line in log.splitlines() for rev in line.split()[:2]}}
with tempfile.TemporaryDirectory() as tmp:
    for index, rev in enumerate(sorted(revisions)):
        load(factdiff.extract(root, rev, Path(tmp) / str(index)))
print(time.perf_counter() - started, len(revisions), 0)
"""


def measure(code: str, root: Path, limit: int) -> tuple[float, int, int]:
    """Median seconds of RUNS fresh processes, and what the last one counted."""
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code.format(root=str(root), limit=limit)], capture_output=True, text=True, check=True)
        seconds, first, second = out.stdout.split()
        times.append(float(seconds))
    return statistics.median(times), int(first), int(second)


def synthetic(dest: Path, regions: int) -> Path:
    """bench_build's synthetic project, committed: one import, then 19 commits of two region files."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import make_project

    make_project(dest, regions, 40)
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "b"}
    env["GIT_COMMITTER_EMAIL"] = "b@example.org"

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(dest), *args], check=True, env=env, capture_output=True)

    git("init", "-q")
    git("add", "data")
    git("commit", "-qm", "import")
    files = sorted((dest / "data" / "regions").glob("*.yml"))
    rng = random.Random(1)
    for step in range(19):
        for file in rng.sample(files, 2):
            text = file.read_text(encoding="utf-8")
            file.write_text(text.replace("period: '2023'", f"period: '{2000 + step}'", 1), encoding="utf-8")
        git("commit", "-qam", f"edit {step}")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=0, help="a synthetic repository of this many regions instead of this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="history-cost-") as tmp:
        root = synthetic(Path(tmp), args.regions) if args.regions else ROOT
        for limit, what in ((20, "20 versions"), (19, "19 versions (the synthetic import left out)")):
            if limit == 19 and not args.regions:
                continue
            seconds, versions, records = measure(READ, root, limit)
            print(f"changes.read, {what}: {seconds:.2f} s ({versions} versions, {records} record changes)")
        seconds, revisions, _ = measure(NAIVE, root, 20)
        print(f"extract + load all of data/ at each of {revisions} revisions: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
