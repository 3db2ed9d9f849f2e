"""`python -m generator draft` (issue 22) on a synthetic article that exercises every rule:
targets (到2026年, 力争, 计划, 明年), an event with its date, a range, the qualifiers, scale words,
a number in characters, a plan name excluded, a scope, a firm as subject. The draft validates,
covers every number of the article, is marked for review, and never overwrites anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import draftfile, scaffold
from generator import models as m
from generator.coverage import coverage
from generator.load import load
from generator.pipeline import validate
from generator.problems import drafts, errors

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "fixtures" / "draft" / "900_qinghu_draft.txt"
FILE = "900_qinghu_draft.txt"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ with the article archived and a region (with a 核心区 scope) drafted from it."""
    root = tmp_path_factory.mktemp("draft")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ARTICLE, root / "data" / "sources" / FILE)
    path = scaffold.new_region(root, "qinghu", "江苏省", "清湖高新技术产业开发区", "Qinghu High-tech Zone", "national_zone")
    text = path.read_text(encoding="utf-8").replace("  scopes: []", "  scopes:\n    - {id: core-area, name: {zh: 核心区, en: Core area}}")
    path.write_text(text, encoding="utf-8")
    code, message = draftfile.run(root, f"data/sources/{FILE}", "qinghu", None, None, None)
    assert code == 0, message
    return root


def _region(root: Path) -> m.Region:
    return load(root)[0].regions["qinghu"]


def _fact(region: m.Region, value: float) -> m.Fact | m.Target:
    return next(q for q in [*region.facts, *region.targets] if q.value == value)


def test_the_draft_validates_and_covers_every_number(drafted: Path) -> None:
    dataset, problems = validate(drafted)
    assert not errors(problems)
    _total, missing = coverage(dataset)
    assert [u.format() for u in missing if u.file == FILE] == []


def test_figures_values_scales_qualifiers_and_periods(drafted: Path) -> None:
    region = _region(drafted)
    output = _fact(region, 860)
    assert (output.metric, output.scale, output.unit, output.qualifier) == ("industrial_output", "亿", "yuan", "突破")
    assert isinstance(output, m.Fact) and output.period == "2023" and not output.inferred
    firms = _fact(region, 320)
    assert (firms.metric, firms.qualifier) == ("high_tech_enterprises", "余")
    assert isinstance(firms, m.Fact) and (firms.period, firms.inferred) == ("2023-12", True)  # a stock reported for a year
    assert _fact(region, 30).qualifier == "近" and _fact(region, 12).qualifier == "超过" and _fact(region, 420).qualifier == "以上"
    area = _fact(region, 45)
    assert (area.unit, area.qualifier) == ("km2", "约") and isinstance(area, m.Fact) and (area.period, area.inferred) == ("2024-01", True)
    span = _fact(region, 1500)
    assert (span.value_max, span.unit) == (2000, "firms")
    many = _fact(region, 1)
    assert (many.scale, many.written, many.qualifier) == ("万", "一万", "超过")  # 超过一万家
    assert _fact(region, 120).scope == "core-area"
    invest = _fact(region, 3.5)
    assert (invest.scale, invest.qualifier) == ("亿", "约") and invest.subject is not None
    assert invest.subject.zh == "清湖智造科技股份有限公司"


def test_targets_and_their_deadlines(drafted: Path) -> None:
    region = _region(drafted)
    deadlines = {t.value: (t.deadline, t.inferred) for t in region.targets}
    assert deadlines[500] == ("2026", False)  # 到2026年
    assert deadlines[400] == ("2024", True)  # 力争今年
    assert deadlines[20] == ("2027", False)  # 计划到2027年
    assert deadlines[40] == ("2025", True)  # 明年, on a page of 2024
    assert all(t.status == "planned" for t in region.targets)


def test_events_and_exclusions(drafted: Path) -> None:
    region = _region(drafted)
    assert [(e.date, e.type) for e in region.events] == [("2024-01-15", "plan")]
    reasons = {x.quote: x.reason for x in region.excluded}
    assert any("十四五" in quote and "five-year plan" in why for quote, why in reasons.items())


def test_every_record_and_the_article_carry_the_draft_mark(drafted: Path) -> None:
    dataset, problems = validate(drafted)
    region = dataset.regions["qinghu"]
    records: list[m.Quoted] = [*region.facts, *region.targets, *region.events, *region.excluded]
    assert records and all(r.draft for r in records)
    article = next(a for a in dataset.articles.values() if a.file == FILE)
    assert article.draft and article.inferred and article.authors == ["王青", "赵林"]
    marked = [p for p in drafts(problems) if "not yet reviewed" in p.message]
    assert len(marked) == len(records) + 1  # each at its file:line: `mkdocs build` refuses drafts
    assert all(p.file in ("data/regions/qinghu.yml", "data/sources/articles.yml") and p.line > 1 for p in marked)


def test_removing_the_marks_leaves_no_drafted_record(drafted: Path, tmp_path: Path) -> None:
    root = tmp_path / "reviewed"
    shutil.copytree(drafted / "data", root / "data")
    for path in (root / "data/regions/qinghu.yml", root / "data/sources/articles.yml"):
        kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.strip() != "draft: true"]
        path.write_text("".join(kept), encoding="utf-8")
    _, problems = validate(root)
    assert not errors(problems)
    assert not [p for p in drafts(problems) if "not yet reviewed" in p.message]


def test_drafting_again_adds_nothing(drafted: Path, tmp_path: Path) -> None:
    root = tmp_path / "again"
    shutil.copytree(drafted / "data", root / "data")
    before = (root / "data/regions/qinghu.yml").read_text(encoding="utf-8")
    code, message = draftfile.run(root, FILE, "qinghu", None, None, None)
    assert code == 0, message
    assert "0 facts, 0 events, 0 targets, 0 excluded" in message
    assert (root / "data/regions/qinghu.yml").read_text(encoding="utf-8") == before


def test_a_draft_that_does_not_validate_restores_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ARTICLE, tmp_path / "data" / "sources" / FILE)
    articles = (tmp_path / "data/sources/articles.yml").read_text(encoding="utf-8")
    monkeypatch.setattr(draftfile, "record_yaml", lambda item: "  - {id: broken, value: 12亿}\n")
    code, message = draftfile.run(tmp_path, FILE, "qinghu", None, None, None)
    assert code == 1 and "data/regions/qinghu.yml:" in message  # the problems name file:line
    assert not (tmp_path / "data/regions/qinghu.yml").exists()  # the new region's file is gone again
    assert (tmp_path / "data/sources/articles.yml").read_text(encoding="utf-8") == articles


def test_append_keeps_comments_and_fills_empty_lists() -> None:
    text = "profile: {}\n\nfacts:\n  - id: a\n    value: 1\n  # a comment after the last fact\n\nevents: []  # none yet\n"
    out = draftfile.append(text, "facts", "  - id: b\n")
    assert out == "profile: {}\n\nfacts:\n  - id: a\n    value: 1\n  - id: b\n  # a comment after the last fact\n\nevents: []  # none yet\n"
    assert draftfile.append(text, "events", "  - id: e\n").endswith("events:\n  - id: e\n")
    assert draftfile.append("profile: {}\n", "targets", "  - id: t\n").endswith("\ntargets:\n  - id: t\n")


def test_a_new_region_gets_no_invented_province_or_coordinates(tmp_path: Path) -> None:
    """The article names no province: the skeleton leaves it out (shown as not stated) instead of
    failing or guessing, and never writes coordinates an article does not give."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = ARTICLE.read_text(encoding="utf-8").replace("位于江苏省清湖市西部", "位于清湖市西部")
    (tmp_path / "data" / "sources" / FILE).write_text(text, encoding="utf-8")
    code, message = draftfile.run(tmp_path, FILE, "qinghu", None, None, None)
    assert code == 0, message
    profile = _region(tmp_path).profile
    assert profile.province is None and profile.coordinates is None
    written = (tmp_path / "data/regions/qinghu.yml").read_text(encoding="utf-8")
    assert "\n  # province: " in written and "\n  # coordinates: " in written
