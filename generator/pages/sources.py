"""Sources: a listing of the articles, and one page per article with every quote taken from it,
at its line in the archived text (the anchors every cited number links to)."""

from __future__ import annotations

from typing import Any

from generator import models as m
from generator import navigation
from generator import text as tx
from generator.pages.base import Ctx, Page
from generator.paths import SOURCES, fact_anchor, link, printing_anchor, region_path, source_path
from generator.search import Entry, listed

NAV_TITLE = 30  # characters of an article's title in the navigation


def pages(ctx: Ctx) -> list[Page]:
    listing = Page(
        SOURCES,
        "sources.md.j2",
        ctx.t("sources"),
        lambda: {"articles": _listing(ctx)},
        index=True,
        search=listed(ctx.t("sources"), ctx.t("sources_intro")),
    )
    return [listing, *(_page(ctx, article) for article in ctx.ds.articles.values())]


def _page(ctx: Ctx, article: m.Article) -> Page:
    title = ctx.lang.pick(article.title)
    return Page(source_path(article.id), "source.md.j2", title, lambda: context(ctx, article), search=lambda: _search(ctx, article))


def _search(ctx: Ctx, article: m.Article) -> list[Entry]:
    """An article is found by its title (in both languages: the reader may have the Chinese one),
    outlet, date and authors; its quotes are the facts the region pages list."""
    pick = ctx.lang.pick
    outlet = pick(article.outlet) if article.outlet else ""
    parts = (article.title.zh, outlet, tx.date(article.published, ctx.lang), ctx.t("kind_" + article.kind), *article.authors)
    parts += tuple(article.authors_en) if ctx.lang.primary != "zh" else ()
    return [Entry("", pick(article.title), tuple(dict.fromkeys(parts)))]


def nav(ctx: Ctx) -> dict[str, Any]:
    """Articles, each placed where the region citing it most is."""
    pick = ctx.lang.pick
    placed: list[navigation.Placed] = [
        (ctx.index.citing_region(a.id), {tx.short(pick(a.title), NAV_TITLE): source_path(a.id)}) for a in ctx.ds.articles.values()
    ]
    return {ctx.t("sources"): [SOURCES, *navigation.by_place(ctx.ds, pick, placed)]}


def context(ctx: Ctx, article: m.Article) -> dict[str, Any]:
    page = source_path(article.id)
    return {
        "label": ctx.named(article.title),  # the original title, to find the article
        "kind": ctx.t("kind_" + article.kind),
        "outlet": ctx.label(article.outlet) if article.outlet else ctx.t("outlet_unknown"),
        "published": tx.date(article.published, ctx.lang) + ctx.inferred(article.inferred),
        # written in English, for curators; it quotes the page's Chinese
        "basis": tx.mark_chinese(tx.md(article.published_basis)) if ctx.lang.primary == "en" else "",
        "authors": authors(ctx, article, with_chinese=True),
        "file": article.file,
        "lines": ctx.lang.paren(f"{ctx.t('lines')} {ctx.lang.join(f'{a}–{b}' for a, b in article.lines)}"),
        "quotes": _quotes(ctx, page, article),
    }


def _quotes(ctx: Ctx, page: str, article: m.Article) -> list[dict[str, Any]]:
    text = ctx.ds.texts.get(article.file)
    quotes = []
    for region, record, index in ctx.index.by_article.get(article.id, []):
        printing = record.printings()[index] if isinstance(record, m.Reported) else record
        if isinstance(record, m.Quantity):
            what, anchor = ctx.value(record), fact_anchor(record)  # (escaped: a unit label is data)
        elif isinstance(record, m.Event):
            what, anchor = tx.md(ctx.event_date(record)), fact_anchor(record)
        else:
            what, anchor = tx.md(ctx.t("role_" + record.role)), "clusters"
        found = text.find(printing.quote, article.lines) if text else None
        quotes.append(
            {
                "anchor": printing_anchor(region.id, record, index),
                "what": f"[{what}]({link(page, region_path(region.id), anchor)})" + _where(ctx, region, record),
                "region": ctx.name(region),
                # the evidence, never replaced: in English its translation under it, labelled
                "quote": ctx.chinese(tx.md(printing.quote)) + ctx.translation(printing),
                "line": text.line_at(found[0]) if text and found else 0,
            }
        )
    quotes.sort(key=lambda q: int(str(q["line"])))
    return quotes


def _where(ctx: Ctx, region: m.Region, record: m.Quoted) -> str:
    """The scope or subject of a quoted figure or event, in small print under it."""
    where = ctx.where_note(record, region) if isinstance(record, m.Quantity | m.Event) else ""
    return f"<br><small>{where}</small>" if where else ""


def authors(ctx: Ctx, article: m.Article, with_chinese: bool = False) -> str:
    """The authors as the edition names them: in Chinese as printed; in English in pinyin, surname
    first (`authors_en`; as printed while a record has none), and on the article's own page the
    printed names once after them (`with_chinese`), to find them in the source."""
    if not article.authors:
        return "—"
    printed = ctx.chinese(ctx.lang.join(tx.md(a) for a in article.authors))
    if ctx.lang.primary == "zh" or len(article.authors_en) != len(article.authors):
        return printed
    names = ctx.lang.join(tx.md(a) for a in article.authors_en)
    return f'{names} <span lang="zh">({tx.md("、".join(article.authors))})</span>' if with_chinese else names


def _listing(ctx: Ctx) -> list[dict[str, Any]]:
    return [
        {
            "link": ctx.article_link(SOURCES, a),
            "kind": ctx.t("kind_" + a.kind),
            "published": tx.date(a.published, ctx.lang),
            "authors": authors(ctx, a),
            "count": len(ctx.index.by_article.get(a.id, [])),
        }
        for a in ctx.ds.articles.values()
    ]
