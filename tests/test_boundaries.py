"""Bounds and mapping rules that a one-character slip would break, each with the day before,
of and after its bound, values worked out by hand. Every test here was checked by planting
its bug by hand (the test fails)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dvstat
from conftest import make_csv, member
from membership_rosters import HEADER as MEMBER_HEADER


def _membership(tmp_path: Path, rows: list[list[Any]]) -> Path:
    path = tmp_path / "dang-vien.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_HEADER)
        writer.writerows(rows)
    return path


def _person(name: str, left: str = "", status: str = "") -> list[Any]:
    return [name, "01/01/1960", "Nam", "Kinh", "Không", "12/12", "01/01/1990", "01/01/1991",
            "Chi bộ 1", "Đảng bộ xã A", status, left, "", ""]  # fmt: skip


def test_a_member_leaving_on_the_day_is_no_longer_a_member_that_day(tmp_path: Path) -> None:
    """On 31/12/2025: one who stays, one who died on 30/12 (gone), one on 31/12 (gone: the
    leaving day is not a day of membership), one on 01/01/2026 (still a member)."""
    path = _membership(
        tmp_path,
        [
            _person("Ở Lại"),
            _person("Mất Hôm Trước", "30/12/2025", "Từ trần"),
            _person("Mất Đúng Ngày", "31/12/2025", "Từ trần"),
            _person("Mất Hôm Sau", "01/01/2026", "Từ trần"),
        ],
    )
    report = dvstat.members(str(path), cut_off=date(2025, 12, 31), as_of=date(2026, 3, 1))
    assert report.stats.total == 2
    assert report.rows["gone"] == 2


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(date(2025, 12, 30), "behind"), (date(2025, 12, 31), "below"), (date(2026, 1, 1), "below")],
)
def test_a_year_is_finished_on_its_last_day(tmp_path: Path, as_of: date, status: str) -> None:
    """Target 10 for 2025, 3 admitted: on 30/12 the year still runs (behind its pace), on
    31/12 and after it is over and 3 of 10 is 'below'."""
    rows = [member(f"Người {i}", admitted=f"0{i + 1}/03/2025", branch="Chi bộ 1") for i in range(3)]
    roster = make_csv(tmp_path / "ds.csv", rows)
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị,Năm,Chỉ tiêu\nChi bộ 1,2025,10\n", encoding="utf-8")
    report = dvstat.quota(str(roster), plan=plan, year=2025, as_of=as_of)
    assert report.total.admitted == 3
    assert report.total.status == status


def _candidates(tmp_path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
               "Ngày cấp giấy chứng nhận", "Ngày kết nạp", "Trạng thái"])  # fmt: skip
    for row in rows:
        ws.append(row)
    path = tmp_path / "nguon.xlsx"
    wb.save(path)
    return path


def test_a_candidate_admitted_on_the_day_counts_as_admitted(tmp_path: Path) -> None:
    """On 22/11/2026: admitted on 21/11 and on 22/11 are admitted; on 23/11 not yet (still
    at the class stage)."""
    base = ["01/01/1995", "Nam", "Kinh", "Không", "Chi bộ 1", "01/03/2026"]
    path = _candidates(
        tmp_path,
        [["An", *base, "21/11/2026", ""], ["Bình", *base, "22/11/2026", ""],
         ["Cúc", *base, "23/11/2026", ""]],
    )  # fmt: skip
    data = dvstat.candidates(str(path), as_of=date(2026, 11, 22)).to_dict()
    stages = {s["code"]: s["count"] for s in data["stages"]}
    assert stages["admitted"] == 2
    assert stages["class"] == 1


def test_a_recorded_admission_beats_a_dropped_status(tmp_path: Path) -> None:
    """'Đưa ra khỏi nguồn' beside an admission date already passed: the admission stands
    (the status is stale); without the date the candidate is dropped."""
    base = ["01/01/1995", "Nam", "Kinh", "Không", "Chi bộ 1", "01/03/2026"]
    path = _candidates(
        tmp_path,
        [["An", *base, "01/06/2026", "Đưa ra khỏi nguồn"],
         ["Bình", *base, "", "Đưa ra khỏi nguồn"]],
    )  # fmt: skip
    data = dvstat.candidates(str(path), as_of=date(2026, 11, 22)).to_dict()
    stages = {s["code"]: s["count"] for s in data["stages"]}
    assert stages["admitted"] == 1
    assert data["rows"]["dropped"] == 1


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [(801, 800, 0.13), (799, 800, -0.12), (1603, 1600, 0.19), (3, 8, -62.5), (8, 8, 0.0)],
)
def test_change_percent_rounds_half_up(now: int, before: int, expected: float) -> None:
    """801 against 800 is 100,125 %: half-up 100,13 (+0,13; half-even would give +0,12);
    799 is 99,875 %: half-up 99,88 (-0,12); 1603/1600 is 100,1875 %: 100,19."""
    from dvstat.rounding import change_percent

    assert change_percent(now, before) == expected


def test_foreign_origin_is_not_an_ethnic_minority(tmp_path: Path) -> None:
    """Of four new members: Kinh, Tày, 'Quốc tịch gốc nước ngoài', 'Dân tộc khác' — one
    minority (Tày); foreign origin and an unnamed group are not counted as minorities."""
    rows = [
        member("A", ethnicity="Kinh"),
        member("B", ethnicity="Tày"),
        member("C", ethnicity="Quốc tịch gốc nước ngoài"),
        member("D", ethnicity="Dân tộc khác"),
    ]
    report = dvstat.summarize(str(make_csv(tmp_path / "ds.csv", rows)), year=2025,
                              as_of=date(2026, 3, 1))  # fmt: skip
    assert report.stats.highlights["minority"].count == 1
    minority = {c.code: c.count for c in report.stats.breakdowns["ethnic_minority"]}
    assert minority["minority"] == 1 and minority["kinh"] == 1


def test_a_header_naming_two_fields_names_neither() -> None:
    """'Dân tộc / Tôn giáo' over one column: which field it holds cannot be known; a header
    naming one field two ways ('Nghề nghiệp / đối tượng') is that field."""
    from dvstat import schema
    from dvstat.layout import _match

    index = schema.header_alias_index()
    assert _match("Dân tộc / Tôn giáo", index) is None
    assert _match("Nghề nghiệp / đối tượng", index) == schema.OCCUPATION


def test_a_user_alias_overrides_a_built_in_one() -> None:
    """An office writing 'Đối tượng' (built in: occupation) for its youth-union column says
    so in [aliases.headers]: the user's word wins."""
    from dvstat import schema
    from dvstat.text import fold

    assert schema.header_alias_index()[fold("Đối tượng")] == schema.OCCUPATION
    index = schema.header_alias_index({schema.YOUTH_UNION: ["Đối tượng"]})
    assert index[fold("Đối tượng")] == schema.YOUTH_UNION


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Chi bộ cơ sở Trường THCS A", "truongthcsa"),
        ("Đảng bộ cơ sở xã A", "xaa"),
        ("Chi bộ thôn 1", "thon1"),
        ("Đảng bộ xã A", "xaa"),
        ("Chi bộ", "chibo"),
    ],
)
def test_unit_name_prefixes_longest_first(name: str, key: str) -> None:
    """'Chi bộ cơ sở' is taken off before 'Chi bộ' could leave 'cơ sở' in the key; a name
    that is only the prefix keeps it."""
    from dvstat.text import unit_key

    assert unit_key(name) == key


def test_a_unit_without_admissions_shows_zero_percent(tmp_path: Path) -> None:
    """Chi bộ 1 admitted a woman in 2025, Chi bộ 2 only a man in 2024: in 2025 Chi bộ 2 is
    listed with 0 admissions and 0 % everywhere (not 100 %), against 1 a year earlier."""
    rows = [member("A", gender="Nữ", admitted="01/03/2025", branch="Chi bộ 1"),
            member("B", admitted="01/03/2024", branch="Chi bộ 2")]  # fmt: skip
    path = make_csv(tmp_path / "ds.csv", rows)
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 3, 1))
    units = {u.label: u for u in report.units}
    assert units["Chi bộ 1"].highlights["total"].percent == 100.0
    assert units["Chi bộ 1"].highlights["female"].percent == 100.0
    assert (units["Chi bộ 2"].total, units["Chi bộ 2"].previous_total) == (0, 1)
    assert {h.percent for h in units["Chi bộ 2"].highlights.values()} == {0.0}


def test_a_unit_with_only_earlier_admissions_this_year_stays_in_the_plan_table(
    tmp_path: Path,
) -> None:
    """Q3 2025 measured by the year's running total: Chi bộ 2, which has no target, admitted
    one member in March and none in the quarter; it is still listed, with 1 so far."""
    rows = [member("A", admitted="15/08/2025", branch="Chi bộ 1"),
            member("B", admitted="10/03/2025", branch="Chi bộ 2")]  # fmt: skip
    roster = make_csv(tmp_path / "ds.csv", rows)
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị,Năm,Chỉ tiêu\nChi bộ 1,2025,10\n", encoding="utf-8")
    report = dvstat.quota(str(roster), plan=plan, period="2025-Q3", as_of=date(2025, 10, 15))
    units = {u.name: u for u in report.units}
    assert set(units) == {"Chi bộ 1", "Chi bộ 2"}
    assert (units["Chi bộ 2"].admitted, units["Chi bộ 2"].cumulative) == (0, 1)
    assert report.total.cumulative == 2


def test_quota_and_candidates_match_a_plan_row_alike(tmp_path: Path) -> None:
    """A plan row 'Đảng bộ xã A, 2026, 10' over branches of that committee: quota says
    target 10, admitted 3; candidates said target 0, 'met'. Both now find the organization
    (branch, then organization, then parent): 10 − 3 = 7 to go, 1 ready, short."""
    from openpyxl import Workbook

    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
              "Trình độ văn hóa", "Ngày kết nạp", "Chi bộ", "Đảng bộ cơ sở"]  # fmt: skip
    rows = [[*member(f"N{i}", admitted=f"0{i + 1}/03/2026", branch="Chi bộ thôn 1"),
             "Đảng bộ xã A"] for i in range(3)]  # fmt: skip
    admissions = make_csv(tmp_path / "ds.csv", rows, header)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
               "Đảng bộ cơ sở", "Ngày cấp giấy chứng nhận"])  # fmt: skip
    ws.append(["X", "01/01/1995", "Nam", "Kinh", "Không", "Chi bộ thôn 1", "Đảng bộ xã A",
               "01/03/2026"])  # fmt: skip
    wb.save(tmp_path / "nguon.xlsx")
    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị,Năm,Chỉ tiêu\nĐảng bộ xã A,2026,10\n", encoding="utf-8")
    day = date(2026, 11, 1)
    quota = dvstat.quota(str(admissions), plan=plan, year=2026, as_of=day)
    assert (quota.total.low, quota.total.admitted) == (10, 3)
    candidates = dvstat.candidates(
        str(tmp_path / "nguon.xlsx"), plan=plan, admissions=str(admissions), as_of=day
    )
    (unit,) = candidates.feasibility
    assert (unit.label, unit.target, unit.admitted, unit.remaining, unit.ready) == (
        "Đảng bộ xã A", 10, 3, 7, 1
    )  # fmt: skip
    assert unit.status == "short"
