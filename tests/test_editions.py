"""The two editions of the built site, read as files: the English edition reads in English (Chinese
only where it is marked lang="zh": quotes, names, source titles), every page has its twin in the
other edition, and the language selector, the head and the sitemaps link each page to its twin.

The browser half (switching language, English search) is in test_english_browser.py.
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
VISIBLE_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-md-tooltip")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(html.parser.HTMLParser):
    """Collects the text a reader sees or hears, each piece with the language it is marked in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, language in force)
        self.pieces: list[tuple[str, str]] = []  # (language, text)
        self.hidden = 0  # inside <script>, <style>, <template>

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or self._lang()
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name in VISIBLE_ATTRIBUTES:
            if value := values.get(name):
                # a figure's link shows its quote on hover: the evidence, in Chinese in every edition,
                # and in the English edition its translation after it (which must read in English)
                quoted = re.fullmatch(r"(“.*”)(?:\s+(.*))?", value, re.DOTALL) if name == "title" else None
                if quoted:
                    self.pieces.append(("zh", f"{name}={quoted[1]}"))
                    if quoted[2]:
                        self.pieces.append((lang, f"{name}={quoted[2]}"))
                else:
                    self.pieces.append((lang, f"{name}={value}"))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        for depth in range(len(self.stack) - 1, -1, -1):  # browsers close what was left open
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.pieces.append((self._lang(), data.strip()))


def unmarked_chinese(page: str) -> list[str]:
    """Pieces of text with Chinese characters that are not marked as Chinese."""
    reader = _Reader()
    reader.feed(page)
    return [text for lang, text in reader.pieces if CJK.search(text) and not lang.startswith("zh")]


def test_the_reader_tells_marked_from_unmarked_chinese() -> None:
    page = (
        '<html lang="en"><body><p>Beijing <span lang="zh">亦庄</span></p><p title="标题">亦庄 E-Town</p>'
        '<a title="“引文”">5</a><script>"中"</script></body></html>'
    )
    assert unmarked_chinese(page) == ["title=标题", "亦庄 E-Town"]


def pages(root: Path) -> list[str]:
    """The site's pages, as paths relative to an edition's root ("regions/yizhuang/index.html")."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if not p.relative_to(root).as_posix().startswith("en/"))


def test_the_english_edition_reads_in_english(built: Path) -> None:
    english = sorted((built / "en").rglob("*.html"))
    assert len(english) > 20
    found: dict[str, list[str]] = {}
    for path in english:
        page = path.read_text(encoding="utf-8")
        assert '<html lang="en"' in page, path
        if hits := unmarked_chinese(page):
            found[path.relative_to(built).as_posix()] = hits[:5]
    assert found == {}


def test_the_chinese_edition_reads_in_chinese(built: Path) -> None:
    """The reverse is looser (figures, units and English names are at home in Chinese text), but
    no page of the default edition is left in English: each has more Chinese than Latin letters."""
    for rel in pages(built):
        page = (built / rel).read_text(encoding="utf-8")
        assert '<html lang="zh"' in page, rel
        article = page[page.index("<article") : page.index("</article>")] if "<article" in page else page
        text = re.sub(r"<[^>]+>", " ", article)
        assert len(CJK.findall(text)) > len(re.findall(r"[A-Za-z]", text)) / 8, rel


def test_every_page_has_its_twin_in_the_other_edition(built: Path) -> None:
    chinese = set(pages(built))
    english = set(pages(built / "en"))
    assert len(chinese) > 20
    assert chinese == english


def _selector(page: str) -> dict[str, str]:
    """The language selector's links: language → href."""
    return dict(
        (lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link">', page)
    )


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_language_selector_leads_to_the_same_page(built: Path, edition: str) -> None:
    for rel in pages(built / edition):
        links = _selector((built / edition / rel).read_text(encoding="utf-8"))
        assert set(links) == {"zh", "en"}, rel
        if rel == "404.html":  # served at any depth, for any address: each edition's home, absolute
            assert links["zh"].startswith("http") and links["en"] == links["zh"] + "en/", links
            continue
        here = "http://site/" + edition + rel
        page = rel.removesuffix("index.html")
        assert urllib.parse.urljoin(here, links["zh"]) == "http://site/" + page, (rel, links)
        assert urllib.parse.urljoin(here, links["en"]) == "http://site/en/" + page, (rel, links)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_sitemaps_name_each_page_in_both_languages(built: Path, edition: str) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(built / edition / "sitemap.xml")
    entries: dict[str, dict[str, Any]] = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns) or ""
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    assert len(entries) == len(pages(built / edition)) - 1  # every page but 404.html
    root = next(iter(entries)).split("/en/")[0].rstrip("/") + "/" if edition else None
    for loc, alternates in entries.items():
        assert set(alternates) == {"zh", "en", "x-default"}, loc
        assert loc in alternates.values(), loc
        assert alternates["x-default"] == alternates["zh"]
        assert alternates["en"].replace("/en/", "/", 1) == alternates["zh"], loc
        assert root is None or loc.startswith(root)
