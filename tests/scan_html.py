"""Find live markup in built HTML: the static half of the hostile-input test.

`live_payloads(html, mark)` lists every place where text carrying `mark` became markup a browser
would act on: a <script> whose code calls it, an event-handler attribute (onerror, onload, onclick …)
that calls it, a `javascript:` URL in any URL attribute, or an element the payloads create
(<img>, <svg>, <a href="javascript:…">) — as opposed to the same characters shown as text.
"""

from __future__ import annotations

import html.parser
import re

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
# What the browser ignores in a URL before the scheme (tab, newline, controls, spaces).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


class _Scanner(html.parser.HTMLParser):
    def __init__(self, mark: str) -> None:
        super().__init__(convert_charrefs=True)
        self.mark = mark
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.in_script = True
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and self.mark in value:
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES and _URL_NOISE.sub("", value).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and self.mark in value:
                self.found.append(f"<{tag} style={value[:60]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and self.mark in data and f"{self.mark}(" in data:
            self.found.append(f"<script>{data.strip()[:60]!r}")


def live_payloads(html_text: str, mark: str) -> list[str]:
    scanner = _Scanner(mark)
    scanner.feed(html_text)
    scanner.close()
    return scanner.found


class _Blocks(html.parser.HTMLParser):
    """For each <a> whose href matches, the text of the block around it: the nearest enclosing
    table row, list item, paragraph or admonition."""

    BLOCKS = ("tr", "li", "p", "div")

    def __init__(self, href: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.href = href
        self.open: list[tuple[str, list[str]]] = []  # (tag, text so far) of the open elements
        self.waiting: list[tuple[str, int]] = []  # (the href's match, depth of its block)
        self.found: list[tuple[str, str]] = []  # (match, block text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "hr", "meta", "link"):
            return
        self.open.append((tag, []))
        href = dict(attrs).get("href") or ""
        hit = self.href.search(href) if tag == "a" else None
        if hit:
            depth = max((i for i, (t, _) in enumerate(self.open) if t in self.BLOCKS), default=0)
            self.waiting.append((hit.group(0), depth))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or tag in ("br", "img", "input", "hr", "meta", "link"):
            return
        while self.open:
            closed, text = self.open.pop()
            depth = len(self.open)
            for hit, at in [w for w in self.waiting if w[1] == depth]:
                self.found.append((hit, " ".join("".join(text).split())))
                self.waiting.remove((hit, at))
            if self.open:
                self.open[-1][1].extend(text)
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)


def link_blocks(html_text: str, href: str) -> list[tuple[str, str]]:
    """(the matched part of each href matching `href`, the text of the block around that link)."""
    parser = _Blocks(re.compile(href))
    parser.feed(html_text)
    parser.close()
    return parser.found
