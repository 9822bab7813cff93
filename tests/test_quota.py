"""Plan attainment against hand-computed values (SPEC §6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dvstat import schema
from dvstat.errors import PlanError
from dvstat.model import PlanTarget
from dvstat.periods import term_period, year_period
from dvstat.quota import compute_attainment, measure
from dvstat.readers.plans import parse_plan_grid, read_plan

FAR_FUTURE = date(2030, 1, 1)


def _frame(counts: dict[str, int], year: int = 2023) -> pd.DataFrame:
    branches = [b for b, n in counts.items() for _ in range(n)]
    return pd.DataFrame({schema.BRANCH: branches, schema.ORG: [None] * len(branches),
                         schema.PARENT: [None] * len(branches),
                         schema.ADMISSION_DATE: pd.Timestamp(f"{year}-06-01")})


def _plan(*rows: tuple[str, str, str]) -> list[PlanTarget]:
    return parse_plan_grid([["Đơn vị", "Năm", "Chỉ tiêu"], *[list(r) for r in rows]], "plan.csv")


def test_term_against_the_sum_of_yearly_targets() -> None:
    plan = _plan(*[("Tổng cộng", str(y), str(t)) for y, t in
                   zip(range(2020, 2026), (230, 230, 230, 230, 230, 235), strict=True)])
    total = compute_attainment(_frame({"Chi bộ A": 1481}), None, plan, term_period(2020, 2025),
                               FAR_FUTURE, None)[1]
    assert (total.low, total.admitted, total.attainment_percent, total.status, total.gap) == (
        1385, 1481, 106.93, "exceeded", 96)


def test_a_span_row_wins_over_the_yearly_sum() -> None:
    plan = _plan(("Tổng cộng", "2020-2025", "1400"), ("Tổng cộng", "2020", "10"))
    total = compute_attainment(_frame({"A": 700}), None, plan, term_period(2020, 2025),
                               FAR_FUTURE, None)[1]
    assert (total.low, total.attainment_percent) == (1400, 50.0)


@pytest.mark.parametrize(("admitted", "status", "gap"), [
    (95, "met", 0), (90, "met", 0), (100, "met", 0), (101, "exceeded", 1), (89, "below", -1)])
def test_range_target(admitted: int, status: str, gap: int) -> None:
    row = measure("X", "branch", (90, 100), admitted, None, year_period(2023), FAR_FUTURE)
    assert (row.status, row.gap) == (status, gap)
    assert row.to_dict()["target"] == {"min": 90, "max": 100}


def test_units_zero_no_plan_and_sum_rule() -> None:
    plan = _plan(("Chi bộ A", "2023", "10"), ("B", "2023", "4"), ("Chi bộ C", "2023", "5"))
    units, total, issues = compute_attainment(_frame({"Chi bộ A": 12, "Chi bộ B": 2,
                                                      "Chi bộ D": 3}),
                                              None, plan, year_period(2023), FAR_FUTURE, None)
    by_name = {u.name: u for u in units}
    assert (by_name["Chi bộ A"].attainment_percent, by_name["Chi bộ A"].status) == (120.0,
                                                                                  "exceeded")
    assert (by_name["Chi bộ B"].admitted, by_name["Chi bộ B"].status) == (2, "below")
    assert (by_name["Chi bộ C"].admitted, by_name["Chi bộ C"].attainment_percent) == (0, 0.0)
    assert by_name["Chi bộ D"].status == "no_plan" and by_name["Chi bộ D"].low is None
    assert [u.name for u in units] == ["Chi bộ C", "Chi bộ B", "Chi bộ A", "Chi bộ D"]
    assert (total.low, total.admitted, total.attainment_percent) == (19, 17, 89.47)
    assert [i.code for i in issues] == ["plan-unit-unmatched"]
    assert issues[0].row == 4


def test_whole_scope_row_is_used_instead_of_the_sum() -> None:
    plan = _plan(("A", "2023", "10"), ("Toàn đảng bộ", "2023", "30"))
    total = compute_attainment(_frame({"A": 12}), None, plan, year_period(2023), FAR_FUTURE,
                               None)[1]
    assert (total.low, total.attainment_percent, total.status) == (30, 40.0, "below")


def test_pro_rata_expectation_and_behind_while_the_year_runs() -> None:
    plan = _plan(("A", "2023", "100"), ("B", "2023", "10"))
    as_of = date(2023, 7, 2)  # day 183 of 365
    units, total, _ = compute_attainment(_frame({"A": 40, "B": 6}), None, plan,
                                         year_period(2023), as_of, None)
    by_name = {u.name: u for u in units}
    assert by_name["A"].expected_to_date == 50.1  # 100 × 183 / 365 = 50.14
    assert by_name["A"].behind is True
    assert by_name["B"].expected_to_date == 5.0 and by_name["B"].behind is False
    assert total.expected_to_date == 55.2 and total.behind is True


def test_previous_year_and_change() -> None:
    plan = _plan(("A", "2023", "10"))
    units, total, _ = compute_attainment(_frame({"A": 12}), _frame({"A": 8}, 2022), plan,
                                         year_period(2023), FAR_FUTURE, None)
    assert (units[0].previous_admitted, units[0].change_percent) == (8, 50.0)
    assert (total.previous_admitted, total.change_percent) == (8, 50.0)


@pytest.mark.parametrize(("rows", "needle"), [
    ([["Đơn vị", "Chỉ tiêu"], ["A", "3"]], "Năm/Giai đoạn"),
    ([["Đơn vị", "Năm", "Chỉ tiêu"], ["A", "2023", "mười"]], "dòng 2"),
    ([["Đơn vị", "Năm", "Chỉ tiêu"], ["A", "2023", "-3"]], "dòng 2"),
    ([["Đơn vị", "Năm", "Chỉ tiêu"], ["A", "2023", "3"], ["Chi bộ A", "2023", "4"]],
     "dòng 3: 'Chi bộ A' năm 2023 đã có ở dòng 2"),
])
def test_bad_plans_name_the_row(rows: list[list[str]], needle: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan_grid(rows, "plan.csv")
    assert needle in caught.value.vi


def test_sample_plan_reads() -> None:
    root = Path(__file__).resolve().parent.parent
    targets = read_plan(root / "sample_data" / "chi-tieu-ket-nap.csv")
    assert len(targets) == 3 * 8 + 3
    assert (targets[-2].unit, targets[-2].low, targets[-2].high) == ("Tổng cộng", 60, 70)
    assert (targets[-1].first_year, targets[-1].last_year, targets[-1].low) == (2025, 2030, 320)


def test_init_then_quota_inside_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    import json

    from typer.testing import CliRunner

    from dvstat.cli import app
    from dvstat.writers import samples

    runner = CliRunner()
    folder = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 1 and "--force" in again.output
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["quota", "--year", "2025", "--format", "json",
                                 "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    admitted = [m for m in samples.make_members() if m.admitted.year == 2025]
    assert data["schema"] == "dvstat.quota/1"
    assert data["total"]["admitted"] == len(admitted) == 61
    # the sample plan has no whole-scope row for 2025: the sum of the 8 branches' targets
    plan_2025 = [t for t in read_plan(folder / "chi-tieu-ket-nap.csv")
                 if t.first_year == t.last_year == 2025]
    assert data["total"]["target"] == sum(t.low for t in plan_2025) == 66
    assert data["total"]["attainment_percent"] == 92.42  # 61 × 100 / 66
    assert data["total"]["status"] == "below"
    per_branch = {u["name"]: u["admitted"] for u in data["units"]}
    for branch in samples.BRANCHES:
        assert per_branch[branch] == sum(m.branch == branch for m in admitted)
    summary = runner.invoke(app, ["summarize", "--year", "2025", "--format", "json",
                                  "--as-of", "2026-11-22"])
    assert summary.exit_code == 0
    assert json.loads(summary.stdout)["scope"]["organization"] == samples.ORGANIZATION
