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

A region, cluster or metric is found by its names in either language, in either edition: its page
(a metric: its section of its comparison) lists them in an index field of their own (`NAMES`),
which the results do not show and which weighs as a title does (`names`, `with_documents`). With
each Chinese name goes the name less its last character, for how material's search cuts a Chinese
query (`query_word`).
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
from generator.paths import cluster_path, group_path, metric_anchor, page_url, region_path

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
            doc[NAMES] = [html.escape(name, quote=False) for name in named[doc["location"]]]
        docs.append(doc)
    return docs


def with_documents(index: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """material's search index with `docs` added after its own, and the field of their names,
    weighed as a title: a region's English name in the Chinese edition counts as much as the
    Chinese one its title shows."""
    fields = index["config"].get("fields", {})
    title = fields.get("title", {}).get("boost", 1.0)
    config = {**index["config"], "fields": {**fields, NAMES: {"boost": title}}}
    return with_query_words({**index, "config": config, "docs": [*index["docs"], *docs]})


# ---------------------------------------------------------------------------------------------
# names in both languages, and the words material's search makes of them as queries

NAMES = "names"  # the search index field that holds them: indexed, not shown in the results


def names(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Each region's, cluster's and metric's names in both languages, by the location of the entry
    that is its own: a region's and a cluster's page, a metric's section of its comparison. The
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
    for metric in dataset.metrics.values():  # a metric without figures has no section: its entry is never asked for
        found[f"{page_url(group_path(metric.group))}#{metric_anchor(metric.id)}"] = _both(metric.label)
    return {location: tuple(dict.fromkeys(said)) for location, said in found.items()}


def _both(text: Any) -> list[str]:
    return [text.zh, text.en]


# material's search worker: a run of Chinese in a query is what its segmenter cuts (\p{sc=Han})
_QUERY_HAN = re.compile("[\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_QUERY_TERM = re.compile(r"[\s\-]+")  # lunr's query lexer splits terms here (not at the index's separator)


def with_query_words(index: dict[str, Any]) -> dict[str, Any]:
    """The index with each name's query words beside the names (`NAMES`), so that a search for a
    name finds its entry by every word of the query material's search makes of it.

    material's search cuts each run of Chinese in a query into the longest words the index holds
    (`segment` in its search worker), but a word never takes the query's last character, and
    what is left after the last word is dropped: 工业总产值 became 工业 and 总, and the results
    were every page with a word starting 工业 or 总 — 未来产业（总称） first, the comparison fifth.
    So each run of three or more characters goes in less its last character (工业总产): the query
    is then that one word, which finds 工业总产值 by its start. Then each name's query is made as
    the search makes it, against this index's words (`query_terms`), and its words go in too: a
    name with brackets, quotes or digits (“卡脖子”关键技术突破项数) is one glued query word that
    no word of the text starts with. (A two-character run is left as it is: its first character
    alone would find too much.)"""
    separator = re.compile(index["config"]["separator"])
    named = [doc for doc in index["docs"] if NAMES in doc]
    cut = {doc["location"]: [run[:-1] for name in doc[NAMES] for run in _QUERY_HAN.findall(name) if len(run) >= 3] for doc in named}
    fields = [*index["config"]["fields"]]
    words = _words(index["docs"], fields, separator) | {word for words in cut.values() for word in words}
    docs = []
    for doc in index["docs"]:
        if NAMES in doc:
            own = _words([doc], fields, separator)
            queried = (term for name in doc[NAMES] if _QUERY_HAN.search(name) for term in query_terms(name, words))
            doc = {**doc, NAMES: list(dict.fromkeys([*doc[NAMES], *cut[doc["location"]], *(t for t in queried if t not in own)]))}
        docs.append(doc)
    return {**index, "docs": docs}


def _words(docs: Iterable[dict[str, Any]], fields: list[str], separator: re.Pattern[str]) -> set[str]:
    """The words the search worker indexes of `docs`: each indexed field's text between tags, cut
    at the index's separator, in lower case."""
    words: set[str] = set()
    for doc in docs:
        for value in (doc[field] for field in fields if field in doc):
            for text in value if isinstance(value, list) else [value]:
                words.update(w for w in separator.split(_TAG.sub(" ", str(text)).lower()) if w)
    return words


def query_terms(query: str, words: set[str]) -> list[str]:
    """The words material's search looks for when a reader types `query` (each as the start of an
    indexed word): its Chinese runs cut by `segment`, joined as the worker joins them, split where
    lunr's query lexer splits."""
    joined = _QUERY_HAN.sub(lambda run: "* ".join(segment(run[0], words)), query)
    return [term for term in (t.strip("*").lower() for t in _QUERY_TERM.split(joined)) if term]


def segment(query: str, words: set[str]) -> list[str]:
    """material's segmentation of a run of Chinese in a query (`segment` in its search worker,
    integrations/search/query/segment), line for line: the longest word of the index starting at
    each character — never one that ends with the query's last character — and the longest
    matches with least overlap; the whole run when the first characters start no word."""
    n = len(query)
    cuts = [0] * n
    for i in range(n):
        for j in range(i + 1, n):  # (sic: j < n, so no word takes the last character)
            if query[i:j] in words:
                cuts[i] = j - i
    segments: dict[str, None] = {}
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments[query[p : p + q]] = None
                stack.append(p + q)
        q = p + cuts[p]
        if q < n - 1 and cuts[q]:
            stack.append(q)
        segments[query[p:q]] = None
    return [query] if "" in segments else list(segments)
