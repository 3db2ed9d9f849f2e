"""Search: for the Chinese edition, the names jieba must keep whole when material's search
segments the pages; for the English edition, the other forms of each word (`with_word_forms`);
and for the data pages, what their entries in the search index say (`Entry`, `documents`).

Data pages (regions, comparisons, articles, the timeline) are not read by material's search
plugin: front matter `search: exclude`. At 300 regions it spent a quarter of the build parsing
their HTML, and their tables, charts, quotes and citations — each fact four times over — made an
index of 15 MB that every reader downloads on the first search. Each such page instead lists its
entries (a region: its names, summary and place, then one line per fact, target, event and
cluster), and the plugin adds them to the index the search plugin wrote.

The search plugin segments Chinese with jieba at build time; without a user dictionary it cuts
北京经济技术开发区 or 防城港 into pieces, and a search for the whole name finds nothing. The plugin
hands this dictionary to the search plugin (its `jieba_dict_user` option); the downloads page
publishes it too.

A region, cluster, article or metric is found by its names in either language, in either edition:
its page (a metric: its section of its comparison) lists them in an index field of their own (`NAMES`),
which the results do not show and which weighs as a title does (`names`, `with_documents`).

The index is written in pieces (searchindex.py) and searched by the site's own worker
(docs/assets/javascripts/search-worker.js), which cuts a Chinese query into the index's longest
words — the jieba words of these pages.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import snowballstemmer

from generator.load import Dataset
from generator.paths import cluster_path, group_path, metric_anchor, page_url, region_path, source_path

MAX_LABEL = 12  # longer metric labels are phrases, not names


def search_words(dataset: Dataset) -> list[str]:
    """Names jieba must keep whole when segmenting Chinese for the search index."""
    words: set[str] = set()
    for region in dataset.regions.values():
        p = region.profile
        words.update([p.name.zh, p.short_name.zh, *p.aliases, *(s.name.zh for s in p.scopes)])
    words.update(cl.name.zh for cl in dataset.clusters.values())
    words.update(mt.label.zh for mt in dataset.metrics.values() if len(mt.label.zh) <= MAX_LABEL)
    # one word per line of jieba's dictionary: a word with any whitespace in it would split the line
    return sorted(w for w in words if len(w) > 1 and not any(ch.isspace() for ch in w))


def jieba_dictionary(dataset: Dataset) -> str:
    """The words as a jieba user dictionary: word, frequency (high: always kept whole), tag."""
    return "".join(f"{word} 20000 nz\n" for word in search_words(dataset))


# ---------------------------------------------------------------------------------------------
# English: the other forms of each word

FORMS = "forms"  # the search index field that holds them
_WORD = re.compile(r"[a-z]{3,}")
_TAG = re.compile(r"<[^>]+>")


@functools.cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


def with_word_forms(index: dict[str, Any]) -> dict[str, Any]:
    """An English search index (material's search_index.json) whose page entries also list the
    other forms of the page's words, in a field of their own.

    material's search takes each query word as the start of an indexed word and does not stem it:
    "robot" finds "robots", but "robots" misses a page that says "robot" and "compares" one that
    says "compare" or "compared". A page's forms are the words of the site that share a stem
    (Snowball's English stemmer) with one of the page's words, minus the page's own words. Only
    the site's own words: regular endings added to every word (abouts, annualed) made the index
    half as large again for words nobody searches."""
    stem = functools.lru_cache(maxsize=None)(_stemmer().stemWord)
    words_of: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text = _TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}").lower()
        words_of.setdefault(page, set()).update(_WORD.findall(text))
    family: dict[str, set[str]] = {}
    for word in set().union(*words_of.values()):
        family.setdefault(stem(word), set()).add(word)
    docs = []
    for doc in index["docs"]:
        page = doc["location"]
        if page in words_of:  # the page's own entry (its sections have "#" in their location)
            doc = {**doc, FORMS: " ".join(sorted(_forms(words_of[page], family, stem)))}
        docs.append(doc)
    fields = {**index["config"].get("fields", {}), FORMS: {"boost": 1.0}}
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}


def _forms(own: set[str], family: dict[str, set[str]], stem: Any) -> set[str]:
    """The site's words that share a stem with one of `own` and that a query for them would not
    find already: a word that starts one of `own` is found by its start (robot → robots)."""
    forms: set[str] = set()
    for word in own:
        kin = family.get(stem(word), set())
        forms.update(form for form in kin - own if not any(mine.startswith(form) for mine in kin & own))
    return forms


# ---------------------------------------------------------------------------------------------
# the data pages' entries

SEPARATOR = " · "


@dataclass(frozen=True)
class Entry:
    """A result the search can show: a page (`anchor` "") or one of its sections, in plain text."""

    anchor: str
    title: str
    parts: tuple[str, ...] = ()  # the text, piece by piece: "指标 数值 时期" for each fact
    tags: tuple[str, ...] = ()  # the page's names: material's search weighs them most


Segment = Callable[[str], str]
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def segmenter(cut: Callable[[str], Iterable[str]] | None) -> Segment:
    """How material's search plugin prepares text for the index: each run of Chinese cut into words
    (jieba's `cut`; None: no jieba, text as it is) with zero-width spaces between them, where the
    index's separator splits. Memoized by word: one metric's label is on hundreds of pages."""
    if cut is None:
        return html.escape

    @functools.cache
    def word(text: str) -> str:
        escaped = html.escape(text, quote=False)  # the search shows the text as HTML
        return _HAN.sub(lambda run: "\u200b" + "\u200b".join(cut(run[0])) + "\u200b", escaped)

    def segment(text: str) -> str:
        # word by word: a run of Chinese never spans a space, so the result is the same, and the
        # words repeat (a metric's label, "2023年") where whole lines do not
        return " ".join(word(w) for w in text.split(" ")).strip("\u200b")

    return segment


def listed(title: str, *prose: str) -> Callable[[], list[Entry]]:
    """A listing page's entry: its name and what its prose says of it. What it lists (every region,
    article, cluster; the grid) the pages of those have; read by the search plugin, the listings
    were most of what it read at 300 regions."""
    return lambda: [Entry("", title, prose)]


def documents(
    location: str, entries: Iterable[Entry], segment: Segment, named: Mapping[str, tuple[str, ...]] | None = None
) -> list[dict[str, Any]]:
    """A page's entries as search index documents, the page's own first (the search finds a
    section's page by it); an entry that is a region's, cluster's or metric's own (`names`) also
    lists its names."""
    docs = []
    for entry in entries:
        doc: dict[str, Any] = {
            "location": f"{location}#{entry.anchor}" if entry.anchor else location,
            "title": segment(entry.title),
            "text": SEPARATOR.join(segment(part) for part in dict.fromkeys(entry.parts) if part),  # each piece once
        }
        if entry.tags:
            doc["tags"] = [html.escape(tag) for tag in entry.tags]
        if named and doc["location"] in named:
            # cut as the titles are: an article's title is found by its words in either edition
            doc[NAMES] = [segment(name) for name in named[doc["location"]]]
        docs.append(doc)
    return docs


def with_documents(index: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """material's search index with `docs` added after its own, and the field of their names,
    weighed as a title: a region's English name in the Chinese edition counts as much as the
    Chinese one its title shows."""
    fields = index["config"].get("fields", {})
    title = fields.get("title", {}).get("boost", 1.0)
    config = {**index["config"], "fields": {**fields, NAMES: {"boost": title}}}
    return {**index, "config": config, "docs": [*index["docs"], *docs]}


# ---------------------------------------------------------------------------------------------
# names in both languages, and the words material's search makes of them as queries

NAMES = "names"  # the search index field that holds them: indexed, not shown in the results


def names(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Each region's, cluster's, article's and metric's names in both languages, by the location of
    the entry that is its own: a region's, a cluster's and an article's page, a metric's section of
    its comparison. The
    same in both editions: a reader of the Chinese edition may search for "Beijing E-Town", a
    reader of the English one for 工业总产值."""
    found: dict[str, list[str]] = {}
    for region in dataset.regions.values():
        p = region.profile
        found[page_url(region_path(region.id))] = [
            *_both(p.short_name),
            *_both(p.name),
            *p.aliases,
            *(name for scope in p.scopes for name in _both(scope.name)),
        ]
    for cluster in dataset.clusters.values():
        found[page_url(cluster_path(cluster.id))] = _both(cluster.name)
    for article in dataset.articles.values():  # its original title and its translation
        found[page_url(source_path(article.id))] = _both(article.title)
    for metric in dataset.metrics.values():  # a metric without figures has no section: its entry is never asked for
        found[f"{page_url(group_path(metric.group))}#{metric_anchor(metric.id)}"] = _both(metric.label)
    return {location: tuple(dict.fromkeys(said)) for location, said in found.items()}


def _both(text: Any) -> list[str]:
    return [text.zh, text.en]
