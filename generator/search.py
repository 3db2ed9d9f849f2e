"""Chinese search: the names jieba must keep whole when material's search segments the pages.

The search plugin segments Chinese with jieba at build time; without a user dictionary it cuts
北京经济技术开发区 or 防城港 into pieces, and a search for the whole name finds nothing. The plugin
hands this dictionary to the search plugin (its `jieba_dict_user` option); the downloads page
publishes it too.
"""

from __future__ import annotations

from generator.load import Dataset

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
