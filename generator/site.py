"""All pages and downloads of the site, from a validated dataset: {path: content}.

This is the whole output of the generator, independent of MkDocs: `plugin.py` hands these files
to MkDocs, and any other engine could take the same dict. Paths are relative to docs/.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from generator import charts
from generator import context as c
from generator import display as d
from generator import models as m
from generator.load import Dataset
from generator.parallel import split_map, worth_forking
from generator.render import render

CHART_KINDS = "assets/javascripts/chart-kinds.js"
Job = Callable[[], dict[str, str]]  # renders one page (or the downloads) from the shared Context
PARALLEL_FROM = 200  # pages: a smaller site renders in a fraction of a second


def build_pages(dataset: Dataset, *, lang: str = "zh", issues_url: str = "", site_url: str = "", parallel: bool = True) -> dict[str, str]:
    """Every generated page (Markdown), download (CSV/JSON/text), and the chart kinds' structure
    the pages' charts are drawn with (`charts.kinds_script`; listed in mkdocs.yml's extra_javascript).
    With `parallel`, a second process renders half of a large site (`parallel.py`); the result is the same."""
    ctx = c.Context(dataset, d.Lang(lang), issues_url)
    t = ctx.lang.t

    def page(path: str, template: str, values: Callable[[], dict[str, Any]], title: str = "", hide: list[str] | None = None) -> Job:
        # a page without a fixed title takes its context's (a region's, a cluster's … name)
        def job() -> dict[str, str]:
            context = values()
            return {path: render(template, context, lang, title=title or context["title"], hide=hide)}

        return job

    jobs: list[Job] = [
        page(c.HOME, "home.md.j2", ctx.home_page, t("site_name"), hide=["navigation"]),
        page(c.REGIONS, "regions.md.j2", lambda: {"regions": ctx.region_index()}, t("regions")),
        page(c.COMPARE, "compare_index.md.j2", lambda: {"rows": ctx.compare_index()}, t("compare")),
        page(c.CLUSTERS, "clusters.md.j2", ctx.cluster_index, t("clusters")),
        page(c.TIMELINE, "timeline.md.j2", ctx.timeline_page, t("timeline")),
        page(c.SOURCES, "sources.md.j2", lambda: {"articles": ctx.source_index()}, t("sources")),
        lambda: _downloads(dataset, ctx, lang, site_url),
    ]
    jobs += [page(c.region_path(r.id), "region.md.j2", functools.partial(ctx.region_page, r)) for r in dataset.regions.values()]
    for group in dataset.groups.values():
        if any(mt.group == group.id and ctx.facts_of(mt.id) for mt in dataset.metrics.values()):
            jobs.append(page(c.group_path(group.id), "compare.md.j2", functools.partial(ctx.compare_page, group)))
    jobs += [page(c.cluster_path(cl.id), "cluster.md.j2", functools.partial(ctx.cluster_page, cl)) for cl in dataset.clusters.values()]
    jobs += [page(c.source_path(a.id), "source.md.j2", functools.partial(ctx.source_page, a)) for a in dataset.articles.values()]
    pages: dict[str, str] = {}
    for output in split_map(_call, jobs, fork=parallel and worth_forking(len(jobs), PARALLEL_FROM)):
        pages.update(output)
    pages[CHART_KINDS] = charts.kinds_script()
    return pages


def _downloads(dataset: Dataset, ctx: c.Context, lang: str, site_url: str) -> dict[str, str]:
    downloads = build_downloads(dataset, ctx.lang, site_url)
    files = [{"name": name.removeprefix("downloads/"), "label": ctx.lang.both(key)} for name, key in DOWNLOADS]
    page = render("downloads.md.j2", {"files": files}, lang, title=ctx.lang.t("downloads"))
    return {c.DOWNLOADS: page, **downloads}


def _call(job: Job) -> dict[str, str]:
    return job()


def nav(dataset: Dataset, lang: str = "zh") -> list[Any]:
    """MkDocs nav: grouped sections, so a site of hundreds of regions stays light per page.

    Built from plain text, then every title is HTML-escaped in one pass (`_escaped`): the theme
    writes navigation titles into every page unescaped."""
    t = d.Lang(lang).t
    pick = d.Lang(lang).pick
    groups = [g for g in dataset.groups.values() if any(mt.group == g.id for mt in dataset.metrics.values())]
    return _escaped([
        {t("home"): c.HOME},
        {t("regions"): [c.REGIONS, *_grouped(dataset, lang)]},
        {t("compare"): [c.COMPARE, *[{pick(g.label): c.group_path(g.id)} for g in groups if _has_facts(dataset, g.id)]]},
        {t("clusters"): [c.CLUSTERS, *[{pick(cl.name): c.cluster_path(cl.id)} for cl in dataset.clusters.values()]]},
        {t("timeline"): c.TIMELINE},
        {t("sources"): [c.SOURCES, *_sources(dataset, lang)]},
        {t("downloads"): c.DOWNLOADS},
        {t("methodology"): c.METHODOLOGY},
    ])


def _escaped(entries: list[Any]) -> list[Any]:
    """The nav with every title (a dict key; values are paths or lists) HTML-escaped."""
    out: list[Any] = []
    for entry in entries:
        if isinstance(entry, dict):
            out.append({d.attr(title): _escaped(value) if isinstance(value, list) else value for title, value in entry.items()})
        else:
            out.append(entry)
    return out


def _has_facts(dataset: Dataset, group_id: str) -> bool:
    metrics = {mt.id for mt in dataset.metrics.values() if mt.group == group_id}
    return any(f.metric in metrics and f.subject is None for r in dataset.regions.values() for f in r.facts)


Pick = Callable[[m.Bilingual], str]
Entry = dict[str, str]  # a nav entry: {title: page path}
Placed = tuple[m.Region | None, Entry]  # an entry and the region that puts it on the map
FLAT_NAV = 40  # entries listed as one flat list; more are grouped by area and province
CITY_NAV = 20  # a province with more entries than this lists them by city


def _grouped(dataset: Dataset, lang: str) -> list[Any]:
    """Regions in the navigation, grouped as `_by_place` says."""
    pick = d.Lang(lang).pick
    return _by_place(dataset, pick, [(r, {pick(r.profile.short_name): c.region_path(r.id)}) for r in dataset.regions.values()])


def _sources(dataset: Dataset, lang: str) -> list[Any]:
    """Articles in the navigation, each placed where the region citing it most is."""
    pick = d.Lang(lang).pick
    owner: dict[str, dict[str, int]] = {}
    for region in dataset.regions.values():
        for record in [*region.facts, *region.targets, *region.events, *region.clusters]:
            counts = owner.setdefault(record.source, {})
            counts[region.id] = counts.get(region.id, 0) + 1
    placed: list[Placed] = []
    for article in dataset.articles.values():
        counts = owner.get(article.id, {})
        cited_most = dataset.regions.get(max(counts, key=lambda r: counts[r])) if counts else None
        placed.append((cited_most, {d.short(pick(article.title), 30): c.source_path(article.id)}))
    return _by_place(dataset, pick, placed)


def _by_place(dataset: Dataset, pick: Pick, placed: list[Placed]) -> list[Any]:
    """One list while the entries are few, then area → province (→ city) of their regions.

    A page's sidebar holds the sections above it and its own list, so every list must stay short
    however many regions and articles there are: areas are five, an area has at most twelve
    provinces (data/provinces.yml, in its order), and a province with many entries splits them
    by city (`profile.parent`). Entries no region places (an article nobody cites) come last."""
    if len(placed) <= FLAT_NAV:
        return [entry for _, entry in placed]
    order = {zh: index for index, zh in enumerate(dataset.provinces)}  # registry (division-code) order

    def position(item: Placed) -> int:
        return order.get(item[0].profile.province.zh, len(order)) if item[0] is not None else len(order)

    areas: dict[str, dict[str, list[Placed]]] = {}
    loose: list[Entry] = []
    for region, entry in sorted(placed, key=position):  # stable: data order within a province
        if region is None:
            loose.append(entry)
            continue
        area, province = dataset.provinces.get(region.profile.province.zh, (None, region.profile.province))
        areas.setdefault(pick(area.name) if area is not None else "", {}).setdefault(pick(province), []).append((region, entry))
    out: list[Any] = []
    for name, provinces in areas.items():
        items = [{province: _by_city(members, pick)} for province, members in provinces.items()]
        out += [{name: items}] if name and len(areas) > 1 else items  # one area: no level for it
    return out + loose


def _by_city(placed: list[Placed], pick: Pick) -> list[Any]:
    """A province's entries; many of them are grouped by city, entries without one listed after."""
    if len(placed) <= CITY_NAV:
        return [entry for _, entry in placed]
    cities: dict[str, list[Entry]] = {}
    for region, entry in placed:
        parent = region.profile.parent if region is not None else None
        cities.setdefault(pick(parent) if parent else "", []).append(entry)
    loose = cities.pop("", [])
    if len(cities) <= 1:
        return [entry for _, entry in placed]
    return [*({city: entries} for city, entries in sorted(cities.items())), *loose]


_PRE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
_INDENT = re.compile(r"\n[ \t\r\n]+")  # ASCII whitespace only: a line may begin with U+3000 on purpose


def squeeze_html(html: str) -> str:
    """Drop the indentation and blank lines the theme's templates leave (a third of a page's
    bytes), outside <pre> and <textarea>, where whitespace is content."""
    if "<pre" not in html and "<textarea" not in html:
        return _INDENT.sub("\n", html)  # most pages: one pass, no splitting
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _INDENT.sub("\n", part) for index, part in enumerate(parts))


def search_words(dataset: Dataset) -> list[str]:
    """Names jieba must keep whole when segmenting Chinese for the search index."""
    words: set[str] = set()
    for region in dataset.regions.values():
        p = region.profile
        words.update([p.name.zh, p.short_name.zh, *p.aliases, *(s.name.zh for s in p.scopes)])
    words.update(cl.name.zh for cl in dataset.clusters.values())
    words.update(mt.label.zh for mt in dataset.metrics.values() if len(mt.label.zh) <= 12)
    # one word per line of jieba's dictionary: a word with any whitespace in it would split the line
    return sorted(w for w in words if len(w) > 1 and not any(ch.isspace() for ch in w))


# ---------------------------------------------------------------------------------------------
# Downloads

DOWNLOADS = [
    ("downloads/facts.csv", "dl_facts_csv"),
    ("downloads/facts.json", "dl_facts_json"),
    ("downloads/events.csv", "dl_events_csv"),
    ("downloads/events.json", "dl_events_json"),
    ("downloads/targets.csv", "dl_targets_csv"),
    ("downloads/targets.json", "dl_targets_json"),
    ("downloads/jieba-userdict.txt", "dl_userdict"),
]


def build_downloads(dataset: Dataset, lang: d.Lang, site_url: str) -> dict[str, str]:
    cited = _article_citations(dataset, lang)
    facts = list(_fact_records(dataset, lang, site_url, "facts", cited))
    targets = list(_fact_records(dataset, lang, site_url, "targets", cited))
    events = list(_event_records(dataset, lang, site_url, cited))
    return {
        "downloads/facts.csv": _csv(facts),
        "downloads/facts.json": _json(facts),
        "downloads/events.csv": _csv(events),
        "downloads/events.json": _json(events),
        "downloads/targets.csv": _csv(targets),
        "downloads/targets.json": _json(targets),
        "downloads/jieba-userdict.txt": "".join(f"{w} 20000 nz\n" for w in search_words(dataset)),
    }


def _article_citations(dataset: Dataset, lang: d.Lang) -> dict[str, str]:
    """'作者：《标题》，2024年2月26日' per article id: made once, not once per record."""
    return {a.id: f"{'、'.join(a.authors)}：《{a.title.zh}》，{d.date(a.published, lang)}" for a in dataset.articles.values()}


def _base(dataset: Dataset, region: m.Region, record: m.Quoted, site_url: str, anchor: str) -> dict[str, Any]:
    article = dataset.articles[record.source]
    return {
        "region": region.id,
        "region_zh": region.profile.short_name.zh,
        "region_en": region.profile.short_name.en,
        "source": article.id,
        "source_title_zh": article.title.zh,
        "source_title_en": article.title.en,
        "source_file": article.file,
        "quote": record.quote,
        "url": f"{site_url.rstrip('/')}/regions/{region.id}/#{anchor}",
    }


def _fact_records(dataset: Dataset, lang: d.Lang, site_url: str, kind: str, cited: dict[str, str]) -> Iterator[dict[str, Any]]:
    for region in dataset.regions.values():
        for q in getattr(region, kind):
            metric = dataset.metrics[q.metric]
            unit = dataset.units[q.unit]
            row = _base(dataset, region, q, site_url, c.fact_anchor(q))
            when = q.period if isinstance(q, m.Fact) else q.deadline
            row.update(
                id=f"{region.id}/{q.id}",
                metric=metric.id,
                metric_zh=metric.label.zh,
                metric_en=metric.label.en,
                value=q.value,
                scale=q.scale,
                normalized=q.normalized,
                unit=unit.id,
                unit_zh=unit.label.zh,
                qualifier=q.qualifier or "",
                qualifier_meaning=m.QUALIFIERS.get(q.qualifier or "", "exact"),
                period=when,
                inferred=q.inferred,
                scope=q.scope or "",
                subject_zh=q.subject.zh if q.subject else "",
                subject_en=q.subject.en if q.subject else "",
                cluster=q.cluster or "",
            )
            if isinstance(q, m.Target):
                row.update(deadline=q.deadline, status=q.status, title_zh=q.title.zh, title_en=q.title.en)
            what = f"{region.profile.short_name.zh}{metric.label.zh}{d.quantity(q, unit.label.zh)}（{d.period(when, lang)}）"
            row["citation"] = f"{what}。{cited[q.source]}。{row['url']}"
            yield row


def _event_records(dataset: Dataset, lang: d.Lang, site_url: str, cited: dict[str, str]) -> Iterator[dict[str, Any]]:
    for region in dataset.regions.values():
        for event in region.events:
            row = _base(dataset, region, event, site_url, c.fact_anchor(event))
            row.update(
                id=f"{region.id}/{event.id}",
                date=event.date,
                precision=event.precision,
                inferred=event.inferred,
                type=event.type,
                title_zh=event.title.zh,
                title_en=event.title.en,
                cluster=event.cluster or "",
            )
            row["citation"] = f"{d.date(event.date, lang)} {event.title.zh}。{cited[event.source]}。{row['url']}"
            yield row


def _csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    fields = list(rows[0])
    # CRLF as RFC 4180 says; with "\n" a cell holding a lone "\r" was written unquoted and split the row.
    # Not DictWriter: its per-row key check doubled the time.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([_cell(row.get(field, "")) for field in fields] for row in rows)
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 CSV with Chinese correctly only with it


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will show as text, never run (OWASP's advice for CSV
    injection: text starting with = + - @ tab or CR gets a leading single quote). Numbers stay
    numbers, and so does text that is a plain number ("-5"); JSON downloads are not changed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _json(rows: list[dict[str, Any]]) -> str:
    """One record per line: readable in a diff, and C-encoded (indent= would use the slow encoder)."""
    return "[\n" + ",\n".join(map(_JSON.encode, rows)) + "\n]\n"


_JSON = json.JSONEncoder(ensure_ascii=False)
