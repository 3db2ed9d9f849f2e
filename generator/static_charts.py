"""Every chart's static form, drawn at build time from the same rows as the interactive chart: plain
HTML (lists with CSS bars), and a sentence that states its values.

Readers without JavaScript, printers, feed readers and search engines get the static form; a
screen reader gets the sentence as the interactive chart's name. charts.js draws the interactive
chart beside it when the chart comes near the viewport and hides this form on screen (print shows
it again: it flows with the page's width). HTML rather than SVG from vl-convert: 27–73 ms per chart
would make a 300-region build minutes longer, and HTML text wraps, prints and reads aloud.

Every text is escaped here: the rows are data.
"""

from __future__ import annotations

import html
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
    """The static form of `chart`, one line of HTML."""
    return _FORMS[_family(chart)](rows(chart), lang)


def describe(chart: Chart, lang: Lang) -> str:
    """The chart's values in a sentence: its accessible name (plain text)."""
    return f"{chart['title']}{lang.colon}{_SENTENCES[_family(chart)](rows(chart), lang)}"


def _family(chart: Chart) -> str:
    return "matrix" if chart["kind"].startswith("matrix") else str(chart["kind"])


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _t(value: Any, lang: Lang) -> str:
    """Text of the edition's language, escaped; in another language than Chinese, the Chinese
    terms it quotes (信创) marked as Chinese."""
    return _e(value) if lang.primary == "zh" else tx.mark_chinese(_e(value))


def _link(href: str, text: str) -> str:
    return f'<a href="{_e(href)}">{_e(text)}</a>'


def _bar(share: float) -> str:
    """A bar `share` (0–1) of the row's width; the style is computed here, never from text."""
    return f'<span class="zr-sbar"><span style="width:{max(0.0, min(share, 1.0)) * 100:.1f}%"></span></span>'


# ---------------------------------------------------------------------------------------------
# the forms


def _bars(items: list[Row], lang: Lang) -> str:
    top = max((abs(float(r["value"])) for r in items), default=0.0) or 1.0
    lines = [
        f'<li><span class="zr-sl">{_t(r["region"], lang)}</span>{_bar(abs(float(r["value"])) / top)}'
        f'<span class="zr-sv">{_link(r["href"], r["display"])} · {_e(r["period"])}</span></li>'
        for r in sorted(items, key=lambda r: -float(r["value"]))
    ]
    return f'<ol class="zr-static zr-sbars">{"".join(lines)}</ol>'


def _targets(items: list[Row], lang: Lang) -> str:
    lines = []
    for r in items:
        progress = r["progress"]
        shown = "—" if progress is None else f"{tx.plain(progress)}%"
        lines.append(
            f'<li><span class="zr-sl">{_t(r["label"], lang)}</span>{_bar((progress or 0) / 100)}'
            f'<span class="zr-sv">{_link(r["href"], shown)}</span></li>'
        )
    return f'<ol class="zr-static zr-sbars zr-stargets">{"".join(lines)}</ol>'


def _timeline(items: list[Row], lang: Lang) -> str:
    lines = [
        f"<li>{_link(r['href'], r['when'])} · {_t(r['region'], lang)} · {_t(r['title'], lang)}"
        + (f' <span class="zr-st">{_t(lang.paren(r["about"]).strip(), lang)}</span>' if r["about"] else "")
        + f' <span class="zr-st">{_e(lang.paren(r["type"]).strip())}</span></li>'
        for r in sorted(items, key=lambda r: (r["date"], r["region"]))
    ]
    return f'<ol class="zr-static zr-sevents">{"".join(lines)}</ol>'


def _matrix(items: list[Row], lang: Lang) -> str:
    """One line per cluster: its regions by role ('Integrated circuits: leading: A, B; emerging: C')."""
    clusters: dict[str, list[Row]] = {}
    for r in items:
        clusters.setdefault(r["cluster"], []).append(r)
    lines = []
    for name, members in clusters.items():
        by_role: dict[str, list[str]] = {}
        for r in sorted(members, key=lambda r: r["rank"]):
            by_role.setdefault(r["role"], []).append(r["region"])
        roles = lang.sep(f"{_e(role)}{lang.colon}{_t(lang.join(regions), lang)}" for role, regions in by_role.items())
        lines.append(f"<li>{_link(members[0]['href'], name)}{lang.colon}{roles}</li>")
    return f'<ul class="zr-static zr-smatrix">{"".join(lines)}</ul>'


_FORMS: dict[str, Callable[[list[Row], Lang], str]] = {"bars": _bars, "targets": _targets, "timeline": _timeline, "matrix": _matrix}


# ---------------------------------------------------------------------------------------------
# the sentences


def _bars_sentence(items: list[Row], lang: Lang) -> str:
    return lang.sep(f"{r['region']} {r['display']}{lang.paren(r['period'])}" for r in sorted(items, key=lambda r: -float(r["value"])))


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
