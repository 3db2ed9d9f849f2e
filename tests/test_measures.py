"""What a metric measures (measures.py, markers.py, checks/measures.py), on the real data.

Every existing fact's quote agrees with its metric's dimensions; and the mutation test of the
comparability issue: each fact's metric swapped for each of its look-alikes *as they were declared
by hand before the dimensions existed* must be flagged by `check` (an error, or a warning at the
fact's file:line) at least nine times in ten. The survivors are listed with why each is acceptable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import measures
from generator import models as m
from generator.checks import run_checks
from generator.load import Dataset
from generator.pipeline import validate
from generator.problems import errors

ROOT = Path(__file__).resolve().parents[1]

# The look-alike pairs declared by hand in data/metrics.yml before metrics had dimensions (27).
DECLARED_BEFORE = [
    ("annual_talent_fund", "government_guidance_fund"),
    ("commercial_space_high_tech_enterprises", "high_tech_enterprises"),
    ("commercial_space_revenue", "industry_scale"),
    ("commercial_space_specialized_smes", "specialized_sme_little_giants"),
    ("cross_border_ecommerce_trade", "customs_declarations"),
    ("data_core_enterprises", "data_products_listed"),
    ("data_products_listed", "high_tech_enterprises"),
    ("firm_award_amount", "talent_subsidy_cap_per_firm"),
    ("firm_rd_spending", "rd_spending_share_gdp"),
    ("fixed_asset_investment", "industrial_fixed_asset_investment"),
    ("fixed_asset_investment", "signed_project_investment"),
    ("high_tech_enterprises", "platform_connected_firms"),
    ("high_value_patents_per_10k", "invention_patents_per_10k"),
    ("industrial_fixed_asset_investment_share_of_city", "industrial_value_added_share_of_city"),
    ("industrial_output", "industrial_output_increase"),
    ("industrial_output", "industrial_value_added"),
    ("industrial_output", "industry_scale"),
    ("industrial_output", "robotics_intelligent_manufacturing_output"),
    ("industrial_output_increase", "industrial_value_added"),
    ("industrial_value_added_growth", "industrial_value_added_multiple"),
    ("industry_scale", "robotics_intelligent_manufacturing_output"),
    ("power_project_capacity", "power_project_pipeline"),
    ("project_portfolio_investment", "project_total_investment"),
    ("project_portfolio_investment", "signed_project_investment"),
    ("project_total_investment", "signed_project_investment"),
    ("sei_share_industrial_output", "sei_share_zone"),
    ("storage_multiple_vs_hard_disk", "storage_multiple_vs_optical_disc"),
]
FLAGGED_AT_LEAST = 0.9


@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = validate(ROOT)
    assert errors(problems) == [], [p.format() for p in problems]
    return dataset


def test_every_fact_and_target_agrees_with_its_metric(real: Dataset) -> None:
    names = ["quote_contradicts_metric", "metric_more_specific_than_quote"]
    assert [p.format() for p in run_checks(real, names)] == []


def test_the_registry_declares_by_hand_only_what_the_dimensions_cannot_say(real: Dataset) -> None:
    names = ["look_alike_declared_by_hand", "one_measure_two_metrics", "comparable_is_one_measure"]
    assert [p.format() for p in run_checks(real, names)] == []
    derived = measures.look_alikes(real)
    same_unit = [(a, b) for a, b in DECLARED_BEFORE if real.metrics[a].unit == real.metrics[b].unit]
    # every pair declared before that shares a unit is a look-alike now, derived or still declared
    assert all(any(x.other.id == b for x in derived[a]) for a, b in same_unit)


def _swaps(real: Dataset) -> Iterator[tuple[m.Region, m.Fact | m.Target, str]]:
    partners: dict[str, list[str]] = {}
    for a, b in DECLARED_BEFORE:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for region in real.regions.values():
        for q in [*region.facts, *region.targets]:
            for other in partners.get(q.metric, []):
                yield region, q, other


def _flagged(real: Dataset, q: m.Fact | m.Target, other: str) -> bool:
    """Whether `check` says anything at the record once its metric is `other` (restored after)."""
    own = q.metric
    object.__setattr__(q, "metric", other)  # records are frozen; the swap is undone below
    try:
        file, line = real.where(q)
        last = line + 40  # the record's lines: any problem inside it names it
        return any(p.file == file and line <= p.line <= last and p.severity in ("error", "warning") for p in run_checks(real))
    finally:
        object.__setattr__(q, "metric", own)


def test_swapping_a_metric_for_a_look_alike_is_flagged(real: Dataset) -> None:
    swaps = list(_swaps(real))
    survivors = [(region.id, q.id, q.metric, other) for region, q, other in swaps if not _flagged(real, q, other)]
    assert len(swaps) > 50, "the real data no longer exercises the look-alikes"
    flagged = 1 - len(survivors) / len(swaps)
    print(f"\nflagged {len(swaps) - len(survivors)} of {len(swaps)} swaps ({flagged:.0%}); survivors:")
    for survivor in survivors:
        print("  ", *survivor)
    assert flagged >= FLAGGED_AT_LEAST, survivors


def test_the_grid_marks_shared_only_what_may_be_set_side_by_side(real: Dataset) -> None:
    """'≠ 2个地区' beside 产业规模（口径未说明）: one region's data industry and another's car industry,
    which its comparison page says cannot be compared. A row of a metric of one industry at a time,
    or of magnitudes only, counts no regions as sharing it; a cell names its industry once."""
    from generator import site
    from generator.pages import grid

    ctx = site.context(real, lang="zh")
    rows = {row["id"]: row for row in grid.rows(ctx)}
    assert rows["industry_scale"]["comparable"] is False  # per cluster, and magnitude only
    assert rows["high_tech_enterprises"]["comparable"] is True
    table = grid.html_table(ctx, list(real.regions.values()))
    scale_row = table[table.index('data-metric="industry_scale"') :].split("</tr>")[0]
    assert "zr-shared" not in scale_row
    for region in real.regions.values():
        for cell in grid.cells(ctx, region).values():
            parts = [p for p in cell["about"].split("；") if p]
            assert len(parts) == len(set(parts)), (region.id, cell)


def test_the_comparisons_page_opens_on_what_the_data_can_compare(real: Dataset) -> None:
    """Its first lines say what can be compared today, what cannot and why, counted from the data:
    with today's regions no measure is reported by two, so it says so instead of promising charts."""
    from generator import site

    page = site.build_pages(real, lang="en", parallel=False)["compare/index.md"]
    first = page[page.index("# ") : page.index("## ")]
    assert "No two regions report the same measure yet" in first
    index = site.context(real, lang="en").index  # measures (not per-industry comparisons) fewer than two regions report
    alone = sum(1 for mid in index.facts_by_metric if len({r.id for r, _ in index.facts_of(mid)}) < 2)
    assert f"Measures only one region reports: {alone}." in first
    mini, _ = validate(ROOT / "tests" / "fixtures" / "mini")
    shown = site.build_pages(mini, lang="zh", parallel=False)["compare/index.md"]
    assert "可以并列比较的口径：1个" in shown and "[工业总产值](economy.md#industrial-output)" in shown
