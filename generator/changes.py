"""The history of data/: what each of its last versions did to the facts, targets and events —
for the "what changed" page and its Atom feed (`pages/changes.py`).

A version is a commit that changed data/, as the footer's data version counts them (`history.py`
reads the same `git log`, so the newest version here is the footer's); what it changed is compared
with its first parent. One `git log` lists
the versions and the files each changed; only the region files a version changed are read, at the
version and at its parent, all of them through one `git cat-file --batch`, and compared with
`factdiff.compare` — the comparison `python -m generator diff` makes. So a build pays for what the
versions changed, not for 20 copies of data/: extracting and loading the whole of data/ at each
revision (`factdiff.extract` + `load`) took 1.7 s for the 9 versions of the real data's first-parent
history and grows with the number of regions; this reads the 20 versions in about 0.1 s.

Each version is compared once per process (`_COMPARED`, by commit: a commit never changes), so
`mkdocs serve`, which rebuilds on every save, asks git only for the list again.

A region file that today's code cannot read at a version or its parent (the format has changed
since) is named with its version instead of being compared: it is neither added nor removed.
Without git, outside a repository, or in a shallow clone whose history stops before a version's
parent, the versions that cannot be compared are left out; with none left, `Versions.available`
is false and the page says the history is unavailable.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import models as m
from generator.factdiff import compare
from generator.history import DATA, GIT_TIMEOUT
from generator.load import Dataset
from generator.problems import errors
from generator.structure import check_structure
from generator.yamlsafe import read_yaml

LIMIT = 20  # versions shown: the page and the feed are about recent changes
REGION_FILES = "data/regions/"
Record = m.Fact | m.Target | m.Event


@dataclass(frozen=True)
class RecordChange:
    """A fact, target or event a version added, changed or removed."""

    region: str  # the region's id
    at: m.Region  # the region at that version (at its parent for a removed record): it may be gone since
    kind: str  # facts | targets | events (factdiff.KINDS)
    id: str
    status: str  # added | changed | removed
    old: Record | None  # at the parent (None when added)
    new: Record | None  # at the version (None when removed)


@dataclass(frozen=True)
class Version:
    commit: str  # the full commit id
    short: str  # abbreviated as the footer shows it (git's %h)
    date: str  # committer date, YYYY-MM-DD (the footer's)
    time: str  # committer time, ISO 8601 with its offset (the feed's)
    changes: tuple[RecordChange, ...]
    files: tuple[str, ...]  # the other files of data/ it changed (registries, sources)
    unreadable: tuple[str, ...]  # region files today's code cannot read at it or at its parent

    def count(self, status: str) -> int:
        return sum(1 for change in self.changes if change.status == status)


@dataclass(frozen=True)
class Versions:
    available: bool  # False: no git, no repository, or no version whose parent is known
    versions: tuple[Version, ...] = ()  # newest first


@dataclass(frozen=True)
class _Listed:
    """A version as `git log` lists it, before its region files are read."""

    commit: str
    short: str
    parent: str  # "" for the first commit
    date: str
    time: str
    files: tuple[str, ...]


_COMPARED: dict[tuple[str, str], Version] = {}  # (project root, commit) → its comparison


def read(root: Path, limit: int = LIMIT) -> Versions:
    """The last `limit` versions of `root`/data, newest first. Never fails."""
    listed = _log(root, limit)
    if listed is None:
        return Versions(False)
    listed = _known_parents(root, listed)
    todo = [v for v in listed if (str(root), v.commit) not in _COMPARED]
    if todo:
        for version in _compare_all(root, todo):
            _COMPARED[(str(root), version.commit)] = version
    found = tuple(_COMPARED[(str(root), v.commit)] for v in listed)
    return Versions(bool(found), found)


# ---------------------------------------------------------------------------------------------
# git


def _git(root: Path, *args: str, given: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=given, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _log(root: Path, limit: int) -> list[_Listed] | None:
    """The versions and the files each changed against its first parent (merges too), with
    paths relative to `root` (the project may sit in a subfolder of the repository)."""
    form = "--format=%x00%H%x1f%h%x1f%P%x1f%cs%x1f%cI"
    out = _git(root, "log", f"-n{limit}", form, "--name-only", "--no-renames", "--relative", "--", *DATA)
    if out is None:
        return None
    listed = []
    for entry in out.decode("utf-8", "replace").split("\0")[1:]:
        head, _, names = entry.partition("\n")
        commit, short, parents, date, time = head.split("\x1f")
        first, *merged = parents.split(" ")
        files = _merge_files(root, first, commit) if merged else tuple(names.split())
        listed.append(_Listed(commit, short, first, date, time, files))
    return listed


def _merge_files(root: Path, parent: str, commit: str) -> tuple[str, ...]:
    """What a merge changed in data/ against its first parent: `git log` names no files for a
    merge, and lists one only when it differs from every parent (a resolved conflict), so rarely."""
    out = _git(root, "diff", "--name-only", "--no-renames", "--relative", parent, commit, "--", *DATA)
    return tuple((out or b"").decode("utf-8", "replace").split())


def _known_parents(root: Path, listed: list[_Listed]) -> list[_Listed]:
    """In a shallow clone the oldest commit there is cut from its parents and looks like a first
    commit: comparing it with nothing would call all of data/ new. Such versions are left out."""
    if (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() != b"true":
        return listed
    where = (_git(root, "rev-parse", "--path-format=absolute", "--git-path", "shallow") or b"").decode().strip()
    try:
        cut = set(Path(where).read_text(encoding="ascii").split()) if where else set()
    except OSError:
        cut = set()
    known = []
    for version in listed:  # newest first: past the cut, nothing is known
        if version.commit in cut or not version.parent:
            break
        known.append(version)
    return known


def _blobs(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    """The content of each (commit, path) that exists, in one `git cat-file --batch`."""
    if not wanted:
        return {}
    asked = "".join(f"{commit}:./{path}\n" for commit, path in wanted).encode()
    out = _git(root, "cat-file", "--batch", given=asked)
    found: dict[tuple[str, str], bytes] = {}
    at = 0
    for key in wanted:
        end = (out or b"").find(b"\n", at)
        if out is None or end < 0:
            break
        head = out[at:end].split()
        at = end + 1
        if len(head) == 3 and head[1] == b"blob":  # "<oid> blob <size>", else "<name> missing"
            size = int(head[2])
            found[key] = out[at : at + size]
            at += size + 1  # the content, then a newline
    return found


# ---------------------------------------------------------------------------------------------
# Comparing


def _compare_all(root: Path, listed: list[_Listed]) -> list[Version]:
    wanted = [(rev, name) for v in listed for name in _region_files(v) for rev in (v.commit, v.parent) if rev]
    blobs = _blobs(root, wanted)
    read: dict[tuple[str, bytes], m.Region | None] = {}  # a file at a version is the same at the next one's parent
    with tempfile.TemporaryDirectory(prefix="zone-report-history-") as tmp:
        return [_compare(v, blobs, Path(tmp), read) for v in listed]


def _region_files(version: _Listed) -> list[str]:
    return [name for name in version.files if name.startswith(REGION_FILES) and name.endswith(".yml")]


def _compare(version: _Listed, blobs: dict[tuple[str, str], bytes], tmp: Path, read: dict[tuple[str, bytes], m.Region | None]) -> Version:
    old, new = Dataset(tmp), Dataset(tmp)
    unreadable = []
    for name in _region_files(version):
        region_id = name.removeprefix(REGION_FILES).removesuffix(".yml")
        before, after = blobs.get((version.parent, name)), blobs.get((version.commit, name))
        for raw in (before, after):
            if raw is not None and (name, raw) not in read:
                read[(name, raw)] = _region(raw, name, region_id, tmp)
        read_before = read[(name, before)] if before is not None else None
        read_after = read[(name, after)] if after is not None else None
        if (before is not None and read_before is None) or (after is not None and read_after is None):
            unreadable.append(name)  # not comparable: neither added nor removed
            continue
        if read_before is not None:
            old.regions[region_id] = read_before
        if read_after is not None:
            new.regions[region_id] = read_after
    changes = tuple(
        RecordChange(
            diff.id,
            _side(diff.old if change.status == "removed" else diff.new),
            change.kind,
            change.id,
            change.status,
            change.old,
            change.new,
        )
        for diff in compare(old, new).regions
        for change in diff.changes
    )
    others = tuple(name for name in version.files if name not in _region_files(version))
    return Version(version.commit, version.short, version.date, version.time, changes, others, tuple(unreadable))


def _side(region: m.Region | None) -> m.Region:
    assert region is not None  # a removed record was in the old region, any other is in the new
    return region


def _region(raw: bytes, rel: str, region_id: str, tmp: Path) -> m.Region | None:
    """A region file's content as today's code reads it (structure only, as `load` does), or None."""
    path = tmp / "region.yml"  # read_yaml reads files, with the limits every data file has
    path.write_bytes(raw)
    doc, problems = read_yaml(path, rel)
    if doc is None or errors(problems):
        return None
    written, refused = check_structure(doc, m.RegionFile, rel, {})
    if written is None or refused:
        return None
    return m.Region.model_construct(id=region_id, **{name: getattr(written, name) for name in m.RegionFile.model_fields})
