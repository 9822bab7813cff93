"""Each failure mode in a tiny workbook: the issue code, severity and exact place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import AS_OF, HEADER, make_xlsx, member
from dvstat.model import Issue
from dvstat.pipeline import load_rosters
from dvstat.settings import Settings


def _issues(*paths: Path) -> list[Issue]:
    return load_rosters([str(p) for p in paths], Settings(), AS_OF).issues


def _only(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [(i.code, i.row) for i in issues]
    return found[0]


def test_a_missing_breakdown_column_keeps_the_rows_as_unknown(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "Tôn giáo"]
    rows = [
        [v for h, v in zip(HEADER, member(), strict=True) if h != "Tôn giáo"],
        [
            v
            for h, v in zip(HEADER, member(name="Lê Thị Bình", gender="Nữ"), strict=True)
            if h != "Tôn giáo"
        ],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", {"CB 1": rows}, header=header, title_rows=2)
    loaded = load_rosters([str(path)], Settings(), AS_OF)
    issue = _only(loaded.issues, "missing-column")
    assert (issue.severity, issue.file, issue.sheet, issue.row, issue.column) == (
        "error",
        "a.xlsx",
        "CB 1",
        3,
        None,
    )
    assert issue.detail["field"] == "religion"
    assert loaded.validation.rejected.tolist() == [False, False]
    assert loaded.frame["religion"].tolist() == ["unknown", "unknown"]
    assert loaded.frame["gender"].tolist() == ["male", "female"]
    # no per-row 'missing-value' for a column that is not there
    assert [i.code for i in loaded.issues if i.row is not None and i.row > 3] == []


def test_a_missing_admission_date_column_rejects_the_sheet(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "Ngày kết nạp"]
    rows = [[v for h, v in zip(HEADER, member(), strict=True) if h != "Ngày kết nạp"]]
    path = make_xlsx(tmp_path / "a.xlsx", {"CB 1": rows}, header=header)
    loaded = load_rosters([str(path)], Settings(), AS_OF)
    issue = _only(loaded.issues, "missing-column")
    assert issue.detail == {"field": "admission_date", "rows": "1", "consequence": "sheet-rejected"}
    assert loaded.validation.reason.tolist() == ["missing-column"]


@pytest.mark.parametrize(
    ("row", "code", "severity", "column", "value"),
    [
        (member(ethnicity="Ede Ede"), "unknown-ethnicity", "warning", "Dân tộc", "Ede Ede"),
        (member(religion="Đạo Mẫu"), "unknown-religion", "warning", "Tôn giáo", "Đạo Mẫu"),
        (member(admitted="31/02/2025"), "bad-date", "error", "Ngày kết nạp", "31/02/2025"),
        (
            member(birth="10/10/2007", admitted="01/03/2025"),
            "under-18",
            "error",
            "Ngày sinh",
            "10/10/2007",
        ),
        (
            member(birth="01/01/1960", admitted="01/03/2025"),
            "over-60",
            "warning",
            "Ngày sinh",
            "01/01/1960",
        ),
        (member(education="7/12"), "below-lower-secondary", "warning", "Trình độ văn hóa", "7/12"),
        (
            member(birth="01/01/2000", admitted="01/01/1999"),
            "admitted-before-birth",
            "error",
            "Ngày kết nạp",
            "01/01/1999",
        ),
        (member(admitted="01/01/2027"), "future-date", "error", "Ngày kết nạp", "01/01/2027"),
        (member(admitted=""), "missing-admission-date", "error", "Ngày kết nạp", None),
    ],
)
def test_row_issue_place(
    tmp_path: Path, row: list[object], code: str, severity: str, column: str, value: str | None
) -> None:
    good = member(name="Trần Thị Bình", gender="Nữ")
    path = make_xlsx(tmp_path / "chi-bo.xlsx", {"TCCS 03": [good, row]}, title_rows=3)
    issue = _only(_issues(path), code)
    # 3 title rows, header on row 4, good row 5, the row under test on row 6
    assert (issue.severity, issue.file, issue.sheet, issue.row, issue.column, issue.value) == (
        severity,
        "chi-bo.xlsx",
        "TCCS 03",
        6,
        column,
        value,
    )


def test_under_18_is_counted_by_month(tmp_path: Path) -> None:
    just_18 = member(name="A", birth="01/03/2007", admitted="01/03/2025")
    one_day_short = member(name="B", birth="02/03/2007", admitted="01/03/2025")
    path = make_xlsx(tmp_path / "a.xlsx", {"S": [just_18, one_day_short]})
    issues = [i for i in _issues(path) if i.code == "under-18"]
    assert [i.row for i in issues] == [3]
    assert issues[0].detail["age"] == "215"


def test_same_person_in_two_files_is_a_warning_naming_both_places(tmp_path: Path) -> None:
    person = member(name="Nguyễn Văn Trùng", birth="05/05/1995")
    first = make_xlsx(tmp_path / "a.xlsx", {"CB 1": [member(name="Khác"), person]})
    second = make_xlsx(tmp_path / "b.xlsx", {"CB 2": [person]})
    loaded = load_rosters([str(first), str(second)], Settings(), AS_OF)
    issue = _only(loaded.issues, "duplicate-person")
    assert (issue.severity, issue.file, issue.sheet, issue.row) == ("warning", "b.xlsx", "CB 2", 2)
    assert issue.detail["other_file"] == "a.xlsx"
    assert issue.detail["other_sheet"] == "CB 1"
    assert issue.detail["other_row"] == "3"
    assert loaded.validation.duplicate.tolist() == [False, False, True]
    assert loaded.validation.rejected.sum() == 1


def test_footer_and_signature_rows_are_not_members(tmp_path: Path) -> None:
    rows = [
        member(name="A"),
        member(name="B"),
        [None, "Tổng cộng: 2 đồng chí"],
        [],
        [None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, "T/M CHI ỦY"],
        [None, "Lê Thị Lập", None, None, None, None, None, "Hoàng Văn Bí"],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", {"S": rows})
    loaded = load_rosters([str(path)], Settings(), AS_OF)
    assert len(loaded.frame) == 2
    footer = _only(loaded.issues, "footer-skipped")
    assert footer.detail == {"rows": "3", "first": "4"}


def test_hidden_sheet_and_sheet_without_header_are_info(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make_xlsx(tmp_path / "a.xlsx", {"CB 1": [member()], "Nháp": [member()]})
    wb = load_workbook(path)
    wb["Nháp"].sheet_state = "hidden"
    guide = wb.create_sheet("Hướng dẫn")
    guide["A1"] = "Ghi ngày dạng dd/mm/yyyy"
    wb.save(path)
    issues = _issues(path)
    assert _only(issues, "hidden-sheet").sheet == "Nháp"
    assert _only(issues, "no-header").sheet == "Hướng dẫn"


def test_same_record_number_is_one_person_and_empty_numbers_are_not(tmp_path: Path) -> None:
    header = [*HEADER, "Số lý lịch"]
    rows = [
        member(name="A", birth="01/01/1990") + ["LL-001"],
        member(name="B", birth="02/02/1991") + [""],
        member(name="C", birth="03/03/1992") + [""],
        member(name="A khác tên", birth="04/04/1993") + ["LL-001"],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", {"S": rows}, header=header)
    loaded = load_rosters([str(path)], Settings(), AS_OF)
    assert loaded.validation.duplicate.tolist() == [False, False, False, True]
    issue = _only(loaded.issues, "duplicate-person")
    assert (issue.row, issue.detail["other_row"]) == (5, "2")


def test_person_identity_weighs_what_is_known(tmp_path: Path) -> None:
    """Rows 2-3: same name, same birth year only, different units and admission dates: two
    people, a possible-duplicate warning, both count. Rows 4-5: a full date in one file's
    row, the year in the other, the same admission date: one person. Rows 6-7: same name
    and full birth date: one person. Rows 8-9: different names, the same citizen ID: one
    person."""
    from conftest import make_csv, member

    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
              "Trình độ văn hóa", "Ngày kết nạp", "Chi bộ", "Số CCCD"]  # fmt: skip
    rows = [
        member(name="Lò Văn Tú", birth="1995", admitted="10/03/2025", branch="CB 1") + [""],
        member(name="Lò Văn Tú", birth="1995", admitted="20/08/2025", branch="CB 2") + [""],
        member(name="Hà Thị Lan", birth="05/06/1996", admitted="11/03/2025") + [""],
        member(name="Hà Thị Lan", birth="1996", admitted="11/03/2025") + [""],
        member(name="Vì Văn Sơn", birth="07/07/1997", admitted="12/03/2025") + [""],
        member(name="Vì Văn Sơn", birth="07/07/1997", admitted="13/03/2025") + [""],
        member(name="Mùa A Chu", birth="01/01/1990", admitted="14/03/2025") + ["001090012345"],
        member(name="Mùa A Chú", birth="01/01/1990", admitted="14/03/2025") + ["001090012345"],
    ]
    path = make_csv(tmp_path / "ds.csv", rows, header=header)
    report = dvstat.validate(str(path), as_of=date(2026, 1, 1))
    found = sorted((i.issue.code, i.issue.row) for i in report.issues.items
                   if "duplicate" in i.issue.code)  # fmt: skip
    assert found == [
        ("duplicate-person", 5),
        ("duplicate-person", 7),
        ("duplicate-person", 9),
        ("possible-duplicate", 3),
    ]
    assert report.rows.counted == 5  # 8 rows, 3 duplicates
