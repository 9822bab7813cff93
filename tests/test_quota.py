"""Plan attainment against hand-computed values (docs/plan.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import dvstat
from dvstat import schema
from dvstat.attainment import compute_attainment, measure, plan_scope
from dvstat.errors import PlanError
from dvstat.model import Attainment, Issue, Period, PlanTarget
from dvstat.normalize import normalize_roster
from dvstat.periods import quarter_period, term_period, year_period, year_to_date
from dvstat.readers.plans import parse_plan_grid, read_plan
from dvstat.rounding import change_percent

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"

FAR_FUTURE = date(2030, 1, 1)


def _frame(
    counts: dict[str, int], year: int = 2023, day: str = "06-01", org: str | None = None
) -> pd.DataFrame:
    """Normalized rows: ``counts`` admissions per branch on one day of ``year``."""
    return _rows([(org, branch, f"{year}-{day}") for branch, n in counts.items() for _ in range(n)])


def _rows(rows: list[tuple[str | None, str, str]]) -> pd.DataFrame:
    raw = pd.DataFrame(
        [
            {
                schema.FULL_NAME: f"Người {i}",
                schema.ORG: org,
                schema.BRANCH: branch,
                schema.ADMISSION_DATE: admitted,
                schema.SRC_FILE: "f.xlsx",
                schema.SRC_SHEET: "S",
                schema.SRC_ROW: i + 2,
                schema.SRC_UNIT: "S",
            }
            for i, (org, branch, admitted) in enumerate(rows)
        ],
        dtype=object,
    )
    return normalize_roster(raw)


def _plan(*rows: tuple[str, str, str]) -> list[PlanTarget]:
    return parse_plan_grid([["Đơn vị", "Năm", "Chỉ tiêu"], *[list(r) for r in rows]], "plan.csv")


def _attain(
    frame: pd.DataFrame,
    plan: list[PlanTarget],
    period: Period,
    as_of: date,
    comparison: Period | None = None,
) -> tuple[list[Attainment], Attainment, list[Issue]]:
    return compute_attainment(frame, plan, period, as_of, None, "vi", comparison)


def test_term_against_the_sum_of_yearly_targets() -> None:
    plan = _plan(
        *[
            ("Tổng cộng", str(y), str(t))
            for y, t in zip(range(2020, 2026), (230, 230, 230, 230, 230, 235), strict=True)
        ]
    )
    total = _attain(_frame({"Chi bộ A": 1481}), plan, term_period(2020, 2025), FAR_FUTURE)[1]
    # 5 × 230 + 235 = 1.385; 1.481 × 100 / 1.385 = 106,93; 1.481 − 1.385 = 96
    assert (total.low, total.admitted, total.attainment_percent, total.status, total.gap) == (
        1385,
        1481,
        106.93,
        "exceeded",
        96,
    )


def test_a_span_row_wins_over_the_yearly_sum() -> None:
    plan = _plan(("Tổng cộng", "2020-2025", "1400"), ("Tổng cộng", "2020", "10"))
    total = _attain(_frame({"A": 700}), plan, term_period(2020, 2025), FAR_FUTURE)[1]
    assert (total.low, total.attainment_percent) == (1400, 50.0)


@pytest.mark.parametrize(
    ("admitted", "status", "gap"),
    [(95, "met", 0), (90, "met", 0), (100, "met", 0), (101, "exceeded", 1), (89, "below", -1)],
)
def test_range_target_of_a_finished_year(admitted: int, status: str, gap: int) -> None:
    row = measure(
        "X", "branch", (90, 100), admitted, None, plan_scope(year_period(2023), FAR_FUTURE)
    )
    assert (row.status, row.gap) == (status, gap)
    assert row.to_dict()["target"] == {"min": 90, "max": 100}
    assert row.attainment_percent == round(admitted * 100 / 90, 2)


def test_units_zero_no_plan_sum_rule_and_unmatched() -> None:
    plan = _plan(
        ("Chi bộ A", "2023", "10"),
        ("B", "2023", "4"),
        ("Chi bộ C", "2023", "5"),
        ("Chi bộ X", "2023", "3"),
    )
    frame = pd.concat(
        [
            _frame({"Chi bộ A": 12, "Chi bộ B": 2, "Chi bộ D": 3}),
            _frame({"Chi bộ C": 2}, 2022, "10-15"),
        ],
        ignore_index=True,
    )
    units, total, issues = _attain(frame, plan, year_period(2023), FAR_FUTURE, year_period(2022))
    by_name = {u.name: u for u in units}
    assert (by_name["Chi bộ A"].attainment_percent, by_name["Chi bộ A"].status) == (
        120.0,
        "exceeded",
    )
    assert (by_name["Chi bộ B"].admitted, by_name["Chi bộ B"].status) == (2, "below")
    # C admitted nobody in 2023 but exists: matched, with its 2 of October 2022
    assert (
        by_name["Chi bộ C"].admitted,
        by_name["Chi bộ C"].attainment_percent,
        by_name["Chi bộ C"].previous_admitted,
    ) == (0, 0.0, 2)
    assert by_name["Chi bộ D"].status == "no_plan" and by_name["Chi bộ D"].low is None
    assert by_name["Chi bộ X"].admitted == 0
    assert [u.name for u in units] == ["Chi bộ C", "Chi bộ X", "Chi bộ B", "Chi bộ A", "Chi bộ D"]
    # 10 + 4 + 5 + 3 = 22 targeted; 17 admitted: 77,27%
    assert (total.low, total.admitted, total.attainment_percent) == (22, 17, 77.27)
    assert [(i.code, i.row, i.value) for i in issues] == [("plan-unit-unmatched", 5, "Chi bộ X")]


def test_an_unmatched_plan_unit_with_nothing_like_it_gets_no_suggestion() -> None:
    plan = _plan(
        ("Chi bộ A", "2023", "1"),
        ("Tổ dân phố Hòa Bình Xuân", "2023", "2"),
        ("Chi bộ Hòa Bìn", "2023", "3"),
    )
    frame = _frame({"Chi bộ A": 1, "Chi bộ Hòa Bình": 1})
    _, _, issues = _attain(frame, plan, year_period(2023), FAR_FUTURE)
    assert [(i.code, i.severity, i.file, i.row, i.value, i.detail) for i in issues] == [
        (
            "plan-unit-unmatched",
            "warning",
            "plan.csv",
            3,
            "Tổ dân phố Hòa Bình Xuân",
            {"suggestion": ""},
        ),
        # one letter short of a unit of the rosters
        (
            "plan-unit-unmatched",
            "warning",
            "plan.csv",
            4,
            "Chi bộ Hòa Bìn",
            {"suggestion": "Chi bộ Hòa Bình"},
        ),
    ]


def test_a_plan_row_named_like_the_organization_is_the_whole_scope_target() -> None:
    """20 for 'Đảng bộ xã A' is the whole target, not the 5 + 6 of its branches."""
    plan = _plan(
        ("Chi bộ 1", "2023", "5"), ("Chi bộ 2", "2023", "6"), ("Đảng bộ xã A", "2023", "20")
    )
    frame = _frame({"Chi bộ 1": 4, "Chi bộ 2": 6})
    units, total, issues = compute_attainment(
        frame, plan, year_period(2023), FAR_FUTURE, "Đảng bộ xã A"
    )
    assert (total.low, total.admitted, total.attainment_percent) == (20, 10, 50.0)
    assert [(u.name, u.low, u.admitted) for u in units] == [("Chi bộ 1", 5, 4), ("Chi bộ 2", 6, 6)]
    assert issues == []


def test_whole_scope_row_is_used_instead_of_the_sum() -> None:
    plan = _plan(("A", "2023", "10"), ("Toàn đảng bộ", "2023", "30"))
    total = _attain(_frame({"A": 12}), plan, year_period(2023), FAR_FUTURE)[1]
    assert (total.low, total.attainment_percent, total.status) == (30, 40.0, "below")


def test_pro_rata_pace_while_the_year_runs_is_on_track_or_behind_not_below() -> None:
    plan = _plan(("A", "2023", "100"), ("B", "2023", "10"))
    as_of = date(2023, 7, 2)  # day 183 of 365
    units, total, _ = _attain(_frame({"A": 40, "B": 6}), plan, year_period(2023), as_of)
    by_name = {u.name: u for u in units}
    assert by_name["A"].expected_to_date == 50.1  # 100 × 183 / 365 = 50,14
    assert (by_name["A"].behind, by_name["A"].status) == (True, "behind")
    assert by_name["B"].expected_to_date == 5.0  # 10 × 183 / 365 = 5,01
    assert (by_name["B"].behind, by_name["B"].status) == (False, "on_track")
    assert (total.expected_to_date, total.status) == (55.2, "behind")  # 110 × 183 / 365
    # in whole members, as documents print it: 50,1 -> 51, 5,0 -> 5, 55,2 -> 56
    assert (by_name["A"].expected_members, by_name["B"].expected_members) == (51, 5)
    assert total.expected_members == 56
    assert total.to_dict()["expected_members"] == 56
    assert by_name["A"].pace_date == as_of


def test_pro_rata_of_a_range_uses_its_lower_bound() -> None:
    plan = _plan(("A", "2023", "90-100"))
    units, _, _ = _attain(_frame({"A": 40}), plan, year_period(2023), date(2023, 7, 2))
    assert units[0].expected_to_date == 45.1  # 90 × 183 / 365 = 45,12


def test_a_quarter_is_judged_by_the_years_running_total_against_the_year_target() -> None:
    plan = _plan(("A", "2023", "100"))
    frame = pd.concat(
        [
            _frame({"A": 30}, 2023, "03-15"),
            _frame({"A": 25}, 2023, "08-01"),
            _frame({"A": 5}, 2023, "11-01"),
            _frame({"A": 7}, 2022, "12-31"),  # the year before: never in the running total
        ],
        ignore_index=True,
    )
    mid_q3 = date(2023, 8, 15)  # day 227
    units, total, _ = _attain(
        frame[frame["admission_date"] <= pd.Timestamp(mid_q3)],
        plan,
        quarter_period(2023, 3),
        mid_q3,
    )
    row = units[0]
    assert (row.admitted, row.cumulative) == (25, 55)
    assert row.expected_to_date == 62.2  # 100 × 227 / 365 = 62,19 (not half a year: 50)
    assert (row.attainment_percent, row.status, row.gap) == (55.0, "behind", -45)
    # the same quarter seen a year later: paced to its last day, 30/09 (day 273)
    units, _, _ = _attain(frame, plan, quarter_period(2023, 3), FAR_FUTURE)
    assert (units[0].admitted, units[0].cumulative, units[0].expected_to_date, units[0].status) == (
        25,
        55,
        74.8,
        "behind",
    )  # 100 × 273 / 365 = 74,79
    assert units[0].pace_date == date(2023, 9, 30)


def test_the_last_quarter_finishes_the_year() -> None:
    plan = _plan(("A", "2023", "50"))
    frame = pd.concat(
        [_frame({"A": 30}, 2023, "03-15"), _frame({"A": 10}, 2023, "12-31")], ignore_index=True
    )
    units, _, _ = _attain(frame, plan, quarter_period(2023, 4), date(2024, 1, 5))
    assert (units[0].admitted, units[0].cumulative, units[0].status, units[0].expected_to_date) == (
        10,
        40,
        "below",
        None,
    )


def test_year_to_date_has_a_pace() -> None:
    plan = _plan(("A", "2026", "73"))
    as_of = date(2026, 5, 15)  # day 135
    units, _, _ = _attain(_frame({"A": 30}, 2026, "02-01"), plan, year_to_date(as_of), as_of)
    assert (units[0].cumulative, units[0].expected_to_date, units[0].status) == (
        30,
        27.0,
        "on_track",
    )  # 73 × 135 / 365 = 27,0


def test_a_future_year_has_not_started() -> None:
    plan = _plan(("A", "2027", "10"))
    units, total, _ = _attain(
        _frame({"A": 4}, 2026), plan, year_period(2027), date(2026, 11, 22), year_period(2026)
    )
    assert (
        units[0].status,
        units[0].attainment_percent,
        units[0].change_percent,
        units[0].previous_admitted,
    ) == ("not_started", None, None, 4)
    assert total.status == "not_started"


def test_admissions_on_the_last_day_count_and_the_next_day_does_not() -> None:
    plan = _plan(("A", "2023", "2"))
    frame = pd.concat(
        [
            _frame({"A": 1}, 2023, "12-31"),
            _frame({"A": 1}, 2023, "01-01"),
            _frame({"A": 5}, 2024, "01-01"),
        ],
        ignore_index=True,
    )
    total = _attain(frame, plan, year_period(2023), FAR_FUTURE)[1]
    assert (total.admitted, total.status) == (2, "met")


def test_previous_year_and_change() -> None:
    plan = _plan(("A", "2023", "10"))
    frame = pd.concat([_frame({"A": 12}), _frame({"A": 8}, 2022)], ignore_index=True)
    units, total, _ = _attain(frame, plan, year_period(2023), FAR_FUTURE, year_period(2022))
    assert (units[0].previous_admitted, units[0].change_percent) == (8, 50.0)
    assert (total.previous_admitted, total.change_percent) == (8, 50.0)


def test_change_rounds_half_up() -> None:
    assert change_percent(61, 68) == -10.29  # 89,705…% -> 89,71% -> -10,29
    assert change_percent(1, 8) == -87.5
    assert change_percent(3, 0) is None and change_percent(3, None) is None


def test_same_named_branches_need_their_org_in_the_plan() -> None:
    frame = pd.concat(
        [
            _frame({"Chi bộ thôn 1": 3}, org="Đảng bộ xã A"),
            _frame({"Chi bộ thôn 1": 2}, org="Đảng bộ xã B"),
        ],
        ignore_index=True,
    )
    plan = _plan(
        ("Đảng bộ xã A / Chi bộ thôn 1", "2023", "4"),
        ("Chi bộ thôn 1", "2023", "9"),
        ("xã B / thôn 1", "2023", "2"),
    )
    units, _, issues = _attain(frame, plan, year_period(2023), FAR_FUTURE)
    by_label = {u.name: u for u in units}
    assert (
        by_label["Đảng bộ xã A / Chi bộ thôn 1"].admitted,
        by_label["Đảng bộ xã A / Chi bộ thôn 1"].low,
    ) == (3, 4)
    assert (
        by_label["Đảng bộ xã B / Chi bộ thôn 1"].admitted,
        by_label["Đảng bộ xã B / Chi bộ thôn 1"].status,
    ) == (2, "met")
    assert [(i.code, i.severity, i.file, i.row, i.value, i.detail) for i in issues] == [
        (
            "plan-unit-ambiguous",
            "warning",
            "plan.csv",
            3,
            "Chi bộ thôn 1",
            {"candidates": "Đảng bộ xã A / Chi bộ thôn 1; Đảng bộ xã B / Chi bộ thôn 1"},
        )
    ]


def test_the_level_listing_units_without_a_plan_is_the_lowest_on_a_tie() -> None:
    frame = _frame({"Chi bộ thôn 1": 3, "Chi bộ thôn 2": 1}, org="Đảng bộ xã A")
    plan = _plan(("Chi bộ thôn 1", "2023", "4"))
    units, _, _ = _attain(frame, plan, year_period(2023), FAR_FUTURE)
    assert [(u.name, u.level, u.status) for u in units] == [
        ("Chi bộ thôn 1", "branch", "below"),
        ("Chi bộ thôn 2", "branch", "no_plan"),
    ]


H = ["Đơn vị", "Năm", "Chỉ tiêu"]


@pytest.mark.parametrize(
    ("rows", "vi", "en"),
    [
        (
            [["Đơn vị", "Chỉ tiêu"], ["A", "3"]],
            "Tệp chỉ tiêu 'plan.csv' thiếu cột Năm/Giai đoạn (cần: Đơn vị, Năm hoặc Giai đoạn, "
            "Chỉ tiêu).",
            "Plan 'plan.csv' lacks the column Năm/Giai đoạn (needed: Đơn vị, Năm or Giai đoạn, "
            "Chỉ tiêu).",
        ),
        (  # a unit column alone is no header
            [["Đơn vị", "Ghi chú"], ["A", "3"]],
            "Tệp chỉ tiêu 'plan.csv' thiếu cột Đơn vị, Chỉ tiêu (cần: Đơn vị, Năm hoặc Giai "
            "đoạn, Chỉ tiêu).",
            "Plan 'plan.csv' lacks the column Đơn vị, Chỉ tiêu (needed: Đơn vị, Năm or Giai "
            "đoạn, Chỉ tiêu).",
        ),
        (  # the header is looked for in the first 30 rows only
            [["Tiêu đề"]] * 30 + [H, ["A", "2023", "3"]],
            "Tệp chỉ tiêu 'plan.csv' thiếu cột Đơn vị, Chỉ tiêu (cần: Đơn vị, Năm hoặc Giai "
            "đoạn, Chỉ tiêu).",
            "Plan 'plan.csv' lacks the column Đơn vị, Chỉ tiêu (needed: Đơn vị, Năm or Giai "
            "đoạn, Chỉ tiêu).",
        ),
        (
            [H, ["A", "năm nay", "3"]],
            "Tệp chỉ tiêu 'plan.csv', dòng 2: năm/giai đoạn 'năm nay' phải là 2023 hoặc 2020-2025.",
            "Plan 'plan.csv', row 2: period 'năm nay' must be 2023 or 2020-2025.",
        ),
        (
            [H, ["A", "2023", "mười"]],
            "Tệp chỉ tiêu 'plan.csv', dòng 2: chỉ tiêu 'mười' không phải số nguyên.",
            "Plan 'plan.csv', row 2: target 'mười' is not a whole number.",
        ),
        (
            [H, ["A", "2023", "-3"]],
            "Tệp chỉ tiêu 'plan.csv', dòng 2: chỉ tiêu '-3' âm hoặc khoảng ngược.",
            "Plan 'plan.csv', row 2: target '-3' is negative or an inverted range.",
        ),
        (
            [H, ["A", "2023", "3"], ["Chi bộ A", "2023", "4"]],
            "Tệp chỉ tiêu 'plan.csv', dòng 3: 'Chi bộ A' năm 2023 đã có ở dòng 2.",
            "Plan 'plan.csv', row 3: 'Chi bộ A' 2023 already appears on row 2.",
        ),
    ],
)
def test_bad_plans_name_the_row(rows: list[list[str]], vi: str, en: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan_grid(rows, "plan.csv")
    assert (caught.value.vi, caught.value.en) == (vi, en)


def test_short_and_blank_plan_rows() -> None:
    """A row shorter than the header reads its missing cells as empty; a blank row is
    passed over; the header may sit on row 30."""
    rows = [["Tiêu đề"]] * 29 + [H, ["A", "2023", "3"], [], ["", "", ""], ["B", "2023"]]
    with pytest.raises(PlanError) as caught:
        parse_plan_grid(rows, "plan.csv")
    assert caught.value.en == "Plan 'plan.csv', row 34: target '' is not a whole number."
    targets = parse_plan_grid(rows[:-1], "plan.csv")
    assert [(t.unit, t.row, t.low) for t in targets] == [("A", 31, 3)]


def test_sample_plan_reads() -> None:
    root = Path(__file__).resolve().parent.parent
    targets = read_plan(root / "sample_data" / "chi-tieu-ket-nap.csv")
    assert len(targets) == 3 * 8 + 3
    assert (targets[-2].unit, targets[-2].low, targets[-2].high) == ("Tổng cộng", 60, 70)
    assert (targets[-1].first_year, targets[-1].last_year, targets[-1].low) == (2025, 2030, 320)


def test_init_then_quota_inside_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from dvstat import sample_rosters as samples
    from dvstat.cli import app

    runner = CliRunner()
    folder = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 1 and "--force" in again.output
    monkeypatch.chdir(folder)
    result = runner.invoke(
        app, ["quota", "--year", "2025", "--format", "json", "--as-of", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    admitted = [m for m in samples.make_members() if m.admitted.year == 2025]
    assert data["schema"] == "dvstat.quota/1"
    # the commune's 61, and the 3 that Khuổi Mỵ admitted in 2025 before it merged into Tân
    # Lập on 1/7/2025 (restated on today's units: its branch is 'Chi bộ thôn Khuổi Mỵ')
    assert len(admitted) == 61
    assert data["total"]["admitted"] == 64
    # the sample plan has no whole-scope row for 2025: the sum of the 8 branches' targets
    plan_2025 = [
        t for t in read_plan(folder / "chi-tieu-ket-nap.csv") if t.first_year == t.last_year == 2025
    ]
    assert data["total"]["target"] == sum(t.low for t in plan_2025) == 66
    assert data["total"]["attainment_percent"] == 96.97  # 64 × 100 / 66 = 96,969…
    assert data["total"]["status"] == "below"
    per_branch = {u["name"]: u["admitted"] for u in data["units"]}
    for branch in samples.BRANCHES:
        assert per_branch[branch] == sum(m.branch == branch for m in admitted)
    assert per_branch["Chi bộ thôn Khuổi Mỵ"] == 3
    assert data["units_as_of"] == "2025-12-31"
    summary = runner.invoke(
        app, ["summarize", "--year", "2025", "--format", "json", "--as-of", "2026-11-22"]
    )
    assert summary.exit_code == 0
    assert json.loads(summary.stdout)["scope"]["organization"] == samples.ORGANIZATION


def test_a_plan_written_in_dvstat_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[[plan.targets]] rows are a plan like a file's: 3 of 4 in Chi bộ 1 is 75%, 2 of a
    2–3 range in Chi bộ 2 reaches the low bound (100%); the '*' row sets the whole target,
    8 (not the 4 + 2 of the units): 5 of 8 is 62,5%."""
    import json

    from typer.testing import CliRunner

    from conftest import make_csv, member
    from dvstat.cli import app

    rows = [member(name=f"A{i}", branch="Chi bộ 1") for i in range(3)]
    rows += [member(name=f"B{i}", branch="Chi bộ 2") for i in range(2)]
    make_csv(tmp_path / "ds.csv", rows)
    (tmp_path / "dvstat.toml").write_text(
        'organization = "Đảng bộ xã Thử"\nrosters = ["ds.csv"]\n'
        '[[plan.targets]]\nunit = "Chi bộ 1"\nperiod = "2025"\ntarget = 4\n'
        '[[plan.targets]]\nunit = "Chi bộ 2"\nperiod = "2025"\ntarget = "2-3"\n'
        '[[plan.targets]]\nunit = "*"\nperiod = "2025"\ntarget = 8\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["quota", "--year", "2025", "--format", "json", "--as-of", "2026-01-10"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    units = {
        u["name"]: (u["admitted"], u["target"], u["attainment_percent"]) for u in data["units"]
    }
    assert units == {"Chi bộ 1": (3, 4, 75.0), "Chi bộ 2": (2, {"min": 2, "max": 3}, 100.0)}
    assert (data["total"]["admitted"], data["total"]["target"]) == (5, 8)
    assert data["total"]["attainment_percent"] == 62.5


def test_a_bad_row_of_the_plan_in_dvstat_toml_names_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from conftest import make_csv, member
    from dvstat.cli import app

    make_csv(tmp_path / "ds.csv", [member()])
    (tmp_path / "dvstat.toml").write_text(
        'rosters = ["ds.csv"]\n[[plan.targets]]\nunit = "Chi bộ 1"\nperiod = "2025"\n'
        'target = "nhiều"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["quota", "--year", "2025", "--as-of", "2026-01-10"])
    assert result.exit_code == 1
    assert "Tệp chỉ tiêu 'dvstat.toml [plan]', dòng 2: chỉ tiêu 'nhiều'" in result.output


def test_plans_for_organizations_list_the_organizations_without_one() -> None:
    """Targets for two grassroots organizations: units are compared as organizations, so
    xã C (no target, 2 admitted) is listed as an organization without a plan, not as its
    branch; the unmatched row has 0 in both periods and, for a year, no running total."""
    frame = pd.concat(
        [
            _frame({"Chi bộ 1": 3}, org="Đảng bộ xã A"),
            _frame({"Chi bộ 2": 1}, org="Đảng bộ xã B"),
            _frame({"Chi bộ 3": 2}, org="Đảng bộ xã C"),
        ],
        ignore_index=True,
    )
    plan = _plan(
        ("Đảng bộ xã A", "2023", "4"), ("Đảng bộ xã B", "2023", "2"), ("Đảng bộ xã Z", "2023", "1")
    )
    units, total, _ = _attain(frame, plan, year_period(2023), FAR_FUTURE, year_period(2022))
    rows = {u.name: (u.level, u.low, u.admitted, u.previous_admitted, u.cumulative) for u in units}
    assert rows == {
        "Đảng bộ xã Z": ("branch", 1, 0, 0, None),  # matches nothing
        "Đảng bộ xã B": ("org", 2, 1, 0, None),
        "Đảng bộ xã A": ("org", 4, 3, 0, None),
        "Đảng bộ xã C": ("org", None, 2, 0, None),
    }
    assert (total.level, total.low, total.admitted) == ("total", 7, 6)


def test_no_target_for_the_period_is_no_plan_not_a_target_of_zero() -> None:
    plan = _plan(("Chi bộ A", "2024", "5"))
    units, total, _ = _attain(_frame({"Chi bộ A": 2}), plan, year_period(2023), FAR_FUTURE)
    assert (total.low, total.high, total.status) == (None, None, "no_plan")
    assert [(u.name, u.low, u.status) for u in units] == [("Chi bộ A", None, "no_plan")]


def test_an_unmatched_plan_row_inside_a_year_has_a_running_total_of_zero() -> None:
    plan = _plan(("Chi bộ A", "2023", "4"), ("Chi bộ X", "2023", "2"))
    units, _, _ = _attain(_frame({"Chi bộ A": 1}), plan, quarter_period(2023, 2), FAR_FUTURE)
    rows = {u.name: (u.admitted, u.cumulative, u.previous_admitted) for u in units}
    assert rows == {"Chi bộ X": (0, 0, None), "Chi bộ A": (1, 1, None)}


def test_a_star_row_is_the_whole_target() -> None:
    plan = _plan(("Chi bộ A", "2023", "4"), ("*", "2023", "10"))
    units, total, issues = _attain(_frame({"Chi bộ A": 3}), plan, year_period(2023), FAR_FUTURE)
    assert (total.low, total.admitted, total.attainment_percent) == (10, 3, 30.0)
    assert [(u.name, u.low) for u in units] == [("Chi bộ A", 4)]
    assert issues == []


def test_a_period_of_several_years_must_be_whole_years() -> None:
    from dvstat.periods import range_period

    with pytest.raises(PlanError) as refused:
        plan_scope(range_period(date(2022, 3, 1), date(2023, 12, 31)), FAR_FUTURE)
    assert refused.value.en == (
        "A period over several years must be whole years to compare with a plan."
    )


def test_plan_names_as_offices_write_them(tmp_path: Path) -> None:
    """A plan written 'Chi bộ Công an', 'CB thôn Bản Pình', 'Chi bộ HTX Tân Tiến', 'Chi bộ
    Trường Trung học cơ sở Tân Lập', 'Chi bộ Trạm y tế xã' names the roster's 'Chi bộ Công
    an xã', 'Chi bộ thôn Bản Pình', 'Chi bộ Hợp tác xã Tân Tiến', 'Chi bộ Trường THCS Tân
    Lập', 'Chi bộ Trạm Y tế'; 'Chi bộ thôn Khuổi Mỵ' names none and is not taken for 'Nà
    Sài'; [aliases.units] maps a name the office chose."""
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text(
        "Đơn vị;Năm;Chỉ tiêu\n"
        "Chi bộ Công an;2025;11\n"
        "CB thôn Bản Pình;2025;12\n"
        "Chi bộ HTX Tân Tiến;2025;13\n"
        "Chi bộ Trường Trung học cơ sở Tân Lập;2025;14\n"
        "Chi bộ Trạm y tế xã;2025;15\n"
        "Chi bộ thôn Khuổi Mỵ;2025;3\n"
        "Bộ đội xã;2025;4\n",
        encoding="utf-8",
    )
    report = dvstat.quota(str(SAMPLE), plan=str(plan), year=2025, as_of=date(2026, 11, 22))
    targets = {u.name: u.low for u in report.units if u.low is not None}
    assert targets == {
        "Chi bộ Công an xã": 11,
        "Chi bộ thôn Bản Pình": 12,
        "Chi bộ Hợp tác xã Tân Tiến": 13,
        "Chi bộ Trường THCS Tân Lập": 14,
        "Chi bộ Trạm Y tế": 15,
        "Chi bộ thôn Khuổi Mỵ": 3,
        "Bộ đội xã": 4,
    }
    unmatched = {
        i.issue.value: i.issue.detail.get("suggestion")
        for i in report.issues.items
        if i.issue.code == "plan-unit-unmatched"
    }
    assert unmatched == {"Chi bộ thôn Khuổi Mỵ": "", "Bộ đội xã": ""}
    settings = dvstat.Settings(unit_aliases={"Bộ đội xã": "Chi bộ Quân sự xã"})
    aliased = dvstat.quota(
        str(SAMPLE), plan=str(plan), year=2025, as_of=date(2026, 11, 22), settings=settings
    )
    assert {u.name: u.low for u in aliased.units}["Chi bộ Quân sự xã"] == 4


def test_a_close_name_is_suggested_with_the_alias_to_write(tmp_path: Path) -> None:
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ thôn Bản Pìn;2025;12\n", encoding="utf-8")
    report = dvstat.quota(str(SAMPLE), plan=str(plan), year=2025, as_of=date(2026, 11, 22))
    [entry] = [i for i in report.issues.items if i.issue.code == "plan-unit-unmatched"]
    assert entry.issue.detail["suggestion"] == "Chi bộ thôn Bản Pình"
    assert '[aliases.units] "Chi bộ thôn Bản Pìn" = "Chi bộ thôn Bản Pình"' in entry.message


def test_a_term_with_yearly_targets_for_some_years_is_judged_on_them(tmp_path: Path) -> None:
    """Chi bộ 1: 7 in 2025 and 7 in 2026, nothing for 2027-2030; admitted 3 in 2025 and 2
    in 2026. On 02/07/2026 the term 2025-2030 is judged on 2025 and 2026: target 14,
    admitted 5 (35,71 %), due by then 7 + 7 x 183 / 365 = 10,5: behind (spread over six
    years it would have been 'on track' at 3,5)."""
    from conftest import make_csv, member

    rows = [member(admitted=d, branch="Chi bộ 1", name=f"Người {i}") for i, d in enumerate(
        ["10/03/2025", "11/03/2025", "12/03/2025", "10/02/2026", "11/02/2026"])]  # fmt: skip
    roster = make_csv(tmp_path / "ds.csv", rows)
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ 1;2025;7\nChi bộ 1;2026;7\n", encoding="utf-8")
    report = dvstat.quota(str(roster), plan=str(plan), term="2025-2030", as_of=date(2026, 7, 2))
    [unit] = report.units
    assert (unit.low, unit.admitted, unit.attainment_percent) == (14, 5, 35.71)
    assert (unit.expected_to_date, unit.expected_members, unit.status) == (10.5, 11, "behind")
    [note] = [i for i in report.issues.items if i.issue.code == "plan-years-missing"]
    assert note.issue.detail == {"years": "2025, 2026", "missing": "2027, 2028, 2029, 2030"}
    # a whole term row is judged as before
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ 1;2025-2030;14\n", encoding="utf-8")
    whole = dvstat.quota(str(roster), plan=str(plan), term="2025-2030", as_of=date(2026, 7, 2))
    assert whole.units[0].status == "on_track"
    assert not [i for i in whole.issues.items if i.issue.code == "plan-years-missing"]
