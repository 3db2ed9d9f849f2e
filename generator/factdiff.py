"""`python -m generator diff REV`: what a change does to the facts, as Markdown for a reviewer.

The data at REV is taken from git (`git archive`) into a temporary folder and loaded with the same
code as the working tree; facts, targets and events are then matched per region by id:

- added   — in the working tree only (with its value, period and quote);
- changed — in both, with a different field (old → new value with scale and unit; the quote);
- removed — at REV only.

Region clusters and profile edits are listed briefly, as are registry changes (articles, metrics,
units, groups, clusters). Every entry links to its page on the site (`--site-url`). Only the
structure of the data needs to load (`load.py`); meaning problems are `check`'s business, so a
pull request with a wrong quote still gets its summary. Exits 0 whether or not anything changed.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import models as m
from generator.load import Dataset, load
from generator.text import exact

KINDS = ("facts", "targets", "events")
ANCHOR_PREFIX = {"facts": "fact", "targets": "target", "events": "event"}
NOUN = {"facts": "fact", "targets": "target", "events": "event"}
REGISTRIES = ("articles", "metrics", "units", "groups", "clusters")
MAX_PROBLEMS_SHOWN = 10


class DiffError(Exception):
    """Something the user must fix (unknown revision, data that does not load): no traceback."""


# ---------------------------------------------------------------------------------------------
# Loading a revision


def _git(root: Path, *args: str, binary: bool = False) -> Any:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as err:
        raise DiffError("git is not installed (it is needed to read the data at a revision)") from err
    if result.returncode != 0:
        raise DiffError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def resolve(root: Path, rev: str) -> str:
    """The commit id of `rev`; DiffError if it names none."""
    if rev.startswith("-"):
        raise DiffError(f"'{rev}' is not a revision")
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except DiffError as err:
        raise DiffError(f"{root} is not in a git repository, so there is no revision to compare with") from err
    try:
        return str(_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")).strip()
    except DiffError as err:
        hint = " (in a shallow clone, fetch it first: git fetch origin <branch>)" if "/" in rev else ""
        raise DiffError(f"unknown revision '{rev}'{hint}") from err


def extract(root: Path, commit: str, into: Path) -> Path:
    """data/ at `commit`, written under `into`; returns the project root to load from."""
    # the project may sit in a subfolder of the repository; git archive works from the top
    top = Path(str(_git(root, "rev-parse", "--show-toplevel")).strip())
    prefix = str(_git(root, "rev-parse", "--show-prefix")).strip()
    try:
        archive = _git(top, "archive", "--format=tar", commit, "--", f"{prefix}data", binary=True)
    except DiffError as err:
        raise DiffError(f"revision {commit[:12]} has no data/ folder") from err
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / prefix if prefix else into


def load_strict(root: Path, label: str) -> Dataset:
    dataset, problems = load(root)
    if problems:
        shown = "\n".join("  " + p.format() for p in sorted(problems)[:MAX_PROBLEMS_SHOWN])
        more = f"\n  … and {len(problems) - MAX_PROBLEMS_SHOWN} more" if len(problems) > MAX_PROBLEMS_SHOWN else ""
        raise DiffError(f"the data {label} does not load ({len(problems)} problems), so it cannot be compared:\n{shown}{more}")
    return dataset


def load_revision(root: Path, rev: str, tmp: Path) -> tuple[str, Dataset]:
    commit = resolve(root, rev)
    old_root = extract(root, commit, tmp)
    return commit, load_strict(old_root, f"at {rev} ({commit[:12]})")


# ---------------------------------------------------------------------------------------------
# Comparing


@dataclass
class Change:
    kind: str  # facts | targets | events
    id: str
    old: Any = None  # the record at REV (None when added)
    new: Any = None  # the record in the working tree (None when removed)

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass
class RegionDiff:
    id: str
    old: m.Region | None
    new: m.Region | None
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # clusters and profile edits, already Markdown

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass
class FactDiff:
    regions: list[RegionDiff]
    registries: list[str]  # Markdown lines
    old: Dataset
    new: Dataset

    def count(self, status: str) -> int:
        return sum(1 for r in self.regions for c in r.changes if c.status == status)


def _dump(record: m.Record | None) -> dict[str, Any]:
    return record.model_dump(mode="json") if record is not None else {}


def compare(old: Dataset, new: Dataset) -> FactDiff:
    regions: list[RegionDiff] = []
    for region_id in sorted(old.regions.keys() | new.regions.keys()):
        before, after = old.regions.get(region_id), new.regions.get(region_id)
        diff = RegionDiff(region_id, before, after)
        for kind in KINDS:
            a = {r.id: r for r in getattr(before, kind, [])}
            b = {r.id: r for r in getattr(after, kind, [])}
            for record_id in [*a, *(i for i in b if i not in a)]:  # in file order: the old one's, then new ids
                if _dump(a.get(record_id)) != _dump(b.get(record_id)):
                    diff.changes.append(Change(kind, record_id, a.get(record_id), b.get(record_id)))
        if before is not None and after is not None:
            diff.notes = _region_notes(before, after)
        elif after is not None:
            diff.notes = [f"cluster `{c.cluster}` ({c.role})" for c in after.clusters]
        if diff.changes or diff.notes or diff.status != "changed":
            regions.append(diff)
    return FactDiff(regions, _registry_notes(old, new), old, new)


def _region_notes(before: m.Region, after: m.Region) -> list[str]:
    notes = []
    old_profile, new_profile = _dump(before.profile), _dump(after.profile)
    changed = [name for name in m.Profile.model_fields if old_profile.get(name) != new_profile.get(name)]
    if changed:
        notes.append("profile changed: " + ", ".join(f"`{n}`" for n in changed))
    a = {c.cluster: c for c in before.clusters}
    b = {c.cluster: c for c in after.clusters}
    for cluster in [*a, *(c for c in b if c not in a)]:
        if cluster not in b:
            notes.append(f"cluster `{cluster}` removed")
        elif cluster not in a:
            notes.append(f"cluster `{cluster}` added ({b[cluster].role})")
        elif _dump(a[cluster]) != _dump(b[cluster]):
            role = f" ({a[cluster].role} → {b[cluster].role})" if a[cluster].role != b[cluster].role else ""
            notes.append(f"cluster `{cluster}` changed{role}")
    if [_dump(x) for x in before.excluded] != [_dump(x) for x in after.excluded]:
        notes.append(f"exclusions edited ({len(before.excluded)} → {len(after.excluded)})")
    return notes


def _registry_notes(old: Dataset, new: Dataset) -> list[str]:
    lines = []
    for name in REGISTRIES:
        a: dict[str, Any] = getattr(old, name)
        b: dict[str, Any] = getattr(new, name)
        added = [i for i in b if i not in a]
        removed = [i for i in a if i not in b]
        changed = [i for i in a if i in b and _dump(a[i]) != _dump(b[i])]
        parts = [
            f"{label} {', '.join(f'`{i}`' for i in ids)}"
            for label, ids in (("added", added), ("changed", changed), ("removed", removed))
            if ids
        ]
        if parts:
            lines.append(f"- **{name}**: " + "; ".join(parts))
        if name == "metrics":  # what a reviewer must judge: the definition and what it may be compared with
            lines += [line for mid in [*added, *changed] for line in _metric_lines(b[mid], a.get(mid))]
    return lines


def _metric_lines(metric: m.Metric, before: m.Metric | None) -> list[str]:
    """A metric added or changed, as a reviewer needs it: label, definition, comparability."""
    state = "added" if before is None else "changed"
    compared = "only by order of magnitude" if metric.comparison == "magnitude" else "by value"
    if metric.per_cluster:
        compared += ", one industry at a time"
    if metric.comparable_with:
        compared += "; comparable with " + ", ".join(f"`{o}`" for o in metric.comparable_with)
    lines = [
        f"  - {state} metric `{metric.id}`: {_escape(metric.label.zh)} / {_escape(metric.label.en)}",
        f"    - definition: {_escape(metric.definition.zh)} / {_escape(metric.definition.en)}",
        f"    - compared {compared}",
    ]
    lines += [f"    - not comparable with `{e.metric}`: {_escape(e.reason.zh)}" for e in metric.not_comparable_with]
    if before is not None:  # what it was, for the fields the lines above do not show in full
        old, new = _dump(before), _dump(metric)
        shown = {"id", "label", "comparable_with", "not_comparable_with"}
        lines += [f"    - {key} was: {_short(old.get(key))}" for key in new if key not in shown and old.get(key) != new.get(key)]
    return lines


# ---------------------------------------------------------------------------------------------
# Markdown


def _escape(text: str) -> str:
    """Inline Markdown: data text is never markup."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def value_text(q: m.Quantity, dataset: Dataset) -> str:
    """'突破2100家', '5200亿元', '4200余家': the value as printed, every digit, with scale word and unit."""
    unit = dataset.units.get(q.unit)
    text = exact(q, unit.label.zh if unit else q.unit)
    return text + (f" (written {q.written})" if q.written else "")


def _when(record: Any) -> str:
    if isinstance(record, m.Fact):
        return f"period {record.period}" + (", inferred" if record.inferred else "")
    if isinstance(record, m.Target):
        return f"deadline {record.deadline}, {record.status}"
    if isinstance(record, m.Event):
        return f"{record.date}" + (", inferred" if record.inferred else "") + f", {record.type}"
    return ""


def _what(record: Any, dataset: Dataset) -> str:
    """The headline of a record: metric and value for a fact or target, the title for an event."""
    if isinstance(record, m.Quantity):
        metric = dataset.metrics.get(record.metric)
        label = f"{metric.label.zh} {metric.label.en}" if metric else record.metric
        title = f" — {_escape(record.title.zh)}" if isinstance(record, m.Target) else ""
        return f"{_escape(label)}: **{_escape(value_text(record, dataset))}**{title}"
    return f"**{_escape(record.title.zh)}** {_escape(record.title.en)}"


def _link(site_url: str, region_id: str, anchor: str = "") -> str:
    base = site_url.rstrip("/") + "/" if site_url else ""
    return f"{base}regions/{region_id}/" + (f"#{anchor}" if anchor else "")


def _short(value: Any, limit: int = 80) -> str:
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        value = f"{value['zh']} / {value['en']}"
    if isinstance(value, bool):
        value = str(value).lower()
    text = " ".join(str(value).split()) if value is not None else "—"
    return _escape(text if len(text) <= limit else text[: limit - 1] + "…")


_VALUE_FIELDS = ("value", "scale", "unit", "qualifier", "written")


def _change_lines(change: Change, diff: FactDiff, site_url: str, region_id: str) -> list[str]:
    noun = NOUN[change.kind]
    anchor = f"{ANCHOR_PREFIX[change.kind]}-{change.id}"
    if change.status == "removed":
        record = change.old
        head = f"- ➖ removed {noun} `{change.id}` — {_what(record, diff.old)} ({_when(record)})"
        return [head, f"  > {_escape(record.quote)}"]
    record = change.new
    link = f"[`{change.id}`]({_link(site_url, region_id, anchor)})"
    if change.status == "added":
        return [f"- ➕ added {noun} {link} — {_what(record, diff.new)} ({_when(record)})", f"  > {_escape(record.quote)}"]
    old, new = _dump(change.old), _dump(change.new)
    lines = [f"- ✏️ changed {noun} {link} — {_what(record, diff.new)} ({_when(record)})"]
    if isinstance(record, m.Quantity) and any(old.get(k) != new.get(k) for k in _VALUE_FIELDS):
        lines.append(f"  - value: {_escape(value_text(change.old, diff.old))} → **{_escape(value_text(record, diff.new))}**")
    skip = {"quote", *(_VALUE_FIELDS if isinstance(record, m.Quantity) else ())}
    for key in [k for k in new if k not in skip]:
        if old.get(key) != new.get(key):
            lines.append(f"  - {key}: {_short(old.get(key))} → {_short(new.get(key))}")
    if old.get("quote") != new.get("quote"):
        lines.append(f"  - quote was: {_escape(change.old.quote)}")
    lines.append(f"  > {_escape(record.quote)}")
    return lines


def _region_title(region: m.Region) -> str:
    p = region.profile
    return f"{_escape(p.short_name.zh)} {_escape(p.short_name.en)}"


def markdown(diff: FactDiff, rev: str, commit: str, site_url: str = "") -> str:
    added, changed, removed = diff.count("added"), diff.count("changed"), diff.count("removed")
    out = ["## Fact changes", ""]
    base = f"`{_escape(rev)}`" + (f" ({commit[:12]})" if commit and not commit.startswith(rev) else "")
    if not diff.regions and not diff.registries:
        out.append(f"No changes to regions, facts, targets, events or registries compared with {base}.")
        return "\n".join(out) + "\n"
    touched = sum(1 for r in diff.regions)
    out.append(
        f"Compared with {base}: **{added} added, {changed} changed, {removed} removed** "
        f"(facts, targets and events) in {touched} region{'s' if touched != 1 else ''}."
    )
    for region in diff.regions:
        out.append("")
        if region.status == "removed":
            assert region.old is not None
            out.append(f"### ➖ {_region_title(region.old)} (`{region.id}`, region removed)")
        else:
            assert region.new is not None
            state = ", new region" if region.status == "added" else ""
            out.append(f"### {'➕ ' if state else ''}[{_region_title(region.new)}]({_link(site_url, region.id)}) (`{region.id}`{state})")
        out.append("")
        out.extend(f"- {note}" for note in region.notes)
        for change in region.changes:
            out.extend(_change_lines(change, diff, site_url, region.id))
        if not region.changes and not region.notes:
            out.append("- no facts, targets or events")
    if diff.registries:
        out += ["", "### Registries (data/sources/articles.yml, data/metrics.yml, data/clusters.yml)", "", *diff.registries]
    return "\n".join(out) + "\n"


def run(root: Path, rev: str, site_url: str = "") -> str:
    """The Markdown summary; DiffError with a message for the user when it cannot be made."""
    new = load_strict(root, "in the working tree")
    with tempfile.TemporaryDirectory(prefix="factdiff-") as tmp:
        commit, old = load_revision(root, rev, Path(tmp))
    return markdown(compare(old, new), rev, commit, site_url)


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        text = run(Path(args.root).resolve(), args.rev, args.site_url)
    except DiffError as err:
        print(f"✖ diff: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


HELP = "Markdown summary of facts/targets/events added, changed and removed since a git revision"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rev", metavar="REV", help="git revision to compare the working tree with, e.g. origin/main or HEAD~1")
    parser.add_argument("--site-url", default="", help="base URL of the published site, for links (default: relative links)")
    parser.set_defaults(run=cmd_diff)


def changed_ids(diff: FactDiff) -> Iterable[tuple[str, str, str, str]]:
    """(region, kind, id, status) of every change: for tests and scripts."""
    for region in diff.regions:
        for change in region.changes:
            yield region.id, change.kind, change.id, change.status
