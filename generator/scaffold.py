"""`python -m generator new-region ID`: write a skeleton region file that the validator accepts.

The skeleton is valid as written (so `check` stays green while it is being filled in); every value
a contributor must replace reads `TODO …`, and comments say what goes where. Commented-out
examples show a fact, an event, a target and an exclusion in the format of data/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import typing
from pathlib import Path

from generator import models as m
from generator.checks import choices
from generator.checks.ids import RESERVED_IDS
from generator.load import load
from generator.problems import excerpt

ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LEVELS: tuple[str, ...] = typing.get_args(m.Level)


def suggest_id(text: str) -> str:
    """A kebab-case id close to what was typed: 'Suzhou_SIP' → 'suzhou-sip'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


TEMPLATE = """\
# Region {region_id}. Written by `python -m generator new-region {region_id}`.
#
# Replace every TODO, then run `python -m generator check`. Field reference: data/README.md;
# walk-through: CONTRIBUTING.md ("Add a region"). Say here which articles the facts come from:
# Sources: TODO article ids (data/sources/articles.yml) and what they cover.
profile:
  # the full official name
  name: {{zh: {name_zh}, en: {name_en_q}}}
  # the short name shown in navigation, tables and charts
  short_name: {{zh: "TODO 简称", en: "TODO short name"}}
  # other names the source texts use (search finds the region by them), e.g. [苏州工业园区, 园区]
  aliases: []
  # country | municipality | prefecture_city | county_city | district | national_zone
  level: {level}
{province}
  # optional: the city the region belongs to
  # parent: {{zh: 苏州市, en: Suzhou}}
{coordinates}
  # two or three sentences, from what the sources say
  summary:
    zh: "TODO 一两句概况。"
    en: "TODO a short description."
  # optional sub-areas that some facts refer to: - {{id: …, name: {{zh: …, en: …}}}}
  scopes: []

# One entry per number printed in a source. `value` is the number as printed, in digits;
# the scale word (万, 亿 …) goes in `scale`, the unit id (data/metrics.yml) in `unit`.
facts: []
#  - id: industrial-output-2023
#    metric: industrial_output     # a metric id from data/metrics.yml
#    value: 5200
#    scale: 亿
#    unit: yuan
#    qualifier: 超                 # optional, the word as printed next to the number
#    period: "2023"
#    source: TODO-article-id
#    quote: 2023年工业总产值超5200亿元   # copied exactly from the archived text

# The region's industry clusters (ids from data/clusters.yml).
clusters: []
#  - cluster: biotech_health
#    role: leading                 # leading | emerging | future
#    source: TODO-article-id
#    quote: …

events: []
#  - id: industrial-park-opened
#    date: "2024-02-03"           # YYYY, YYYY-MM or YYYY-MM-DD; inferred: true if worked out
#    type: opening                # policy | plan | launch | opening | project | milestone | meeting
#    title: {{zh: …, en: …}}
#    source: TODO-article-id
#    quote: …

targets: []
#  - id: industrial-output-2025   # the same fields as a fact, with deadline/status/title
#    metric: industrial_output    #   instead of period
#    value: 6000
#    scale: 亿
#    unit: yuan
#    deadline: "2025"
#    status: planned              # planned | on_track | achieved | missed | unknown
#    title: {{zh: …, en: …}}
#    source: TODO-article-id
#    quote: …

# Numbers in the sources deliberately not recorded as facts (plan names, phone numbers …).
excluded: []
#  - source: TODO-article-id
#    quote: 十四五
#    reason: name of a five-year plan, not a quantity
"""


# A province or place nobody stated is left out (the site shows "not stated"), never guessed:
# commented out, with an example, until a source says it.
PROVINCE = "  # the province-level division, as written in data/provinces.yml\n  province: {{zh: {zh}, en: {en}}}"
NO_PROVINCE = (
    "  # the province-level division, as written in data/provinces.yml; left out while no source states it\n"
    "  # province: {zh: 江苏省, en: Jiangsu}"
)
COORDINATES = "  # TODO approximate [latitude, longitude], e.g. [31.32, 120.72]; delete the line if unknown\n  coordinates: [0.0, 0.0]"
NO_COORDINATES = "  # approximate [latitude, longitude]; left out while unknown\n  # coordinates: [31.32, 120.72]"


def skeleton(
    region_id: str,
    province: m.Bilingual | None,
    name_zh: str | None = None,
    name_en: str | None = None,
    level: str | None = None,
    coordinates: bool = True,
) -> str:
    """The region file's text; without `province` (or with `coordinates` False) those lines are
    comments, so the profile states nothing the contributor has not."""
    en = name_en or f"TODO {region_id.replace('-', ' ').title()}"
    return TEMPLATE.format(
        region_id=region_id,
        province=PROVINCE.format(zh=_q(province.zh), en=_q(province.en)) if province else NO_PROVINCE,
        coordinates=COORDINATES if coordinates else NO_COORDINATES,
        name_zh=_q(name_zh or "TODO 中文全称"),
        name_en=en,
        name_en_q=_q(en),
        level=level or "district  # TODO check the level",
    )


def new_region(
    root: Path,
    region_id: str,
    province: str | None,
    name_zh: str | None = None,
    name_en: str | None = None,
    level: str | None = None,
    coordinates: bool = True,
) -> Path:
    """Write data/regions/<region_id>.yml; ValueError with a message for the user if it cannot.
    `province` is a name from data/provinces.yml, Chinese or English, or None when no source
    states it; `coordinates` False leaves them out instead of writing the [0.0, 0.0] placeholder."""
    if not ID_RE.fullmatch(region_id):
        suggestion = suggest_id(region_id)
        hint = f"; try '{suggestion}'" if suggestion else ""
        raise ValueError(f"'{region_id}' is not a kebab-case id (lowercase ASCII letters and digits joined by -, e.g. suzhou-sip){hint}")
    if region_id in RESERVED_IDS or len(region_id) > m.MAX_ID:
        why = f"is reserved: its page would overwrite {RESERVED_IDS[region_id]}" if region_id in RESERVED_IDS else "is too long"
        raise ValueError(f"'{excerpt(region_id)}' {why}; choose another id (at most {m.MAX_ID} characters)")
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level '{level}'; valid choices: {', '.join(LEVELS)}")
    folder = root / "data" / "regions"
    if folder.is_symlink():  # the file would be written wherever it points
        raise ValueError("data/regions/ is a symbolic link, which `check` refuses; make it a real folder (nothing was written)")
    if not folder.is_dir():
        raise ValueError(f"no data/regions/ folder under {root}; run this from the project root or pass --root")
    division = find_province(root, province) if province is not None else None
    path = folder / f"{region_id}.yml"
    # any case and extension: r.YML beside a new r.yml would be two files for one region
    for name in os.listdir(folder):
        if name.lower() in (path.name, f"{region_id}.yaml"):
            raise ValueError(f"data/regions/{name} already exists; edit it instead (nothing was written)")
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race (or a link)
            handle.write(skeleton(region_id, division, name_zh, name_en, level, coordinates))
    except OSError as err:
        raise ValueError(f"cannot write data/regions/{path.name}: {err.strerror or err} (nothing was written)") from err
    return path


def find_province(root: Path, name: str) -> m.Bilingual:
    """The registry's entry for a province named in Chinese or English (any case)."""
    known = load(root)[0].provinces
    if not known:
        raise ValueError("data/provinces.yml is missing or has problems; run `python -m generator check`")
    for _area, province in known.values():
        if name == province.zh or name.casefold() == province.en.casefold():
            return province
    raise ValueError(f"unknown province '{name}'; {choices(known, name)} (the names in data/provinces.yml, or their English)")


def next_steps(root: Path, path: Path) -> str:
    rel = path.relative_to(root).as_posix()
    region_id = path.stem
    return f"""\
Next steps:
  1. Archive each source text byte for byte as data/sources/NNN_<name>.txt and add its
     article record (id, file, lines …) to data/sources/articles.yml.
  2. Replace every TODO in {rel} (grep -n TODO {rel}), then add facts,
     clusters, events and targets, each with `source:` and an exact `quote:`.
  3. Run `python -m generator check` until it prints ✔, and `python -m generator coverage`.
  4. Preview with `mkdocs serve` (or just this region: `scripts/serve --region {region_id}`): http://127.0.0.1:8000/regions/{region_id}/
See CONTRIBUTING.md ("Add a region") for a worked example."""


def cmd_new_region(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        path = new_region(root, args.id, args.province, args.name_zh, args.name_en, args.level)
    except ValueError as err:
        print(f"✖ {err}")
        return 1
    rel = path.relative_to(root).as_posix()
    _, problems = load(root)
    own = [p for p in problems if p.file == rel]
    if own:  # cannot happen unless the models changed under the template; say so plainly
        print(f"wrote {rel}, but the validator does not accept it yet:")
        for problem in own:
            print("  " + problem.format())
        return 1
    print(f"✔ wrote {rel} (a valid skeleton; every value to replace reads TODO)")
    print(next_steps(root, path))
    return 0


HELP = "write a skeleton data/regions/ID.yml to fill in (never overwrites)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="region id in kebab-case, also the file name, e.g. suzhou-sip")
    parser.add_argument("--name-zh", help="full Chinese name, e.g. 苏州工业园区")
    parser.add_argument("--name-en", help="full English name, e.g. 'Suzhou Industrial Park'")
    parser.add_argument("--level", help=f"one of: {', '.join(LEVELS)}")
    parser.add_argument(
        "--province", help="province-level division from data/provinces.yml, e.g. 江苏省 or Jiangsu; leave out when no source states it"
    )
    parser.set_defaults(run=cmd_new_region)
