from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.sources import SourceText, squeeze

TEXT = "## 标题\n亦庄 的国家级高 新技术企业突破2100家,\n\n路测里程 2000 万公 里。\n第二篇\u3000上海"


def test_squeeze_removes_every_kind_of_whitespace() -> None:
    assert squeeze(" 2000 万公\t里\n\u3000达 到\u00a050.2 件\r\n") == "2000万公里达到50.2件"


def test_lines_are_counted_like_an_editor() -> None:
    assert SourceText("a", TEXT).line_count == 5
    assert SourceText("a", TEXT + "\n").line_count == 5  # a final newline does not start a line (it used to)
    assert SourceText("a", TEXT + "\n\n").line_count == 6  # but an empty line before it is one
    assert SourceText("a", "").line_count == 1


def test_line_at_maps_stripped_positions_to_lines() -> None:
    source = SourceText("a", TEXT)
    assert source.line_at(source.stripped.index("标题")) == 1
    assert source.line_at(source.stripped.index("2100")) == 2
    assert source.line_at(source.stripped.index("路测")) == 4  # line 3 is empty
    assert source.line_at(source.stripped.index("上海")) == 5


def test_find_ignores_whitespace_on_either_side() -> None:
    source = SourceText("a", TEXT)
    start, end = source.find("路测里程2000 万公里", [(1, 5)]) or (0, 0)
    assert source.stripped[start:end] == "路测里程2000万公里"
    assert source.find("突破2100家,路测里程", [(2, 4)]) is not None  # across line breaks and an empty line


def test_find_only_within_the_given_lines() -> None:
    source = SourceText("a", TEXT)
    assert source.find("上海", [(1, 4)]) is None
    assert source.find("上海", [(1, 2), (5, 5)]) is not None
    assert source.find("", [(1, 5)]) is None
    assert source.find("   ", [(1, 5)]) is None


def test_a_quote_across_two_separate_ranges_is_not_found() -> None:
    source = SourceText("a", "一\n二\n三")
    assert source.find("一二", [(1, 1), (2, 2)]) is None
    assert source.find("一二", [(1, 2)]) is not None


def test_find_anywhere_gives_the_line() -> None:
    source = SourceText("a", TEXT)
    assert source.find_anywhere("第 二篇") == 5
    assert source.find_anywhere("浦东") is None
    assert source.find_anywhere(" ") is None  # used to say line 1: "" is found everywhere


def test_longest_prefix_says_where_a_quote_diverges() -> None:
    source = SourceText("a", TEXT)
    assert source.longest_prefix("路测里程 2000 公里", [(1, 5)]) == (8, 4)
    assert source.longest_prefix("浦东新区", [(1, 5)]) == (0, 0)
    assert source.longest_prefix("上海", [(1, 4)]) == (0, 0)


def test_span_of_lines() -> None:
    source = SourceText("a", "ab\ncd\n\nef")
    assert source.span(1, 1) == (0, 2)
    assert source.span(2, 4) == (2, 6)
    assert source.span(3, 3) == (4, 4)


# ---------------------------------------------------------------------------------------------
# properties

_LINES = st.lists(st.text(alphabet=st.sampled_from(list("亦庄20 万\u3000.,")), max_size=8), min_size=1, max_size=8)


@given(st.text())
def test_squeeze_leaves_no_whitespace_and_is_idempotent(text: str) -> None:
    squeezed = squeeze(text)
    assert not any(c.isspace() for c in squeezed)
    assert squeeze(squeezed) == squeezed
    assert squeezed == "".join(c for c in text if not c.isspace())


@given(_LINES)
def test_line_at_agrees_with_the_original_lines(lines: list[str]) -> None:
    source = SourceText("a", "\n".join(lines))
    assert source.stripped == squeeze("".join(lines))
    for index in range(len(source.stripped)):
        line = source.line_at(index)
        # the character at `index` is on that line: count the non-space characters before it
        before = sum(len(squeeze(text)) for text in lines[: line - 1])
        assert before <= index < before + len(squeeze(lines[line - 1]))


@given(_LINES, st.data())
def test_find_and_line_at_are_consistent(lines: list[str], data: st.DataObject) -> None:
    """Any piece cut from the text is found, at a place whose line holds the piece's first character."""
    source = SourceText("a", "\n".join(lines))
    if not source.stripped:
        return
    start = data.draw(st.integers(0, len(source.stripped) - 1))
    end = data.draw(st.integers(start + 1, len(source.stripped)))
    piece = source.stripped[start:end]
    hit = source.find(piece, [(1, source.line_count)])
    assert hit is not None
    assert source.stripped[hit[0] : hit[1]] == piece
    assert hit[0] <= start  # the first occurrence
    first = source.line_at(hit[0])
    assert piece[0] in squeeze(lines[first - 1])
    assert source.find_anywhere(piece) == first
    # and restricted to the lines it spans, it is still found
    assert source.find(piece, [(first, source.line_at(hit[1] - 1))]) is not None
