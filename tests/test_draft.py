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
    return _drafted_copy(tmp_path_factory.mktemp("draft"), ARTICLE, "qinghu", "清湖高新技术产业开发区", "Qinghu High-tech Zone")


def _drafted_copy(root: Path, article: Path, region: str, zh: str, en: str) -> Path:
    """A copy of data/ in `root` with `article` archived and a new region (with a 核心区 scope) drafted from it."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(article, root / "data" / "sources" / article.name)
    path = scaffold.new_region(root, region, "江苏省", zh, en, "national_zone")
    text = path.read_text(encoding="utf-8").replace("  scopes: []", "  scopes:\n    - {id: core-area, name: {zh: 核心区, en: Core area}}")
    path.write_text(text, encoding="utf-8")
    code, message = draftfile.run(root, f"data/sources/{article.name}", region, None, None, None)
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


# ------------------------------------------------------------------------------------------------
# A second synthetic article (901_lanshan_draft.txt, a page of 2024-03) with one paragraph per
# reading rule added to reach the accuracy goals; each test below names the rule it guards.

LANSHAN = "901_lanshan_draft.txt"


@pytest.fixture(scope="module")
def lanshan_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _drafted_copy(tmp_path_factory.mktemp("lanshan"), ARTICLE.parent / LANSHAN, "lanshan", "蓝山经济技术开发区", "Lanshan ETDZ")


@pytest.fixture(scope="module")
def lanshan(lanshan_root: Path) -> m.Region:
    return load(lanshan_root)[0].regions["lanshan"]


def _at(region: m.Region, value: float, unit: str | None = None) -> m.Fact | m.Target:
    found = [q for q in [*region.facts, *region.targets] if q.value == value and unit in (None, q.unit)]
    assert len(found) == 1, [(q.metric, q.quote) for q in found]
    return found[0]


def _when(q: m.Fact | m.Target) -> tuple[str, bool]:
    return (q.period if isinstance(q, m.Fact) else q.deadline), q.inferred


def test_years_said_relative_to_the_page(lanshan: m.Region) -> None:
    assert _when(_at(lanshan, 620)) == ("2023", True)  # 去年 on a page of 2024
    assert _when(_at(lanshan, 2, "users")) == ("2024-01", False)  # 截至2024年初
    assert _when(_at(lanshan, 50, "km2")) == ("2024-01", True)  # 新年伊始
    assert [(e.date, e.inferred) for e in lanshan.events if "近日" in e.quote] == [("2024", True)]


def test_spans_of_years(lanshan: m.Region) -> None:
    assert _when(_at(lanshan, 40)) == ("2022/2023", True)  # 近两年
    assert _when(_at(lanshan, 6, "hkd")) == ("2024/2028", True)  # 未来5年
    assert _when(_at(lanshan, 500)) == ("2021/2023", True)  # 三年行动以来
    assert _when(_at(lanshan, 1000, "satellites")) == ("2033", True)  # 到2028年……；再用5年
    assert isinstance(_at(lanshan, 1000, "satellites"), m.Target)


def test_totals_to_date_rates_and_undated_flows(lanshan: m.Region) -> None:
    assert _when(_at(lanshan, 2000)) == ("../2024-03", True)  # 累计
    assert _when(_at(lanshan, 45)) == ("../2024-03", True)  # 2022年起……共
    assert _when(_at(lanshan, 10)) == ("2024-03", True)  # 每年: a rate in force
    assert _when(_at(lanshan, 900)) == ("2023", True)  # a flow with no date: the last full year
    assert _when(_at(lanshan, 3, "times")) == ("2023", False)  # 比上一年增长近3倍: that year's, not its end


def test_dates_of_other_sentences_and_nouns(lanshan: m.Region) -> None:
    assert _when(_at(lanshan, 3, "gw")) == ("2024-03", True)  # 2015年创办的: the firm's founding, not the figure's
    assert _when(_at(lanshan, 11)) == ("2024-02-03", True)  # 2月3日 earlier in the paragraph
    assert _when(_at(lanshan, 9)) == ("2024-02-03", True)  # 几小时后: the day before it
    assert _when(_at(lanshan, 12)) == ("2025", True)  # 4月开建，明年投用: the deadline is the last date
    assert not [e for e in lanshan.events if e.date in ("2024-04", "2025")]  # dates to come are no events


def test_a_range_of_days_is_one_event(lanshan: m.Region) -> None:
    ranged = [e for e in lanshan.events if "迁改" in e.quote]
    assert [(e.date, [r.quote for r in e.reports]) for e in ranged] == [("2024-03-02", ["3月3日，东区电力线路迁改现场一片繁忙"])]


def test_events_said_with_other_words(lanshan: m.Region) -> None:
    types = {e.date: e.type for e in lanshan.events}
    assert (types["2022"], types["2024-01"], types["2024-02-22"]) == ("policy", "milestone", "milestone")  # 公布, 首获许可, 发表


def test_units_printed_elsewhere(lanshan: m.Region) -> None:
    assert (_at(lanshan, 2, "users").scale, _at(lanshan, 2, "users").metric) == ("亿", "monthly_active_users")  # 用户……超过2亿
    space = _at(lanshan, 300)
    assert (space.scale, space.unit, space.metric) == ("亿", "yuan", "industry_scale")  # 300亿级产业集群
    assert (_at(lanshan, 1000, "yuan").scale, _at(lanshan, 1000, "yuan").metric) == ("亿", "commercial_space_revenue")  # 千亿营收
    assert _at(lanshan, 135).unit == "warehouses" and _at(lanshan, 170).unit == "projects"  # 海外仓135个, 项目共170项
    assert any("'rocket_models'" in x.reason for x in lanshan.excluded)  # 5个型号 (of rockets)


def test_magnitudes_and_fractions(lanshan: m.Region) -> None:
    disc = _at(lanshan, 1, "times")
    assert (disc.scale, disc.written, disc.metric) == ("万", "上万倍", "storage_multiple_vs_optical_disc")
    third = _at(lanshan, 33.3)
    assert (third.unit, third.written, third.metric) == ("percent", "三分之一", "robotics_specialized_share")


def test_each_figure_has_its_own_words(lanshan: m.Region) -> None:
    """和 between two figures of a clause; a project named after a figure ends its quote."""
    fund = _at(lanshan, 10)
    assert fund.metric == "annual_talent_fund" and [r.quote for r in fund.reports] == ["园区设立每年10亿元的人才专项资金"]
    assert _at(lanshan, 100).metric == "government_guidance_fund"
    project = _at(lanshan, 7, "yuan")
    assert project.quote.endswith("合资项目") and project.metric != "signed_project_investment"
    assert _at(lanshan, 4).metric == "firm_revenue"  # 营业收入 is printed nearer the number than 签约


def test_one_figure_printed_with_and_without_its_scope(lanshan: m.Region) -> None:
    share = _at(lanshan, 35)
    assert share.scope == "core-area" and [r.quote for r in share.reports] == ["2023年园区贡献了全市近35%的工业增加值"]


def test_an_industry_named_in_the_paragraph(lanshan: m.Region) -> None:
    drugs = _at(lanshan, 18)
    assert (drugs.metric, drugs.cluster) == ("cgt_drugs_in_clinical_trials", "biotech_health")  # 生物医药 a sentence before


def test_money_said_of_a_project_is_that_projects(lanshan_root: Path) -> None:
    """总投资7亿元的…合资项目: one project's metrics come first, so the project's total investment is
    among the three written for the reviewer (the chosen one and the comment beside it)."""
    text = (lanshan_root / "data/regions/lanshan.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "value: 7")
    assert "project_total_investment" in lines[at - 1], lines[at - 1]  # the metric line and its comment


def test_the_noun_a_counter_counts_is_the_nearest_after_it(lanshan: m.Region) -> None:
    fields = _at(lanshan, 7, "fields")  # 7个产业领域成立了工作专班: fields, not task forces
    assert (fields.metric, _when(fields)) == ("industry_fields_with_task_forces", ("2023-12", True))


def test_a_size_with_no_date_is_the_present_one(lanshan: m.Region) -> None:
    assert _when(_at(lanshan, 2800)) == ("2024-03", True)  # 产业规模超2800亿元 (not 2023's flow)
    assert _when(_at(lanshan, 7, "yuan")) == ("2024-03", True)  # 总投资7亿元


def test_a_blank_line_ends_a_sentence(lanshan: m.Region) -> None:
    """…到2025年……1200家至1800 ⏎⏎ 园区平台已接入……: the next paragraph is no target of 2025."""
    assert isinstance(_at(lanshan, 8000), m.Fact) and _when(_at(lanshan, 8000)) == ("2024-03", True)


def test_works_begun_in_a_dated_paragraph_are_events(lanshan: m.Region) -> None:
    """A、B等重大项目开工建设，C项目试生产 after 2023年 in the paragraph: an event per work."""
    works = [(e.quote, e.date, e.type) for e in lanshan.events if "项目" in e.quote]
    assert works == [
        ("蓝山光伏项目、蓝山储能项目等重大项目开工建设", "2023", "project"),
        ("蓝山储能项目等重大项目开工建设", "2023", "project"),
        ("蓝山氢能二期项目试生产", "2023", "milestone"),
    ]
