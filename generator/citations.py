"""Ready citations of a fact, an event or a page, in Chinese (GB/T 7714-2015 style: an online
database entry, [DB/OL], with its original newspaper article, [N]) and in English.

A citation says what the figure is and for what part of the region or whom (its scope and subject:
without them a figure for 亦庄新城 would be cited as the zone's), its permalink, the date the data
last changed, and the article the figure was printed in. Both forms in every edition: a reader of
the English edition may be writing in Chinese, and the other way round.

The access date ("[引用日期]" in GB/T 7714) is the build date here; the copy buttons (cite.js)
put the day of copying in its place.
"""

from __future__ import annotations

from generator import models as m
from generator import text as tx
from generator.pages.base import Ctx, rank_among
from generator.paths import EDITIONS, HOME, fact_anchor, page_url, region_path, url

LANGS = (tx.Lang("zh"), tx.Lang("en"))


def record(ctx: Ctx, region: m.Region, q: m.Fact | m.Target | m.Event) -> dict[str, str]:
    """The citation of a fact, target or event, in each language: {"zh": …, "en": …}."""
    article = ctx.ds.articles[q.source]
    updated = ctx.history.date_of(ctx.ds.where(region)[0])
    out = {}
    for lang in LANGS:
        what, when = _what(ctx, lang, region, q)
        about = lang.sep([when, *(text for text in _where(lang, region, q) if text)])
        out[lang.primary] = lang.t(
            "cite_record",
            site=lang.t("site_name"),
            what=what,
            about=about,
            updated=updated,
            accessed=ctx.history.today,
            url=permalink(ctx, lang, region_path(region.id), fact_anchor(q)),
            source=_article(lang, article),
        )
    return out


def page(ctx: Ctx, path: str, title: str) -> dict[str, str]:
    """The citation of the page being read (its title and address in this edition), in each
    language's style."""
    updated = ctx.history.version.split(" · ")[0] or ctx.history.today
    address = permalink(ctx, ctx.lang, path)
    return {
        lang.primary: lang.t("cite_page", site=lang.t("site_name"), title=title, updated=updated, accessed=ctx.history.today, url=address)
        for lang in LANGS
    }


def permalink(ctx: Ctx, lang: tx.Lang, path: str, anchor: str = "") -> str:
    """The page's address in `lang`'s edition: the site's root, the edition's folder, the page.
    Without the site's address (no SITE_URL), its path from the site's root, "/regions/x/": what
    a reader can still follow from wherever the site is served — cite.js puts the address the page
    is read at in front of it (`relative_root`), and an address that was never given is not made up."""
    root = ctx.site_url.removesuffix(EDITIONS[ctx.lang.primary]) or "/"
    return root + EDITIONS[lang.primary] + url(HOME, path, anchor).removeprefix("./")


def _what(ctx: Ctx, lang: tx.Lang, region: m.Region, q: m.Fact | m.Target | m.Event) -> tuple[str, str]:
    """'亦庄：工业总产值 达到5200亿元', '2023年' — the record and its period or date."""
    name = lang.pick(region.profile.short_name)
    if isinstance(q, m.Event):
        return f"{name}{lang.colon}{lang.pick(q.title)}", tx.date(q.date, lang)
    metric, unit = ctx.ds.metrics[q.metric], ctx.ds.units[q.unit]
    value = tx.quantity(q, lang.pick(unit.label), lang=lang, rank_among=rank_among(ctx.ds, region, q, lang))
    when = q.period if isinstance(q, m.Fact) else q.deadline
    return f"{name}{lang.colon}{lang.pick(metric.label)} {value}", tx.period(when, lang)


def _where(lang: tx.Lang, region: m.Region, q: m.Quantity | m.Event) -> list[str]:
    scope = {s.id: s for s in region.profile.scopes}.get(q.scope or "")
    return [lang.pick(scope.name) if scope else "", lang.pick(q.subject) if q.subject else ""]


def _article(lang: tx.Lang, article: m.Article) -> str:
    """The newspaper article: '涂铭, 郭宇靖. 亦庄追“新”[N]. 新华每日电讯, 2024-03.'"""
    # in English in pinyin (Tu Ming), when the article names each author so
    names = article.authors_en if lang.primary != "zh" and len(article.authors_en) == len(article.authors) else article.authors
    authors = lang.join(names) if names else lang.t("cite_no_author")
    key = "cite_article" if article.outlet else "cite_article_unnamed"
    outlet = lang.pick(article.outlet)
    return lang.t(key, authors=authors, title=lang.pick(article.title), original=article.title.zh, outlet=outlet, date=article.published)


def relative_root(ctx: Ctx, path: str) -> str:
    """From the page at `path` in this edition, the relative URL of the site's root: cite.js
    resolves the citations' paths against it when the build had no address ("" when it had)."""
    if ctx.site_url:
        return ""
    depth = page_url(path).count("/") + EDITIONS[ctx.lang.primary].count("/")
    return "../" * depth or "./"
