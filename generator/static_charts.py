"""Every chart drawn at build time, from its rows alone: the only form a chart has on the page.

Why drawn here and not in the browser: the charts are simple (bars, a matrix, dots on a time
axis), and drawing them needed a 900 KB chart library that a phone downloaded and ran on every
page with a chart (the E-Town page loaded 1.4 MB by its end). Drawn here each chart is plain markup:
readers without JavaScript, printers, feed readers and search engines see the same chart as
everyone, every mark that stands for a record is a link to its row with an accessible name, and
a chart costs microseconds to draw (a pure function of its rows: nothing to cache).

- bars and targets: HTML lists with CSS bars — their labels are text that wraps on a phone;
- the cluster matrix: an HTML table (headers that wrap and stay in view while it scrolls; a
  square per role, whose size and colour both say the role);
- the timeline: inline SVG whose horizontal positions are percentages of its width, so it fits
  any width while its text stays 12 px; one lane per region, as tall as its busiest year needs
  (the chart grows linearly with the regions); its kinds of events as classes whose colours are
  CSS custom properties (site.css), so the light and dark schemes both keep their contrast. The
  SVG is the picture only (aria-hidden): each mark's link is an HTML <a> laid over it at the same
  place (left in %, top in px), 24 px square. Links inside SVG break material's instant
  navigation, which rewrites every relative `href` on a page switch by assigning to `el.href` —
  read-only on SVG elements, so it threw; for the same reason the SVG has no `<use href>`.

`describe` states the chart's values in a sentence: the chart's accessible name.
Every text is escaped here: the rows are data.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

from generator import text as tx
from generator.text import Lang

Chart = dict[str, Any]
Row = dict[str, Any]


def rows(chart: Chart) -> list[Row]:
    """The chart's rows as dicts (a chart carries its column names once)."""
    fields = chart["data"]["fields"]
    return [dict(zip(fields, row, strict=True)) for row in chart["data"]["rows"]]


def form(chart: Chart, lang: Lang) -> str:
    """The chart drawn, one line of HTML (inline SVG for a timeline)."""
    return _FORMS[family(chart)](rows(chart), lang)


def describe(chart: Chart, lang: Lang) -> str:
    """The chart's values in a sentence: its accessible name (plain text)."""
    return f"{chart['title']}{lang.colon}{_SENTENCES[family(chart)](rows(chart), lang)}"


def family(chart: Chart) -> str:
    return "matrix" if chart["kind"].startswith("matrix") else str(chart["kind"])


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _t(value: Any, lang: Lang) -> str:
    """Text of the edition's language, escaped; in another language than Chinese, the Chinese
    terms it quotes (信创) marked as Chinese."""
    return _e(value) if lang.primary == "zh" else tx.mark_chinese(_e(value))


def _link(href: str, text: str, name: str = "") -> str:
    """A link to a record's row; `name`, when given, is its accessible name (it includes the
    visible text, as WCAG 2.5.3 asks)."""
    label = f' aria-label="{_e(name)}"' if name else ""
    return f'<a href="{_e(href)}"{label}>{_e(text)}</a>'


def _bar(share: float) -> str:
    """A bar `share` (0–1) of the row's width; the style is computed here, never from text (as the
    timeline's marks' places)."""
    return f'<span class="zr-sbar"><span style="width:{max(0.0, min(share, 1.0)) * 100:.1f}%"></span></span>'


# ---------------------------------------------------------------------------------------------
# bars and targets: lists with CSS bars


def _bars(items: list[Row], lang: Lang) -> str:
    top = max((abs(float(r["value"])) for r in items), default=0.0) or 1.0
    lines = [
        f'<li><span class="zr-sl">{_t(r["region"], lang)}</span>{_bar(abs(float(r["value"])) / top)}'
        f'<span class="zr-sv">{_link(r["href"], r["display"], _bar_name(r, lang))} · {_e(r["period"])}</span></li>'
        for r in sorted(items, key=lambda r: -float(r["value"]))
    ]
    return f'<ol class="zr-static zr-sbars">{"".join(lines)}</ol>'


def _bar_name(r: Row, lang: Lang) -> str:
    return f"{r['region']} {r['display']}{lang.paren(r['period'])}"


def _targets(items: list[Row], lang: Lang) -> str:
    lines = []
    for r in items:
        progress = r["progress"]
        shown = "—" if progress is None else f"{tx.plain(progress)}%"
        name = f"{r['target']} {shown}"
        lines.append(
            f'<li><span class="zr-sl">{_t(r["label"], lang)}</span>{_bar((progress or 0) / 100)}'
            f'<span class="zr-sv">{_link(r["href"], shown, name)}</span></li>'
        )
    return f'<ol class="zr-static zr-sbars zr-stargets">{"".join(lines)}</ol>'


# ---------------------------------------------------------------------------------------------
# the timeline: inline SVG, x in % of its width

LABEL_H = 16  # a lane's region name, 12 px text, above its marks
MARK_H = 24  # a mark and its link: 24 px apart, so no two links overlap (WCAG 2.5.8); a region's marks of one year stack
AXIS_H = 20  # the years' labels
PAD = 2.0  # % of the width left free at either end (a mark's half width)
YEAR_LABELS = 8  # at most this many year labels: 8 × "2024" fit a phone's 340 px
TOP_AXIS_FROM = 8  # regions: from this many lanes on, the years are labelled above the chart too
KINDS = ("policy", "plan", "project", "launch", "opening", "milestone", "meeting", "target")  # colour order


def _kind(row: Row) -> str:
    """The class of a mark's kind; an unknown kind is "other" (a class is never text from data)."""
    return row["kind"] if row["kind"] in KINDS else "other"


def _step(years: int) -> int:
    """The gap between year labels: the smallest of 1, 2, 5, 10 … that leaves ≤ YEAR_LABELS."""
    for step in (1, 2, 5, 10, 20, 50, 100):
        if math.ceil(years / step) <= YEAR_LABELS:
            return step
    return 1000


def _timeline(items: list[Row], lang: Lang) -> str:
    if not items:
        return ""
    first = min(int(r["date"][:4]) for r in items)
    span = max(int(r["date"][:4]) for r in items) - first + 1

    def x(year: int) -> str:
        return f"{PAD + (year - first + 0.5) / span * (100 - 2 * PAD):.2f}%"

    # region → year → its marks, in date order; the regions in the rows' order (the site's order of
    # regions: a reader finds one among hundreds where the regions' list has it)
    lanes: dict[str, dict[int, list[Row]]] = {r["region"]: {} for r in items}
    for row in sorted(items, key=lambda r: r["date"]):
        lanes.setdefault(row["region"], {}).setdefault(int(row["date"][:4]), []).append(row)
    top = AXIS_H if len(lanes) >= TOP_AXIS_FROM else 0
    parts: list[str] = []  # the picture
    placed: list[tuple[Row, str, int]] = []  # each mark's row and place: its link is laid over it
    y = top
    for i, (region, years) in enumerate(lanes.items()):
        height = LABEL_H + MARK_H * max(len(marks) for marks in years.values()) + 4
        if i % 2:
            parts.append(f'<rect class="zr-lane" x="0" y="{y}" width="100%" height="{height}"/>')
        parts.append(f'<text class="zr-tl-region" x="0" y="{y + 12}">{_e(region)}</text>')
        for year, marks in years.items():
            for slot, row in enumerate(marks):
                placed.append((row, x(year), y + LABEL_H + MARK_H * slot + MARK_H // 2))
                parts.append(_shape(row, *placed[-1][1:]))
        y += height
    step = _step(span)
    grid = [f'<line class="zr-grid" x1="{x(year)}" x2="{x(year)}" y1="{top}" y2="{y}"/>' for year in range(first, first + span)]
    labels = [year for year in range(first, first + span) if year % step == 0 or span <= step]
    axis = [f'<text class="zr-tl-year" x="{x(year)}" y="{y + 15}">{year}</text>' for year in labels]
    if top:
        axis += [f'<text class="zr-tl-year" x="{x(year)}" y="15">{year}</text>' for year in labels]
    svg = f'<svg class="zr-tl" width="100%" height="{y + AXIS_H}" aria-hidden="true">{"".join(grid + parts + axis)}</svg>'
    links = [_mark_link(row, at, high, lang, up=high > (y + AXIS_H) / 2) for row, at, high in placed]
    # at least 24 px a year, so neighbouring years' links do not overlap: a long span scrolls in its box
    box = f'<div class="zr-tlbox" style="min-width:{math.ceil(span * MARK_H / (1 - 2 * PAD / 100))}px">{svg}{"".join(links)}</div>'
    return f'<div class="zr-tlscroll">{box}</div>' + _legend(items, lang)


def _shape(row: Row, x: str, y: int) -> str:
    """An event (a dot) or a target (a diamond) at its year, in the SVG."""
    kind = f"zr-dot zr-k-{_kind(row)}"
    if row["kind"] == "target":
        return f'<svg class="{kind}" x="{x}" y="{y}" width="1" height="1" overflow="visible"><path d="M0 -6L6 0 0 6-6 0Z"/></svg>'
    return f'<circle class="{kind}" cx="{x}" cy="{y}" r="5"/>'


def _mark_link(row: Row, x: str, y: int, lang: Lang, *, up: bool) -> str:
    """The link laid over a mark, 24 px square (what a finger hits, WCAG 2.5.8), to its row, named
    by its date, region, title, scope or subject, and kind.

    The name is text only screen readers get (.zr-sr): the mark's scope or subject is then in the
    text around its link, as for every figure (tests/test_build.py). Pointed at or focused, site.css
    shows it as the mark's tooltip — not a title attribute, which cannot mark the Chinese terms an
    English name quotes (信创) as Chinese. The tooltip opens away from the chart's nearer edges (the
    box it is in scrolls, and would cut it): leftwards right of the middle, upwards in the lower half."""
    about = lang.paren(row["about"]) if row["about"] else ""  # (English: " (…)", a space before it)
    name = _t(f"{row['when']} · {row['region']} · {row['title']}{about}{lang.paren(row['type'])}", lang)
    where = (" zr-mk-end" if float(x.rstrip("%")) > 50 else "") + (" zr-mk-up" if up else "")
    return f'<a class="zr-mk{where}" href="{_e(row["href"])}" style="left:{x};top:{y}px"><span class="zr-sr">{name}</span></a>'


def _legend(items: list[Row], lang: Lang) -> str:
    """The kinds present, in KINDS order, each with its mark's shape and colour."""
    words = {_kind(r): r["type"] for r in items}
    keys = []
    for kind in [*KINDS, "other"]:
        if kind not in words:
            continue
        shape = '<path d="M6 0L12 6 6 12 0 6Z"/>' if kind == "target" else '<circle cx="6" cy="6" r="5"/>'
        keys.append(f'<li class="zr-k-{kind}"><svg width="12" height="12" aria-hidden="true">{shape}</svg>{_t(words[kind], lang)}</li>')
    return f'<ul class="zr-legend">{"".join(keys)}</ul>'


# ---------------------------------------------------------------------------------------------
# the matrix: an HTML table


def _matrix(items: list[Row], lang: Lang) -> str:
    """Regions × clusters, each cell a square for the region's role in the cluster, linked to the
    cluster's page. The dimension with fewer values goes across: five regions × 27 clusters and
    300 regions × 27 clusters both keep short rows (the box scrolls; its headers stay in view)."""
    regions = list(dict.fromkeys(r["region"] for r in items))
    clusters = list(dict.fromkeys(r["cluster"] for r in items))
    across_key, down_key = ("region", "cluster") if len(regions) <= len(clusters) else ("cluster", "region")
    across, down = (regions, clusters) if across_key == "region" else (clusters, regions)
    cells = {(r[down_key], r[across_key]): r for r in items}
    head = "".join(f'<th scope="col">{_t(name, lang)}</th>' for name in across)
    body = []
    for name in down:
        marks = "".join(f"<td>{_role(cells[name, other], lang) if (name, other) in cells else ''}</td>" for other in across)
        body.append(f'<tr><th scope="row">{_t(name, lang)}</th>{marks}</tr>')
    roles = {r["rank"]: r["role"] for r in items}
    legend = "".join(f'<li><span class="zr-role zr-r{_rank(rank)}"></span>{_e(roles[rank])}</li>' for rank in sorted(roles))
    table = f'<table class="zr-matrix"><thead><tr><td></td>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return f'<div class="zr-mscroll">{table}</div><ul class="zr-legend">{legend}</ul>'


def _rank(rank: Any) -> int:
    return rank if isinstance(rank, int) and 1 <= rank <= 3 else 3


def _role(r: Row, lang: Lang) -> str:
    name = f"{r['region']} · {r['cluster']}{lang.colon}{r['role']}"
    return f'<a class="zr-role zr-r{_rank(r["rank"])}" href="{_e(r["href"])}" aria-label="{_e(name)}" title="{_e(name)}"></a>'


_FORMS: dict[str, Callable[[list[Row], Lang], str]] = {"bars": _bars, "targets": _targets, "timeline": _timeline, "matrix": _matrix}


# ---------------------------------------------------------------------------------------------
# the sentences


def _bars_sentence(items: list[Row], lang: Lang) -> str:
    return lang.sep(_bar_name(r, lang) for r in sorted(items, key=lambda r: -float(r["value"])))


def _targets_sentence(items: list[Row], lang: Lang) -> str:
    return lang.sep(str(r["label"]) for r in items)


def _timeline_sentence(items: list[Row], lang: Lang) -> str:
    years = sorted(r["date"][:4] for r in items)
    regions = len({r["region"] for r in items})
    return lang.t("chart_alt_timeline", n=len(items), regions=regions, first=years[0], last=years[-1]) if items else ""


def _matrix_sentence(items: list[Row], lang: Lang) -> str:
    return lang.t("chart_alt_matrix", regions=len({r["region"] for r in items}), clusters=len({r["cluster"] for r in items}))


_SENTENCES: dict[str, Callable[[list[Row], Lang], str]] = {
    "bars": _bars_sentence,
    "targets": _targets_sentence,
    "timeline": _timeline_sentence,
    "matrix": _matrix_sentence,
}
