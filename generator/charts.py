"""Chart builders: plain row dicts → Vega-Lite specs (dicts), built with Altair.

Why the structure is cached: building an Altair chart object costs ~16–19 ms and a site of 300
regions has 1,200+ charts. Charts of one kind differ only in their data, title and a few sizes, so
each kind is built with Altair once (with empty data), turned into a dict, and kept as compact
JSON. Every call parses that JSON (a fresh, private copy, ~20 µs) and fills in `data.values`.

Security rule (Vega expressions have had sandbox escapes): data from YAML only ever enters a spec
as `data.values`. Titles and axis titles are plain literal strings (never `signal`/`expr`); the few
expressions below are constant code written here, never assembled from data.

The colours, fonts and the light/dark palettes are not in the specs: `charts.js` passes them to
vega-embed as `config`, one per colour scheme, so a spec stays small and the same HTML serves both
schemes (charts re-render when the reader toggles the scheme).
"""

from __future__ import annotations

import functools
import html
import importlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import altair as alt

# Field titles in tooltips: bilingual constants (the generator's edition language is not known here).
T_VALUE = "数值 Value"
T_PERIOD = "时期 Period"
T_QUALIFIER = "限定 Qualifier"
T_SOURCE = "来源 Source"
T_REGION = "地区 Region"
T_CLUSTER = "产业集群 Cluster"
T_ROLE = "定位 Role"
T_DATE = "日期 Date"
T_TYPE = "类型 Type"
T_EVENT = "事件/目标 Event/target"
T_TARGET = "目标 Target"
T_LATEST = "最新值 Latest"
T_DEADLINE = "期限 Deadline"
T_PROGRESS = "完成度 Progress (%)"

ROW_STEP = 24  # px per bar / lane; enough for a 12 px CJK label with air around it
TARGET_STEP = 42  # a target's row: its name and values as text, with the bar below them


# ---------------------------------------------------------------------------------------------
# public API


def metric_bars(rows: list[dict[str, Any]], *, title: str, unit: str) -> dict[str, Any]:
    """Horizontal bars, one per row, largest first; the value printed at the end of each bar."""
    values = _unique(rows, "region", "period")
    spec = _structure("bars")
    spec["title"] = title
    spec["height"] = _height(len({r["region"] for r in values}), ROW_STEP)
    spec["layer"][0]["encoding"]["x"]["title"] = unit  # a literal string: axis titles are not expressions
    return _with_data(spec, values)


def cluster_matrix(rows: list[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """Region × cluster matrix; colour and size both show the role (readable without colour).

    The dimension with fewer distinct values goes across, so five regions × 26 clusters and
    300 regions × 26 clusters both keep their labels readable."""
    regions = {r["region"] for r in rows}
    clusters = {r["cluster"] for r in rows}
    across = len(regions) <= len(clusters)
    spec = _structure("matrix_regions_across" if across else "matrix_clusters_across")
    spec["title"] = title
    if not across:
        spec["height"] = _height(len(regions), ROW_STEP)
    return _with_data(spec, [dict(r) for r in rows])


def timeline(rows: list[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """One lane per region; each event or target a mark at its year, stacked within the year.

    No text labels at all (they would collide): the title, date, precision and type are in the
    tooltip, and the table beside the chart lists them. Stacking by (region, year) keeps marks
    apart: columns are a year wide, and marks of one year sit one above the other."""
    values = [dict(r) for r in rows]
    stacks: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in sorted(values, key=lambda r: (r["region"], r["date"])):
        stacks.setdefault((row["region"], row["date"][:4]), []).append(row)
    tallest = max((len(stack) for stack in stacks.values()), default=1)
    for stack in stacks.values():
        first = (tallest - len(stack)) // 2  # centred in the lane, next to the lane's label
        for i, row in enumerate(stack):
            row["slot"] = first + i
    spec = _structure("timeline")
    spec["title"] = title
    # each stacked mark gets 12 px, so a lane is as tall as the busiest year needs
    spec["height"] = _height(len({r["region"] for r in values}), max(ROW_STEP, 12 * tallest))
    return _with_data(spec, values)


def targets(rows: list[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """Bullet-style: each target's latest value as a bar, in % of the target (the rule at 100 %).

    Targets differ in unit and scale, so the common axis is progress towards the target; the
    target and its latest and target values are printed above the bar and shown in the tooltip.
    Only the fields the chart uses travel (the raw values and unit are in the display strings)."""
    values = []
    several = len({r["region"] for r in rows}) > 1
    for row in _unique(rows, "target", "region"):
        latest, goal = row.get("latest_value"), row.get("target_value")
        progress = round(100 * latest / goal, 1) if latest is not None and goal else None
        values_text = f"{row['display_latest']} / {row['display_target']}" if row.get("display_latest") else row["display_target"]
        name = f"{row['region']}·{row['target']}" if several else row["target"]
        values.append(
            {
                **{key: row[key] for key in ("target", "region", "display_target", "display_latest", "deadline", "href")},
                "progress": progress,
                "label": f"{name}：{values_text}（{row['deadline']}）",
            }
        )
    spec = _structure("targets")
    spec["title"] = title
    spec["height"] = _height(len(values), TARGET_STEP)
    return _with_data(spec, values)


def embed(spec: dict[str, Any], *, label: str) -> str:
    """One line of HTML: the container charts.js renders, the spec HTML-escaped in `data-spec`.

    The spec sits in a *single-quoted* attribute: JSON is full of double quotes, and escaping
    each as `&quot;` (6 bytes) made the attributes 1.8× the JSON; a region page carries five specs.
    Inside `'…'` only `&`, `'`, `<` and `>` need escaping (`<` `>` so no HTML or Markdown parser
    ever sees a tag in it); the browser unescapes them in `getAttribute`."""
    data = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return f'<div class="vega-chart" role="img" aria-label="{html.escape(label, quote=True)}" data-spec=\'{_attr(data)}\'></div>'


def _attr(text: str) -> str:
    """`text` for a single-quoted HTML attribute value (`&` first; chained `replace` is ~10× faster
    than `str.translate` on the 100 KB specs of a large site)."""
    return text.replace("&", "&amp;").replace("'", "&#x27;").replace("<", "&lt;").replace(">", "&gt;")


def vl_version() -> str:
    """'6.4' — the Vega-Lite major.minor the specs declare (from Altair's schema URL)."""
    match = re.search(r"/v(\d+)\.(\d+)(?:\.\d+)?\.json$", alt.SCHEMA_URL)
    assert match, alt.SCHEMA_URL
    return f"{match[1]}.{match[2]}"


@functools.lru_cache(maxsize=1)
def vendor_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one classic script, matching the specs' version.

    vl-convert assembles it in ~1.5 s, a large share of a whole build, and the result depends only
    on the vl-convert and Vega-Lite versions, so it is also cached on disk between builds."""
    vl_convert: Any = importlib.import_module("vl_convert")  # untyped extension module

    version = vl_version()
    cache = _cache_dir() / f"vega-bundle-{vl_convert.__version__}-vl{version}.js"
    try:
        return cache.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle: str = vl_convert.javascript_bundle(vl_version=version)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(bundle, encoding="utf-8")
        tmp.replace(cache)  # atomic: parallel builds never read half a file
    except OSError:
        pass  # read-only home: just no cache
    return bundle


# ---------------------------------------------------------------------------------------------
# cached structures


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zone-report"


def _with_data(spec: dict[str, Any], values: list[dict[str, Any]]) -> dict[str, Any]:
    spec["data"] = {"values": values}
    return spec


def _structure(kind: str) -> dict[str, Any]:
    """A private copy of the cached structure of one chart kind."""
    result: dict[str, Any] = json.loads(_structure_json(kind))
    return result


# width "container" + discrete heights: fit the width only (the default "fit" warns on every chart)
AUTOSIZE = {"type": "fit-x", "contains": "padding"}


@functools.cache
def _structure_json(kind: str) -> str:
    spec: dict[str, Any] = BUILDERS[kind]().to_dict()
    spec.pop("config", None)  # Altair's default view size; charts.js supplies the config
    spec.pop("data", None)
    spec.pop("datasets", None)
    if spec.get("width") == "container":
        spec["autosize"] = AUTOSIZE
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def _height(rows: int, step: int) -> int:
    """A fixed height for `rows` bands: with width "container", a step height would make
    Vega-Lite warn in the console on every chart (it drops "fit-y")."""
    return max(1, rows) * step


def _unique(rows: list[dict[str, Any]], key: str, extra: str) -> list[dict[str, Any]]:
    """Copies of the rows where `key` is unique (a nominal axis would merge equal labels)."""
    counts = Counter(r[key] for r in rows)
    seen: Counter[str] = Counter()
    out = []
    for row in rows:
        row = dict(row)
        if counts[row[key]] > 1:
            label = f"{row[key]}（{row[extra]}）" if row.get(extra) else row[key]
            seen[label] += 1
            row[key] = label if seen[label] == 1 else f"{label} #{seen[label]}"
        out.append(row)
    return out


def _empty() -> alt.InlineData:
    return alt.InlineData(values=[])


def _bars() -> Any:
    by_value = alt.EncodingSortField(field="value", op="max", order="descending")
    bars = alt.Chart().mark_bar(cornerRadiusEnd=2).encode(x=alt.X("value:Q", title="", axis=alt.Axis(tickCount=5, labelOverlap=True)))
    labels = alt.Chart().mark_text(align="left", dx=4, baseline="middle").encode(x="value:Q", text="display:N")
    # invisible marks a third further out: the domain leaves room for the value labels
    room = alt.Chart().mark_point(opacity=0).encode(x="room:Q").transform_calculate(room="datum.value * 1.35")
    return (
        alt.layer(bars, labels, room, data=_empty())
        .encode(
            y=alt.Y("region:N", sort=by_value, title=None),
            tooltip=[
                alt.Tooltip("region:N", title=T_REGION),
                alt.Tooltip("display:N", title=T_VALUE),
                alt.Tooltip("period:N", title=T_PERIOD),
                alt.Tooltip("qualifier:N", title=T_QUALIFIER),
                alt.Tooltip("source:N", title=T_SOURCE),
            ],
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=ROW_STEP)  # height: set per chart
    )


def _matrix(regions_across: bool) -> Any:
    across = alt.Axis(labelAngle=-40, orient="top")
    region: Any = alt.X("region:N", title=None, axis=across) if regions_across else alt.Y("region:N", title=None)
    cluster: Any = alt.Y("cluster:N", title=None) if regions_across else alt.X("cluster:N", title=None, axis=across)
    role: dict[str, Any] = {"field": "role", "type": "ordinal", "sort": {"field": "rank", "op": "min"}, "title": T_ROLE}
    chart = (
        alt.Chart()
        .mark_square(opacity=1)
        .encode(
            region,
            cluster,
            color=alt.Color(**role, legend=alt.Legend(orient="bottom", direction="horizontal")),
            size=alt.Size(**role, scale=alt.Scale(range=[330, 170, 70])),  # merged into the colour legend
            tooltip=[
                alt.Tooltip("region:N", title=T_REGION),
                alt.Tooltip("cluster:N", title=T_CLUSTER),
                alt.Tooltip("role:N", title=T_ROLE),
            ],
            href=alt.Href("href:N"),
        )
    )
    step = alt.Step(ROW_STEP)
    if regions_across:
        return alt.layer(chart, data=_empty()).properties(width=step, height=step)
    return alt.layer(chart, data=_empty()).properties(width="container", height=ROW_STEP)  # height: set per chart


def _timeline() -> Any:
    return (
        alt.Chart(_empty())
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=alt.X(
                "date:T",
                timeUnit="utcyear",
                bandPosition=0,  # on its year's tick: the mark for 2024 sits on the label 2024
                title=None,
                scale=alt.Scale(padding=10),
                axis=alt.Axis(format="%Y", labelOverlap=True, tickCount={"interval": "year", "step": 1}, grid=True),
            ),
            y=alt.Y("region:N", title=None),
            yOffset=alt.YOffset("slot:O", title=None),
            color=alt.Color("type:N", title=T_TYPE, legend=alt.Legend(orient="bottom", direction="horizontal", columns=4)),
            shape=alt.Shape(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=["event", "target"], range=["circle", "diamond"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("title:N", title=T_EVENT),
                alt.Tooltip("region:N", title=T_REGION),
                alt.Tooltip("date:N", title=T_DATE),
                alt.Tooltip("precision:N", title="精度 Precision"),
                alt.Tooltip("type:N", title=T_TYPE),
            ],
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=ROW_STEP)  # height: set per chart
    )


def _targets() -> Any:
    x = alt.X("progress:Q", title=T_PROGRESS, scale=alt.Scale(domainMin=0, nice=True), axis=alt.Axis(tickCount=5))
    track = alt.Chart().mark_bar(opacity=0.18, size=12).encode(x=alt.datum(0), x2=alt.datum(100))
    bar = alt.Chart().mark_bar(size=6).encode(x=x)
    goal = alt.Chart().mark_tick(thickness=2, size=16).encode(x=alt.datum(100))
    # the target and its values as text above the bar, the full width of the chart (y-axis labels
    # would leave a few characters on a phone); `limit` keeps it inside the chart
    labels = (
        alt.Chart()
        .mark_text(align="left", baseline="bottom", dy=-7, fontSize=12, limit=alt.ExprRef("width"))
        .encode(x=alt.datum(0), text="label:N")
    )
    return (
        alt.layer(track, bar, goal, labels, data=_empty())
        .encode(
            y=alt.Y("target:N", title=None, sort=None, axis=None),
            tooltip=[
                alt.Tooltip("target:N", title=T_TARGET),
                alt.Tooltip("region:N", title=T_REGION),
                alt.Tooltip("display_target:N", title=T_VALUE),
                alt.Tooltip("display_latest:N", title=T_LATEST),
                alt.Tooltip("progress:Q", title=T_PROGRESS),
                alt.Tooltip("deadline:N", title=T_DEADLINE),
            ],
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=TARGET_STEP)  # height: set per chart
    )


BUILDERS: dict[str, Callable[[], Any]] = {
    "bars": _bars,
    "matrix_regions_across": lambda: _matrix(True),
    "matrix_clusters_across": lambda: _matrix(False),
    "timeline": _timeline,
    "targets": _targets,
}
