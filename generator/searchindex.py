"""The search index in pieces: a reader's search downloads what its words need, not the site.

material's search downloads the whole index (search/search_index.json) on every full page load
and builds it in the browser: 7.4 MB at 1,000 regions, 37 MB at 5,000. Here the same documents
(material's, plus the data pages' entries of search.py) are written as

  search/search_index.json   material's file with no documents: its search box and results list
                             stay; the config names our worker's files (`CONFIG_KEY`)
  search/zr/keys.json        the shard keys (below), fetched on the first search
  search/zr/t/<key>.json     a shard: every indexed word starting with its key (a Chinese word's
                             first character; a Latin word's first two), each with the documents
                             it is in, best first, at most `POSTINGS` of them, and how many in all
  search/zr/p/<n>.json       the documents of the n-th page (the page and its sections): what a
                             result shows

and docs/assets/javascripts/search-worker.js answers material's search box from them: a query's
words each fetch their shard, and the best pages their documents. A first search fetches a few
shards and up to `search-worker.js`'s RESULTS pages, whatever the number of regions.

A shard that would exceed `SHARD_BYTES` is split by the next character (江 → 江苏, 江西 …, and
江 keeps the words that end there), so its size stays bounded however many names share a start.
Scores are computed here, as lunr computes them for material's index (BM25 without length
normalisation, each field's boost), and stored as an eighth of a binary logarithm (`_level`): one
byte of JSON digits instead of seven, and ranking needs no finer steps.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import re
import shutil
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_KEY = "zr"  # in search_index.json's config: what the worker needs to know of the pieces
FOLDER = "zr"  # under search/
POSTINGS = 200  # a word's best documents kept: more than a reader scrolls through
SHARD_BYTES = 24_000  # a shard larger than this is split by the next character
K1 = 1.2  # lunr's term frequency saturation
# lunr's English stop words: material's index drops them (`pipeline: [stopWordFilter]`)
_LUNR_STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been but by can cannot could dear "
    "did do does either else ever every for from get got had has have he her hers him his how however i if in into is it "
    "its just least let like likely may me might most must my neither no nor not of off often on only or other our own "
    "rather said say says she should since so some than that the their them then there these they this tis to too twas "
    "us wants was we were what when where which while who whom why will with would yet you your"
)
STOP_WORDS = frozenset(_LUNR_STOP_WORDS.split())  # search-worker.js holds the same list
_TAG = re.compile(r"<[^>]+>")
_WORDS = re.compile("\u200b+")


@dataclass(frozen=True)
class Written:
    """What was written: for the build's log and the benchmark."""

    documents: int
    pages: int
    words: int
    shards: int
    bytes: int


def write(index: dict[str, Any], folder: Path) -> Written:
    """Writes `index` (material's search_index.json form: config and docs) into `folder` (the
    edition's search/) as the stub and the pieces; replaces what an earlier build left there."""
    config = index["config"]
    pages = _pages(index["docs"])
    postings = _postings(pages, config)
    shards = _shards(postings)
    out = folder / FOLDER
    if out.exists():
        shutil.rmtree(out)  # a word or page gone since the last build must not be found
    (out / "t").mkdir(parents=True)
    (out / "p").mkdir()
    written = hashlib.sha256()  # of every piece: the worker asks for `?v=` it, so no cache serves an old one
    size = sum(_write(out / "t" / f"{shard_file(key)}.json", data, written) for key, data in shards.items())
    for n, docs in enumerate(pages):
        size += _write(out / "p" / f"{n}.json", _json([_shown(doc) for doc in docs]), written)
    size += _write(out / "keys.json", _json(sorted(shards)), written)
    pieces = {"stride": _stride(pages), "documents": sum(map(len, pages)), "version": written.hexdigest()[:12]}
    stub = {**index, "config": {**config, CONFIG_KEY: pieces}, "docs": []}
    size += _write(folder / "search_index.json", _json(stub), written)
    return Written(sum(map(len, pages)), len(pages), len(postings), len(shards), size)


def read_index(folder: Path) -> dict[str, Any]:
    """An edition's search index (`folder`: its search/) as one material search_index.json
    would hold it: the stub's config, the pieces' documents. For tests and tools."""
    stub = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    return {**stub, "docs": [*stub["docs"], *read_documents(folder)]}


def read_documents(folder: Path) -> list[dict[str, Any]]:
    """The documents the pieces in `folder` (an edition's search/) show, in page order, as
    material's index held them (location, title, text, tags): for tests and tools."""
    pages = folder / FOLDER / "p"
    docs = []
    for n in range(len(list(pages.glob("*.json")))):
        for row in json.loads((pages / f"{n}.json").read_text(encoding="utf-8")):
            doc = {"location": row[0], "title": row[1], "text": row[2]}
            if len(row) > 3:
                doc["tags"] = row[3]
            docs.append(doc)
    return docs


def shard_file(key: str) -> str:
    """A shard's file name: its key's characters as hexadecimal code points (any character is
    then a safe, case-distinct name on every file system and web server)."""
    return "-".join(f"{ord(ch):x}" for ch in key)


def shard_key(word: str, depth: int = 0) -> str:
    """A word's shard before any split: its first character if Chinese (or any character that
    is not a Latin letter or digit), else its first two; `depth` more for a split shard."""
    first = 1 if not word[:1].isascii() else 2
    return word[: first + depth]


def tokens(text: str, separator: re.Pattern[str]) -> Iterator[str]:
    """The words lunr indexes of a field's text: tags dropped, entities read, cut at the index's
    separator, lower case, without stop words."""
    plain = html.unescape(_TAG.sub(" ", text))
    # and at the zero-width spaces jieba's cut leaves between Chinese words (search.segmenter),
    # which the English edition's separator does not name
    for word in _WORDS.split(separator.sub("\u200b", plain.lower())):
        if word and word not in STOP_WORDS:
            yield word


# ---------------------------------------------------------------------------------------------


def _pages(docs: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The documents by page, each page's own first (material's order: the page, then its
    sections; a data page's entries come in that order too)."""
    by_page: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        entries = by_page.setdefault(page, [])
        if doc["location"] == page:
            entries.insert(0, doc)
        else:
            entries.append(doc)
    return list(by_page.values())


def _stride(pages: list[list[dict[str, Any]]]) -> int:
    """A document's number is its page's number × stride + its place on the page: the worker
    finds the page's file from the number alone."""
    most = max((len(docs) for docs in pages), default=1)
    return 1 << max(most - 1, 1).bit_length()


def _postings(pages: list[list[dict[str, Any]]], config: dict[str, Any]) -> dict[str, array[int]]:
    """Each word → its documents, each packed in one integer (`_pack`): the weight for each field
    the word is in, lunr's saturated term frequency (b = 0, as material sets it) times the field's
    boost. Eight bytes a posting: at 5,000 regions there are millions."""
    separator = re.compile(config["separator"])
    boosts = {field: float(spec.get("boost", 1.0)) for field, spec in config["fields"].items()}
    stride = _stride(pages)
    postings: dict[str, array[int]] = defaultdict(lambda: array("q"))
    for n, docs in enumerate(pages):
        for i, doc in enumerate(docs):
            weights: dict[str, float] = defaultdict(float)
            for field, boost in boosts.items():
                value = doc.get(field)
                if not value:
                    continue
                counts: dict[str, int] = defaultdict(int)
                for text in value if isinstance(value, list) else [value]:
                    for word in tokens(str(text), separator):
                        counts[word] += 1
                for word, tf in counts.items():
                    weights[word] += boost * tf * (K1 + 1) / (tf + K1)
            number = n * stride + i
            for word, weight in weights.items():
                postings[word].append(_pack(number, _level(weight)))
    return postings


_NUMBER = (1 << 40) - 1


def _pack(number: int, level: int) -> int:
    """A posting as one integer whose order is the ranking: higher level first, then the lower
    document number."""
    return level << 40 | (_NUMBER - number)


def _level(weight: float) -> int:
    """A weight as a small whole number: eighths of its binary logarithm (weights run from
    about 1 to 2.2 million: 0–170)."""
    return max(0, round(8 * math.log2(max(weight, 1.0))))


def _entry(found: array[int]) -> list[int]:
    """A word's entry in its shard: how many documents it is in, then the best `POSTINGS` of them
    as number, level, number, level …"""
    best = sorted(found, reverse=True)[:POSTINGS]
    return [len(found), *(value for packed in best for value in (_NUMBER - (packed & _NUMBER), packed >> 40))]


def _shards(postings: dict[str, array[int]]) -> dict[str, bytes]:
    """The words by shard key, each shard split by the next character while it is too large; each
    shard as the JSON that is written (encoded once: the size that decides a split is the file's)."""
    entries = {word: _entry(found) for word, found in postings.items()}
    shards: dict[str, bytes] = {}
    pending: list[tuple[int, dict[str, dict[str, list[int]]]]] = [(0, _by_key(entries, 0))]
    while pending:
        depth, groups = pending.pop()
        for key, words in groups.items():
            data = _json(words)
            if len(data) <= SHARD_BYTES or all(len(word) <= len(key) for word in words):
                shards[key] = data
                continue
            # the words that end at the key stay in its shard; the longer ones go one deeper
            stay = {word: entry for word, entry in words.items() if len(word) <= len(key)}
            if stay:
                shards[key] = _json(stay)
            pending.append((depth + 1, _by_key({w: e for w, e in words.items() if len(w) > len(key)}, depth + 1)))
    return shards


def _by_key(entries: dict[str, list[int]], depth: int) -> dict[str, dict[str, list[int]]]:
    groups: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, entry in entries.items():
        groups[shard_key(word, depth)][word] = entry
    return groups


def _shown(doc: dict[str, Any]) -> list[Any]:
    """A document as a result shows it: location, title, text, and tags if it has any."""
    row = [doc["location"], doc.get("title", ""), doc.get("text", "")]
    if doc.get("tags"):
        row.append(doc["tags"])
    return row


@functools.cache
def _encoder() -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> bytes:
    return _encoder().encode(value).encode("utf-8")


def _write(path: Path, data: bytes, digest: Any) -> int:
    digest.update(data)
    path.write_bytes(data)
    return len(data)
