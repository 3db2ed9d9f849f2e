"""generator/charts.py: spec structure, data only in data.values, shared structure, embedding."""

from __future__ import annotations

import html
import html.parser
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from generator import charts, static_charts

EVIL = "'); alert(1)//\"<b>&</b>${x}{{y}}datum.z"


def bar_rows(region: str = "亦庄") -> list[dict[str, Any]]:
    return [
        {
            "region": region,
            "value": 5200.0,
            "display": "5200亿元",
            "period": "2023年",
            "qualifier": "超",
            "source": "文章甲",
            "href": "../regions/a/#fact-x",
        },
        {
            "region": "上海",
            "value": 900.5,
            "display": "900.5亿元",
            "period": "2023年",
            "qualifier": "",
            "source": "文章乙",
            "href": "../regions/b/#fact-y",
        },
    ]


def matrix_rows(region: str = "亦庄") -> list[dict[str, Any]]:
    return [
        {"region": region, "cluster": "集成电路", "role": "主导 leading", "rank": 1, "href": "../clusters/ic/"},
        {"region": "上海", "cluster": "商业航天", "role": "新兴 emerging", "rank": 2, "href": "../clusters/space/"},
        {"region": "上海", "cluster": "未来能源", "role": "未来 future", "rank": 3, "href": "../clusters/energy/"},
    ]


def timeline_rows(region: str = "亦庄") -> list[dict[str, Any]]:
    return [
        {
            "date": "2024-02-23",
            "when": "2024年2月23日",
            "region": region,
            "title": "大会",
            "about": "",
            "type": "会议",
            "kind": "event",
            "href": "#event-a",
        },
        {
            "date": "2024-01-01",
            "when": "2024年",
            "region": region,
            "title": "发射",
            "about": "",
            "type": "发射",
            "kind": "event",
            "href": "#event-b",
        },
        {
            "date": "2024-03-01",
            "when": "2024年3月（推断）",
            "region": region,
            "title": "投用",
            "about": "",
            "type": "启用",
            "kind": "event",
            "href": "#event-c",
        },
        {
            "date": "2025-01-01",
            "when": "2025年",
            "region": "上海",
            "title": "千亿",
            "about": "上海自贸区",
            "type": "目标",
            "kind": "target",
            "href": "#target-d",
        },
    ]


def target_rows(region: str = "亦庄") -> list[dict[str, Any]]:
    return [
        {
            "target": "到2025年产值千亿",
            "region": region,
            "target_value": 1000.0,
            "latest_value": 463.0,
            "display_target": "1000亿元",
            "display_latest": "463亿元",
            "deadline": "2025",
            "unit": "亿元",
            "href": "#target-a",
            "label": "到2025年产值千亿：463亿元 / 1000亿元（2025）",
        },
        {
            "target": "再用5年实现千星入轨",
            "region": region,
            "target_value": 1000.0,
            "latest_value": None,
            "display_target": "1000颗",
            "display_latest": "",
            "deadline": "2029",
            "unit": "颗",
            "href": "#target-b",
            "label": "再用5年实现千星入轨：1000颗（2029）",
        },
    ]


CHARTS: dict[str, Callable[[str], charts.Chart]] = {
    "metric_bars": lambda region: charts.metric_bars(bar_rows(region), title="产值", unit="亿元"),
    "cluster_matrix": lambda region: charts.cluster_matrix(matrix_rows(region), title="矩阵"),
    "timeline": lambda region: charts.timeline(timeline_rows(region), title="时间线"),
    "targets": lambda region: charts.targets(target_rows(region), title="目标"),
}
# the full Vega-Lite spec the browser draws for each
BUILDERS: dict[str, Callable[[str], dict[str, Any]]] = {kind: (lambda region, k=kind: charts.spec(CHARTS[k](region))) for kind in CHARTS}


def strings_outside_data(node: Any) -> Iterator[str]:
    """Every string (keys included) in a spec, except inside `data.values`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key == "data" and isinstance(value, dict) and set(value) == {"values"}:
                continue
            yield from strings_outside_data(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_outside_data(item)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("kind", BUILDERS)
def test_spec_is_vega_lite_with_data_in_values_only(kind: str) -> None:
    spec = BUILDERS[kind]("亦庄")
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v6.4.1.json"
    assert spec["data"]["values"], "rows go into the top-level data.values"
    assert "datasets" not in spec and "config" not in spec, "no per-chart datasets or config bloat"
    assert "data" not in json.dumps(spec.get("layer", [])), "one dataset per chart, not one per layer"
    assert spec["title"]


@pytest.mark.parametrize("kind", BUILDERS)
def test_hostile_data_never_leaves_data_values(kind: str) -> None:
    spec = BUILDERS[kind](EVIL)
    assert any(row["region"].startswith(EVIL) for row in spec["data"]["values"])
    for text in strings_outside_data(spec):
        assert "alert" not in text and EVIL not in text, (kind, text)
    chart = CHARTS[kind](EVIL)  # what the page carries: the data only in the rows
    assert any(EVIL in str(cell) for row in chart["data"]["rows"] for cell in row)
    for text in strings_outside_data({key: value for key, value in chart.items() if key != "data"}):
        assert EVIL not in text, (kind, text)
    assert EVIL not in json.dumps(chart["data"]["fields"])


@pytest.mark.parametrize("kind", BUILDERS)
def test_expressions_are_constant_code(kind: str) -> None:
    """Every expression string in a spec is the same whatever the data (none is built from it)."""

    def expressions(spec: dict[str, Any]) -> list[str]:
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in ("calculate", "expr", "signal", "filter", "test", "labelExpr") and isinstance(value, str):
                        found.append(value)
                    if key != "data":
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(spec)
        return found

    assert expressions(BUILDERS[kind]("亦庄")) == expressions(BUILDERS[kind](EVIL))


def test_rows_are_not_mutated_and_calls_do_not_share_state() -> None:
    rows = bar_rows()
    before = json.dumps(rows, sort_keys=True)
    first = charts.spec(charts.metric_bars(rows, title="甲", unit="亿元"))
    first["layer"][0]["encoding"]["x"]["title"] = "changed"
    first["data"]["values"][0]["region"] = "changed"
    second = charts.spec(charts.metric_bars(rows, title="乙", unit="万元"))
    assert json.dumps(rows, sort_keys=True) == before
    assert second["layer"][0]["encoding"]["x"]["title"] == "万元"
    assert second["data"]["values"][0]["region"] == "亦庄"


def test_structure_is_built_once_per_kind_and_pages_carry_only_data() -> None:
    charts.spec(charts.metric_bars(bar_rows(), title="t", unit="u"))  # warm
    before = charts._structure_json.cache_info()
    chart = charts.metric_bars(bar_rows(), title="t", unit="u")
    assert charts._structure_json.cache_info() == before, "building a page's chart never touches Altair"
    assert set(chart) == {"kind", "title", "height", "unit", "data"}
    assert chart["data"]["fields"] == ["region", "value", "display", "period", "qualifier", "source", "href"]
    assert chart["data"]["rows"][0] == ["亦庄", 5200.0, "5200亿元", "2023年", "超", "文章甲", "../regions/a/#fact-x"]
    for _ in range(3):
        charts.spec(chart)
    after = charts._structure_json.cache_info()
    assert after.hits == before.hits + 3 and after.misses == before.misses


def test_kinds_script_holds_every_structure_and_spec_merges_it() -> None:
    """What charts.js merges in the browser gives the same spec as `charts.spec` (the browser test
    compares the two on real pages too)."""
    script = charts.kinds_script(charts.ZH)
    match = re.fullmatch(r"//[^\n]*\nwindow\.ZONE_CHART_KINDS = (\{.*\});\nwindow\.ZONE_WORDS = (\{.*\});\n", script, re.S)
    assert match, script[:200]
    kinds = json.loads(match[1])
    assert set(kinds) == set(charts.BUILDERS)
    chart = charts.metric_bars(bar_rows(), title="产值", unit="亿元")
    merged = json.loads(json.dumps(kinds["bars"]["spec"]))
    merged["layer"][0]["encoding"]["x"]["title"] = "亿元"
    merged.update(title="产值", height=chart["height"], data={"values": bar_rows()})
    assert charts.spec(chart) == merged
    assert kinds["bars"]["slots"] == {"unit": ["layer", 0, "encoding", "x", "title"]}


def test_bars_sort_by_value_and_carry_tooltip_and_link() -> None:
    spec = charts.spec(charts.metric_bars(bar_rows(), title="产值", unit="亿元"))
    enc = spec["encoding"]
    assert enc["y"]["sort"] == {"field": "value", "op": "max", "order": "descending"}
    assert [t["field"] for t in enc["tooltip"]] == ["region", "display", "period", "source"]
    assert enc["href"] == {"field": "href", "type": "nominal"}
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][0]["encoding"]["x"]["title"] == "亿元"
    assert spec["width"] == "container" and spec["height"] == 2 * charts.BAR_STEP


def test_bars_keep_equal_region_labels_apart() -> None:
    rows = bar_rows()
    rows[1]["region"] = "亦庄"
    rows[1]["period"] = "2022年"
    regions = [r["region"] for r in charts.spec(charts.metric_bars(rows, title="t", unit="u"))["data"]["values"]]
    assert len(set(regions)) == 2 and regions[1] == "亦庄 (2022年)"


def test_matrix_colours_by_role_in_rank_order_and_turns_with_its_shape() -> None:
    few = charts.spec(charts.cluster_matrix(matrix_rows(), title="t"))
    enc = few["layer"][0]["encoding"]
    assert enc["color"]["field"] == "role" and enc["color"]["sort"] == {"field": "rank", "op": "min"}
    assert enc["x"]["field"] == "region" and enc["y"]["field"] == "cluster"
    many = charts.spec(charts.cluster_matrix([{**r, "region": f"地区{i}"} for i, r in enumerate(matrix_rows() * 3)], title="t"))
    enc = many["layer"][0]["encoding"]
    assert enc["y"]["field"] == "region" and enc["x"]["field"] == "cluster"
    assert many["width"] == "container" and many["height"] == 9 * charts.ROW_STEP


def test_timeline_stacks_marks_of_one_region_and_year() -> None:
    spec = charts.spec(charts.timeline(timeline_rows(), title="t"))
    slots = {(r["region"], r["date"][:4], r["slot"]) for r in spec["data"]["values"]}
    assert len(slots) == len(timeline_rows()), "two marks share a place"
    enc = spec["encoding"]
    assert enc["yOffset"]["field"] == "slot" and enc["y"]["field"] == "region"
    assert "text" not in json.dumps(spec.get("mark")), "no text labels that could collide"
    shanghai = [r["slot"] for r in spec["data"]["values"] if r["region"] == "上海"]
    assert shanghai == [1], "a single mark sits in the middle of a lane three marks tall"


def test_targets_show_progress_towards_the_target() -> None:
    spec = charts.spec(charts.targets(target_rows(), title="t"))
    values = spec["data"]["values"]
    assert values[0]["progress"] == 46.3 and values[1]["progress"] is None
    assert values[0]["label"] == "到2025年产值千亿：463亿元 / 1000亿元（2025）"
    assert values[1]["label"] == "再用5年实现千星入轨：1000颗（2029）"
    assert "unit" not in values[0] and "target_value" not in values[0], "only the fields the chart uses travel"
    assert spec["height"] == 2 * charts.TARGET_STEP


class _Tags(html.parser.HTMLParser):
    """Every start tag of a piece of HTML with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(markup: str) -> _Tags:
    reader = _Tags()
    reader.feed(markup)
    return reader


FIGURE_TAGS = {"figure", "figcaption", "div", "ol", "ul", "li", "span", "a", "p"}
FIGURE_ATTRIBUTES = {"class", "href", "style", "data-alt", "data-chart"}


@pytest.mark.parametrize("make", ["bars", "targets", "timeline", "matrix"])
def test_a_figure_holds_only_its_own_markup(make: str) -> None:
    """Titles and rows full of markup stay text: the figure is made of its own few tags, a style
    is only ever a computed width, and the chart travels whole in data-chart."""
    built = {
        "bars": lambda: charts.metric_bars(bar_rows(EVIL), title=EVIL, unit="u"),
        "targets": lambda: charts.targets(target_rows(EVIL), title=EVIL),
        "timeline": lambda: charts.timeline(timeline_rows(EVIL), title=EVIL),
        "matrix": lambda: charts.cluster_matrix(matrix_rows(EVIL), title=EVIL),
    }[make]()
    out = charts.embed(built, lang=charts.ZH, sources='<a href="../s/">《甲》</a>')
    assert "\n" not in out and "<b>" not in out and "<script" not in out
    found = _read(out)
    assert {tag for tag, _ in found.tags} <= FIGURE_TAGS
    assert all(set(attrs) <= FIGURE_ATTRIBUTES for _, attrs in found.tags)
    assert all(re.fullmatch(r"width:\d+\.\d%", attrs["style"] or "") for _, attrs in found.tags if "style" in attrs)
    (container,) = [attrs for tag, attrs in found.tags if attrs.get("class") == "vega-chart"]
    assert json.loads(container["data-chart"] or "") == built
    assert container["data-alt"] == static_charts.describe(built, charts.ZH) and EVIL in (container["data-alt"] or "")
    assert EVIL in "".join(found.text), "the title is shown as typed"


def test_the_static_bars_state_every_value_largest_first() -> None:
    chart = charts.metric_bars(bar_rows(), title="工业总产值", unit="亿元")
    found = _read(static_charts.form(chart, charts.ZH))
    widths = [attrs["style"] for tag, attrs in found.tags if "style" in attrs]
    assert widths == ["width:100.0%", "width:17.3%"]  # 900.5 of 5200
    assert "".join(found.text) == "亦庄5200亿元 · 2023年上海900.5亿元 · 2023年"
    assert [attrs["href"] for tag, attrs in found.tags if tag == "a"] == ["../regions/a/#fact-x", "../regions/b/#fact-y"]
    assert static_charts.describe(chart, charts.ZH) == "工业总产值：亦庄 5200亿元（2023年）；上海 900.5亿元（2023年）"


def test_the_static_timeline_lists_the_marks_by_date() -> None:
    chart = charts.timeline(timeline_rows(), title="时间线")
    found = _read(static_charts.form(chart, charts.ZH))
    dates = [text for text in found.text if text.startswith("20")]
    assert dates == ["2024年", "2024年2月23日", "2024年3月（推断）", "2025年"]
    assert static_charts.describe(chart, charts.ZH) == "时间线：2个地区的4个事件和目标，2024年至2025年"
