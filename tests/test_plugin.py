"""Pieces of the MkDocs glue that a build test would not show: jieba's remembered segmentations."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from generator import plugin
from generator.plugin import _MemoCut

pytestmark = pytest.mark.filterwarnings("ignore:pkg_resources is deprecated")  # jieba's import, not ours


@pytest.fixture
def jieba() -> ModuleType:
    import jieba  # in the test, where the filter above applies

    return jieba


def test_remembered_segmentations_are_jiebas_own(jieba: ModuleType) -> None:
    memo = _MemoCut(jieba.cut)
    memo.use("dictionary-1")
    for text in ["北京经济技术开发区集成电路产业", "商业航天火箭", "English and 中文".encode()]:
        assert list(memo(text)) == list(jieba.cut(text))
        assert list(memo(text)) == list(jieba.cut(text))  # from memory, as a fresh iterator
    assert list(memo("火箭", False)) == list(jieba.cut("火箭", False))


def test_segmentations_are_computed_once_per_dictionary() -> None:
    calls: list[object] = []

    def cut(sentence: object, *args: object, **kwargs: object) -> Iterator[str]:
        calls.append(sentence)
        return iter(["火箭", "发射"])

    memo = _MemoCut(cut)
    memo.use("a")
    assert list(memo("火箭发射")) == list(memo("火箭发射")) == ["火箭", "发射"]
    assert calls == ["火箭发射"]
    memo.use("a")
    memo("火箭发射")
    assert len(calls) == 1
    memo.use("b")  # a new user dictionary may segment differently
    memo("火箭发射")
    assert len(calls) == 2
    memo("火箭发射", cut_all=True)  # keywords: not remembered
    memo("火箭发射", cut_all=True)
    assert len(calls) == 4


def test_the_plugin_wraps_jieba_once(jieba: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jieba, "cut", jieba.cut)  # restored after the test
    plugin._remember_segmentations("x")
    wrapped = jieba.cut
    assert isinstance(wrapped, _MemoCut)
    plugin._remember_segmentations("y")
    assert jieba.cut is wrapped and wrapped.dictionary == "y"
