"""Evidence in English (issue 21): every quote a reader is shown has its English translation in the
data (`quote_en`, on each record and each further report), shown on English pages under the Chinese
original — which keeps lang="zh" — and labelled as a translation; a cited link's tooltip carries it;
authors are named in pinyin on English pages. Data text is escaped wherever it is shown.

(The validator's warnings for a missing translation or pinyin name are in test_checks.py; what a
reader sees at 390 px in test_translations_browser.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Project

from generator import citations, site
from generator import models as m
from generator import text as tx
from generator.load import Dataset
from generator.pages import regions as region_pages
from generator.pages import sources as source_pages
from generator.pages.base import Ctx, Page
from generator.paths import region_path, source_path
from generator.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]")
LABEL = '<span class="zr-translation-label">Translation: </span>'


@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = validate(ROOT)
    assert [p for p in problems if p.severity != "draft"] == [], [p.format() for p in problems]
    return dataset


def _ctx(dataset: Dataset, lang: str) -> Ctx:
    return site.context(dataset, lang=lang)


def _printings(dataset: Dataset) -> list[tuple[m.Region, m.Evidence]]:
    found = []
    for region in dataset.regions.values():
        for record in [*region.facts, *region.targets, *region.events, *region.clusters]:
            found += [(region, p) for p in (record.printings() if isinstance(record, m.Reported) else [record])]
    return found


def _page(ctx: Ctx, pages: list[Page], path: str) -> str:
    (page,) = [p for p in pages if p.path == path]
    return page.markdown(ctx.lang)  # the Markdown the template writes, before its tables are made HTML


# ---------------------------------------------------------------------------------------------
# the data


def test_every_quote_a_reader_is_shown_has_its_translation(real: Dataset) -> None:
    printings = _printings(real)
    assert len(printings) >= 179  # every quote and further report of data/regions/ (179 when written)
    missing = [f"{region.id}: {p.quote}" for region, p in printings if not p.quote_en]
    assert missing == []
    # a translation, not a copy: English words, and no Chinese left in it
    assert [p.quote_en for _, p in printings if p.quote_en and HAN.search(p.quote_en)] == []


def test_translations_keep_the_printed_figures_with_their_scale_in_english(real: Dataset) -> None:
    """Spot checks of the rule 5200亿元 → 520 billion yuan, 近/超 → nearly/over."""
    facts = {(r.id, f.id): f for r in real.regions.values() for f in r.facts}
    assert "520 billion yuan" in (facts["yizhuang", "industrial-output-new-town-2023"].quote_en or "")
    assert "over 90,000 enterprises" in (facts["yizhuang", "enterprises-total"].quote_en or "")
    assert "nearly 30%" in (facts["yizhuang", "industrial-value-added-share-new-town-2023"].reports[0].quote_en or "")
    assert "93.6 billion yuan" in (facts["fangchenggang", "industrial-output-increase-three-year-action"].quote_en or "")


def test_every_article_names_its_authors_in_pinyin(real: Dataset) -> None:
    for article in real.articles.values():
        assert len(article.authors_en) == len(article.authors), article.id
        for name in article.authors_en:
            assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", name), f"{article.id}: {name} (surname first, capitalised)"
    first = real.articles["yizhuang-chases-new"]
    assert first.authors_en == ["Tu Ming", "Guo Yujing", "Zhang Xiao"]


def test_an_exclusion_takes_no_translation(project: Project) -> None:
    """Exclusions quote a bare number for curators; no page shows them, so they have no `quote_en`."""
    project.replace(
        "regions/r.yml",
        "    reason: a figure for another region\n",
        "    quote_en: Shanghai 43.9%\n    reason: a figure for another region\n",
    )
    problems = [p.format() for p in project.load()[1]]
    assert len(problems) == 1 and problems[0].startswith("data/regions/r.yml:74:") and "quote_en" in problems[0]


# ---------------------------------------------------------------------------------------------
# English pages


def test_an_english_source_page_shows_each_translation_under_its_chinese_quote(real: Dataset) -> None:
    ctx = _ctx(real, "en")
    article = real.articles["yizhuang-chases-new"]
    page = _page(ctx, source_pages.pages(ctx), source_path(article.id))
    shown = [p for _, p in _printings(real) if p.source == article.id]
    assert shown
    for p in shown:  # the Chinese marked as Chinese, then the translation outside it, labelled
        original = f'<span lang="zh">{tx.md(p.quote)}</span>'
        assert f'{original}<br><small class="zr-translation">{LABEL}{tx.md(p.quote_en or "")}</small>' in page, p.quote
    chinese = _page(_ctx(real, "zh"), source_pages.pages(_ctx(real, "zh")), source_path(article.id))
    assert "zr-translation" not in chinese and "Translation" not in chinese


def test_english_region_rows_open_their_quotes_with_translations(real: Dataset) -> None:
    """Each fact, target, event and cluster row of an English region page holds its quotes (each
    printing) in a disclosure a tap or a key opens: the Chinese (lang="zh"), then the translation."""
    ctx = _ctx(real, "en")
    region = real.regions["yizhuang"]
    page = _page(ctx, region_pages.pages(ctx), region_path(region.id))
    rows = [*region.facts, *region.targets, *region.events, *region.clusters]
    assert page.count('<details class="zr-evidence"><summary>Quote</summary>') == len(rows)
    for record in rows:
        for p in record.printings() if isinstance(record, m.Reported) else [record]:
            assert f'<span lang="zh">{tx.md(p.quote)}</span><br><small class="zr-translation">{LABEL}' in page, p.quote
    chinese = _page(_ctx(real, "zh"), region_pages.pages(_ctx(real, "zh")), region_path(region.id))
    assert "zr-evidence" not in chinese and "zr-translation" not in chinese


def test_an_english_tooltip_carries_the_translation(real: Dataset) -> None:
    """A cited number elsewhere (a key figure's card, a comparison, a cluster page) shows its quote
    on hover — and tables.js's tap button shows the same title — with the translation after it."""
    region = real.regions["yizhuang"]
    fact = next(f for f in region.facts if f.id == "industrial-output-new-town-2023")
    english = _ctx(real, "en").cited("regions/yizhuang.md", region, fact, "x")
    assert english.endswith(' Translation: In 2023, the gross industrial output of Yizhuang New Town reached 520 billion yuan")')
    assert "Translation" not in _ctx(real, "zh").cited("regions/yizhuang.md", region, fact, "x")
    # a row that shows its quotes itself has no tooltip in English (nor a tap button saying it again)
    assert (
        _ctx(real, "en")
        .cited("regions/yizhuang.md", region, fact, "x", titled=False)
        .endswith("yizhuang--fact-industrial-output-new-town-2023)")
    )


def test_authors_are_named_in_pinyin_on_english_pages(real: Dataset) -> None:
    article = real.articles["yizhuang-chases-new"]
    en, zh = _ctx(real, "en"), _ctx(real, "zh")
    page = _page(en, source_pages.pages(en), source_path(article.id))
    # surname first, and the names as printed once after them, to find them in the source
    assert '| Tu Ming, Guo Yujing, Zhang Xiao <span lang="zh">(涂铭、郭宇靖、张骁)</span> |' in page
    listing = _page(en, source_pages.pages(en), "sources/index.md")
    assert "Tu Ming, Guo Yujing, Zhang Xiao" in listing and "涂铭" not in listing
    assert "Tu Ming" not in _page(zh, source_pages.pages(zh), source_path(article.id))
    assert citations._article(tx.Lang("en"), article).startswith("Tu Ming, Guo Yujing, Zhang Xiao")
    assert citations._article(tx.Lang("zh"), article).startswith("涂铭")


# ---------------------------------------------------------------------------------------------
# data text is never trusted as markup


HOSTILE = '<img src=x onerror=alert(1)>|`x`[a](javascript:alert(2)) "q" & <b>'


def test_a_translation_is_escaped_wherever_it_is_shown(project: Project) -> None:
    project.replace(
        "regions/r.yml",
        "    quote: 亦庄的国家级高新技术企业突破2100家\n",
        f"    quote: 亦庄的国家级高新技术企业突破2100家\n    quote_en: '{HOSTILE}'\n",
    )
    project.replace("sources/articles.yml", "authors: [张三]", f"authors: [张三]\n    authors_en: ['{HOSTILE}']")
    dataset = project.dataset()
    ctx = _ctx(dataset, "en")
    region = dataset.regions["r"]
    fact = region.facts[0]
    for shown in (ctx.translation(fact), ctx.evidence(fact)):
        assert "<img" not in shown and "<b>" not in shown and "&lt;img" in shown
        assert "\\|" in shown and "\\[a\\]" in shown  # a table cell's "|" and a link's brackets stay text
    title = ctx.cited("regions/r.md", region, fact, "x")
    assert "<img" not in title and "&lt;img" in title and "|" not in title.split('"')[1] and "&#124;" in title
    article = dataset.articles["first-article"]
    named = source_pages.authors(ctx, article, with_chinese=True)
    assert "<img" not in named and "&lt;img" in named
