"""When the data last changed: each data file's date from the git history (one `git log` over
data/, however many files), and the dataset's version (the date and commit of its last change).

A file changed but not committed yet — a contributor's preview — is dated today, and the version
says "local changes". Without git (a tarball, a CI checkout without history) every date is today:
the build date is the best this machine knows.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT = 30  # seconds: a huge history must not hang a build
# what counts as the data: data/ without its format reference, whose edits change no data (a
# version that only rewords data/README.md is no new data version; changes.py lists the same)
DATA = ("data", ":(exclude)data/README.md")


@dataclass(frozen=True)
class History:
    today: str  # the build date, YYYY-MM-DD
    version: str = ""  # "2024-03-12 · 1a2b3c4", "" when unknown
    changed: dict[str, str] = field(default_factory=dict)  # "data/regions/x.yml" → YYYY-MM-DD
    local: bool = False  # some data file differs from the last commit

    def date_of(self, path: str) -> str:
        """The date `path` (relative to the project root) last changed; today if unknown."""
        return self.changed.get(path, self.today)


def read(root: Path, today: dt.date | None = None) -> History:
    """The history of `root`/data. Never fails: without git, it knows only today."""
    day = (today or dt.date.today()).isoformat()
    log = _git(root, "log", "--format=%x00%cs %h", "--name-only", "--", *DATA)
    if log is None:
        return History(day)
    changed: dict[str, str] = {}
    version = ""
    for entry in log.split("\0")[1:]:  # newest commit first
        head, _, names = entry.partition("\n")
        date, _, commit = head.partition(" ")
        version = version or f"{date} · {commit}"
        for name in names.split():
            changed.setdefault(name, date)  # its newest commit
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *DATA) or ""
    edited = [line[3:].strip().strip('"') for line in status.splitlines() if len(line) > 3]
    for name in edited:
        changed[name] = day
    return History(day, version, changed, local=bool(edited))


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
