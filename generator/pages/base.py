"""What every page kind shares: the build's dataset, indexes and language, and the small pieces
of a page — a region's name, a label in two languages, a value as printed, a number linked to its
quote, the small print about scope and caveats.

Everything returned is display-ready Markdown, escaped (`text.md`): templates only lay it out.
Every number carries its provenance: a link to its quote on the source page, with the quote as the
link's tooltip.
"""

from __future__ import annotations

import datetime as dt
import functools
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import htmlblocks, numbers_en
from generator import models as m
from generator import text as tx
from generator.history import History
from generator.indexes import Index
from generator.load import Dataset
from generator.paths import link, printing_anchor, quote_anchor, record_anchor, region_path, source_path
from generator.render import render
from generator.search import Entry

Files = dict[str, str]  # path (relative to docs/) → content


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. regions/yizhuang.md
    template: str  # in generator/templates/
    title: str  # plain text; render.py escapes it for the front matter
    context: Callable[[], dict[str, Any]]  # called when the page is rendered (maybe in a forked copy)
    index: bool = False  # a section's listing page: listings are built before the pages they list
    hide: list[str] = field(default_factory=list)  # parts of the theme the page hides
    # other files made with the page (downloads): a dict, or (path, content) one at a time, a large
    # file's content as its text in pieces (`Chunks`)
    files: Callable[[], Files | Iterable[tuple[str, str | Chunks]]] | None = None
    # names the page is first in the search results for: material's search weighs a page's tags
    # a thousand times its title (the theme shows no tags without its tags plugin)
    names: tuple[str, ...] = ()
    # a data page's entries in the search index (search.py): material's search does not read the
    # page itself. None: a page of prose, which it reads
    search: Callable[[], list[Entry]] | None = None

    def markdown(self, lang: tx.Lang) -> str:
        """The page as its template writes it: tables in Markdown."""
        searched = self.search is None
        return render(self.template, self.context(), lang.primary, title=self.title, hide=self.hide, names=self.names, searched=searched)

    def render(self, lang: tx.Lang) -> Files:
        return {self.path: self.finished(lang), **{path: text(content) for path, content in self.made()}}

    def finished(self, lang: tx.Lang) -> str:
        """The page, its tables and charts as finished HTML."""
        return htmlblocks.finish(self.markdown(lang), self.path)

    def made(self) -> Iterator[tuple[str, str | Chunks]]:
        """The other files, (path, content), one at a time when the page makes them so: each must
        be written (its pieces read) before the next is asked for."""
        found = self.files() if self.files else {}
        yield from found.items() if isinstance(found, dict) else found


Chunks = Iterator[str]  # a large file's text, piece by piece: a writer writes each piece as it comes


def text(content: str | Chunks) -> str:
    """A file's whole text."""
    return content if isinstance(content, str) else "".join(content)


@functools.lru_cache(maxsize=65536)
def _tooltip(quote: str, needle: str, translation: str = "") -> str:
    """The quote around the number, for a link's title (cached: a fact is cited on several pages);
    in an edition of another language, then its translation (`translation`: already labelled)."""
    return tx.link_title(f"“{tx.excerpt(quote, needle)}”" + (f" {translation}" if translation else ""))


def rank_among(ds: Dataset, region: m.Region | None, q: m.Quantity, lang: tx.Lang) -> str | None:
    """Where a ranking is: the region's city for a ranking of the city's districts ("Beijing":
    1st in Beijing), "" for a ranking the data does not place, None when `q` is not a rank."""
    metric = ds.metrics.get(q.metric)
    if metric is None or metric.measures.kind != "rank":
        return None
    if metric.measures.of == "city_ranking" and region is not None and region.profile.parent is not None:
        return lang.pick(region.profile.parent)
    return ""


@dataclass
class Ctx:
    """One build: the data, its indexes, the edition's language and the site's options."""

    ds: Dataset
    index: Index
    lang: tx.Lang
    issues_url: str = ""  # e.g. https://github.com/OWNER/REPO/issues/new; "" = no report links
    site_url: str = ""
    history: History = field(default_factory=lambda: History(dt.date.today().isoformat()))  # when the data changed
    # memos: one fact is shown on up to four pages, one label thousands of times
    _labels: dict[tuple[str, str], str] = field(default_factory=dict)
    _values: dict[tuple[int, str | None], str] = field(default_factory=dict)
    _periods: dict[tuple[str, bool], str] = field(default_factory=dict)
    _owners: dict[int, m.Region] = field(default_factory=dict)  # a fact's or target's region, by id()

    def t(self, key: str, **values: Any) -> str:
        return self.lang.t(key, **values)

    def name(self, region: m.Region) -> str:
        return self.label(region.profile.short_name)

    def region_link(self, page: str, region: m.Region, anchor: str = "") -> str:
        return f"[{self.name(region)}]({link(page, region_path(region.id), anchor)})"

    def label(self, text: m.Bilingual | None) -> str:
        """The edition's language of a bilingual text, escaped (Markdown); in an edition of another
        language than Chinese, with the Chinese terms it quotes marked as Chinese."""
        if text is None:
            return ""
        key = (text.zh, text.en)
        if key not in self._labels:
            escaped = tx.md(self.lang.pick(text))
            self._labels[key] = escaped if self.lang.primary == "zh" else tx.mark_chinese(escaped)
        return self._labels[key]

    def named(self, text: m.Bilingual) -> str:
        """A name as the edition says it and, in another language than Chinese, the Chinese it has
        in the sources once in parentheses: 'Beijing E-Town (亦庄)' — the reader needs it to find
        the name in the quotes."""
        if self.lang.primary == "zh":
            return self.label(text)
        return f'{self.label(text)} <span lang="zh">({tx.md(text.zh)})</span>'

    def chinese(self, markdown: str) -> str:
        """Chinese text (a quote: the evidence, never translated) marked as such for the reader's
        browser and screen reader, in an edition of another language."""
        return markdown if self.lang.primary == "zh" else f'<span lang="zh">{markdown}</span>'

    def unit_label(self, unit_id: str) -> str:
        """A unit's label as plain text (a chart's axis, a script's data): a page gets it escaped,
        inside `value` or through `tx.md`."""
        unit = self.ds.units.get(unit_id)
        return self.lang.pick(unit.label) if unit else unit_id

    def value(self, q: m.Quantity, scale: str | None = None) -> str:
        """The value as printed, as escaped Markdown: its unit's label and its written form (with the
        slice of the quote around it) are a contributor's text, like any other."""
        key = (id(q), scale)  # records live as long as the dataset this context was made for
        if key not in self._values:
            if not self._owners:
                self._owners.update((id(r), region) for region in self.ds.regions.values() for r in (*region.facts, *region.targets))
            among = rank_among(self.ds, self._owners.get(id(q)), q, self.lang)
            self._values[key] = tx.md(tx.quantity(q, self.unit_label(q.unit), scale, self.lang, among))
        return self._values[key]

    def plain_value(self, q: m.Quantity, scale: str | None = None) -> str:
        """The value as plain text, for charts and scripts, which take text as data."""
        return tx.unmarked(self.value(q, scale))

    def cited(self, page: str, region: m.Region, q: m.Quantity | m.Event | m.RegionCluster, text: str, titled: bool = True) -> str:
        """`text` as a link to its quote on the source page; the quote is the hover tooltip (in
        English with its translation). Not `titled`: a row of an English page that shows its quotes
        and their translations itself (`evidence`) — a tooltip and tables.js's tap button for it
        would say the same again.

        The tooltip is the quote alone: the article is what the click opens, and its title in every
        tooltip (~75 bytes of CJK each) made up a tenth of a region page."""
        target = link(page, source_path(q.source), quote_anchor(region.id, record_anchor(q)))
        if not titled and self.lang.primary != "zh":
            return f"[{text}]({target})"
        return f'[{text}]({target} "{self.tooltip(q, q)}")'

    def tooltip(self, printing: m.Evidence, q: m.Quantity | m.Event | m.RegionCluster) -> str:
        """A cited link's title: the quote around `q`'s number and, in an edition of another
        language than Chinese, 'Translation: …' (a title is plain text: escaped by `link_title`)."""
        shown = printing.quote_en and self.lang.primary != "zh"
        label = f"{self.t('translation')}{self.lang.colon}{printing.quote_en}" if shown else ""
        return _tooltip(printing.quote, needle(q), label)

    def translation(self, printing: m.Evidence) -> str:
        """Under a quote shown in Chinese, in an edition of another language: its translation in
        small print, labelled as one ('Translation: …'), escaped (it is data); "" in Chinese or
        when the record has none (the validator warns)."""
        if self.lang.primary == "zh" or not printing.quote_en:
            return ""
        label = f'<span class="zr-translation-label">{tx.md(self.t("translation"))}{self.lang.colon}</span>'
        return f'<br><small class="zr-translation">{label}{tx.mark_chinese(tx.md(printing.quote_en))}</small>'

    def evidence(self, q: m.Quantity | m.Event | m.RegionCluster) -> str:
        """A record's quotes, each with its translation, in a disclosure a reader opens by tap or
        keyboard (not only on hover): on the rows of the record's own region page, in an edition of
        another language than Chinese, whose readers cannot read the tooltip's Chinese alone."""
        if self.lang.primary == "zh":
            return ""
        printings = q.printings() if isinstance(q, m.Reported) else [q]
        shown = "<br>".join(f'<span lang="zh">{tx.md(p.quote)}</span>{self.translation(p)}' for p in printings)
        return f'<details class="zr-evidence"><summary>{tx.md(self.t("quote"))}</summary>{shown}</details>'

    def reports(self, page: str, region: m.Region, q: m.Quantity | m.Event) -> str:
        """'2篇文章报道：1 2' — when more than one article (or one twice) prints the figure, each
        printing linked to its quote (small print beside the value, which links to the first)."""
        if not q.reports:
            return ""
        articles = len({p.source for p in q.printings()})
        said = self.t("reported_by", n=articles) if articles > 1 else self.t("printed_twice", n=len(q.reports) + 1)
        links = " ".join(
            f'[{index + 1}]({link(page, source_path(p.source), printing_anchor(region.id, q, index))} "{self.tooltip(p, q)}")'
            for index, p in enumerate(q.printings())
        )
        return f' <small class="reports">{tx.md(said)}{self.lang.colon}{links}</small>'

    def metric_unit(self, metric: m.Metric) -> str:
        """A metric's unit beside its definition: in Chinese with the scale its figures are shown
        in (亿元); in English the unit alone — each English figure carries its own scale word."""
        unit = self.unit_label(metric.unit)
        return metric.display_scale + unit if self.lang.primary == "zh" else unit

    def axis(self, metric: m.Metric, facts: list[m.Fact]) -> tuple[float, str]:
        """What a chart's values are divided by, and its axis title: 亿元 in Chinese (the metric's
        display scale), 'billion yuan' in English (the English scale word that suits the values)."""
        unit = self.unit_label(metric.unit)
        if self.lang.primary == "zh":
            return float(m.SCALES[metric.display_scale]), metric.display_scale + unit
        divisor, word = numbers_en.scale_for([numbers_en.normalized(f.value, f.scale) for f in facts])
        return float(divisor), f"{word} {unit}".strip() if word else unit

    def report_base(self, region: m.Region) -> str:
        """The page's 'report a problem' link: the issue form (.github/ISSUE_TEMPLATE/wrong-fact.yml,
        which also sets the title) with the region filled in.

        report.js copies it onto every fact and target row that has a `data-line` (see `line`),
        completed with the fact's id, file:line and the value as shown. A region page has one row
        per fact, and a full link on each row was ~210 bytes: 10 KB of a 40-fact page. Without
        JavaScript this one link still opens the form."""
        if not self.issues_url:
            return ""
        href = f"{self.issues_url}?template=wrong-fact.yml&fact-id={urllib.parse.quote(region.id)}/"
        text = self.t("report_problem")
        return f'<a class="report-base" href="{tx.attr(href)}" title="{tx.attr(text)}">⚑ {tx.md(text)}</a>'

    def line(self, q: m.Quantity, with_region: bool) -> int | None:
        """The record's line in its file, for report.js; only on the record's own (region) page."""
        return None if with_region or not self.issues_url else self.ds.where(q)[1]

    def period(self, fact: m.Fact) -> str:
        key = (fact.period, fact.inferred)
        if key not in self._periods:
            self._periods[key] = tx.period(fact.period, self.lang) + self.inferred(fact.inferred)
        return self._periods[key]

    def event_date(self, event: m.Event) -> str:
        return tx.date(event.date, self.lang) + self.inferred(event.inferred)

    def inferred(self, flag: bool) -> str:
        return self.lang.paren(self.t("inferred")) if flag else ""

    def where_note(self, q: m.Quantity | m.Event, region: m.Region) -> str:
        """Scope and subject: what exactly the number (or event) is about, when not the whole region;
        and for a metric that measures one industry at a time, which industry."""
        parts = []
        metric = self.ds.metrics.get(q.metric) if isinstance(q, m.Quantity) else None
        cluster = self.ds.clusters.get(q.cluster or "") if metric is not None and metric.per_cluster else None
        if cluster is not None:
            parts.append(self.label(cluster.name))
        scopes = {s.id: s for s in region.profile.scopes}
        if q.scope and q.scope in scopes:
            parts.append(self.label(scopes[q.scope].name))
        if q.subject:
            parts.append(self.label(q.subject))
        return self.lang.sep(parts)

    def about(self, q: m.Quantity, region: m.Region, rank: bool = False) -> str:
        """What a reader must know beside the number: scope, subject, caveats, and (`rank`) where
        it stands among the regions that report the same measure (small print)."""
        parts = [p for p in (self.where_note(q, region), self.label(q.note), self.rank(q, region) if rank else "") if p]
        return f"<small>{'<br>'.join(parts)}</small>" if parts else ""

    def rank(self, q: m.Quantity, region: m.Region) -> str:
        """'在5个地区中排第2' for a fact that is its region's figure in a comparison of two or more."""
        comparison = self.index.entry.get(id(q))
        place = comparison.rank(region) if comparison else None
        return tx.md(self.t("rank", i=place[0], n=place[1])) if place else ""

    def article_link(self, page: str, article: m.Article) -> str:
        return f"[{self.label(article.title)}]({link(page, source_path(article.id))})"

    def table(self, header: list[str], rows: list[list[str]], title: str) -> str:
        """A chart's data as a collapsible Markdown table, named after the chart (`title`): for
        screen readers, copying, and finding which table belongs to which chart."""
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        body = "\n".join("    " + line for line in lines)
        return f"{fold(self.t('chart_data', title=title))}\n\n{body}\n"


def fold(summary: str, folded: bool = True, css_class: str = "") -> str:
    """The first line of a collapsible block (pymdownx.details) titled `summary` (plain text, shown
    as typed): closed when `folded`, else open; `css_class` is added to its "info" class. Its
    content follows after a blank line, indented four spaces."""
    title = tx.md(summary).replace('"', "&quot;")  # the title sits inside "…"
    classes = f"info {css_class}".strip()
    return f'???{"" if folded else "+"} {classes} "{title}"'


def needle(q: m.Quantity | m.Event | m.RegionCluster) -> str:
    """The text a tooltip excerpt is centred on: the number as printed, else nothing (the start)."""
    if isinstance(q, m.Quantity):
        return q.written or tx.number_forms(q.value)[0]
    return ""
