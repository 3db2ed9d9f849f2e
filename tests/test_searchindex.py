"""The search index in pieces (generator/searchindex.py): what the worker relies on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from generator import searchindex
from generator.searchindex import POSTINGS, SHARD_BYTES, read_documents, read_index, shard_file, write

CONFIG = {
    "lang": ["en"],
    "separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}, "names": {"boost": 1000.0}},
}
SYLLABLES = "云江河山海林石金玉明新安华宁平东西南北中长兴和泰丰盛嘉瑞德祥福鑫源清湖桥峰岭川"


def _region(i: int) -> list[dict[str, Any]]:
    """A region page's documents as search.py writes them: the page (names), then facts."""
    name = "江" + SYLLABLES[i % 36] + SYLLABLES[i // 36 % 36] + "经开区"  # 5,000 names on one first character
    page = f"regions/zone-{i}/"
    return [
        {"location": page, "title": name, "text": f"{name} · 国家级\u200b开发区", "tags": [name], "names": [name, f"Zone {i}"]},
        *({"location": f"{page}#fact-{k}", "title": f"工业\u200b总产值\u200b {k}\u200b亿元", "text": ""} for k in range(3)),
    ]


def _keys(folder: Path) -> list[str]:
    return list(json.loads((folder / "zr" / "keys.json").read_text(encoding="utf-8")))


def _shard(folder: Path, key: str) -> dict[str, list[int]]:
    return dict(json.loads((folder / "zr" / "t" / f"{shard_file(key)}.json").read_text(encoding="utf-8")))


def test_a_word_is_in_the_deepest_shard_its_key_starts_and_every_shard_is_bounded(tmp_path: Path) -> None:
    """5,000 names that share their first character: the shard 江 is split by the next
    characters until each piece is under SHARD_BYTES, and each word sits in the shard of the
    longest key it starts with — where the worker looks for it."""
    docs = [doc for i in range(5_000) for doc in _region(i)]
    write({"config": CONFIG, "docs": docs}, tmp_path)
    keys = _keys(tmp_path)
    assert "江" not in keys or len(_shard(tmp_path, "江")) < 100  # split: not 5,000 names in one file
    where: dict[str, str] = {}
    for key in keys:
        shard = _shard(tmp_path, key)
        assert len(json.dumps(shard, ensure_ascii=False, separators=(",", ":")).encode()) <= SHARD_BYTES or len(shard) == 1, key
        for word in shard:
            assert word.startswith(key), (word, key)
            where[word] = key
    for word, key in where.items():
        assert key == max((k for k in keys if word.startswith(k)), key=len), word


def test_a_word_keeps_its_best_documents_and_counts_them_all(tmp_path: Path) -> None:
    """工业 is in every fact of 5,000 regions: its entry lists POSTINGS documents, best first, and
    how many there are in all (the worker's idf)."""
    docs = [doc for i in range(1_000) for doc in _region(i)]
    write({"config": CONFIG, "docs": docs}, tmp_path)
    keys = [k for k in _keys(tmp_path) if "工业".startswith(k)]
    entry = next(_shard(tmp_path, k)["工业"] for k in keys if "工业" in _shard(tmp_path, k))
    assert entry[0] == 3_000
    levels = entry[2::2]
    assert len(levels) == POSTINGS and levels == sorted(levels, reverse=True)


def test_names_weigh_as_titles_and_tags_most(tmp_path: Path) -> None:
    docs = _region(0)
    write({"config": CONFIG, "docs": docs}, tmp_path)
    stub = json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))
    stride = stub["config"]["zr"]["stride"]
    name = docs[0]["title"]
    entry = next(_shard(tmp_path, k)[name] for k in _keys(tmp_path) if name in _shard(tmp_path, k))
    assert entry[1] == 0  # the page, number 0
    by_zone = next(_shard(tmp_path, k)["zone"] for k in _keys(tmp_path) if "zone" in _shard(tmp_path, k))
    assert entry[2] > by_zone[2]  # in its tags (and title, names) against only in its names
    assert stride >= len(docs)


def test_what_a_result_shows_is_what_the_index_held(tmp_path: Path) -> None:
    docs = [doc for i in range(40) for doc in _region(i)]
    write({"config": CONFIG, "docs": docs}, tmp_path)
    shown = [{key: doc[key] for key in ("location", "title", "text", "tags") if key in doc} for doc in docs]
    assert read_documents(tmp_path) == shown
    index = read_index(tmp_path)
    assert index["docs"] == shown and index["config"]["fields"] == CONFIG["fields"]
    stub = json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []  # no page load downloads the index


def test_a_rebuild_leaves_no_word_of_the_last(tmp_path: Path) -> None:
    write({"config": CONFIG, "docs": _region(0)}, tmp_path)
    write({"config": CONFIG, "docs": [{"location": "a/", "title": "新的", "text": ""}]}, tmp_path)
    words = {word for key in _keys(tmp_path) for word in _shard(tmp_path, key)}
    assert words == {"新的"}
    assert len(list((tmp_path / "zr" / "t").iterdir())) == len(_keys(tmp_path))


def test_tokens_are_lunrs() -> None:
    separator = re.compile(str(CONFIG["separator"]))
    assert list(searchindex.tokens("<p>The Robots&amp;AI</p> 工业\u200b总产值", separator)) == ["robots&ai", "工业", "总产值"]
