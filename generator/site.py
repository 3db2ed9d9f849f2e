"""The whole output of the generator, independent of MkDocs: every page and download as
{path: content}, and the navigation. `plugin.py` hands these to MkDocs; any other engine could
take the same (paths are relative to docs/).

The pages come from the sections in `pages.SECTIONS`: listing pages first, then the pages they
list, in navigation order. With `parallel`, a second process renders half of a large site
(`parallel.py`); the result is the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from generator import charts, citations, htmlblocks, navigation, search
from generator import text as tx
from generator.history import History
from generator.indexes import Index
from generator.load import Dataset
from generator.pages import SECTIONS
from generator.pages.base import Chunks, Ctx, Files, Page, text
from generator.parallel import split_map, worth_forking
from generator.paths import CHART_KINDS, page_url

PARALLEL_FROM = 200  # pages: a smaller site renders in a fraction of a second


def context(dataset: Dataset, *, lang: str = "zh", issues_url: str = "", site_url: str = "", history: History | None = None) -> Ctx:
    ctx = Ctx(dataset, Index(dataset), tx.Lang(lang), issues_url, site_url)
    return dataclasses.replace(ctx, history=history) if history else ctx


def build_pages(
    dataset: Dataset, *, lang: str = "zh", issues_url: str = "", site_url: str = "", history: History | None = None, parallel: bool = True
) -> Files:
    """Every generated page (Markdown), download (CSV/JSON/text), and the catalog words
    the scripts show (`charts.words_script`; listed in mkdocs.yml's extra_javascript).
    `history` dates the data (history.py); without it, everything is dated today."""
    made = iter_pages(dataset, lang=lang, issues_url=issues_url, site_url=site_url, history=history, parallel=parallel)
    return {path: text(content) for path, content in made}


BATCH = 400  # pages rendered (and, on a large site, forked for) at a time: what `iter_pages` holds at once


def iter_pages(
    dataset: Dataset, *, lang: str = "zh", issues_url: str = "", site_url: str = "", history: History | None = None, parallel: bool = True
) -> Iterator[tuple[str, str | Chunks]]:
    """`build_pages` as (path, content), in its order, made `BATCH` pages at a time: a caller that
    writes each out and drops it (the plugin) never holds the whole site. A page that makes files
    (the downloads, from every record) is made alone in this process, never copied through the
    copy's pipe, its files one at a time and a large one's content in pieces (`base.Chunks`): each
    must be written before the next is asked for."""
    ctx = context(dataset, lang=lang, issues_url=issues_url, site_url=site_url, history=history)
    found = [page for section in SECTIONS for page in section.pages(ctx)]
    ordered = [p for p in found if p.index] + [p for p in found if not p.index]
    fork = parallel and worth_forking(len(ordered), PARALLEL_FROM)

    def render(page: Page) -> Files:
        files = page.render(ctx.lang)
        files[page.path] += cite_block(ctx, page)
        return files

    batch: list[Page] = []
    for page in [*ordered, None]:
        if batch and (page is None or page.files is not None or len(batch) == BATCH):
            for output in split_map(render, batch, fork=fork and len(batch) >= PARALLEL_FROM // 2):
                yield from output.items()
            batch = []
        if page is not None and page.files is not None:
            yield page.path, page.finished(ctx.lang) + cite_block(ctx, page)
            yield from page.made()
        elif page is not None:
            batch.append(page)
    yield CHART_KINDS, charts.words_script(ctx.lang)


def search_documents(
    dataset: Dataset, *, lang: str = "zh", cut: Callable[[str], Iterable[str]] | None = None, site_url: str = ""
) -> list[dict[str, Any]]:
    """The search index documents of the data pages, which the search plugin does not read
    (search.py); `cut` segments Chinese (jieba's, as the search plugin uses it)."""
    ctx = context(dataset, lang=lang, site_url=site_url)
    segment = search.segmenter(cut)
    pages = [page for section in SECTIONS for page in section.pages(ctx) if page.search is not None]
    named = search.names(dataset)
    return [doc for page in pages if page.search for doc in search.documents(page_url(page.path), page.search(), segment, named)]


def cite_block(ctx: Ctx, page: Page) -> str:
    """'Cite this page', at the end of every page: the page's citation in Chinese (GB/T 7714) and
    in English, as text (readable without JavaScript); cite.js adds copy buttons."""
    cited = citations.page(ctx, page.path, page.title)
    lines = "".join(
        f'<p class="zr-cite-text" data-built="{ctx.history.today}"><span class="zr-cite-lang">{tx.attr(ctx.t("cite_" + lang))}</span> '
        f'<span class="zr-cite-body" lang="{lang}">{tx.attr(text)}</span></p>'
        for lang, text in cited.items()
    )
    summary = f"<summary>{tx.attr(ctx.t('cite_this_page'))}</summary>"
    root = citations.relative_root(ctx, page.path)  # no site address: cite.js completes the paths
    where = f' data-site-root="{root}" data-path="{tx.attr(citations.permalink(ctx, ctx.lang, page.path))}"' if root else ""
    return "\n\n" + htmlblocks.block(f'<details class="zr-cite-page"{where}>{summary}{lines}</details>\n{print_footer(ctx, page)}') + "\n"


def print_footer(ctx: Ctx, page: Page) -> str:
    """On paper, every sheet names the page's address and the data's date, and its number: CSS
    page-margin boxes, which print on each sheet (a fixed element did not: the theme's layout
    made it print once). A CSS string, so escaped for one: no quote, backslash or "<" gets out."""
    dated = ctx.t("updated", date=tx.date(ctx.history.version.split(" · ")[0] or ctx.history.today, ctx.lang))
    text = f"{citations.permalink(ctx, ctx.lang, page.path)} · {dated}"
    css = "".join(ch if ch.isalnum() or ch in " .:/-_·?=&#%()（）年月日" else f"\\{ord(ch):x} " for ch in text)
    return f'<style>@media print {{ @page {{ @bottom-left {{ content: "{css}"; font-size: 8pt; color: #555; }} }} }}</style>'


def nav(dataset: Dataset, lang: str = "zh") -> list[Any]:
    """MkDocs nav: grouped sections, so a site of hundreds of regions stays light per page.

    Built from plain text, then every title is HTML-escaped in one pass: the theme writes
    navigation titles into every page unescaped."""
    ctx = context(dataset, lang=lang)
    return navigation.escaped([section.nav(ctx) for section in SECTIONS], tx.attr)


_PRE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
_INDENT = re.compile(r"\n[ \t\r\n]+")  # ASCII whitespace only: a line may begin with U+3000 on purpose


def squeeze_html(html: str) -> str:
    """Drop the indentation and blank lines the theme's templates leave (a third of a page's
    bytes), outside <pre> and <textarea>, where whitespace is content."""
    if "<pre" not in html and "<textarea" not in html:
        return _INDENT.sub("\n", html)  # most pages: one pass, no splitting
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _INDENT.sub("\n", part) for index, part in enumerate(parts))
