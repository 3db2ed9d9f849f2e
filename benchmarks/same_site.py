"""Prove that a refactor changed nothing a reader gets: build the real site and a synthetic site,
and compare every file with a saved baseline, byte for byte.

    .venv/bin/python benchmarks/same_site.py save /tmp/baseline      # before the refactor
    .venv/bin/python benchmarks/same_site.py check /tmp/baseline     # after each step
    .venv/bin/python benchmarks/same_site.py check /tmp/baseline --regions 300

Both builds are real `mkdocs build --strict` runs with a fixed SITE_URL; the synthetic project is
`bench_build.make_project` with the same seed, so it is the same data each time. The only files
compared loosely are the sitemaps: MkDocs stamps them with the build date. `check` prints each
differing file (and a short diff of the first few) and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_build import ROOT, make_project

SITE_URL = "https://example.org/zone-report/"
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "node_modules", "*.egg-info", "screenshots", "__pycache__", "bench-out")
DATED = {"sitemap.xml.gz"}  # gzip of sitemap.xml, with the build date inside: sitemap.xml is compared instead
SHOWN = 3  # files whose differences are printed in full


def build(project: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")


def build_all(dest: Path, regions: int) -> None:
    """dest/real and dest/synthetic-N: the real project and a synthetic one."""
    with tempfile.TemporaryDirectory(prefix="same-site-") as tmp:
        real = Path(tmp) / "real"
        shutil.copytree(ROOT, real, ignore=IGNORE)
        build(real, dest / "real")
        synthetic = Path(tmp) / "synthetic"
        synthetic.mkdir()
        make_project(synthetic, regions, 40)
        build(synthetic, dest / f"synthetic-{regions}")


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", text) if path.name == "sitemap.xml" else text


def differences(old: Path, new: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (only in the baseline)" for name in cmp.left_only)
        found.extend(f"{prefix}{name} (only in the new build)" for name in cmp.right_only)
        for name in cmp.diff_files + cmp.funny_files:
            if name in DATED:
                continue
            if name == "sitemap.xml" and _text(Path(cmp.left) / name) == _text(Path(cmp.right) / name):
                continue
            found.append(prefix + name)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(old, new, ignore=[]), "")
    return sorted(found)


def show(old: Path, new: Path, rel: str) -> str:
    a, b = _text(old / rel).splitlines(), _text(new / rel).splitlines()
    lines = list(difflib.unified_diff(a, b, f"baseline/{rel}", f"new/{rel}", n=1, lineterm=""))
    return "\n".join(line[:300] for line in lines[:40])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("baseline", type=Path, help="folder holding the baseline builds")
    parser.add_argument("--regions", type=int, default=100, help="regions of the synthetic site (default 100)")
    args = parser.parse_args()
    if args.action == "save":
        if args.baseline.exists():
            shutil.rmtree(args.baseline)
        args.baseline.mkdir(parents=True)
        build_all(args.baseline, args.regions)
        print(f"saved the real and the {args.regions}-region synthetic build in {args.baseline}")
        return 0
    with tempfile.TemporaryDirectory(prefix="same-site-new-") as tmp:
        new = Path(tmp)
        build_all(new, args.regions)
        status = 0
        for name in ("real", f"synthetic-{args.regions}"):
            found = differences(args.baseline / name, new / name)
            files = sum(1 for p in (new / name).rglob("*") if p.is_file())
            if not found:
                print(f"{name}: {files} files, all identical to the baseline")
                continue
            status = 1
            print(f"{name}: {len(found)} of {files} files differ:")
            for rel in found:
                print(f"  {rel}")
            for rel in [r for r in found if "(only in" not in r][:SHOWN]:
                print(show(args.baseline / name, new / name, rel))
        return status


if __name__ == "__main__":
    sys.exit(main())
