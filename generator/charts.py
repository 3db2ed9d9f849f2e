"""Chart builders: plain row dicts → Vega-Lite, built with Altair, shipped as structure + data.

Why structure and data travel apart: charts of one kind differ only in their data, title, height
and (bars) the unit on the axis. Each kind is built with Altair once (with empty data, ~16–19 ms),
and its structure is served to the browser once, in `chart-kinds.js` (`kinds_script`). A page
carries only a small *chart*: `{"kind", "title", "height", …, "data"}`; `charts.js` puts the
two together exactly as `spec(chart)` does here. A region page with five charts shrank by ~12 KB,
and the generator no longer serialises the same structure 1,200 times for a 300-region site.

Security rule (Vega expressions have had sandbox escapes): data from YAML only ever enters a spec
as `data.values`. Titles and axis titles are plain literal strings (never `signal`/`expr`); the few
expressions below are constant code written here, never assembled from data.

The colours, fonts and the light/dark palettes are not in the specs: `charts.js` passes them to
vega-embed as `config`, one per colour scheme, so the same HTML serves both schemes (charts
re-render when the reader toggles the scheme).
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

from generator import static_charts
from generator.text import Lang

ZH = Lang("zh")  # the default edition
ROW_STEP = 24  # px per bar / lane; enough for a 12 px CJK label with air around it
TARGET_STEP = 42  # a target's row: its name and values as text, with the bar below them
BAR_STEP = 38  # a bar's row: whose bar it is as text, the bar below


# ---------------------------------------------------------------------------------------------
# public API


Chart = dict[str, Any]
"""What a page carries: `kind`, `title`, `height`, the kind's slots (see `SLOTS`), and the rows as
`{"fields": [...], "rows": [[...], ...]}` — column names once, not in every row (a third smaller)."""


def metric_bars(rows: list[dict[str, Any]], *, title: str, unit: str) -> Chart:
    """Horizontal bars, one per row, largest first; the value printed at the end of each bar."""
    values = _unique(rows, "region", "period")
    height = _height(len({r["region"] for r in values}), BAR_STEP)
    return _chart("bars", title, height, values, unit=unit)


def cluster_matrix(rows: list[dict[str, Any]], *, title: str) -> Chart:
    """Region × cluster matrix; colour and size both show the role (readable without colour).

    The dimension with fewer distinct values goes across, so five regions × 26 clusters and
    300 regions × 26 clusters both keep their labels readable."""
    regions = {r["region"] for r in rows}
    clusters = {r["cluster"] for r in rows}
    values = [dict(r) for r in rows]
    if len(regions) <= len(clusters):
        return _chart("matrix_regions_across", title, None, values)  # its height is a step per row
    return _chart("matrix_clusters_across", title, _height(len(regions), ROW_STEP), values)


def timeline(rows: list[dict[str, Any]], *, title: str) -> Chart:
    """One lane per region; each event or target a mark at its year, stacked within the year.

    No text labels at all (they would collide): the title, date and type are in the
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
    # each stacked mark gets 12 px, so a lane is as tall as the busiest year needs
    height = _height(len({r["region"] for r in values}), max(ROW_STEP, 12 * tallest))
    return _chart("timeline", title, height, values)


def targets(rows: list[dict[str, Any]], *, title: str) -> Chart:
    """Bullet-style: each target's latest value as a bar, in % of the target (the rule at 100 %).

    Targets differ in unit and scale, so the common axis is progress towards the target; the
    target and its latest and target values are printed above the bar and shown in the tooltip.
    Only the fields the chart uses travel (the raw values and unit are in the display strings)."""
    values = []
    for row in _unique(rows, "target", "region"):
        latest, goal = row.get("latest_value"), row.get("target_value")
        progress = round(100 * latest / goal, 1) if latest is not None and goal else None
        values.append(
            {
                **{key: row[key] for key in ("target", "region", "display_target", "display_latest", "deadline", "href")},
                "progress": progress,
                "label": row["label"],  # the target and its values, as text above its bar (made by the page)
            }
        )
    return _chart("targets", title, _height(len(values), TARGET_STEP), values)


def spec(chart: Chart, lang: Lang = ZH) -> dict[str, Any]:
    """The full Vega-Lite spec of `chart`: its kind's structure with the chart's parts filled in.

    `charts.js` does exactly this in the browser (`specOf`); keep the two in step. A part named in
    the kind's `SLOTS` goes to that path (a literal string: axis titles are not expressions), any
    other part is a top-level property, and the rows become the objects of `data.values`."""
    result: dict[str, Any] = json.loads(_structure_json(chart["kind"], lang))
    slots = SLOTS.get(chart["kind"], {})
    for key, value in chart.items():
        if key in ("kind", "data"):
            continue
        if key in slots:
            *parents, last = slots[key]
            node: Any = result
            for step in parents:
                node = node[step]
            node[last] = value
        else:
            result[key] = value
    fields = chart["data"]["fields"]
    result["data"] = {"values": [dict(zip(fields, row, strict=True)) for row in chart["data"]["rows"]]}
    return result


def embed(chart: Chart, *, lang: Lang, sources: str = "") -> str:
    """The chart as a page shows it, one block of HTML: a <figure> with the title as its caption,
    the static form (static_charts.py) inside the container that charts.js draws the interactive
    chart in, and the source line (`sources`: HTML, escaped by the caller).

    The chart's JSON sits in a *single-quoted* `data-chart` attribute: JSON is full of double
    quotes, and escaping each as `&quot;` (6 bytes) made the attributes 1.8× the JSON. Inside `'…'`
    only `&`, `'`, `<` and `>` need escaping (`<` `>` so no HTML or Markdown parser ever sees a tag
    in it); the browser unescapes them in `getAttribute`. `data-alt` states the values: charts.js
    makes it the drawn chart's accessible name."""
    data = json.dumps(chart, ensure_ascii=False, separators=(",", ":"))
    alt_text = html.escape(static_charts.describe(chart, lang), quote=True)
    source = f'<p class="zr-chart-source">{sources}</p>' if sources else ""
    return (
        f'<figure class="zr-chart"><figcaption class="zr-chart-title">{html.escape(chart["title"])}</figcaption>'
        f'<div class="vega-chart" data-alt="{alt_text}" data-chart=\'{_attr(data)}\'>{static_charts.form(chart, lang)}</div>'
        f"{source}</figure>"
    )


def kinds_script(lang: Lang) -> str:
    """`chart-kinds.js`: every kind's structure and slots, served once for the whole site."""
    kinds = {kind: {"spec": json.loads(_structure_json(kind, lang)), "slots": SLOTS.get(kind, {})} for kind in BUILDERS}
    body = json.dumps(kinds, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    words = json.dumps({key: lang.template(key) for key in SCRIPT_WORDS}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        "// generated by generator/charts.py: the structure of each chart kind, and the words the scripts show\n"
        f"window.ZONE_CHART_KINDS = {body};\nwindow.ZONE_WORDS = {words};\n"
    )


# catalog entries the scripts show, in the edition's language: charts.js its download buttons,
# cite.js its citation buttons and box
SCRIPT_WORDS = (
    "chart_download",
    "chart_download_as",
    "cite",
    "cite_fact",
    "cite_copy",
    "cite_copied",
    "cite_close",
    "cite_zh",
    "cite_en",
)


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


def _chart(kind: str, title: str, height: int | None, values: list[dict[str, Any]], **slots: str) -> Chart:
    chart: Chart = {"kind": kind, "title": title}
    if height is not None:
        chart["height"] = height
    fields = list(values[0]) if values else []
    if any(list(row) != fields for row in values):
        raise ValueError(f"{kind} chart: rows with different fields")  # a bug here, not in the data
    return {**chart, **slots, "data": {"fields": fields, "rows": [list(row.values()) for row in values]}}


# width "container" + discrete heights: fit the width only (the default "fit" warns on every chart)
AUTOSIZE = {"type": "fit-x", "contains": "padding"}


@functools.cache
def _structure_json(kind: str, lang: Lang) -> str:
    spec: dict[str, Any] = BUILDERS[kind](lang).to_dict()
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
            label = f"{row[key]} ({row[extra]})" if row.get(extra) else row[key]
            seen[label] += 1
            row[key] = label if seen[label] == 1 else f"{label} #{seen[label]}"
        out.append(row)
    return out


def _tooltips(lang: Lang, *fields: tuple[str, str]) -> list[alt.Tooltip]:
    """A tooltip line per (field:type, catalog key of its title)."""
    return [alt.Tooltip(field, title=lang.t(key)) for field, key in fields]


def _empty() -> alt.InlineData:
    return alt.InlineData(values=[])


def _bars(lang: Lang) -> Any:
    by_value = alt.EncodingSortField(field="value", op="max", order="descending")
    bars = (
        alt.Chart().mark_bar(cornerRadiusEnd=2, size=10).encode(x=alt.X("value:Q", title="", axis=alt.Axis(tickCount=5, labelOverlap=True)))
    )
    values = alt.Chart().mark_text(align="left", dx=4, baseline="middle").encode(x="value:Q", text="display:N")
    # whose bar it is, as text above the bar across the chart's width: y-axis labels left a phone
    # a few characters ("亦庄 · 汽车与新…"); `limit` keeps it inside the chart
    names = (
        alt.Chart()
        .mark_text(align="left", baseline="bottom", dy=-7, fontSize=12, limit=alt.ExprRef("width"))
        .encode(x=alt.datum(0), text="region:N")
    )
    # invisible marks a third further out: the domain leaves room for the value labels
    room = alt.Chart().mark_point(opacity=0).encode(x="room:Q").transform_calculate(room="datum.value * 1.35")
    return (
        alt.layer(bars, values, names, room, data=_empty())
        .encode(
            y=alt.Y("region:N", sort=by_value, title=None, axis=None),
            tooltip=_tooltips(lang, ("region:N", "region"), ("display:N", "value"), ("period:N", "period"), ("source:N", "source")),
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=BAR_STEP)  # height: set per chart
    )


def _matrix(lang: Lang, regions_across: bool) -> Any:
    across = alt.Axis(labelAngle=-40, orient="top")
    region: Any = alt.X("region:N", title=None, axis=across) if regions_across else alt.Y("region:N", title=None)
    cluster: Any = alt.Y("cluster:N", title=None) if regions_across else alt.X("cluster:N", title=None, axis=across)
    role: dict[str, Any] = {"field": "role", "type": "ordinal", "sort": {"field": "rank", "op": "min"}, "title": lang.t("role")}
    chart = (
        alt.Chart()
        .mark_square(opacity=1)
        .encode(
            region,
            cluster,
            color=alt.Color(**role, legend=alt.Legend(orient="bottom", direction="horizontal")),
            size=alt.Size(**role, scale=alt.Scale(range=[330, 170, 70])),  # merged into the colour legend
            tooltip=_tooltips(lang, ("region:N", "region"), ("cluster:N", "cluster"), ("role:N", "role")),
            href=alt.Href("href:N"),
        )
    )
    step = alt.Step(ROW_STEP)
    if regions_across:
        return alt.layer(chart, data=_empty()).properties(width=step, height=step)
    return alt.layer(chart, data=_empty()).properties(width="container", height=ROW_STEP)  # height: set per chart


def _timeline(lang: Lang) -> Any:
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
            color=alt.Color("type:N", title=lang.t("type"), legend=alt.Legend(orient="bottom", direction="horizontal", columns=4)),
            shape=alt.Shape(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=["event", "target"], range=["circle", "diamond"]),
                legend=None,
            ),
            tooltip=_tooltips(
                lang,
                ("title:N", "chart_event"),
                ("about:N", "about"),
                ("region:N", "region"),
                ("when:N", "date"),
                ("type:N", "type"),
            ),
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=ROW_STEP)  # height: set per chart
    )


def _targets(lang: Lang) -> Any:
    x = alt.X("progress:Q", title=lang.t("chart_progress"), scale=alt.Scale(domainMin=0, nice=True), axis=alt.Axis(tickCount=5))
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
            tooltip=_tooltips(
                lang,
                ("target:N", "target"),
                ("region:N", "region"),
                ("display_target:N", "value"),
                ("display_latest:N", "chart_latest"),
                ("progress:Q", "chart_progress"),
                ("deadline:N", "deadline"),
            ),
            href=alt.Href("href:N"),
        )
        .properties(width="container", height=TARGET_STEP)  # height: set per chart
    )


# Parts of a chart that go deeper than the top level of its spec: part name → path in the spec.
SLOTS: dict[str, dict[str, list[str | int]]] = {
    "bars": {"unit": ["layer", 0, "encoding", "x", "title"]},
}

BUILDERS: dict[str, Callable[[Lang], Any]] = {
    "bars": _bars,
    "matrix_regions_across": lambda lang: _matrix(lang, True),
    "matrix_clusters_across": lambda lang: _matrix(lang, False),
    "timeline": _timeline,
    "targets": _targets,
}
