"""Plan attainment (``dvstat.attainment``) by hand: a term judged on the years its plan
gives, at the years' first and last days; the total's target and name; a unit known only
from the comparison period; a plan row that names no unit, inside a year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import make_csv, member
from dvstat.model import QuotaReport

TERM_PLAN = [
    "Chi bộ 0;2019;3",  # a year outside the term: passed over, the rows after it still count
    "Chi bộ 1;2025;4",
    "Chi bộ 1;2026;6",
    "Chi bộ 1;2027;73-80",
    "Chi bộ 2;2026;5",  # one year of six
    *[f"Chi bộ 3;{y};2" for y in range(2025, 2031)],  # every year: the term judged whole
    "Chi bộ 4;2029;2",  # the term's last two years
    "Chi bộ 4;2030;3",
    "Chi bộ 5;2025;1",
    "Chi bộ 5;2026-2027;4",  # a two-year row is not a year of the term
    "Chi bộ 6;2025;2",
    "Chi bộ 6;2026;2",
]


@pytest.fixture()
def term_files(tmp_path: Path) -> tuple[Path, Path]:
    rows = [
        member("A0", admitted="31/12/2024", branch="Chi bộ 1"),  # the day before the term
        member("A1", admitted="01/01/2025", branch="Chi bộ 1"),  # its first day
        member("A2", admitted="31/12/2026", branch="Chi bộ 1"),
        member("A3", admitted="01/01/2027", branch="Chi bộ 1"),
        member("B1", admitted="01/03/2026", branch="Chi bộ 2"),
        member("C1", admitted="01/03/2026", branch="Chi bộ 3"),
        member("D1", admitted="01/03/2026", branch="Chi bộ 4"),
        member("E1", admitted="01/03/2025", branch="Chi bộ 5"),
        member("F1", admitted="01/03/2026", branch="Chi bộ 6"),
    ]
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\n" + "\n".join(TERM_PLAN) + "\n", encoding="utf-8")
    return make_csv(tmp_path / "ds.csv", rows), plan


def _quota(files: tuple[Path, Path], as_of: date) -> QuotaReport:
    roster, plan = files
    return dvstat.quota(str(roster), plan=str(plan), term="2025-2030", as_of=as_of)


def test_a_term_judged_on_its_plan_s_years_on_the_first_day_of_a_year(
    term_files: tuple[Path, Path],
) -> None:
    """On 01/01/2027 Chi bộ 1 is due 4 (2025) + 6 (2026) in full and 73 × 1 / 365 = 0,2 of
    2027: 10,2; it admitted A1, A2, A3 in those years (A0 is before the term)."""
    report = _quota(term_files, date(2027, 1, 1))
    found = [(u.name, u.level, u.low, u.high, u.admitted, u.expected_to_date, u.status)
             for u in report.units]  # fmt: skip
    assert found == [
        ("Chi bộ 4", "branch", 5, 5, 0, 0.0, "on_track"),  # 2029-2030 not begun: 0 due
        ("Chi bộ 1", "branch", 83, 90, 3, 10.2, "behind"),
        # whole term: 12 × 731 / 2191 days (2025-2030, 2028 a leap year) = 4,0
        ("Chi bộ 3", "branch", 12, 12, 1, 4.0, "behind"),
        ("Chi bộ 2", "branch", 5, 5, 1, 5.0, "behind"),
        ("Chi bộ 6", "branch", 4, 4, 1, 4.0, "behind"),
        ("Chi bộ 5", "branch", 1, 1, 1, 1.0, "met"),
    ]
    total = report.total
    # no row for the whole scope: the units' targets added up, the lower and the upper
    assert (total.name, total.low, total.high, total.admitted) == ("TỔNG CỘNG", 110, 117, 8)
    notes = [
        (i.issue.severity, i.issue.file, i.issue.row, i.issue.value, dict(i.issue.detail))
        for i in report.issues.items
        if i.issue.code == "plan-years-missing"
    ]
    assert notes == [
        ("info", "chi-tieu.csv", 3, "Chi bộ 1",
         {"years": "2025, 2026, 2027", "missing": "2028, 2029, 2030"}),
        ("info", "chi-tieu.csv", 6, "Chi bộ 2",
         {"years": "2026", "missing": "2025, 2027, 2028, 2029, 2030"}),
        ("info", "chi-tieu.csv", 13, "Chi bộ 4",
         {"years": "2029, 2030", "missing": "2025, 2026, 2027, 2028"}),
        ("info", "chi-tieu.csv", 15, "Chi bộ 5",
         {"years": "2025", "missing": "2026, 2027, 2028, 2029, 2030"}),
        ("info", "chi-tieu.csv", 17, "Chi bộ 6",
         {"years": "2025, 2026", "missing": "2027, 2028, 2029, 2030"}),
    ]  # fmt: skip


def test_a_year_of_the_term_partly_gone(term_files: tuple[Path, Path]) -> None:
    """On 02/07/2027, 183 days of 2027's 365: 4 + 6 + 73 × 183 / 365 = 46,6; the whole
    term: 12 × 913 / 2191 = 5,0."""
    expected = {u.name: u.expected_to_date for u in _quota(term_files, date(2027, 7, 2)).units}
    assert expected == {
        "Chi bộ 4": 0.0,
        "Chi bộ 1": 46.6,
        "Chi bộ 3": 5.0,
        "Chi bộ 2": 5.0,
        "Chi bộ 6": 4.0,
        "Chi bộ 5": 1.0,
    }


def test_a_plan_row_naming_no_unit_and_a_unit_known_only_last_year(tmp_path: Path) -> None:
    """March 2026 against the year's plan, on 31/03/2026: 90 days of 365."""
    roster = make_csv(
        tmp_path / "ds.csv",
        [
            member("A1", admitted="10/03/2026", branch="Chi bộ 1"),
            member("A2", admitted="10/01/2026", branch="Chi bộ 1"),
            member("G1", admitted="15/03/2025", branch="Chi bộ 7"),  # last year's March only
        ],
    )
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text(
        "Đơn vị;Năm;Chỉ tiêu\nChi bộ Không có;2026;5\nChi bộ 1;2026;4\n", encoding="utf-8"
    )

    def run(compare: str | None) -> QuotaReport:
        return dvstat.quota(str(roster), plan=str(plan), period="2026-03",
                            as_of=date(2026, 3, 31), compare=compare, lang="en")  # fmt: skip

    report = run("last_year")
    found = [
        (u.name, u.low, u.admitted, u.previous_admitted, u.cumulative, u.expected_to_date, u.status)
        for u in report.units
    ]
    assert found == [
        # no such unit: 0 admitted, 0 last year, 0 so far this year; 5 × 90 / 365 = 1,2 due
        ("Chi bộ Không có", 5, 0, 0, 0, 1.2, "behind"),
        # 1 in March, 2 since January; 4 × 90 / 365 = 1,0 due
        ("Chi bộ 1", 4, 1, 0, 2, 1.0, "on_track"),
        ("Chi bộ 7", None, 0, 1, 0, None, "no_plan"),  # listed for last year's admission
    ]
    total = report.total
    assert (total.name, total.low, total.admitted, total.previous_admitted, total.cumulative) == (
        "TOTAL", 9, 1, 1, 2,
    )  # fmt: skip
    alone = run(None)
    assert [(u.name, u.previous_admitted) for u in alone.units] == [
        ("Chi bộ Không có", None),
        ("Chi bộ 1", None),
    ]


def test_a_plan_needs_a_period_of_whole_years() -> None:
    from dvstat.attainment import plan_scope
    from dvstat.errors import PlanError
    from dvstat.model import Period

    with pytest.raises(PlanError) as none:
        plan_scope(Period(None, None, "", ""), date(2026, 6, 30))
    assert (none.value.vi, none.value.en) == (
        "Cần chọn kỳ (--year, --term hoặc --period) để so với chỉ tiêu.",
        "Choose a period (--year, --term or --period) to compare with the plan.",
    )
    with pytest.raises(PlanError):
        plan_scope(Period(date(2026, 1, 1), None, "", ""), date(2026, 6, 30))
    with pytest.raises(PlanError) as part:
        plan_scope(Period(date(2025, 3, 1), date(2026, 12, 31), "", ""), date(2026, 6, 30))
    assert (part.value.vi, part.value.en) == (
        "Kỳ nhiều năm phải gồm các năm trọn vẹn để so với chỉ tiêu.",
        "A period over several years must be whole years to compare with a plan.",
    )


def test_a_year_starts_on_its_first_day_and_is_finished_on_its_last() -> None:
    from dvstat.attainment import plan_scope
    from dvstat.model import Period

    year = Period(date(2026, 1, 1), date(2026, 12, 31), "", "")
    before, first = plan_scope(year, date(2025, 12, 31)), plan_scope(year, date(2026, 1, 1))
    assert (before.started, first.started) == (False, True)
    last, day_before = plan_scope(year, date(2026, 12, 31)), plan_scope(year, date(2026, 12, 30))
    assert (day_before.finished, last.finished) == (False, True)
    # a month of the year is never 'finished': the year goes on
    march = plan_scope(Period(date(2026, 3, 1), date(2026, 3, 31), "", ""), date(2027, 1, 1))
    assert (march.within, march.finished, march.pace_date) == (True, False, date(2026, 3, 31))


def test_measured_on_the_day_exactly_as_due_before_the_year_and_after_it() -> None:
    from dvstat.attainment import measure, plan_scope
    from dvstat.model import Period

    year = Period(date(2026, 1, 1), date(2026, 12, 31), "", "")
    # 365 × 10 / 365 = 10,0 due on 10/01; 10 admitted: not behind
    on_pace = measure("A", "branch", (365, 365), 10, None, plan_scope(year, date(2026, 1, 10)))
    assert (on_pace.expected_to_date, on_pace.behind, on_pace.gap) == (10.0, False, -355)
    assert on_pace.pace_date == date(2026, 1, 10)
    nine = measure("A", "branch", (365, 365), 9, None, plan_scope(year, date(2026, 1, 10)))
    assert nine.behind is True
    # before the year: nothing due, no gap, no percent, no pace day
    early = measure("A", "branch", (4, 6), 0, 2, plan_scope(year, date(2025, 12, 31)))
    assert (early.expected_to_date, early.gap, early.attainment_percent, early.pace_date) == (
        None, None, None, None,
    )  # fmt: skip
    assert (early.change_percent, early.previous_admitted) == (None, 2)
    # the year over: judged on what was reached, no pace
    done = measure("A", "branch", (4, 6), 7, None, plan_scope(year, date(2027, 1, 5)))
    assert (done.gap, done.status, done.pace_date) == (1, "exceeded", None)


def test_a_unit_judged_on_its_plan_s_years_keeps_its_comparison_and_path(
    term_files: tuple[Path, Path],
) -> None:
    """Against the same dates a year earlier, cut the day before the term: 2024, where
    Chi bộ 1 admitted A0 (31/12/2024)."""
    roster, plan = term_files
    report = dvstat.quota(str(roster), plan=str(plan), term="2025-2030",
                          as_of=date(2027, 1, 1), compare="last_year")  # fmt: skip
    first = next(u for u in report.units if u.name == "Chi bộ 1")
    assert (first.previous_admitted, first.path) == (1, ("Chi bộ 1",))
    assert report.total.previous_admitted == 1


def test_four_years_of_six_a_unit_counted_earlier_in_the_year_and_the_workspace_total(
    tmp_path: Path,
) -> None:
    roster = make_csv(
        tmp_path / "ds.csv",
        [
            member("A1", admitted="10/03/2026", branch="Chi bộ 1"),
            member("H1", admitted="10/01/2026", branch="Chi bộ 8"),  # January only
        ],
    )
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text(
        "Đơn vị;Năm;Chỉ tiêu\n" + "".join(f"Chi bộ 1;{y};1\n" for y in range(2025, 2029)),
        encoding="utf-8",
    )
    config = tmp_path / "dvstat.toml"
    config.write_text('organization = "Đảng bộ xã Tân Lập"\ncache = false\n', encoding="utf-8")
    # a term with yearly rows for four of its six years is judged on those four
    term = dvstat.quota(str(roster), plan=str(plan), term="2025-2030",
                        as_of=date(2026, 3, 31), config=config)  # fmt: skip
    assert [(u.name, u.low) for u in term.units] == [("Chi bộ 1", 4), ("Chi bộ 8", None)]
    note = [i.issue.detail for i in term.issues.items if i.issue.code == "plan-years-missing"]
    assert note == [{"years": "2025, 2026, 2027, 2028", "missing": "2029, 2030"}]
    assert term.total.name == "Đảng bộ xã Tân Lập"
    # March: Chi bộ 8 admitted in January only is listed, with its running total
    march = dvstat.quota(str(roster), plan=str(plan), period="2026-03",
                         as_of=date(2026, 3, 31), config=config, compare=None)  # fmt: skip
    assert [(u.name, u.level, u.admitted, u.cumulative) for u in march.units] == [
        ("Chi bộ 1", "branch", 1, 1),
        ("Chi bộ 8", "branch", 0, 1),
    ]


def test_a_plan_row_naming_no_unit_stands_at_the_branch_level(tmp_path: Path) -> None:
    roster = make_csv(tmp_path / "ds.csv", [member("A1", admitted="10/03/2026")])
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ Không có;2026;5\n", encoding="utf-8")
    report = dvstat.quota(str(roster), plan=str(plan), year=2026, as_of=date(2026, 6, 30))
    assert [(u.name, u.level) for u in report.units][0] == ("Chi bộ Không có", "branch")
