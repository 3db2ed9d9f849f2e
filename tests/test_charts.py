"""generator/charts.py and static_charts.py: charts drawn at build time — every mark a link to its
row with a name, data escaped, the timeline's lanes and years, the matrix's headers, cost."""

from __future__ import annotations

import html
import html.parser
import itertools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import charts, static_charts
from generator.text import Lang

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
            "kind": "meeting",
            "href": "#event-a",
        },
        {
            "date": "2024-01-01",
            "when": "2024年",
            "region": region,
            "title": "发射",
            "about": "",
            "type": "发射",
            "kind": "launch",
            "href": "#event-b",
        },
        {
            "date": "2024-03-01",
            "when": "2024年3月（推断）",
            "region": region,
            "title": "投用",
            "about": "",
            "type": "启用",
            "kind": "opening",
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


def test_rows_are_not_mutated_and_calls_do_not_share_state() -> None:
    rows = bar_rows()
    before = json.dumps(rows, sort_keys=True)
    first = charts.metric_bars(rows, title="甲", unit="亿元")
    first["data"]["rows"][0][0] = "changed"
    second = charts.metric_bars(rows, title="乙", unit="万元")
    assert json.dumps(rows, sort_keys=True) == before
    assert second["unit"] == "万元" and second["data"]["rows"][0][0] == "亦庄"


def test_a_chart_carries_its_rows_once_with_their_column_names() -> None:
    chart = charts.metric_bars(bar_rows(), title="t", unit="u")
    assert set(chart) == {"kind", "title", "unit", "data"}
    assert chart["data"]["fields"] == ["region", "value", "display", "period", "qualifier", "source", "href"]
    assert chart["data"]["rows"][0] == ["亦庄", 5200.0, "5200亿元", "2023年", "超", "文章甲", "../regions/a/#fact-x"]


def test_the_words_script_holds_the_scripts_words_and_no_chart_structure() -> None:
    script = charts.words_script(charts.ZH)
    match = re.fullmatch(r"//[^\n]*\nwindow\.ZONE_WORDS = (\{.*\});\n", script, re.S)
    assert match, script[:200]
    assert set(json.loads(match[1])) == set(charts.SCRIPT_WORDS)
    assert json.loads(re.findall(r"\{.*\}", charts.words_script(Lang("en")))[0])["chart_download"] == "Download"


def test_bars_keep_equal_region_labels_apart() -> None:
    rows = bar_rows()
    rows[1]["region"] = "亦庄"
    rows[1]["period"] = "2022年"
    regions = [r["region"] for r in static_charts.rows(charts.metric_bars(rows, title="t", unit="u"))]
    assert len(set(regions)) == 2 and regions[1] == "亦庄 (2022年)"


def test_targets_show_progress_towards_the_target() -> None:
    values = static_charts.rows(charts.targets(target_rows(), title="t"))
    assert values[0]["progress"] == 46.3 and values[1]["progress"] is None
    assert values[0]["label"] == "到2025年产值千亿：463亿元 / 1000亿元（2025）"
    assert values[1]["label"] == "再用5年实现千星入轨：1000颗（2029）"
    assert "unit" not in values[0] and "target_value" not in values[0], "only the fields the chart uses travel"


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


# the figure's own tags: HTML (lists, the matrix's table) and the timeline's SVG
FIGURE_TAGS = {"figure", "figcaption", "div", "ol", "ul", "li", "span", "a", "p", "table", "thead", "tbody", "tr", "th", "td"}
SVG_TAGS = {"svg", "path", "rect", "line", "text", "circle"}
FIGURE_ATTRIBUTES = {"class", "href", "style", "aria-label", "aria-hidden", "title", "role", "data-chart", "scope"}
SVG_ATTRIBUTES = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d", "width", "height", "overflow"}

BUILT: dict[str, Callable[[str], charts.Chart]] = {
    "bars": lambda text: charts.metric_bars(bar_rows(text), title=text, unit="u"),
    "targets": lambda text: charts.targets(target_rows(text), title=text),
    "timeline": lambda text: charts.timeline(timeline_rows(text), title=text),
    "matrix": lambda text: charts.cluster_matrix(matrix_rows(text), title=text),
}


@pytest.mark.parametrize("make", list(BUILT))
def test_a_figure_holds_only_its_own_markup(make: str) -> None:
    """Titles and rows full of markup stay text: the figure is made of its own few tags, a style
    is only ever a computed width, SVG attributes only numbers, and the chart travels whole in
    data-chart."""
    built = BUILT[make](EVIL)
    out = charts.embed(built, lang=charts.ZH, sources='<a href="../s/">《甲》</a>')
    assert "\n" not in out and "<b>" not in out and "<script" not in out
    found = _read(out)
    assert {tag for tag, _ in found.tags} <= FIGURE_TAGS | SVG_TAGS
    for tag, attrs in found.tags:
        assert set(attrs) <= FIGURE_ATTRIBUTES | (SVG_ATTRIBUTES if tag in SVG_TAGS else set()), (tag, attrs)
        for key in SVG_ATTRIBUTES & set(attrs) - {"d", "overflow"}:
            assert re.fullmatch(r"-?\d+(\.\d+)?%?", attrs[key] or ""), (tag, key, attrs[key])
    styles = [attrs["style"] or "" for _, attrs in found.tags if "style" in attrs]
    assert all(re.fullmatch(r"width:\d+\.\d%|left:\d+\.\d\d%;top:\d+px|min-width:\d+px", style) for style in styles), styles
    (container,) = [attrs for tag, attrs in found.tags if "zr-plot" in (attrs.get("class") or "")]
    assert json.loads(container["data-chart"] or "") == built
    assert container["role"] == "group"
    assert container["aria-label"] == static_charts.describe(built, charts.ZH) and EVIL in (container["aria-label"] or "")
    assert EVIL in "".join(found.text), "the title is shown as typed"


def marks(out: str) -> list[dict[str, str | None]]:
    """The links of a drawn chart: one per record."""
    return [attrs for tag, attrs in _read(out).tags if tag == "a" and attrs.get("href") != "../s/"]


@pytest.mark.parametrize("make", list(BUILT))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_mark_links_to_its_row_and_has_a_name(make: str, lang: str) -> None:
    chart = BUILT[make]("亦庄")
    found = marks(static_charts.form(chart, Lang(lang)))
    rows = static_charts.rows(chart)
    assert sorted(str(a["href"]) for a in found) == sorted(r["href"] for r in rows)
    # a bar's link is named by aria-label; a timeline mark's by its text, for screen readers (and,
    # pointed at, its tooltip: site.css)
    links = re.findall(r'<a class="zr-mk[^"]*"[^>]*><span class="zr-sr">(.*?)</span></a>', static_charts.form(chart, Lang(lang)))
    texts = [re.sub(r"<[^>]+>", "", text) for text in links]
    for i, a in enumerate(found):
        name = a.get("aria-label") or (texts[i] if i < len(texts) else "")
        assert len(name) > 4, a
    assert static_charts.form(chart, Lang(lang)) == static_charts.form(BUILT[make]("亦庄"), Lang(lang)), "a pure function"


def test_the_static_bars_state_every_value_largest_first() -> None:
    chart = charts.metric_bars(bar_rows(), title="工业总产值", unit="亿元")
    found = _read(static_charts.form(chart, charts.ZH))
    widths = [attrs["style"] for tag, attrs in found.tags if "style" in attrs]
    assert widths == ["width:100.0%", "width:17.3%"]  # 900.5 of 5200
    assert "".join(found.text) == "亦庄5200亿元 · 2023年上海900.5亿元 · 2023年"
    assert [attrs["href"] for tag, attrs in found.tags if tag == "a"] == ["../regions/a/#fact-x", "../regions/b/#fact-y"]
    assert [attrs["aria-label"] for tag, attrs in found.tags if tag == "a"] == ["亦庄 5200亿元（2023年）", "上海 900.5亿元（2023年）"]
    assert static_charts.describe(chart, charts.ZH) == "工业总产值：亦庄 5200亿元（2023年）；上海 900.5亿元（2023年）"


def lanes(out: str) -> list[str]:
    return re.findall(r'<text class="zr-tl-region" x="0" y="\d+">([^<]*)</text>', out)


def test_the_timeline_draws_a_lane_per_region_and_a_mark_per_row() -> None:
    chart = charts.timeline(timeline_rows(), title="时间线")
    out = static_charts.form(chart, charts.ZH)
    assert lanes(out) == ["亦庄", "上海"]
    found = marks(out)
    assert [a["href"] for a in found] == ["#event-b", "#event-a", "#event-c", "#target-d"], "in date order"
    dots = re.findall(r'class="zr-dot zr-k-(\w+)"', out)
    assert dots == ["launch", "meeting", "opening", "target"], "each kind its colour"
    assert all(str(a["class"]).split()[0] == "zr-mk" for a in found)
    # the tooltip opens away from the nearer edges (the box scrolls): the 2025 target right of the middle, the lower lane's marks upwards
    assert [a["class"] for a in found] == ["zr-mk", "zr-mk", "zr-mk", "zr-mk zr-mk-end zr-mk-up"]
    # each link laid over its mark: the same x, the same y
    places = re.findall(r'<circle class="zr-dot[^"]*" cx="([\d.]+%)" cy="(\d+)"|<svg class="zr-dot[^"]*" x="([\d.]+%)" y="(\d+)"', out)
    assert [(a["style"] or "") for a in found] == [f"left:{p[0] or p[2]};top:{p[1] or p[3]}px" for p in places]
    assert "title" not in found[1], "a title cannot mark an English name's Chinese terms as Chinese (test_editions)"
    assert '<span class="zr-sr">2024年2月23日 · 亦庄 · 大会（会议）</span></a>' in out
    assert '<span class="zr-sr">2025年 · 上海 · 千亿（上海自贸区）（目标）</span></a>' in out, "its name, as its text"
    # the legend: each kind once, in the kinds' order, with the row's word for it
    legend = re.findall(r'<li class="zr-k-(\w+)">.*?</svg>([^<]*)</li>', out)
    assert legend == [("launch", "发射"), ("opening", "启用"), ("meeting", "会议"), ("target", "目标")]
    # x: the years' centres, in % of the width; the three marks of 2024 stack in one column
    xs = [float(x) for x in re.findall(r'<circle class="[^"]*" cx="([\d.]+)%" cy="\d+" r="5"/>', out)]
    assert len(set(xs)) == 1 and 0 < xs[0] < 50
    assert re.findall(r'<text class="zr-tl-year" x="[\d.]+%" y="\d+">(\d+)</text>', out) == ["2024", "2025"]
    assert static_charts.describe(chart, charts.ZH) == "时间线：2个地区的4个事件和目标，2024年至2025年"
    # the links (24 px boxes) never overlap (WCAG 2.5.8): stacked 24 px apart, a year ≥ 24 px wide
    # at the box's least width (a long span scrolls in its box)
    tops = sorted({int(top) for top in re.findall(r"top:(\d+)px", out)})
    assert len(tops) == 4 and all(b - a >= 24 for a, b in itertools.pairwise(tops))
    least = int(re.search(r'class="zr-tlbox" style="min-width:(\d+)px"', out)[1])  # type: ignore[index]
    assert least * (100 - 2 * static_charts.PAD) / 100 / 2 >= 24


def timeline_of(regions: int, per_region: int = 8) -> charts.Chart:
    rows = [
        {**row, "region": f"地区{i:03d}", "date": f"{2015 + (i + j) % 20}-01-01", "href": f"#e{i}-{j}"}
        for i in range(regions)
        for j, row in enumerate((timeline_rows() * 3)[:per_region])
    ]
    return charts.timeline(rows, title="t")


def test_the_timeline_grows_linearly_with_its_regions_and_keeps_its_years_readable() -> None:
    heights = {}
    for n in (10, 100, 300):
        out = static_charts.form(timeline_of(n), charts.ZH)
        assert len(lanes(out)) == n, "every region its own lane"
        heights[n] = int(re.search(r'<svg class="zr-tl" width="100%" height="(\d+)"', out)[1])  # type: ignore[index]
        years = re.findall(r'class="zr-tl-year" x="[\d.]+%" y="(\d+)">', out)
        assert len(years) <= 2 * static_charts.YEAR_LABELS, "at most 8 year labels (twice: above and below)"
    per_lane = (heights[300] - heights[100]) / 200
    assert heights[10] == pytest.approx(10 * per_lane, rel=0.2) and heights[100] == pytest.approx(100 * per_lane, rel=0.05)


def test_drawing_hundreds_of_regions_is_cheap() -> None:
    """A pure function of the rows, microseconds per mark: a 300-region timeline of 2,400 marks and a
    300 × 27 matrix draw in well under a second together (nothing to cache)."""
    chart = timeline_of(300)
    matrix = charts.cluster_matrix(
        [{**matrix_rows()[k % 3], "region": f"地区{i}", "cluster": f"集群{k}"} for i in range(300) for k in range(0, 27, 3)], title="t"
    )
    started = time.perf_counter()
    static_charts.form(chart, charts.ZH)
    static_charts.form(matrix, charts.ZH)
    assert time.perf_counter() - started < 1.0


def test_the_matrix_is_a_table_whose_fewer_dimension_goes_across() -> None:
    few = static_charts.form(charts.cluster_matrix(matrix_rows(), title="t"), charts.ZH)
    assert re.findall(r'<th scope="col">([^<]*)</th>', few) == ["亦庄", "上海"]
    assert re.findall(r'<th scope="row">([^<]*)</th>', few) == ["集成电路", "商业航天", "未来能源"]
    found = marks(few)
    assert [a["class"] for a in found] == ["zr-role zr-r1", "zr-role zr-r2", "zr-role zr-r3"]
    assert found[0]["aria-label"] == "亦庄 · 集成电路：主导 leading"
    assert re.findall(r'<li><span class="zr-role zr-r(\d)"></span>([^<]*)</li>', few) == [
        ("1", "主导 leading"),
        ("2", "新兴 emerging"),
        ("3", "未来 future"),
    ]
    many = static_charts.form(
        charts.cluster_matrix([{**r, "region": f"地区{i}"} for i, r in enumerate(matrix_rows() * 3)], title="t"), charts.ZH
    )
    assert re.findall(r'<th scope="col">([^<]*)</th>', many) == ["集成电路", "商业航天", "未来能源"]
    assert len(re.findall(r'<th scope="row">', many)) == 9


def test_an_english_chart_marks_its_chinese_terms() -> None:
    out = static_charts.form(charts.cluster_matrix(matrix_rows("信创"), title="t"), Lang("en"))
    assert '<th scope="col"><span lang="zh">信创</span></th>' in out


def test_the_policy_timeline_has_a_lane_for_every_region_with_events_and_counts_the_others() -> None:
    """timeline/: every region that reports an event or a target on its own lane, in the regions'
    order, every kind of event drawn; a region that reports none is counted under the chart."""
    from generator import site
    from generator.pipeline import validate

    dataset, _ = validate(Path(__file__).resolve().parents[1])
    quiet = next(iter(dataset.regions))
    dataset.regions[quiet] = dataset.regions[quiet].model_copy(update={"events": [], "targets": []})
    for lang, said in (("zh", "另有1个地区尚无事件或目标记录。"), ("en", "1 more region reports no events or targets yet.")):
        page = site.build_pages(dataset, lang=lang, parallel=False)["timeline/index.md"]
        reporting = [Lang(lang).pick(r.profile.short_name) for r in dataset.regions.values() if r.events or r.targets]
        assert lanes(html.unescape(page)) == reporting and len(reporting) == len(dataset.regions) - 1
        kinds = {e.type for r in dataset.regions.values() for e in r.events}
        assert set(re.findall(r'class="zr-dot zr-k-(\w+)"', page)) == kinds | {"target"}, "every kind of event, not only policies"
        assert said in page
