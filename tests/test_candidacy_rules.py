"""The admission pipeline's rules by hand: each stage reached on its day (the day before,
of and after), the candidates not yet on the list, and each warning's message written
out in full."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

import dvstat
from dvstat import schema
from dvstat.candidacy import pipeline_at

DAY = date(2026, 6, 30)


def _frame(rows: list[dict[str, str | None]], index: list[int] | None = None) -> pd.DataFrame:
    def days(key: str) -> pd.Series:
        return pd.Series(pd.to_datetime([r.get(key) for r in rows])).astype("datetime64[s]")

    frame = pd.DataFrame(
        {
            schema.LISTED_DATE: days("listed"),
            schema.SYMPATHIZER_DATE: days("sympathizer"),
            schema.CLASS_DATE: days("class"),
            schema.DOSSIER_DATE: days("dossier"),
            schema.ADMISSION_DATE: days("admitted"),
            "candidate_status": [r.get("status", "") for r in rows],
        }
    )
    return frame if index is None else frame.set_axis(index)


def test_each_stage_is_reached_on_its_day() -> None:
    frame = _frame(
        [
            {"listed": "2026-06-30"},  # listed that day: on the list
            {"listed": "2026-07-01"},  # the day after: not yet
            {"listed": "2026-06-29"},
            {"listed": "2026-01-01", "sympathizer": "2026-06-30"},
            {"listed": "2026-01-01", "sympathizer": "2026-07-01"},  # still 'listed'
            {"listed": "2026-01-01", "class": "2026-06-30"},
            {"listed": "2026-01-01", "dossier": "2026-06-30"},
            {"listed": "2026-01-01", "admitted": "2026-06-30"},
            {"listed": "2026-01-01", "admitted": "2026-07-01"},
            {"listed": "2026-01-01", "status": "dropped"},
            {"listed": "2026-07-01", "status": "dropped"},  # dropped: not 'not yet'
        ],
        index=list(range(10, 21)),
    )
    valid = pd.Series(True, index=frame.index)
    pipe = pipeline_at(frame, valid, DAY)
    assert pipe.stage.index.tolist() == list(range(10, 21))
    assert [s if isinstance(s, str) else None for s in pipe.stage] == [
        "listed",
        None,
        "listed",
        "sympathizer",
        "listed",
        "class",
        "dossier",
        "admitted",
        "listed",
        None,
        None,
    ]
    assert pipe.not_yet.tolist() == [False, True] + [False] * 9
    assert pipe.dropped.tolist() == [False] * 9 + [True, True]


def test_rows_not_valid_are_nowhere() -> None:
    frame = _frame([{"listed": "2026-07-01"}, {"listed": "2026-01-01", "status": "dropped"}])
    valid = pd.Series(False, index=frame.index)
    pipe = pipeline_at(frame, valid, DAY)
    assert pipe.stage.isna().tolist() == [True, True]
    assert pipe.not_yet.tolist() == [False, False]
    assert pipe.dropped.tolist() == [False, False]


def _workbook(tmp_path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nguồn"
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
               "Ngày cấp giấy chứng nhận", "Ngày làm hồ sơ", "Ngày dự kiến kết nạp"])  # fmt: skip
    for values in rows:
        ws.append(values)
    path = tmp_path / "nguon.xlsx"
    wb.save(path)
    return path


def test_each_warning_in_full(tmp_path: Path) -> None:
    """Certificate given 30/06/2021: 60 months end on 30/06/2026 — still valid on the day
    (expiring); given 29/06/2021: expired. A dossier opened 30/12/2025 is 6 months old on
    30/06/2026 (not overdue), one of 29/12/2025 is. Born 01/04/2009: 17 on 31/12/2026 (the
    default planned day), 18 on a planned 01/04/2027."""
    rows = [
        ["An", "01/01/1990", "Nam", "Kinh", "Không", "Chi bộ 1", "30/06/2021", "", ""],
        ["Bình", "01/01/1990", "Nữ", "Kinh", "Không", "Chi bộ 1", "29/06/2021", "", ""],
        ["Cường", "01/01/1990", "Nam", "Kinh", "Không", "Chi bộ 1", "01/01/2026", "30/12/2025",
         ""],
        ["Dũng", "01/01/1990", "Nam", "Kinh", "Không", "Chi bộ 1", "01/01/2026", "29/12/2025",
         ""],
        ["Em", "01/04/2009", "Nữ", "Kinh", "Không", "Chi bộ 1", "01/01/2026", "", ""],
        ["Gấm", "01/04/2009", "Nữ", "Kinh", "Không", "Chi bộ 1", "01/01/2026", "", "01/04/2027"],
    ]  # fmt: skip
    path = _workbook(tmp_path, rows)
    data = dvstat.candidates(str(path), as_of=DAY).to_dict()
    found = [
        (i["code"], i["row"], i["column"], i["message"])
        for i in data["issues"]["items"]
        if i["code"] in {"certificate-expired", "certificate-expiring", "dossier-overdue",
                         "candidate-under-18"}
    ]  # fmt: skip
    where = "Tệp 'nguon.xlsx', sheet 'Nguồn', dòng"
    assert found == [
        (
            "certificate-expired",
            3,
            "Ngày cấp giấy chứng nhận",
            f"{where} 3, cột 'Ngày cấp giấy chứng nhận': Bình: giấy chứng nhận học lớp bồi "
            "dưỡng nhận thức về Đảng cấp ngày '29/06/2021' đã quá 60 tháng; phải học lại "
            "trước khi kết nạp",
        ),
        (
            "certificate-expiring",
            2,
            "Ngày cấp giấy chứng nhận",
            f"{where} 2, cột 'Ngày cấp giấy chứng nhận': An: giấy chứng nhận cấp ngày "
            "'30/06/2021' hết hạn ngày 30/06/2026; cần kết nạp trước ngày đó hoặc học lại",
        ),
        (
            "dossier-overdue",
            5,
            "Ngày làm hồ sơ",
            f"{where} 5, cột 'Ngày làm hồ sơ': Dũng: hồ sơ làm từ ngày '29/12/2025' đã quá 6 "
            "tháng chưa kết nạp; cần đôn đốc",
        ),
        (
            "candidate-under-18",
            6,
            "Ngày sinh",
            f"{where} 6, cột 'Ngày sinh': Em: sinh ngày '01/04/2009', chưa đủ 18 tuổi (tính "
            "theo tháng) vào ngày dự kiến kết nạp 31/12/2026",
        ),
    ]


def _candidates(tmp_path: Path, rows: list[list[str]], name: str = "nguon.xlsx") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
               "Ngày cấp giấy chứng nhận", "Ngày kết nạp"])  # fmt: skip
    for values in rows:
        ws.append(values)
    path = tmp_path / name
    wb.save(path)
    return path


def _person(name: str, branch: str, classed: str, admitted: str = "") -> list[str]:
    return [name, "01/01/1995", "Nam", "Kinh", "Không", branch, classed, admitted]


def test_conversion_counts_the_last_24_months_to_the_day(tmp_path: Path) -> None:
    """On 30/06/2026 the window is after 30/06/2024 up to 30/06/2026, both for the class
    and for the admissions whose months are measured."""
    rows = [
        _person("A", "Chi bộ 1", "30/06/2024", "10/01/2025"),  # class on the bound: out
        _person("B", "Chi bộ 1", "01/07/2024", "30/06/2026"),  # in; admitted on the day
        _person("C", "Chi bộ 1", "30/06/2026"),  # class on the day: in, waiting
        _person("D", "Chi bộ 1", "01/07/2026"),  # the day after: out
        _person("E", "Chi bộ 1", "01/01/2025", "01/07/2026"),  # in; admitted the day after
        _person("F", "Chi bộ 1", "01/01/2023", "30/06/2024"),  # admitted on the bound: out
    ]
    data = dvstat.candidates(str(_candidates(tmp_path, rows)), as_of=DAY).to_dict()
    conversion = data["conversion"]
    assert (conversion["months"], conversion["classed"], conversion["admitted"]) == (24, 3, 1)
    assert conversion["percent"] == 33.33  # 1 × 100 / 3, two decimals
    # admitted in the window with a class date: A after 6 full months (30/06/2024 ->
    # 10/01/2025), B after 23 (01/07/2024 -> 30/06/2026): the median is 14,5
    assert conversion["median_months_to_admission"] == 14.5


def test_no_admission_this_year_counts_from_the_first_day_to_the_day(tmp_path: Path) -> None:
    """Each unit has one candidate waiting and one admitted: on 01/01/2026 (this year), on
    31/12/2025 (last year), on 30/06/2026 (the day) or on 01/07/2026 (after the day)."""
    rows = [
        _person("W1", "Chi bộ 1", "01/01/2026"),
        _person("A1", "Chi bộ 1", "01/06/2025", "01/01/2026"),
        _person("W2", "Chi bộ 2", "01/01/2026"),
        _person("A2", "Chi bộ 2", "01/06/2025", "31/12/2025"),
        _person("W3", "Chi bộ 3", "01/01/2026"),
        _person("A3", "Chi bộ 3", "01/06/2025", "30/06/2026"),
        _person("W4", "Chi bộ 4", "01/01/2026"),
        _person("A4", "Chi bộ 4", "01/06/2025", "01/07/2026"),
    ]
    data = dvstat.candidates(str(_candidates(tmp_path, rows)), as_of=DAY).to_dict()
    found = [
        (i["value"], i["message"])
        for i in data["issues"]["items"]
        if i["code"] == "no-admission-this-year"
    ]
    assert found == [
        ("Chi bộ 2", "đơn vị 'Chi bộ 2' có quần chúng trong nguồn nhưng chưa kết nạp ai trong "
         "năm 2026"),
        ("Chi bộ 4", "đơn vị 'Chi bộ 4' có quần chúng trong nguồn nhưng chưa kết nạp ai trong "
         "năm 2026"),
    ]  # fmt: skip


def test_no_admission_this_year_from_the_admission_rosters(tmp_path: Path) -> None:
    """The same bounds when the admissions come from the new members' rosters."""
    from conftest import make_xlsx, member

    rows = [_person(f"W{n}", f"Chi bộ {n}", "01/01/2026") for n in (1, 2, 3)]
    admitted = make_xlsx(
        tmp_path / "ket-nap.xlsx",
        {
            "DS": [
                member("A1", admitted="01/01/2026", branch="Chi bộ 1"),
                member("A2", admitted="31/12/2025", branch="Chi bộ 2"),
                member("A3", admitted="30/06/2026", branch="Chi bộ 3"),
            ]
        },
    )
    data = dvstat.candidates(
        str(_candidates(tmp_path, rows)), admissions=[str(admitted)], as_of=DAY
    ).to_dict()
    units = [i["value"] for i in data["issues"]["items"] if i["code"] == "no-admission-this-year"]
    assert units == ["Chi bộ 2"]
    # admitted this year (from 01/01 to the day) and not among the candidates: named
    outside = [
        (i["row"], i["column"], i["value"])
        for i in data["issues"]["items"]
        if i["code"] == "admitted-without-candidacy"
    ]
    assert outside == [(2, "Họ và tên", "A1"), (4, "Họ và tên", "A3")]


def _plan(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "chi-tieu.csv"
    path.write_text("Đơn vị;Năm;Chỉ tiêu\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


# Past the class this spring (certificate valid), or admitted this year.
FEASIBILITY_ROWS = [
    _person("X1", "Chi bộ X", "01/03/2026", "01/05/2026"),  # X: 1 of 1 admitted: met
    _person("Y1", "Chi bộ Y", "01/03/2026"),  # Y: 2 ready for 2 to 4: reachable
    _person("Y2", "Chi bộ Y", "01/03/2026"),
    _person("Z1", "Chi bộ Z", "01/03/2026"),  # Z: 1 ready for 3: short
    _person("C1", "Chi bộ Công an xã", "01/03/2026"),  # named 'Chi bộ Công an' in the plan
]


def test_the_plan_table_short_then_reachable_then_met_each_by_name(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            "Chi bộ Khác;2025;5",  # another year: no row, and the rows after it still count
            "Chi bộ Không có;2026;5",  # no such unit: no row (quota reports it)
            "Chi bộ X;2026;1",
            "Chi bộ Y;2026;2-4",  # a range: the plan counts on its lower bound
            "Chi bộ Z;2026;3",
            "Chi bộ Công an;2026;1",  # but for its last word
            "*;2026;8-10",  # the whole scope: the total's target
        ],
    )
    data = dvstat.candidates(str(_candidates(tmp_path, FEASIBILITY_ROWS)), as_of=DAY, plan=plan)
    found = data.to_dict()
    assert [
        (u["label"], u["target"], u["admitted"], u["remaining"], u["ready"], u["status"])
        for u in found["plan"]
    ] == [
        ("Chi bộ Z", 3, 0, 3, 1, "short"),
        ("Chi bộ Công an xã", 1, 0, 1, 1, "reachable"),
        ("Chi bộ Y", 2, 0, 2, 2, "reachable"),
        ("Chi bộ X", 1, 1, 0, 0, "met"),
    ]
    total = found["plan_total"]
    # 8 to admit, 1 admitted, 4 ready: 7 left, short
    assert (total["label"], total["target"], total["admitted"], total["ready"]) == (
        "TỔNG CỘNG",
        8,
        1,
        4,
    )
    assert (total["remaining"], total["status"]) == (7, "short")


def test_the_workspace_organization_s_own_plan_row_is_the_total(tmp_path: Path) -> None:
    (tmp_path / "dvstat.toml").write_text(
        'organization = "Đảng bộ xã Tân Lập"\ncache = false\n', encoding="utf-8"
    )
    plan = _plan(tmp_path, ["Chi bộ X;2026;1", "Đảng bộ xã Tân Lập;2026;6"])
    data = dvstat.candidates(
        str(_candidates(tmp_path, FEASIBILITY_ROWS)),
        as_of=DAY,
        plan=plan,
        config=tmp_path / "dvstat.toml",
        lang="en",
    ).to_dict()
    assert [u["label"] for u in data["plan"]] == ["Chi bộ X"]
    total = data["plan_total"]
    assert (total["label"], total["target"], total["remaining"], total["status"]) == (
        "Đảng bộ xã Tân Lập",
        6,
        5,
        "short",
    )


def test_without_a_whole_scope_row_the_total_adds_the_units_and_is_named_in_english(
    tmp_path: Path,
) -> None:
    plan = _plan(tmp_path, ["Chi bộ X;2026;1", "Chi bộ Z;2026;3"])
    data = dvstat.candidates(
        str(_candidates(tmp_path, FEASIBILITY_ROWS)), as_of=DAY, plan=plan, lang="en"
    ).to_dict()
    total = data["plan_total"]
    assert (total["label"], total["target"], total["admitted"], total["ready"]) == (
        "TOTAL",
        4,
        1,
        4,
    )


def test_flows_of_a_period_without_an_end_run_to_the_day_and_count_linked_admissions() -> None:
    from dvstat.candidacy import _flows
    from dvstat.model import Period

    frame = _frame(
        [
            {"class": "2026-03-01"},  # in
            {"class": "2026-07-01"},  # after the day: a plan, not a flow
            {"class": "2025-12-31", "admitted": "2026-06-30"},  # admitted on the day
            {"class": "2026-01-01"},  # admitted by the admission rosters on 1 May
        ]
    )
    valid = pd.Series(True, index=frame.index)
    linked = pd.Series(pd.to_datetime([None, None, None, "2026-05-01"])).astype("datetime64[s]")
    pipe = pipeline_at(frame, valid, DAY, linked)
    open_ended = Period(date(2026, 1, 1), None, "", "")
    flows = _flows(frame, valid, pipe, open_ended, DAY)
    assert flows == {"listed": 0, "sympathizer": 0, "class": 2, "dossier": 0, "admitted": 2}
    # an end after the day stops at the day; before it, at the end
    assert (
        _flows(frame, valid, pipe, Period(date(2026, 1, 1), date(2026, 12, 31), "", ""), DAY)[
            "class"
        ]
        == 2
    )
    assert _flows(frame, valid, pipe, Period(date(2026, 1, 1), date(2026, 4, 30), "", ""), DAY) == {
        "listed": 0, "sympathizer": 0, "class": 2, "dossier": 0, "admitted": 0,
    }  # fmt: skip
    assert _flows(frame, valid, pipe, Period(None, None, "", ""), DAY) is None
    assert _flows(frame, valid, pipe, None, DAY) is None


def test_the_report_in_english_names_its_stages_and_its_origin(tmp_path: Path) -> None:
    rows = [_person("A1", "Chi bộ X", "01/03/2026"), _person("B1", "Chi bộ B", "01/03/2026")]
    data = dvstat.candidates(
        str(_candidates(tmp_path, rows)), as_of=DAY, lang="en", by="branch"
    ).to_dict()
    assert [u["label"] for u in data["units"]] == ["Chi bộ B", "Chi bộ X"]
    assert [s["label"] for s in data["stages"]][-2:] == ["Dossier in progress", "Admitted"]
    assert data["generated_by"].startswith("dvstat ")
    assert data["inputs"] == ["nguon.xlsx"]
    none = dvstat.candidates(str(_candidates(tmp_path, rows)), as_of=DAY, by=None).to_dict()
    assert none["units"] == []


def test_admissions_after_the_day_are_not_named_as_outside_the_candidates(tmp_path: Path) -> None:
    from conftest import make_xlsx, member

    admitted = make_xlsx(
        tmp_path / "ket-nap.xlsx",
        {
            "DS": [
                member("A1", admitted="30/06/2026", branch="Chi bộ 1"),
                member("A2", admitted="01/07/2026", branch="Chi bộ 1"),  # after the day
            ]
        },
    )
    rows = [_person("W1", "Chi bộ 1", "01/01/2026")]
    data = dvstat.candidates(
        str(_candidates(tmp_path, rows)), admissions=[str(admitted)], as_of=DAY
    ).to_dict()
    outside = [
        i["value"] for i in data["issues"]["items"] if i["code"] == "admitted-without-candidacy"
    ]
    assert outside == ["A1"]
