"""The value text of every fact and target of the real data, in both editions, as a reader reads it.

tests/golden/values.txt lists, for every record, `region/id  中文 | English` — the text a region
page shows (`Ctx.plain_value`: unit, qualifier, written form, ranking place). A change to how a
number reads shows up in review as a line of that file. `pytest --update-golden` rewrites it:
read the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import text as tx
from generator.indexes import Index
from generator.load import Dataset
from generator.pages.base import Ctx
from generator.pipeline import validate
from generator.problems import errors

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).with_name("golden") / "values.txt"
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = validate(ROOT)
    assert errors(problems) == [], [p.format() for p in problems]
    return dataset


def values(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(region/id, Chinese value text, English value text) of every fact and target."""
    zh, en = (Ctx(dataset, Index(dataset), tx.Lang(lang)) for lang in ("zh", "en"))
    return [
        (f"{region.id}/{record.id}", zh.plain_value(record), en.plain_value(record))
        for region in sorted(dataset.regions.values(), key=lambda r: r.id)
        for record in (*region.facts, *region.targets)
    ]


def test_every_value_reads_as_the_golden_file_says(real: Dataset, request: pytest.FixtureRequest) -> None:
    lines = [f"{key}  {zh} | {en}" for key, zh, en in values(real)]
    made = "# every fact and target: region/id  中文 | English (tests/test_values_golden.py)\n" + "\n".join(lines) + "\n"
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(made, encoding="utf-8")
    assert GOLDEN.exists(), f"no {GOLDEN}; run pytest --update-golden and read what it wrote"
    assert made == GOLDEN.read_text(encoding="utf-8")


def test_no_value_reads_like_machine_output(real: Dataset) -> None:
    """What a person never writes: a written form beside its digits (三 = 3个, 千企（1000家）), a
    unit's gloss (个/项, 颗（卫星）), a rank as a count (1名次, 1 rank), 3多倍, Chinese in English."""
    for key, zh, en in values(real):
        assert not re.search(r" = |（[0-9.]+|[个颗款次台件票人]（|个/项|名次|[0-9]多倍", zh), (key, zh)
        assert not _CJK.search(en) and not re.search(r"\brank\b|\b1 [a-z]+s\b|^2 times$", en), (key, en)


def test_ranks_name_their_place_and_words_stay_words(real: Dataset) -> None:
    said = {key: (zh, en) for key, zh, en in values(real)}
    assert said["yizhuang/industrial-output-rank-2023"] == ("北京第一", "1st in Beijing")
    assert said["fangchenggang/industrial-value-added-doubled"] == ("翻番", "doubled")
    assert said["yizhuang/robotics-specialized-share"] == ("三分之一", "a third")
    assert said["yizhuang/invention-patents-core-ratio-2023"] == ("3倍多", "more than 3 times")
